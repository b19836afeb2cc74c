"""The questions sheet: the person's questions for the visit, with room to write the answers.

Pure functions, no Qt: `questions_sheet_for` gathers what the page says, `questions_sheet_html`
writes it as the HTML subset QTextDocument understands. Rendering is `printing/render.py`.
Black on white, large type, numbered in the person's own order; answers already written down
are printed in place of the lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from secondopinion_desktop.domain.appointments import Appointment, format_when
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import decision_needed_text
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.records import long_date
from secondopinion_desktop.printing.cover_sheet import FALLBACK_FAMILIES

TITLE = "Questions for the visit"
# (type scale, writing lines under each question, space above each line in points), tried in
# turn until the sheet fits on one page: first less room to write, then smaller type
FIT_STEPS: tuple[tuple[float, int, float], ...] = (
    (1.0, 3, 12),
    (1.0, 2, 12),
    (1.0, 1, 14),
    (0.92, 1, 12),
    (0.85, 1, 11),
    (0.8, 1, 9),
    (0.75, 1, 7),
    (0.72, 0, 0),
)


@frozen
class SheetQuestion:
    text: str
    answer: str = ""
    asked: bool = False


@frozen
class QuestionsSheet:
    """Everything the printed page says."""

    prepared_on: dt.date
    patient_name: str = ""
    doctor_name: str = ""
    visit: dt.datetime | None = None
    place: str = ""
    team: tuple[str, ...] = ()
    questions: tuple[SheetQuestion, ...] = ()
    decision_needed: str = ""  # "Decision needed by ...", as the treating doctor said


def questions_sheet_for(
    case: Case,
    questions: Iterable[Question],
    appointment: Appointment | None,
    doctor: Doctor | None,
    today: dt.date,
) -> QuestionsSheet:
    return QuestionsSheet(
        prepared_on=today,
        patient_name=case.patient_name.strip(),
        doctor_name=doctor.spoken if doctor else "",
        visit=appointment.starts_at if appointment else None,
        place=appointment.place.strip() if appointment else "",
        team=appointment.team_members if appointment else (),
        questions=tuple(
            SheetQuestion(text=q.text, answer=q.answer.strip(), asked=q.asked) for q in questions
        ),
        decision_needed=decision_needed_text(case),
    )


def _lines(count: int, gap: float) -> str:
    """Lines to write on, `gap` points apart."""
    return "".join(f'<hr style="margin-top:{gap:.0f}pt;">' for _ in range(count))


def questions_sheet_html(
    sheet: QuestionsSheet, scale: float = 1.0, lines: int = 3, gap: float = 12
) -> str:
    """The page as HTML. `scale` shrinks the type; `lines` lines to write on under each
    question, `gap` points apart."""

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    about: list[str] = []
    if sheet.patient_name:
        about.append(f"For <b>{escape(sheet.patient_name)}</b>")
    if sheet.doctor_name:
        about.append(f"with <b>{escape(sheet.doctor_name)}</b>")
    if sheet.visit is not None:
        about.append(escape(format_when(sheet.visit)))
    heading_line = ", ".join(about) if about else "Date of the visit: ____________________"
    extra: list[str] = []
    if sheet.place:
        extra.append(f"<div>Where: {escape(sheet.place)}</div>")
    if sheet.team:
        extra.append(f"<div>You will see: {escape(', '.join(sheet.team))}</div>")
    if sheet.decision_needed:
        extra.append(f"<div><b>{escape(sheet.decision_needed)}.</b></div>")

    items: list[str] = []
    for number, question in enumerate(sheet.questions, start=1):
        tick = " &#10003;" if question.asked else ""
        body = (
            f'<p style="margin-top:{pt(6)}; margin-bottom:0;">'
            f"<i>{escape(question.answer)}</i></p>".replace("\n", "<br>")
            if question.answer
            else _lines(lines, gap)
        )
        items.append(
            '<tr><td valign="top" align="right" width="6%" '
            f'style="font-size:{pt(14)}; font-weight:bold;">{number}.</td>'
            f'<td valign="top"><div style="font-size:{pt(14)}; font-weight:bold;">'
            f"{escape(question.text)}{tick}</div>{body}</td></tr>"
        )
    if not items:
        items.append("<tr><td></td><td>(No questions yet. Write yours here.)</td></tr>")
    notes_lines = _lines(max(2, lines + 1), max(gap, 12))

    return f"""<html><head><meta charset="utf-8"><title>{escape(TITLE)}</title></head>
<body style="font-family:{FALLBACK_FAMILIES}; font-size:{pt(12.5)}; color:#000000;">
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="bottom"><div style="font-size:{pt(22)}; font-weight:bold;">{escape(TITLE)}</div></td>
<td align="right" valign="bottom">Printed {escape(long_date(sheet.prepared_on))}</td>
</tr></table>
<div style="font-size:{pt(13)};">{heading_line}</div>
{"".join(extra)}
<hr>
<table width="100%" cellspacing="0" cellpadding="{max(2, int(5 * scale))}">
{"".join(items)}
</table>
<p style="font-size:{pt(14)}; font-weight:bold; margin-top:{pt(10)};">
New tests the doctor orders, and other notes</p>
{notes_lines}
<p style="font-size:{pt(10)}; margin-top:{pt(10)};">Ask for a copy of the doctor's notes or letter.
This list helps you remember what to ask; it is not medical advice.</p>
</body></html>
"""
