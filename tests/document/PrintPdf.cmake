# The handout and the report printed to PDF by headless Chromium, as a patient would print them:
# each must print, and on a plausible number of A4 pages (pdfinfo counts them). The pages are
# left in WORK_DIR for a person to look at.
# Variables: MOTUS, SOURCE_DIR, WORK_DIR, CHROMIUM, PDFINFO.
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/Patient.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/home)
set(DB ${WORK_DIR}/journal/motus.db)
document_patient(${DB})
document_run(--db ${DB} handout --current --out ${WORK_DIR}/handout.html)
document_run(--db ${DB} handout ${SOURCE_DIR}/exercises/programs/neck-upper-back.xml
  --out ${WORK_DIR}/neck.html)
document_run(--db ${DB} report --out ${WORK_DIR}/report.html)

set(failures 0)
# print(NAME MIN MAX): NAME.html to NAME.pdf; its page count within MIN..MAX.
function(print name min max)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env HOME=${WORK_DIR}/home
    ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer
    --user-data-dir=${WORK_DIR}/home/profile --print-to-pdf=${WORK_DIR}/${name}.pdf
    file://${WORK_DIR}/${name}.html
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT code EQUAL 0 OR NOT EXISTS ${WORK_DIR}/${name}.pdf)
    message(SEND_ERROR "chromium could not print ${name}.html (${code}):\n${out}\n${err}")
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND ${PDFINFO} ${WORK_DIR}/${name}.pdf OUTPUT_VARIABLE info RESULT_VARIABLE code)
  string(REGEX MATCH "Pages: +([0-9]+)" found "${info}")
  set(pages "${CMAKE_MATCH_1}")
  if(NOT code EQUAL 0 OR pages STREQUAL "" OR pages LESS ${min} OR pages GREATER ${max})
    message(SEND_ERROR "${name}.pdf has '${pages}' pages, expected ${min} to ${max}\n${info}")
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
  else()
    message(STATUS "${name}.pdf: ${pages} pages")
  endif()
endfunction()

print(handout 3 14)
print(neck 2 12)
print(report 2 10)
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} print check(s) failed")
endif()
