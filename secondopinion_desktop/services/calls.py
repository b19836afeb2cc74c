"""Logging a phone call to a doctor's office, and deleting one.

A call and what was learned in it (the four answers, and "contacted" for a candidate) are
saved together: the table never shows answers from a call that is not in the log.
"""

from __future__ import annotations

from dataclasses import replace

from secondopinion_desktop.domain.doctors import Call, Doctor, status_after_call
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository


def log_call(repo: Repository, call: Call, answers: Doctor) -> Changes:
    """Save `call` and the doctor's answers as they stand after it (`answers`)."""
    updated = replace(answers, status=status_after_call(answers.status))
    kinds = {Kind.CALLS}
    with repo.db.atomic():
        repo.doctors.add_call(call)
        if updated != repo.doctors.get(answers.id):
            repo.doctors.update(updated)
            kinds.add(Kind.DOCTORS)
    return Changes(answers.case_id, frozenset(kinds))


def delete_call(repo: Repository, case_id: int, call_id: int) -> Changes:
    """Take a call out of the log (the answers it brought stay: they may be right)."""
    with repo.db.atomic():
        repo.doctors.delete_call(call_id)
    return Changes.of(case_id, Kind.CALLS)
