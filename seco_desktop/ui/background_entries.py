"""The spouse's background as four entry lists (education, work experience, certificates and
licenses, skills) in one tab widget, shared by the registration wizard and the record's profile."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from seco_desktop.domain.errors import FieldError
from seco_desktop.domain.models import Credential, Education, Skill, Spouse, WorkExperience
from seco_desktop.domain.reference import CredentialKind, EducationLevel, SkillLevel
from seco_desktop.ui.entry_list import EntryField, EntryListEditor

BACKGROUND_PATHS = ("education", "work_experience", "credentials", "skills")


def _label(value: Enum) -> str:
    label = getattr(value, "label", None)
    return str(label) if label else str(value.value).replace("_", " ").capitalize()


def _choices(kind: type[Enum]) -> tuple[tuple[str, Any], ...]:
    return tuple((_label(v), v) for v in kind)


def _education_summary(e: Education) -> str:
    done = ", completed" if e.completed else ""
    return f"{_label(e.level)}: {e.institution or '(institution not entered)'}{done}"


def _work_summary(w: WorkExperience) -> str:
    return f"{w.title or '(title not entered)'} at {w.employer or '(employer not entered)'}"


def _credential_summary(c: Credential) -> str:
    return f"{_label(c.kind)}: {c.name or '(name not entered)'}"


def _skill_summary(s: Skill) -> str:
    return f"{s.name or '(skill not entered)'} ({_label(s.level)})"


def education_editor() -> EntryListEditor[Education]:
    fields = (
        EntryField("institution", "&Institution"),
        EntryField("level", "Le&vel", "choice", _choices(EducationLevel)),
        EntryField("field_of_study", "Field of st&udy"),
        EntryField("start_date", "Start date", "date"),
        EntryField("end_date", "End date", "date"),
        EntryField("completed", "C&ompleted", "bool"),
    )
    return EntryListEditor(
        "education", "education", fields, lambda: Education("", EducationLevel.HIGH_SCHOOL),
        _education_summary,
    )  # fmt: skip


def work_editor() -> EntryListEditor[WorkExperience]:
    fields = (
        EntryField("employer", "Employer"),
        EntryField("title", "Job title"),
        EntryField("start_date", "Start date", "date"),
        EntryField("end_date", "End date (blank if current)", "date"),
        EntryField("description", "Duties"),
    )
    return EntryListEditor(
        "work_experience", "job", fields, lambda: WorkExperience("", ""), _work_summary
    )


def credential_editor() -> EntryListEditor[Credential]:
    fields = (
        EntryField("kind", "Kind", "choice", _choices(CredentialKind)),
        EntryField("name", "Name"),
        EntryField("issuer", "Issued by"),
        EntryField("state", "Issuing state (licenses)"),
        EntryField("obtained_on", "Obtained on", "date"),
        EntryField("expires_on", "Expires on", "date"),
    )
    return EntryListEditor(
        "credentials", "certificate or license", fields,
        lambda: Credential(CredentialKind.CERTIFICATE, ""), _credential_summary,
    )  # fmt: skip


def skill_editor() -> EntryListEditor[Skill]:
    fields = (
        EntryField("name", "Skill"),
        EntryField("level", "Level", "choice", _choices(SkillLevel)),
    )
    return EntryListEditor("skills", "skill", fields, lambda: Skill(""), _skill_summary)


class BackgroundTabs(QTabWidget):
    """Education, work experience, certificates and licenses, and skills: one tab each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Education and career background")
        self.tabBar().setAccessibleName("Background sections")
        self.setUsesScrollButtons(True)  # narrow panes: the tabs scroll instead of widening it
        self.education = education_editor()
        self.work = work_editor()
        self.credentials = credential_editor()
        self.skills = skill_editor()
        self.editors: dict[str, EntryListEditor[Any]] = {
            "education": self.education, "work_experience": self.work,
            "credentials": self.credentials, "skills": self.skills,
        }  # fmt: skip
        titles = ("Educatio&n", "&Work experience", "Certificates and licen&ses", "S&kills")
        for editor, title in zip(self.editors.values(), titles, strict=True):
            self.addTab(editor, title)

    def load(self, spouse: Spouse | Any) -> None:
        """Fill the lists from anything with the four list attributes (a Spouse or wizard state)."""
        for path, editor in self.editors.items():
            editor.load(getattr(spouse, path))

    def values(self) -> tuple[dict[str, list[Any]], list[FieldError]]:
        lists: dict[str, list[Any]] = {}
        problems: list[FieldError] = []
        for path, editor in self.editors.items():
            lists[path], found = editor.entries()
            problems.extend(found)
        return lists, problems

    def show_problem_entry(self, errors: Sequence[FieldError]) -> None:
        """Bring the first entry with a problem into view: its tab and its row in the list."""
        for error in errors:
            head, _, rest = error.field.partition("[")
            if head in self.editors and rest[:1].isdigit():
                self.setCurrentWidget(self.editors[head])
                self.editors[head].select(int(rest.partition("]")[0]))
                return
