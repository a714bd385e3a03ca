"""Anonymous concern log for the Stronger Safer Gloucester assistant (plain Python, no Rasa).

The chat actions use ``ConcernService``::

    service = ConcernService(database_url)
    receipt = service.submit(category, area, when, what, extra)   # after commit
    receipt.reference        # "K7Q-4MX-P2D", to give to the user
    receipt.removed_kinds    # ["a name", "a phone number"], to tell the user what was taken out
    service.add_information(reference, text) -> bool
    service.status(reference) -> "new" | "reviewed" | "referred" | "closed" | None

``redaction.redact(text)`` is available on its own. ``StoreUnavailable`` means nothing was saved.
"""

from concerns.areas import AREAS, GLOUCESTER_WARDS, match_area
from concerns.errors import ConcernError, InvalidConcern, StoreUnavailable
from concerns.service import AdditionReceipt, ConcernService, Receipt
from concerns.vocab import CATEGORIES, STATUS_DESCRIPTIONS, STATUSES, WHEN_LABELS, normalise_when

__all__ = [
    "AREAS",
    "CATEGORIES",
    "GLOUCESTER_WARDS",
    "STATUSES",
    "STATUS_DESCRIPTIONS",
    "WHEN_LABELS",
    "AdditionReceipt",
    "ConcernError",
    "ConcernService",
    "InvalidConcern",
    "Receipt",
    "StoreUnavailable",
    "match_area",
    "normalise_when",
]
