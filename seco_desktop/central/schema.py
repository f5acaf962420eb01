"""Tables of the central store (SQLAlchemy Core); ``migrations/`` creates exactly these.

* ``record``: one AES-256-GCM payload per synced record (``tbl`` + ``id``), its ``row_version``
  (the version guard of pushes), the ``usn`` of its last change (pulls page by it), the data-key
  version, two truncated blind indexes for the duplicate check, and the operation that wrote it.
* ``usn_counter``: one row, locked ``FOR UPDATE`` by every push, so update sequence numbers are
  committed in order and a puller reading ``usn > last`` never skips a row.
* ``applied_op``: every operation id applied, so a retried push applies once.
* ``office_keys`` / ``key_grant``: the office's shared keys sealed under its master key, and that
  master key wrapped per user (Argon2id): how a new workstation enrols with a user's password.
* ``append_log``: the extension point for append-only entries (the audit chain's anchors).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

central_meta = Table(
    "central_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

usn_counter = Table(
    "usn_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)

record = Table(
    "record",
    metadata,
    Column("tbl", String(16), primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("row_version", Integer, nullable=False),
    Column("usn", BigInteger, nullable=False),
    Column("key_version", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("bi_dod", Integer),
    Column("bi_last", Integer),
    Column("last_op", String(36), nullable=False),
)
Index("ux_record_usn", record.c.usn, unique=True)
Index("ix_record_bi_dod", record.c.tbl, record.c.bi_dod)
Index("ix_record_bi_last", record.c.tbl, record.c.bi_last)

applied_op = Table(
    "applied_op",
    metadata,
    Column("op_id", String(36), primary_key=True),
    Column("tbl", String(16), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("row_version", Integer, nullable=False),
    Column("usn", BigInteger, nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

office_keys = Table(
    "office_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("office_id", String(36), nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

key_grant = Table(
    "key_grant",
    metadata,
    Column("principal", String(80), primary_key=True),
    Column("grant_json", Text, nullable=False),  # the key file's grant entry (wrapped master)
    Column("updated_at", DateTime, nullable=False),
)

# Append-only entries other features anchor centrally (the audit chain, issue 5): a kind, an
# opaque sealed body, and the usn under which it arrived. Never updated or deleted.
append_log = Table(
    "append_log",
    metadata,
    Column("seq", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("origin", String(36), nullable=False),  # workstation id
    Column("body", LargeBinary, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_append_log_kind_origin", append_log.c.kind, append_log.c.origin, append_log.c.seq)
