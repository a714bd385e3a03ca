"""Deterministic ranking: precomputed per-service features, set-based filters, one scoring pass.

Kept apart from ``directory`` so the hot path is small and easy to measure (``services_directory.bench``).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from services_directory import areas
from services_directory.model import Service
from services_directory.schedules import is_always_open, minute_of_week, week_mask
from services_directory.textsearch import ParsedQuery, TextIndex

LISTED_STATUSES = frozenset({"active", "temporarily closed"})


@dataclass(frozen=True, slots=True)
class Features:
    """What ranking needs from one service, computed once when the directory is built."""

    listed: bool
    needs: frozenset[str]
    primary_need: str
    areas: frozenset[str]
    min_level: int
    audiences: frozenset[str]
    for_everyone: bool
    for_young: bool
    min_age: int | None
    max_age: int | None
    week: int | None
    always_open: bool
    static: float

    @classmethod
    def of(cls, s: Service) -> Features:
        phone = s.phone_schedules
        audiences = frozenset(s.eligibility.audiences)
        return cls(
            listed=s.status in LISTED_STATUSES,
            needs=frozenset(s.needs),
            primary_need=s.needs[0],
            areas=frozenset(s.service_areas),
            min_level=min(areas.level(a) for a in s.service_areas),
            audiences=audiences,
            for_everyone="everyone" in audiences,
            for_young=bool({"children", "young-people"} & audiences),
            min_age=s.eligibility.minimum_age,
            max_age=s.eligibility.maximum_age,
            week=week_mask(phone) if phone else None,
            always_open=is_always_open(phone),
            # Verified facts, a phone to ring, and the editors' lever (rank_weight, -2..2).
            static=(0.5 if s.verified else 0.0) + (0.25 if s.phones else 0.0) + 0.5 * s.rank_weight,
        )


@dataclass(frozen=True)
class Query:
    """A search after its words, place and filters have been understood."""

    needs: list[str]
    primary_need: str | None
    parsed: ParsedQuery | None
    place: areas.Place | None
    audience: str | None
    age: int | None
    open_now: bool
    now: datetime


class Ranker:
    """Column-wise features of every service plus indexes by need, area and audience."""

    def __init__(self, services: list[Service], index: TextIndex, by_need: dict[str, set[int]]) -> None:
        self._index = index
        self._by_need = by_need
        self.features = [Features.of(s) for s in services]
        # Column-wise copies of the features: the ranking loop reads these by position.
        f = self.features
        self._listed = {i for i, x in enumerate(f) if x.listed}
        self._by_primary: dict[str, set[int]] = {}
        self._by_area: dict[str, set[int]] = {}
        self._by_audience: dict[str, set[int]] = {}
        for i, x in enumerate(f):
            self._by_primary.setdefault(x.primary_need, set()).add(i)
            for a in x.areas:
                self._by_area.setdefault(a, set()).add(i)
            for a in x.audiences:
                self._by_audience.setdefault(a, set()).add(i)
        self._for_everyone = self._by_audience.get("everyone", set())
        self._week0 = [x.week or 0 for x in f]
        self._phoneless = {i for i, s in enumerate(services) if not s.phones}
        self._static = [x.static for x in f]
        self._local = [0.25 * (3 - x.min_level) for x in f]
        self._areas = [x.areas for x in f]
        self._ages = [(x.min_age, x.max_age, x.for_young) for x in f]
        # With no place and no audience given: local services edge ahead, services for everyone first.
        self._base = [x.static + 0.25 * (3 - x.min_level) - (0.0 if x.for_everyone else 0.5) for x in f]

    def rank(self, q: Query, pool: list[int] | None = None, top: int | None = None) -> tuple[list[int], int]:
        """(positions of matching services best first, number of matches); ``top`` keeps only the best few.

        Filters are set operations on precomputed indexes; only survivors are scored. Every weight is a
        multiple of 1/8, so float sums are exact and equal scores really are equal; the key breaks ties.
        """
        text_scores: dict[int, float] = self._index.score(q.parsed.words) if q.parsed else {}
        text_needs = set(q.parsed.needs) if q.parsed else set()
        covering = q.place.covering_areas() if q.place else None
        candidates = self._filtered(q, self._pool(q, pool, text_scores, text_needs), covering)
        scored = self._scored(q, candidates, self._base_scores(q, candidates, covering), text_scores, text_needs)
        if top is not None and top < len(scored):
            return self._best_few(q, scored, top), len(scored)
        scored.sort()
        order = [i for _, i in scored]
        # Browsing by need (cards after an answer, the find-a-service form): lead with a number to
        # ring. A typed search that names a service still gets that service first.
        return (order if q.parsed is not None else self._phone_first(order)), len(scored)

    def _pool(self, q: Query, pool: list[int] | None, text_scores: dict[int, float], text_needs: set[str]) -> set[int]:
        """Where to start: the given pool, what the text found, the need's services, or every listed one."""
        if pool is not None:
            return set(pool)
        if q.parsed is not None:
            candidates = set(text_scores)
            for need in text_needs:
                candidates |= self._by_need.get(need, set())
            return candidates
        if q.primary_need:
            return set(self._by_need.get(q.primary_need, set()))
        return set(self._listed)

    def _filtered(self, q: Query, candidates: set[int], covering: frozenset[str] | None) -> set[int]:
        """Keep the listed services that meet every filter: need, place, audience, open now, age."""
        if q.primary_need:
            candidates &= self._by_need.get(q.primary_need, set())
        candidates &= self._listed
        if covering is not None:
            in_area: set[int] = set()
            for area in covering:
                in_area |= self._by_area.get(area, set())
            candidates &= in_area
        if q.audience:
            candidates &= self._by_audience.get(q.audience, set()) | self._for_everyone
        if q.open_now:
            minute = minute_of_week(q.now)
            wk = self._week0
            candidates = {i for i in candidates if (wk[i] >> minute) & 1}
        if q.age is not None:
            age, ages = q.age, self._ages
            candidates = {
                i
                for i in candidates
                if ((low := ages[i][0]) is None or age >= low) and ((high := ages[i][1]) is None or age <= high)
            }
        return candidates

    def _base_scores(
        self, q: Query, candidates: set[int], covering: frozenset[str] | None
    ) -> list[float] | dict[int, float]:
        """Each candidate's score before the query's own terms: quality, nearness and audience."""
        if covering is None and not q.audience:
            return self._base  # static + local edge + "open to everyone" edge, precomputed
        area_bonus = {a: 0.5 * (3 - areas.level(a)) for a in covering} if covering is not None else {}
        exact = self._by_audience.get(q.audience, set()) if q.audience else set()
        everyone, static, local = self._for_everyone, self._static, self._local
        base: dict[int, float] = {}
        for i in candidates:
            score = static[i]
            if covering is not None:
                score += max(area_bonus.get(a, 0.0) for a in self._areas[i])
            else:
                score += local[i]
            if q.audience:
                score += 1.0 if i in exact else 0.0
            elif i not in everyone:
                score -= 0.5
            base[i] = score
        return base

    def _scored(
        self,
        q: Query,
        candidates: set[int],
        base: list[float] | dict[int, float],
        text_scores: dict[int, float],
        text_needs: set[str],
    ) -> list[tuple[float, int]]:
        """(minus the score, position) per candidate, so that sorting puts the best first."""
        text_primary: set[int] = set()
        text_any: set[int] = set()
        for need in text_needs:
            text_primary |= self._by_primary.get(need, set())
            text_any |= self._by_need.get(need, set())
        need_primary = self._by_primary.get(q.primary_need or "", set())
        minute = minute_of_week(q.now)
        wk, ages, text_get = self._week0, self._ages, text_scores.get
        by_need = q.primary_need is not None
        young = q.age is not None and q.age < 18
        # One comprehension: far cheaper per candidate than a loop full of branches.
        return [
            (
                -(
                    base[i]
                    + text_get(i, 0.0)
                    + ((2.0 if i in need_primary else 1.0) if by_need else 0.0)
                    + (2.0 if i in text_primary else (1.0 if i in text_any else 0.0))
                    + (0.5 if (wk[i] >> minute) & 1 else 0.0)
                    + (0.5 if young and ages[i][2] else 0.0)
                ),
                i,  # services are kept in key order, so the position breaks ties by key
            )
            for i in candidates
        ]

    def _best_few(self, q: Query, scored: list[tuple[float, int]], top: int) -> list[int]:
        """The best ``top`` positions without sorting them all; browsing still leads with a phone number."""
        best = [i for _, i in heapq.nsmallest(top, scored)]
        if q.parsed is None and best and best[0] in self._phoneless:
            with_phone = min((s for s in scored if s[1] not in self._phoneless), default=None)
            if with_phone is not None and with_phone[1] not in best:
                best = [with_phone[1], *best[:-1]]
        return best

    def _phone_first(self, order: list[int]) -> list[int]:
        """A card without a phone number never comes first: the best service with one moves up."""
        if order and order[0] in self._phoneless:
            for n, i in enumerate(order):
                if i not in self._phoneless:
                    return [i, *order[:n], *order[n + 1 :]]
        return order
