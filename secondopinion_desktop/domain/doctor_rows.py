"""The candidate doctors as steps 2 and 3 show them: each column's words and order, prepared
once per read.

A case may list 5,000 candidates in a table a person sorts with a click and filters letter by
letter. A click must only put ready keys in order and a keystroke only look in ready text:
making the keys at the first click of a header froze the window for a tenth of a second. So
what a panel reads is turned, once, into `DoctorRows`: the doctors, each row's folded
searchable text, the row of each doctor id, each shown column's sort keys (made a whole column
at a time) and, once asked for, each sort order. A panel keeps them for the cases it showed
lately, so turning back to a case prepares nothing again.

No Qt here: the rows can be prepared anywhere (a test without a window, a worker thread).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import IntEnum
from operator import attrgetter
from typing import Any

from secondopinion_desktop.domain.doctors import (
    Answer,
    Doctor,
    Status,
    insurance_text,
    per_insurer_list,
)
from secondopinion_desktop.domain.sort_keys import PIECE, text_key, text_keys
from secondopinion_desktop.domain.wait_times import format_wait


class Column(IntEnum):
    """The columns of the doctor tables (each step shows some of them)."""

    NAME = 0
    SPECIALTY = 1
    ACCEPTING = 2
    WAIT = 3
    INSURANCE = 4
    REFERRAL = 5
    BOARD = 6
    STATUS = 7
    SOURCE = 8
    PHONE = 9


NO_WAIT_KNOWN = 10**6  # sorts after every wait a person could be told
ANSWER_ORDER = {Answer.YES: 0, Answer.NO: 1, Answer.UNKNOWN: 2}
STATUS_ORDER = {status: number for number, status in enumerate(Status)}
NOT_NOTED = "not noted"
#: the yes/no columns, by the field of `Doctor` that holds each answer
ANSWER_FIELDS = {
    Column.ACCEPTING: "accepting_new_patients",
    Column.INSURANCE: "accepts_insurance",
    Column.REFERRAL: "referral_required",
    Column.BOARD: "board_certified",
}


def display_text(column: Column, doctor: Doctor) -> str:
    """What a cell says."""
    if column == Column.NAME:
        return doctor.spoken
    if column == Column.SPECIALTY:
        return doctor.specialty
    if column in ANSWER_FIELDS:
        answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
        if column == Column.BOARD and answer is Answer.UNKNOWN:
            return "not checked"
        if column == Column.INSURANCE and per_insurer_list(doctor):
            return insurance_text(doctor).capitalize()
        return answer.label.capitalize() if answer is not Answer.UNKNOWN else answer.label
    if column == Column.WAIT:
        return format_wait(doctor.wait_days)
    if column == Column.SOURCE:
        return doctor.source.label if doctor.source else NOT_NOTED
    if column == Column.STATUS:
        return doctor.status.label
    return doctor.phone


def sort_key(column: Column, doctor: Doctor) -> Any:
    """What a click on the column's header sorts by (keys of one column compare together):
    waits by days with unknown ones last, answers yes, no, not asked; statuses in the order
    of the steps; words as `text_key` orders them."""
    if column == Column.WAIT:
        return doctor.wait_days if doctor.wait_days is not None else NO_WAIT_KNOWN
    if column in ANSWER_FIELDS:
        return ANSWER_ORDER[getattr(doctor, ANSWER_FIELDS[column])]
    if column == Column.STATUS:
        return STATUS_ORDER[doctor.status]
    return text_key(display_text(column, doctor))


def _source_text(doctor: Doctor) -> str:
    return doctor.source.label if doctor.source else NOT_NOTED


# the words of a column of words, read straight from each doctor (no call per cell)
_TEXTS: dict[Column, Callable[[Doctor], str]] = {
    Column.NAME: attrgetter("spoken"),
    Column.SPECIALTY: attrgetter("specialty"),
    Column.PHONE: attrgetter("phone"),
    Column.SOURCE: _source_text,
}


def column_keys(column: Column, doctors: list[Doctor]) -> list[Any]:
    """`sort_key` of every doctor, for a whole column at once."""
    if column == Column.WAIT:
        return [NO_WAIT_KNOWN if d.wait_days is None else d.wait_days for d in doctors]
    if column in ANSWER_FIELDS:
        order = ANSWER_ORDER
        return [order[answer] for answer in map(attrgetter(ANSWER_FIELDS[column]), doctors)]
    if column == Column.STATUS:
        return [STATUS_ORDER[d.status] for d in doctors]
    return text_keys(list(map(_TEXTS[column], doctors)))


def _searched(doctor: Doctor) -> str:
    parts = (
        doctor.spoken,
        doctor.specialty,
        doctor.practice,
        doctor.phone,
        doctor.notes,
        doctor.source.label if doctor.source else "",
        doctor.source_detail,
    )
    return " ".join(parts)


def search_text(doctor: Doctor) -> str:
    """Everything a person may type to find a doctor, folded (name, specialty, practice,
    phone, notes, where the name came from)."""
    return _searched(doctor).casefold()


_BETWEEN = "\x00"


def search_texts(doctors: list[Doctor]) -> list[str]:
    """`search_text` of every doctor, folded a piece of `PIECE` doctors at a time.

    Each piece's texts are joined, folded and split again by single calls into C, which keep
    Python's lock until they return: over 100,000 doctors in one go (a worker reading a big
    list) they kept the window's thread waiting about 80 ms.
    """
    texts: list[str] = []
    for start in range(0, len(doctors), PIECE):
        texts += _piece_texts(doctors[start : start + PIECE])
    return texts


def _piece_texts(doctors: list[Doctor]) -> list[str]:
    folded = _BETWEEN.join(map(_searched, doctors)).casefold().split(_BETWEEN)
    if len(folded) != len(doctors):  # a doctor's text held the joining character, or none
        return [search_text(d) for d in doctors]
    return folded


class DoctorRows:
    """A read of the candidates, ready to show, sort and filter.

    `givers`: doctor id -> the round whose opinion they gave (their status sorts after every
    other, by round). A doctor changed in place (`replace`) gets new text and keys at once.
    """

    def __init__(self, doctors: Iterable[Doctor], givers: Mapping[int, int] | None = None):
        self.doctors = list(doctors)
        self.givers = dict(givers or {})
        self.search = search_texts(self.doctors)
        self._rows = {doctor.id: row for row, doctor in enumerate(self.doctors)}
        self._keys: dict[Column, list[Any]] = {}
        self._orders: dict[tuple[Column, bool], list[int]] = {}

    def __len__(self) -> int:
        return len(self.doctors)

    def prepare(self, columns: Iterable[int]) -> DoctorRows:
        """Make the sort keys of these columns now (the ones a table shows), so that the
        first click on a header costs no more than the next."""
        for column in columns:
            self.keys(column)
        return self

    def keys(self, column: int) -> list[Any]:
        """Each row's sort key for `column` (made the first time, then kept)."""
        kind = Column(column)
        keys = self._keys.get(kind)
        if keys is None:
            keys = self._keys[kind] = column_keys(kind, self.doctors)
            if kind == Column.STATUS:
                for doctor_id, round_number in self.givers.items():
                    row = self._rows.get(doctor_id)
                    if row is not None:
                        keys[row] = len(Status) + round_number  # after every status
        return keys

    def sort_key(self, row: int, column: int) -> Any:
        """One row's key for `column` (the same as its place in `keys`)."""
        doctor = self.doctors[row]
        if column == Column.STATUS and doctor.id in self.givers:
            return len(Status) + self.givers[doctor.id]
        return sort_key(Column(column), doctor)

    def order(self, column: int, descending: bool) -> list[int]:
        """The rows sorted by `column` (ties keep the rows' order), kept until a change."""
        kind = Column(column)
        order = self._orders.get((kind, descending))
        if order is None:
            keys = self.keys(kind)
            order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
            self._orders[(kind, descending)] = order
        return order

    def row_of(self, doctor_id: int) -> int:
        """The row of the doctor with this id, or -1."""
        return self._rows.get(doctor_id, -1)

    def replace(self, doctor: Doctor) -> int:
        """Show a changed doctor in their row (-1 when not here): new words, new keys."""
        row = self._rows.get(doctor.id, -1)
        if row < 0:
            return row
        self.doctors[row] = doctor
        self.search[row] = search_text(doctor)
        for column, keys in self._keys.items():
            keys[row] = self.sort_key(row, column)
        self._orders.clear()
        return row
