"""The language rules (content/language_detection.py) with the real lingua detector."""

from __future__ import annotations

import pytest

from content.language_detection import decide, is_romanised_urdu, switch_word_language
from content.languages import CODES, LANGUAGES, UNSUPPORTED_LINGUA_NAMES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mój mąż mnie bije i boję się wrócić do domu", "pl"),
        ("Soțul meu mă bate și mi-e frică de el", "ro"),
        ("میرا شوہر مجھے مارتا ہے اور میں ڈرتی ہوں", "ur"),
        ("ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਮਾਰਦਾ ਹੈ ਅਤੇ ਮੈਂ ਡਰਦੀ ਹਾਂ", "pa"),
        ("O meu marido bate-me e tenho medo de voltar", "pt"),
        ("મારો પતિ મને મારે છે અને મને ડર લાગે છે", "gu"),
        ("my husband hits me and I am scared to go home", "en"),
    ],
)
def test_a_longer_message_sets_its_language(text: str, expected: str) -> None:
    decision = decide(text, "en" if expected != "en" else "pl")
    assert decision.language == expected and decision.switched and decision.unsupported is None


@pytest.mark.parametrize("text", ["tak", "dziękuję bardzo", "ok dzięki pani", "help me now"])
def test_three_words_or_fewer_never_switch_by_themselves(text: str) -> None:
    assert decide(text, "en").language == "en"
    assert decide(text, "pl").language == "pl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Polski", "pl"), ("po polsku", "pl"), ("English please", "en"), ("in English", "en"),
     ("română", "ro"), ("اردو", "ur"), ("urdu please", "ur"), ("ਪੰਜਾਬੀ", "pa"), ("Português", "pt"),
     ("ગુજરાતી", "gu"), ("can we speak polish", "pl")],
)
def test_switch_words_switch_even_when_short(text: str, expected: str) -> None:
    current = "en" if expected != "en" else "pl"
    assert switch_word_language(text) == expected
    decision = decide(text, current)
    assert decision.language == expected and decision.switched and decision.reason == "switch word"


def test_a_language_named_inside_a_sentence_is_not_a_switch() -> None:
    assert switch_word_language("my husband is polish and he hits me") is None


@pytest.mark.parametrize(
    "text", ["mera shohar mujhe marta hai", "mujhe madad chahiye mera khawand mujhe dhamki deta hai",
             "meri biwi ko darr lagta hai"],
)
def test_romanised_urdu_is_urdu(text: str) -> None:
    assert is_romanised_urdu(text)
    decision = decide(text, "en")
    assert decision.language == "ur" and decision.reason == "romanised urdu"


@pytest.mark.parametrize("text", ["my husband hits me", "what is cuckooing and county lines", "I am scared"])
def test_english_is_not_romanised_urdu(text: str) -> None:
    assert not is_romanised_urdu(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Mi marido me pega y tengo miedo de volver a casa", "es"), ("Mon mari me frappe et j'ai peur de rentrer", "fr"),
     ("زوجي يضربني وأنا خائفة جدا منه", "ar"), ("Муж меня бьёт и я боюсь идти домой", "ru")],
)
def test_an_unsupported_language_is_recognised_and_keeps_the_conversation_language(text: str, code: str) -> None:
    decision = decide(text, "pl")
    assert decision.unsupported == code
    assert decision.language == "pl" and not decision.switched


def test_the_language_list_is_consistent() -> None:
    assert CODES[0] == "en" and len(set(CODES)) == len(CODES) == 7
    assert [lang.code for lang in LANGUAGES if lang.direction == "rtl"] == ["ur"]
    from lingua import Language

    for name in [lang.lingua_name for lang in LANGUAGES] + list(UNSUPPORTED_LINGUA_NAMES):
        assert hasattr(Language, name), name


@pytest.mark.parametrize(
    "text",
    # English that low-accuracy lingua alone takes for German, Tagalog, Portuguese or Hungarian.
    ["whats this angela thing in bars", "i want to end my life", "gonna end my life please help",
     "is there a code word for bars", "hes banging on the windows help"],
)
def test_everyday_english_stays_english(text: str) -> None:
    decision = decide(text, "en")
    assert decision.language == "en" and decision.unsupported is None
