"""Staff accounts, for administrators, as a tab: who can sign in and why not, unlock after
failed sign-ins, disable or enable, change a role, and add an account.

Every change goes through the services on the TaskRunner (they check the role again and audit);
a problem with what was typed is shown naming the field, and nothing typed is cleared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from seco_desktop.domain.errors import ValidationError
from seco_desktop.domain.reference import Role
from seco_desktop.services import accounts, staff
from seco_desktop.services.permissions import Permission, PermissionDenied, allowed
from seco_desktop.services.session import Session, add_user
from seco_desktop.services.staff import StaffAccount
from seco_desktop.store.errors import DuplicateRecord, RecordNotFound
from seco_desktop.ui.rows_model import RowsModel
from seco_desktop.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
HEADERS = ("User name", "Name", "Role", "Team of", "Status", "Last sign-in (UTC)")
ROLE_NAMES = {
    Role.AGENT: "Call-center agent",
    Role.COACH: "Career coach",
    Role.SUPERVISOR: "Supervisor",
    Role.ADMINISTRATOR: "Administrator",
}


def can_open(session: Session) -> bool:
    return allowed(session.role, Permission.MANAGE_USERS)


def staff_cells(a: StaffAccount) -> tuple[str, ...]:
    last = f"{a.last_sign_in_at:%m/%d/%Y %H:%M}" if a.last_sign_in_at else "Never"
    return (a.username, a.display_name, ROLE_NAMES[a.role], a.team_of, a.status, last)


def _role_box(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for role, text in ROLE_NAMES.items():
        box.addItem(text, role)
    return box


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    button.clicked.connect(slot)
    return button


class StaffView(QWidget):
    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self.setAccessibleName("Staff accounts")

        self.model = RowsModel(HEADERS, staff_cells, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Staff accounts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.unlock_button = _button("&Unlock", self.unlock)
        self.disable_button = _button("&Disable", lambda: self.set_disabled(True))
        self.enable_button = _button("&Enable", lambda: self.set_disabled(False))
        self.role = _role_box("New role")
        role_label = QLabel("New &role:")
        role_label.setBuddy(self.role)
        self.role_button = _button("&Change role", self.change_role)
        self.team = QComboBox()
        self.team.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team.setAccessibleName("Supervisor's team")
        team_label = QLabel("&Team of:")
        team_label.setBuddy(self.team)
        self.team_button = _button("Se&t team", self.change_team)
        self.status = QLabel("")
        self.status.setAccessibleName("Staff accounts status")
        self.status.setWordWrap(True)

        actions = QHBoxLayout()
        for widget in (self.unlock_button, self.disable_button, self.enable_button, role_label,
                       self.role, self.role_button):  # fmt: skip
            actions.addWidget(widget)
        actions.addStretch(1)
        team_row = QHBoxLayout()
        for widget in (team_label, self.team, self.team_button):
            team_row.addWidget(widget)
        team_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(team_row)
        layout.addWidget(self.status)
        layout.addWidget(self._add_form())
        self.refresh()

    def _add_form(self) -> QGroupBox:
        box = QGroupBox("Add a staff account")
        form = QFormLayout(box)
        self.new_username = QLineEdit()
        self.new_name = QLineEdit()
        self.new_role = _role_box("Role of the new account")
        self.new_password = QLineEdit()
        self.new_password_again = QLineEdit()
        for field in (self.new_password, self.new_password_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        rows = (
            ("User &name:", self.new_username, "User name"),
            ("Na&me:", self.new_name, "Name"),
            ("R&ole:", self.new_role, "Role of the new account"),
            ("&Password:", self.new_password, "Password"),
            ("Password a&gain:", self.new_password_again, "Password again"),
        )
        for label, widget, name in rows:
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        self.new_password.setPlaceholderText("At least 15 characters: upper, lower, digit, special")
        self.add_button = _button("&Add account", self.add_account)
        form.addRow(self.add_button)
        return box

    # --- the list ---------------------------------------------------------------------------

    def refresh(self, done: str = "") -> None:
        session = self._session
        self._runner.run(
            lambda: staff.staff_accounts(session),
            on_success=lambda rows: self._show(rows, done),
            on_failure=self._failed,
            key="staff-accounts",
        )

    def _show(self, rows: list[StaffAccount], done: str) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        self._fill_teams(rows)
        self.table.resizeColumnsToContents()  # a few dozen accounts: cheap
        names = [r.username for r in rows]
        if chosen is not None and chosen.username in names:
            self.table.selectRow(names.index(chosen.username))
        blocked = sum(1 for r in rows if r.locked or r.disabled)
        renamed = sum(1 for r in rows if r.renamed_from)
        summary = f"{len(rows)} accounts; {blocked} cannot sign in"
        if renamed:  # the same user name was added on two workstations
            summary += f"; {renamed} renamed by sync (tell each person their new user name)"
        self.status.setText(done or summary)

    def _fill_teams(self, rows: list[StaffAccount]) -> None:
        kept = self.team.currentData()
        self.team.clear()
        self.team.addItem("(no team)", "")
        for lead in (r for r in rows if r.role is Role.SUPERVISOR):
            self.team.addItem(f"{lead.display_name} ({lead.username})", lead.username)
        self.team.setCurrentIndex(max(self.team.findData(kept), 0))

    def selected(self) -> StaffAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # --- changes ----------------------------------------------------------------------------

    def unlock(self) -> None:
        self._on_selected(lambda s, a: accounts.unlock_user(s, a.username), "unlocked")

    def set_disabled(self, disabled: bool) -> None:
        self._on_selected(
            lambda s, a: accounts.set_disabled(s, a.username, disabled),
            "disabled" if disabled else "enabled",
        )

    def change_role(self) -> None:
        role = Role(self.role.currentData())
        self._on_selected(
            lambda s, a: accounts.set_role(s, a.username, role), f"now {ROLE_NAMES[role]}"
        )

    def change_team(self) -> None:
        lead = str(self.team.currentData() or "")
        what = f"in {lead}'s team" if lead else "in no team"
        self._on_selected(lambda s, a: accounts.assign_team(s, a.username, lead or None), what)

    def _on_selected(self, change: Callable[[Session, StaffAccount], None], what: str) -> None:
        chosen, session = self.selected(), self._session
        if chosen is None:
            self.status.setText("Choose an account in the list first")
            return
        self._runner.run(
            lambda: change(session, chosen),
            on_success=lambda _r: self.refresh(f"{chosen.username}: {what}"),
            on_failure=self._failed,
            writes=True,
        )

    def add_account(self) -> None:
        username, name = self.new_username.text().strip(), self.new_name.text().strip()
        password, again = self.new_password.text(), self.new_password_again.text()
        role, session = Role(self.new_role.currentData()), self._session
        if password != again:
            self.status.setText("Password again: the two passwords differ; type them again")
            self.new_password_again.setFocus()
            return

        def added(_user: object) -> None:
            for field in (self.new_username, self.new_name, self.new_password,
                          self.new_password_again):  # fmt: skip
                field.clear()
            self.refresh(f"{username}: added as {ROLE_NAMES[role]}")

        self._runner.run(
            lambda: add_user(session, username, name, role, password),
            on_success=added,
            on_failure=self._failed,
            writes=True,
        )

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.status.setText("; ".join(e.message for e in exc.errors))  # each names its field
        elif isinstance(exc, (PermissionDenied, RecordNotFound, DuplicateRecord)):
            self.status.setText(str(exc))
        else:
            _log.warning("A staff account change failed: %s", type(exc).__name__)
            self.status.setText("That did not work; nothing was changed. Try again.")
