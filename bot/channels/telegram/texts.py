"""Fixed messages the Telegram channel sends itself (light markdown, see formatting.py).

Contact details are directory placeholders ({phone:police-emergency}), filled when sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable

START = """Before we start, please read this.

**This chat is not anonymous.** Telegram keeps this conversation on your phone and on Telegram's servers, and it can show up on your other devices. Anyone who can open your phone or your Telegram account may be able to read it.

To keep it private:
• When you have finished, delete this chat: open the chat menu and choose Delete chat (or Clear history).
• Hide message previews: in Telegram, go to Settings, then Notifications and Sounds, and turn off message previews. Your phone's own settings can also hide previews on the lock screen.
• Send /forget at any time. I will forget this conversation and delete our messages from this chat where Telegram still allows it (messages less than 48 hours old).

If you are in danger now, call **{phone:police-emergency}**. If you cannot speak on a mobile, call {phone:police-emergency}, listen, and press 55 when asked."""  # noqa: E501

HELP = """I can tell you about local support services, explain things like Ask for Angela or cuckooing, and help you pass on a concern.

/services - find a support service
/forget - forget this conversation and delete our messages
/start - how to keep this chat private
/help - this message

You can also just type your question. If you are in danger now, call **{phone:police-emergency}**."""  # noqa: E501

FORGOTTEN = (
    "Done. I have forgotten this conversation and deleted the messages Telegram still lets me "
    "delete. Older messages, and this chat itself, stay in Telegram until you delete the chat."
)

NOT_TEXT = (
    "I can only read text messages, so I can't open photos, stickers, voice notes, files, "
    "locations or contacts. Please type your message in words. If you are in danger now, call {phone:police-emergency}."
)

EDITED = (
    "I can't read edited messages. If you changed something important, please send it again "
    "as a new message."
)

PRIVATE_ONLY = (
    "Hello. To keep conversations private, I only talk in one-to-one chats. Please message me "
    "directly instead. If someone is in danger now, call {phone:police-emergency}."
)

EMPTY = "I didn't get any words there. Please type your message."

TOO_LONG = (
    "Your message was very long, so I have only read the first {limit:,} characters. "
    "You can send the rest in another message."
)

UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do, or just type your question."

BUTTON_EXPIRED = "That button has expired. Please type your question instead."

FAILED = (
    "Sorry, something went wrong on my side. Please try again in a moment. "
    "If you are in danger now, call {phone:police-emergency}."
)

RATE_LIMITED = (
    "You're sending messages faster than I can answer. Please wait a minute and try again. "
    "If you are in danger now, call {phone:police-emergency}."
)

CHOOSE = "Please choose:"

# The same texts in the conversation's language live in content/ui_strings.yml (keys telegram_*,
# whose English must equal the constants above: tests/test_ui_strings.py). Mapped by the English
# text, so every call site that sends a constant stays as it is.
_UI_KEYS = {
    START: "telegram_start",
    HELP: "telegram_help",
    FORGOTTEN: "telegram_forgotten",
    NOT_TEXT: "telegram_not_text",
    EDITED: "telegram_edited",
    PRIVATE_ONLY: "telegram_private_only",
    EMPTY: "telegram_empty",
    TOO_LONG: "telegram_too_long",
    UNKNOWN_COMMAND: "telegram_unknown_command",
    BUTTON_EXPIRED: "telegram_button_expired",
    FAILED: "telegram_failed",
    RATE_LIMITED: "telegram_rate_limited",
    CHOOSE: "telegram_choose",
}


def in_language(text: str, lang: str | None) -> str:
    """``text`` (one of the constants above) in ``lang``; any other text, or English, unchanged."""
    key = _UI_KEYS.get(text)
    if key is None or not lang or lang == "en":
        return text
    from content.ui_strings import ui_text

    return ui_text(key, lang)


def localised_too_long(limit: int, lang: str | None) -> str:
    return in_language(TOO_LONG, lang).format(limit=limit)


class LanguageMemory:
    """The language of each conversation (by its pseudonymous sender id), in memory only.

    Learnt from the assistant's own replies (lang-core's NLG sends ``{"language": "pl"}`` as a
    custom payload), so the channel's fixed texts follow the conversation. Bounded, forgotten after
    ``ttl_seconds`` without a reply (the conversation's own expiry), and dropped on /forget.
    """

    def __init__(self, max_entries: int = 20_000, ttl_seconds: float = 1800.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._langs: dict[str, tuple[str, float]] = {}
        self._max = max_entries
        self._ttl = ttl_seconds
        self._clock = clock

    def learn(self, sender_id: str, payload: object) -> None:
        from content.ui_strings import supported

        lang = payload.get("language") if isinstance(payload, dict) else None
        if not supported(lang):
            return
        self._langs.pop(sender_id, None)
        if len(self._langs) >= self._max:
            del self._langs[next(iter(self._langs))]  # the least recently told
        self._langs[sender_id] = (str(lang), self._clock() + self._ttl)

    def of(self, sender_id: str) -> str | None:
        entry = self._langs.get(sender_id)
        if entry is None:
            return None
        if entry[1] <= self._clock():
            del self._langs[sender_id]  # the conversation itself has expired by now
            return None
        return entry[0]

    def forget(self, sender_id: str) -> None:
        self._langs.pop(sender_id, None)
