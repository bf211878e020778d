# msgfmt's own checks of every catalogue in LINGUAS: the header, the printf formats
# (--check-format) and the counts (--statistics). Fails on any fuzzy or untranslated message.
file(STRINGS ${LOCALE}/LINGUAS langs)
foreach(lang IN LISTS langs)
  execute_process(COMMAND ${MSGFMT} --check --check-format --statistics -o /dev/null
                          ${LOCALE}/${lang}.po
                  RESULT_VARIABLE rc ERROR_VARIABLE out OUTPUT_VARIABLE out2)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${lang}.po: msgfmt failed:\n${out}${out2}")
  endif()
  if(out MATCHES "fuzzy|untranslated")
    message(FATAL_ERROR "${lang}.po is incomplete: ${out}")
  endif()
  if(NOT out MATCHES "translated message")
    message(FATAL_ERROR "${lang}.po: no statistics from msgfmt: ${out}")
  endif()
  message(STATUS "${lang}.po: ${out}")
endforeach()
