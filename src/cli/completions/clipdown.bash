# bash completion for clipdown (installed to share/bash-completion/completions/clipdown)

_clipdown() {
  local cur prev
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -o|--output|--jsonl-paths)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --format) COMPREPLY=($(compgen -W "markdown text json" -- "$cur")); return ;;
    --front-matter) COMPREPLY=($(compgen -W "yaml toml json none" -- "$cur")); return ;;
    --preset) COMPREPLY=($(compgen -W "hugo jekyll zola eleventy astro obsidian" -- "$cur")); return ;;
    --captions|--images) COMPREPLY=($(compgen -W "keep drop" -- "$cur")); return ;;
    --links) COMPREPLY=($(compgen -W "keep text" -- "$cur")); return ;;
    --authors) COMPREPLY=($(compgen -W "list string" -- "$cur")); return ;;
    --favor) COMPREPLY=($(compgen -W "balance precision recall" -- "$cur")); return ;;
    --print)
      COMPREPLY=($(compgen -W "title author date updated source url type description image lang tags" -- "$cur"))
      return ;;
    --from) COMPREPLY=($(compgen -W "auto html text markdown lynx w3m plain" -- "$cur")); return ;;
    --name|-j|--jobs|--memory-budget|--include|--exclude|--wrap|--meta|--charset|--max-input-size|--url)
      return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "-h --help --version -o --output -v --verbose -q --quiet --name
      --force -j --jobs --memory-budget --include --exclude --format --front-matter --preset
      --title-heading --captions --links --images --wrap --meta --authors --print --jsonl
      --jsonl-paths --from --charset --max-input-size --url --no-extract --favor --explain
      --dump-blocks" -- "$cur"))
    return
  fi
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _clipdown clipdown
