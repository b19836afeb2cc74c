"""The opinions side by side: one column per doctor, one row per thing they said.

Pure functions, no Qt. Rendering is `printing/render.py`. Written for the person (and
perhaps to take to a doctor): it records what each doctor said, in the person's own words, and
judges nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from html import escape

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.opinions import (
    Opinion,
    RoundInfo,
    compare_rows,
    doctor_label,
    round_name,
)
from secondopinion_desktop.domain.records import long_date
from secondopinion_desktop.printing.cover_sheet import FALLBACK_FAMILIES

TITLE = "The opinions side by side"
FIT_SCALES = (1.0, 0.9, 0.8, 0.72, 0.64)


@frozen
class OpinionsSheet:
    prepared_on: dt.date
    patient_name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    talk: str = ""


def opinions_sheet_for(
    patient_name: str,
    opinions: Iterable[Opinion],
    doctors: Mapping[int, Doctor],
    today: dt.date,
    rounds: Iterable[RoundInfo] = (),
) -> OpinionsSheet:
    listed = sorted(opinions, key=lambda o: o.round)
    columns = tuple(f"{round_name(o.round)}\n{doctor_label(o, dict(doctors))}" for o in listed)
    rows = tuple(
        (row.label, tuple(row.value(o) for o in listed))
        for row in compare_rows(listed)
        if any(row.value(o).strip() for o in listed)
    )
    talk_lines = [
        f"{long_date(r.doctors_talk_on)}: the doctors were asked to talk to each other."
        + (f" {r.doctors_talk_note}" if r.doctors_talk_note else "")
        for r in rounds
        if r.doctors_talk_on is not None
    ]
    return OpinionsSheet(
        prepared_on=today,
        patient_name=patient_name.strip(),
        columns=columns,
        rows=rows,
        talk=" ".join(talk_lines),
    )


def _cell(text: str) -> str:
    return escape(text.strip()).replace("\n", "<br>") if text.strip() else "&nbsp;"


def opinions_sheet_html(sheet: OpinionsSheet, scale: float = 1.0) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    width = max(1, len(sheet.columns))
    label_width = 20
    column_width = (100 - label_width) // width
    header = "".join(
        f'<th width="{column_width}%" align="left" valign="bottom" '
        f'style="font-size:{pt(13)};">{_cell(name)}</th>'
        for name in sheet.columns
    )
    body = "".join(
        f'<tr><td valign="top" style="font-weight:bold;">{escape(label)}</td>'
        + "".join(f'<td valign="top">{_cell(value)}</td>' for value in values)
        + "</tr>"
        for label, values in sheet.rows
    )
    if not sheet.columns:
        body = "<tr><td>No opinions written down yet.</td></tr>"
    patient = f"For <b>{escape(sheet.patient_name)}</b>. " if sheet.patient_name else ""
    talk = f'<p style="margin-top:{pt(8)};">{escape(sheet.talk)}</p>' if sheet.talk else ""
    return f"""<html><head><meta charset="utf-8"><title>{escape(TITLE)}</title></head>
<body style="font-family:{FALLBACK_FAMILIES}; font-size:{pt(12)}; color:#000000;">
<div style="font-size:{pt(22)}; font-weight:bold;">{escape(TITLE)}</div>
<div>{patient}Printed {escape(long_date(sheet.prepared_on))}. What each doctor said, as you
wrote it down.</div>
<p></p>
<table width="100%" border="1" cellspacing="0" cellpadding="{max(3, int(7 * scale))}"
 style="border-collapse:collapse; border-color:#000000; border-style:solid;">
<thead><tr><th width="{label_width}%"></th>{header}</tr></thead>
{body}
</table>
{talk}
<p style="font-size:{pt(10)}; margin-top:{pt(10)};">Second Opinion keeps your notes in order.
It does not give medical advice: please talk your choice over with your doctors.</p>
</body></html>
"""
