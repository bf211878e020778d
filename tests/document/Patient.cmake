# A patient scripted on the command line for the document tests: the low back program from
# 2026-11-02, two weeks of the routine with pain and effort ratings and morning check-ins, one
# painful day (a step back), and leg symptoms that stop an exercise and flag it.
# document_patient(DB): writes the journal DB; "today" is 2026-11-16 (MOTUS_TODAY).
# document_run(ARGS...): motus on 2026-11-16, or on DOCUMENT_TODAY when set.
function(document_run)
  set(today 2026-11-16)
  if(DOCUMENT_TODAY)
    set(today ${DOCUMENT_TODAY})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env MOTUS_TODAY=${today}
    XDG_DATA_HOME=${WORK_DIR}/xdg ${MOTUS} ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "motus ${ARGN}: exit ${code}\n${out}\n${err}")
  endif()
endfunction()

function(document_patient db)
  set(DOCUMENT_TODAY 2026-11-02)
  document_run(--db ${db} program start low-back-motor-control --start 2026-11-02)
  # Each day as it comes: the routine of that day (the plan moves on with the weeks).
  foreach(n RANGE 2 15)
    if(n LESS 10)
      set(date 2026-11-0${n})
    else()
      set(date 2026-11-${n})
    endif()
    set(DOCUMENT_TODAY ${date})
    math(EXPR pain "${n} % 3 + 1")
    math(EXPR morning "(${n} + 1) % 3 + 1")
    document_run(--db ${db} checkin --date ${date} --morning-pain ${morning})
    if(n EQUAL 6)
      continue() # a missed day
    endif()
    set(curl --pain ${pain})
    if(n EQUAL 12)
      set(curl --pain 7) # red: the curl-up steps back at once
    endif()
    document_run(--db ${db} log cat-camel --date ${date} --pain ${pain} --rpe 3)
    document_run(--db ${db} log abdominal-drawing-in --date ${date} --pain ${pain} --rpe 4)
    document_run(--db ${db} log posterior-pelvic-tilt --date ${date} --pain ${pain} --rpe 4)
    document_run(--db ${db} log mcgill-curl-up --date ${date} ${curl} --rpe 5)
    if(n EQUAL 14)
      document_run(--db ${db} log bird-dog-arm --date ${date} --pain 2 --rpe 5 --leg worse)
    elseif(n LESS 14)
      document_run(--db ${db} log bird-dog-arm --date ${date} --pain ${pain} --rpe 5)
    endif()
  endforeach()
endfunction()
