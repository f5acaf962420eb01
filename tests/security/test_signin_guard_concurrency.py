"""The sign-in file under concurrent writers: two processes (two windows on one store, or the
command line beside the desktop) recording failures at once lose none of them."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta
from pathlib import Path

from seco_desktop.security.signin_guard import SignInGuard

WRITES = 150
START = datetime(2026, 1, 5, 9, 30)


def _writer(store: str, name: str, go: multiprocessing.synchronize.Event) -> None:
    guard = SignInGuard(Path(store))
    go.wait()
    for i in range(WRITES):
        guard.record_event(name, "failure", START + timedelta(seconds=i))


def test_two_processes_writing_at_once_lose_no_event(tmp_path: Path) -> None:
    store = tmp_path / "office.seco"
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    writers = [
        context.Process(target=_writer, args=(str(store), name, go)) for name in ("ann", "bob")
    ]
    for w in writers:
        w.start()
    go.set()
    for w in writers:
        w.join(120)
        assert w.exitcode == 0
    pending = SignInGuard(store).take_pending()
    assert len(pending) == 2 * WRITES
    assert sum(1 for p in pending if p.username == "ann") == WRITES


def test_a_successful_sign_in_with_nothing_to_clear_makes_no_files(tmp_path: Path) -> None:
    store = tmp_path / "office.seco"
    guard = SignInGuard(store)
    guard.clear_failures("ann")
    guard.unlock("ann")
    assert list(tmp_path.iterdir()) == []
