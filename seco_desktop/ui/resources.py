"""Files the desktop ships beside the package: texts shown to people, with their version ids.

``resources/`` is found by :mod:`seco_desktop.resources_path` (source checkout, wheel or
frozen bundle alike).
The notice texts use the format of :mod:`seco_desktop.services.notices` (``Version: <id>``,
a title, then the text), and are read through it so there is one parser.
"""

from __future__ import annotations

from pathlib import Path

from seco_desktop.resources_path import resources_dir
from seco_desktop.services.notices import NoticeMissing, load_notice

RESOURCES = resources_dir()
DOD_BANNER = "dod_notice_and_consent_banner"

__all__ = ["DOD_BANNER", "RESOURCES", "NoticeMissing", "banner_text", "resource_path"]


def resource_path(*parts: str) -> Path:
    """``resources/<parts...>``; :class:`NoticeMissing` (a ``FileNotFoundError``) if absent."""
    path = RESOURCES.joinpath(*parts)
    if not path.exists():
        raise NoticeMissing(
            f"The application file {path} is missing; the installation is incomplete, "
            "reinstall SECO Desktop"
        )
    return path


def banner_text(resources: Path = RESOURCES) -> tuple[str, str]:
    """The DoD Notice and Consent Banner: ``(version id, text)``.

    Raises :class:`NoticeMissing` with a message naming the file if it is absent or malformed:
    the application must not offer sign-in without the banner it is configured to show.
    """
    notice = load_notice(DOD_BANNER, resources)
    return notice.version, notice.text
