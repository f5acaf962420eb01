"""resources/ is found the same way from a source checkout and from a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from seco_desktop import resources_path
from seco_desktop.services import notices
from seco_desktop.services.reports import fonts, marking
from seco_desktop.ui import resources as ui_resources

CHECKOUT = Path(__file__).resolve().parents[2] / "resources"


def test_source_checkout_finds_the_resources_folder_beside_the_package() -> None:
    assert resources_path.resources_dir() == CHECKOUT
    assert (CHECKOUT / "icons" / "seco-desktop.svg").is_file()


def test_every_finder_uses_the_same_folder() -> None:
    assert notices.RESOURCES == ui_resources.RESOURCES == CHECKOUT
    assert fonts.RESOURCES == marking.RESOURCES == CHECKOUT


def test_a_frozen_bundle_looks_inside_the_bundle_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_path.is_frozen()
    assert resources_path.resources_dir() == tmp_path / "resources"


def test_a_wheel_install_looks_under_the_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = tmp_path / "share" / "seco-desktop" / "resources"
    installed.mkdir(parents=True)
    monkeypatch.setattr(resources_path, "_PACKAGE_ROOT", tmp_path / "site-packages" / "pkg")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert resources_path.resources_dir() == installed


def test_nothing_found_names_the_source_checkout_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources_path, "_PACKAGE_ROOT", tmp_path / "pkg")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert resources_path.resources_dir() == tmp_path / "resources"


def test_action_icons_and_themes_are_found_inside_a_frozen_bundle(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundle's copy is used (not the checkout's): a bundle missing them fails loudly."""
    import shutil  # noqa: PLC0415

    from seco_desktop.ui.icons import IconName, icon_path, make_icon  # noqa: PLC0415
    from seco_desktop.ui.theme_files import load_theme, themes_dir  # noqa: PLC0415

    bundle = tmp_path / "resources"
    shutil.copytree(CHECKOUT / "icons", bundle / "icons")
    shutil.copytree(CHECKOUT / "themes", bundle / "themes")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert themes_dir() == bundle / "themes"
    assert load_theme("high_contrast").path == bundle / "themes" / "high_contrast.json"
    assert icon_path(IconName.SYNC) == bundle / "icons" / "actions" / "sync.svg"
    assert not make_icon(IconName.SYNC).pixmap(24, 24).isNull()


def test_the_wheel_and_the_bundle_carry_the_icons_and_themes() -> None:
    root = CHECKOUT.parent
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"share/seco-desktop/resources/icons/actions" = ["resources/icons/actions/*"]' in (
        pyproject
    )
    assert '"share/seco-desktop/resources/themes" = ["resources/themes/*"]' in pyproject
    spec = (root / "installer" / "seco-desktop.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder
    selftest = (root / "seco_desktop" / "selftest.py").read_text(encoding="utf-8")
    assert '"actions" / "sync.svg"' in selftest
    assert '"themes" / "high_contrast.json"' in selftest
