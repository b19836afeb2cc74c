"""The bar above the pages: which case is open, whose it is, and the case buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from secondopinion_desktop.ui.elided_label import ElidedLabel
from secondopinion_desktop.ui.models.cases_model import CasesModel


class CaseBar(QFrame):
    """The case switcher, the patient and diagnosis line, and Case details / New case."""

    def __init__(self, cases_model: CasesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseBar")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(20, 10, 20, 10)
        bar.setSpacing(12)
        label = QLabel("&Case:")
        self.case_combo = QComboBox()
        self.case_combo.setModel(cases_model)
        self.case_combo.setAccessibleName("Current case")
        self.case_combo.setMinimumContentsLength(24)
        self.case_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        label.setBuddy(self.case_combo)
        self.patient_label = ElidedLabel()
        self.patient_label.setObjectName("patientLine")
        self.patient_label.setAccessibleName("Patient and diagnosis")
        self.details_button = QPushButton("Case details\u2026")
        self.details_button.setAccessibleName("Case details")
        self.new_case_button = QPushButton("New case\u2026")
        self.new_case_button.setAccessibleName("New case")
        bar.addWidget(label)
        bar.addWidget(self.case_combo)
        bar.addWidget(self.patient_label, 1)
        bar.addWidget(self.details_button)
        bar.addWidget(self.new_case_button)
