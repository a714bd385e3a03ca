"""Free-text matching: synonyms to needs, then words to services, tolerant of small misspellings.

Plain Python only: difflib finds close spellings against a small vocabulary, so no search engine
or model is needed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from services_directory.taxonomy import SYNONYMS

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 24
FUZZY_CUTOFF = 0.8
MIN_FUZZY_LEN = 4

STOPWORDS = frozenset(
    """a about an and any are as at be been can could do does for from get got has have help helps helpline
    i im is it its me my near need needs of on or our please service services some someone something
    support that the their there they this to want what where who with you your""".split()
)


def normalize(text: str) -> str:
    """Lower-case ASCII-ish words: apostrophes dropped (clare's -> clares), other punctuation to spaces."""
    text = unicodedata.normalize("NFKC", str(text))[:MAX_QUERY_CHARS].lower()
    text = re.sub(r"['’`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


def tokenize(text: str) -> list[str]:
    return normalize(text).split()[:MAX_QUERY_TOKENS]


# Synonym phrases by word count, normalised the same way as queries.
_PHRASES: dict[int, dict[str, str]] = defaultdict(dict)
for _phrase, _need in SYNONYMS.items():
    _norm_phrase = normalize(_phrase)
    _PHRASES[len(_norm_phrase.split())][_norm_phrase] = _need
_MAX_PHRASE = max(_PHRASES)
_SINGLE_WORDS = sorted(w for w in _PHRASES[1] if len(w) >= MIN_FUZZY_LEN)


@dataclass
class ParsedQuery:
    """What a free-text query asked for: needs named through synonyms, and the leftover words."""

    needs: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)


def _close(word: str, vocabulary: list[str]) -> str | None:
    if len(word) < MIN_FUZZY_LEN or not word.isalpha():
        return None
    hits = difflib.get_close_matches(word, vocabulary, n=1, cutoff=FUZZY_CUTOFF)
    return hits[0] if hits else None


class SpellingVocabulary:
    """Close-spelling look-up that only compares words of similar length sharing the first or second
    letter, so it stays fast on a large directory (difflib over every word would not)."""

    def __init__(self, words: set[str]) -> None:
        self._buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in sorted(words):
            if len(word) >= MIN_FUZZY_LEN and word.isalpha():
                self._buckets[(len(word), word[0])].append(word)
                self._buckets[(len(word), "_" + word[1])].append(word)

    def close(self, word: str) -> str | None:
        if len(word) < MIN_FUZZY_LEN or not word.isalpha():
            return None
        candidates: list[str] = []
        for size in (len(word) - 1, len(word), len(word) + 1, len(word) - 2, len(word) + 2):
            candidates.extend(self._buckets.get((size, word[0]), ()))
            candidates.extend(self._buckets.get((size, "_" + word[1]), ()))
        return _close(word, list(dict.fromkeys(candidates)))


def parse_query(text: str) -> ParsedQuery:
    """Find synonym phrases (longest first, misspellings allowed) and keep the remaining words."""
    tokens = tokenize(text)
    parsed = ParsedQuery()
    i = 0
    while i < len(tokens):
        matched = False
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            need = _PHRASES[size].get(phrase)
            if need is None and size > 1 and len(phrase) >= 8:
                nearest = difflib.get_close_matches(phrase, list(_PHRASES[size]), n=1, cutoff=0.85)
                if nearest:
                    need = _PHRASES[size][nearest[0]]
                    parsed.corrections[phrase] = nearest[0]
            if need is not None:
                if need not in parsed.needs:
                    parsed.needs.append(need)
                # Keep the words too: they may also name a service ("samaritans", "galop").
                parsed.words.extend(t for t in tokens[i : i + size] if t not in STOPWORDS)
                i += size
                matched = True
                break
        if matched:
            continue
        word = tokens[i]
        i += 1
        if word in STOPWORDS:
            continue
        parsed.words.append(word)
        close = _close(word, _SINGLE_WORDS)
        if close:
            parsed.corrections[word] = close
            need = _PHRASES[1][close]
            if need not in parsed.needs:
                parsed.needs.append(need)
    return parsed


class TextIndex:
    """Inverted index from words to (document number, weight)."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._fuzzy_words: set[str] = set()
        self._spelling = SpellingVocabulary(set())
        self._by_prefix: dict[str, list[str]] = defaultdict(list)

    def add(self, doc: int, text: str, weight: float, fuzzy: bool = True) -> None:
        """Index a field. fuzzy=False (long descriptions): exact and prefix matches only, because
        close-spelling matches against prose find unrelated words ("parking" ~ "speaking")."""
        for word in normalize_long(text):
            if word in STOPWORDS or len(word) < 2:
                continue
            postings = self._postings[word]
            postings[doc] = max(postings.get(doc, 0.0), weight)
            if fuzzy:
                self._fuzzy_words.add(word)

    def freeze(self) -> None:
        """Call after the last add(): builds the spelling vocabulary."""
        self._spelling = SpellingVocabulary(self._fuzzy_words)
        self._by_prefix.clear()
        for word in sorted(self._postings):
            self._by_prefix[word[:2]].append(word)

    def lookup(self, word: str) -> dict[int, float]:
        """Documents for a word: exact, else words it begins, else one close spelling (weight halved)."""
        exact = self._postings.get(word)
        if exact:
            return exact
        if len(word) < MIN_FUZZY_LEN:
            return {}
        out: dict[int, float] = {}
        prefixed = [w for w in self._by_prefix.get(word[:2], ()) if w.startswith(word)]
        for candidate in prefixed[:20]:
            for doc, weight in self._postings[candidate].items():
                out[doc] = max(out.get(doc, 0.0), weight * 0.75)
        if out:
            return out
        close = self._spelling.close(word)
        if close:
            return {doc: weight * 0.5 for doc, weight in self._postings[close].items()}
        return {}

    def score(self, words: list[str]) -> dict[int, float]:
        """Sum over distinct query words of each document's best weight for that word."""
        totals: dict[int, float] = defaultdict(float)
        for word in dict.fromkeys(words):
            for doc, weight in self.lookup(word).items():
                totals[doc] += weight
        return dict(totals)


def normalize_long(text: str) -> list[str]:
    """Tokenise a long field (descriptions) without the query length cap."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"['’`]", "", text)
    return re.sub(r"[^\w]+", " ", text).replace("_", " ").split()
