"""The audit chain's tamper suite: a 10,000-entry chain, and every single modification,
deletion, insertion and reordering is found, at the entry where it happened.

The verifier is local (each entry is checked against itself, its predecessor and, for the
last one, the head), so each case is verified over a window around the change, starting
from the real chain's MAC just before it; a random sample of cases is also verified over
the whole chain from the start, and must report exactly the same problems.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from seco_desktop.security.audit_chain import (
    GENESIS,
    AuditDraft,
    AuditEntry,
    ChainPoint,
    ChainProblem,
    derive_audit_key,
    seal_entry,
    verify_chain,
)

N = 10_000
Tamper = Callable[[list[AuditEntry], int], list[AuditEntry]]
KEY = derive_audit_key(bytes(range(32)))
ACTIONS = ("view", "search", "change", "create", "sign_in", "refused", "disclosure", "print")
FIELDS = ("seq", "at", "actor_id", "actor", "role", "action", "record_id", "outcome", "detail",
          "prev_mac", "mac")  # fmt: skip


def _chain(n: int, key: bytes = KEY) -> list[AuditEntry]:
    rng = random.Random(5)
    start = datetime(2026, 1, 5, 9, 0)
    out: list[AuditEntry] = []
    point = GENESIS
    for i in range(n):
        draft = AuditDraft(
            at=start + timedelta(seconds=7 * i),
            actor_id=f"user-{rng.randrange(12):02d}",
            actor=f"staff{rng.randrange(12)}",
            role=rng.choice(("agent", "coach", "supervisor", "administrator")),
            action=rng.choice(ACTIONS),
            record_id=f"rec-{rng.randrange(5000):05d}",
            outcome=rng.choice(("ok", "ok", "ok", "denied", "failed")),
            detail='{"fields":["email","phone"]}' if i % 3 == 0 else "{}",
        )
        entry = seal_entry(key, point, draft)
        out.append(entry)
        point = entry.point
    return out


@pytest.fixture(scope="module")
def chain() -> list[AuditEntry]:
    return _chain(N)


@pytest.fixture(scope="module")
def head(chain: list[AuditEntry]) -> ChainPoint:
    return chain[-1].point


def _window(
    chain: list[AuditEntry], at: int, tamper: Tamper, head: ChainPoint
) -> list[ChainProblem]:
    """Tamper with the entries around index ``at`` and verify them, anchored at the real
    chain's entry just before (untouched) and, at the end, against the head."""
    lo, hi = max(0, at - 2), min(len(chain), at + 4)
    piece = tamper(chain[lo:hi], at - lo)
    anchor = GENESIS if lo == 0 else chain[lo - 1].point
    return verify_chain(piece, KEY, anchor=anchor, head=head if hi == len(chain) else None)


def _flip(value: object) -> object:
    if isinstance(value, bytes):
        return bytes([value[0] ^ 1]) + value[1:]
    if isinstance(value, int):
        return value + 1
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1)
    assert isinstance(value, str)
    return value + "x" if not value else value[:-1] + chr(ord(value[-1]) ^ 1)


def _modified(chain: list[AuditEntry], i: int) -> list[AuditEntry]:
    name = FIELDS[chain[i].seq % len(FIELDS)]
    entry = dataclasses.replace(chain[i], **{name: _flip(getattr(chain[i], name))})
    return [*chain[:i], entry, *chain[i + 1 :]]


def _deleted(chain: list[AuditEntry], i: int) -> list[AuditEntry]:
    return [*chain[:i], *chain[i + 1 :]]


def _inserted(chain: list[AuditEntry], i: int) -> list[AuditEntry]:
    """At position ``i``: alternately a replayed copy of another entry, an entry sealed with
    another key (a forger without the store's keys), and one that claims the next number."""
    rng = random.Random(i)
    kind = i % 3
    if kind == 0:
        extra = chain[rng.randrange(len(chain))]
    else:
        prev = GENESIS if i == 0 else chain[i - 1].point
        forged_prev = prev if kind == 1 else ChainPoint(prev.seq, bytes(32))
        draft = AuditDraft(datetime(2026, 2, 1), "user-00", "staff0", "agent", "view",
                           "rec-00001", "ok", "{}")  # fmt: skip
        extra = seal_entry(derive_audit_key(bytes(32)) if kind == 1 else KEY, forged_prev, draft)
        if kind == 2:  # right key is out of reach: a random MAC on a well-formed entry
            extra = dataclasses.replace(extra, mac=rng.randbytes(32), prev_mac=prev.mac)
    return [*chain[:i], extra, *chain[i:]]


def _swapped(chain: list[AuditEntry], i: int) -> list[AuditEntry]:
    return [*chain[:i], chain[i + 1], chain[i], *chain[i + 2 :]]


CASES: dict[str, tuple[Tamper, int]] = {
    "modification": (_modified, N),
    "deletion": (_deleted, N),
    "insertion": (_inserted, N + 1),
    "reordering": (_swapped, N - 1),
}


def test_the_untouched_chain_verifies_with_no_problem(
    chain: list[AuditEntry], head: ChainPoint
) -> None:
    assert verify_chain(chain, KEY, head=head) == []
    assert len(chain) == N


@pytest.mark.parametrize("kind", list(CASES))
def test_every_single_tampering_is_found_where_it_happened(
    chain: list[AuditEntry], head: ChainPoint, kind: str
) -> None:
    tamper, cases = CASES[kind]
    missed: list[int] = []
    misplaced: list[int] = []
    for i in range(cases):
        problems = _window(chain, i, tamper, head)
        if not problems:
            missed.append(i)
            continue
        # "Says which": a problem is reported at the tampered entry or its neighbour.
        seq_here = i + 1
        if not any(abs(p.seq - seq_here) <= 1 for p in problems):
            misplaced.append(i)
    assert (len(missed), len(misplaced)) == (0, 0), (kind, missed[:5], misplaced[:5])


@pytest.mark.parametrize("kind", list(CASES))
def test_a_sample_verified_over_the_whole_chain_reports_the_same_problems(
    chain: list[AuditEntry], head: ChainPoint, kind: str
) -> None:
    tamper, cases = CASES[kind]
    for i in [0, 1, cases - 1, *random.Random(kind).sample(range(cases), 10)]:
        whole = verify_chain(tamper(chain, i), KEY, head=head)
        assert whole, (kind, i)
        if kind != "insertion":  # a replayed copy is drawn from what the tamperer is given
            assert whole == _window(chain, i, tamper, head), (kind, i)


def test_a_chain_cut_short_is_reported_against_its_head(
    chain: list[AuditEntry], head: ChainPoint
) -> None:
    problems = verify_chain(chain[:-3], KEY, head=head)
    assert [(p.kind, p.seq) for p in problems] == [("truncated", N - 3)]
    assert "head is #10000" in problems[0].message


def test_a_chain_sealed_with_another_key_fails_from_its_first_entry() -> None:
    other = _chain(5, derive_audit_key(bytes(32)))
    problems = verify_chain(other, KEY)
    assert [p.seq for p in problems if p.kind == "modified"] == [1, 2, 3, 4, 5]


def test_messages_name_the_entry_and_what_happened(chain: list[AuditEntry]) -> None:
    problems = verify_chain(_deleted(chain[:10], 4), KEY)
    assert [p.message for p in problems] == ["Entry #5 was deleted"]
    problems = verify_chain(_swapped(chain[:10], 4), KEY)
    assert {p.kind for p in problems} >= {"out of order"}


def test_entries_swapped_far_apart_are_reported_at_both_places(
    chain: list[AuditEntry], head: ChainPoint
) -> None:
    rng = random.Random(11)
    for _ in range(15):
        i, j = sorted(rng.sample(range(N), 2))
        if j - i < 2:
            continue
        tampered = [*chain[:i], chain[j], *chain[i + 1 : j], chain[i], *chain[j + 1 :]]
        seqs = {p.seq for p in verify_chain(tampered, KEY, head=head)}
        assert {i + 1, j + 1} <= seqs | {s - 1 for s in seqs} | {s + 1 for s in seqs}, (i, j)
