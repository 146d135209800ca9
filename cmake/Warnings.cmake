# Compiler warnings for every clipdown target; -Werror when CLIPDOWN_WERROR is ON (CI).
function(clipdown_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
    # g++ 12 flags designated initializers that omit defaulted fields.
    -Wno-missing-field-initializers)
  if(CLIPDOWN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
