"""UI test fixtures: one TaskRunner per test, checked for leftover background work afterwards
(after napari's ``_dangling_qthread_pool`` and vorta's running-jobs check), plus the real
store fixtures of the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

# The service tests' store fixtures: a real SQLCipher store with one account per role.
from services.conftest import clock, office, office_template  # noqa: F401

from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.theme import STYLE_PROPERTY, theme_file

#: How long a worker thread may take to return after handing its result over.
THREAD_GRACE_MS = 2000


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test application, put back the way it was afterwards (themes are global)."""
    palette, font, sheet = qapp.palette(), qapp.font(), qapp.styleSheet()
    yield qapp
    platform = qapp.property("seco_platform_style")
    if platform:
        qapp.setStyleSheet("")
        qapp.setStyle(platform)
        qapp.setProperty(STYLE_PROPERTY, platform)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    theme_file.cache_clear()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    """A TaskRunner that must have nothing queued, running or undelivered when the test ends."""
    task_runner = TaskRunner()
    yield task_runner
    left_over = task_runner.busy
    threads_done = task_runner.shutdown(THREAD_GRACE_MS)
    task_runner.deleteLater()
    assert left_over == 0, f"{left_over} background task(s) still pending after the test"
    assert threads_done, "a TaskRunner worker thread was still running after the test"


@pytest.fixture(autouse=True)
def _no_global_pool_work(qapp: QApplication) -> Iterator[None]:
    """Background work goes through TaskRunner only: the global pool must stay idle."""
    yield
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(THREAD_GRACE_MS)
    assert finished, "work left on the global QThreadPool"
    assert pool.activeThreadCount() == 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """The test's user has left: windows are hidden before pytest-qt closes them (at the start
    of teardown), so nothing asks about unsaved edits with nobody there to answer."""
    yield
    for widget in QApplication.topLevelWidgets():
        widget.hide()
