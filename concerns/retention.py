"""Retention: delete concerns older than the retention period, with everything attached.

Run daily (``python -m concerns purge``; see docs/README-concerns.md for cron and systemd).
One transaction: either every expired concern and its additions, notes and audit entries go,
or nothing does. Staff audit entries and expired review sessions older than the period go too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from concerns.db import store_errors, today_local, utcnow
from concerns.schema import audit_log, concern_additions, concerns, review_notes, review_sessions


@dataclass(frozen=True)
class PurgeResult:
    cutoff: date  # concerns received before this day were deleted
    concerns: int
    additions: int
    notes: int
    audit_entries: int
    sessions: int


def purge(engine: Engine, days: int, *, today: date | None = None,
          now: datetime | None = None) -> PurgeResult:
    """Delete concerns received more than ``days`` days before ``today`` (kept: exactly ``days``)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    today = today or today_local()
    now = now or utcnow()
    cutoff = today - timedelta(days=days)
    old_ids = select(concerns.c.id).where(concerns.c.created_on < cutoff).scalar_subquery()
    with store_errors("purging old concerns"), engine.begin() as conn:
        audit_n = conn.execute(delete(audit_log).where(audit_log.c.concern_id.in_(old_ids))).rowcount
        # Staff activity ages out on the same clock (it can name references).
        audit_n += conn.execute(
            delete(audit_log).where(audit_log.c.at < datetime.combine(cutoff, time.min))
        ).rowcount
        notes_n = conn.execute(delete(review_notes).where(review_notes.c.concern_id.in_(old_ids))).rowcount
        adds_n = conn.execute(
            delete(concern_additions).where(concern_additions.c.concern_id.in_(old_ids))
        ).rowcount
        concerns_n = conn.execute(delete(concerns).where(concerns.c.created_on < cutoff)).rowcount
        sessions_n = conn.execute(delete(review_sessions).where(review_sessions.c.expires_at < now)).rowcount
    return PurgeResult(cutoff, concerns_n, adds_n, notes_n, audit_n, sessions_n)
