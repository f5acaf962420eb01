"""The CUI / Privacy Act marking every report page carries, from ``resources/texts``.

``cui_marking.txt`` (same format as the notices: version, title, text) holds the banner as its
title, the designation indicator block ("Controlled by", "CUI Category", "POC") for the first
page and the Privacy Act line for each footer, so an office edits a text file, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seco_desktop.services.notices import RESOURCES, NoticeMissing, load_notice

CUI_MARKING = "cui_marking"
_PRIVACY = "Privacy Act:"
_BLOCK_KEYS = ("Controlled by:", "CUI Category:", "Limited Dissemination Control:", "POC:")


@dataclass(frozen=True, slots=True)
class Marking:
    version: str
    banner: str  # "CUI", top and bottom of every page
    designation: tuple[str, ...]  # the first page's designation indicator block, line by line
    privacy_act: str  # the Privacy Act statement in every footer


def load_marking(resources: Path = RESOURCES) -> Marking:
    notice = load_notice(CUI_MARKING, resources)
    lines = [line.strip() for line in notice.text.splitlines() if line.strip()]
    designation = tuple(line for line in lines if line.startswith(_BLOCK_KEYS))
    privacy = [line.removeprefix(_PRIVACY).strip() for line in lines if line.startswith(_PRIVACY)]
    if (
        not designation
        or not privacy
        or not any(d.startswith("CUI Category:") for d in designation)
    ):
        raise NoticeMissing(
            f"The marking text {resources / 'texts' / CUI_MARKING}.txt needs 'Controlled by:', "
            "'CUI Category:' and 'Privacy Act:' lines"
        )
    return Marking(notice.version, notice.title, designation, privacy[0])
