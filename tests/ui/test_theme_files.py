"""The theme files in resources/themes: each loads, high contrast reaches 7:1 from the files
themselves, and a broken file is named and replaced by the system theme."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from seco_desktop.resources_path import resources_dir
from seco_desktop.ui import theme
from seco_desktop.ui.theme import FILE_THEMES, STYLE_PROPERTY, apply_theme, contrast_ratio
from seco_desktop.ui.theme_files import COLOR_NAMES, ThemeFileError, load_theme

THEMES_DIR = resources_dir() / "themes"


@pytest.mark.parametrize("name", FILE_THEMES)
def test_each_theme_file_loads_with_every_colour(name: str) -> None:
    loaded = load_theme(name)
    assert loaded.path == THEMES_DIR / f"{name}.json"
    assert loaded.version == 1
    assert loaded.label
    assert all(QColor(getattr(loaded.colors, c)).isValid() for c in COLOR_NAMES)
    assert "$" not in loaded.extra_stylesheet


def test_high_contrast_reaches_7_to_1_from_the_files() -> None:
    c = load_theme("high_contrast").colors
    pairs = {
        "text on window": (c.text, c.window),
        "text on base": (c.text, c.base),
        "text on alternate rows": (c.text, c.alternate_base),
        "text on buttons": (c.text, c.button),
        "selected text": (c.highlighted_text, c.highlight),
        "links": (c.link, c.base),
        "visited links": (c.link_visited, c.base),
        "disabled text": (c.disabled_text, c.window),
        "focus ring": (c.focus, c.window),
        "borders": (c.border, c.window),
        "problem messages": (c.error, c.window),
        "eligible": (c.success, c.base),
    }
    low = {k: round(contrast_ratio(QColor(f), QColor(b)), 2) for k, (f, b) in pairs.items()}
    assert {k: v for k, v in low.items() if v < 7.0} == {}
    assert "QCheckBox::indicator" in load_theme("high_contrast").extra_stylesheet


@pytest.mark.parametrize("name", FILE_THEMES)
def test_message_tones_are_readable_in_every_theme(name: str) -> None:
    c = load_theme(name).colors
    for tone in (c.error, c.success):
        for background in (c.window, c.base, c.alternate_base):
            assert contrast_ratio(QColor(tone), QColor(background)) >= 4.5, (name, tone)


def test_labels_take_the_themes_tone_colour(app: QApplication, qtbot: object) -> None:
    from PySide6.QtGui import QPalette  # noqa: PLC0415

    from seco_desktop.ui.field_errors import error_label  # noqa: PLC0415

    apply_theme(app, "high_contrast", 1.0)
    label = error_label(None)  # type: ignore[arg-type]
    label.setText("Enter a DoD ID")
    label.show()
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(
        load_theme("high_contrast").colors.error
    )
    label.close()


def _copy_themes(tmp_path: Path) -> Path:
    folder = tmp_path / "themes"
    shutil.copytree(THEMES_DIR, folder)
    return folder


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["colors"].pop("focus"), "'colors' has missing focus"),
        (lambda d: d["colors"].update(text="white"), "colour 'text' is 'white'; expected #rrggbb"),
        (lambda d: d.update(focus_width=40), "'focus_width' is 40; expected 1 to 6"),
        (lambda d: d.update(version=9), "not a seco-desktop-theme file of version 1"),
        (lambda d: d.update(stylesheet="gone.qss"), "gone.qss named by"),
    ],
)
def test_a_broken_theme_file_is_named(tmp_path: Path, change: object, words: str) -> None:
    folder = _copy_themes(tmp_path)
    path = folder / "high_contrast.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)  # type: ignore[operator]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ThemeFileError) as raised:
        load_theme("high_contrast", folder)
    assert str(path) in str(raised.value)
    assert words in str(raised.value)


def test_a_theme_file_that_is_not_json_is_named(tmp_path: Path) -> None:
    folder = _copy_themes(tmp_path)
    (folder / "dark.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ThemeFileError, match=r"dark\.json is not valid JSON"):
        load_theme("dark", folder)


def test_a_broken_theme_falls_back_to_the_system_theme(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    folder = _copy_themes(tmp_path)
    (folder / "dark.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setattr("seco_desktop.ui.theme_files.themes_dir", lambda: folder)
    theme.theme_file.cache_clear()
    apply_theme(app, "system", 1.0)
    platform = app.property("seco_platform_style")

    with caplog.at_level(logging.WARNING, logger="seco_desktop.ui.theme"):
        applied = apply_theme(app, "dark", 1.0)

    assert applied == "system"
    assert app.property(STYLE_PROPERTY) == platform
    assert "seco-focus-ring" in app.styleSheet()
    assert [r.getMessage() for r in caplog.records] == [
        f"The theme file {folder / 'dark.json'} is not valid JSON: "
        "Expecting property name enclosed in double quotes: line 1 column 3 (char 2); "
        "using the system theme instead"
    ]
    assert apply_theme(app, "light", 1.0) == "light"  # the other files still work
