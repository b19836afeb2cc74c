"""The records cover sheet: the page on top of faxed or hand-delivered records.

Pure functions, no Qt: `cover_sheet_for` gathers what the page says from the case, and
`cover_sheet_html` writes it as the small HTML subset QTextDocument understands. Rendering to a
printer or PDF is `printing/render.py`.

The page is read by an office clerk, often as a fax: black on white, no grey fills (they turn to
noise on a fax), large type, and the things a clerk looks for first (who it is for, the patient,
how many pages) at the top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from html import escape

from secondopinion_desktop.domain.appointments import Appointment, format_when
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import decision_needed_text
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.records import (
    RecordItem,
    cover_note,
    cover_sheet_items,
    holder_name,
    long_date,
)

FONT_FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILIES = "'Atkinson Hyperlegible', 'DejaVu Sans', Arial, sans-serif"
TITLE = "Medical records for a second-opinion visit"
#: The document's own name (window titles, the PDF's title).
COVER_SHEET_TITLE = "Medical records cover sheet"
COMPACT_BELOW = 0.85
# shrink the type step by step until a long list fits on the one page
FIT_SCALES = (1.0, 0.9, 0.84, 0.76, 0.68, 0.6, 0.52, 0.45)


@frozen
class EnclosedItem:
    """One line of the enclosed list."""

    title: str
    source: str = ""
    pages: int | None = None
    note: str = ""  # e.g. sent before and not yet confirmed as received


@frozen
class CoverSheet:
    """Everything the printed page says."""

    to_name: str
    prepared_on: dt.date
    to_office: str = ""
    to_fax: str = ""
    to_phone: str = ""
    from_name: str = ""
    from_phone: str = ""
    patient_name: str = ""
    patient_dob: dt.date | None = None
    visit: dt.datetime | None = None
    visit_place: str = ""
    items: tuple[EnclosedItem, ...] = ()
    decision_needed: str = ""  # "Decision needed by ...", as the treating doctor said

    @property
    def pages_counted(self) -> int:
        return sum(i.pages or 0 for i in self.items)

    @property
    def uncounted(self) -> int:
        return sum(1 for i in self.items if i.pages is None)

    @property
    def total_with_cover(self) -> int:
        return self.pages_counted + 1


def cover_sheet_for(
    case: Case,
    doctor: Doctor | None,
    appointment: Appointment | None,
    records: Iterable[RecordItem],
    doctors: Mapping[int, str],
    today: dt.date,
) -> CoverSheet:
    """The cover sheet for the items going to `doctor` (the booked second-opinion doctor)."""
    enclosed = cover_sheet_items(records, doctor.id if doctor else None)
    place = ""
    if appointment is not None:
        place = appointment.place.strip()
    return CoverSheet(
        to_name=doctor.spoken if doctor else "",
        to_office=doctor.practice if doctor else "",
        to_fax=doctor.fax if doctor else "",
        to_phone=doctor.phone if doctor else "",
        from_name=case.organiser_name.strip() or case.patient_name.strip(),
        from_phone=case.organiser_phone.strip(),
        patient_name=case.patient_name.strip(),
        patient_dob=case.date_of_birth,
        visit=appointment.starts_at if appointment else None,
        visit_place=place,
        items=tuple(
            EnclosedItem(
                title=i.title,
                source=holder_name(i, doctors),
                pages=i.pages,
                note=cover_note(i),
            )
            for i in enclosed
        ),
        prepared_on=today,
        decision_needed=decision_needed_text(case),
    )


def _text(value: str, blank: str = "") -> str:
    """Escaped text, or a line to write on by hand when the value is missing."""
    value = value.strip()
    if value:
        return escape(value)
    return blank


BLANK = "_______________________"


def page_count_text(sheet: CoverSheet) -> str:
    """'23 (including this one)', or 'at least 23 ...' when some items were not counted."""
    prefix = "at least " if sheet.uncounted else ""
    return f"{prefix}{sheet.total_with_cover} (including this one)"


def cover_sheet_html(sheet: CoverSheet, scale: float = 1.0) -> str:
    """The page as HTML for QTextDocument. `scale` shrinks the type to fit a long list."""

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    label = f"font-size:{pt(10)}; font-weight:bold; letter-spacing:1px;"
    to_lines = [
        f'<div style="font-size:{pt(20)}; font-weight:bold;">{_text(sheet.to_name, BLANK)}</div>'
    ]
    if sheet.to_office.strip() or not sheet.to_name.strip():
        to_lines.append(f"<div>{_text(sheet.to_office, BLANK)}</div>")
    to_lines.append(f"<div>Fax: <b>{_text(sheet.to_fax, BLANK)}</b></div>")
    to_lines.append(f"<div>Phone: {_text(sheet.to_phone, BLANK)}</div>")
    from_lines = [
        f'<div style="font-size:{pt(15)}; font-weight:bold;">{_text(sheet.from_name, BLANK)}</div>',
        f"<div>Phone: <b>{_text(sheet.from_phone, BLANK)}</b></div>",
    ]

    dob = long_date(sheet.patient_dob) if sheet.patient_dob else ""
    if sheet.visit is not None:
        visit = f"<b>{escape(format_when(sheet.visit))}</b>"
        if sheet.visit_place:
            visit += f"<br>{escape(sheet.visit_place)}"
    else:
        visit = BLANK
    if sheet.decision_needed:
        visit += f"<div>{escape(sheet.decision_needed)}.</div>"

    rows: list[str] = []
    for number, item in enumerate(sheet.items, start=1):
        pages = str(item.pages) if item.pages is not None else "&nbsp;"
        source = ""
        if item.source:
            # a long list is set smaller and one line per item, so it stays on one page
            joint = "<br>" if scale >= COMPACT_BELOW else " \u2014 "
            source = f'{joint}<span style="font-size:{pt(11)};">from {escape(item.source)}</span>'
        if item.note:
            joint = "<br>" if scale >= COMPACT_BELOW else " \u2014 "
            source += f'{joint}<span style="font-size:{pt(11)};"><i>{escape(item.note)}</i></span>'
        rows.append(
            "<tr>"
            f'<td align="right" valign="top">{number}</td>'
            f'<td valign="top" style="font-size:{pt(14)};"><b>{escape(item.title)}</b>{source}</td>'
            f'<td align="right" valign="top" style="font-size:{pt(14)};">{pages}</td>'
            "</tr>"
        )
    if not rows:
        rows.append('<tr><td></td><td colspan="2">(nothing listed)</td></tr>')
    counted = sheet.pages_counted
    total_note = f"{counted}+" if sheet.uncounted else str(counted)
    uncounted_note = ""
    if sheet.uncounted:
        items_word = "item was" if sheet.uncounted == 1 else "items were"
        uncounted_note = (
            f'<p style="font-size:{pt(10.5)};">+ {sheet.uncounted} {items_word} not counted, '
            "so there may be more pages.</p>"
        )
    rows.append(
        "<tr>"
        '<td></td><td align="right"><b>Total pages enclosed</b></td>'
        f'<td align="right" style="font-size:{pt(14)};"><b>{total_note}</b></td>'
        "</tr>"
    )

    confirm_name = _text(sheet.from_name, "us")
    confirm_phone = _text(sheet.from_phone, BLANK)
    return f"""<html><head><meta charset="utf-8"><title>{escape(TITLE)}</title></head>
<body style="font-family:{FALLBACK_FAMILIES}; font-size:{pt(13)}; color:#000000;">
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="bottom"><div style="font-size:{pt(24)}; font-weight:bold;">Medical records</div>
<div style="font-size:{pt(14)};">for a second-opinion visit</div></td>
<td align="right" valign="bottom">
<div>Date sent: <b>{escape(long_date(sheet.prepared_on))}</b></div>
<div>Total pages: <b>{escape(page_count_text(sheet))}</b></div></td>
</tr></table>
<hr>
<table width="100%" cellspacing="0" cellpadding="4"><tr>
<td width="55%" valign="top"><div style="{label}">TO</div>{"".join(to_lines)}</td>
<td width="45%" valign="top"><div style="{label}">FROM</div>{"".join(from_lines)}</td>
</tr></table>
<p></p>
<table width="100%" border="1" cellspacing="0" cellpadding="8"
 style="border-collapse:collapse; border-color:#000000; border-style:solid;"><tr>
<td width="55%" valign="top"><div style="{label}">PATIENT</div>
<div style="font-size:{pt(17)}; font-weight:bold;">{_text(sheet.patient_name, BLANK)}</div>
<div>Date of birth: <b>{escape(dob) if dob else BLANK}</b></div></td>
<td width="45%" valign="top"><div style="{label}">APPOINTMENT</div>
<div>{visit}</div></td>
</tr></table>
<p></p>
<p style="{label} margin-bottom:{pt(4)};">ENCLOSED</p>
<table width="100%" border="1" cellspacing="0" cellpadding="6"
 style="border-collapse:collapse; border-color:#000000; border-style:solid;">
<thead><tr>
<th width="6%" align="right">#</th><th align="left">Item</th>
<th width="14%" align="right">Pages</th>
</tr></thead>
{"".join(rows)}
</table>
{uncounted_note}<p></p>
<table width="100%" border="3" cellspacing="0" cellpadding="12"
 style="border-collapse:collapse; border-color:#000000; border-style:solid;"><tr><td>
<div style="font-size:{pt(17)}; font-weight:bold;">
Please phone to confirm these records arrived.</div>
<div style="font-size:{pt(13.5)};">Call {confirm_name} at <b>{confirm_phone}</b> when they reach
{_text(sheet.to_name, "the doctor")}'s office. A fax machine's report does not tell us that the
right person has them. Thank you.</div>
</td></tr></table>
<p></p>
<p style="font-size:{pt(10)};">Confidential: this contains private medical
information for the doctor named above. If it reached you by mistake, please phone the number
above and destroy it.</p>
</body></html>
"""
