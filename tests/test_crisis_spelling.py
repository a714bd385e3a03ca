"""Near-miss spellings are folded onto the crisis vocabulary without remembering the words people type.

The lookup by deletions must give exactly what comparing a word with every vocabulary word gave, and
nothing the phrase rules see may be kept once a message has been checked.
"""

from __future__ import annotations

import itertools
import string

from bot.components import crisis_patterns, crisis_patterns_i18n
from bot.components.crisis_patterns import _VOCABULARY, _canonical_word, _edit_distance_at_most, detect


def _by_comparing_every_word(word: str) -> str:
    """The rule as first written: the first vocabulary word within the limit, in vocabulary order."""
    if word in _VOCABULARY or len(word) < 5 or not word.isalpha():
        return word
    limit = 1 if len(word) < 8 else 2
    for candidate in _VOCABULARY:
        if candidate[0] == word[0] and _edit_distance_at_most(word, candidate, limit):
            return candidate
    return word


def _one_edit_away(word: str) -> set[str]:
    letters = string.ascii_lowercase
    out = {word[:i] + word[i + 1:] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    out |= {word[:i] + c + word[i + 1:] for i in range(len(word)) for c in "aeiostk"}
    out |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters[::5]}
    return out


def test_the_lookup_agrees_with_comparing_every_word() -> None:
    words: set[str] = set()
    for word in _VOCABULARY:
        near = _one_edit_away(word)
        words |= near
        words |= set(itertools.islice((w2 for w1 in sorted(near)[:6] for w2 in _one_edit_away(w1)), 60))
    words |= {"about", "where", "neighbour", "gloucester", "qwertzuiop", "brindlewood", "stabbingly", "kiling"}
    assert len(words) > 15_000
    disagreements = [w for w in sorted(words) if _canonical_word(w) != _by_comparing_every_word(w)]
    assert disagreements == []


def test_misspellings_still_count() -> None:
    assert _canonical_word("sucidal") == "suicidal"
    assert _canonical_word("strangeld") in {"strangle", "strangled"}
    assert detect("he thretened to stab me") is not None


def test_checking_a_message_keeps_none_of_its_words() -> None:
    detect("my neighbour Qwertzuiop Brindlewood at 14 Zzyzx Road threatend to kill me")
    held = [value for module in (crisis_patterns, crisis_patterns_i18n) for value in vars(module).values()]
    cached = [v for v in held if hasattr(v, "cache_info") and v.cache_info().currsize]
    assert cached == []
    assert not any("qwertzuiop" in repr(v).lower() for v in held if isinstance(v, (dict, set, list, tuple)))
