"""Rotating log files in the platform's log folder, without personal data.

The folder is Qt's per-user application data folder plus ``logs`` (Linux
``~/.local/share/SECO/SECO Desktop/logs``, Windows ``%LOCALAPPDATA%\\SECO\\SECO Desktop\\logs``,
macOS ``~/Library/Application Support/SECO/SECO Desktop/logs``): ``seco-desktop.log``, rotated at
1 MiB, five old files kept.

Only the project's own loggers (``seco_desktop.*``) are written, never a library's (a driver's
debug output can quote SQL parameters). The project logs types, ids and counts, never record
values; an exception is written as its type and frames only, never its message (a library's
message may quote a record), the same rule as the crash handler. Files are readable by their
owner only where the platform has POSIX permissions.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths

from seco_desktop.ui.crash import crash_report

LOG_NAME = "seco-desktop.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "seco-desktop-file"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class NoValuesFormatter(logging.Formatter):
    """Exceptions as type and frames only (no message, no locals)."""

    def formatException(self, ei: ExcInfo) -> str:  # noqa: N802 - logging's name
        kind, _exc, tb = ei
        return crash_report(kind, tb) if kind is not None else ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""  # a stack is fine but useless without values; keep lines short


def log_folder() -> Path:
    """``<AppLocalDataLocation>/logs`` (set the organization and application names first)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Attach the rotating file to the ``seco_desktop`` logger; the log file, or None if the
    folder cannot be written (the app runs on without a log file rather than not at all)."""
    logger = logging.getLogger("seco_desktop")
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
            handler.close()
    folder = folder or log_folder()
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            folder.chmod(0o700)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        if os.name == "posix":
            path.chmod(0o600)
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(NoValuesFormatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
