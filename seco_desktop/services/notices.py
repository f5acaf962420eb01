"""The texts an agent reads aloud before registering a caller, with their version ids.

They live in ``resources/texts`` (one file each, first line ``Version: <id>``, then the title,
then the text), so a new edition of a notice is a text change with a new version id; the
version read is what the spouse's consent records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seco_desktop.resources_path import resources_dir

RESOURCES = resources_dir()
PRIVACY_ACT_STATEMENT = "privacy_act_statement"
AGENCY_DISCLOSURE_NOTICE = "agency_disclosure_notice"
_VERSION = "Version:"


class NoticeMissing(FileNotFoundError):
    """A notice text is missing or malformed: the installation is incomplete."""


@dataclass(frozen=True, slots=True)
class Notice:
    version: str
    title: str
    text: str


def load_notice(name: str, resources: Path = RESOURCES) -> Notice:
    """The notice ``resources/texts/<name>.txt``; :class:`NoticeMissing` if absent or malformed."""
    path = resources / "texts" / f"{name}.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NoticeMissing(
            f"The notice text {path} could not be read; reinstall the application"
        ) from exc
    first, _, rest = raw.partition("\n")
    title, _, text = rest.strip().partition("\n")
    version = first.removeprefix(_VERSION).strip()
    if not first.startswith(_VERSION) or not version or not title.strip() or not text.strip():
        raise NoticeMissing(
            f"The notice text {path} must start with 'Version: <id>', then a title and the text"
        )
    return Notice(version, title.strip(), text.strip())


def privacy_act_statement(resources: Path = RESOURCES) -> Notice:
    return load_notice(PRIVACY_ACT_STATEMENT, resources)


def agency_disclosure_notice(resources: Path = RESOURCES) -> Notice:
    return load_notice(AGENCY_DISCLOSURE_NOTICE, resources)
