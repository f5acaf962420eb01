"""The first tables: spouses with their search index, users, notes, follow-ups, rule sets.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SEARCH_DDL = (
    "CREATE VIRTUAL TABLE spouse_fts USING fts5(full_key, content='spouse', content_rowid='seq', tokenize='trigram')",
    "CREATE TRIGGER spouse_ai AFTER INSERT ON spouse BEGIN INSERT INTO spouse_fts(rowid, full_key) VALUES (new.seq, new.full_key); INSERT OR IGNORE INTO name_term(kind, term, phon) VALUES ('last', new.last_key, new.last_phon); INSERT OR IGNORE INTO name_term(kind, term, phon) VALUES ('first', new.first_key, new.first_phon); END",
    "CREATE TRIGGER spouse_ad AFTER DELETE ON spouse BEGIN INSERT INTO spouse_fts(spouse_fts, rowid, full_key) VALUES ('delete', old.seq, old.full_key); END",
    "CREATE TRIGGER spouse_au AFTER UPDATE OF full_key, first_key, last_key ON spouse BEGIN INSERT INTO spouse_fts(spouse_fts, rowid, full_key) VALUES ('delete', old.seq, old.full_key); INSERT INTO spouse_fts(rowid, full_key) VALUES (new.seq, new.full_key); INSERT OR IGNORE INTO name_term(kind, term, phon) VALUES ('last', new.last_key, new.last_phon); INSERT OR IGNORE INTO name_term(kind, term, phon) VALUES ('first', new.first_key, new.first_phon); END",
)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "name_term",
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("phon", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term"),
    )
    op.create_index("ix_name_term_phon", "name_term", ["kind", "phon"], unique=False)
    op.create_table(
        "ruleset",
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("program", sa.String(length=8), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=36), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "spouse",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dod_id", sa.String(length=10), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("middle_name", sa.Text(), server_default="", nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), server_default="", nullable=False),
        sa.Column("first_key", sa.Text(), nullable=False),
        sa.Column("last_key", sa.Text(), nullable=False),
        sa.Column("first_phon", sa.Text(), nullable=False),
        sa.Column("last_phon", sa.Text(), nullable=False),
        sa.Column("full_key", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=False),
        sa.Column("component", sa.String(length=16), nullable=False),
        sa.Column("sponsor_status", sa.String(length=24), nullable=False),
        sa.Column("sponsor_dod_id", sa.String(length=10), nullable=False),
        sa.Column("assigned_coach", sa.String(length=36), nullable=True),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("usn", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_spouse_coach", "spouse", ["assigned_coach"], unique=False)
    op.create_index("ix_spouse_dob", "spouse", ["date_of_birth"], unique=False)
    op.create_index("ix_spouse_dod_id", "spouse", ["dod_id"], unique=False)
    op.create_index("ix_spouse_email", "spouse", ["email"], unique=False)
    op.create_index("ix_spouse_first_last", "spouse", ["first_key", "last_key"], unique=False)
    op.create_index("ix_spouse_last_first", "spouse", ["last_key", "first_key"], unique=False)
    op.create_index("ix_spouse_last_phon", "spouse", ["last_phon"], unique=False)
    op.create_index("ix_spouse_phone", "spouse", ["phone"], unique=False)
    op.create_index("ix_spouse_sponsor_dod_id", "spouse", ["sponsor_dod_id"], unique=False)
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "eligibility_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("program", sa.String(length=8), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("ruleset_version", sa.String(length=64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["spouse_id"],
            ["spouse.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_decision_spouse", "eligibility_decision", ["spouse_id", "program"], unique=False
    )
    op.create_table(
        "follow_up",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("assignee", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["spouse_id"],
            ["spouse.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_follow_up_assignee_due", "follow_up", ["assignee", "done", "due_date"], unique=False
    )
    op.create_index("ix_follow_up_spouse", "follow_up", ["spouse_id"], unique=False)
    op.create_table(
        "note",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("spouse_id", sa.String(length=36), nullable=False),
        sa.Column("author", sa.String(length=36), nullable=False),
        sa.Column("contact_type", sa.String(length=16), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["spouse_id"],
            ["spouse.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_note_spouse", "note", ["spouse_id", "created_at"], unique=False)
    for statement in SEARCH_DDL:
        op.execute(statement)


def downgrade() -> None:
    raise RuntimeError("The first migration cannot be undone; restore a backup instead")
