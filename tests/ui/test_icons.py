"""Action icons: every file is the project's own, loads, is painted in the theme's colours
(repainted when the theme changes), and sits beside the words of a menu item, never instead."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from services.support import Office

from seco_desktop.domain.reference import Role
from seco_desktop.resources_path import resources_dir
from seco_desktop.ui.icons import IconMissing, IconName, icon_path, make_icon, set_icon
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.theme import apply_theme, theme_file

ACTIONS = resources_dir() / "icons" / "actions"


def _ink(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The colours of the icon's fully opaque pixels at 24 px."""
    image = icon.pixmap(24, 24, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


@pytest.mark.parametrize("name", list(IconName), ids=lambda n: n.value)
def test_every_action_icon_loads_from_the_resources(qapp: QApplication, name: IconName) -> None:
    assert icon_path(name) == ACTIONS / f"{name.value}.svg"
    text = icon_path(name).read_text(encoding="utf-8")
    assert 'viewBox="0 0 24 24"' in text
    icon = make_icon(name)
    assert not icon.isNull()
    assert not icon.pixmap(24, 24).isNull()
    assert _ink(icon)  # something is drawn


def test_the_folder_holds_exactly_the_icons_and_their_licence() -> None:
    assert {p.stem for p in ACTIONS.glob("*.svg")} == {n.value for n in IconName}
    licence = " ".join((ACTIONS / "LICENSE").read_text(encoding="utf-8").split())
    assert "the project's own work" in licence
    assert "same terms as SECO Desktop" in licence


@pytest.mark.parametrize("theme", ["light", "dark", "high_contrast"])
def test_icons_are_drawn_in_the_themes_colours(app: QApplication, theme: str) -> None:
    apply_theme(app, theme, 1.0)
    colors = theme_file(theme).colors
    icon = make_icon(IconName.SAVE, menu=True)
    assert _ink(icon) == {colors.text}
    assert _ink(icon, QIcon.Mode.Disabled) == {colors.disabled_text}
    assert _ink(icon, QIcon.Mode.Active) == {colors.highlighted_text}  # a highlighted menu item


def test_a_theme_change_repaints_the_icons(app: QApplication, qtbot: QtBot) -> None:
    apply_theme(app, "light", 1.0)
    button = QPushButton("&Save")
    qtbot.addWidget(button)
    set_icon(button, IconName.SAVE)
    assert _ink(button.icon()) == {theme_file("light").colors.text}
    apply_theme(app, "high_contrast", 1.0)
    assert _ink(button.icon()) == {QColor("white").name()}
    assert button.text() == "&Save"


def test_a_missing_icon_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr("seco_desktop.ui.icons.resources_dir", lambda: tmp_path)
    with pytest.raises(IconMissing, match=r"icons/actions/quit\.svg is missing"):
        make_icon(IconName.QUIT, QPalette())


def test_menu_items_keep_their_words_beside_their_icons(
    qtbot: QtBot, office: Office, runner: TaskRunner
) -> None:
    window = MainWindow(office.sign_in_as(Role.ADMINISTRATOR), runner)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: runner.busy == 0, timeout=15000)
    items = [
        a for menu in window.menuBar().actions() if menu.menu() is not None
        for a in menu.menu().actions() if not a.isSeparator() and a.menu() is None
    ]  # fmt: skip
    assert len(items) >= 12
    assert [a.text() for a in items if a.icon().isNull()] == []
    assert all(a.text().strip() for a in items)
    assert {a.property("seco_icon") for a in window.findChildren(QAction)} >= {
        "search", "register", "close", "print", "sync", "reports", "audit",
        "password", "quit", "about", "open",
    }  # fmt: skip
