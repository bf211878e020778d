# The start-up benchmark works (its figures are never checked: they depend on the machine):
# MOTUS_EXIT_AFTER_FIRST_FRAME ends the window after its first frame, on the library (no
# program) and on Today, with "first frame: NS" alone on standard output; the driver runs motus
# and the bare window once each and prints its figures. Runs under the suite's virtual display.
# Variables: MOTUS, DRIVER, WORK_DIR.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(env ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg XDG_CONFIG_HOME=${WORK_DIR}/config
  ALSOFT_DRIVERS=null MOTUS_EXIT_AFTER_FIRST_FRAME=1)
set(db ${WORK_DIR}/motus.db)
foreach(screen library today)
  if(screen STREQUAL "today")
    execute_process(COMMAND ${env} ${MOTUS} --db ${db} program start low-back-motor-control
      RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
    if(NOT code EQUAL 0)
      message(FATAL_ERROR "program start: ${code}\n${out}${err}")
    endif()
  endif()
  execute_process(COMMAND ${env} ${MOTUS} --db ${db}
    RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(NOT code EQUAL 0 OR NOT out MATCHES "^first frame: [0-9]+\n$")
    message(FATAL_ERROR "motus (${screen}) with MOTUS_EXIT_AFTER_FIRST_FRAME=1: ${code}\n"
      "${out}${err}")
  endif()
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -E env ALSOFT_DRIVERS=null ${DRIVER} --runs 1
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0
   OR NOT out MATCHES "bare SFML window, text +[0-9.]+ ms"
   OR NOT out MATCHES "motus, Today +[0-9.]+ ms"
   OR NOT out MATCHES "motus: [0-9.]+x the bare window's time to the first frame[^\n]*[-+][0-9.]+ MiB peak memory")
  message(FATAL_ERROR "motus_bench_startup --runs 1: ${code}\n${out}${err}")
endif()
message(STATUS "${out}")
