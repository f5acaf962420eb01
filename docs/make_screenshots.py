"""Screenshots of every window for the user guide, on the demo store (synthetic records only).

Run under a virtual screen so the windows are real:
    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_screenshots.py demo/demo.seco
Writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.demo.registration_answers import (
    details_answers,
    eligibility_answers,
    profile_answers,
)
from seco_desktop.domain.eligibility import decide_seco
from seco_desktop.domain.reference import Branch
from seco_desktop.domain.registration import RegistrationState, Step
from seco_desktop.security.recovery import format_recovery_key, new_recovery_secret
from seco_desktop.services import registration, search
from seco_desktop.services.session import Session, sign_in
from seco_desktop.ui.about import AboutDialog
from seco_desktop.ui.audit_view import AuditView
from seco_desktop.ui.disclosure_dialog import DisclosureDialog
from seco_desktop.ui.first_run import RECOVERY, FirstRunDialog
from seco_desktop.ui.keys_view import KeysView
from seco_desktop.ui.main_window import MainWindow
from seco_desktop.ui.preferences import PreferencesDialog
from seco_desktop.ui.settings import Settings
from seco_desktop.ui.sign_in import SignInDialog, last_sign_in_text
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.theme import apply_theme

DEMO_PASSWORD = "Demo-Only-Passw0rd!"  # noqa: S105 - the documented demo-store password
OUT = Path(__file__).with_name("screenshots")


def settle(app: QApplication, runner: TaskRunner) -> None:
    for _ in range(50):
        app.processEvents()
    runner.wait_idle(20_000)
    for _ in range(50):
        app.processEvents()


def shoot(app: QApplication, runner: TaskRunner, widget: QWidget, name: str) -> None:
    widget.show()
    settle(app, runner)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"wrote docs/screenshots/{name}.png")


WIZARD_STEPS = (
    (Step.PROFILE, "registration-step1-profile"),
    (Step.DETAILS, "registration-step2-details"),
    (Step.CONGRATULATIONS, "registration-step3-congratulations"),
    (Step.INELIGIBLE, "registration-ineligible"),
)


def walked_to(session: Session, step: Step) -> RegistrationState:
    """A registration walked with a generated caller (not in the demo store) up to ``step``."""
    today = session.clock().date()
    people = list(generate_spouses(200, seed=4242, today=today))
    book = session.rulebook
    if step is Step.INELIGIBLE:
        caller = next(s for s in people if s.sponsor.branch is Branch.COAST_GUARD)
    else:
        caller = next(s for s in people if decide_seco(s, today, book).eligible and s.skills)
    state = registration.start(session)
    flow = registration.flow(session, state)
    flow.acknowledge()
    flow.next()
    state.eligibility = eligibility_answers(caller)
    flow.next()
    if step in (Step.PROFILE, Step.INELIGIBLE):
        return state
    state.profile = profile_answers(caller)
    flow.record_duplicates(flow.duplicate_query(), [])
    flow.next()
    if step is Step.DETAILS:
        state.details = details_answers(caller)
        return state
    state.details = details_answers(caller)
    flow.next()
    return state


@dataclass(frozen=True)
class Shots:
    app: QApplication
    runner: TaskRunner
    settings: Settings


def coach_dialogs(shots: Shots, window: MainWindow, session: Session, first: str) -> None:
    app, runner, settings = shots.app, shots.runner, shots.settings
    window.search_panel.filter_bar.mine.setChecked(True)
    shoot(app, runner, window, "search-mine-only-coach1")
    window.search_panel.filter_bar.mine.setChecked(False)
    for dialog, name in (
        (PreferencesDialog(settings, window), "preferences"),
        (
            DisclosureDialog(session, first, "Spouse summary (PDF, 2 pages)", window),
            "disclosure-step",
        ),
        (AboutDialog(window), "about"),
    ):
        shoot(app, runner, dialog, name)
        dialog.reject()


def theme_shots(shots: Shots, window: MainWindow) -> None:
    """The open record and the Records menu (icons beside the words) in each theme."""
    app, runner = shots.app, shots.runner
    records_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Records" and a.menu()
    )
    for theme in ("light", "dark", "high_contrast"):
        apply_theme(app, theme, 1.0)
        shoot(app, runner, window, f"record-coach1-{theme}")
        records_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        records_menu.setActiveAction(records_menu.actions()[0])  # one item highlighted
        settle(app, runner)
        records_menu.grab().save(str(OUT / f"menu-records-{theme}.png"))
        print(f"wrote docs/screenshots/menu-records-{theme}.png")
        records_menu.hide()
    apply_theme(app, "light", 1.0)


def first_run_shots(app: QApplication, runner: TaskRunner) -> None:
    """The first run's central page, and the recovery-key page in high contrast (the key is a
    throwaway one of no store)."""
    dialog = FirstRunDialog(runner, default_path=Path("~/Documents/SECO/office.seco"))
    dialog.resize(720, 420)
    dialog.central_choice.setChecked(True)
    dialog.go_next()
    dialog.url.setText("postgresql://seco@db.example/seco?sslmode=verify-full")
    dialog.central_username.setText("alice")
    shoot(app, runner, dialog, "first-run-central")
    apply_theme(app, "high_contrast", 1.0)
    dialog.store_path = Path("~/Documents/SECO/office.seco")
    dialog.key_label.setText(format_recovery_key(new_recovery_secret()))
    dialog.stack.setCurrentIndex(RECOVERY)
    dialog.next_button.setText("&Continue")
    dialog.back_button.hide()
    dialog.cancel_button.hide()
    dialog.next_button.setEnabled(False)
    shoot(app, runner, dialog, "first-run-recovery-key-high_contrast")
    dialog.hide()
    apply_theme(app, "light", 1.0)


def administration_shots(shots: Shots, store: Path) -> None:
    """A supervisor's records due for deletion; an administrator's audit trail with the chain
    checked, staff accounts, and keys (a throwaway key on show: no new key is made)."""
    app, runner, settings = shots.app, shots.runner, shots.settings
    for username in ("supervisor1", "admin"):
        session = sign_in(store, username, DEMO_PASSWORD)
        window = MainWindow(
            session, runner, last_sign_in_text=last_sign_in_text(session), settings=settings
        )
        window.resize(1500, 900)
        if username == "supervisor1":
            window.open_retention_view()
            shoot(app, runner, window, "retention-supervisor1")
        else:
            window.open_audit_view()
            audit = window.tabs.currentWidget()
            assert isinstance(audit, AuditView)
            assert audit.chain_check is not None
            audit.chain_check.check()
            shoot(app, runner, window, "audit-check-admin")
            window.open_staff_view()
            shoot(app, runner, window, "staff-accounts-admin")
            window.open_keys_view()
            keys = window.tabs.currentWidget()
            assert isinstance(keys, KeysView)
            keys.recovery.show_key(format_recovery_key(new_recovery_secret()), store)
            keys.recovery.setVisible(True)
            keys.done_button.setVisible(True)
            shoot(app, runner, window, "keys-admin")
            keys.finish_recovery()
        window.close()
        session.close()


def wizard_pages(shots: Shots, window: MainWindow, session: Session) -> None:
    app, runner = shots.app, shots.runner
    wizard = window.start_registration()
    wizard.resize(900, 760)
    shoot(app, runner, wizard, "registration-script")
    wizard.hide()
    wizard.reject()
    for step, name in WIZARD_STEPS:
        wizard = window.start_registration(walked_to(session, step))
        wizard.resize(900, 860)
        shoot(app, runner, wizard, name)
        wizard.hide()
        wizard.reject()


def main() -> int:
    store = Path(sys.argv[1] if len(sys.argv) > 1 else "demo/demo.seco")
    OUT.mkdir(exist_ok=True)
    app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("SECO Desktop")
    runner = TaskRunner()
    settings = Settings(QSettings(str(OUT / ".screenshots.ini"), QSettings.Format.IniFormat))
    for theme in ("light", "high_contrast"):
        apply_theme(app, theme, 1.0)
        dialog = SignInDialog(store, runner, settings, demo=True)
        dialog.resize(720, 560)
        shoot(app, runner, dialog, f"sign-in-banner-{theme}")
        dialog.show_credentials()
        shoot(app, runner, dialog, f"sign-in-credentials-{theme}")
        dialog.close()

    apply_theme(app, "light", 1.0)
    first_run_shots(app, runner)
    administration_shots(Shots(app, runner, settings), store)
    for username in ("coach1", "agent1"):
        session = sign_in(store, username, DEMO_PASSWORD)
        window = MainWindow(
            session, runner, last_sign_in_text=last_sign_in_text(session), settings=settings
        )
        window.resize(1500, 900)
        shoot(app, runner, window, f"main-{username}")
        window.search_panel.field.setText("gonzales")
        window.search_panel.search_now()
        shoot(app, runner, window, f"search-{username}")
        first = search.search(session, "gonzales").rows[0].id
        window.open_record(first)
        shoot(app, runner, window, f"record-{username}")
        if username == "coach1":
            coach_dialogs(Shots(app, runner, settings), window, session, first)
            theme_shots(Shots(app, runner, settings), window)
        else:
            wizard_pages(Shots(app, runner, settings), window, session)
        window.close()
        session.close()
    runner.shutdown()
    (OUT / ".screenshots.ini").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
