"""A new round keeps its history: who gave which opinion, each visit's questions and answers,
and where each record went (issue 13, item 6). The rules, then the store, the migration and
the case archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, best_fit_note, best_fits
from secondopinion_desktop.domain.opinions import Opinion, Outcome
from secondopinion_desktop.domain.questions import Question, Topic, starter_questions
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind
from secondopinion_desktop.domain.round_questions import starter_questions_for_round
from secondopinion_desktop.domain.rounds import (
    RecordDelivery,
    close_round_records,
    delivery_text,
    earlier_visits,
    gave_opinion_words,
    opinion_givers,
    parse_old_history_line,
    questions_for_new_round,
    rank_for_round,
    status_with_history,
)

DAY = dt.date(2026, 11, 2)  # a Monday
CHEN = Doctor(id=7, case_id=1, name="Dr. David Chen", accepts_insurance=Answer.YES)
PATEL = Doctor(id=8, case_id=1, name="Dr. Asha Patel")


def visit(round_: int, doctor_id: int | None, days: int = 0) -> Appointment:
    when = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC) + dt.timedelta(days=days)
    return Appointment(id=round_, case_id=1, starts_at=when, doctor_id=doctor_id, round=round_)


# --- who gave which opinion ------------------------------------------------------------------


def test_a_finished_rounds_doctor_gave_its_opinion() -> None:
    second = Opinion(id=1, case_id=1, round=2, doctor_id=7, outcome=Outcome.DISAGREES)
    assert opinion_givers([second], [visit(2, 7)], current_round=3) == {7: 2}
    # no doctor on the opinion: the one the visit was booked with
    assert opinion_givers([replace(second, doctor_id=None)], [visit(2, 7)], 3) == {7: 2}
    # the round under way: only once something is written
    assert opinion_givers([], [visit(2, 7)], current_round=2) == {}
    assert opinion_givers([second], [visit(2, 7)], current_round=2) == {7: 2}
    assert gave_opinion_words(2) == "Gave the second opinion (round 2)"


def test_the_fit_ranking_leaves_out_who_gave_an_opinion_and_says_why() -> None:
    patel = replace(PATEL, accepts_insurance=Answer.YES)
    ranking = rank_for_round([CHEN, patel], {CHEN.id: 2})
    assert [f.doctor.name for f in ranking.fits] == ["Dr. Asha Patel"]
    assert ranking.left_out == ("Dr. David Chen is not ranked: they gave the second opinion.",)
    assert ranking.note == ""
    # the only candidate gave the last opinion: the card asks for more doctors
    alone = rank_for_round([CHEN], {CHEN.id: 2})
    assert alone.fits == () and "Add doctors in step 2" in alone.note
    treating = Doctor(id=9, case_id=1, name="Dr. Okafor", role=Role.TREATING)
    assert rank_for_round([treating, CHEN], {}).left_out == ()
    assert [f.doctor.id for f in rank_for_round([treating, CHEN], {}).fits] == [CHEN.id]


def test_the_ranking_ranks_once_and_says_what_ranking_again_would() -> None:
    """The note comes from the fits already ranked (not a second ranking of thousands); it
    says what `best_fit_note` says on its own, for any limit."""
    ruled_out = replace(PATEL, id=10, accepts_insurance=Answer.NO)
    unasked = replace(PATEL, id=11, name="Dr. Unasked")
    for doctors in ([CHEN, PATEL], [ruled_out], [ruled_out, unasked], [unasked], []):
        for limit in (0, 1, 3):
            ranking = rank_for_round(doctors, {}, limit)
            assert ranking.note == best_fit_note(doctors)
            assert list(ranking.fits) == best_fits(doctors, limit)


# --- where each record went ------------------------------------------------------------------


def record(**values: object) -> RecordItem:
    base = RecordItem(id=1, case_id=1, title="Medical records")
    return replace(base, **values)  # type: ignore[arg-type]


def test_records_start_afresh_for_the_next_doctor_and_keep_where_they_went() -> None:
    faxed = record(
        id=1,
        requested_on=DAY,
        received_on=DAY,
        sent_on=DAY,
        confirmed_on=DAY,
        confirmed_by="Denise",
        delivery=Delivery.FAX,
        notes="12 pages",
    )
    slides = record(id=2, title="Pathology slides", kind=RecordKind.PATHOLOGY_SLIDES, sent_on=DAY)
    elsewhere = record(id=3, recipient_text="Hospital", sent_on=DAY)
    untouched = record(id=4, requested_on=DAY)
    history, fresh = close_round_records([faxed, slides, elsewhere, untouched], 2, CHEN)
    assert [(h.record_id, h.round, h.doctor_id) for h in history] == [(1, 2, 7), (2, 2, 7)]
    assert history[0].confirmed_by == "Denise" and history[0].delivery is Delivery.FAX
    by_id = {i.id: i for i in fresh}
    assert set(by_id) == {1, 2}
    again = by_id[1]
    assert (again.sent_on, again.confirmed_on, again.confirmed_by) == (None, None, "")
    assert again.received_on == DAY and again.notes == "12 pages"  # notes as they were
    away = by_id[2]
    assert away.received_on is None and away.holder_doctor_id == CHEN.id
    assert history[1].still_away


def test_a_records_history_in_words() -> None:
    arrived = RecordDelivery(
        id=1,
        record_id=1,
        round=2,
        doctor_name="Dr. David Chen",
        sent_on=DAY,
        confirmed_on=DAY,
        confirmed_by="Ann",
    )
    assert delivery_text(arrived) == (
        "Second opinion: arrived at Dr. David Chen's office on Mon 2 Nov, confirmed by Ann."
    )
    faxed = RecordDelivery(id=2, record_id=1, round=3, delivery=Delivery.FAX, sent_on=DAY)
    assert delivery_text(faxed) == (
        "Third opinion: faxed to the third doctor's office on Mon 2 Nov, arrival not confirmed."
    )
    lent = replace(arrived, confirmed_by="", still_away=True)
    assert delivery_text(lent).endswith("still there (ask for it back, or for it to be sent on).")
    assert status_with_history("In hand since Mon 2 Nov, not sent yet", [arrived]) == (
        "In hand since Mon 2 Nov, not sent yet. Second opinion: arrived at Dr. David Chen's "
        "office on Mon 2 Nov, confirmed by Ann."
    )
    assert status_with_history("Not asked for yet", []) == "Not asked for yet"


# --- the questions of the next visit ----------------------------------------------------------

CASE = Case(id=1, title="Dad", diagnosis="Prostate cancer", recommended_treatment="Surgery")


def test_a_third_visits_starter_questions_say_who_said_what() -> None:
    second = Opinion(
        id=2, case_id=1, round=2, doctor_id=7, diagnosis="Prostatitis", treatment="Antibiotics"
    )
    names = {7: "Dr. David Chen"}
    assert starter_questions_for_round(CASE, [second], names, 2) == starter_questions(CASE)
    third = starter_questions_for_round(CASE, [second], names, 3, "Dr. Okafor")
    topic, text = third[0]
    assert topic is Topic.DIAGNOSIS
    assert text == (
        "The doctors I have seen so far differ: my doctor said \u201cProstate cancer\u201d; "
        "Dr. David Chen said \u201cProstatitis\u201d. What do you think it is, and why?"
    )
    treatments = [t for topic, t in third if topic is Topic.TREATMENT]
    assert (
        "my doctor said \u201cSurgery\u201d; Dr. David Chen said \u201cAntibiotics\u201d"
        in treatments[0]
    )
    assert third[-1] == (
        Topic.VISIT,
        "Would you be willing to talk with my other doctors about my case?",
    )
    assert len({t for _topic, t in third}) == len(third)


def q(id_: int, text: str, **values: object) -> Question:
    return replace(Question(id=id_, case_id=1, text=text, round=2, position=id_), **values)  # type: ignore[arg-type]


def test_the_new_visit_starts_from_the_open_questions() -> None:
    old_set = [t for _topic, t in starter_questions(CASE)]
    previous = [
        q(1, old_set[0], topic=Topic.DIAGNOSIS),  # unchanged starter: asked again in new words
        q(2, "Can I keep working?", asked_on=DAY, answer="Yes, part time"),  # answered: stays
        q(3, "How long is recovery?", asked_on=DAY),  # asked, no answer: still open
        q(4, "What stage, exactly?", topic=Topic.DIAGNOSIS),  # a starter the person changed
    ]
    starters = [(Topic.DIAGNOSIS, "New first"), (Topic.VISIT, "New last")]
    result = questions_for_new_round(previous, starters, old_set, 1, 3)
    assert [(x.text, x.topic, x.position) for x in result] == [
        ("New first", Topic.DIAGNOSIS, 1),
        ("New last", Topic.VISIT, 2),
        ("How long is recovery?", Topic.OWN, 3),
        ("What stage, exactly?", Topic.OWN, 4),
    ]
    assert all(x.id == 0 and x.round == 3 and not x.asked and not x.answer for x in result)


def test_earlier_visits_read_with_their_answers() -> None:
    second = Opinion(id=2, case_id=1, round=2, doctor_id=7, outcome=Outcome.DISAGREES)
    questions = [
        q(2, "Can I keep working?", asked_on=DAY, answer="Yes, part time"),
        q(3, "How long is recovery?", asked_on=DAY),
        q(1, "Is it urgent?"),
        replace(q(9, "For the third visit"), round=3),
    ]
    [earlier] = earlier_visits(questions, [second], [visit(2, 7)], {7: "Dr. David Chen"}, 3)
    assert earlier.heading == "Second opinion, with Dr. David Chen, Tue 10 Nov 2026"
    assert earlier.lines == (
        ("Can I keep working?", "Answer: Yes, part time"),
        ("How long is recovery?", "Asked; no answer written down."),
    )
    assert earlier.not_asked_text == "One question was not asked at that visit."  # urgent?
    assert earlier_visits(questions, [second], [], {}, 2) == []


# --- lines earlier versions wrote into the notes ----------------------------------------------


def test_old_history_lines_become_history_rows() -> None:
    line = "Second opinion: sent Mon 2 Nov, arrived Tue 3 Nov (confirmed by Denise)."
    parsed = parse_old_history_line(line, 5, dt.date(2026, 11, 20), CHEN)
    assert parsed is not None
    assert (parsed.round, parsed.record_id, parsed.doctor_id) == (2, 5, CHEN.id)
    assert (parsed.sent_on, parsed.confirmed_on) == (DAY, dt.date(2026, 11, 3))
    assert parsed.confirmed_by == "Denise" and not parsed.still_away
    away = (
        "Third opinion: sent Mon 2 Nov. Still with Dr. Raman's office: ask for them back, "
        "or to send them on."
    )
    lent = parse_old_history_line(away, 5, dt.date(2026, 11, 20))
    assert lent is not None and lent.still_away and lent.doctor_name == "Dr. Raman"
    # a year earlier, the weekday tells which year it was
    assert parse_old_history_line("Second opinion: sent Sun 2 Nov.", 5, dt.date(2026, 11, 20))
    # not one of ours, or a date that cannot be read for certain: left alone
    assert parse_old_history_line("Second opinion: call back Friday.", 5, DAY) is None
    assert parse_old_history_line("Second opinion: sent Xyz 2 Nov.", 5, DAY) is None
