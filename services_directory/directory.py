"""The loaded directory: look-ups, search with deterministic ranking, and a fallback that is never empty."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from services_directory import areas
from services_directory.cards import contact_tokens as _contact_tokens
from services_directory.loader import DEFAULT_RECORDS, DirectoryError, check_records, read_directory
from services_directory.model import Service
from services_directory.ranking import Query, Ranker
from services_directory.schedules import to_london
from services_directory.taxonomy import AUDIENCES, NEEDS, need_label
from services_directory.textsearch import ParsedQuery, TextIndex, normalize, parse_query

MAX_LIMIT = 50

# Spoken forms of audience keys.
AUDIENCE_ALIASES: dict[str, str] = {
    "woman": "women",
    "female": "women",
    "man": "men",
    "male": "men",
    "lgbt": "lgbt",
    "lgbtq": "lgbt",
    "lgbtq+": "lgbt",
    "lgbt+": "lgbt",
    "gay": "lgbt",
    "trans": "lgbt",
    "young people": "young-people",
    "young person": "young-people",
    "teenager": "young-people",
    "teen": "young-people",
    "child": "children",
    "kid": "children",
    "kids": "children",
    "parent": "parents",
    "carer": "parents",
    "carers": "parents",
    "professional": "professionals",
    "staff": "professionals",
    "anyone": "everyone",
    "all": "everyone",
}


@dataclass(frozen=True)
class SearchResults:
    """One page of results. ``total`` counts every match; ``note`` explains any widening or fallback."""

    items: list[Service]
    total: int
    note: str | None = None
    fallback: bool = False
    need: str | None = None
    area: str | None = None
    offset: int = 0
    limit: int = 3
    notes: list[str] = field(default_factory=list)


class Directory:
    """All services, indexed for search. Build with ``load_directory`` or ``Directory(services)``."""

    def __init__(self, services: list[Service], path: Path | None = None) -> None:
        self.services: list[Service] = sorted(services, key=lambda s: s.key)
        self.path = path
        self._by_key = {s.key: s for s in self.services}
        self._by_id = {s.id: s for s in self.services}
        self._by_need: dict[str, set[int]] = {}
        self._index = TextIndex()
        for i, s in enumerate(self.services):
            for need in s.needs:
                self._by_need.setdefault(need, set()).add(i)
            self._index.add(i, s.name, 3.0)
            self._index.add(i, s.key.replace("-", " "), 3.0)
            self._index.add(i, s.organization.name, 2.0)
            for keyword in s.keywords:
                self._index.add(i, keyword, 2.0)
            self._index.add(i, " ".join(need_label(n) for n in s.needs), 1.0)
            self._index.add(i, s.description, 0.5, fuzzy=False)
            # A confidential location must not be findable either, so only public locations are indexed.
            if s.public_location:
                self._index.add(i, s.public_location.name, 1.0)
        self._index.freeze()
        self._ranker = Ranker(self.services, self._index, self._by_need)
        self._fallback_lines = sorted(
            (s for s in self.services if s.fallback_rank), key=lambda s: (s.fallback_rank, s.key)
        )

    # -- look-ups -------------------------------------------------------------------------------

    def get(self, key: str) -> Service | None:
        return self._by_key.get(key)

    def by_id(self, service_id: str) -> Service | None:
        return self._by_id.get(service_id)

    def __len__(self) -> int:
        return len(self.services)

    def contact_tokens(self) -> dict[str, str]:
        """Placeholder -> text for answers: phone:<key>, url:<key>, hours:<key>, email:<key>, name:<key>."""
        return _contact_tokens(self.services)

    # -- search ---------------------------------------------------------------------------------

    def _prepare(
        self,
        need: str | None,
        text: str | None,
        area: str | None,
        audience: str | None,
        age: int | None,
        open_now_only: bool,
        now: datetime | None,
        notes: list[str],
    ) -> Query:
        needs: list[str] = []
        primary: str | None = None
        parsed: ParsedQuery | None = None
        if need:
            key = need.strip().lower()
            if key in NEEDS:
                needs.append(key)
                primary = key
            else:
                # An unknown need key is treated as words typed by the person.
                text = f"{text or ''} {need}".strip()
        if text and normalize(text):
            parsed = parse_query(text)
            if not parsed.needs and not parsed.words:
                parsed = None
        place = None
        if area and area.strip():
            place = areas.resolve_place(area)
            if place is None:
                notes.append(f"We could not match “{area.strip()[:40]}” to a place, so all areas are shown.")
            elif place.note:
                notes.append(place.note)
        aud = None
        if audience and audience.strip():
            raw = audience.strip().lower()
            aud = raw if raw in AUDIENCES else AUDIENCE_ALIASES.get(raw)
            if aud is None:
                notes.append("That group is not one we filter by, so services for everyone are included.")
            elif aud == "everyone":
                aud = None
        if age is not None and not (isinstance(age, int) and 0 <= age <= 120):
            notes.append("The age given was not understood, so it was not used.")
            age = None
        return Query(needs, primary, parsed, place, aud, age, open_now_only, to_london(now))

    def query(
        self,
        need: str | None = None,
        text: str | None = None,
        area: str | None = None,
        audience: str | None = None,
        age: int | None = None,
        open_now: bool = False,
        now: datetime | None = None,
    ) -> list[Service]:
        """Every service matching all the filters, best first. No fallback (used by the ORUK API)."""
        q = self._prepare(need, text, area, audience, age, open_now, now, [])
        return [self.services[i] for i in self._ranker.rank(q)[0]]

    def fallback(self, needs: list[str], now: datetime | None = None) -> list[Service]:
        """National 24/7 lines: first those for the needs asked about, then the editors' fallback list."""
        q = Query([], None, None, None, None, None, False, to_london(now))
        chosen: list[Service] = []
        for need in needs:
            positions, _ = self._ranker.rank(q, sorted(self._by_need.get(need, set())))
            for i in positions:
                s = self.services[i]
                if "national" in s.service_areas and self._ranker.features[i].always_open and s not in chosen:
                    chosen.append(s)
        chosen.extend(s for s in self._fallback_lines if s not in chosen)
        return chosen

    def search(
        self,
        need: str | None = None,
        text: str | None = None,
        area: str | None = None,
        audience: str | None = None,
        age: int | None = None,
        open_now: bool = False,
        now: datetime | None = None,
        limit: int = 3,
        offset: int = 0,
    ) -> SearchResults:
        """Search with every filter; when nothing matches, national 24/7 lines instead (never empty)."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        notes: list[str] = []
        q = self._prepare(need, text, area, audience, age, open_now, now, notes)
        asked = bool(q.needs or q.parsed or q.place or q.audience or q.age is not None or q.open_now)
        positions, total = self._ranker.rank(q, top=offset + limit) if asked else ([], 0)
        if asked and total and offset >= total:
            positions, offset = positions[:limit], 0  # past the end: show the first page again
        matches = [self.services[i] for i in positions[offset : offset + limit]]
        is_fallback = False
        if not total:
            wanted = list(dict.fromkeys(q.needs + (q.parsed.needs if q.parsed else [])))
            lines = self.fallback(wanted, now) or list(self.services)
            matches = lines[offset : offset + limit] or lines[:limit]
            total = len(lines)
            is_fallback = True
            notes.append(
                "Nothing in the directory matched all of that, so here are national lines that answer 24 hours a day."
                if asked
                else "Here are national lines that answer 24 hours a day."
            )
        need_key = q.primary_need or (q.parsed.needs[0] if q.parsed and q.parsed.needs else None)
        return SearchResults(
            items=matches,
            total=total,
            note=" ".join(notes) or None,
            fallback=is_fallback,
            need=need_key,
            area=q.place.label if q.place else None,
            offset=offset if offset < total else 0,
            limit=limit,
            notes=notes,
        )


# -- loading with a cache ---------------------------------------------------------------------

_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Directory]] = {}
_cache_lock = threading.Lock()


def _signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    # Read on every lookup (each answer that shows a card), so one directory scan and one stat per
    # file, not pathlib's globbing and sorting of Path objects.
    found = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name.endswith((".yml", ".yaml")):
                stat = entry.stat()
                found.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


@lru_cache(maxsize=32)
def _resolved(path: Path) -> Path:
    return path.resolve()


def load_directory(path: Path | None = None) -> Directory:
    """Load and check every record in ``path`` (default: the bundled records), cached until a file changes.

    Raises DirectoryError listing every problem when any record is invalid.
    """
    folder = _resolved(path or DEFAULT_RECORDS)
    if not folder.is_dir():
        raise DirectoryError([f"{folder}: records folder not found"])
    signature = _signature(folder)
    with _cache_lock:
        cached = _cache.get(folder)
        if cached and cached[0] == signature:
            return cached[1]
    services, errors = check_records(read_directory(folder))
    if errors:
        raise DirectoryError(errors)
    directory = Directory(services, folder)
    with _cache_lock:
        _cache[folder] = (signature, directory)
    return directory


def validate_directory(path: Path | None = None) -> tuple[int, list[str]]:
    """(number of valid records, every problem found) without raising; used by the CLI and tests."""
    folder = _resolved(path or DEFAULT_RECORDS)
    try:
        raws = read_directory(folder)
    except DirectoryError as exc:
        return 0, exc.errors
    services, errors = check_records(raws)
    return len(services), errors
