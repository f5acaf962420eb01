"""What a window's menus offer, as the person sees it (hidden menus left out)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow


def offered(window: QMainWindow) -> list[str]:
    """The text of every item in every visible menu of the menu bar."""
    return [
        action.text()
        for menu in window.menuBar().actions()
        if menu.isVisible() and menu.menu() is not None
        for action in menu.menu().actions()
    ]
