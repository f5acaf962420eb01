"""The main window: search on the left, open records as tabs on the right, a truthful status bar.

It only arranges views and routes signals; each view lives in its own module and every
store call goes through the services on the TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QWidget,
)

from seco_desktop.domain.reference import Role
from seco_desktop.domain.registration import RegistrationState
from seco_desktop.services import search as search_service
from seco_desktop.services.session import Session, is_demo_store
from seco_desktop.ui import confirm
from seco_desktop.ui.about import AboutDialog
from seco_desktop.ui.audit_view import AuditView
from seco_desktop.ui.audit_view import can_open as can_open_audit
from seco_desktop.ui.caseload_view import CaseloadView
from seco_desktop.ui.change_password import ChangePasswordDialog
from seco_desktop.ui.conflict_review import ConflictReview
from seco_desktop.ui.disclosure_dialog import disclosure_step
from seco_desktop.ui.draft_picker import DraftPicker
from seco_desktop.ui.icons import IconName, set_icon
from seco_desktop.ui.keys_view import KeysView
from seco_desktop.ui.keys_view import can_open as can_open_keys
from seco_desktop.ui.preferences import PreferencesDialog
from seco_desktop.ui.record.record_view import RecordView
from seco_desktop.ui.report_actions import add_report_actions
from seco_desktop.ui.retention_view import RetentionView
from seco_desktop.ui.retention_view import can_open as can_open_retention
from seco_desktop.ui.search_model import PAGE_SIZE, SearchResultsModel
from seco_desktop.ui.search_panel import SearchPanel
from seco_desktop.ui.settings import Settings
from seco_desktop.ui.staff_view import StaffView
from seco_desktop.ui.staff_view import can_open as can_open_staff
from seco_desktop.ui.status_bar import MainStatusBar
from seco_desktop.ui.tasks import TaskRunner
from seco_desktop.ui.wizard.registration_wizard import RegistrationWizard

MAX_RECENT = 10
RecordViewFactory = Callable[[Session, TaskRunner, str], QWidget]


def window_title(session: Session, demo: bool) -> str:
    """User name and role, never anything about a spouse (titles end up in task switchers)."""
    title = f"SECO Desktop — {session.user.username} ({session.role.value})"
    return f"{title} — DEMO" if demo else title


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        *,
        record_view_factory: RecordViewFactory | None = None,
        last_sign_in_text: str = "",
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._session = session
        self._runner = runner
        self._make_record_view = record_view_factory or _default_record_view
        self._recent: list[tuple[str, str]] = []  # (record id, tab title)
        self.demo = is_demo_store(session)
        self.setWindowTitle(window_title(session, self.demo))
        self.setAccessibleName("SECO Desktop main window")

        self.search_model = SearchResultsModel(
            lambda text, filters, page: search_service.search(
                session, text, filters, page=page, page_size=PAGE_SIZE
            ),
            runner,
            self,
        )
        coach = session.user.id if session.user.role is Role.COACH else None
        self.search_panel = SearchPanel(self.search_model, my_user_id=coach)
        self.search_panel.record_activated.connect(self.open_record)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Open records")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.caseload: CaseloadView | None = None
        if session.role in (Role.COACH, Role.SUPERVISOR):
            self.caseload = CaseloadView(session, runner)
            self.caseload.record_activated.connect(self.open_record)
            self.tabs.addTab(self.caseload, "My caseload")
            self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search_panel)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 940])  # room for name, masked DoD ID, birth date and branch
        self.setCentralWidget(splitter)

        self._build_menus()
        # Kept: a plain Python object whose bound methods are connected to signals; left to the
        # garbage collector, its busy indicator would stop updating and say "Working…" forever.
        self.status = status = MainStatusBar(
            self, session, runner, last_sign_in_text=last_sign_in_text, demo=self.demo
        )
        self.store_label, self.user_label = status.store_label, status.user_label
        self.sign_in_label, self.busy_label = status.sign_in_label, status.busy_label
        self.sync = status.sync
        status.sync_widget.review_requested.connect(self.review_conflicts)
        self.sync.start()
        self._size_for_screen()
        self.search_panel.focus_search()

    # --- records -----------------------------------------------------------------------------

    def open_record(self, record_id: str) -> None:
        """Show the record's tab, opening it if needed; several may be open to compare."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is not None and widget.property("record_id") == record_id:
                self.tabs.setCurrentIndex(index)
                return
        view = self._make_record_view(self._session, self._runner, record_id)
        view.setProperty("record_id", record_id)
        index = self.tabs.addTab(view, "Opening…")
        self.tabs.setCurrentIndex(index)
        title_changed = getattr(view, "title_changed", None)
        if title_changed is not None:
            title_changed.connect(lambda title, v=view: self._retitle(v, title))

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None or widget is self.caseload:
            return
        if isinstance(widget, RecordView):
            if widget.has_unsaved_changes and not confirm.unsaved_record(self, widget.title):
                return
            widget.discard_pending()
        self.tabs.removeTab(index)
        widget.deleteLater()
        if self.tabs.count() == 0:
            self.search_panel.focus_search()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _retitle(self, view: QWidget, title: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, title)
            self._remember(str(view.property("record_id")), title)

    def _remember(self, record_id: str, title: str) -> None:
        self._recent = [(record_id, title)] + [r for r in self._recent if r[0] != record_id]
        del self._recent[MAX_RECENT:]
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for record_id, title in self._recent:
            action = self.recent_menu.addAction(title)
            action.triggered.connect(lambda _=False, rid=record_id: self.open_record(rid))
        self.recent_menu.setEnabled(bool(self._recent))

    # --- registration ------------------------------------------------------------------------

    def start_registration(self, state: RegistrationState | None = None) -> RegistrationWizard:
        """The wizard on the caller's behalf; a finished one opens the new record."""
        wizard = RegistrationWizard(self._session, self._runner, state)
        wizard.setParent(self, wizard.windowFlags())
        wizard.registered.connect(self.open_record)
        wizard.open_record_requested.connect(self.open_record)
        wizard.open()
        return wizard

    def choose_draft(self) -> None:
        """The signed-in agent's saved drafts, to resume one."""
        DraftPicker(self, self._session, self._runner, self._resume).choose()

    def _resume(self, state: RegistrationState) -> None:
        self.start_registration(state)

    def _register_new(self) -> None:
        self.start_registration(None)  # triggered(bool) must not reach the state argument

    # --- chrome ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        icon: IconName,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        """A menu action with its words, its icon beside them, and (optionally) a shortcut."""
        action = QAction(text, self)
        set_icon(action, icon)
        if shortcut is not None:
            action.setShortcuts(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(
            self._action(
                "Change &password…",
                IconName.PASSWORD,
                lambda: ChangePasswordDialog(self._session, self._runner, parent=self).exec(),
            )
        )
        if self._settings is not None:
            settings = self._settings
            file_menu.addAction(
                self._action(
                    "Pr&eferences…",
                    IconName.PREFERENCES,
                    lambda: PreferencesDialog(settings, self).exec(),
                    keys.Preferences,
                )
            )
        sync_now = self._action(
            "S&ync now",
            IconName.SYNC,
            lambda: self.sync.sync_now(),  # noqa: PLW0108 - self.sync is made later
        )
        sync_now.setStatusTip("Send this workstation's changes and fetch the others' now")
        file_menu.addAction(sync_now)
        file_menu.addSeparator()
        quit_action = self._action("&Quit", IconName.QUIT, self.close, keys.Quit)
        file_menu.addAction(quit_action)

        records = self.menuBar().addMenu("&Records")
        find = self._action("&Find a record", IconName.SEARCH, self.search_panel.focus_search)
        find.setStatusTip("Ctrl+F: back to the search field")
        records.addAction(find)
        close_record = self._action(
            "&Close record", IconName.CLOSE, self.close_current_tab, keys.Close
        )
        records.addAction(close_record)
        self.recent_menu: QMenu = records.addMenu("&Recent records")
        self.recent_menu.setEnabled(False)
        records.addSeparator()
        register = self._action(
            "&Register a caller…", IconName.REGISTER, self._register_new, keys.New
        )
        records.addAction(register)
        records.addAction(
            self._action("Resume a registration &draft…", IconName.OPEN, self.choose_draft)
        )
        # On the window too: the shortcuts then work while the menus are closed, on every platform.
        self.addActions([quit_action, close_record, register])
        self.close_record_action = close_record
        records.addSeparator()
        self.report_actions = add_report_actions(
            self, self._session, self._runner, records, self._current_record_id,
            disclosure_step=disclosure_step(self._session),
        )  # fmt: skip

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(
            self._action("&About SECO Desktop", IconName.ABOUT, lambda: AboutDialog(self).exec())
        )
        self._build_admin_menu()

    def _build_admin_menu(self) -> None:
        """Supervisors' and administrators' views; the menu is absent for other roles."""
        admin_menu = self.menuBar().addMenu("&Administration")
        views = (
            (can_open_audit, "&Audit trail", IconName.AUDIT, self.open_audit_view),
            (can_open_retention, "Records due for &deletion", IconName.REMOVE,
             self.open_retention_view),
            (can_open_staff, "&Staff accounts", IconName.STAFF, self.open_staff_view),
            (can_open_keys, "&Keys", IconName.KEY, self.open_keys_view),
        )  # fmt: skip
        for may_open, text, icon, slot in views:
            if may_open(self._session):
                admin_menu.addAction(self._action(text, icon, slot))
        admin_menu.menuAction().setVisible(not admin_menu.isEmpty())

    def open_audit_view(self) -> None:
        self._show_tab(AuditView, "Audit trail", lambda: AuditView(self._session, self._runner))

    def open_retention_view(self) -> None:
        def make() -> QWidget:
            view = RetentionView(self._session, self._runner)
            view.record_activated.connect(self.open_record)
            return view

        self._show_tab(RetentionView, "Due for deletion", make)

    def open_staff_view(self) -> None:
        self._show_tab(StaffView, "Staff accounts", lambda: StaffView(self._session, self._runner))

    def open_keys_view(self) -> None:
        self._show_tab(KeysView, "Keys", lambda: KeysView(self._session, self._runner))

    def review_conflicts(self) -> None:
        def make() -> QWidget:
            review = ConflictReview(self._session, self._runner)
            review.changed.connect(self.sync.refresh_conflicts)
            # Conflicts are shared: a sync brings ones found, or resolved, on other desks.
            self.sync.synced.connect(review.refresh_after_sync)
            return review

        self._show_tab(ConflictReview, "Sync conflicts", make)

    def _show_tab(self, kind: type[QWidget], title: str, make: Callable[[], QWidget]) -> None:
        """The one tab of ``kind`` (made on first use) brought to the front."""
        for index in range(self.tabs.count()):
            if isinstance(self.tabs.widget(index), kind):
                self.tabs.setCurrentIndex(index)
                return
        self.tabs.setCurrentIndex(self.tabs.addTab(make(), title))

    def _current_record_id(self) -> str | None:
        view = self.tabs.currentWidget()
        return view.record_id if isinstance(view, RecordView) else None

    def _size_for_screen(self) -> None:
        """First run (no saved geometry): most of the screen, so a record fits beside search."""
        available = self.screen().availableGeometry()
        self.resize(int(available.width() * 0.85), int(available.height() * 0.85))

    def unsaved_records(self) -> list[RecordView]:
        views = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [v for v in views if isinstance(v, RecordView) and v.has_unsaved_changes]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        unsaved = self.unsaved_records() if self.isVisible() else []  # hidden: nobody to ask
        if len(unsaved) == 1:
            discard = confirm.unsaved_record(self, unsaved[0].title)
        else:
            discard = not unsaved or confirm.unsaved_records(self, len(unsaved))
        if not discard:
            self.tabs.setCurrentWidget(unsaved[0])
            event.ignore()
            return
        self._runner.discard("search")
        self.sync.stop()
        super().closeEvent(event)


def _default_record_view(session: Session, runner: TaskRunner, record_id: str) -> QWidget:
    return RecordView(session, runner, record_id)
