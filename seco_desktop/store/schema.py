"""Tables of the local store (SQLAlchemy Core).

Inside the SQLCipher file data is plain, so search is plain SQL. A spouse row carries the whole
record as JSON (``profile``) plus the columns search and lists need, kept in step by the
repository. ``seq`` is an INTEGER PRIMARY KEY so the FTS5 index can point at a rowid that VACUUM
never renumbers; ``id`` is the UUID shared with every workstation and the central store.

The migrations in ``migrations/versions`` create exactly these tables; ``tests/store`` checks
that they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

spouse = Table(
    "spouse",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("dod_id", String(10), nullable=False),
    Column("first_name", Text, nullable=False),
    Column("middle_name", Text, nullable=False, server_default=""),
    Column("last_name", Text, nullable=False),
    Column("suffix", Text, nullable=False, server_default=""),
    Column("first_key", Text, nullable=False),
    Column("last_key", Text, nullable=False),
    Column("first_phon", Text, nullable=False),
    Column("last_phon", Text, nullable=False),
    Column("full_key", Text, nullable=False),  # "first middle last": FTS5 trigram source
    Column("date_of_birth", Date, nullable=False),
    Column("email", Text, nullable=False, server_default=""),
    Column("phone", Text, nullable=False, server_default=""),
    Column("branch", String(16), nullable=False),
    Column("component", String(16), nullable=False),
    Column("sponsor_status", String(24), nullable=False),
    Column("sponsor_dod_id", String(10), nullable=False),
    Column("assigned_coach", String(36)),
    Column("registered_by", String(36)),  # the consent's recorder (user id); None: online
    Column("profile", Text, nullable=False),  # the whole Spouse, domain.codec JSON
    Column("row_version", Integer, nullable=False, server_default="1"),
    Column("usn", Integer),  # central update sequence number, once synced
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("last_activity_at", DateTime, nullable=False),
    Column("deleted", Boolean, nullable=False, server_default="0"),
)
Index("ix_spouse_dod_id", spouse.c.dod_id)
Index("ix_spouse_last_first", spouse.c.last_key, spouse.c.first_key)
Index("ix_spouse_first_last", spouse.c.first_key, spouse.c.last_key)
Index("ix_spouse_last_phon", spouse.c.last_phon)
Index("ix_spouse_dob", spouse.c.date_of_birth)
Index("ix_spouse_email", spouse.c.email)
Index("ix_spouse_phone", spouse.c.phone)
Index("ix_spouse_sponsor_dod_id", spouse.c.sponsor_dod_id)
Index("ix_spouse_coach", spouse.c.assigned_coach)
# Program reports count by registration date and filter by these columns (migration 0005).
Index(
    "ix_spouse_report",
    spouse.c.created_at,
    spouse.c.deleted,
    spouse.c.branch,
    spouse.c.component,
    spouse.c.assigned_coach,
    spouse.c.id,
    spouse.c.registered_by,
)

# Distinct name words with their phonetic codes: the typo-tolerant search compares the
# query against these few thousand terms instead of a million rows. Filled by triggers.
name_term = Table(
    "name_term",
    metadata,
    Column("kind", String(5), primary_key=True),  # "first" | "last"
    Column("term", Text, primary_key=True),
    Column("phon", Text, nullable=False),
)
Index("ix_name_term_phon", name_term.c.kind, name_term.c.phon)

app_user = Table(
    "app_user",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(32), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("last_sign_in_at", DateTime),
    Column("supervisor_id", String(36)),  # an agent's or coach's team (migration 0009)
    Column("renamed_from", String(32)),  # the name before a sync renamed it (migration 0012)
)

note = Table(
    "note",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("spouse_id", String(36), ForeignKey("spouse.id"), nullable=False),
    Column("author", String(36), nullable=False),
    Column("contact_type", String(16), nullable=False),
    Column("topic", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_note_spouse", note.c.spouse_id, note.c.created_at)
Index("ix_note_created", note.c.created_at, note.c.author, note.c.spouse_id)

follow_up = Table(
    "follow_up",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("spouse_id", String(36), ForeignKey("spouse.id"), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("assignee", String(36), nullable=False),
    Column("description", Text, nullable=False),
    Column("created_by", String(36), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("done", Boolean, nullable=False, server_default="0"),
    Column("done_at", DateTime),
)
Index("ix_follow_up_spouse", follow_up.c.spouse_id)
Index("ix_follow_up_assignee_due", follow_up.c.assignee, follow_up.c.done, follow_up.c.due_date)
Index("ix_follow_up_done", follow_up.c.done_at, follow_up.c.assignee, follow_up.c.spouse_id)

# Rule-set versions an administrator added after release (built-in ones ship as package data).
ruleset = Table(
    "ruleset",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("program", String(8), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("body", Text, nullable=False),  # the rule-set JSON
    Column("added_by", String(36), nullable=False),
    Column("added_at", DateTime, nullable=False),
    # Its synced record's id (``store.rulesets.record_id_of(version)``; migration 0013).
    Column("record_id", String(36), nullable=True),
    # None: in force. "date": set aside, another rule set of the program taking effect the
    # same day reached the central store first (``services.ruleset_sync``).
    Column("set_aside", String(8), nullable=True),
)
Index("ux_ruleset_record", ruleset.c.record_id, unique=True)

eligibility_decision = Table(
    "eligibility_decision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("spouse_id", String(36), ForeignKey("spouse.id"), nullable=False),
    Column("program", String(8), nullable=False),
    Column("eligible", Boolean, nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list of plain-words reasons
    Column("ruleset_version", String(64), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("decided_at", DateTime, nullable=False),
    # The decisions made together (one registration or edit) share an event id: one synced
    # record per event (``store.decisions``; migration 0013).
    Column("event_id", String(36), nullable=True),
)
Index("ix_decision_event", eligibility_decision.c.event_id)
Index("ix_decision_spouse", eligibility_decision.c.spouse_id, eligibility_decision.c.program)
# The latest decision per spouse and program, read from the index alone (program reports).
# Latest by when it was made, not by row id: history arriving by sync may be older (0013).
Index(
    "ix_decision_latest",
    eligibility_decision.c.spouse_id,
    eligibility_decision.c.program,
    eligibility_decision.c.decided_at,
    eligibility_decision.c.id,
    eligibility_decision.c.eligible,
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# A registration interrupted by a dropped call: the wizard's state as codec JSON. Encrypted with
# the rest of the file; ``label`` is for the drafts list and never holds the caller's data.
registration_draft = Table(
    "registration_draft",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("agent_id", String(36), nullable=False),  # the user who started it
    Column("label", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
Index("ix_registration_draft_agent", registration_draft.c.agent_id, registration_draft.c.updated_at)

# The audit trail: an HMAC hash chain (``security/audit_chain.py``). Append-only; no column
# holds personal data (record ids, field names and counts only). It survives retention purges.
audit_entry = Table(
    "audit_entry",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime, nullable=False),
    Column("actor_id", String(36), nullable=False),
    Column("actor", String(32), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(32), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_mac", LargeBinary, nullable=False),
    Column("mac", LargeBinary, nullable=False),
)
Index("ix_audit_record", audit_entry.c.record_id, audit_entry.c.seq)
Index("ix_audit_actor", audit_entry.c.actor_id, audit_entry.c.seq)
Index("ix_audit_at", audit_entry.c.at)

# Privacy Act accounting of disclosures. No foreign key to ``spouse`` on purpose: the
# accounting outlives the record (5 years or the life of the record, whichever is longer), so
# it keeps who the record was about.
disclosure = Table(
    "disclosure",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("spouse_id", String(36), nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("subject_dod_id", String(10), nullable=False),
    Column("disclosed_at", DateTime, nullable=False),
    Column("recipient_name", Text, nullable=False),
    Column("recipient_address", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("nature", Text, nullable=False),
    Column("recorded_by", String(36), nullable=False),
    Column("record_purged_at", DateTime),
)
Index("ix_disclosure_spouse", disclosure.c.spouse_id, disclosure.c.disclosed_at)

# Sign-in state of a staff account beyond ``app_user``: lock, password age.
account_state = Table(
    "account_state",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("locked_at", DateTime),
    Column("lock_reason", Text, nullable=False, server_default=""),
    Column("password_changed_at", DateTime),
    Column("disabled_reason", Text, nullable=False, server_default=""),
    # Synced decisions (migration 0007, ``domain.account_control``): the newest unlock and the
    # newest administrator's disable and enable known anywhere.
    Column("unlocked_at", DateTime),
    Column("disabled_at", DateTime),
    Column("enabled_at", DateTime),
)

# Records deleted by a retention purge here or elsewhere (migration 0008): ids, the purge's
# cutoff and time only. A pending outbox entry for one sends a tombstone (``sync_tables``).
purged_record = Table(
    "purged_record",
    metadata,
    Column("tbl", String(16), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("spouse_id", String(36), nullable=False),
    Column("cutoff", DateTime, nullable=False),
    Column("purged_at", DateTime, nullable=False),
)
Index("ix_purged_record_spouse", purged_record.c.spouse_id)

# Earlier passwords as Argon2id digests (salted), to refuse reuse of the last five.
password_history = Table(
    "password_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", String(36), nullable=False),
    Column("salt", LargeBinary, nullable=False),
    Column("digest", LargeBinary, nullable=False),
    Column("memory_kib", Integer, nullable=False),
    Column("iterations", Integer, nullable=False),
    Column("lanes", Integer, nullable=False),
    Column("set_at", DateTime, nullable=False),
)
Index("ix_password_history_user", password_history.c.user_id, password_history.c.set_at)

# Signed-in sessions: a token is alive until sign-out, lock or the account's disabling.
staff_session = Table(
    "staff_session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
    Column("end_reason", String(16), nullable=False, server_default=""),
)
Index("ix_staff_session_user", staff_session.c.user_id, staff_session.c.ended_at)

# Retention: holds pause deletion; a purge run keeps its plan so an interrupted purge resumes.
retention_hold = Table(
    "retention_hold",
    metadata,
    Column("spouse_id", String(36), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("placed_by", String(36), nullable=False),
    Column("placed_at", DateTime, nullable=False),
)

purge_run = Table(
    "purge_run",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("started_by", String(36), nullable=False),
    Column("cutoff", DateTime, nullable=False),
    Column("planned", Integer, nullable=False),
    Column("finished_at", DateTime),
)

purge_item = Table(
    "purge_item",
    metadata,
    Column("run_id", String(36), primary_key=True),
    Column("spouse_id", String(36), primary_key=True),
    Column("last_activity_at", DateTime, nullable=False),
    Column("done", Boolean, nullable=False, server_default="0"),
    Column("result", String(8), nullable=False, server_default=""),  # "purged" | "skipped"
)

# --- Sync with the central store (migration 0003) -------------------------------------------

# Every local change of a synced record, written in the same transaction as the change itself,
# with the central version it was based on. Entries go once the central store acknowledged them.
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("tbl", String(16), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("action", String(8), nullable=False),  # create | update | delete
    Column("base_version", Integer, nullable=False),  # central row_version edited (0: new)
    Column("user_id", String(36), nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_outbox_record", outbox.c.tbl, outbox.c.record_id)

# The central version and usn this workstation last applied, per synced record.
sync_record = Table(
    "sync_record",
    metadata,
    Column("tbl", String(16), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("usn", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# The central copy a pending local edit started from: the base of the three-way merge. Kept
# only while a record has local changes not yet acknowledged.
sync_base = Table(
    "sync_base",
    metadata,
    Column("tbl", String(16), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("doc", Text, nullable=False),  # {"deleted": bool, "body": {...}}
    sqlite_with_rowid=False,
)

# A push prepared and maybe sent: the exact sealed payload and operation id, so a retry after
# a crash or a lost answer resends the same operation and the central store applies it once.
sync_push = Table(
    "sync_push",
    metadata,
    Column("op_id", String(36), primary_key=True),
    Column("tbl", String(16), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("max_seq", Integer, nullable=False),  # outbox entries up to here are in it
    Column("key_version", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("bi_dod", Integer),
    Column("bi_last", Integer),
)
Index("ux_sync_push_record", sync_push.c.tbl, sync_push.c.record_id, unique=True)

# Conflicts for a person to review: a field changed on two workstations (the losing value,
# who entered it and when), an edit that met a delete, or a spouse registered twice offline.
sync_conflict = Table(
    "sync_conflict",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(10), nullable=False),  # field | delete | duplicate
    Column("tbl", String(16), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("field", Text, nullable=False),  # dotted path ("name.last"); "" for a whole record
    Column("kept_value", Text, nullable=False),  # JSON
    Column("lost_value", Text, nullable=False),  # JSON
    Column("kept_by", String(36), nullable=False),
    Column("kept_at", DateTime),
    Column("lost_by", String(36), nullable=False),
    Column("lost_at", DateTime),
    Column("other_id", String(36)),  # duplicate: the other record
    Column("detected_at", DateTime, nullable=False),
    Column("resolved_at", DateTime),
    Column("resolution", String(10)),  # kept | restored | merged | dismissed
    # Synced (migration 0011): where it was found, who resolved it, every resolution given.
    Column("detected_ws", String(36), nullable=False, server_default=""),
    Column("resolved_by", String(36)),
    Column("resolutions", Text, nullable=False, server_default="[]"),
)
Index("ix_sync_conflict_open", sync_conflict.c.resolved_at, sync_conflict.c.detected_at)

#: SQL run after the tables exist: the trigram index and the triggers that keep it and
#: ``name_term`` in step with ``spouse``. Shared by the first migration and the tests.
SEARCH_DDL = (
    "CREATE VIRTUAL TABLE spouse_fts USING fts5("
    "full_key, content='spouse', content_rowid='seq', tokenize='trigram')",
    "CREATE TRIGGER spouse_ai AFTER INSERT ON spouse BEGIN "
    "INSERT INTO spouse_fts(rowid, full_key) VALUES (new.seq, new.full_key); "
    "INSERT OR IGNORE INTO name_term(kind, term, phon) "
    "VALUES ('last', new.last_key, new.last_phon); "
    "INSERT OR IGNORE INTO name_term(kind, term, phon) "
    "VALUES ('first', new.first_key, new.first_phon); "
    "END",
    "CREATE TRIGGER spouse_ad AFTER DELETE ON spouse BEGIN "
    "INSERT INTO spouse_fts(spouse_fts, rowid, full_key) VALUES ('delete', old.seq, old.full_key); "
    "END",
    "CREATE TRIGGER spouse_au AFTER UPDATE OF full_key, first_key, last_key ON spouse BEGIN "
    "INSERT INTO spouse_fts(spouse_fts, rowid, full_key) VALUES ('delete', old.seq, old.full_key); "
    "INSERT INTO spouse_fts(rowid, full_key) VALUES (new.seq, new.full_key); "
    "INSERT OR IGNORE INTO name_term(kind, term, phon) "
    "VALUES ('last', new.last_key, new.last_phon); "
    "INSERT OR IGNORE INTO name_term(kind, term, phon) "
    "VALUES ('first', new.first_key, new.first_phon); "
    "END",
)

# A caller found not eligible for SECO: no spouse record is made, only this line for the
# program's figures and the agent's note. It holds no name, DoD ID or date of birth.
ineligible_call = Table(
    "ineligible_call",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("agent_id", String(36), nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list of plain-words reasons
    Column("ruleset_version", String(64), nullable=False),
    Column("note", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_ineligible_call_created", ineligible_call.c.created_at)
