"""Cases, steps and doctors changed through their services, each saying what changed."""

from __future__ import annotations

from dataclasses import replace

from secondopinion_desktop.domain.doctors import Doctor, Status
from secondopinion_desktop.services import cases, doctors, steps
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository


def test_a_case_is_created_changed_and_deleted(repo: Repository) -> None:
    case, made = cases.create_case(repo, "Dad", patient_name="Walter Brooks")
    assert made.case_id == case.id and made.kinds == {Kind.CASE}
    saved, _ = cases.update_case(repo, replace(case, diagnosis="Prostate cancer"))
    assert repo.cases.get(case.id).diagnosis == saved.diagnosis == "Prostate cancer"
    gone = cases.delete_case(repo, case.id)
    assert gone.touches({Kind.RECORDS}) and repo.cases.list() == []


def test_steps_done_and_notes(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    assert steps.set_step_done(repo, case.id, 2, True).kinds == {Kind.STEPS}
    steps.set_step_notes(repo, case.id, 2, "Asked Dr. Chen")
    progress = repo.cases.step_progress(case.id)[2]
    assert progress.done and progress.notes == "Asked Dr. Chen"


def test_doctors_added_in_bulk_all_or_none(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    many = [Doctor(id=0, case_id=case.id, name=f"Dr. {n}") for n in ("A", "B")]
    count, changes = doctors.add_doctors(repo, case.id, many)
    assert count == 2 and changes.kinds == {Kind.DOCTORS}
    none, nothing = doctors.add_doctors(repo, case.id, [])
    assert none == 0 and not nothing
    added, _ = doctors.add_doctor(repo, Doctor(id=0, case_id=case.id, name="Dr. C"))
    updated, _ = doctors.update_doctor(repo, replace(added, phone="555"))
    assert repo.doctors.get(added.id).phone == updated.phone == "555"
    doctors.delete_doctor(repo, case.id, added.id)
    assert len(repo.doctors.list(case.id)) == 2


def test_page_situation_names_the_booked_doctor_on_step_3_only(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    doctors.add_doctor(repo, Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo"))
    assert steps.page_situation(repo, case.id, 1) == ""
    assert steps.page_situation(repo, case.id, 5) == ""
    assert steps.page_situation(repo, case.id, 2)  # a sentence about the candidates
    booked = repo.doctors.list(case.id)[0]
    doctors.update_doctor(repo, replace(booked, status=Status.BOOKED))
    assert "Dr. Grace Okonkwo" in steps.page_situation(repo, case.id, 3)
