"""What kind of reply a message is: yes, no, a question, or a description."""

from __future__ import annotations

import re
from dataclasses import dataclass

YES = re.compile(
    r"^(?:y|yes|yeah|yea|yep|yup|sure|ok|okay|send|send it|submit|go ahead|please do|please|yes please)\b", re.I
)
NO = re.compile(r"^(?:n|no|nope|nah|don't|do not|not really|none|no one|nobody|carry on)\b", re.I)
UNSURE = re.compile(r"^(?:not sure|unsure|don't know|dont know|i don't know|idk|dunno|maybe|no idea)\b", re.I)

# A question for the assistant rather than an answer to the form's question.
_QUESTION = re.compile(
    r"\?\s*$|^(?:what|what's|whats|how|why|who|which|is|are|can|could|do|does|did|will|would|should|am|"
    r"may|tell me)\b",
    re.I,
)
# Intents whose messages the rules answer (a question, a greeting, another flow) when they are not
# an answer to the form's question. Crisis intents and cancel are handled before any reading.
OTHER_INTENTS = frozenset(
    {
        "faq", "privacy", "capabilities", "bot_challenge", "greet", "goodbye", "thank", "topic_menu",
        "log_concern", "find_service", "concern_followup", "show_more_services", "report_anonymously",
    }
)
QUESTION_INTENTS = frozenset({"faq", "privacy", "capabilities", "bot_challenge", "report_anonymously"})
MIN_OTHER_CONFIDENCE = 0.6
DESCRIPTION_MIN_WORDS = 3
LONG_REPLY_WORDS = 8


@dataclass(frozen=True)
class Reply:
    """One message typed (or a button pressed) in answer to a form's question."""

    text: str
    intent: str | None = None
    confidence: float = 0.0
    button: bool = False  # the text is one of the asked question's own buttons

    @property
    def words(self) -> int:
        return len(re.findall(r"[\w']+", self.text))

    def is_yes(self) -> bool:
        return self.intent == "affirm" or (bool(YES.match(self.text.strip())) and not self.is_no())

    def is_no(self) -> bool:
        return self.intent == "deny" or bool(NO.match(self.text.strip()))

    def is_unsure(self) -> bool:
        return bool(UNSURE.match(self.text.strip()))

    def is_question(self) -> bool:
        """A question the assistant should answer: question-shaped and classified as a question."""
        return (
            bool(_QUESTION.search(self.text.strip()))
            and self.intent in QUESTION_INTENTS
            and self.confidence >= MIN_OTHER_CONFIDENCE * 0.75
        )

    def is_for_the_rules(self) -> bool:
        """Confidently something else (a greeting, another flow): let the rules handle it."""
        return self.intent in OTHER_INTENTS and self.confidence >= MIN_OTHER_CONFIDENCE

    def is_description(self) -> bool:
        """Free text that can stand as a description of what is happening."""
        return self.words >= DESCRIPTION_MIN_WORDS and not bool(_QUESTION.search(self.text.strip()))

    def is_long(self) -> bool:
        """Long enough that it says more than the answer to one short question."""
        return self.words >= LONG_REPLY_WORDS and self.is_description()
