# The player on a machine without a sound card (as here and in CI): it plays, silently, and
# prints nothing about audio. Runs under the suite's virtual display.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=ALSOFT_DRIVERS
  ${MOTUS} play glute-bridge --screenshot ${OUT} --screenshot-at 8
  RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the player failed: ${code}\n${err}")
endif()
if(err MATCHES "ALSA|AL lib|OpenAL|audio device")
  message(FATAL_ERROR "audio errors printed:\n${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "no screenshot")
endif()
file(REMOVE ${OUT})
