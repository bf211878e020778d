#include "Schema.hpp"

#include <array>

namespace motus::storage::schema {
namespace {

// v1: the program and its prescriptions, the log (sessions, sets, feedback, check-ins with their
// red flags) and the dose changes. Dates are ISO text "YYYY-MM-DD" (the patient's local date
// then), times ISO 8601 UTC text; booleans 0/1; enums as their spelling in core (toString).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE program (
    id INTEGER PRIMARY KEY,
    program_id TEXT NOT NULL,
    xml TEXT NOT NULL,
    start_date TEXT NOT NULL,
    stopped INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1)),
    recorded_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE prescription (
    exercise TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    sets INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    hold_seconds INTEGER NOT NULL,
    tempo_seconds INTEGER NOT NULL,
    rest_seconds INTEGER NOT NULL,
    side TEXT NOT NULL,
    per_day INTEGER NOT NULL,
    per_week INTEGER NOT NULL,
    pyramid TEXT NOT NULL DEFAULT '',
    min_sets INTEGER NOT NULL,
    max_sets INTEGER NOT NULL,
    min_reps INTEGER NOT NULL,
    max_reps INTEGER NOT NULL,
    min_hold INTEGER NOT NULL,
    max_hold INTEGER NOT NULL,
    min_rest INTEGER NOT NULL,
    max_rest INTEGER NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
);
CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    utc TEXT NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'partial'
);
CREATE INDEX session_by_date ON session (date);
CREATE TABLE set_log (
    id INTEGER PRIMARY KEY,
    session INTEGER NOT NULL REFERENCES session (id),
    exercise TEXT NOT NULL,
    set_number INTEGER NOT NULL,
    reps_done INTEGER NOT NULL,
    reps_prescribed INTEGER NOT NULL,
    hold_seconds INTEGER NOT NULL
);
CREATE INDEX set_log_by_session ON set_log (session);
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    exercise TEXT NOT NULL,
    pain INTEGER CHECK (pain BETWEEN 0 AND 10),
    effort INTEGER CHECK (effort BETWEEN 0 AND 10),
    leg TEXT
);
CREATE INDEX feedback_by_date ON feedback (date);
CREATE TABLE check_in (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    utc TEXT NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    morning_pain INTEGER CHECK (morning_pain BETWEEN 0 AND 10)
);
CREATE INDEX check_in_by_date ON check_in (date);
CREATE TABLE red_flag (
    check_in INTEGER NOT NULL REFERENCES check_in (id),
    flag TEXT NOT NULL,
    PRIMARY KEY (check_in, flag)
) WITHOUT ROWID;
CREATE TABLE dose_change (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    exercise TEXT NOT NULL,
    decision TEXT NOT NULL,
    rule INTEGER NOT NULL,
    reason TEXT NOT NULL,
    figures TEXT NOT NULL,
    by_therapist INTEGER NOT NULL CHECK (by_therapist IN (0, 1)),
    from_exercise TEXT NOT NULL,
    from_sets INTEGER NOT NULL,
    from_reps INTEGER NOT NULL,
    from_hold_seconds INTEGER NOT NULL,
    from_tempo_seconds INTEGER NOT NULL,
    from_rest_seconds INTEGER NOT NULL,
    from_side TEXT NOT NULL,
    from_per_day INTEGER NOT NULL,
    from_per_week INTEGER NOT NULL,
    from_pyramid TEXT NOT NULL,
    from_min_sets INTEGER NOT NULL,
    from_max_sets INTEGER NOT NULL,
    from_min_reps INTEGER NOT NULL,
    from_max_reps INTEGER NOT NULL,
    from_min_hold INTEGER NOT NULL,
    from_max_hold INTEGER NOT NULL,
    from_min_rest INTEGER NOT NULL,
    from_max_rest INTEGER NOT NULL,
    from_locked INTEGER NOT NULL,
    to_exercise TEXT NOT NULL,
    to_sets INTEGER NOT NULL,
    to_reps INTEGER NOT NULL,
    to_hold_seconds INTEGER NOT NULL,
    to_tempo_seconds INTEGER NOT NULL,
    to_rest_seconds INTEGER NOT NULL,
    to_side TEXT NOT NULL,
    to_per_day INTEGER NOT NULL,
    to_per_week INTEGER NOT NULL,
    to_pyramid TEXT NOT NULL,
    to_min_sets INTEGER NOT NULL,
    to_max_sets INTEGER NOT NULL,
    to_min_reps INTEGER NOT NULL,
    to_max_reps INTEGER NOT NULL,
    to_min_hold INTEGER NOT NULL,
    to_max_hold INTEGER NOT NULL,
    to_min_rest INTEGER NOT NULL,
    to_max_rest INTEGER NOT NULL,
    to_locked INTEGER NOT NULL
);
CREATE INDEX dose_change_by_date ON dose_change (date);
PRAGMA application_id = 1297044565;
)sql";

// v2: weekly reviews (a week is reviewed once; its decisions point at it) and the count of
// consecutive regressions that rule 2 needs ("the second regress in a row switches").
constexpr std::string_view kV2 = R"sql(
CREATE TABLE review (
    week_start TEXT PRIMARY KEY,
    week_end TEXT NOT NULL,
    recorded_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
ALTER TABLE dose_change ADD COLUMN review TEXT REFERENCES review (week_start);
CREATE INDEX dose_change_by_review ON dose_change (review);
ALTER TABLE prescription ADD COLUMN regressions_in_a_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN from_regressions_in_a_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN to_regressions_in_a_row INTEGER NOT NULL DEFAULT 0;
)sql";

// v3: rule 1 stops one exercise (kept out of the routine until the therapist decides), and
// rule 3 counts the weeks running with adherence under 50 %.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE prescription ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1));
ALTER TABLE prescription ADD COLUMN low_adherence_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN from_stopped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN from_low_adherence_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN to_stopped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dose_change ADD COLUMN to_low_adherence_weeks INTEGER NOT NULL DEFAULT 0;
)sql";

// v4: decisions as data and flags for the therapist.
// - dose_change: the row of the rule table (core::toString(Row)), the reason key and its
//   parameters (a JSON array of strings). The old columns are still written (rule = the row's
//   number or -1, by_therapist, figures as a JSON object); rows from before keep NULL here and
//   are read from the old columns.
// - session: its slot, the first, second ... session of its date, unique per date. Existing
//   sessions are numbered 1, 2, 3 ... per date in id order.
// - set_log: a set number once per session and exercise. Two windows logging at once left
//   duplicates in older journals: the sets of such a session and exercise are numbered 1, 2,
//   3 ... in id order (they were all done).
// - therapist_flag: a record shown until the therapist clears it (cleared_date NULL while open).
constexpr std::string_view kV4 = R"sql(
ALTER TABLE dose_change ADD COLUMN "row" TEXT;
ALTER TABLE dose_change ADD COLUMN reason_key TEXT;
ALTER TABLE dose_change ADD COLUMN reason_params TEXT;
ALTER TABLE session ADD COLUMN slot INTEGER NOT NULL DEFAULT 1;
UPDATE session SET slot = (SELECT count(*) FROM session AS earlier
                           WHERE earlier.date = session.date AND earlier.id <= session.id);
CREATE UNIQUE INDEX session_slot ON session (date, slot);
UPDATE set_log SET set_number = (SELECT count(*) FROM set_log AS earlier
                                 WHERE earlier.session = set_log.session
                                   AND earlier.exercise = set_log.exercise
                                   AND earlier.id <= set_log.id)
WHERE (session, exercise) IN (SELECT session, exercise FROM set_log
                              GROUP BY session, exercise, set_number HAVING count(*) > 1);
CREATE UNIQUE INDEX set_log_number ON set_log (session, exercise, set_number);
-- The history lists the changes, not the holds (most rows of a long journal): read through an
-- index of those alone.
CREATE INDEX dose_change_changes ON dose_change (date, id) WHERE decision <> 'hold';
CREATE TABLE therapist_flag (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    exercise TEXT NOT NULL DEFAULT '',
    "row" TEXT NOT NULL,
    reason_key TEXT NOT NULL,
    reason_params TEXT NOT NULL DEFAULT '[]',
    figures TEXT NOT NULL DEFAULT '{}',
    stops INTEGER NOT NULL DEFAULT 0 CHECK (stops IN (0, 1)),
    cleared_date TEXT,
    recorded_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
)sql";

// v5: a morning pain can be taken back the same day, with what it caused at once: the dose
// changes and flags it caused point at their check-in.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE dose_change ADD COLUMN check_in INTEGER REFERENCES check_in (id);
ALTER TABLE therapist_flag ADD COLUMN check_in INTEGER REFERENCES check_in (id);
CREATE INDEX dose_change_by_check_in ON dose_change (check_in) WHERE check_in IS NOT NULL;
)sql";

constexpr std::array<Migration, 5> kMigrations{{
    {1, "base tables", kV1},
    {2, "weekly reviews and regressions in a row", kV2},
    {3, "stopped exercises and weeks of low adherence", kV3},
    {4, "decisions as data, session slots, unique set numbers and therapist flags", kV4},
    {5, "dose changes and flags point at the check-in that caused them", kV5},
}};

static_assert(kApplicationId == 1297044565, "the PRAGMA in kV1 spells the same number");

} // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

int latestVersion() {
    return kMigrations.back().version;
}

} // namespace motus::storage::schema
