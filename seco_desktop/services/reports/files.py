"""Where a report's bytes go: a file the user chose, or a private copy for the PDF viewer.

Both are readable by the owner only (0600) and written whole or not at all, since a report
carries Privacy Act data.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from seco_desktop.services.reports.framework import BuiltReport


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only, whole or not at all."""
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "No such folder", str(folder))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".seco-report-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def save_report(report: BuiltReport, path: Path) -> None:
    write_private(path, report.pdf)


def viewer_copy(report: BuiltReport, folder: Path) -> Path:
    """A copy for the system's PDF viewer inside ``folder`` (a private temporary folder the
    caller removes when it is done)."""
    path = folder / report.suggested_filename
    write_private(path, report.pdf)
    return path


def private_folder() -> Path:
    """A new temporary folder only the user can enter (0700)."""
    return Path(tempfile.mkdtemp(prefix="seco-reports-"))
