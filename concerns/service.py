"""The library API the chat actions call: submit a concern, add to it, check its status.

Every call is synchronous and returns only after the database has committed (or raises
``StoreUnavailable`` having written nothing). Text is redacted before it goes near the database.
Nothing about the sender is accepted, so nothing about them can be stored.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from concerns.areas import match_area
from concerns.db import make_engine, migrate_engine, store_errors, today_local
from concerns.errors import InvalidConcern, StoreUnavailable
from concerns.redaction import clean_text, redact
from concerns.references import format_reference, new_reference, normalise_reference
from concerns.schema import concern_additions, concerns
from concerns.vocab import CATEGORIES, normalise_when

logger = logging.getLogger(__name__)

# Longest text accepted per field (the chat caps a message at 2,000 characters).
MAX_TEXT_CHARS = 5000
_REFERENCE_ATTEMPTS = 5


@dataclass(frozen=True)
class Receipt:
    """What the user is told after a concern is stored."""

    reference: str  # formatted for people: K7Q-4MX-P2D
    removed_kinds: list[str] = field(default_factory=list)
    area: str | None = None
    when: str = "not sure"


@dataclass(frozen=True)
class AdditionReceipt:
    """What the user is told after adding information to an existing concern."""

    removed_kinds: list[str] = field(default_factory=list)


def _checked_text(value: str | None, what: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidConcern(f"{what} must be text")
    if len(value) > MAX_TEXT_CHARS * 2:  # cheap guard before normalising
        raise InvalidConcern(f"{what} is too long (at most {MAX_TEXT_CHARS} characters)")
    cleaned = clean_text(value)
    if required and not cleaned:
        raise InvalidConcern(f"{what} is empty")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise InvalidConcern(f"{what} is too long (at most {MAX_TEXT_CHARS} characters)")
    return cleaned


class ConcernService:
    """Concern store operations for the chat assistant.

    ``ConcernService(database_url)`` is cheap: the schema is migrated on first use, so an
    unavailable database surfaces as ``StoreUnavailable`` from the call that needed it.
    """

    def __init__(
        self,
        database_url: str | None = None,
        *,
        engine: Engine | None = None,
        today: Callable[[], date] = today_local,
        auto_migrate: bool = True,
    ) -> None:
        if engine is None:
            if not database_url:
                raise ValueError("ConcernService needs a database_url or an engine")
            engine = make_engine(database_url)
        self.engine = engine
        self._today = today
        self._ready = not auto_migrate
        self._ready_lock = threading.Lock()

    def prepare(self) -> None:
        """Migrate now (at start-up) rather than on first use; raises StoreUnavailable."""
        self._ensure_ready()

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        with self._ready_lock:
            if not self._ready:
                migrate_engine(self.engine)
                self._ready = True

    def close(self) -> None:
        self.engine.dispose()

    # --- submit ---------------------------------------------------------------------------

    def submit(
        self,
        category: str,
        area: str | None,
        when: str | None,
        what: str,
        extra: str | None = None,
    ) -> Receipt:
        """Redact and store a concern; return its reference once committed.

        Raises ``InvalidConcern`` for an unknown category or empty/oversized text, and
        ``StoreUnavailable`` if it could not be committed (then nothing was stored).
        """
        if category not in CATEGORIES:
            raise InvalidConcern(f"unknown category {category!r}")
        what_clean = _checked_text(what, "what is happening", required=True)
        extra_clean = _checked_text(extra, "anything else", required=False)
        area_value = match_area(area) if isinstance(area, str) else None
        when_label = normalise_when(when if isinstance(when, str) else None)

        what_red = redact(what_clean, today=self._today())
        extra_red = redact(extra_clean, today=self._today()) if extra_clean else None
        removed = list(what_red.removed)
        if extra_red:
            removed += [k for k in extra_red.removed if k not in removed]

        self._ensure_ready()
        for _ in range(_REFERENCE_ATTEMPTS):
            reference = new_reference()
            try:
                with store_errors("storing a concern"), self.engine.begin() as conn:
                    conn.execute(
                        insert(concerns).values(
                            reference=reference,
                            category=category,
                            area=area_value,
                            when_label=when_label,
                            created_on=self._today(),
                            what_text=what_red.text,
                            extra_text=extra_red.text if extra_red and extra_red.text else None,
                            status="new",
                            new_information=False,
                        )
                    )
            except StoreUnavailable as exc:
                if isinstance(exc.__cause__, IntegrityError) and self._reference_taken(reference):
                    continue  # 1 in 2**45 per existing concern; try another code
                raise
            # Deliberately nothing at INFO: a log line's timestamp would undo the date-only rule.
            logger.debug("concern stored")
            return Receipt(format_reference(reference), removed, area_value, when_label)
        raise StoreUnavailable("could not allocate a unique reference")

    def _reference_taken(self, reference: str) -> bool:
        with store_errors("checking a reference"), self.engine.connect() as conn:
            return conn.execute(
                select(concerns.c.id).where(concerns.c.reference == reference)
            ).first() is not None

    # --- additions and status -------------------------------------------------------------

    def add_information_receipt(self, reference: str, text: str) -> AdditionReceipt | None:
        """Add redacted information to the concern with ``reference``; None if no such concern."""
        code = normalise_reference(reference)
        if code is None:
            return None
        cleaned = _checked_text(text, "the information", required=True)
        result = redact(cleaned, today=self._today())
        self._ensure_ready()
        with store_errors("adding information"), self.engine.begin() as conn:
            row = conn.execute(select(concerns.c.id).where(concerns.c.reference == code)).first()
            if row is None:
                return None
            conn.execute(
                insert(concern_additions).values(
                    concern_id=row.id, created_on=self._today(), text=result.text
                )
            )
            conn.execute(update(concerns).where(concerns.c.id == row.id).values(new_information=True))
        logger.debug("information added to a concern")
        return AdditionReceipt(list(result.removed))

    def add_information(self, reference: str, text: str) -> bool:
        """True if the information was added; False if the reference matches no concern."""
        return self.add_information_receipt(reference, text) is not None

    def status(self, reference: str) -> str | None:
        """The concern's status ("new", "reviewed", "referred", "closed"), or None if unknown.

        Only the status: the text is never returned to whoever holds the code.
        """
        code = normalise_reference(reference)
        if code is None:
            return None
        self._ensure_ready()
        with store_errors("checking a status"), self.engine.connect() as conn:
            row = conn.execute(select(concerns.c.status).where(concerns.c.reference == code)).first()
        return None if row is None else str(row.status)
