"""The ``seco-desktop`` entry point: settings, theme, the first run (when no store is known),
sign-in, then the main window.

One QApplication, one TaskRunner for the whole run. On exit the runner is shut down (tasks not
yet started are skipped, running ones finish) and the session's store is closed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from seco_desktop.services.session import Session, sign_out
from seco_desktop.ui.about import app_version, third_party_packages
from seco_desktop.ui.crash import install_crash_handler
from seco_desktop.ui.icons import IconName, make_icon
from seco_desktop.ui.logs import setup_logging
from seco_desktop.ui.resources import RESOURCES, NoticeMissing, banner_text
from seco_desktop.ui.settings import APPLICATION, ORGANIZATION, THEMES, Settings
from seco_desktop.ui.sign_in import SignInDialog, last_sign_in_text
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.theme import FILE_THEMES, apply_theme, theme_file

EXIT_OK, EXIT_USAGE = 0, 2
APP_ICON = "seco-desktop.svg"
NO_STORE = (
    "No store was given and none was opened before.\n\n"
    "Start SECO Desktop with --store PATH. To try it on synthetic records, run `make run` "
    "(it makes a demo store); to create a real store, an administrator runs `seco-admin init`."
)

_log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest (Qt's own, such as ``-platform``) for QApplication."""
    parser = argparse.ArgumentParser(prog="seco-desktop", description="SECO Desktop")
    parser.add_argument("--store", type=Path, help="the store file (default: the last one)")
    parser.add_argument("--theme", choices=THEMES, help="theme for this run (default: setting)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a temporary demo store (no display needed), then exit",
    )
    parser.add_argument(
        "--first-run",
        action="store_true",
        help="set up: create a standalone store or enrol from a central database",
    )
    return parser.parse_known_args(list(argv))


def store_problem(path: Path | None) -> str | None:
    """Why the app cannot offer sign-in to ``path``, or None."""
    if path is None:
        return NO_STORE
    if not path.is_file():
        return (
            f"There is no store at {path}.\n\n"
            "Check the path, or make one: `make run` makes a demo store of synthetic records; "
            "an administrator creates a real store with `seco-admin init`."
        )
    return None


def show_error(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "SECO Desktop", message)
    box.setAccessibleName("SECO Desktop error")
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return self_test(qt_args)
    install_crash_handler()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / APP_ICON)))
    log_file = setup_logging()
    _log.info("SECO Desktop %s starting (log %s)", app_version(), "on" if log_file else "off")
    settings = Settings()
    apply_theme(app, args.theme or settings.theme, settings.font_scale)

    store = args.store or (Path(settings.last_store) if settings.last_store else None)
    runner = TaskRunner()
    session = None
    try:
        chosen = _store_to_open(store, runner, settings, first_run=args.first_run)
        if isinstance(chosen, int):
            return chosen
        try:
            dialog = SignInDialog(chosen, runner, settings)
        except NoticeMissing as exc:
            show_error(str(exc))
            return EXIT_USAGE
        if dialog.exec() != QDialog.DialogCode.Accepted.value or dialog.session is None:
            return EXIT_OK
        session = dialog.session
        settings.sync()
        if session.must_change_password and not _password_changed(session, runner):
            return EXIT_OK
        # Imported here: the sign-in window must appear fast, and its tests do not need it.
        from seco_desktop.ui.idle_lock import IdleLock  # noqa: PLC0415
        from seco_desktop.ui.main_window import MainWindow  # noqa: PLC0415

        window = MainWindow(
            session, runner, last_sign_in_text=last_sign_in_text(session), settings=settings
        )
        if settings.main_window_geometry:
            window.restoreGeometry(settings.main_window_geometry)
        if settings.main_window_state:
            window.restoreState(settings.main_window_state)
        # The idle lock watches every window of the application (15 minutes, 10 for admins).
        idle_lock = IdleLock(session, runner, parent=window)
        idle_lock.session_ended.connect(lambda _message: window.close())
        idle_lock.watch_failures(runner)  # an unwritable audit hides every window too
        window.show()
        code = app.exec()
        idle_lock.stop()
        settings.main_window_geometry = bytes(window.saveGeometry().data())
        settings.main_window_state = bytes(window.saveState().data())
        return code
    finally:
        runner.shutdown()
        if session is not None:
            _sign_out(session)
        settings.sync()


def self_test(qt_args: Sequence[str] = ()) -> int:
    """``--self-test``: the Qt-free checks of :mod:`seco_desktop.selftest`, then Qt's own.

    No window is shown, so Qt runs on its offscreen platform unless QT_QPA_PLATFORM says
    otherwise; nothing is written to the user's settings or logs.
    """
    import os  # noqa: PLC0415

    from seco_desktop.selftest import SelfTestFailed, SelfTestState, run_self_test  # noqa: PLC0415

    def qt_step(_state: SelfTestState) -> str:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        existing = QApplication.instance()
        app = (
            existing
            if isinstance(existing, QApplication)
            else QApplication([sys.argv[0], *qt_args])
        )
        icon = QIcon(str(RESOURCES / "icons" / APP_ICON))
        if icon.isNull() or icon.pixmap(64, 64).isNull():
            raise SelfTestFailed("the application icon does not render (Qt SVG plugin missing?)")
        themes = [theme_file(name).label for name in FILE_THEMES]  # ThemeFileError names a file
        if make_icon(IconName.SYNC).pixmap(24, 24).isNull():
            raise SelfTestFailed("the action icons do not render (Qt SVG plugin missing?)")
        version_id, _text = banner_text()
        if app_version() == "unknown":
            raise SelfTestFailed("the package metadata is missing (About cannot show a version)")
        licences = len(third_party_packages())
        return (
            f"Qt {qVersion()} on {app.platformName()}, icons, {len(themes)} themes, "
            f"banner {version_id}, "
            f"version {app_version()}, {licences} third-party licences"
        )

    return run_self_test([("Qt widgets", qt_step)])


def _store_to_open(
    store: Path | None, runner: TaskRunner, settings: Settings, *, first_run: bool
) -> Path | int:
    """The store to sign in to, or the exit code. With no store known (or ``--first-run``) the
    first-run dialog makes one (standalone or enrolled), which is then remembered."""
    if first_run or store is None:
        from seco_desktop.ui.first_run import FirstRunDialog  # noqa: PLC0415

        dialog = FirstRunDialog(runner)
        if dialog.exec() != QDialog.DialogCode.Accepted.value or dialog.store_path is None:
            return EXIT_OK
        store = dialog.store_path
        settings.last_store = str(store)
        settings.sync()
    problem = store_problem(store)
    if problem is not None:
        show_error(problem)
        return EXIT_USAGE
    return store


def _password_changed(session: Session, runner: TaskRunner) -> bool:
    """A password past its maximum age must be changed before any record is shown."""
    from seco_desktop.ui.change_password import ChangePasswordDialog  # noqa: PLC0415

    dialog = ChangePasswordDialog(session, runner, expired=True)
    return dialog.exec() == QDialog.DialogCode.Accepted.value


def _sign_out(session: Session) -> None:
    """End the token (audited); if the store cannot take the entry, still close it."""
    try:
        sign_out(session)
    except Exception as exc:
        _log.warning("Signing out cleanly failed: %s", type(exc).__name__)
        session.close()


if __name__ == "__main__":
    sys.exit(main())
