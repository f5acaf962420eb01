"""The theme files in ``resources/themes/``: one JSON palette per theme, with an optional
style sheet, parsed strictly so a broken file is named rather than half applied.

Format version 1::

    {"format": "seco-desktop-theme", "version": 1, "name": "Dark", "focus_width": 2,
     "colors": {"window": "#1e1e1e", "text": "#eeeeee", ...every ThemeColors colour...},
     "stylesheet": "dark.qss"}            # optional, beside the JSON file

In the style sheet ``${border}`` (and every other colour name) stands for the theme's colour.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from pathlib import Path
from string import Template

from seco_desktop.resources_path import resources_dir

FORMAT_NAME = "seco-desktop-theme"
FORMAT_VERSION = 1
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_MAX_FOCUS_WIDTH = 6


@dataclass(frozen=True, slots=True)
class ThemeColors:
    window: str
    text: str
    base: str
    alternate_base: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    link_visited: str
    disabled_text: str
    border: str
    focus: str
    error: str  # problem messages, "Not eligible"
    success: str  # "Eligible"
    focus_width: int  # px


COLOR_NAMES = tuple(f.name for f in fields(ThemeColors) if f.name != "focus_width")


@dataclass(frozen=True, slots=True)
class ThemeFile:
    """A parsed theme: its colours, its extra style sheet (colours filled in) and where from."""

    label: str
    version: int
    colors: ThemeColors
    extra_stylesheet: str
    path: Path


class ThemeFileError(ValueError):
    """A theme file is missing or does not follow the format; the message names the file."""


def themes_dir() -> Path:
    return resources_dir() / "themes"


def load_theme(name: str, folder: Path | None = None) -> ThemeFile:
    """``<folder>/<name>.json`` (default: the installation's ``resources/themes``)."""
    path = (folder or themes_dir()) / f"{name}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThemeFileError(f"The theme file {path} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ThemeFileError(f"The theme file {path} is not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ThemeFileError(f"The theme file {path} must hold a JSON object")
    if doc.get("format") != FORMAT_NAME or doc.get("version") != FORMAT_VERSION:
        raise ThemeFileError(
            f"The theme file {path} is not a {FORMAT_NAME} file of version {FORMAT_VERSION}"
        )
    colors = _colors(path, doc)
    sheet = _stylesheet(path, doc, colors)
    label = doc.get("name")
    if not isinstance(label, str) or not label.strip():
        raise ThemeFileError(f"The theme file {path}: 'name' must be a non-empty text")
    return ThemeFile(label, FORMAT_VERSION, colors, sheet, path)


def _colors(path: Path, doc: dict[str, object]) -> ThemeColors:
    given = doc.get("colors")
    if not isinstance(given, dict):
        raise ThemeFileError(f"The theme file {path}: 'colors' must be an object of colours")
    missing = [n for n in COLOR_NAMES if n not in given]
    unknown = sorted(set(given) - set(COLOR_NAMES))
    if missing or unknown:
        problem = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
        raise ThemeFileError(f"The theme file {path}: 'colors' has {problem}")
    for key in COLOR_NAMES:
        value = given[key]
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise ThemeFileError(
                f"The theme file {path}: colour {key!r} is {value!r}; expected #rrggbb"
            )
    width = doc.get("focus_width")
    if not isinstance(width, int) or isinstance(width, bool) or not 1 <= width <= _MAX_FOCUS_WIDTH:
        raise ThemeFileError(
            f"The theme file {path}: 'focus_width' is {width!r}; expected 1 to {_MAX_FOCUS_WIDTH}"
        )
    return ThemeColors(**{k: str(given[k]).lower() for k in COLOR_NAMES}, focus_width=width)


def _stylesheet(path: Path, doc: dict[str, object], colors: ThemeColors) -> str:
    name = doc.get("stylesheet")
    if name is None:
        return ""
    if not isinstance(name, str) or Path(name).name != name:
        raise ThemeFileError(f"The theme file {path}: 'stylesheet' must be a file name beside it")
    sheet_path = path.with_name(name)
    try:
        text = sheet_path.read_text(encoding="utf-8")
        return Template(text).substitute({k: getattr(colors, k) for k in COLOR_NAMES})
    except FileNotFoundError:
        raise ThemeFileError(f"The style sheet {sheet_path} named by {path} is missing") from None
    except (KeyError, ValueError) as exc:
        raise ThemeFileError(
            f"The style sheet {sheet_path} uses an unknown colour or a stray $: {exc}"
        ) from None
