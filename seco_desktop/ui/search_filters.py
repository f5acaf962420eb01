"""Narrow the search: the sponsor's branch, the sponsor's status, and (for coaches) only the
spouses assigned to me. Any change searches again at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from seco_desktop.domain.query import SearchFilters
from seco_desktop.domain.reference import Branch, SponsorStatus

ANY_BRANCH = "Any branch"
ANY_STATUS = "Any sponsor status"


def _combo(blank: str, items: list[tuple[str, object]], name: str) -> QComboBox:
    box = QComboBox()
    box.addItem(blank, None)
    for text, value in items:
        box.addItem(text, value)
    box.setAccessibleName(name)
    return box


class SearchFilterBar(QWidget):
    """Emits ``changed(filters)``: None when nothing narrows the search."""

    changed = Signal(object)

    def __init__(self, my_user_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Search filters")
        self._me = my_user_id
        self.branch = _combo(ANY_BRANCH, [(b.label, b) for b in Branch], "Filter by branch")
        self.status = _combo(
            ANY_STATUS, [(s.label, s) for s in SponsorStatus], "Filter by sponsor status"
        )
        self.mine = QCheckBox("&Mine only")
        self.mine.setAccessibleName("Only spouses assigned to me")
        self.mine.setToolTip("Only the spouses assigned to you as their coach")
        self.mine.setVisible(my_user_id is not None)
        caption = QLabel("&Narrow to:")
        caption.setBuddy(self.branch)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (caption, self.branch, self.status, self.mine):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.branch.currentIndexChanged.connect(self._emit)
        self.status.currentIndexChanged.connect(self._emit)
        self.mine.toggled.connect(self._emit)

    def filters(self) -> SearchFilters | None:
        branch, status = self.branch.currentData(), self.status.currentData()
        coach = self._me if self.mine.isChecked() else None
        if branch is None and status is None and coach is None:
            return None
        return SearchFilters(
            branch=None if branch is None else Branch(branch),
            sponsor_status=None if status is None else SponsorStatus(status),
            assigned_coach=coach,
        )

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.filters())
