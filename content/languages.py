"""The one list of languages the assistant answers in (issue 12).

Everything language-specific reads this list: the detector (content/language_detection.py), the
``language`` slot's values (domain/language.yml, checked by a test), the language menu, the web
app's ``dir`` attribute and the translation CLI. Codes are ISO 639-1; English is the default.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    english_name: str
    endonym: str  # the language's own name for itself, shown in the language menu
    direction: str  # "ltr" or "rtl"
    lingua_name: str  # the name of lingua's Language enum member
    switch_words: tuple[str, ...]  # written alone (or with "please", "in" ...), these switch to it


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "ltr", "ENGLISH",
             ("english", "in english", "english please", "inglês", "ingles", "angielski",
              "po angielsku", "engleză", "engleza", "انگریزی", "ਅੰਗਰੇਜ਼ੀ", "અંગ્રેજી")),
    Language("pl", "Polish", "Polski", "ltr", "POLISH",
             ("polski", "polish", "po polsku", "polsku", "język polski", "jezyk polski")),
    Language("ro", "Romanian", "Română", "ltr", "ROMANIAN",
             ("română", "romana", "romanian", "în română", "in romana", "limba română", "limba romana",
              "romaneste", "românește")),
    Language("ur", "Urdu", "اردو", "rtl", "URDU",
             ("urdu", "اردو", "urdu mein", "urdu main", "اردو میں")),
    Language("pa", "Panjabi", "ਪੰਜਾਬੀ", "ltr", "PUNJABI",
             ("panjabi", "punjabi", "ਪੰਜਾਬੀ", "ਪੰਜਾਬੀ ਵਿੱਚ", "پنجابی")),
    Language("pt", "Portuguese", "Português", "ltr", "PORTUGUESE",
             ("português", "portugues", "portuguese", "em português", "em portugues")),
    Language("gu", "Gujarati", "ગુજરાતી", "ltr", "GUJARATI",
             ("gujarati", "ગુજરાતી", "ગુજરાતીમાં", "gujarati ma", "gujarati maa")),
)

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)

# Common languages we do not answer in, given to the detector so that a message in one of them is
# recognised as "not supported" rather than forced into the nearest supported language.
UNSUPPORTED_LINGUA_NAMES: tuple[str, ...] = (
    "ARABIC", "BENGALI", "SPANISH", "FRENCH", "LITHUANIAN", "BULGARIAN", "SLOVAK", "HINDI",
    "CHINESE", "RUSSIAN", "PERSIAN", "TURKISH", "ITALIAN", "GERMAN", "CZECH", "LATVIAN",
    "UKRAINIAN", "SOMALI", "TAGALOG", "HUNGARIAN", "TAMIL", "VIETNAMESE",
)


def get(code: str | None) -> Language:
    """The language for ``code``; English for anything unknown."""
    return BY_CODE.get(code or "", BY_CODE[DEFAULT_LANGUAGE])


def direction(code: str | None) -> str:
    return get(code).direction
