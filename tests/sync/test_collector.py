"""A big pull collects garbage less often; the collector's settings are restored afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from seco_desktop.services import collector


def _pull_that_fails(frozen: int) -> None:
    with collector.fewer_collections():
        assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD
        assert gc.get_freeze_count() >= frozen
        with collector.fewer_collections():  # a second pull at the same time
            assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD  # the first still runs
        raise RuntimeError("the pull failed")


def test_few_collections_is_undone_even_when_nested_or_failing() -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with pytest.raises(RuntimeError, match="the pull failed"):
        _pull_that_fails(frozen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_overlapping_pulls_on_two_threads_restore_the_settings() -> None:
    before = gc.get_threshold()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector.fewer_collections():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with collector.fewer_collections():
        release.set()
        thread.join(5)
        assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD  # the other left first
    assert gc.get_threshold() == before
