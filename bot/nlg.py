"""Response generation that fills contact details from the services directory.

Responses in the domain never spell out a phone number, web address or opening time; they say
``{phone:national-domestic-abuse-helpline}``, ``{url:...}`` or ``{hours:...}`` and this generator
fills the value from the directory records at the moment the response is sent. Editing a record
therefore changes every answer that mentions that service.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from content.tokens import ContactTokens, contact_tokens
from ssgp_settings import Settings, get_settings

logger = logging.getLogger(__name__)


def current_tokens(settings: Settings | None = None) -> ContactTokens:
    return contact_tokens((settings or get_settings()).directory_path)


class DirectoryNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG plus directory contact tokens as response variables."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self._settings = get_settings()

    def _response_variables(self, filled_slots: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        values = current_tokens(self._settings)
        values.update({k: v for k, v in (filled_slots or {}).items()})
        values.update(kwargs)
        return values
