# Runs the motus binary as a user would and checks exit codes and output.
# Variables: MOTUS (the binary), SOURCE_DIR, WORK_DIR.
cmake_minimum_required(VERSION 3.25)
set(failures 0)
set(checks 0)

# motus_run(NAME EXIT code [STDOUT regex...] [STDERR regex...] [NOT_STDOUT regex...]
#           [UNCHANGED file] [ENV var=value...] [LAUNCHER command...] ARGS ...)
# LAUNCHER: a command that runs motus (its path and arguments follow it), e.g. a shell that
# lowers a limit first.
# UNCHANGED: the file (the journal) is byte for byte the same afterwards. Every run has a
# private XDG_DATA_HOME, so that no default journal outside WORK_DIR is ever touched.
function(motus_run name)
  cmake_parse_arguments(R "" "EXIT;UNCHANGED" "ARGS;STDOUT;STDERR;NOT_STDOUT;ENV;LAUNCHER" ${ARGN})
  if(R_UNCHANGED)
    file(SHA256 ${R_UNCHANGED} before)
  endif()
  # Standard input is never a terminal here, so motus never asks (program import, --replace).
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg ${R_ENV} ${R_LAUNCHER} ${MOTUS}
    ${R_ARGS} INPUT_FILE /dev/null RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(ok TRUE)
  if(R_UNCHANGED)
    file(SHA256 ${R_UNCHANGED} after)
    if(NOT before STREQUAL after)
      message(SEND_ERROR "${name}: ${R_UNCHANGED} changed\nstderr: ${err}")
      set(ok FALSE)
    endif()
  endif()
  if(NOT code STREQUAL R_EXIT)
    message(SEND_ERROR "${name}: exit ${code}, expected ${R_EXIT}\nstdout: ${out}\nstderr: ${err}")
    set(ok FALSE)
  endif()
  foreach(pattern IN LISTS R_STDOUT)
    if(NOT out MATCHES "${pattern}")
      message(SEND_ERROR "${name}: stdout does not match '${pattern}'\nstdout: ${out}")
      set(ok FALSE)
    endif()
  endforeach()
  foreach(pattern IN LISTS R_NOT_STDOUT)
    if(out MATCHES "${pattern}")
      message(SEND_ERROR "${name}: stdout matches '${pattern}' and should not\nstdout: ${out}")
      set(ok FALSE)
    endif()
  endforeach()
  foreach(pattern IN LISTS R_STDERR)
    if(NOT err MATCHES "${pattern}")
      message(SEND_ERROR "${name}: stderr does not match '${pattern}'\nstderr: ${err}")
      set(ok FALSE)
    endif()
  endforeach()
  math(EXPR c "${checks} + 1")
  set(checks ${c} PARENT_SCOPE)
  if(NOT ok)
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/mixed)
file(COPY ${SOURCE_DIR}/exercises/low-back/glute-bridge.xml DESTINATION ${WORK_DIR}/mixed)
file(READ ${SOURCE_DIR}/exercises/low-back/glute-bridge.xml bridge)
string(REPLACE "id=\"glute-bridge\"" "id=\"broken\"" broken "${bridge}")
string(REPLACE "sets=\"" "set=\"" broken "${broken}")
string(REGEX REPLACE "progression=\"[a-z-]+\"" "" broken "${broken}")
file(WRITE ${WORK_DIR}/mixed/broken.xml "${broken}")
file(READ ${SOURCE_DIR}/exercises/low-back/glute-bridge.xml good)
string(REGEX REPLACE "progression=\"[a-z-]+\"" "" good "${good}")
file(WRITE ${WORK_DIR}/mixed/glute-bridge.xml "${good}")
file(WRITE ${WORK_DIR}/bad.xml "<exercise id=\"bad\" format=\"1\">\n  <dose sets=\"3\">\n</exercise>\n")

motus_run(help EXIT 0 ARGS --help STDOUT "Usage: motus" "validate" "library" "show")
motus_run(version EXIT 0 ARGS --version STDOUT "^motus [0-9]+\\.[0-9]+\\.[0-9]+\n$")
motus_run(unknown-command EXIT 2 ARGS frobnicate STDERR "unknown command 'frobnicate'" "Usage: motus")
motus_run(unknown-option EXIT 2 ARGS --frobnicate STDERR "unknown option --frobnicate")
motus_run(unknown-subcommand-option EXIT 2 ARGS library --colour STDERR "unknown option --colour")
motus_run(library-option-needs-value EXIT 2 ARGS library --region STDERR "needs a value")
motus_run(validate-bundled EXIT 0 ARGS validate
  STDOUT " [1-9][0-9]* exercise\\(s\\) valid, 9 program\\(s\\) valid, 0 error\\(s\\), 0 warning\\(s\\)"
         "exercise\\(s\\) have no easier or harder variant:\n  band-dorsiflexion: Progressed by")
motus_run(validate-one-bundled-file EXIT 0
  ARGS validate ${SOURCE_DIR}/exercises/low-back/bird-dog.xml STDOUT "1 file\\(s\\) checked, 1 exercise")
motus_run(validate-malformed EXIT 1 ARGS validate ${WORK_DIR}/bad.xml
  STDERR "bad.xml:2: error: malformed XML: an end tag does not match its start tag")
motus_run(validate-mixed EXIT 1 ARGS validate ${WORK_DIR}/mixed
  STDERR "broken.xml:[0-9]+: error: <dose>: unknown attribute 'set'"
  STDOUT "2 file\\(s\\) checked, 1 exercise\\(s\\) valid")
motus_run(validate-missing-path EXIT 1 ARGS validate ${WORK_DIR}/nowhere STDERR "no such file or folder")

# --- validate: program files, checked against the library, alone or mixed with exercises ----
set(P ${WORK_DIR}/programs)
# write_program(NAME ITEMS [OPENING]): P/NAME.xml, a program of one phase (line 5) whose items
# start at line 6; OPENING replaces the <program> element's opening tag (line 2).
function(write_program name items)
  set(opening "<program id=\"test\" format=\"1\">")
  if(ARGC GREATER 2)
    set(opening "${ARGV2}")
  endif()
  file(WRITE ${P}/${name}.xml "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n${opening}\n"
    "  <title>Test</title>\n  <author>A therapist</author>\n"
    "  <phase name=\"One\" weeks=\"2\" per-week=\"7\">\n${items}  </phase>\n</program>\n")
endfunction()
set(bridge "    <item exercise=\"glute-bridge\"/>\n")
write_program(good "${bridge}    <item exercise=\"cat-camel\" reps=\"8\"/>\n")
write_program(unknown-exercise "    <item exercise=\"no-such-exercise\"/>\n")
write_program(outside-exercise-bounds "    <item exercise=\"glute-bridge\" reps=\"20\"/>\n")
write_program(outside-limits "    <item exercise=\"glute-bridge\" sets=\"9\"/>\n")
write_program(twice "${bridge}${bridge}")
write_program(no-hold-phase "    <item exercise=\"cat-camel\" hold=\"5\"/>\n")
write_program(pyramid "    <item exercise=\"glute-bridge\" sets=\"3\" pyramid=\"10 8\"/>\n")
write_program(bounds "    <item exercise=\"glute-bridge\">\n      <bounds reps=\"5-20\"/>\n    </item>\n")
write_program(unknown-attribute "    <item exercise=\"glute-bridge\" load=\"5\"/>\n")
write_program(format "${bridge}" "<program id=\"test\" format=\"2\">")
write_program(malformed "    <item exercise=\"glute-bridge\">\n")
write_program(variants "    <item exercise=\"bird-dog-arm\"/>\n    <item exercise=\"bird-dog-leg\"/>\n")
motus_run(validate-program EXIT 0 ARGS validate ${P}/good.xml
  STDOUT "^1 file\\(s\\) checked, 0 exercise\\(s\\) valid, 1 program\\(s\\) valid, 0 error\\(s\\), 0 warning\\(s\\)\n$")
motus_run(validate-bundled-programs EXIT 0 ARGS validate ${SOURCE_DIR}/exercises/programs
  STDOUT "^9 file\\(s\\) checked, 0 exercise\\(s\\) valid, 9 program\\(s\\) valid, 0 error")
# Each kind of error, as `program import` would report it: path:line: error: message, exit 1.
foreach(case
    "unknown-exercise|6|<item> attribute 'exercise': unknown exercise 'no-such-exercise'"
    "outside-exercise-bounds|6|<item> attribute 'reps': 20 is outside the bounds 8\\.\\.15 of exercise 'glute-bridge'"
    "outside-limits|6|<item> attribute 'sets': 9 is outside the range 1\\.\\.5"
    "twice|7|<item> attribute 'exercise': 'glute-bridge' is given twice in this phase \\(first at line 6\\)"
    "no-hold-phase|6|<item> attribute 'hold': 5 is outside the bounds 0\\.\\.0 of exercise 'cat-camel'"
    "pyramid|6|<item> attribute 'pyramid': 2 values for 3 sets"
    "bounds|7|<bounds> attribute 'reps': '5-20' is outside the bounds 8\\.\\.15 of exercise 'glute-bridge'"
    "unknown-attribute|6|<item>: unknown attribute 'load'"
    "format|2|<program> attribute 'format': version 2 is not supported"
    "malformed|[0-9]+|malformed XML")
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 name)
  list(GET case 1 line)
  list(GET case 2 message)
  motus_run(validate-program-${name} EXIT 1 ARGS validate ${P}/${name}.xml
    STDERR "^[^\n]*/programs/${name}\\.xml:${line}: error: ${message}"
    STDOUT "^1 file\\(s\\) checked, 0 exercise\\(s\\) valid, 0 program\\(s\\) valid, [1-9] error")
endforeach()
# A warning does not fail the check.
motus_run(validate-program-warning EXIT 0 ARGS validate ${P}/variants.xml
  STDERR "variants\\.xml:7: warning: <item exercise=\"bird-dog-leg\">: a harder variant of 'bird-dog-arm' \\(line 6\\)"
  STDOUT "1 program\\(s\\) valid, 0 error\\(s\\), 1 warning\\(s\\)")
motus_run(validate-program-quiet EXIT 1 ARGS validate --quiet ${P}/twice.xml
  STDERR "twice\\.xml:7: error:" NOT_STDOUT ".")
# A folder of both kinds: an exercise of its own (my-bridge), which its program may use; a
# broken exercise, which a program may not; a program on the library's exercises.
set(M ${WORK_DIR}/both-kinds)
file(MAKE_DIRECTORY ${M}/programs)
string(REPLACE "id=\"glute-bridge\"" "id=\"my-bridge\"" mine "${good}")
file(WRITE ${M}/my-bridge.xml "${mine}")
file(WRITE ${M}/broken.xml "${broken}")
write_program(own "    <item exercise=\"my-bridge\" reps=\"12\"/>\n")
write_program(on-broken "    <item exercise=\"broken\"/>\n")
file(RENAME ${P}/own.xml ${M}/programs/own.xml)
file(RENAME ${P}/on-broken.xml ${M}/on-broken.xml)
file(COPY ${P}/good.xml DESTINATION ${M})
motus_run(validate-both-kinds EXIT 1 ARGS validate ${M}
  STDERR "broken\\.xml:[0-9]+: error: <dose>: unknown attribute 'set'"
         "on-broken\\.xml:6: error: <item> attribute 'exercise': unknown exercise 'broken'"
  STDOUT "^5 file\\(s\\) checked, 1 exercise\\(s\\) valid, 2 program\\(s\\) valid, 5 error\\(s\\), 0 warning\\(s\\)\n")
motus_run(validate-both-kinds-valid EXIT 0 ARGS validate ${M}/my-bridge.xml ${M}/programs ${M}/good.xml
  STDOUT "^3 file\\(s\\) checked, 1 exercise\\(s\\) valid, 2 program\\(s\\) valid, 0 error")
# The program on my-bridge is not valid against the library alone.
motus_run(validate-own-exercise-missing EXIT 1 ARGS validate ${M}/programs/own.xml
  STDERR "own\\.xml:6: error: <item> attribute 'exercise': unknown exercise 'my-bridge'")

# --- motus FILE: a program file for the window (what a file manager runs) --------------------
motus_run(open-missing-file EXIT 1 ARGS ${WORK_DIR}/nowhere.xml
  STDERR "^motus: cannot open [^\n]*nowhere\\.xml: no such file\n$")
motus_run(open-folder EXIT 1 ARGS ${WORK_DIR}/ STDERR "^motus: cannot open [^\n]*: not a regular file")
motus_run(open-file-without-display EXIT 2 ENV DISPLAY= ARGS ${P}/good.xml STDERR "^motus: no X display")
motus_run(open-not-a-file EXIT 2 ARGS program-file STDERR "^motus: unknown command 'program-file'")
motus_run(open-and-command EXIT 2 ARGS today ${P}/good.xml STDERR "unexpected argument '[^']*good\\.xml'")
motus_run(library-skips-broken EXIT 0 ARGS --library ${WORK_DIR}/mixed library
  STDOUT "glute-bridge" "1 of 1 exercise" STDERR "1 file\\(s\\) skipped")
motus_run(library-text EXIT 0 ARGS library STDOUT "mcgill-curl-up +McGill curl-up")
motus_run(library-json EXIT 0 ARGS library --json
  STDOUT "^..\"id\":" "\"id\":\"bird-dog\",\"name\":\"Bird dog" "\"regions\":.\"low-back\"" "\"position\":\"quadruped\"" "\"level\":3")
motus_run(library-region EXIT 0 ARGS library --region neck STDOUT "chin-tuck" NOT_STDOUT "mcgill-curl-up")
motus_run(library-position EXIT 0 ARGS library --position quadruped STDOUT "bird-dog" NOT_STDOUT "chin-tuck")
motus_run(library-goal EXIT 0 ARGS library --goal nerve-mobility STDOUT "sciatic-nerve-slider" NOT_STDOUT "bird-dog")
motus_run(library-bad-region EXIT 2 ARGS library --region tail STDERR "unknown value 'tail' for --region")
motus_run(show-text EXIT 0 ARGS show mcgill-curl-up
  STDOUT "McGill curl-up  \\(mcgill-curl-up\\)" "Dose: 3 sets × 6-4-2 reps" "Harder: " "How to do it:" "Source: McGill")
motus_run(show-json EXIT 0 ARGS show bird-dog --json
  STDOUT "\"dose\":.\"sets\":" "\"variants\":.\"progression\":null,\"regression\":\"bird-dog-leg\"" "\"hold_capped\":true")
motus_run(show-unknown EXIT 1 ARGS show no-such-exercise STDERR "no exercise 'no-such-exercise'")
motus_run(show-needs-id EXIT 2 ARGS show STDERR "'show' needs an exercise id")
motus_run(german-flag EXIT 0 ARGS --lang de library STDOUT "STUFE" "Seitstütz|Vierfüßler|Unterarm")
motus_run(german-env EXIT 0 ENV LANGUAGE=de ARGS show chin-tuck STDOUT "Dosierung:" "So geht es:")
# A new phase is named in the reader's language when the sentence is made, not when it is
# stored: the decision is made while a German reader looks, then read in English.
set(phaseDb ${WORK_DIR}/phase/motus.db)
motus_run(german-phase-start EXIT 0 ENV MOTUS_TODAY=2026-03-02
  ARGS --db ${phaseDb} program start hip-knee --start 2026-03-02)
motus_run(german-phase-history EXIT 0 ENV MOTUS_TODAY=2026-03-20 LANGUAGE=de
  ARGS --db ${phaseDb} history STDOUT "Eine neue Phase Ihres Programms beginnt: Kraft\\."
  NOT_STDOUT "Strength|Activation")
motus_run(german-phase-today EXIT 0 ENV MOTUS_TODAY=2026-03-20 LANGUAGE=de
  ARGS --db ${phaseDb} today STDOUT "Woche 3 · Kraft" "Aufsteigen auf eine Stufe")
motus_run(german-phase-english EXIT 0 ENV MOTUS_TODAY=2026-03-20
  ARGS --db ${phaseDb} history STDOUT "A new phase of your program begins: Strength\\."
  NOT_STDOUT "Kraft")
motus_run(play-simulate-json EXIT 0 ARGS play glute-bridge --simulate --json --sets 1 --reps 2
  STDOUT "\"get_ready\":5," "\"total_seconds\":19," "\"type\":\"set-start\"" "\"type\":\"rep-start\",\"set\":1,\"rep\":2"
         "\"type\":\"phase\",\"duration\":3,\"set\":1,\"rep\":1,\"side\":\"both\",\"phase\":\"hold\""
         "\"t\":19,\"type\":\"exercise-end\"")
motus_run(play-simulate-each-side EXIT 0 ARGS play clamshell --simulate --json --sets 1 --reps 1
  STDOUT "\"type\":\"switch-side\"" "\"side\":\"left\"" "\"side\":\"right\"")
motus_run(play-simulate-text EXIT 0 ARGS play glute-bridge --simulate --sets 1 --reps 1 STDOUT "total 12 s")
motus_run(play-bad-reps EXIT 2 ARGS play glute-bridge --simulate --reps 99 STDERR "--reps takes a whole number from 1 to 30")
motus_run(play-bad-side EXIT 2 ARGS play glute-bridge --simulate --side up STDERR "unknown value 'up' for --side")
motus_run(play-unknown EXIT 1 ARGS play nothing --simulate STDERR "no exercise 'nothing'")
motus_run(play-window-without-display EXIT 2 ENV DISPLAY= ARGS play glute-bridge STDERR "play needs an X display")
motus_run(render-without-display EXIT 2 ENV DISPLAY= ARGS render glute-bridge --sheet --out x.png STDERR "render needs an X display")
motus_run(render-needs-out EXIT 2 ARGS render glute-bridge --sheet STDERR "'render' needs --out FILE.png")
motus_run(no-display EXIT 2 ENV DISPLAY= ARGS STDERR "^motus: no X display[^\n]*\n$")

# --- The help: one table drives `motus --help`, each command's help and the README ------------
foreach(command validate library show play render program "program list" "program start"
                "program import" "program show" "program export" today log checkin review streak
                history flags "flags clear" export reminders "reminders set" "reminders on"
                "reminders off" "reminders check" handout report help)
  string(REPLACE " " ";" words "${command}")
  string(REPLACE " " "-" label "${command}")
  motus_run(help-${label} EXIT 0 ARGS ${words} --help STDOUT "^Usage: motus ${command}[ \n]")
  execute_process(COMMAND ${MOTUS} ${words} --help OUTPUT_VARIABLE byOption)
  execute_process(COMMAND ${MOTUS} help ${words} OUTPUT_VARIABLE byCommand)
  if(NOT byOption STREQUAL byCommand)
    message(SEND_ERROR "motus help ${command} differs from motus ${command} --help")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()
motus_run(help-log-ranges EXIT 0 ARGS log --help
  STDOUT "--sets N[^\n]*from 1 to 5" "--reps N[^\n]*from 1 to 30" "--hold S[^\n]*from 0 to 60"
         "--pain N[^\n]*from 0 to 10" "--rpe N[^\n]*from 0 to 10" "worse, same, better, numb-weak")
motus_run(help-play-ranges EXIT 0 ARGS play --help
  STDOUT "--tempo S[^\n]*from 1 to 4" "--rest S[^\n]*from 0 to 120")
motus_run(help-unknown EXIT 2 ARGS help frobnicate STDERR "unknown command 'frobnicate'")
motus_run(help-wins EXIT 0 ARGS log --sets 0 --help STDOUT "^Usage: motus log")

# The README's command-line reference is `motus --help`, verbatim.
execute_process(COMMAND ${MOTUS} --lang en --help OUTPUT_VARIABLE reference RESULT_VARIABLE code)
file(READ ${SOURCE_DIR}/README.md readme)
set(opening "## Command line\n\n```\n")
string(FIND "${readme}" "${opening}" start)
string(LENGTH "${opening}" openingLength)
math(EXPR checks "${checks} + 1")
if(start EQUAL -1 OR NOT code EQUAL 0)
  message(SEND_ERROR "README.md has no ## Command line block, or motus --help failed (${code})")
  math(EXPR failures "${failures} + 1")
else()
  math(EXPR start "${start} + ${openingLength}")
  string(SUBSTRING "${readme}" ${start} -1 block)
  string(FIND "${block}" "\n```\n" end)
  math(EXPR end "${end} + 1")
  string(SUBSTRING "${block}" 0 ${end} block)
  if(NOT block STREQUAL reference)
    file(WRITE ${WORK_DIR}/help.txt "${reference}")
    file(WRITE ${WORK_DIR}/readme-block.txt "${block}")
    message(SEND_ERROR "README.md's command-line reference is not what 'motus --help' prints; "
      "compare ${WORK_DIR}/readme-block.txt with ${WORK_DIR}/help.txt and copy the latter into "
      "the README")
    math(EXPR failures "${failures} + 1")
  endif()
endif()

# --- Usage errors: exit 2, a message that names the option, nothing changed -------------------
set(DB ${WORK_DIR}/journal/motus.db)
set(TODAY MOTUS_TODAY=2026-11-10)
motus_run(journal-start EXIT 0 ENV ${TODAY}
  ARGS --db ${DB} program start low-back-motor-control --start 2026-11-02)
motus_run(journal-checkin EXIT 0 ENV ${TODAY} ARGS --db ${DB} checkin --morning-pain 2)
# usage(NAME STDERR-REGEX ARGS...): exit 2, the message, the journal as it was.
function(usage name pattern)
  motus_run(usage-${name} EXIT 2 ENV ${TODAY} UNCHANGED ${DB} STDERR "^motus: [^\n]*${pattern}"
    ARGS --db ${DB} ${ARGN})
  set(checks ${checks} PARENT_SCOPE)
  set(failures ${failures} PARENT_SCOPE)
endfunction()
usage(repeated "--pain" log cat-camel --pain 1 --pain 9)
usage(repeated-flag "--json" today --json --json)
usage(repeated-global "--lang" --lang de --lang en today)
usage(other-command "'log' does not take the option --json" log cat-camel --json)
usage(other-command-today "'today' does not take the option --sets" today --sets 9)
usage(other-command-flags "'flags clear' does not take the option --json" flags clear 1 --json)
usage(window-option "--select" today --select cat-camel)
usage(stray "unexpected argument 'junk'" today junk)
usage(stray-log "unexpected argument 'extra'" log cat-camel extra)
usage(unknown-option "unknown option --colour" log cat-camel --colour red)
usage(missing-value "option --pain needs a value" log cat-camel --pain)
usage(missing-id "'log' needs an exercise id" log --sets 2)
usage(empty-value "option --hold needs a value" log cat-camel --hold=)
usage(flag-with-value "option --json takes no value" today --json=false)
usage(lang "unknown value 'deu' for --lang" --lang deu today)
usage(sets-0 "--sets takes a whole number from 1 to 5" log cat-camel --sets 0)
usage(sets-6 "--sets takes a whole number from 1 to 5" log cat-camel --sets 6)
usage(reps-0 "--reps takes a whole number from 1 to 30" log cat-camel --reps 0)
usage(reps-31 "--reps" log cat-camel --reps 31)
usage(reps-text "--reps" log cat-camel --reps 3x)
usage(hold-61 "--hold takes a whole number from 0 to 60" log cat-camel --hold 61)
usage(pain-11 "--pain takes a whole number from 0 to 10" log cat-camel --pain 11)
usage(pain-negative "--pain" log cat-camel --pain -1)
usage(rpe-11 "--rpe" log cat-camel --rpe 11)
usage(leg "unknown value 'sideways' for --leg" log cat-camel --leg sideways)
usage(date "--date takes a date YYYY-MM-DD" log cat-camel --date 2026-02-30)
usage(morning-pain "--morning-pain takes a whole number from 0 to 10" checkin --morning-pain 11)
usage(morning-pain-twice "--morning-pain" checkin --morning-pain 1 --morning-pain 2)
usage(checkin-nothing "--morning-pain" checkin)
usage(red-flag "unknown value 'tingling' for --red-flag" checkin --red-flag tingling)
usage(start-date "--start" program start hip-knee --start 2026-13-01 --replace)
usage(start-far "more than a year" program start hip-knee --start 2028-01-01 --replace)
usage(start-long-ago "more than a year" program start hip-knee --start 0001-01-01 --replace)
usage(program-nothing "'program' needs one of: list, start, import, show, export" program)
usage(program-unknown "unknown command 'program junk'" program junk)
usage(flag-id "'flags clear' takes a flag id" flags clear abc)
usage(export-format "unknown value 'xml' for --format" export --format xml --out ${WORK_DIR}/x.csv)
usage(export-out "'export' needs --out FILE" export --format csv)
usage(tempo "--tempo takes a whole number from 1 to 4" play glute-bridge --simulate --tempo 5)
usage(rest "--rest takes a whole number from 0 to 120" play glute-bridge --simulate --rest 121)
usage(play-json "option --json needs --simulate" play glute-bridge --json)
usage(level "--level takes a whole number from 1 to 5" library --level 6)
usage(screenshot-at-nan "--screenshot-at takes a number of seconds" --screenshot-at nan --screenshot ${WORK_DIR}/x.png)
usage(screenshot-at-inf "--screenshot-at" --screenshot-at inf --screenshot ${WORK_DIR}/x.png)
usage(screenshot-at-negative "--screenshot-at" --screenshot-at -1 --screenshot ${WORK_DIR}/x.png)
usage(screenshot-at-day "--screenshot-at" --screenshot-at 86401 --screenshot ${WORK_DIR}/x.png)
usage(screenshot-at-alone "option --screenshot-at needs --screenshot" --screenshot-at 5)
# A screen or a key --screen does not know: said before any window opens.
usage(screen-unknown "--screen: no screen 'calendar'" --screenshot ${WORK_DIR}/x.png --screen today,calendar)
usage(screen-key "--screen: no key 'Hyper'" --screenshot ${WORK_DIR}/x.png --screen today:Hyper)
usage(render-at "--at takes a number of seconds from 0 to 86400" render glute-bridge --at nan --out ${WORK_DIR}/x.png)
usage(render-size "--size takes WIDTHxHEIGHT" render glute-bridge --sheet --out ${WORK_DIR}/x.png --size 10x10)
usage(render-camera "--camera takes AZIMUTH,ELEVATION" render glute-bridge --sheet --out ${WORK_DIR}/x.png --camera 30)
usage(render-camera-high "--camera takes AZIMUTH,ELEVATION" render glute-bridge --sheet --out ${WORK_DIR}/x.png --camera 30,95)
usage(render-both "--sheet and --at exclude each other" render glute-bridge --sheet --at 1 --out ${WORK_DIR}/x.png)
usage(render-neither "'render' needs --sheet or --at SECONDS" render glute-bridge --out ${WORK_DIR}/x.png)
# An empty --db is refused; it never falls back to the default journal.
motus_run(usage-empty-db EXIT 2 STDERR "^motus: option --db needs a value" ARGS --db= today)
# (An empty word cannot pass through a CMake list: these two call execute_process directly.)
file(SHA256 ${DB} before)
execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg ${TODAY}
  ${MOTUS} --db "" checkin --morning-pain 2 RESULT_VARIABLE emptyDb ERROR_VARIABLE emptyDbErr)
execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg ${TODAY}
  ${MOTUS} --db ${DB} log cat-camel --hold "" RESULT_VARIABLE emptyHold ERROR_VARIABLE emptyHoldErr)
file(SHA256 ${DB} after)
math(EXPR checks "${checks} + 1")
if(NOT emptyDb EQUAL 2 OR NOT emptyDbErr MATCHES "^motus: option --db needs a value"
   OR NOT emptyHold EQUAL 2 OR NOT emptyHoldErr MATCHES "^motus: option --hold needs a value"
   OR NOT before STREQUAL after OR EXISTS ${WORK_DIR}/xdg/motus/motus.db)
  message(SEND_ERROR "an empty value is a usage error that changes nothing (the default journal "
    "is not written): --db \"\": ${emptyDb} ${emptyDbErr}, --hold \"\": ${emptyHold} ${emptyHoldErr}")
  math(EXPR failures "${failures} + 1")
endif()

# --- Refusals of the application layer: exit 1, a message, nothing changed -------------------
function(refused name pattern)
  motus_run(refused-${name} EXIT 1 ENV ${TODAY} UNCHANGED ${DB} STDERR "^motus: [^\n]*${pattern}"
    ARGS --db ${DB} ${ARGN})
  set(checks ${checks} PARENT_SCOPE)
  set(failures ${failures} PARENT_SCOPE)
endfunction()
refused(future-log "2026-11-11 is in the future" log cat-camel --date 2026-11-11)
refused(future-checkin "2026-12-24 is in the future" checkin --date 2026-12-24 --morning-pain 1)
refused(replace "--replace" program start hip-knee)
refused(replace-import "--replace" program import ${SOURCE_DIR}/exercises/programs/hip-knee.xml)
refused(not-in-routine "not in the routine" log glute-bridge)
refused(no-flag "no open flag 99" flags clear 99)
refused(export-onto-journal "" export --format csv --out ${DB})
# Today's morning pain is undone the same day only; nothing else goes with --undo.
set(UNDO ${WORK_DIR}/undo/motus.db)
motus_run(undo-start EXIT 0 ENV ${TODAY}
  ARGS --db ${UNDO} program start low-back-motor-control --start 2026-11-02)
motus_run(undo-checkin EXIT 0 ENV ${TODAY} ARGS --db ${UNDO} checkin --morning-pain 6)
motus_run(undo-today EXIT 0 ENV ${TODAY} STDOUT "^Morning pain 6 of 2026-11-10 undone\\.\n$"
  ARGS --db ${UNDO} checkin --undo)
motus_run(undo-twice EXIT 1 ENV ${TODAY} UNCHANGED ${UNDO}
  STDERR "^motus: [^\n]*no morning pain of today \\(2026-11-10\\) to undo" ARGS --db ${UNDO} checkin --undo)
motus_run(undo-answer-again EXIT 0 ENV ${TODAY} ARGS --db ${UNDO} checkin --morning-pain 3)
motus_run(undo-next-day EXIT 1 ENV MOTUS_TODAY=2026-11-11 UNCHANGED ${UNDO}
  STDERR "an earlier day stays as it is" ARGS --db ${UNDO} checkin --undo)
motus_run(undo-with-pain EXIT 2 ENV ${TODAY} UNCHANGED ${UNDO}
  STDERR "^motus: checkin --undo takes no other option" ARGS --db ${UNDO} checkin --undo --morning-pain 2)
# A future date on a command that shows is a preview: nothing is stored.
motus_run(preview-today EXIT 0 ENV ${TODAY} UNCHANGED ${DB} ARGS --db ${DB} today --date 2026-12-24 --json
  STDOUT "\"preview\":true")
# What is allowed is done: a past day, --replace.
motus_run(log-past EXIT 0 ENV ${TODAY} ARGS --db ${DB} log cat-camel --date 2026-11-09 --leg better
  STDOUT "Logged Cat-camel: 1 sets on 2026-11-09")
motus_run(replace-confirmed EXIT 0 ENV ${TODAY} ARGS --db ${DB} program start hip-knee --replace
  STDOUT "Started 'Hip and knee strength'")
# On a terminal (script(1) gives motus one) replacing is asked for: no keeps the program, yes
# replaces it.
find_program(SCRIPT script REQUIRED)
foreach(answer n y)
  file(WRITE ${WORK_DIR}/answer-${answer}.txt "${answer}\n")
  file(SHA256 ${DB} before)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/xdg ${TODAY}
    ${SCRIPT} -qec "${MOTUS} --db ${DB} program import ${SOURCE_DIR}/exercises/programs/low-back-motor-control.xml"
    /dev/null INPUT_FILE ${WORK_DIR}/answer-${answer}.txt RESULT_VARIABLE code OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  file(SHA256 ${DB} after)
  set(question "'Hip and knee strength' is assigned now\\. Replace it with 'Low back motor control'\\? It stays in the history\\. \\[y/N\\] ")
  math(EXPR checks "${checks} + 1")
  if(answer STREQUAL "n" AND (NOT code EQUAL 1 OR NOT before STREQUAL after
     OR NOT out MATCHES "${question}motus: not replaced; nothing changed"))
    message(SEND_ERROR "terminal, answer no: exit ${code}, expected 1 and the journal unchanged\n${out}${err}")
    math(EXPR failures "${failures} + 1")
  elseif(answer STREQUAL "y" AND (NOT code EQUAL 0
         OR NOT out MATCHES "${question}Started 'Low back motor control'"))
    message(SEND_ERROR "terminal, answer yes: exit ${code}, expected 0\n${out}${err}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

# --- Journals Motus may not write, or not grow ---------------------------------------------------
# A journal its owner made read-only: shown, never written, never chmod-ed, no -wal/-shm left.
set(RO ${WORK_DIR}/readonly/motus.db)
file(MAKE_DIRECTORY ${WORK_DIR}/readonly)
file(COPY_FILE ${DB} ${RO})
file(CHMOD ${RO} PERMISSIONS OWNER_READ)
motus_run(read-only-today EXIT 0 ENV ${TODAY} UNCHANGED ${RO} ARGS --db ${RO} today
  STDOUT "week [0-9]+")
motus_run(read-only-history EXIT 0 ENV ${TODAY} UNCHANGED ${RO} ARGS --db ${RO} history)
motus_run(read-only-log EXIT 1 ENV ${TODAY} UNCHANGED ${RO} ARGS --db ${RO} log glute-bridge
  STDERR "^motus: the journal '[^']*readonly/motus.db' cannot be written: the file is read-only for you \\(permissions r--------\\)"
         "nothing was changed")
motus_run(read-only-checkin EXIT 1 ENV ${TODAY} UNCHANGED ${RO} ARGS --db ${RO} checkin --morning-pain 2
  STDERR "cannot be written")
execute_process(COMMAND stat -c %a ${RO} OUTPUT_VARIABLE roMode OUTPUT_STRIP_TRAILING_WHITESPACE)
file(GLOB roLeft ${WORK_DIR}/readonly/*)
math(EXPR checks "${checks} + 1")
if(NOT roMode STREQUAL "400" OR NOT roLeft STREQUAL "${RO}")
  message(SEND_ERROR "a read-only journal keeps its mode and gets no -wal/-shm: mode ${roMode}, "
    "files ${roLeft}")
  math(EXPR failures "${failures} + 1")
endif()
# The file size limit (ulimit -f): a message that names it and exit 1, not a SIGXFSZ death.
motus_run(file-size-limit EXIT 1 ENV ${TODAY} UNCHANGED ${DB}
  LAUNCHER bash -c "ulimit -f 8 && exec \"$0\" \"$@\""
  ARGS --db ${DB} log glute-bridge
  STDERR "^motus: [^\n]*the file size limit, ulimit -f" "Motus has not changed the file")

# --- A library folder that does not exist is a failure -----------------------------------------
motus_run(library-missing EXIT 1 ARGS --library ${WORK_DIR}/nowhere library
  STDERR "^motus: [^\n]*nowhere")
motus_run(library-missing-env EXIT 1 ENV MOTUS_LIBRARY=${WORK_DIR}/nowhere ARGS show bird-dog
  STDERR "^motus: [^\n]*nowhere")
motus_run(library-missing-today EXIT 1 ARGS --library ${WORK_DIR}/nowhere --db ${DB} today
  UNCHANGED ${DB} STDERR "nowhere")

# --- Output is valid UTF-8 without control characters, whatever a file or an argument holds --
find_program(ICONV iconv REQUIRED)
string(ASCII 255 ff)
string(ASCII 233 latin1e)
string(ASCII 27 esc)
string(ASCII 239 191 189 mended) # U+FFFD REPLACEMENT CHARACTER
# A folder whose name is Latin-1 with an ESC sequence in it, holding a file saved as Latin-1
# (refused: not UTF-8) and a good one.
set(odd "${WORK_DIR}/latin1/caf${latin1e}${esc}[31m")
set(oddShown "caf${mended}\\\\u001b\\[31m") # as printed: caf�\u001b[31m
file(MAKE_DIRECTORY "${odd}")
string(REPLACE "<name>Glute bridge</name>" "<name>Glute bridge ${ff} caf${latin1e}</name>" latin1
  "${good}")
file(WRITE "${odd}/latin1.xml" "${latin1}")
file(WRITE "${odd}/glute-bridge.xml" "${good}")
foreach(run "library" "library|--json" "show|glute-bridge" "show|glute-bridge|--json" "validate"
            "frobnicate${ff}${esc}" "library|--region|${ff}${esc}")
  string(REPLACE "|" ";" words "${run}")
  if(run STREQUAL "validate")
    list(APPEND words "${odd}")
  endif()
  execute_process(COMMAND ${MOTUS} --library ${WORK_DIR}/latin1 ${words}
    OUTPUT_FILE ${WORK_DIR}/utf8-out.txt ERROR_FILE ${WORK_DIR}/utf8-err.txt)
  foreach(stream out err)
    execute_process(COMMAND ${ICONV} -f UTF-8 -t UTF-8 ${WORK_DIR}/utf8-${stream}.txt
      RESULT_VARIABLE valid OUTPUT_QUIET ERROR_QUIET)
    file(READ ${WORK_DIR}/utf8-${stream}.txt printed)
    math(EXPR checks "${checks} + 1")
    if(NOT valid EQUAL 0)
      message(SEND_ERROR "motus ${run}: std${stream} is not valid UTF-8")
      math(EXPR failures "${failures} + 1")
    elseif(printed MATCHES "${esc}")
      message(SEND_ERROR "motus ${run}: std${stream} holds an ESC: ${printed}")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
endforeach()
motus_run(utf8-refused EXIT 1 ARGS --library ${WORK_DIR}/latin1 validate "${odd}"
  STDERR "${oddShown}/latin1\\.xml:[0-9]+: error: invalid UTF-8: byte 0xFF"
  STDOUT "2 file\\(s\\) checked, 1 exercise\\(s\\) valid")
motus_run(utf8-mended-json EXIT 0 ARGS --library ${WORK_DIR}/latin1 show glute-bridge --json
  STDOUT "\"file\":\"[^\"]*${oddShown}/glute-bridge.xml\"")

# --- Odd files: skipped in the library with a warning each; never waited on ----------------
file(MAKE_DIRECTORY ${WORK_DIR}/oddfiles)
file(WRITE ${WORK_DIR}/oddfiles/glute-bridge.xml "${good}")
file(CREATE_LINK loop.xml ${WORK_DIR}/oddfiles/loop.xml SYMBOLIC)
file(CREATE_LINK gone.xml ${WORK_DIR}/oddfiles/dangling.xml SYMBOLIC)
execute_process(COMMAND mkfifo ${WORK_DIR}/oddfiles/fifo.xml ${WORK_DIR}/fifo.xml)
motus_run(odd-files-library EXIT 0 ARGS --library ${WORK_DIR}/oddfiles library
  STDOUT "glute-bridge")
motus_run(odd-files-skipped EXIT 0 ARGS --library ${WORK_DIR}/oddfiles validate ${WORK_DIR}/oddfiles
  STDOUT "1 file\\(s\\) checked, 1 exercise\\(s\\) valid"
  STDERR "loop.xml:0: warning: skipped: it is a symbolic link that loops"
         "dangling.xml:0: warning: skipped: it is a symbolic link to something that does not exist"
         "fifo.xml:0: warning: skipped: it is a FIFO \\(named pipe\\)")
motus_run(validate-fifo EXIT 1 ARGS validate ${WORK_DIR}/fifo.xml
  STDERR "fifo.xml:0: error: cannot read it: it is a FIFO \\(named pipe\\), not a file or folder")
# Opening a FIFO waits for a writer: import used to hang here for ever.
motus_run(import-fifo EXIT 1 ENV ${TODAY} UNCHANGED ${DB} ARGS --db ${DB} program import
  ${WORK_DIR}/fifo.xml --replace
  STDERR "fifo.xml:0: error: cannot read the file: it is a FIFO \\(named pipe\\)")
motus_run(import-missing EXIT 1 ENV ${TODAY} UNCHANGED ${DB} ARGS --db ${DB} program import
  ${WORK_DIR}/nowhere.xml --replace
  STDERR "nowhere.xml:0: error: cannot read the file: No such file or directory")

message(STATUS "${checks} checks, ${failures} failed")
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} of ${checks} command-line checks failed")
endif()
