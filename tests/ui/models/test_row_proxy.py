"""The sorting and filtering proxy: prepared keys, one pass per filter, selection kept."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.models.base import RowListModel, TableColumn
from secondopinion_desktop.ui.models.row_proxy import SortedRowsProxy


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    size: int


class Items(RowListModel[Item]):
    """A source with prepared keys that counts how often they are made."""

    def __init__(self) -> None:
        super().__init__(
            (TableColumn("Name", lambda i: i.name), TableColumn("Size", lambda i: str(i.size)))
        )
        self.keys_made = 0

    def sort_keys(self, column: int) -> list[Any]:
        self.keys_made += 1
        return [(i.name.casefold() if column == 0 else i.size) for i in self.rows()]


class Containing(SortedRowsProxy):
    """Shows the items whose name holds the text."""

    text = ""

    def set_text(self, text: str, narrower: bool = False) -> None:
        self.text = text
        self.refilter(narrower)

    def filtering(self) -> bool:
        return bool(self.text)

    def accepted(self, rows: list[int]) -> list[int]:
        source = self.sourceModel()
        assert isinstance(source, Items)
        return [r for r in rows if self.text in source.row_at(r).name]


ITEMS = [Item(1, "pear", 3), Item(2, "Apple", 1), Item(3, "fig", 2), Item(4, "apricot", 2)]


def make() -> tuple[Items, Containing]:
    source = Items()
    source.set_rows(ITEMS)
    proxy = Containing()
    proxy.setSourceModel(source)
    return source, proxy


def names(proxy: SortedRowsProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_the_proxy_passes_qt_checks_while_sorting_filtering_and_changing(
    qtmodeltester: ModelTester,
) -> None:
    source, proxy = make()
    qtmodeltester.check(proxy)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    proxy.set_text("p")
    source.replace_row(replace(ITEMS[0], name="plum"))
    source.set_rows(ITEMS[:2])
    proxy.set_text("")
    proxy.sort(-1)
    assert names(proxy) == ["pear", "Apple"]


def test_sorting_uses_the_keys_made_once_per_reset() -> None:
    source, proxy = make()
    proxy.sort(0)
    assert names(proxy) == ["Apple", "apricot", "fig", "pear"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["pear", "fig", "apricot", "Apple"]
    proxy.sort(1)  # equal sizes keep the source's order
    assert names(proxy) == ["Apple", "fig", "apricot", "pear"]
    proxy.sort(-1)
    assert names(proxy) == ["pear", "Apple", "fig", "apricot"]
    assert proxy.sortColumn() == -1
    assert source.keys_made == 3  # once per sort, never per comparison


def test_filtering_keeps_the_sort_and_maps_both_ways() -> None:
    source, proxy = make()
    proxy.sort(0)
    proxy.set_text("r")
    assert names(proxy) == ["apricot", "pear"]
    proxy.set_text("ri", narrower=True)
    assert names(proxy) == ["apricot"]
    assert proxy.mapToSource(proxy.index(0, 1)).row() == 3
    assert not proxy.mapFromSource(source.index(0, 0)).isValid()  # pear is hidden
    proxy.set_text("")
    assert proxy.mapFromSource(source.index(0, 0)).row() == 3


def test_the_current_row_follows_its_item_and_is_let_go_when_hidden(qtbot: QtBot) -> None:
    _source, proxy = make()
    selection = QItemSelectionModel(proxy)
    fig = proxy.index(2, 0)
    selection.setCurrentIndex(fig, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    held = QPersistentModelIndex(fig)
    with qtbot.waitSignal(proxy.layoutChanged):
        proxy.sort(0)
    assert held.row() == 2 and held.data() == "fig"
    assert selection.currentIndex().data() == "fig"
    proxy.set_text("ap")
    assert not held.isValid()


def test_a_changed_row_moves_to_its_new_place_when_sorted() -> None:
    source, proxy = make()
    proxy.sort(1)
    assert names(proxy)[-1] == "pear"
    source.replace_row(replace(ITEMS[0], size=0))
    assert names(proxy)[0] == "pear"


def test_a_changed_row_unsorted_is_only_redrawn(qtbot: QtBot) -> None:
    source, proxy = make()
    with qtbot.assertNotEmitted(proxy.layoutChanged), qtbot.waitSignal(proxy.dataChanged) as got:
        source.replace_row(replace(ITEMS[2], name="figs"))
    assert got.args[0].row() == 2
    assert proxy.index(2, 0).data() == "figs"
