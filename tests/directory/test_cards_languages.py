"""Service cards in another language (issue 12): the fixed words come from the caller's ``labels``;
numbers, names and descriptions come from the record, unchanged. Without labels the card is the
English card exactly as before."""

from __future__ import annotations

from datetime import date

from directory_support import MONDAY_2PM, SUNDAY_2PM

from content.ui_strings import strings_for
from services_directory import card_text, format_card
from services_directory.cards import ENGLISH_LABELS, card_plain_text
from services_directory.dates import date_line
from services_directory.schedules import describe

# The English card as it was before labels existed (copied from the code's output at that commit).
MENS_SUNDAY = (
    "**Men's Advice Line**\n"
    "A confidential helpline for men who are experiencing domestic abuse, and for friends, family members "
    "and professionals who are supporting…\n"
    "Phone: 0808 801 0327\n"
    "Hours: Mon and Wed 9am–8pm; Tue, Thu and Fri 9am–5pm (check with the service before relying on this)\n"
    "::: More about Men's Advice Line\n"
    "A confidential helpline for men who are experiencing domestic abuse, and for friends, family members "
    "and professionals who are supporting them.\n"
    "Closed now: opens Mon 9am (check with the service before relying on this)\n"
    "Website: check with the service\n"
    "Information from public sources, recorded on 21 November 2026\n"
    "_Some details here come from older or single sources: check with the service before relying on them._\n"
    ":::"
)


def polish() -> dict[str, str]:
    return {name: text for name, text in strings_for("pl").items() if name in ENGLISH_LABELS}


def test_the_english_card_is_unchanged(directory) -> None:
    mens = directory.get("mens-advice-line")
    assert card_text(format_card(mens, SUNDAY_2PM)) == MENS_SUNDAY
    assert "english_note" not in format_card(mens, SUNDAY_2PM)


def test_english_labels_given_explicitly_change_nothing(directory) -> None:
    assert set(ENGLISH_LABELS) <= set(strings_for("en"))  # every label has a ui string
    # The English-description note is for other languages only; an English caller leaves it out.
    english = {name: text for name, text in strings_for("en").items() if name in ENGLISH_LABELS}
    del english["card_english_note"]
    assert english == {name: text for name, text in ENGLISH_LABELS.items() if name != "card_english_note"}
    for service in directory.services:
        for moment in (MONDAY_2PM, SUNDAY_2PM):
            plain = format_card(service, moment)
            labelled = format_card(service, moment, english)
            assert labelled == plain
            assert card_text(labelled, english) == card_text(plain)
            assert card_plain_text(labelled, english) == card_plain_text(plain)


def test_a_polish_card_has_polish_words_and_the_same_numbers(directory) -> None:
    mens = directory.get("mens-advice-line")
    english = format_card(mens, SUNDAY_2PM)
    card = format_card(mens, SUNDAY_2PM, polish())
    text = card_text(card, polish())
    assert card["main_phone"] == english["main_phone"] == "0808 801 0327"
    assert card["phone"] == english["phone"]
    assert "Telefon: 0808 801 0327\n" in text
    check = "(sprawdź u usługodawcy, zanim na tym polegniesz)"
    assert f"\nGodziny: Pon i Śr 9am–8pm; Wt, Czw i Pt 9am–5pm {check}\n" in text
    assert "\n::: Więcej o: Men's Advice Line\n" in text
    assert "\nTeraz zamknięte: otwarcie Pon 9am (sprawdź u usługodawcy, zanim na tym polegniesz)\n" in text
    assert "\nStrona internetowa: sprawdź u usługodawcy\n" in text
    assert "\nInformacje ze źródeł publicznych, zapisane 2026-11-21\n" in text
    # The description stays English, and the card says so once, right under it.
    assert text.count("_Opis jest po angielsku._") == 1
    assert text.splitlines()[2] == "_Opis jest po angielsku._"
    assert english["summary"] == card["summary"]
    for word in ("Phone:", "Hours:", "More about", "Closed now", "check with the service", "Website:"):
        assert word not in text, word


def test_every_card_in_polish_keeps_every_number(directory) -> None:
    labels = polish()
    for service in directory.services:
        english = format_card(service, MONDAY_2PM)
        card = format_card(service, MONDAY_2PM, labels)
        for phone in service.phones:
            assert phone.display in card["phone"], service.key
        assert card["title"] == english["title"] and card["summary"] == english["summary"]
        text = card_text(card, labels)
        assert "Phone:" not in text and "Hours:" not in text, service.key
        assert card_plain_text(card, labels).startswith(f"{service.name}\n")


def test_hours_and_dates_in_other_words(directory) -> None:
    samaritans = directory.get("samaritans")
    assert describe(samaritans.phone_schedules, polish()) == "Całą dobę, codziennie"
    assert date_line(samaritans, polish()) == "Informacje ze źródeł publicznych, zapisane 2026-11-21"
    assert date_line(samaritans) == "Information from public sources, recorded on 21 November 2026"
    assert samaritans.information_date == date(2026, 11, 21)


def test_a_missing_label_falls_back_to_english(directory) -> None:
    card = format_card(directory.get("samaritans"), MONDAY_2PM, {"card_phone": "Telefon"})
    text = card_text(card, {"card_phone": "Telefon"})
    assert "Telefon: 116 123" in text and "Hours: 24 hours a day, every day" in text
