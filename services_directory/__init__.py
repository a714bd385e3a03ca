"""Stronger Safer Gloucester services directory: records, checks, search and Open Referral UK output.

Plain Python: nothing here knows about Rasa or the web app. The public API used by the assistant:

    load_directory(path=None) -> Directory
    Directory.get(key), Directory.services, Directory.search(...), Directory.contact_tokens()
    format_card(service, now) -> dict, card_text(card) -> str
    staleness_report(directory, days, today) -> list[StaleRecord]
"""

from services_directory.cards import card_text, format_card
from services_directory.directory import Directory, SearchResults, load_directory, validate_directory
from services_directory.loader import DirectoryError
from services_directory.model import Service
from services_directory.staleness import StaleRecord, staleness_report

__all__ = [
    "Directory",
    "DirectoryError",
    "SearchResults",
    "Service",
    "StaleRecord",
    "card_text",
    "format_card",
    "load_directory",
    "staleness_report",
    "validate_directory",
]
