# `motus reminders` run as a patient would, with private XDG folders, a pinned day (MOTUS_TODAY:
# local noon) and stand-ins for notify-send and systemctl that record their arguments.
# Variables: MOTUS (the binary), SOURCE_DIR, WORK_DIR.
cmake_minimum_required(VERSION 3.25)
set(failures 0)
set(checks 0)

file(REMOVE_RECURSE ${WORK_DIR})
set(BIN ${WORK_DIR}/bin)       # notify-send and systemctl
set(BARE ${WORK_DIR}/bare)     # systemctl only
file(MAKE_DIRECTORY ${BIN} ${BARE})
foreach(tool notify-send systemctl)
  file(WRITE ${BIN}/${tool}
    "#!/bin/sh\nfor a in \"$@\"; do printf '%s|' \"$a\"; done >> \"${WORK_DIR}/${tool}.log\"\n"
    "echo >> \"${WORK_DIR}/${tool}.log\"\n")
  file(CHMOD ${BIN}/${tool} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
endforeach()
file(COPY ${BIN}/systemctl DESTINATION ${BARE})
set(CONFIG ${WORK_DIR}/config)
set(STATE ${WORK_DIR}/state)

# run(NAME EXIT code [DAY YYYY-MM-DD] [PATH dir] [STDOUT regex...] [STDERR regex...] ARGS ...)
function(run name)
  cmake_parse_arguments(R "" "EXIT;DAY;PATH" "ARGS;STDOUT;STDERR" ${ARGN})
  if(NOT R_DAY)
    set(R_DAY 2026-11-02) # a Monday
  endif()
  if(NOT R_PATH)
    set(R_PATH ${BIN})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/data
    XDG_CONFIG_HOME=${CONFIG} XDG_STATE_HOME=${STATE} MOTUS_TODAY=${R_DAY}
    PATH=${R_PATH}:/usr/bin:/bin ${MOTUS} ${R_ARGS}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(ok TRUE)
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

# expect(NAME condition...): a plain condition (no regular expression, no semicolon).
function(expect name)
  math(EXPR c "${checks} + 1")
  set(checks ${c} PARENT_SCOPE)
  if(NOT (${ARGN}))
    message(SEND_ERROR "${name}: failed")
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
  endif()
endfunction()

# expect_match(NAME TEXT REGEX): TEXT matches REGEX.
function(expect_match name text regex)
  math(EXPR c "${checks} + 1")
  set(checks ${c} PARENT_SCOPE)
  if(NOT "${text}" MATCHES "${regex}")
    message(SEND_ERROR "${name}: '${text}' does not match '${regex}'")
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
  endif()
endfunction()

set(TIMER ${CONFIG}/systemd/user/motus-reminder.timer)
set(SERVICE ${CONFIG}/systemd/user/motus-reminder.service)
set(SETTINGS ${CONFIG}/motus/settings.ini)
set(MARK ${STATE}/motus/last-reminder)

run(show-defaults EXIT 0 ARGS reminders
  STDOUT "Reminders: off\n" "Days: those of the program \\(none is assigned\\)\n" "Time: 18:00\n"
         "Timer: not installed\n")
run(ics-without-program EXIT 1 ARGS reminders --ics --out ${WORK_DIR}/r.ics
  STDERR "No program is assigned")
expect(nothing-written NOT EXISTS ${WORK_DIR}/r.ics)
run(out-needs-ics EXIT 2 ARGS reminders --out ${WORK_DIR}/r.ics STDERR "--out")
run(set-needs-something EXIT 2 ARGS reminders set STDERR "reminders set needs --days, --time or both")
run(set-bad-days EXIT 2 ARGS reminders set --days mon,xyz
  STDERR "--days takes days such as mon,wed,fri \\(each once\\) or program, not 'mon,xyz'")
run(set-bad-time EXIT 2 ARGS reminders set --time 24:00
  STDERR "--time takes a time HH:MM from 00:00 to 23:59, not '24:00'")
expect(nothing-saved NOT EXISTS ${SETTINGS})

run(start EXIT 0 ARGS program start low-back-motor-control)
run(show-program-days EXIT 0 ARGS reminders
  STDOUT "Days: Mon, Tue, Wed, Thu, Fri, Sat, Sun \\(the program's: 7 days a week\\)\n")
run(set EXIT 0 ARGS reminders set --days tue,thu --time 13:30
  STDOUT "Reminders: Tue, Thu \\(chosen\\) at 13:30\\.\n" "Reminders are off; 'motus reminders on'")
file(READ ${SETTINGS} settings)
expect_match(settings-days "${settings}" "\nreminder-days=tue,thu\nreminder-time=13:30\n")
expect(no-timer-while-off NOT EXISTS ${TIMER})

run(on EXIT 0 ARGS reminders on
  STDOUT "Reminders are on: Tue, Thu \\(chosen\\) at 13:30\\.\n" "The reminder timer .*motus-reminder.timer is enabled")
file(READ ${TIMER} timer)
expect_match(timer-calendar "${timer}" "\nOnCalendar=Tue,Thu \\*-\\*-\\* 13:30:00\n")
file(READ ${SERVICE} service)
expect_match(service-runs-check "${service}" "\nExecStart=\"/[^\"]*motus\" \"reminders\" \"check\"\n")
file(READ ${WORK_DIR}/systemctl.log systemctl)
expect(systemctl-enabled "${systemctl}" STREQUAL "--user|daemon-reload|\n--user|enable|--now|motus-reminder.timer|\n")
run(show-on EXIT 0 ARGS reminders STDOUT "Reminders: on\n" "Timer: installed \\(.*motus-reminder.timer\\)\n")

# Without systemctl the units are still written, and the command to start them is shown.
run(on-without-systemctl EXIT 0 PATH ${WORK_DIR}/nowhere ARGS reminders on
  STDOUT "systemctl --user daemon-reload && systemctl --user enable --now motus-reminder.timer"
  STDERR "notify-send was not found: install the package libnotify-bin")

run(check-not-a-day EXIT 0 ARGS reminders check STDOUT "No reminder: today is not a reminder day\\.")
run(check-before-time EXIT 0 DAY 2026-11-03 ARGS reminders check
  STDOUT "No reminder yet: the reminder time is 13:30\\.")
run(set-program-days EXIT 0 ARGS reminders set --days program --time 11:00
  STDOUT "Reminders: Mon, Tue, Wed, Thu, Fri, Sat, Sun \\(the program's: 7 days a week\\) at 11:00")
file(READ ${TIMER} timer)
expect_match(timer-follows-settings "${timer}" "\nOnCalendar=\\*-\\*-\\* 11:00:00\n")
expect(no-notification-yet NOT EXISTS ${WORK_DIR}/notify-send.log)
run(check-notifies EXIT 0 ARGS reminders check STDOUT "Reminder shown\\.")
file(READ ${WORK_DIR}/notify-send.log notified)
expect_match(notify-send-arguments "${notified}"
  "^--app-name=Motus\\|--icon=motus\\|--\\|Time for your exercises\\|Today's routine in Motus: [^|]+ \\(about [0-9]+ minutes?\\)\\.\\|\n$")
file(READ ${MARK} mark)
expect(marked "${mark}" STREQUAL "2026-11-02\n")
run(check-once-a-day EXIT 0 ARGS reminders check STDOUT "No reminder: one was shown today already\\.")
run(check-german EXIT 0 DAY 2026-11-03 ARGS --lang de reminders check STDOUT "Erinnerung angezeigt\\.")
file(READ ${WORK_DIR}/notify-send.log notified)
expect_match(german-notification "${notified}" "\\|Zeit für Ihre Übungen\\|")
run(check-without-notify-send EXIT 1 DAY 2026-11-04 PATH ${BARE} ARGS reminders check
  STDERR "a reminder is due, but notify-send was not found: install the package libnotify-bin")
file(READ ${MARK} mark)
expect(not-marked-without-notification "${mark}" STREQUAL "2026-11-03\n")

run(ics EXIT 0 ARGS reminders --ics --out ${WORK_DIR}/r.ics STDOUT "Wrote .*r.ics")
file(READ ${WORK_DIR}/r.ics ics HEX)
string(REGEX MATCHALL "0d0a" crlf "${ics}")
string(REGEX MATCHALL "0a" lf "${ics}")
list(LENGTH crlf crlfs)
list(LENGTH lf lfs)
expect(ics-crlf crlfs GREATER 20 AND crlfs EQUAL lfs)
expect_match(ics-begins "${ics}" "^424547494e3a5643414c454e4441520d0a") # BEGIN:VCALENDAR CRLF
file(READ ${WORK_DIR}/r.ics text)
string(FIND "${text}" "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=20261115T235959" at)
expect(ics-rrule NOT at EQUAL -1)
expect_match(ics-start "${text}" "DTSTART:20261102T110000")

# A broken settings file is named, never fatal.
file(APPEND ${SETTINGS} "volume=loud\n")
run(broken-settings EXIT 0 ARGS reminders STDOUT "Reminders: on"
  STDERR "settings.ini:[0-9]+: warning: 'volume' takes a whole number from 0 to 100, not 'loud'")

run(off EXIT 0 ARGS reminders off STDOUT "Reminders are off; the reminder timer was removed\\.")
expect(timer-removed NOT EXISTS ${TIMER} AND NOT EXISTS ${SERVICE})
file(READ ${WORK_DIR}/systemctl.log systemctl)
expect_match(systemctl-disabled "${systemctl}" "--user\\|disable\\|--now\\|motus-reminder.timer\\|\n--user\\|daemon-reload\\|\n$")
run(check-off EXIT 0 DAY 2026-11-05 ARGS reminders check STDOUT "No reminder: reminders are off\\.")

message(STATUS "${checks} checks, ${failures} failed")
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} of ${checks} reminder checks failed")
endif()
