"""Numbered schema steps, applied in order with sqlite-utils' Migrations.

A landed migration is never edited: a new table or column is a new migration at the end.

The steps are listed here without importing sqlite-utils: whether any are pending is read
from its `_sqlite_migrations` table with plain SQL, and sqlite-utils (about 45 ms to import)
is loaded only when a step has to run, on a first start or after an upgrade.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from secondopinion_desktop.errors import NewerDatabaseError
from secondopinion_desktop.store.connection import Database

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "secondopinion"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own name for its record

Step = Callable[["sqlite_utils.Database"], None]
STEPS: list[tuple[str, Step]] = []


def step(name: str) -> Callable[[Step], Step]:
    """Register the schema step `name`, to run after the ones above it."""

    def register(function: Step) -> Step:
        if any(known == name for known, _ in STEPS):
            raise ValueError(f"migration {name} is registered twice")
        STEPS.append((name, function))
        return function

    return register


@step("0001_cases_steps_doctors_calls")
def m0001_cases_steps_doctors_calls(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            patient_name TEXT NOT NULL DEFAULT '',
            date_of_birth TEXT,
            diagnosis TEXT NOT NULL DEFAULT '',
            recommended_treatment TEXT NOT NULL DEFAULT '',
            insurance_plan TEXT NOT NULL DEFAULT '',
            insurance_member_id TEXT NOT NULL DEFAULT '',
            organiser_name TEXT NOT NULL DEFAULT '',
            organiser_phone TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE step_progress (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6),
            done_at TEXT,
            notes TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, step)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE doctors (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'candidate'
                CHECK (role IN ('treating', 'primary_care', 'candidate')),
            name TEXT NOT NULL,
            specialty TEXT NOT NULL DEFAULT '',
            practice TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            fax TEXT NOT NULL DEFAULT '',
            source TEXT CHECK (source IN
                ('referral', 'friends_family', 'insurance_list', 'board_directory', 'other')),
            source_detail TEXT NOT NULL DEFAULT '',
            board_certified TEXT NOT NULL DEFAULT 'unknown'
                CHECK (board_certified IN ('yes', 'no', 'unknown')),
            board_checked_on TEXT,
            accepting_new_patients TEXT NOT NULL DEFAULT 'unknown'
                CHECK (accepting_new_patients IN ('yes', 'no', 'unknown')),
            wait_days INTEGER CHECK (wait_days IS NULL OR wait_days >= 0),
            accepts_insurance TEXT NOT NULL DEFAULT 'unknown'
                CHECK (accepts_insurance IN ('yes', 'no', 'unknown')),
            referral_required TEXT NOT NULL DEFAULT 'unknown'
                CHECK (referral_required IN ('yes', 'no', 'unknown')),
            status TEXT NOT NULL DEFAULT 'candidate'
                CHECK (status IN ('candidate', 'contacted', 'booked', 'ruled_out')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX doctors_case ON doctors(case_id, role)")
    db.execute(
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            doctor_id INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
            called_at TEXT NOT NULL,
            answered_by TEXT NOT NULL DEFAULT '',
            learned TEXT NOT NULL DEFAULT '',
            call_back_on TEXT
        )
        """
    )
    db.execute("CREATE INDEX calls_doctor ON calls(doctor_id, called_at)")


@step("0002_step1_appointments_todos")
def m0002_step1_appointments_todos(db: sqlite_utils.Database) -> None:
    for column in (
        "told_doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL",
        "told_on TEXT",
        "hear_back TEXT NOT NULL DEFAULT ''",
        "referral_asked TEXT NOT NULL DEFAULT 'unknown' "
        "CHECK (referral_asked IN ('yes', 'no', 'unknown'))",
        "referral_given TEXT NOT NULL DEFAULT 'unknown' "
        "CHECK (referral_given IN ('yes', 'no', 'unknown'))",
        "referral_to TEXT NOT NULL DEFAULT ''",
    ):
        db.execute(f"ALTER TABLE cases ADD COLUMN {column}")
    db.execute(
        """
        CREATE TABLE appointments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL,
            round INTEGER NOT NULL DEFAULT 2 CHECK (round >= 1),
            starts_at TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'second_opinion'
                CHECK (kind IN ('second_opinion', 'multidisciplinary', 'other')),
            team_members TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX appointments_case ON appointments(case_id, starts_at)")
    db.execute(
        """
        CREATE TABLE todos (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            title TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            done_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (case_id, key)
        )
        """
    )


@step("0003_records_attachments")
def m0003_records_attachments(db: sqlite_utils.Database) -> None:
    # when the usual records were suggested for a case (once: removed items do not come back)
    db.execute("ALTER TABLE cases ADD COLUMN records_suggested_at TEXT")
    db.execute(
        """
        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('medical_records', 'test_results', 'pathology_report',
                    'pathology_slides', 'mammograms', 'other_imaging', 'referral_form',
                    'insurance_card', 'photo_id', 'other')),
            position INTEGER NOT NULL DEFAULT 0,
            holder_doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL,
            holder_text TEXT NOT NULL DEFAULT '',
            recipient_doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL,
            recipient_text TEXT NOT NULL DEFAULT '',
            delivery TEXT CHECK (delivery IS NULL
                OR delivery IN ('hand_deliver', 'fax', 'mail', 'bring')),
            timing TEXT NOT NULL DEFAULT 'ask'
                CHECK (timing IN ('ask', 'send_ahead', 'bring_along')),
            pages INTEGER CHECK (pages IS NULL OR pages >= 0),
            requested_on TEXT,
            received_on TEXT,
            sent_on TEXT,
            confirmed_on TEXT,
            confirmed_by TEXT NOT NULL DEFAULT '',
            returned_on TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX records_case ON records(case_id, position)")
    db.execute(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL UNIQUE,
            original_name TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX attachments_record ON attachments(record_id)")


@step("0004_questions_opinions_reminders")
def m0004_questions_opinions_reminders(db: sqlite_utils.Database) -> None:
    # the round in progress: 2 = the second opinion, 3 = a third, ...
    db.execute(
        "ALTER TABLE cases ADD COLUMN current_round INTEGER NOT NULL DEFAULT 2 "
        "CHECK (current_round >= 2)"
    )
    db.execute(
        """
        CREATE TABLE rounds (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            round INTEGER NOT NULL CHECK (round >= 2),
            started_at TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            questions_suggested_at TEXT,
            doctors_talk_on TEXT,
            doctors_talk_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, round)
        )
        """
    )
    # the steps as they stood when a round ended (a new round starts with a fresh checklist)
    db.execute(
        """
        CREATE TABLE round_steps (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            round INTEGER NOT NULL,
            step INTEGER NOT NULL,
            done_at TEXT,
            notes TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, round, step)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            round INTEGER NOT NULL DEFAULT 2 CHECK (round >= 2),
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            topic TEXT NOT NULL DEFAULT 'own'
                CHECK (topic IN ('diagnosis', 'treatment', 'visit', 'own')),
            asked_on TEXT,
            answer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX questions_case ON questions(case_id, round, position)")
    db.execute(
        """
        CREATE TABLE opinions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            round INTEGER NOT NULL CHECK (round >= 1),
            doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL,
            doctor_name TEXT NOT NULL DEFAULT '',
            given_on TEXT,
            diagnosis TEXT NOT NULL DEFAULT '',
            treatment TEXT NOT NULL DEFAULT '',
            tests_ordered TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            outcome TEXT CHECK (outcome IS NULL
                OR outcome IN ('agrees', 'different_treatment', 'disagrees')),
            likes TEXT NOT NULL DEFAULT '',
            worries TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (case_id, round)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT,
            title TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            about TEXT NOT NULL DEFAULT 'case'
                CHECK (about IN ('case', 'doctor', 'call', 'record', 'appointment', 'opinion')),
            about_id INTEGER,
            page INTEGER CHECK (page IS NULL OR page BETWEEN 1 AND 7),
            due_at TEXT NOT NULL,
            snoozed_until TEXT,
            done_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (case_id, key)
        )
        """
    )
    db.execute("CREATE INDEX reminders_open ON reminders(done_at, case_id)")


@step("0005_record_deliveries_per_round")
def m0005_record_deliveries_per_round(db: sqlite_utils.Database) -> None:
    # where each record went in each finished round (a new round starts the next destination's
    # state on the record itself; this keeps the earlier ones)
    db.execute(
        """
        CREATE TABLE record_deliveries (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            round INTEGER NOT NULL CHECK (round >= 2),
            doctor_id INTEGER REFERENCES doctors(id) ON DELETE SET NULL,
            doctor_name TEXT NOT NULL DEFAULT '',
            delivery TEXT CHECK (delivery IS NULL
                OR delivery IN ('hand_deliver', 'fax', 'mail', 'bring')),
            sent_on TEXT,
            confirmed_on TEXT,
            confirmed_by TEXT NOT NULL DEFAULT '',
            returned_on TEXT,
            still_away INTEGER NOT NULL DEFAULT 0 CHECK (still_away IN (0, 1)),
            created_at TEXT NOT NULL,
            UNIQUE (record_id, round)
        )
        """
    )
    db.execute("CREATE INDEX record_deliveries_record ON record_deliveries(record_id, round)")
    from secondopinion_desktop.store.old_history_lines import carry_old_history_lines

    carry_old_history_lines(db)


@step("0006_insurance_basis")
def m0006_insurance_basis(db: sqlite_utils.Database) -> None:
    # where the insurance answer came from: the office on the phone, or the insurer's list
    db.execute(
        "ALTER TABLE doctors ADD COLUMN insurance_basis TEXT NOT NULL DEFAULT 'asked' "
        "CHECK (insurance_basis IN ('asked', 'insurer_list'))"
    )


@step("0007_reminder_fires_index")
def m0007_reminder_fires_index(db: sqlite_utils.Database) -> None:
    # When an open reminder falls due, as a Julian day: the later of its due time and its
    # snooze (an unreadable time counts as long ago). store/reminders.py's FIRES_SQL is the same
    # expression, so the minute check reads only what fell due since the last one (issue 16).
    db.execute(
        "CREATE INDEX reminders_fires ON reminders("
        "max(coalesce(julianday(due_at), 0), coalesce(julianday(snoozed_until), 0))"
        ") WHERE done_at IS NULL"
    )


@step("0008_decision_clock")
def m0008_decision_clock(db: sqlite_utils.Database) -> None:
    # how long the decision can safely wait, as the treating doctor said it: a date, or a
    # number of weeks from a date, and who said it (domain/decision_clock.py)
    for column in (
        "decide_by TEXT",
        "decide_weeks INTEGER CHECK (decide_weeks IS NULL OR decide_weeks BETWEEN 1 AND 104)",
        "decide_from TEXT",
        "decide_said_by TEXT NOT NULL DEFAULT ''",
    ):
        db.execute(f"ALTER TABLE cases ADD COLUMN {column}")


@step("0009_indexes_for_long_lists")
def m0009_indexes_for_long_lists(db: sqlite_utils.Database) -> None:
    # Steps 2 and 3 say how many doctors are listed, booked and ruled out, and name the booked
    # ones: without this index each count walked every row of a case of 100,000 candidates
    # (hundreds of milliseconds on the window's thread after an import; issue 16). With it,
    # one pass over the index counts them all (store/cases.py: counts).
    db.execute("CREATE INDEX doctors_status ON doctors(case_id, status, role)")
    # Tools > Reminders reads a page at a time in its order (open first, soonest first) and
    # counts what is open and due: this index holds that order (store/reminders.py: ORDER_SQL,
    # the same expressions), so neither sorts nor reads all of 10,000 reminders.
    db.execute(
        "CREATE INDEX reminders_case_order ON reminders(case_id, (done_at IS NOT NULL), "
        "max(coalesce(julianday(due_at), 0), coalesce(julianday(snoozed_until), 0)))"
    )


def known_names() -> list[str]:
    return [name for name, _ in STEPS]


def applied_names(db: Database) -> list[str]:
    """The steps recorded in the file, in the order they ran (read only)."""
    if MIGRATIONS_TABLE not in db.table_names():
        return []
    rows = db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [str(row[0]) for row in rows]


def pending_names(db: Database) -> list[str]:
    done = set(applied_names(db))
    return [name for name in known_names() if name not in done]


def unknown_applied(db: Database) -> list[str]:
    """Migrations recorded in the file that this version of the app does not know."""
    known = set(known_names())
    return [name for name in applied_names(db) if name not in known]


def check_not_newer(db: Database) -> None:
    """Refuse a database written by a newer app: never downgrade it or write to it."""
    unknown = unknown_applied(db)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if unknown or version > len(known_names()):
        raise NewerDatabaseError(
            "This data was saved by a newer version of Second Opinion.\n\n"
            "Please install the newer version to open it. Nothing has been changed.",
            f"unknown migrations: {unknown}; user_version {version}",
        )


def sqlite_utils_migrations() -> Migrations:
    """The steps as sqlite-utils' Migrations (imports sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for number, (name, function) in enumerate(STEPS, start=1):
        migrations(name=name)(_with_version(function, number))
    return migrations


def _with_version(function: Step, number: int) -> Step:
    """The step, then `user_version = number`, inside the step's own transaction.

    sqlite-utils runs each step and its record in one transaction; the version goes in the
    same one, so a kill can never leave a migrated file with an old `user_version`.
    """

    def run(db: sqlite_utils.Database) -> None:
        function(db)
        db.execute(f"PRAGMA user_version = {number}")

    return run


def apply(db: Database, stop_before: str | Iterable[str] | None = None) -> list[str]:
    """Bring the schema up to date; returns the names of the migrations applied now.

    `stop_before` leaves that step and the ones after it pending (tests of upgrades).
    """
    check_not_newer(db)
    pending = pending_names(db)
    if not pending:
        # a file migrated by an older version, which wrote the version after the last step
        applied = len(applied_names(db))
        if db.execute("PRAGMA user_version").fetchone()[0] != applied:
            db.execute(f"PRAGMA user_version = {applied}")
        return []
    import sqlite_utils

    helper = sqlite_utils.Database(db.conn, execute_plugins=False)
    sqlite_utils_migrations().apply(helper, stop_before=stop_before)
    still = set(pending_names(db))
    return [name for name in pending if name not in still]
