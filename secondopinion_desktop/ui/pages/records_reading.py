"""What the records checklist reads for a case, how a long one is read, and its summary line.

A checklist of 2,000 items took 50 to 90 ms to read and show on the window's thread, on top
of opening the page (issue 16: no interaction may stand the window still for over 50 ms). A
long checklist is therefore read off the window's thread (ui/background.py
`read_in_background`, on its own connection) while the page says so in words, and shown when
it arrives; a short one, a database in memory, and a case whose usual items are still to be
added (that writes) are read at once, as before.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.record_progress import (
    ChecklistSummary,
    Progress,
    checklist_summary,
)
from secondopinion_desktop.domain.records import RecordItem, RecordKind, named_doctors
from secondopinion_desktop.domain.rounds import RecordDelivery
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.after_paint import after_paint
from secondopinion_desktop.ui.background_reads import read_in_background
from secondopinion_desktop.ui.colours import overdue_color
from secondopinion_desktop.ui.pages.panel import paragraph
from secondopinion_desktop.ui.pages.recent_cases import RecentCases
from secondopinion_desktop.ui.style import done_color

#: Checklists of at least this many items (both steps') are read off the window's thread.
READ_IN_BACKGROUND_FROM = 500


@frozen
class ChecklistRead:
    """What a checklist page shows of one case, read at one moment: every item of the case
    (both steps': the cover sheet lists them all) and those of the page's step, the doctors
    they name, the booked doctor, the second-opinion visit, the number of scans per item,
    where items went earlier, and the summary as of `today`."""

    items: Sequence[RecordItem]
    step_items: Sequence[RecordItem]
    names: Mapping[int, str]
    new_doctor: Doctor | None
    appointment: Appointment | None
    attachment_counts: Mapping[int, int]
    history: Mapping[int, Sequence[RecordDelivery]]
    today: dt.date
    summary: ChecklistSummary

    def summary_on(self, today: dt.date) -> ChecklistSummary:
        """The summary as of `today` (made again when read on another day: due dates move)."""
        if today == self.today:
            return self.summary
        return summarised(self.step_items, self.names, self.new_doctor, self.appointment, today)


def summarised(
    items: Sequence[RecordItem],
    names: Mapping[int, str],
    new_doctor: Doctor | None,
    appointment: Appointment | None,
    today: dt.date,
) -> ChecklistSummary:
    visit = appointment.starts_at.date() if appointment else None
    spoken = new_doctor.spoken if new_doctor else None
    return checklist_summary(items, visit, today, doctors=names, new_doctor=spoken)


def read_checklist(
    repo: Repository, case_id: int, step: int, items: Sequence[RecordItem] | None = None
) -> ChecklistRead:
    """The case's checklist as the page for `step` shows it (reads only: also on a worker's
    connection). `items`: the case's items when already read (as the usual ones are added)."""
    listed = repo.records.list(case_id) if items is None else items
    # the names the checklist shows, not every candidate's: there may be thousands
    names = repo.doctors.names(case_id, named_doctors(listed))
    new_doctor = repo.doctors.booked(case_id)
    appointment = repo.appointments.opinion_visit(case_id)
    shown = [item for item in listed if item.kind.step == step]
    today = repo.today()
    return ChecklistRead(
        listed,
        shown,
        names,
        new_doctor,
        appointment,
        repo.records.attachment_counts(case_id),
        repo.deliveries.for_case(case_id),
        today,
        summarised(shown, names, new_doctor, appointment, today),
    )


def long_checklist(repo: Repository, case_id: int, step: int) -> int:
    """How many items the case's checklist for `step` holds when it is long enough to read
    off the window's thread; 0 when it is read at once (see the module's docstring)."""
    if repo.database_file() is None or repo.records.suggested_at(case_id) is None:
        return 0
    count = repo.records.count(case_id, [kind for kind in RecordKind if kind.step == step])
    return count if count >= READ_IN_BACKGROUND_FROM else 0


class ChecklistReads:
    """A checklist panel's reads of its case: now, kept from when the case was last shown,
    or off the window's thread for a long list (`label` says so meanwhile).

    `show(read, select_id)` shows a read; `wait()` empties the page while a long one is read.
    What a read off the thread brings is shown unless the panel read again since (`now`), and
    kept for the case unless something changed since (`forget`).
    """

    def __init__(
        self,
        owner: QWidget,
        repo: Repository,
        step: int,
        show: Callable[[ChecklistRead, int | None], object],
        wait: Callable[[], object],
    ) -> None:
        self._owner, self._repo, self._show, self._wait = owner, repo, show, wait
        self._step = step
        self._recent: RecentCases[ChecklistRead] = RecentCases()
        self._reads = 0  # the latest read: what an older one brings back is not shown
        self._forgotten = 0  # changes since: what a read started before them is not kept
        self.label = paragraph("")
        self.label.setAccessibleName("Reading the checklist")
        self.label.hide()
        self._last: ChecklistRead | None = None  # the read shown last (see `in_place`)

    @property
    def reading(self) -> bool:
        """Whether a long checklist is being read off the window's thread now."""
        return not self.label.isHidden()

    def now(self, case_id: int) -> ChecklistRead:
        """The case's checklist read here and now, the usual items added the first time
        (NotFoundError when the case is gone)."""
        self._reads += 1
        self.label.hide()
        items = ensure_default_records(self._repo, case_id)
        read = self._last = read_checklist(self._repo, case_id, self._step, items)
        self._recent.put(case_id, read)
        return read

    def shown_without_reading_now(self, case_id: int, select_id: int | None, reuse: bool) -> bool:
        """Show the case's checklist as kept (`reuse`: the case is shown again), or start
        reading a long one off the window's thread once the page has drawn `label` (the
        table may be out of view, below the fold). False: neither will do, the caller
        reads `now`."""
        if reuse and case_id in self._recent:
            self._reads += 1
            self.label.hide()
            self._last = self._recent.get(case_id, lambda _case: self.now(case_id))
            self._show(self._last, select_id)
            return True
        step = self._step
        count = long_checklist(self._repo, case_id, step)
        if not count:
            return False
        self._reads += 1
        reading, forgotten = self._reads, self._forgotten
        self.label.setText(f"Reading your checklist of {count:,} items\u2026")
        self.label.show()
        self._wait()

        def arrived(read: ChecklistRead) -> None:
            if forgotten == self._forgotten:
                self._recent.put(case_id, read)
            if reading == self._reads:
                self.label.hide()
                self._last = read
                self._show(read, select_id)

        def failed() -> None:  # the file could not be opened again: read here instead
            if reading == self._reads:
                arrived(read_checklist(self._repo, case_id, step))

        def start() -> None:
            if not read_in_background(
                self._owner,
                self._repo,
                lambda repo: read_checklist(repo, case_id, step),
                arrived,
                failed,
            ):
                failed()

        after_paint(self.label, start)
        return True

    def in_place(self, before: RecordItem | None, after: RecordItem | None) -> ChecklistRead | None:
        """The read shown last with one item changed (`before` saved as `after`, on this
        page still): the summary made again from it and the doctors it newly names read,
        with no new read of every item (a change on a list of 2,000 took 35 to 90 ms). None
        when only a whole read will do: an item added, removed or moved to the other step."""
        read = self._last
        if read is None or before is None or after is None or before.id != after.id:
            return None
        if after.kind.step != self._step or not any(i.id == after.id for i in read.step_items):
            return None
        names = read.names
        if missing := named_doctors([after]) - names.keys():
            names = {**names, **self._repo.doctors.names(after.case_id, missing)}
        step_items = [after if i.id == after.id else i for i in read.step_items]
        today = self._repo.today()
        self._reads += 1  # a read started before this change is not shown
        self._last = replace(
            read,
            items=[after if i.id == after.id else i for i in read.items],
            step_items=step_items,
            names=names,
            today=today,
            summary=summarised(step_items, names, read.new_doctor, read.appointment, today),
        )
        return self._last

    def keep(self, case_id: int, read: ChecklistRead) -> None:
        """Keep `read` for the case (after the change it shows was reported: `forget`)."""
        self._recent.put(case_id, read)

    def forget(self, changes: Changes | None) -> None:
        """Data changed: drop what was kept for the cases it may concern."""
        self._recent.forget(changes)
        self._forgotten += 1


def next_line(summary: ChecklistSummary) -> str:
    """'Next: …', and once everything is there, that the step can be marked done."""
    action = summary.next.text
    if summary.progress.complete:
        action += " You can mark this step as done below."
    return f"Next: {action}"


def progress_line(summary: Progress, palette: QPalette) -> str:
    """The progress line as rich text: how many items are there, in the done colour once all
    are, then how many are overdue and how many wait for a phone call (words first: the
    colour only repeats them)."""
    parts = [html.escape(summary.text, quote=False) + "."]
    if summary.complete:
        parts = [f'<span style="color:{done_color(palette).name()};">{parts[0]}</span>']
    if summary.overdue:
        parts.append(
            f'<span style="color:{overdue_color(palette).name()};">'
            f"{summary.overdue} overdue.</span>"
        )
    if summary.awaiting_confirmation:
        waiting = summary.awaiting_confirmation
        parts.append(
            f"{waiting} sent and waiting for your phone call to confirm "
            f"{'it' if waiting == 1 else 'they'} arrived."
        )
    return " ".join(parts)
