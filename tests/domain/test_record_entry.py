"""The papers a new case's checklist suggests bringing fit who the patient is."""

from __future__ import annotations

import pytest

from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.record_entry import papers_to_bring, suggested_records
from secondopinion_desktop.domain.records import Delivery, RecordKind

DOCTORS = [Doctor(id=3, case_id=1, name="Dr. Park", role=Role.TREATING)]


def test_an_adult_brings_their_insurance_card_and_photo_id() -> None:
    assert [title for title, _kind in papers_to_bring(child=False)] == [
        "Insurance card",
        "Photo ID",
    ]


def test_a_child_has_no_photo_id_the_parent_shows_theirs_and_the_childs_card() -> None:
    papers = dict(papers_to_bring(child=True))
    assert papers == {
        "Your child's insurance card": RecordKind.INSURANCE_CARD,
        "Your photo ID (as parent or guardian)": RecordKind.PHOTO_ID,
    }
    assert "Photo ID" not in papers


@pytest.mark.parametrize("child", [False, True])
def test_the_checklist_suggests_the_papers_for_who_the_patient_is(child: bool) -> None:
    items = suggested_records(1, DOCTORS, "Tetralogy of Fallot", "Valve replacement", child=child)
    brought = [(i.title, i.kind) for i in items if i.delivery is Delivery.BRING]
    assert brought == list(papers_to_bring(child))
    assert all(
        i.brought and i.holder_text == "You" for i in items if i.kind.step == 4 and i.brought
    )
    # only the papers differ: the records, the results and the scans are the same items
    others = [i.title for i in items if i.delivery is not Delivery.BRING]
    assert others == [
        i.title
        for i in suggested_records(1, DOCTORS, "Tetralogy of Fallot", "Valve replacement")
        if i.delivery is not Delivery.BRING
    ]
