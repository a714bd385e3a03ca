"""Table definitions (SQLAlchemy Core). The Alembic migrations create exactly these tables.

What a concern row holds is the whole privacy story: category, coarse area, a coarse "when"
label, the day it arrived (a DATE, never a time), redacted text, review status and a random
reference. There is no column for who sent it, how, from where, or at what time.
Reviewer and audit rows record staff activity, so they do carry times.
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
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

concerns = Table(
    "concerns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(9), nullable=False, unique=True),
    Column("category", String(32), nullable=False),
    Column("area", String(64), nullable=True),
    Column("when_label", String(32), nullable=False),
    Column("created_on", Date, nullable=False),
    Column("what_text", Text, nullable=False),
    Column("extra_text", Text, nullable=True),
    Column("status", String(16), nullable=False, server_default="new"),
    # Set when the sender adds information with their reference; cleared when a reviewer opens it.
    Column("new_information", Boolean, nullable=False, server_default=false()),
    Index("ix_concerns_created_on", "created_on"),
    Index("ix_concerns_status", "status"),
    Index("ix_concerns_category", "category"),
)

concern_additions = Table(
    "concern_additions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "concern_id",
        Integer,
        ForeignKey("concerns.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_on", Date, nullable=False),
    Column("text", Text, nullable=False),
)

review_notes = Table(
    "review_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "concern_id",
        Integer,
        ForeignKey("concerns.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime, nullable=False),
    Column("author", String(64), nullable=False),
    Column("old_status", String(16), nullable=False),
    Column("new_status", String(16), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

reviewers = Table(
    "reviewers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime, nullable=False),
    Column("last_login_at", DateTime, nullable=True),
)

review_sessions = Table(
    "review_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    # SHA-256 of the cookie token: a copy of the database cannot be replayed as a login.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column(
        "reviewer_id",
        Integer,
        ForeignKey("reviewers.id", ondelete="CASCADE"),
        nullable=True,  # NULL: a pre-login session that only carries the login form's CSRF token
        index=True,
    ),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("username", String(64), nullable=True),
    Column("action", String(32), nullable=False),
    Column(
        "concern_id",
        Integer,
        ForeignKey("concerns.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    Column("detail", String(300), nullable=False, server_default=""),
)
