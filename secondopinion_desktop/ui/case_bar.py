"""The bar above the pages: which case is open, whose it is, and the case buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.models.cases_model import CasesModel
from secondopinion_desktop.ui.safe_combo import SafeComboBox
from secondopinion_desktop.ui.selectable_label import SelectableLabel
from secondopinion_desktop.ui.style import dress


class CaseBar(QFrame):
    """The case switcher and the case buttons, and under them the patient and diagnosis.

    The patient line has a row of its own and wraps: with very large text it used to share
    the row with the buttons and was cut to "Margar...". The buttons wrap too (FlowLayout).
    """

    def __init__(self, cases_model: CasesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseBar")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 8, 20, 8)
        outer.setSpacing(4)
        bar = FlowLayout(spacing=12)
        label = QLabel("&Case:")
        self.case_combo = SafeComboBox()
        self.case_combo.setModel(cases_model)
        self.case_combo.setAccessibleName("Current case")
        self.case_combo.setMinimumContentsLength(24)
        self.case_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        label.setBuddy(self.case_combo)
        self.patient_label = SelectableLabel()
        self.patient_label.setObjectName("patientLine")
        self.patient_label.setAccessibleName("Patient and diagnosis")
        self.details_button = dress(QPushButton("Case details\u2026"))
        self.details_button.setAccessibleName("Case details")
        self.new_case_button = dress(QPushButton("New case\u2026"))
        self.new_case_button.setAccessibleName("New case")
        for widget in (label, self.case_combo, self.details_button, self.new_case_button):
            bar.addWidget(widget)
        outer.addLayout(bar)
        outer.addWidget(self.patient_label)
