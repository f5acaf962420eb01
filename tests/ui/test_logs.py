"""The rotating log file: the project's loggers only, exceptions without their messages."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from seco_desktop.ui.logs import LOG_NAME, MAX_BYTES, setup_logging


@pytest.fixture(autouse=True)
def _no_leftover_handler() -> Iterator[None]:
    logger = logging.getLogger("seco_desktop")
    level = logger.level
    yield
    for handler in [h for h in logger.handlers if h.get_name()]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


def test_log_file_holds_types_not_messages_and_rotates(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_NAME
    log = logging.getLogger("seco_desktop.test")
    try:
        raise ValueError("Smith, Jane 9900000123")  # a message that could quote a record
    except ValueError:
        log.exception("A task failed: %s", "ValueError")
    logging.getLogger("sqlalchemy.engine").warning("SELECT ... ('9900000123',)")
    for handler in logging.getLogger("seco_desktop").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "A task failed: ValueError" in text
    assert "test_logs.py" in text  # the frames are kept
    assert "9900000123" not in text
    assert "Smith" not in text
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    handler = next(h for h in logging.getLogger("seco_desktop").handlers if h.get_name())
    assert getattr(handler, "maxBytes", None) == MAX_BYTES


def test_setting_up_twice_keeps_one_file_handler(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    named = [h for h in logging.getLogger("seco_desktop").handlers if h.get_name()]
    assert len(named) == 1


def test_an_unwritable_folder_means_no_log_file_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert setup_logging(blocker / "logs") is None
