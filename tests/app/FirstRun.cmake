# The window's first run, as the real binary decides it: with no program ever assigned and no
# `welcome-seen` in the settings it opens on the welcome (not on the library), showing it marks
# nothing, and with `welcome-seen=on` it opens on the library. The walk through the welcome is
# tests/app/FirstRun.test.cpp. Runs under the suite's virtual display.
# Variables: MOTUS, WORK_DIR.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(env ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg XDG_CONFIG_HOME=${WORK_DIR}/config
  ALSOFT_DRIVERS=null MOTUS_FILE_CHOOSER=none)
set(db ${WORK_DIR}/motus.db)
function(shot name)
  execute_process(COMMAND ${env} ${MOTUS} --db ${db} --screenshot ${WORK_DIR}/${name}.png
    RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(NOT code EQUAL 0 OR NOT EXISTS ${WORK_DIR}/${name}.png)
    message(FATAL_ERROR "motus --screenshot (${name}): ${code}\n${err}")
  endif()
  file(SHA256 ${WORK_DIR}/${name}.png hash)
  set(${name} ${hash} PARENT_SCOPE)
endfunction()
shot(welcome)
if(EXISTS ${WORK_DIR}/config/motus/settings.ini)
  message(FATAL_ERROR "showing the welcome marked it seen")
endif()
shot(welcome_again)
if(NOT welcome STREQUAL welcome_again)
  message(FATAL_ERROR "the first run did not show the same screen twice")
endif()
file(WRITE ${WORK_DIR}/config/motus/settings.ini "welcome-seen=on\n")
shot(library)
if(welcome STREQUAL library)
  message(FATAL_ERROR "with welcome-seen=on the window still opened on the welcome")
endif()
# A journal that has had a program opens on Today, whatever the settings say.
file(REMOVE ${WORK_DIR}/config/motus/settings.ini)
execute_process(COMMAND ${env} ${MOTUS} --db ${db} program start low-back-motor-control
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "program start: ${code}\n${out}${err}")
endif()
shot(today)
if(today STREQUAL welcome OR today STREQUAL library)
  message(FATAL_ERROR "with a program the window did not open on Today")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
