# CLIPDOWN_SANITIZE="address;undefined" builds everything with those sanitizers (CI runs the
# tests this way too).
set(CLIPDOWN_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address;undefined")
if(CLIPDOWN_SANITIZE)
  list(JOIN CLIPDOWN_SANITIZE "," _clipdown_sanitizers)
  add_compile_options(-fsanitize=${_clipdown_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_clipdown_sanitizers})
endif()
