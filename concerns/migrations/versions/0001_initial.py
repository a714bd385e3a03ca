"""Initial concern store: concerns, additions, review notes, reviewers, sessions, audit log.

Revision ID: 0001_initial
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concerns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(9), nullable=False, unique=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("area", sa.String(64), nullable=True),
        sa.Column("when_label", sa.String(32), nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("what_text", sa.Text, nullable=False),
        sa.Column("extra_text", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="new"),
        sa.Column("new_information", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_concerns_created_on", "concerns", ["created_on"])
    op.create_index("ix_concerns_status", "concerns", ["status"])
    op.create_index("ix_concerns_category", "concerns", ["category"])

    op.create_table(
        "concern_additions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "concern_id", sa.Integer, sa.ForeignKey("concerns.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_concern_additions_concern_id", "concern_additions", ["concern_id"])

    op.create_table(
        "review_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "concern_id", sa.Integer, sa.ForeignKey("concerns.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("old_status", sa.String(16), nullable=False),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_review_notes_concern_id", "review_notes", ["concern_id"])

    op.create_table(
        "reviewers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_login_at", sa.DateTime, nullable=True),
    )

    op.create_table(
        "review_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "reviewer_id", sa.Integer, sa.ForeignKey("reviewers.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_review_sessions_reviewer_id", "review_sessions", ["reviewer_id"])
    op.create_index("ix_review_sessions_expires_at", "review_sessions", ["expires_at"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column(
            "concern_id", sa.Integer, sa.ForeignKey("concerns.id", ondelete="CASCADE"), nullable=True
        ),
        sa.Column("detail", sa.String(300), nullable=False, server_default=""),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_concern_id", "audit_log", ["concern_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("review_sessions")
    op.drop_table("reviewers")
    op.drop_table("review_notes")
    op.drop_table("concern_additions")
    op.drop_table("concerns")
