"""Settings: declared once with typed defaults; round trips through a real INI file in tmp."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from seco_desktop.ui.settings import (
    SETTINGS_VERSION,
    VERSION_KEY,
    Option,
    Settings,
    upgrade,
)


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def test_defaults(path: Path) -> None:
    settings = Settings(ini(path))
    assert settings.show_consent_banner is True
    assert settings.theme == "system"
    assert settings.font_scale == 1.0
    assert settings.last_store == ""
    assert settings.last_username == ""
    assert settings.main_window_geometry == b""
    assert settings.main_window_state == b""


def test_every_option_is_declared_once_with_a_label() -> None:
    options = Settings.options()
    assert len(options) == 7
    assert len({o.key for o in options}) == len(options)
    assert all(o.label and isinstance(o.default, o.type) for o in options)
    assert Settings.theme is Settings.__dict__["theme"]  # class access gives the Option


def test_round_trip_keeps_types(path: Path) -> None:
    settings = Settings(ini(path))
    settings.show_consent_banner = False
    settings.theme = "high_contrast"
    settings.font_scale = 1.25
    settings.last_store = "/data/office.seco"
    settings.last_username = "agent1"
    settings.main_window_geometry = b"\x00\x01\xffgeometry"
    settings.sync()

    again = Settings(ini(path))  # a new QSettings reads the file back (INI keeps strings)
    assert again.show_consent_banner is False
    assert again.theme == "high_contrast"
    assert again.font_scale == 1.25
    assert isinstance(again.font_scale, float)
    assert again.last_store == "/data/office.seco"
    assert again.last_username == "agent1"
    assert again.main_window_geometry == b"\x00\x01\xffgeometry"


def test_wrong_values_are_refused_on_write(path: Path) -> None:
    settings = Settings(ini(path))
    with pytest.raises(ValueError, match="appearance/theme"):
        settings.theme = "purple"
    with pytest.raises(ValueError, match="font_scale"):
        settings.font_scale = 12.0
    with pytest.raises(ValueError, match="show_consent_banner"):
        settings.set(Settings.show_consent_banner, "no")  # type: ignore[arg-type]
    assert settings.theme == "system"


def test_damaged_stored_values_read_as_defaults(path: Path) -> None:
    raw = ini(path)
    raw.setValue("appearance/theme", "neon")
    raw.setValue("appearance/font_scale", "huge")
    raw.setValue("sign_in/show_consent_banner", "perhaps")
    raw.setValue("main_window/geometry", "not bytes")
    raw.sync()
    settings = Settings(ini(path))
    assert settings.theme == "system"
    assert settings.font_scale == 1.0
    assert settings.show_consent_banner is True
    assert settings.main_window_geometry == b""


def test_reset_returns_to_default(path: Path) -> None:
    settings = Settings(ini(path))
    settings.theme = "dark"
    settings.reset(Settings.theme)
    assert settings.theme == "system"


def test_fresh_settings_are_stamped_with_the_version(path: Path) -> None:
    Settings(ini(path)).sync()
    assert int(ini(path).value(VERSION_KEY)) == SETTINGS_VERSION


def test_upgrade_runs_each_newer_hook_once(path: Path) -> None:
    store = ini(path)
    store.setValue(VERSION_KEY, 1)
    store.setValue("ui/theme_name", "dark")  # where a version 1 kept it
    ran: list[int] = []

    def to_v2(s: QSettings) -> None:
        ran.append(2)
        s.setValue("appearance/theme", s.value("ui/theme_name"))
        s.remove("ui/theme_name")

    def to_v3(s: QSettings) -> None:
        ran.append(3)

    hooks = {2: to_v2, 3: to_v3}
    assert upgrade(store, 3, hooks) == 1
    assert upgrade(store, 3, hooks) == 3  # already current: nothing runs again
    assert ran == [2, 3]
    assert Settings.theme.coerce(store.value("appearance/theme")) == "dark"


def test_settings_from_a_newer_build_are_left_alone(path: Path) -> None:
    store = ini(path)
    store.setValue(VERSION_KEY, SETTINGS_VERSION + 5)
    Settings(store)
    assert int(store.value(VERSION_KEY)) == SETTINGS_VERSION + 5


def test_option_coerce_is_typed() -> None:
    scale = Option("x/scale", float, 1.0, "Scale", bounds=(0.5, 2.0))
    assert scale.coerce("1.5") == 1.5
    assert scale.coerce("nan") == 1.0
    assert scale.coerce(True) == 1.0
    flag = Option("x/flag", bool, False, "Flag")
    assert flag.coerce("true") is True
    assert flag.coerce("1") is True
    assert flag.coerce(None) is False
