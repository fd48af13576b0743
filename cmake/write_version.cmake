# Writes generated/marrow/version.hpp at every build, not only at configure time, so that the revision
# a run records is that of the sources the program was built from: HEAD, with "-dirty" when the sources
# that make the program (src, include, cmake, CMakeLists.txt) differ from HEAD. The file is rewritten
# only when its text changes, so an unchanged revision rebuilds nothing.
# Called as: cmake -DSRC=<source dir> -DOUT=<version.hpp> -DPROJECT_VERSION=<x.y.z> -P write_version.cmake
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY "${SRC}" RESULT_VARIABLE rc
                OUTPUT_VARIABLE MARROW_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT rc EQUAL 0 OR NOT MARROW_GIT_REVISION)
  set(MARROW_GIT_REVISION "unknown")  # a source tarball, or no git
else()
  execute_process(COMMAND git diff --quiet HEAD -- src include cmake CMakeLists.txt WORKING_DIRECTORY "${SRC}"
                  RESULT_VARIABLE dirty ERROR_QUIET)
  if(dirty EQUAL 1)
    string(APPEND MARROW_GIT_REVISION "-dirty")
  endif()
endif()
configure_file("${SRC}/include/marrow/version.hpp.in" "${OUT}.new" @ONLY)
file(COPY_FILE "${OUT}.new" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.new")
