"""Reminder rules with a fixed clock, the sync plan, and the reminders store."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind, Todo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Status
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing
from secondopinion_desktop.domain.reminder_rules import (
    ReminderFacts,
    Wanted,
    derive_reminders,
    plan_sync,
)
from secondopinion_desktop.domain.reminders import (
    About,
    Reminder,
    add_business_days,
    clean_title,
    due_now,
    in_an_hour,
    local_at,
    next_fire,
    short_state_text,
    short_when_text,
    state_text,
    tomorrow_morning,
    when_text,
)
from secondopinion_desktop.services.reminders import sync_all_reminders, sync_reminders
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW, FakeClock

ZONE = FIXED_NOW.tzinfo  # UTC-5
NOW = FIXED_NOW  # Friday 20 November 2026, 9:30 am
TODAY = NOW.date()
CASE = Case(id=1, title="Mum's second opinion", patient_name="Margaret Ellis")
RAMAN = Doctor(
    id=10,
    case_id=1,
    name="Dr. Priya Raman",
    phone="(555) 622-4100",
    fax="(555) 622-4190",
    status=Status.BOOKED,
)
ADLER = Doctor(id=11, case_id=1, name="Dr. Ruth Adler", role=Role.PRIMARY_CARE)
VISIT = Appointment(
    id=5,
    case_id=1,
    starts_at=dt.datetime(2026, 12, 8, 9, 30, tzinfo=ZONE),
    doctor_id=RAMAN.id,
    place="Lakeside Cancer Center",
)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def facts(**changes: object) -> ReminderFacts:
    base = ReminderFacts(case=CASE, appointments=(VISIT,), doctors=(RAMAN, ADLER))
    return replace(base, **changes)  # type: ignore[arg-type]


def derived(**changes: object) -> dict[str, Wanted]:
    return {w.key: w for w in derive_reminders(facts(**changes), NOW, ZONE)}


def record(**values: object) -> RecordItem:
    base = RecordItem(id=30, case_id=1, title="Medical records")
    return replace(base, **values)  # type: ignore[arg-type]


# --- time helpers -----------------------------------------------------------------------------


def test_business_days_skip_the_weekend() -> None:
    friday = dt.date(2026, 11, 20)
    assert add_business_days(friday, 1) == dt.date(2026, 11, 23)  # Monday
    assert add_business_days(friday, 3) == dt.date(2026, 11, 25)
    assert add_business_days(dt.date(2026, 11, 18), 1) == dt.date(2026, 11, 19)
    assert add_business_days(dt.date(2026, 11, 21), 1) == dt.date(2026, 11, 23)  # Sat


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_the_next_business_day_is_a_weekday_within_three_days(day: dt.date) -> None:
    following = add_business_days(day, 1)
    assert following.weekday() < 5
    assert 1 <= (following - day).days <= 3


def test_local_at_without_a_zone_uses_this_computers_zone() -> None:
    when = local_at(dt.date(2026, 7, 1), dt.time(9, 0))
    assert when.tzinfo is not None
    assert (when.hour, when.minute) == (9, 0)


def test_snooze_choices() -> None:
    assert in_an_hour(NOW) == NOW + dt.timedelta(hours=1)
    assert tomorrow_morning(NOW, ZONE) == at(dt.date(2026, 11, 21), 9)
    late = at(TODAY, 23, 50)
    assert tomorrow_morning(late, ZONE) == at(dt.date(2026, 11, 21), 9)


def test_when_text_is_relative_near_today() -> None:
    assert when_text(at(TODAY, 9), NOW, ZONE) == "today at 9:00 am"
    assert when_text(at(dt.date(2026, 11, 21), 14, 5), NOW, ZONE) == "tomorrow at 2:05 pm"
    assert when_text(at(dt.date(2026, 11, 19), 12), NOW, ZONE) == "yesterday at 12:00 pm"
    assert when_text(at(dt.date(2026, 11, 27), 9), NOW, ZONE) == "Friday 27 November at 9:00 am"
    assert when_text(at(dt.date(2027, 1, 4), 9), NOW, ZONE) == "Monday 4 January 2027 at 9:00 am"


def test_short_when_text_is_the_same_day_in_fewer_letters() -> None:
    assert short_when_text(at(TODAY, 9), NOW, ZONE) == "Today, 9:00 am"
    assert short_when_text(at(dt.date(2026, 11, 19), 12), NOW, ZONE) == "Yesterday, 12:00 pm"
    assert short_when_text(at(dt.date(2026, 11, 21), 9), NOW, ZONE) == "Tomorrow, 9:00 am"
    assert short_when_text(at(dt.date(2026, 11, 27), 9), NOW, ZONE) == "Fri 27 Nov, 9:00 am"
    assert short_when_text(at(dt.date(2027, 1, 4), 9), NOW, ZONE) == "Mon 4 Jan 2027, 9:00 am"


# --- the rules --------------------------------------------------------------------------------


def test_no_data_means_no_reminders() -> None:
    assert derive_reminders(ReminderFacts(case=CASE), NOW, ZONE) == []


def test_the_visit_reminder_is_the_morning_before_with_what_to_bring() -> None:
    card = record(
        id=31,
        title="Insurance card",
        kind=RecordKind.INSURANCE_CARD,
        delivery=Delivery.BRING,
        timing=Timing.BRING_ALONG,
    )
    visit = derived(records=(card,))["visit:5"]
    assert visit.due_at == at(dt.date(2026, 12, 7), 9)
    assert visit.title == "Visit with Dr. Priya Raman, Tuesday at 9:30 am"
    assert "Lakeside Cancer Center" in visit.detail
    assert "Bring: insurance card and your list of questions" in visit.detail
    assert (visit.about, visit.about_id, visit.page) == (About.APPOINTMENT, 5, 6)


def test_a_multidisciplinary_visit_names_the_team() -> None:
    team = replace(
        VISIT,
        kind=AppointmentKind.MULTIDISCIPLINARY,
        team_members=("Surgeon", "Radiation oncologist", "Medical oncologist"),
    )
    detail = derived(appointments=(team,))["visit:5"].detail
    assert "You will see: Surgeon, Radiation oncologist and Medical oncologist." in detail


def test_a_visit_that_is_over_has_no_reminder() -> None:
    past = replace(VISIT, starts_at=NOW - dt.timedelta(minutes=1))
    assert derived(appointments=(past,)) == {}


def test_records_are_due_a_week_before_the_visit() -> None:
    items = (
        record(id=31, title="Medical records"),
        record(id=32, title="Pathology report", requested_on=TODAY),
        record(id=33, title="Test results", sent_on=TODAY, confirmed_on=TODAY),
    )
    due = derived(records=items)["records-due:5"]
    # the visit is Tue 8 Dec: records due Tue 1 Dec; remind three days before that
    assert due.title == "Records should reach Dr. Priya Raman by Tue 1 Dec"
    assert due.due_at == at(dt.date(2026, 11, 28), 9)
    assert "medical records and pathology report" in due.detail
    assert "test results" not in due.detail
    assert (due.about, due.page) == (About.RECORD, 4)


def test_records_due_name_each_kind_of_item_once() -> None:
    """Medical records from the family doctor and from the specialist are one phrase."""
    items = (
        record(id=31, title="Medical records", holder_doctor_id=3),
        record(id=32, title="Medical records", holder_doctor_id=4),
        record(id=33, title="Copies of all test results"),
    )
    detail = derived(records=items)["records-due:5"].detail
    assert "Still on the way: medical records and copies of all test results." in detail


def test_records_brought_along_or_sent_elsewhere_are_not_due_ahead() -> None:
    items = (
        record(id=31, delivery=Delivery.BRING),
        record(id=32, recipient_text="The hospital's records office"),
    )
    assert "records-due:5" not in derived(records=items)


def test_records_due_when_booked_late_is_due_at_once() -> None:
    soon = replace(VISIT, starts_at=NOW + dt.timedelta(days=4))
    due = derived(appointments=(soon,), records=(record(),))["records-due:5"]
    assert due.due_at < NOW


def test_a_faxed_item_means_a_call_the_next_business_day() -> None:
    faxed = record(delivery=Delivery.FAX, received_on=TODAY, sent_on=TODAY)  # a Friday
    reminder = derived(records=(faxed,))["confirm-arrival:30"]
    assert reminder.due_at == at(dt.date(2026, 11, 23), 10)  # Monday 10 am
    assert reminder.title == "Phone Dr. Priya Raman to check the faxed medical records arrived"
    assert "does not prove" in reminder.detail
    assert "(555) 622-4100" in reminder.detail
    assert (reminder.about, reminder.about_id, reminder.page) == (About.RECORD, 30, 4)


def test_mailed_items_get_a_few_days_and_confirmed_ones_none() -> None:
    mailed = record(id=31, delivery=Delivery.MAIL, sent_on=TODAY)
    confirmed = record(id=32, delivery=Delivery.FAX, sent_on=TODAY, confirmed_on=TODAY)
    handed = record(id=33, delivery=Delivery.HAND_DELIVER, sent_on=TODAY)
    found = derived(records=(mailed, confirmed, handed))
    assert found["confirm-arrival:31"].due_at == at(dt.date(2026, 11, 25), 10)
    assert "confirm-arrival:32" not in found
    assert "confirm-arrival:33" not in found


def test_slides_faxed_go_to_step_five() -> None:
    slides = record(kind=RecordKind.PATHOLOGY_SLIDES, delivery=Delivery.MAIL, sent_on=TODAY)
    assert derived(records=(slides,))["confirm-arrival:30"].page == 5


def test_call_back_when_the_call_log_says_so() -> None:
    call = Call(
        id=7,
        doctor_id=RAMAN.id,
        called_at=at(TODAY, 9).isoformat(),
        learned="Left a message with Denise.",
        call_back_on="2026-11-23",
    )
    reminder = derived(calls=(call,))["call-back:7"]
    assert reminder.title == "Call Dr. Priya Raman's office back"
    assert reminder.due_at == at(dt.date(2026, 11, 23), 9)
    assert "Last time: Left a message with Denise." in reminder.detail
    assert (reminder.about, reminder.about_id, reminder.page) == (About.DOCTOR, 10, 3)


def test_a_later_call_or_ruling_out_ends_the_call_back() -> None:
    first = Call(id=7, doctor_id=10, called_at=at(TODAY, 9).isoformat(), call_back_on="2026-11-23")
    later = Call(id=8, doctor_id=10, called_at=at(TODAY, 15).isoformat())
    assert "call-back:7" not in derived(calls=(first, later))
    ruled_out = replace(RAMAN, status=Status.RULED_OUT)
    assert "call-back:7" not in derived(calls=(first,), doctors=(ruled_out,))
    unreadable = replace(first, call_back_on="soon")
    assert "call-back:7" not in derived(calls=(unreadable,))


def test_a_booked_doctor_who_needs_a_referral_means_asking_for_one() -> None:
    needs = replace(RAMAN, referral_required=Answer.YES)
    added = at(TODAY, 9)
    todo = Todo(id=1, case_id=1, key="referral:10", title="Ask for a referral")
    reminder = derived(doctors=(needs, ADLER), todos=(todo,), todo_added={"referral:10": added})[
        "referral:10"
    ]
    assert reminder.title == "Ask Dr. Ruth Adler for a referral to Dr. Priya Raman"
    assert reminder.due_at == at(dt.date(2026, 11, 23), 10)  # the next business day
    assert "(555) 622-4190" in reminder.detail


def test_no_referral_reminder_once_it_is_done_or_sent() -> None:
    needs = replace(RAMAN, referral_required=Answer.YES)
    done = Todo(id=1, case_id=1, key="referral:10", title="Ask", done_at=NOW.isoformat())
    assert "referral:10" not in derived(doctors=(needs,), todos=(done,))
    form = record(kind=RecordKind.REFERRAL_FORM, delivery=Delivery.FAX, sent_on=TODAY)
    assert "referral:10" not in derived(doctors=(needs,), records=(form,))
    # without a to-do it is still due, ten days before the visit at the latest
    assert derived(doctors=(needs,))["referral:10"].due_at == at(dt.date(2026, 11, 28), 10)


def test_round_three_reminds_about_the_round_three_visit() -> None:
    third = Appointment(
        id=6,
        case_id=1,
        starts_at=dt.datetime(2027, 1, 12, 10, 0, tzinfo=ZONE),
        doctor_id=ADLER.id,
        round=3,
    )
    found = derived(round=3, appointments=(VISIT, third), records=(record(),))
    assert "records-due:6" in found
    assert "records-due:5" not in found


# --- states and words -------------------------------------------------------------------------


def reminder(**values: object) -> Reminder:
    base = Reminder(id=1, case_id=1, title="Call the lab", due_at=at(TODAY, 9))
    return replace(base, **values)  # type: ignore[arg-type]


def test_short_words_for_the_list() -> None:
    assert short_when_text(at(TODAY, 9), NOW, ZONE) == "Today, 9:00 am"
    assert short_when_text(at(dt.date(2026, 11, 27), 14, 5), NOW, ZONE) == "Fri 27 Nov, 2:05 pm"
    assert short_when_text(at(dt.date(2027, 1, 4), 9), NOW, ZONE) == "Mon 4 Jan 2027, 9:00 am"
    assert short_state_text(reminder(), NOW, ZONE) == "Due now"
    snoozed = reminder(snoozed_until=at(dt.date(2026, 11, 21), 9))
    assert short_state_text(snoozed, NOW, ZONE) == "Snoozed until tomorrow, 9:00 am"
    assert short_state_text(reminder(due_at=at(TODAY, 11)), NOW, ZONE) == "Coming up"
    assert short_state_text(reminder(done_at=NOW), NOW, ZONE) == "Done"


def test_state_in_words() -> None:
    assert state_text(reminder(), NOW, ZONE) == "Due since today at 9:00 am"
    assert state_text(reminder(due_at=NOW), NOW, ZONE) == "Due now"
    assert state_text(reminder(due_at=at(dt.date(2026, 11, 21), 9)), NOW, ZONE) == (
        "Due tomorrow at 9:00 am"
    )
    snoozed = reminder(snoozed_until=at(TODAY, 11))
    assert state_text(snoozed, NOW, ZONE) == "Snoozed until today at 11:00 am"
    assert state_text(reminder(done_at=NOW), NOW, ZONE) == "Done today at 9:30 am"


def test_due_and_next_fire_honour_snoozes_and_done() -> None:
    due = reminder(id=1)
    snoozed = reminder(id=2, snoozed_until=at(TODAY, 11))
    done = reminder(id=3, done_at=NOW)
    later = reminder(id=4, due_at=at(TODAY, 10))
    assert [r.id for r in due_now([due, snoozed, done, later], NOW)] == [1]
    assert next_fire([due, snoozed, done, later], NOW) == at(TODAY, 10)
    assert next_fire([done], NOW) is None


def test_clean_title() -> None:
    assert clean_title("  Call   the lab ") == "Call the lab"
    with pytest.raises(ValueError, match="what to be reminded of"):
        clean_title("   ")


# --- keeping them in step -----------------------------------------------------------------------


def test_plan_sync_inserts_updates_and_deletes_by_key() -> None:
    stored = [
        reminder(id=1, key="visit:5", title="Visit"),
        reminder(id=2, key="call-back:7", title="Call back"),
        reminder(id=3, key=None, title="My own"),
    ]
    wanted = [
        Wanted(key="visit:5", title="Visit, moved", due_at=at(TODAY, 9)),
        Wanted(key="records-due:5", title="Records", due_at=at(TODAY, 9)),
    ]
    plan = plan_sync(stored, wanted)
    assert [w.key for w in plan.insert] == ["records-due:5"]
    assert [(i, w.title, moved) for i, w, moved in plan.update] == [(1, "Visit, moved", False)]
    assert plan.delete == (2,)  # the own reminder (no key) is never touched


def test_plan_sync_with_nothing_changed_is_empty_even_across_offsets() -> None:
    stored = [reminder(id=1, key="visit:5", title="Visit", due_at=at(TODAY, 9))]
    same_instant = at(TODAY, 9).astimezone(dt.UTC)
    assert plan_sync(stored, [Wanted(key="visit:5", title="Visit", due_at=same_instant)]).empty


def test_plan_sync_marks_a_moved_due_time() -> None:
    stored = [reminder(id=1, key="visit:5", title="Visit", done_at=NOW)]
    plan = plan_sync(stored, [Wanted(key="visit:5", title="Visit", due_at=at(TODAY, 12))])
    assert plan.update[0][2] is True


# --- the store --------------------------------------------------------------------------------


def seed(repo: Repository) -> tuple[int, Doctor]:
    case = repo.cases.create("Mum", patient_name="Margaret Ellis")
    raman = repo.doctors.add(replace(RAMAN, id=0, case_id=case.id))
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            starts_at=NOW + dt.timedelta(days=18),
            doctor_id=raman.id,
            place="Lakeside",
        )
    )
    return case.id, raman


def test_sync_creates_updates_and_never_duplicates(repo: Repository) -> None:
    case_id, raman = seed(repo)
    assert sync_reminders(repo, case_id, ZONE) is True
    first = repo.reminders.list(case_id)
    assert [r.key for r in first] == [f"visit:{repo.appointments.list(case_id)[0].id}"]
    assert sync_reminders(repo, case_id, ZONE) is False
    assert repo.reminders.list(case_id) == first
    call = repo.doctors.add_call(
        Call(id=0, doctor_id=raman.id, called_at=NOW.isoformat(), call_back_on="2026-11-23")
    )
    assert sync_reminders(repo, case_id, ZONE) is True
    keys = {r.key for r in repo.reminders.list(case_id)}
    assert f"call-back:{call.id}" in keys
    repo.doctors.add_call(
        Call(id=0, doctor_id=raman.id, called_at=(NOW + dt.timedelta(hours=1)).isoformat())
    )
    sync_reminders(repo, case_id, ZONE)
    assert f"call-back:{call.id}" not in {r.key for r in repo.reminders.list(case_id)}


def test_done_and_snooze_survive_a_sync_unless_the_time_moved(repo: Repository) -> None:
    case_id, _raman = seed(repo)
    sync_reminders(repo, case_id, ZONE)
    [visit_reminder] = repo.reminders.list(case_id)
    repo.reminders.set_done(visit_reminder.id, True)
    sync_reminders(repo, case_id, ZONE)
    assert repo.reminders.get(visit_reminder.id).done
    visit = repo.appointments.list(case_id)[0]
    repo.appointments.update(replace(visit, starts_at=visit.starts_at + dt.timedelta(days=2)))
    sync_reminders(repo, case_id, ZONE)
    moved = repo.reminders.get(visit_reminder.id)
    assert not moved.done
    assert moved.due_at == visit_reminder.due_at + dt.timedelta(days=2)


def test_own_reminders_snooze_done_and_delete(repo: Repository, clock: FakeClock) -> None:
    case_id, _raman = seed(repo)
    own = repo.reminders.add(
        Reminder(id=0, case_id=case_id, title="Ask Jo to drive", due_at=at(TODAY, 9))
    )
    assert own.key is None and not own.done
    sync_reminders(repo, case_id, ZONE)
    assert repo.reminders.get(own.id) == own  # the rules leave it alone
    assert [r.id for r in due_now(repo.reminders.open(), clock())] == [own.id]
    snoozed = repo.reminders.snooze(own.id, at(TODAY, 11))
    assert snoozed.snoozed_until == at(TODAY, 11)
    assert due_now(repo.reminders.open(), clock()) == []
    clock.advance(hours=2)
    assert [r.id for r in due_now(repo.reminders.open(), clock())] == [own.id]
    done = repo.reminders.set_done(own.id, True)
    assert done.done_at == clock()
    assert own.id not in {r.id for r in repo.reminders.open()}
    repo.reminders.delete(own.id)
    assert own.id not in {r.id for r in repo.reminders.list(case_id)}


def test_reminders_sort_by_instant_not_text(repo: Repository) -> None:
    case_id, _raman = seed(repo)
    utc_later = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)  # 10 am at UTC-5
    local_earlier = at(TODAY, 9, 45)  # '...T09:45-05:00' sorts after '...T15:00+00:00' as text
    repo.reminders.add(Reminder(id=0, case_id=case_id, title="later", due_at=utc_later))
    repo.reminders.add(Reminder(id=0, case_id=case_id, title="earlier", due_at=local_earlier))
    assert [r.title for r in repo.reminders.list(case_id)] == ["earlier", "later"]


def test_deleting_the_case_deletes_its_reminders(repo: Repository) -> None:
    case_id, _raman = seed(repo)
    sync_all_reminders(repo, ZONE)
    assert repo.reminders.open()
    repo.cases.delete(case_id)
    assert repo.reminders.open() == []


# --- never due before it was made (issue 13, item 9) -------------------------------------------


def test_a_reminder_made_after_its_rule_time_is_due_from_when_it_was_made() -> None:
    # Booking a visit five days out: the referral should have been asked for ten days before.
    soon = replace(VISIT, starts_at=at(TODAY + dt.timedelta(days=5), 10))
    needs_referral = replace(RAMAN, referral_required=Answer.YES)
    wanted = derive_reminders(
        facts(appointments=(soon,), doctors=(needs_referral, ADLER)), NOW, ZONE
    )
    referral = next(w for w in wanted if w.key.startswith("referral:"))
    assert referral.due_at < NOW  # what the rule names, before anyone knew of the visit
    plan = plan_sync([], wanted, NOW)
    (made,) = [w for w in plan.insert if w.key == referral.key]
    assert made.due_at == NOW
    stored = reminder(id=1, key=made.key, title=made.title, detail=made.detail, due_at=NOW)
    assert state_text(stored, NOW, ZONE) == "Due now"
    assert "since" not in state_text(stored, NOW + dt.timedelta(seconds=30), ZONE)


def test_later_syncs_keep_the_moment_it_was_made() -> None:
    made = NOW - dt.timedelta(hours=3)
    stored = [reminder(id=1, key="referral:10", title="Ask", due_at=made, done_at=None)]
    rule_time = NOW - dt.timedelta(days=5)
    plan = plan_sync(stored, [Wanted(key="referral:10", title="Ask", due_at=rule_time)], NOW)
    assert plan.empty


def test_a_reminder_moved_into_the_past_is_due_now_not_since_then() -> None:
    stored = [reminder(id=1, key="referral:10", title="Ask", due_at=NOW + dt.timedelta(days=4))]
    moved = NOW - dt.timedelta(days=2)
    plan = plan_sync(stored, [Wanted(key="referral:10", title="Ask", due_at=moved)], NOW)
    ((_, item, was_moved),) = plan.update
    assert item.due_at == NOW and was_moved


def test_a_reminder_that_came_due_on_time_keeps_its_due_time() -> None:
    yesterday = NOW - dt.timedelta(days=1)
    stored = [reminder(id=1, key="visit:5", title="Visit", due_at=yesterday)]
    assert plan_sync(stored, [Wanted(key="visit:5", title="Visit", due_at=yesterday)], NOW).empty


@given(st.integers(-30 * 24 * 60, 30 * 24 * 60))
def test_nothing_new_is_ever_due_before_now(minutes: int) -> None:
    due = NOW + dt.timedelta(minutes=minutes)
    (made,) = plan_sync([], [Wanted(key="k", title="T", due_at=due)], NOW).insert
    assert made.due_at == max(due, NOW)


def test_due_heading_counts_in_words() -> None:
    from secondopinion_desktop.domain.reminders import due_heading

    assert due_heading(1) == "1 thing to do now"
    assert due_heading(10_000) == "10,000 things to do now"
    assert due_heading(3, away=3) == "While you were away: 3 reminders"
    assert due_heading(1, away=1) == "While you were away: 1 reminder"
    both = "While you were away: 3 reminders, and 2 from before"
    assert due_heading(5, away=3, earlier=2) == both


def test_a_key_follows_its_row_to_a_new_id() -> None:
    from secondopinion_desktop.domain.reminder_rules import remapped_key

    ids = {"doctors": {3: 41}, "appointments": {7: 9}, "records": {}, "calls": {2: 5}}
    assert remapped_key("referral:3", ids) == "referral:41"
    assert remapped_key("visit:7", ids) == "visit:9"
    assert remapped_key("records-due:7", ids) == "records-due:9"
    assert remapped_key("call-back:2", ids) == "call-back:5"
    assert remapped_key("confirm-arrival:8", ids) == "confirm-arrival:gone-8"  # not this row 8
    assert remapped_key("my own words", ids) == "my own words"
    assert remapped_key("referral:x", ids) == "referral:x"


# --- the decision clock: "Book the visit by ..." --------------------------------------------


DECIDING = replace(CASE, decide_by=dt.date(2026, 12, 18), decide_said_by="Dr. Okafor")


def test_nothing_booked_two_weeks_before_the_decide_by_date_asks_to_book() -> None:
    wanted = derived(case=DECIDING, appointments=())
    book = wanted["book-visit:1"]
    assert book.title == "Book the visit by Fri 4 Dec"
    assert book.due_at == at(dt.date(2026, 12, 4), 9)
    assert "Friday 18 December 2026" in book.detail
    assert book.page == 3


def test_a_booked_visit_or_no_answer_makes_no_booking_reminder() -> None:
    assert "book-visit:1" not in derived(case=DECIDING)  # the visit is booked
    assert "book-visit:1" not in derived(appointments=())  # the doctor has not said yet
    passed = replace(DECIDING, decide_by=dt.date(2026, 11, 19))
    assert "book-visit:1" not in derived(case=passed, appointments=())


def test_the_booking_reminder_goes_when_the_visit_is_booked(repo: Repository) -> None:
    case = repo.cases.update(replace(repo.cases.create("Mum"), decide_by=dt.date(2026, 12, 18)))
    sync_reminders(repo, case.id, ZONE)
    assert [r.title for r in repo.reminders.list(case.id)] == ["Book the visit by Fri 4 Dec"]
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman"))
    repo.appointments.add(
        Appointment(
            id=0, case_id=case.id, starts_at=at(dt.date(2026, 12, 8), 9), doctor_id=doctor.id
        )
    )
    sync_reminders(repo, case.id, ZONE)
    assert not any(r.key == f"book-visit:{case.id}" for r in repo.reminders.list(case.id))
