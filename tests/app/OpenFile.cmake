# `motus FILE`, as a file manager runs it on a program file: the window opens on its preview
# (to be assigned with Start this program), assigns nothing by itself (with a program assigned,
# the journal stays byte-identical), and a file with errors is named with its diagnostics
# instead of stopping the window. Runs under the suite's virtual display.
# Variables: MOTUS, SOURCE_DIR, WORK_DIR.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
# The welcome of the first run seen (tests/app/FirstRun.test.cpp walks it): the window opens on
# the file's preview straight away, as here.
file(WRITE ${WORK_DIR}/config/motus/settings.ini "welcome-seen=on\n")
set(env ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg XDG_CONFIG_HOME=${WORK_DIR}/config
  ALSOFT_DRIVERS=null)
set(db ${WORK_DIR}/motus.db)
execute_process(COMMAND ${env} ${MOTUS} --db ${db} --screenshot ${WORK_DIR}/good.png
  ${SOURCE_DIR}/exercises/programs/hip-knee.xml
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0 OR NOT EXISTS ${WORK_DIR}/good.png OR err MATCHES "error|warning")
  message(FATAL_ERROR "motus FILE on a valid program: ${code}\n${err}")
endif()
execute_process(COMMAND ${env} ${MOTUS} --db ${db} program show
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 1 OR NOT err MATCHES "no program yet")
  message(FATAL_ERROR "opening a program file assigned it: ${code}\n${out}${err}")
endif()
# With a program assigned, the preview of another leaves the journal as it was, byte for byte.
execute_process(COMMAND ${env} ${MOTUS} --db ${db} program start low-back-motor-control
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "program start: ${code}\n${out}${err}")
endif()
file(SHA256 ${db} before)
execute_process(COMMAND ${env} ${MOTUS} --db ${db} --screenshot ${WORK_DIR}/replace.png
  ${SOURCE_DIR}/exercises/programs/hip-knee.xml
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
file(SHA256 ${db} after)
if(NOT code EQUAL 0 OR NOT EXISTS ${WORK_DIR}/replace.png OR NOT before STREQUAL after)
  message(FATAL_ERROR "motus FILE with a program assigned changed the journal: ${code}\n${err}")
endif()
execute_process(COMMAND ${env} ${MOTUS} --db ${db} program show
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0 OR NOT out MATCHES "Low back motor control")
  message(FATAL_ERROR "the preview replaced the program: ${code}\n${out}${err}")
endif()
file(WRITE ${WORK_DIR}/broken.xml "<program id=\"broken\" format=\"1\">\n  <title>B</title>\n"
  "  <author>A</author>\n  <phase name=\"One\" weeks=\"1\" per-week=\"7\">\n"
  "    <item exercise=\"no-such-exercise\"/>\n  </phase>\n</program>\n")
execute_process(COMMAND ${env} ${MOTUS} --db ${db} --screenshot ${WORK_DIR}/broken.png
  ${WORK_DIR}/broken.xml RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0 OR NOT EXISTS ${WORK_DIR}/broken.png OR
   NOT err MATCHES "broken\\.xml:5: error: <item> attribute 'exercise': unknown exercise")
  message(FATAL_ERROR "motus FILE on a broken program: ${code}\n${err}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
