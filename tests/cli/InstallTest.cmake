# Installs the build into a fresh prefix and checks that the installed motus finds its
# library and translations relative to itself (run from another directory).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
  RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${code}")
endif()
foreach(path bin/motus share/motus/exercises/low-back/mcgill-curl-up.xml
             share/locale/de/LC_MESSAGES/motus.mo share/doc/motus/exercise-format.md
             share/motus/assets/icons/motus.png share/applications/org.motus.Motus.desktop
             share/icons/hicolor/256x256/apps/org.motus.Motus.png)
  if(NOT EXISTS ${PREFIX}/${path})
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
execute_process(COMMAND ${PREFIX}/bin/motus validate WORKING_DIRECTORY ${PREFIX}/..
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT out MATCHES " 0 error")
  message(FATAL_ERROR "installed motus validate: ${code}\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANGUAGE=de ${PREFIX}/bin/motus show mcgill-curl-up
  WORKING_DIRECTORY ${PREFIX}/.. RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT out MATCHES "Dosierung:" OR NOT out MATCHES "McGill-Curl-up")
  message(FATAL_ERROR "installed motus in German: ${code}\n${out}\n${err}")
endif()
file(REMOVE_RECURSE ${PREFIX})
message(STATUS "installed motus runs from its prefix")
