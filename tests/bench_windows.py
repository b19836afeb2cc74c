"""Windows the start-up benchmarks time beside the app (bench_speed.py, bench_bundle.py).

REFERENCE is plain PySide6 code building the same kinds of widgets as the app's step-3 page
(menus, case bar, step list, three cards of wrapped text, buttons, a search field, a
six-column table behind a proxy model), with no app code, no data and no style: about the
least a window with this content costs, so the app's own share of its start-up can be told
from Qt's.
"""

REFERENCE = """
import sys
from PySide6.QtCore import Qt, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QListView, QMainWindow,
    QPushButton, QScrollArea, QSplitter, QStackedWidget, QStyleFactory, QTableView,
    QVBoxLayout, QWidget,
)
app = QApplication(sys.argv[:1])
app.setStyle(QStyleFactory.create("Fusion"))
w = QMainWindow()
for title in ("&File", "&Edit", "&View", "&Tools", "&Help"):
    menu = w.menuBar().addMenu(title)
    for i in range(8):
        menu.addAction(f"Item {i}")
central = QWidget()
outer = QVBoxLayout(central)
bar = QHBoxLayout()
combo = QComboBox()
combo.addItem("Mum's second opinion")
for item in (QLabel("Case:"), combo, QLabel("Margaret Ellis, carcinoma")):
    bar.addWidget(item)
bar.addWidget(QPushButton("Case details..."))
bar.addWidget(QPushButton("New case..."))
outer.addLayout(bar)
split = QSplitter(Qt.Orientation.Horizontal)
steps = QStandardItemModel()
for name in ("Tell", "Find", "Call", "Gather", "Slides", "Visit", "Outcome"):
    steps.appendRow(QStandardItem(name + " (done)"))
listing = QListView()
listing.setModel(steps)
split.addWidget(listing)
page = QWidget()
body = QVBoxLayout(page)
title = QLabel("Call and choose")
font = title.font()
font.setPointSize(22)
font.setBold(True)
title.setFont(font)
body.addWidget(title)
for _ in range(3):
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    inner = QVBoxLayout(card)
    for _ in range(4):
        text = QLabel("Call each office and ask four things: are you taking new patients? "
                      "How long is the wait? Do you accept my insurance? Do I need a referral?")
        text.setWordWrap(True)
        inner.addWidget(text)
    inner.addWidget(QPushButton("Choose and book..."))
    body.addWidget(card)
body.addWidget(QLineEdit())
cells = QStandardItemModel(3, 6)
for r in range(3):
    for c in range(6):
        cells.setItem(r, c, QStandardItem(f"cell {r} {c}"))
proxy = QSortFilterProxyModel()
proxy.setSourceModel(cells)
table = QTableView()
table.setModel(proxy)
body.addWidget(table)
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setWidget(page)
stack = QStackedWidget()
stack.addWidget(scroll)
split.addWidget(stack)
outer.addWidget(split, 1)
w.setCentralWidget(central)
w.statusBar().showMessage("3 of 6 steps done")
w.resize(1280, 840)
w.show()
app.processEvents()
w.grab().save(sys.argv[1], "PNG")
"""
