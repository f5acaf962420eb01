"""Action icons from ``resources/icons/actions``, recoloured to the theme's text colour.

The SVGs are drawn in black; Qt's SVG renderer knows no ``currentColor``, so each is rendered
and then painted over in the palette's colour (``SourceIn`` keeps the shape, swaps the colour):
text colour normally, the disabled-text colour when disabled, and for menu items the
highlighted-text colour while the item is highlighted. An icon sits beside the words, never
instead of them: actions and buttons keep their text and accessible names.

Whatever got an icon through :func:`set_icon` remembers its name, and :func:`refresh` (called
when the theme changes) paints every such icon again in the new palette.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication

from seco_desktop.resources_path import resources_dir

SIZES = (16, 20, 24, 32, 48)
_PROPERTY = "seco_icon"
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class IconName(StrEnum):
    SEARCH = "search"
    REGISTER = "register"
    OPEN = "open"
    CLOSE = "close"
    PRINT = "print"
    SYNC = "sync"
    CONFLICTS = "conflicts"
    REPORTS = "reports"
    AUDIT = "audit"
    PREFERENCES = "preferences"
    PASSWORD = "password"  # noqa: S105 - an icon's name
    QUIT = "quit"
    ABOUT = "about"
    SAVE = "save"
    ADD = "add"
    REMOVE = "remove"
    STAFF = "staff"
    KEY = "key"


class IconMissing(FileNotFoundError):
    """An action icon's file is absent or does not render; the message names the file."""


def icon_path(name: IconName) -> Path:
    return resources_dir() / "icons" / "actions" / f"{name.value}.svg"


def make_icon(name: IconName, palette: QPalette | None = None, *, menu: bool = False) -> QIcon:
    """``name`` drawn in ``palette``'s colours (default: the application's)."""
    palette = palette or QGuiApplication.palette()
    renderer = QSvgRenderer(str(icon_path(name)))
    if not renderer.isValid():
        raise IconMissing(f"The icon file {icon_path(name)} is missing or is not a valid SVG")
    text = palette.color(Group.Normal, Role.ButtonText)
    disabled = palette.color(Group.Disabled, Role.ButtonText)
    selected = palette.color(Group.Normal, Role.HighlightedText) if menu else text
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_draw(renderer, size, text), QIcon.Mode.Normal)
        icon.addPixmap(_draw(renderer, size, disabled), QIcon.Mode.Disabled)
        icon.addPixmap(_draw(renderer, size, selected), QIcon.Mode.Active)
        icon.addPixmap(_draw(renderer, size, selected), QIcon.Mode.Selected)
    return icon


def set_icon(target: QAction | QAbstractButton, name: IconName) -> None:
    """Give ``target`` the icon ``name`` in the current theme, and remember it for refresh."""
    target.setProperty(_PROPERTY, name.value)
    target.setIcon(make_icon(name, menu=isinstance(target, QAction)))


def refresh(app: QApplication) -> int:
    """Repaint every remembered icon in the application's palette; returns how many."""
    count = 0
    for window in app.topLevelWidgets():
        targets: list[QObject] = [window, *window.findChildren(QAction)]
        targets += window.findChildren(QAbstractButton)
        for target in targets:
            name = target.property(_PROPERTY)
            if isinstance(name, str) and isinstance(target, (QAction, QAbstractButton)):
                target.setIcon(make_icon(IconName(name), menu=isinstance(target, QAction)))
                count += 1
    return count


def _draw(renderer: QSvgRenderer, size: int, color: QColor) -> QPixmap:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), color)
    painter.end()
    return QPixmap.fromImage(image)
