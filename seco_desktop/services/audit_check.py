"""The whole audit check an administrator asks for: the chain and its head, then the chain
against the heads anchored in the central store, as one result with the lines to show (the
command line prints them, the desktop's audit view shows them)."""

from __future__ import annotations

from dataclasses import dataclass

from seco_desktop.central.errors import CentralError
from seco_desktop.services import audit_review
from seco_desktop.services.audit_anchor import AnchorReport
from seco_desktop.services.audit_review import ChainReport
from seco_desktop.services.session import Session

SHOWN = 100  # problems listed one by one; the rest are counted


@dataclass(frozen=True, slots=True)
class ChainCheck:
    chain: ChainReport
    anchors: AnchorReport | None  # None: no central store configured, or it was unreachable
    unreachable: str = ""  # why the central anchors could not be read

    @property
    def intact(self) -> bool:
        anchors_ok = self.anchors is None or self.anchors.intact
        return self.chain.intact and anchors_ok and not self.unreachable

    def lines(self) -> list[str]:
        return [*self._chain_lines(), *self._anchor_lines()]

    def _chain_lines(self) -> list[str]:
        c = self.chain
        if c.intact:
            return [f"The audit trail is intact: {c.entries:,} entries, chain and head verified."]
        head = (
            f"The audit trail is NOT intact: {len(c.problems)} problem(s) in {c.entries:,} entries:"
        )
        return [head, *_listed([f"#{p.seq}: {p.kind}: {p.message}" for p in c.problems])]

    def _anchor_lines(self) -> list[str]:
        if self.unreachable:
            return [f"The central anchors could NOT be checked: {self.unreachable}"]
        a = self.anchors
        if a is None:
            return ["The central anchors were not checked: no central store is configured."]
        if a.intact:
            newest = f" (newest #{a.newest})" if a.anchors else ""
            return [f"The chain matches its {a.anchors:,} central anchor(s){newest}."]
        found = [f"#{p.seq}: {p.kind}: {p.message}" if p.seq else f"{p.kind}: {p.message}"
                 for p in a.problems]  # fmt: skip
        head = f"The chain does NOT match its central anchors: {len(a.problems)} problem(s):"
        return [head, *_listed(found)]


def _listed(items: list[str]) -> list[str]:
    more = [f"  ... and {len(items) - SHOWN} more"] if len(items) > SHOWN else []
    return [f"  {item}" for item in items[:SHOWN]] + more


def check_chain(session: Session) -> ChainCheck:
    """Both checks (``Permission.VERIFY_AUDIT``, each audited by the service it uses)."""
    chain = audit_review.verify(session)
    try:
        anchors = audit_review.verify_against_anchors(session)
    except CentralError as exc:
        return ChainCheck(chain, None, " ".join(str(exc).split()))
    return ChainCheck(chain, anchors)
