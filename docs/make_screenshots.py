"""Screenshots of every window for the user guide, on the demo store (synthetic records only).

Run under a virtual screen so the windows are real:
    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_screenshots.py demo/demo.seco
Writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from seco_desktop.services import search
from seco_desktop.services.session import sign_in
from seco_desktop.ui.main_window import MainWindow
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
    for username in ("coach1", "agent1"):
        session = sign_in(store, username, DEMO_PASSWORD)
        window = MainWindow(session, runner, last_sign_in_text=last_sign_in_text(session))
        window.resize(1500, 900)
        shoot(app, runner, window, f"main-{username}")
        window.search_panel.field.setText("gonzales")
        window.search_panel.search_now()
        shoot(app, runner, window, f"search-{username}")
        first = search.search(session, "gonzales").rows[0].id
        window.open_record(first)
        shoot(app, runner, window, f"record-{username}")
        if username == "agent1":
            wizard = window.start_registration()
            wizard.resize(900, 760)
            shoot(app, runner, wizard, "registration-script")
            wizard.reject()
        window.close()
        session.close()
    runner.shutdown()
    (OUT / ".screenshots.ini").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
