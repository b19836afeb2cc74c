"""The questions sheet and the opinions side by side, as HTML (no Qt needed)."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import Opinion, Outcome, RoundInfo
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.printing.opinions_sheet import opinions_sheet_for, opinions_sheet_html
from secondopinion_desktop.printing.questions_sheet import (
    questions_sheet_for,
    questions_sheet_html,
)

TODAY = dt.date(2026, 11, 20)
CASE = Case(id=1, title="Mum", patient_name="Margaret <Ellis>")
RAMAN = Doctor(id=3, case_id=1, name="Dr. Priya Raman")
VISIT = Appointment(
    id=1,
    case_id=1,
    starts_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC),
    doctor_id=3,
    place="Lakeside",
    team_members=("Surgeon", "Radiation oncologist"),
)


def test_questions_in_order_with_room_to_write_or_the_answer() -> None:
    questions = [
        Question(id=1, case_id=1, text="Is it <stage> II?"),
        Question(
            id=2,
            case_id=1,
            text="How long is recovery?",
            asked_on=TODAY,
            answer="About six weeks.\nLess without radiation.",
        ),
    ]
    sheet = questions_sheet_for(CASE, questions, VISIT, RAMAN, TODAY)
    html = questions_sheet_html(sheet, lines=3)
    assert "For <b>Margaret &lt;Ellis&gt;</b>, with <b>Dr. Priya Raman</b>" in html
    assert "Tuesday 1 December 2026 at 9:30 am" in html
    assert "You will see: Surgeon, Radiation oncologist" in html
    assert html.index("1.</td>") < html.index("Is it &lt;stage&gt; II?") < html.index("2.</td>")
    assert "<i>About six weeks.<br>Less without radiation.</i>" in html
    assert "&#10003;" in html  # the asked one is ticked
    assert html.count("<hr") == 1 + 3 + 4  # the rule, three lines, the notes lines
    assert "not medical advice" in html
    fewer = questions_sheet_html(sheet, scale=0.8, lines=1)
    assert fewer.count("<hr") == 1 + 1 + 2
    assert "11.2pt" in fewer  # 14pt questions scaled


def test_a_sheet_with_no_visit_leaves_a_line_for_the_date() -> None:
    sheet = questions_sheet_for(Case(id=1, title="x"), [], None, None, TODAY)
    html = questions_sheet_html(sheet)
    assert "Date of the visit: ____" in html
    assert "No questions yet" in html


def test_opinions_side_by_side_with_only_rows_that_say_something() -> None:
    opinions = [
        Opinion(id=2, case_id=1, round=2, doctor_id=3, diagnosis="IDC", outcome=Outcome.AGREES),
        Opinion(id=1, case_id=1, round=1, doctor_name="Dr. Okafor", diagnosis="IDC & more"),
    ]
    rounds = [RoundInfo(case_id=1, round=2, doctors_talk_on=TODAY, doctors_talk_note="By phone")]
    sheet = opinions_sheet_for("Margaret", opinions, {3: RAMAN}, TODAY, rounds)
    assert sheet.columns == ("First opinion\nDr. Okafor", "Second opinion\nDr. Priya Raman")
    labels = [label for label, _values in sheet.rows]
    assert labels == ["Diagnosis", "Compared with the first"]
    html = opinions_sheet_html(sheet)
    assert "First opinion<br>Dr. Okafor" in html
    assert "IDC &amp; more" in html
    assert "Agrees with the diagnosis and the treatment" in html
    assert "20 November 2026: the doctors were asked to talk to each other. By phone" in html
    assert "does not give medical advice" in html
