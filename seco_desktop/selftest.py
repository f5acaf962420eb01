"""``seco-desktop --self-test``: prove an installation works, on synthetic data, then exit.

In a temporary folder it makes a small demo store with the project's own generator, signs in,
searches, builds a spouse summary PDF and checks it, printing one line per step with its time.
Exit 0 when every step passed; otherwise one line naming the step and the error, exit 1.
Nothing here touches a real store, the user's settings or the network, and no line printed
holds record data (counts and timings only). Qt-free: the desktop adds its own Qt step.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

EXIT_OK, EXIT_FAILED = 0, 1
#: Synthetic demo store only; never a real password (README says the same of the demo).
SELF_TEST_PASSWORD = "Demo-Only-Passw0rd!"  # noqa: S105 - demo store password, documented
SELF_TEST_RECORDS = 200
SELF_TEST_SEED = 2026
SELF_TEST_TODAY = date(2026, 1, 15)


@dataclass(slots=True)
class SelfTestState:
    """What the steps hand each other."""

    folder: Path
    store: Path | None = None
    spouse_id: str | None = None
    pdf: bytes = b""


Step = tuple[str, Callable[[SelfTestState], str]]


class SelfTestFailed(RuntimeError):
    """A step found something wrong (the message says what)."""


def _resources(_state: SelfTestState) -> str:
    from seco_desktop.resources_path import resources_dir  # noqa: PLC0415

    folder = resources_dir()
    needed = [
        folder / "texts" / "dod_notice_and_consent_banner.txt",
        folder / "fonts" / "DejaVuSans.ttf",
        folder / "icons" / "seco-desktop.svg",
        folder / "icons" / "actions" / "sync.svg",
        folder / "themes" / "high_contrast.json",
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise SelfTestFailed(f"missing application files: {', '.join(missing)}")
    return str(folder)


def _migrations(_state: SelfTestState) -> str:
    from seco_desktop import central, store  # noqa: PLC0415

    found = []
    for package in (store, central):
        versions = Path(package.__file__ or "").parent / "migrations" / "versions"
        scripts = sorted(versions.glob("*.py")) if versions.is_dir() else []
        if not scripts:
            raise SelfTestFailed(f"no migration scripts in {versions}")
        found.append(len(scripts))
    return f"store {found[0]} and central {found[1]} migration scripts"


def _drivers(_state: SelfTestState) -> str:
    import sqlalchemy  # noqa: PLC0415
    from sqlalchemy.dialects import registry  # noqa: PLC0415

    for name in ("sqlite", "postgresql.psycopg"):
        registry.load(name)
    import psycopg  # noqa: PLC0415
    import sqlcipher3  # noqa: PLC0415

    version = sqlcipher3.connect(":memory:").execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0]:
        raise SelfTestFailed("sqlcipher3 loaded but reports no cipher_version")
    return (
        f"SQLAlchemy {sqlalchemy.__version__}, SQLCipher {version[0]}, "
        f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__})"
    )


def _keyring(_state: SelfTestState) -> str:
    """The keyring backends are bundled (no secret is read or written).

    The Secret Service backend must import; whether it is usable depends on a D-Bus session
    and a running keyring, which a self-test does not require.
    """
    from keyring.backend import get_all_keyring  # noqa: PLC0415
    from keyring.backends import SecretService  # noqa: PLC0415

    if not hasattr(SecretService, "Keyring"):
        raise SelfTestFailed("the Secret Service keyring backend is missing")
    viable = sorted({type(k).__module__.rsplit(".", 1)[-1] for k in get_all_keyring()})
    return "Secret Service backend bundled; usable here: " + ", ".join(viable)


def _demo_store(state: SelfTestState) -> str:
    from seco_desktop.services.demo import create_demo_store  # noqa: PLC0415

    state.store = state.folder / "self-test.seco"
    summary, _recovery = create_demo_store(
        state.store,
        records=SELF_TEST_RECORDS,
        password=SELF_TEST_PASSWORD,
        seed=SELF_TEST_SEED,
        today=SELF_TEST_TODAY,
    )
    return f"{summary.spouses} synthetic records"


def _search(state: SelfTestState) -> str:
    from seco_desktop.demo.generator import generate_spouses  # noqa: PLC0415
    from seco_desktop.services.search import search  # noqa: PLC0415
    from seco_desktop.services.session import sign_in  # noqa: PLC0415

    assert state.store is not None
    first = next(generate_spouses(1, seed=SELF_TEST_SEED, today=SELF_TEST_TODAY))
    session = sign_in(state.store, "supervisor1", SELF_TEST_PASSWORD)
    try:
        page = search(session, first.dod_id)
    finally:
        session.close()
    if not page.rows:
        raise SelfTestFailed("searching a DoD ID of the demo store found nothing")
    state.spouse_id = page.rows[0].id
    return f"signed in, DoD ID search found {len(page.rows)} row(s)"


def _summary_pdf(state: SelfTestState) -> str:
    from seco_desktop.services.reports.summary import build_summary  # noqa: PLC0415
    from seco_desktop.services.session import sign_in  # noqa: PLC0415

    assert state.store is not None
    assert state.spouse_id is not None
    session = sign_in(state.store, "supervisor1", SELF_TEST_PASSWORD)
    try:
        report = build_summary(session, state.spouse_id)
    finally:
        session.close()
    if not report.pdf.startswith(b"%PDF"):
        raise SelfTestFailed("the spouse summary is not a PDF")
    state.pdf = report.pdf
    return f"spouse summary, {report.pages} page(s), {len(report.pdf):,} bytes"


CORE_STEPS: tuple[Step, ...] = (
    ("resources", _resources),
    ("migrations", _migrations),
    ("database drivers", _drivers),
    ("keyring backends", _keyring),
    ("demo store", _demo_store),
    ("sign in and search", _search),
    ("summary PDF", _summary_pdf),
)


def run_self_test(
    extra_steps: Sequence[Step] = (),
    *,
    out: TextIO | None = None,
    folder: Path | None = None,
) -> int:
    """Run the core steps then ``extra_steps``; 0 if all passed, 1 at the first failure."""
    out = out or sys.stdout
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="seco-self-test-", dir=folder) as tmp:
        state = SelfTestState(folder=Path(tmp))
        for name, step in (*CORE_STEPS, *extra_steps):
            t0 = time.perf_counter()
            try:
                detail = step(state)
            except Exception as exc:  # one clear line, never a traceback
                print(
                    f"self-test FAILED at {name}: {type(exc).__name__}: {exc}",
                    file=out,
                    flush=True,
                )
                return EXIT_FAILED
            print(
                f"ok  {name:<20} {time.perf_counter() - t0:6.2f} s  {detail}", file=out, flush=True
            )
    print(f"self-test passed in {time.perf_counter() - started:.2f} s", file=out, flush=True)
    return EXIT_OK
