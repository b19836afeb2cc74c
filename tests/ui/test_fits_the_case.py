"""What a stranger reads fits their case: a later round of new users (after test_new_users.py).

A parent with a child's heart case, a daughter with her father's spine case: each opens the
window, starts the case through "Start a new case" and reads the pages by their accessible
names, the way a person with a screen reader would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, apply_style
from tests.helpers.stranger import button, named
from tests.ui.conftest import details
from tests.ui.test_any_diagnosis import page_words
from tests.ui.test_new_users import (
    HEART_CASE,
    SPINE_CASE,
    SPINE_CSV,
    Walk,
    checklist,
    find_doctors,
    open_page,
    walk,
)

__all__ = ["walk"]  # the fixture: one person at the window


def sidebar_reads(window: MainWindow, step: int) -> str:
    """What a screen reader says for a step in the list of steps."""
    steps = named(window, QAbstractItemView, "Steps")
    return str(steps.model().index(step - 1, 0).data(Qt.ItemDataRole.AccessibleTextRole))


def test_step_five_is_titled_for_a_childs_heart_case(walk: Walk) -> None:
    window = walk.begin(HEART_CASE)
    page = open_page(window, 5)
    assert page.accessibleName() == "Step 5 of 6: Your child's scans and x-rays"
    words = page_words(page)
    assert "Your child's scans and x-rays" in words
    assert "Arrange for the new doctor to see your child's scans and x-rays." in words
    assert "Slides and scans\n" not in words
    assert sidebar_reads(window, 5).startswith("Step 5: Scans and x-rays.")


def test_step_five_follows_the_diagnosis_when_it_is_changed(walk: Walk) -> None:
    window = walk.begin(SPINE_CASE)
    page = open_page(window, 5)
    assert page.accessibleName() == "Step 5 of 6: Scans and x-rays"
    assert "Arrange the scans and x-rays the new doctor will want to see." in page_words(page)
    assert named(page, QAbstractItemView, "Scans and x-rays checklist")
    assert "Scans and x-rays checklist" in page_words(page)  # the card's title says it too
    # the daughter learns the diagnosis was a tumour after all and types it in
    walk.dialogs.will_answer(
        details(
            title=str(SPINE_CASE["title"]),
            patient_name=str(SPINE_CASE["patient_name"]),
            date_of_birth=SPINE_CASE["date_of_birth"],
            diagnosis="Metastatic lung cancer",
            recommended_treatment="Spinal fusion",
        )
    )
    button(window, "Case details").click()
    QApplication.processEvents()
    assert page.accessibleName() == "Step 5 of 6: Slides and scans"
    assert "Arrange the slides, scans and x-rays the new doctor will want to see." in page_words(
        page
    )
    assert sidebar_reads(window, 5).startswith("Step 5: Slides and scans.")
    assert named(page, QAbstractItemView, "Slides and scans checklist")


def test_a_childs_checklist_asks_for_the_parents_id_and_the_childs_card(walk: Walk) -> None:
    window = walk.begin(HEART_CASE)
    listed = checklist(window, 4)
    assert "Photo ID" not in listed
    assert "Your child's insurance card" in listed
    assert "Your photo ID (as parent or guardian)" in listed


def test_an_adults_checklist_still_asks_for_their_photo_id(walk: Walk) -> None:
    window = walk.begin(SPINE_CASE)
    listed = checklist(window, 4)
    assert "Photo ID" in listed and "Insurance card" in listed
    assert not [title for title in listed if "child" in title]


@pytest.fixture(params=[DEFAULT_POINT_SIZE, MAX_POINT_SIZE], ids=["normal text", "largest text"])
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    apply_style(qapp, request.param)
    yield request.param
    apply_style(qapp, DEFAULT_POINT_SIZE)


def test_every_phone_number_on_the_list_of_doctors_reads_in_full(
    walk: Walk, text_size: int
) -> None:
    window = walk.begin(SPINE_CASE)  # at the window's own first size
    find_doctors(walk, window, SPINE_CSV, "Dr. Lena Fischer")
    table = named(window, QTableView, "Candidate doctors")
    QApplication.processEvents()
    header = table.horizontalHeader()
    titles = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    phone = titles.index("Phone")  # found by its title, as a screen reader reads it
    numbers = []
    for row in range(table.model().rowCount()):
        index = table.model().index(row, phone)
        cell = table.visualRect(index)
        numbers.append(index.data())
        assert table.viewport().rect().contains(cell), (index.data(), cell, text_size)
        assert table.sizeHintForIndex(index).width() <= cell.width(), index.data()
    assert sorted(numbers) == ["(555) 201-9000", "(555) 301-1000", "(555) 301-2000"]
    # the number to call sits beside the doctor's name
    assert header.visualIndex(phone) == 1


def test_a_childs_leukemia_is_a_cancer_case_with_slides(walk: Walk) -> None:
    typed = dict(HEART_CASE)
    typed.update(diagnosis="Acute lymphoblastic leukemia", recommended_treatment="Chemotherapy")
    window = walk.begin(typed)
    assert "Pathology slides" in checklist(window, 5)
    assert "Pathology report" in checklist(window, 4)
    assert open_page(window, 5).accessibleName() == "Step 5 of 6: Your child's slides and scans"
