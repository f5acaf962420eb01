"""``seco-desktop --self-test``: in-process, through the entry point, and a failing step."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seco_desktop.selftest import EXIT_FAILED, EXIT_OK, SelfTestFailed, run_self_test

pytestmark = pytest.mark.slow
STEPS = ("resources", "migrations", "database drivers", "keyring backends", "demo store")


def test_the_qt_free_self_test_passes_and_prints_one_timed_line_per_step(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_self_test(out=out, folder=tmp_path) == EXIT_OK
    lines = out.getvalue().splitlines()
    assert [line.split("  ")[1].strip() for line in lines[:5]] == list(STEPS)
    assert all(line.startswith("ok  ") and " s  " in line for line in lines[:-1])
    assert lines[-1].startswith("self-test passed in ")
    assert list(tmp_path.iterdir()) == []  # the demo store went with its temporary folder


def test_a_failing_step_gives_one_clear_line_and_exit_1(tmp_path: Path) -> None:
    def broken(_state: object) -> str:
        raise SelfTestFailed("the widget is missing")

    out = io.StringIO()
    assert run_self_test([("broken step", broken)], out=out, folder=tmp_path) == EXIT_FAILED
    last = out.getvalue().splitlines()[-1]
    assert last == "self-test FAILED at broken step: SelfTestFailed: the widget is missing"
    assert "Traceback" not in out.getvalue()


def test_the_entry_point_runs_the_self_test_without_a_display(tmp_path: Path) -> None:
    entry = Path(sys.executable).parent / "seco-desktop"
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [str(entry), "--self-test"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok  Qt widgets" in done.stdout
    assert "ok  summary PDF" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1].startswith("self-test passed in ")
