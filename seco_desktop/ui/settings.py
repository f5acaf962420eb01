"""The desktop's settings, declared once, typed, with defaults and labels (after picard's
``options.py``), stored with QSettings (organization "SECO", application "SECO Desktop").

Each option is a frozen :class:`Option` declared on :class:`Settings`; it is also a descriptor,
so ``settings.theme`` reads a ``str`` and ``settings.theme = "dark"`` writes one. A stored value
of the wrong type or outside the allowed choices reads as the default (it is never trusted).
The stored settings carry a version; :func:`upgrade` runs the hooks for each newer version once.

Never put secrets here (passwords, keys, recovery keys): settings files are plain text.
"""

from __future__ import annotations

import builtins
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", bool, int, float, str, bytes)

ORGANIZATION = "SECO"
APPLICATION = "SECO Desktop"
#: The version of the settings layout this build writes; bump it with an upgrade hook.
SETTINGS_VERSION = 1
VERSION_KEY = "settings/version"

THEMES = ("system", "light", "dark", "high_contrast")
FONT_SCALE_RANGE = (0.5, 3.0)

_log = logging.getLogger(__name__)
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One setting: where it is stored, its type, its default and what a person calls it."""

    key: str
    type: type[T]
    default: T
    label: str
    choices: tuple[T, ...] | None = None
    bounds: tuple[float, float] | None = None  # for numbers: inclusive minimum and maximum

    def coerce(self, raw: object) -> T:
        """The stored value as this option's type, or the default if it is not a valid one."""
        value = _convert(raw, self.type)
        if value is None or not self.allows(value):
            return self.default
        return value

    def allows(self, value: object) -> bool:
        if type(value) is not self.type:
            return False
        if self.choices is not None and value not in self.choices:
            return False
        if self.bounds is not None:
            number = float(value) if isinstance(value, int | float) else math.nan
            return math.isfinite(number) and self.bounds[0] <= number <= self.bounds[1]
        return True

    @overload
    def __get__(self, obj: None, owner: builtins.type[Any]) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: builtins.type[Any]) -> T: ...
    def __get__(self, obj: Settings | None, owner: builtins.type[Any]) -> Option[T] | T:
        return self if obj is None else obj.get(self)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.set(self, value)


def _convert(raw: object, kind: type[T]) -> T | None:
    """Undo what a QSettings backend did to a value (INI files give strings back)."""
    result: object = None
    if raw is None:
        return None
    if kind is bool:
        if isinstance(raw, bool):
            result = raw
        elif isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            result = raw.strip().lower() in _TRUE
    elif kind is int or kind is float:
        if isinstance(raw, bool):
            return None
        try:
            result = kind(cast(str, raw))
        except (TypeError, ValueError, OverflowError):
            return None
    elif kind is str:
        result = raw if isinstance(raw, str) else None
    elif kind is bytes:
        if isinstance(raw, QByteArray):
            result = bytes(raw.data())
        elif isinstance(raw, bytes | bytearray):
            result = bytes(raw)
    return cast(T | None, result)


#: Upgrade hooks: ``UPGRADES[n]`` turns version ``n - 1`` settings into version ``n``.
Upgrade = Callable[[QSettings], None]
UPGRADES: Mapping[int, Upgrade] = {}


def upgrade(
    store: QSettings, version: int = SETTINGS_VERSION, hooks: Mapping[int, Upgrade] = UPGRADES
) -> int:
    """Bring stored settings up to ``version``; returns the version found before.

    Fresh settings (nothing stored) are simply stamped. Settings written by a newer build are
    left alone: every read is validated, so unknown or changed values fall back to defaults.
    """
    raw = store.value(VERSION_KEY)
    found = _convert(raw, int)
    if found is None:
        found = 0 if store.allKeys() else version
    for step in range(found + 1, version + 1):
        hook = hooks.get(step)
        if hook is not None:
            _log.info("Upgrading settings to version %d", step)
            hook(store)
    if found < version or raw is None:
        store.setValue(VERSION_KEY, version)
    return found


class Settings:
    """Typed access to the stored settings. Pass a QSettings in tests (an INI file in tmp)."""

    show_consent_banner = Option(
        "sign_in/show_consent_banner",
        bool,
        True,
        "Show the DoD notice and consent banner before sign-in "
        "(turn off only where the operating system already shows it)",
    )
    last_store = Option("sign_in/last_store", str, "", "Store file opened last")
    last_username = Option("sign_in/last_username", str, "", "User name signed in last")
    theme = Option("appearance/theme", str, "system", "Theme", choices=THEMES)
    font_scale = Option("appearance/font_scale", float, 1.0, "Text size", bounds=FONT_SCALE_RANGE)
    main_window_geometry = Option("main_window/geometry", bytes, b"", "Main window position")
    main_window_state = Option("main_window/state", bytes, b"", "Main window layout")

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)
        upgrade(self._store)

    @classmethod
    def options(cls) -> tuple[Option[Any], ...]:
        """Every declared option, in declaration order (for a preferences page)."""
        return tuple(v for v in vars(cls).values() if isinstance(v, Option))

    @property
    def qsettings(self) -> QSettings:
        return self._store

    def get(self, option: Option[T]) -> T:
        return option.coerce(self._store.value(option.key))

    def set(self, option: Option[T], value: T) -> None:
        if not option.allows(value):
            # The key only: values (a user name, a path) stay out of logs and messages.
            raise ValueError(f"Not a valid value for the setting {option.key}")
        stored: object = QByteArray(value) if isinstance(value, bytes) else value
        self._store.setValue(option.key, stored)

    def reset(self, option: Option[Any]) -> None:
        self._store.remove(option.key)

    def sync(self) -> None:
        self._store.sync()


def _check_declarations() -> None:
    keys = [o.key for o in Settings.options()]
    assert len(keys) == len(set(keys)), "two settings share a key"
    for option in Settings.options():
        assert option.allows(option.default), f"bad default for {option.key}"


_check_declarations()
