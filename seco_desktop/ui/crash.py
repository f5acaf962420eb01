"""Crash output without personal data: an uncaught exception is reported by its type and
where it happened (file and line of each frame), never by its message or any value, since a
message from a library could quote a record. Installed once by the desktop at start."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

_log = logging.getLogger("seco_desktop.crash")
Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def crash_report(kind: type[BaseException], tb: TracebackType | None) -> str:
    """``<Type> at file:line in function`` for each frame, innermost last; no message."""
    frames = traceback.extract_tb(tb)
    where = [f"  {f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join([f"SECO Desktop internal error: {kind.__name__}", *where])


def make_hook(stream: TextIO | None = None) -> Hook:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        del exc  # its message is never shown or logged
        report = crash_report(kind, tb)
        _log.error("%s", report)
        print(report, file=stream or sys.stderr)

    return hook


def install_crash_handler() -> None:
    """Replace ``sys.excepthook`` (PySide6 routes exceptions raised in slots through it)."""
    sys.excepthook = make_hook()
