"""Queries and changes behind the partnership review pages, with their audit entries.

Every read of concern text and every change writes an audit row in the same transaction, so a
view that could not be recorded is not shown.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from concerns.areas import AREAS
from concerns.db import store_errors, utcnow
from concerns.references import format_reference, normalise_reference
from concerns.schema import audit_log, concern_additions, concerns, review_notes
from concerns.vocab import CATEGORIES, STATUSES

NO_AREA = "none"
PAGE_SIZE = 50
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class ConcernFilter:
    category: str | None = None
    area: str | None = None  # one of AREAS, or NO_AREA for "not given"
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    reference: str | None = None  # canonical form

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> tuple[ConcernFilter, list[str]]:
        """Build a filter from query parameters, ignoring (and reporting) anything not allowed."""
        errors: list[str] = []

        def pick(name: str, allowed: tuple[str, ...] | set[str], label: str) -> str | None:
            value = (query.get(name) or "").strip()
            if not value:
                return None
            if value not in allowed:
                errors.append(f"Choose a {label} from the list.")
                return None
            return value

        def day(name: str, label: str) -> date | None:
            value = (query.get(name) or "").strip()
            if not value:
                return None
            try:
                return date.fromisoformat(value)
            except ValueError:
                errors.append(f"Enter the {label} as a date, for example 2025-03-31.")
                return None

        ref_raw = (query.get("reference") or "").strip()
        reference = normalise_reference(ref_raw) if ref_raw else None
        if ref_raw and reference is None:
            errors.append("A reference has 9 letters and numbers, for example K7Q-4MX-P2D.")
        flt = cls(
            category=pick("category", CATEGORIES, "category"),
            area=pick("area", {*AREAS, NO_AREA}, "area"),
            status=pick("status", STATUSES, "status"),
            date_from=day("from", "'from' date"),
            date_to=day("to", "'to' date"),
            reference=reference,
        )
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            errors.append("The 'from' date must be on or before the 'to' date.")
        return flt, errors

    def as_query(self) -> dict[str, str]:
        out = {
            "category": self.category or "",
            "area": self.area or "",
            "status": self.status or "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "reference": format_reference(self.reference) if self.reference else "",
        }
        return {k: v for k, v in out.items() if v}

    def describe(self) -> str:
        """Short audit description of the filter (no free text ever reaches it)."""
        parts = [f"{k}={v}" for k, v in self.as_query().items() if k != "reference"]
        if self.reference:
            parts.append("reference=(given)")
        return ", ".join(parts) or "no filter"

    def where(self) -> list[Any]:
        clauses: list[Any] = []
        if self.category:
            clauses.append(concerns.c.category == self.category)
        if self.area == NO_AREA:
            clauses.append(concerns.c.area.is_(None))
        elif self.area:
            clauses.append(concerns.c.area == self.area)
        if self.status:
            clauses.append(concerns.c.status == self.status)
        if self.date_from:
            clauses.append(concerns.c.created_on >= self.date_from)
        if self.date_to:
            clauses.append(concerns.c.created_on <= self.date_to)
        if self.reference:
            clauses.append(concerns.c.reference == self.reference)
        return clauses


@dataclass(frozen=True)
class ConcernSummary:
    id: int
    reference: str
    category: str
    area: str | None
    when_label: str
    created_on: date
    status: str
    new_information: bool
    addition_count: int


@dataclass(frozen=True)
class ConcernDetail:
    id: int
    reference: str
    category: str
    area: str | None
    when_label: str
    created_on: date
    status: str
    new_information: bool
    what_text: str
    extra_text: str | None
    additions: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


def record(conn: Connection, username: str | None, action: str, *, concern_id: int | None = None,
           detail: str = "") -> None:
    """Write one audit entry on ``conn`` (inside the caller's transaction)."""
    conn.execute(
        insert(audit_log).values(
            at=utcnow(), username=username, action=action, concern_id=concern_id, detail=detail[:300]
        )
    )


def audit(engine: Engine, username: str | None, action: str, *, concern_id: int | None = None,
          detail: str = "") -> None:
    with store_errors("writing the audit log"), engine.begin() as conn:
        record(conn, username, action, concern_id=concern_id, detail=detail)


def _additions_count() -> Any:  # a scalar subquery (SQLAlchemy 1.4 has no types)
    return (
        select(func.count(concern_additions.c.id))
        .where(concern_additions.c.concern_id == concerns.c.id)
        .scalar_subquery()
    )


def list_concerns(engine: Engine, flt: ConcernFilter, actor: str, *, page: int = 1,
                  page_size: int = PAGE_SIZE) -> tuple[list[ConcernSummary], int]:
    """One page of concerns matching ``flt``, newest first, and the total count."""
    page = max(1, page)
    with store_errors("listing concerns"), engine.begin() as conn:
        total = conn.execute(select(func.count()).select_from(concerns).where(*flt.where())).scalar_one()
        rows = conn.execute(
            select(
                concerns.c.id, concerns.c.reference, concerns.c.category, concerns.c.area,
                concerns.c.when_label, concerns.c.created_on, concerns.c.status,
                concerns.c.new_information, _additions_count().label("addition_count"),
            )
            .where(*flt.where())
            .order_by(concerns.c.created_on.desc(), concerns.c.id.desc())
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).all()
        record(conn, actor, "list_concerns", detail=f"{flt.describe()}; page {page}")
    return [ConcernSummary(**row._mapping) for row in rows], int(total)


def get_concern(engine: Engine, concern_id: int, actor: str) -> ConcernDetail | None:
    """The full concern with additions and notes; recorded as a view and clears "new information"."""
    with store_errors("opening a concern"), engine.begin() as conn:
        row = conn.execute(select(concerns).where(concerns.c.id == concern_id)).first()
        if row is None:
            return None
        additions = conn.execute(
            select(concern_additions.c.created_on, concern_additions.c.text)
            .where(concern_additions.c.concern_id == concern_id)
            .order_by(concern_additions.c.id)
        ).all()
        notes = conn.execute(
            select(review_notes.c.created_at, review_notes.c.author, review_notes.c.old_status,
                   review_notes.c.new_status, review_notes.c.note)
            .where(review_notes.c.concern_id == concern_id)
            .order_by(review_notes.c.id)
        ).all()
        if row.new_information:
            conn.execute(update(concerns).where(concerns.c.id == concern_id).values(new_information=False))
        record(conn, actor, "view_concern", concern_id=concern_id)
    data = dict(row._mapping)
    return ConcernDetail(
        **data,
        additions=[dict(a._mapping) for a in additions],
        notes=[dict(n._mapping) for n in notes],
    )


def change_status(engine: Engine, concern_id: int, new_status: str, note: str, actor: str) -> bool:
    """Set a concern's status with a note; False if there is no such concern."""
    if new_status not in STATUSES:
        raise ValueError(f"unknown status {new_status!r}")
    note = (note or "").strip()[:MAX_NOTE_CHARS]
    with store_errors("changing a status"), engine.begin() as conn:
        row = conn.execute(select(concerns.c.status).where(concerns.c.id == concern_id)).first()
        if row is None:
            return False
        conn.execute(update(concerns).where(concerns.c.id == concern_id).values(status=new_status))
        conn.execute(
            insert(review_notes).values(
                concern_id=concern_id, created_at=utcnow(), author=actor,
                old_status=row.status, new_status=new_status, note=note,
            )
        )
        record(conn, actor, "change_status", concern_id=concern_id,
               detail=f"{row.status} -> {new_status}" + ("; note added" if note else ""))
    return True


def delete_concern(engine: Engine, concern_id: int, actor: str) -> bool:
    """Erase a concern and everything attached to it (an erasure request); admins only."""
    with store_errors("deleting a concern"), engine.begin() as conn:
        row = conn.execute(select(concerns.c.reference).where(concerns.c.id == concern_id)).first()
        if row is None:
            return False
        for table in (audit_log, review_notes, concern_additions):
            conn.execute(delete(table).where(table.c.concern_id == concern_id))
        conn.execute(delete(concerns).where(concerns.c.id == concern_id))
        # Kept after the erasure, without a link: who erased which reference, and when.
        record(conn, actor, "delete_concern", detail=f"erased {format_reference(row.reference)}")
    return True


def export_rows(engine: Engine, flt: ConcernFilter, actor: str) -> list[dict[str, Any]]:
    """Rows for the CSV export (additions joined into one cell), recorded as an export."""
    with store_errors("exporting concerns"), engine.begin() as conn:
        rows = conn.execute(
            select(concerns).where(*flt.where()).order_by(concerns.c.created_on, concerns.c.id)
        ).all()
        ids = [r.id for r in rows]
        additions: dict[int, list[str]] = defaultdict(list)
        if ids:
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start:chunk_start + 500]
                for a in conn.execute(
                    select(concern_additions.c.concern_id, concern_additions.c.created_on,
                           concern_additions.c.text)
                    .where(concern_additions.c.concern_id.in_(chunk))
                    .order_by(concern_additions.c.id)
                ):
                    additions[a.concern_id].append(f"{a.created_on.isoformat()}: {a.text}")
        record(conn, actor, "export_csv", detail=f"{flt.describe()}; {len(rows)} rows")
    return [
        {
            "reference": format_reference(r.reference),
            "received_on": r.created_on.isoformat(),
            "category": r.category,
            "area": r.area or "",
            "when": r.when_label,
            "status": r.status,
            "what_is_happening": r.what_text,
            "anything_else": r.extra_text or "",
            "additions": "\n".join(additions.get(r.id, [])),
        }
        for r in rows
    ]


@dataclass(frozen=True)
class Trends:
    months: list[str]  # "2025-03", oldest first
    by_month: dict[str, dict[str, int]]  # month -> category -> count
    by_category: dict[str, int]
    by_area: list[tuple[str, int]]  # area label -> count, largest first
    total: int


def _months_between(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def trends(engine: Engine, actor: str, *, date_from: date | None = None,
           date_to: date | None = None) -> Trends:
    """Counts by category per month and by area (aggregated in Python: portable across databases)."""
    clauses = ConcernFilter(date_from=date_from, date_to=date_to).where()
    with store_errors("counting concerns"), engine.begin() as conn:
        day_rows = conn.execute(
            select(concerns.c.created_on, concerns.c.category, func.count())
            .where(*clauses)
            .group_by(concerns.c.created_on, concerns.c.category)
        ).all()
        area_rows = conn.execute(
            select(concerns.c.area, func.count()).where(*clauses).group_by(concerns.c.area)
        ).all()
        record(conn, actor, "view_trends",
               detail=ConcernFilter(date_from=date_from, date_to=date_to).describe())
    by_month: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CATEGORIES, 0))
    by_category: Counter[str] = Counter()
    for created_on, category, count in day_rows:
        month = created_on.strftime("%Y-%m")
        by_month[month][category] = by_month[month].get(category, 0) + int(count)
        by_category[category] += int(count)
    by_area = sorted(
        ((area or "Not given", int(count)) for area, count in area_rows),
        key=lambda item: (-item[1], item[0]),
    )
    first = date_from or (min(r[0] for r in day_rows) if day_rows else None)
    last = date_to or (max(r[0] for r in day_rows) if day_rows else None)
    if first and last and first <= last:
        # Months with no concerns are shown as zero rather than left out of the chart.
        for month in _months_between(first, last):
            by_month.setdefault(month, dict.fromkeys(CATEGORIES, 0))
    months = sorted(by_month)
    return Trends(
        months=months,
        by_month={m: dict(by_month[m]) for m in months},
        by_category={c: by_category.get(c, 0) for c in CATEGORIES},
        by_area=by_area,
        total=sum(by_category.values()),
    )


def list_audit(engine: Engine, actor: str, *, page: int = 1,
               page_size: int = 100) -> tuple[list[dict[str, Any]], int]:
    """Audit entries, newest first (admins); reading the log is itself recorded."""
    page = max(1, page)
    with store_errors("reading the audit log"), engine.begin() as conn:
        record(conn, actor, "view_audit", detail=f"page {page}")
        total = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
        rows = conn.execute(
            select(audit_log, concerns.c.reference)
            .select_from(audit_log.outerjoin(concerns, audit_log.c.concern_id == concerns.c.id))
            .order_by(audit_log.c.id.desc())
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).all()
    out = []
    for r in rows:
        entry = dict(r._mapping)
        entry["reference"] = format_reference(r.reference) if r.reference else ""
        out.append(entry)
    return out, int(total)

