"""Every single flipped bit of a sealed record is refused: header, nonce, body and tag,
exhaustively (not sampled), for an empty, a short and a record-sized plaintext."""

from __future__ import annotations

import pytest

from seco_desktop.security.crypto import NONCE_BYTES, TAG_BYTES, open_record, seal_record
from seco_desktop.security.errors import PayloadRejected

KEY = bytes(range(1, 33))
WHERE = {"version": 3, "record_id": "5d0e7a1c-2f4b-4a8e-9c3d-1e2f3a4b5c6d", "table": "spouse",
         "kind": "profile"}  # fmt: skip
HEADER = 5  # format byte + 4-byte key version


def _regions(payload: bytes) -> dict[str, range]:
    body_end = len(payload) - TAG_BYTES
    return {
        "header": range(0, HEADER),
        "nonce": range(HEADER, HEADER + NONCE_BYTES),
        "body": range(HEADER + NONCE_BYTES, body_end),
        "tag": range(body_end, len(payload)),
    }


@pytest.mark.parametrize("size", [0, 17, 2048])
def test_each_bit_flip_in_nonce_tag_body_or_header_is_refused(size: int) -> None:
    plaintext = bytes((i * 7) % 251 for i in range(size))
    payload = seal_record(KEY, plaintext=plaintext, **WHERE)  # type: ignore[arg-type]
    assert open_record(KEY, payload=payload, **WHERE) == plaintext  # type: ignore[arg-type]

    accepted: list[tuple[str, int]] = []
    flipped = dict.fromkeys(_regions(payload), 0)
    for region, positions in _regions(payload).items():
        for byte in positions:
            for bit in range(8):
                tampered = bytearray(payload)
                tampered[byte] ^= 1 << bit
                flipped[region] += 1
                try:
                    open_record(KEY, payload=bytes(tampered), **WHERE)  # type: ignore[arg-type]
                except PayloadRejected:
                    continue
                accepted.append((region, byte * 8 + bit))

    assert accepted == []
    assert flipped == {
        "header": HEADER * 8,
        "nonce": NONCE_BYTES * 8,
        "body": size * 8,
        "tag": TAG_BYTES * 8,
    }
