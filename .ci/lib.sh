# Shared by .ci/setup and .ci/run (sourced, not run): one-line progress on stderr, each step's
# own output kept in a log and shown in full only when the step fails, and the package list.
# The caller sets CI_TAG (the prefix of every line, e.g. "clipdown setup") and CI_LOG_DIR.

ci_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ci_say TEXT...: one progress line on stderr.
ci_say() { echo "$CI_TAG: $*" >&2; }

# ci_fail STEP REASON: the one-line failure, then exit 1.
ci_fail() {
  echo "$CI_TAG: $1 failed: $2" >&2
  exit 1
}

# ci_reason LOG STATUS: the first line of LOG that says what went wrong, else the exit status.
ci_reason() {
  local line
  line=$(grep -m1 -E '^(E: |npm ERR!|npm error|CMake Error|FAILED: |ninja: error|.*: error: |.*: fatal error: )' "$1" 2>/dev/null)
  if [[ -n $line ]]; then
    echo "${line:0:300}"
  else
    echo "exit status $2"
  fi
}

# ci_step NAME COMMAND...: runs COMMAND with stdout and stderr in $CI_LOG_DIR/NAME.log. Prints
# "NAME ... done in N s" on stderr; when COMMAND fails, prints its whole output and the
# one-line reason, and exits 1.
ci_step() {
  local name=$1 log status t0
  shift
  mkdir -p "$CI_LOG_DIR"
  log=$CI_LOG_DIR/${name//[^A-Za-z0-9_.-]/-}.log
  t0=$SECONDS
  set +e
  "$@" >"$log" 2>&1 </dev/null
  status=$?
  set -e
  if ((status != 0)); then
    echo "----- output of $name ($log):" >&2
    cat "$log" >&2
    echo "-----" >&2
    ci_fail "$name" "$(ci_reason "$log" "$status")"
  fi
  ci_say "$name: done in $((SECONDS - t0)) s"
}

# ci_packages SET...: the package names of those sets in .ci/packages, one per line.
ci_packages() {
  local sets=" $* "
  awk -v sets="$sets" '!/^[[:space:]]*(#|$)/ && index(sets, " " $1 " ") {print $2}' \
    "$ci_dir/packages"
}

# ci_install SET...: installs the packages of those sets that are not installed yet, with sudo
# when not root. Prints one line before and one after.
ci_install() {
  local -a wanted missing sudo=()
  local p
  mapfile -t wanted < <(ci_packages "$@")
  missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    ci_say "packages ($*): all ${#wanted[@]} installed"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null ||
      ci_fail "installing packages" "not root and sudo is not installed: run as root, or install sudo (missing: ${missing[*]})"
    sudo=(sudo)
  fi
  ci_say "installing ${#missing[@]} Debian packages (${missing[*]}); this takes a few minutes"
  ci_step "apt-get update" "${sudo[@]}" apt-get update
  # env inside sudo: sudo's env_reset would drop DEBIAN_FRONTEND and debconf would ask.
  ci_step "apt-get install" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}
