"""Shared pieces of the Telegram channel tests (a uniquely named module: several test
directories have a conftest.py, so tests never import from ``conftest``)."""

from __future__ import annotations

from typing import Any

SECRET = "test_webhook-secret_0123456789"
ID_KEY = "test-id-key"


class ToyAssistant:
    """Answers like a tiny assistant and remembers what it was asked."""

    def __init__(self) -> None:
        self.received: list[Any] = []
        self.forgotten: list[str] = []

    async def __call__(self, message: Any) -> None:
        self.received.append(message)
        out, text = message.output_channel, message.text
        if text == "/greet":
            await out.send_text_message(message.sender_id, "Hello, I'm the test assistant.")
        elif text == "buttons":
            await out.send_text_with_buttons(
                message.sender_id,
                "Would you like to **find a service**?",
                [{"title": "Yes", "payload": "/affirm"},
                 {"title": "Choose Gloucester", "payload": '/inform{"place": "' + "Gloucester " * 8 + '"}'},
                 {"title": "Website", "url": "https://example.org/help"}],
            )
        elif text == "long":
            paragraph = "Support is available. " * 40
            text = "\n\n".join([paragraph.strip()] * 12)
            await out.send_text_with_buttons(message.sender_id, text, [{"title": "OK", "payload": "/affirm"}])
        elif text == "boom":
            raise RuntimeError("assistant failure")
        else:
            await out.send_text_message(message.sender_id, f"You said: {text}")

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.received]

    async def forget(self, sender_id: str) -> bool:
        self.forgotten.append(sender_id)
        return True
