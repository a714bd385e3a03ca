"""The Telegram conversation logic, independent of Sanic: updates in, Bot API calls out.

``TelegramService.handle_update`` takes one Bot API update (from the webhook or from long
polling), decides what it is (text, command, button press, media, group message...) and either
answers itself or hands the text to the assistant through Rasa's ``on_new_message``.

Privacy: the raw chat id lives only in the ``TelegramOutput`` made for one update; Rasa sees a
keyed hash (``ConversationIds``) and no metadata. Nothing here logs message text, chat ids,
names or usernames; log lines carry only the kind of event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from telegram import CallbackQuery, LinkPreviewOptions, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.channels.telegram import texts
from bot.channels.telegram.config import CHANNEL_NAME, TelegramConfig
from bot.channels.telegram.conversation_state import ConversationIds, KeyedLocks, MessageLog, RecentKeys
from bot.channels.telegram.formatting import PayloadStore, inline_keyboard, render_messages, to_plain
from bot.channels.telegram.polling import POLL_TIMEOUT_SECONDS, LongPoller, RawUpdatesBot
from bot.rate_limit import RATE_WINDOW_SECONDS, SlidingWindowLimiter
from content.tokens import with_contacts

logger = logging.getLogger(__name__)

TYPING_REFRESH_SECONDS = 4.0  # Telegram shows "typing" for about 5 s per call.
MAX_RETRY_AFTER_SECONDS = 30
GROUP_REMINDER_SECONDS = 24 * 3600
SEEN_UPDATE_SECONDS = 3600
RATE_LIMIT_MAX_KEYS = 10_000

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
ForgetConversation = Callable[[str], Awaitable[bool]]


def quiet_libraries() -> None:
    """Keep library loggers that would leak at WARNING, whatever level the process runs at."""
    # httpx logs every request URL at INFO and Bot API URLs contain the bot token; PTB logs
    # request parameters and results (chat ids, names, texts) at DEBUG.
    for name in ("httpx", "httpcore", "telegram"):
        logging.getLogger(name).setLevel(logging.WARNING)


def make_requests() -> tuple[HTTPXRequest, HTTPXRequest]:
    """HTTP clients for Bot API calls and for long polling (which needs a longer read timeout)."""
    return (
        HTTPXRequest(connection_pool_size=16, read_timeout=15.0, pool_timeout=5.0),
        HTTPXRequest(connection_pool_size=1, read_timeout=POLL_TIMEOUT_SECONDS + 10.0),
    )


def _error_kind(exc: BaseException) -> str:
    # Exception texts can carry request details; the class name is enough for operators.
    return type(exc).__name__


class TelegramOutput(OutputChannel):
    """Sends the assistant's replies to one chat. Holds the raw chat id only for this update."""

    def __init__(self, service: TelegramService, chat_id: int, sender_id: str) -> None:
        self._service = service
        self._chat_id = chat_id
        self._sender_id = sender_id

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send(text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send(text, buttons)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send(text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send(f"[Image]({image})")

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self.send(str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        # Custom payloads are for the web widget; only a plain "text" field makes sense here.
        # The conversation's language rides along, for the channel's own texts.
        memory = getattr(self._service, "languages", None)  # stand-in services in tests may lack it
        if memory is not None:
            memory.learn(self._sender_id, json_message)
        text = json_message.get("text") if isinstance(json_message, dict) else None
        if isinstance(text, str) and text.strip():
            await self.send(text)

    async def send(self, text: str, buttons: list[dict[str, Any]] | None = None) -> None:
        """Send ``text`` (light markdown), split to fit; buttons go on the last part.

        Directory placeholders in the channel's own texts ({phone:police-emergency}) are filled here.
        """
        memory = getattr(self._service, "languages", None)
        lang = memory.of(self._sender_id) if memory is not None else None
        parts = render_messages(
            with_contacts(texts.in_language(str(text or ""), lang), self._service.config.directory_path)
        )
        keyboard = inline_keyboard(buttons or [], self._service.payloads) if buttons else None
        if not parts and keyboard is not None:
            parts = render_messages(texts.in_language(texts.CHOOSE, lang))  # Telegram needs some text to carry buttons
        for index, (html_text, source) in enumerate(parts):
            markup = keyboard if index == len(parts) - 1 else None
            await self._service.send_message(self._chat_id, self._sender_id, html_text, source, markup)


class TelegramService:
    """Handles Telegram updates for one Rasa server process."""

    def __init__(self, config: TelegramConfig) -> None:
        quiet_libraries()
        self.config = config
        self._requests = make_requests()
        self.bot = RawUpdatesBot(
            config.token,
            base_url=config.api_base_url,
            request=self._requests[0],
            get_updates_request=self._requests[1],
        )
        self.ids = ConversationIds(config.id_key)
        self.messages = MessageLog()
        self.payloads = PayloadStore()
        self.languages = texts.LanguageMemory(ttl_seconds=config.conversation_ttl_seconds)
        self._locks = KeyedLocks()
        self._seen_updates = RecentKeys(SEEN_UPDATE_SECONDS)
        self._declined_chats = RecentKeys(GROUP_REMINDER_SECONDS)
        # Messages and button presses per conversation per minute; 0 (or less) switches the limit off.
        self._rate = (
            SlidingWindowLimiter(config.rate_per_minute, max_keys=RATE_LIMIT_MAX_KEYS)
            if config.rate_per_minute > 0
            else None
        )
        self._rate_warned = RecentKeys(RATE_WINDOW_SECONDS)
        self._started = False
        self._start_lock = asyncio.Lock()
        self._poller = LongPoller(self.bot, self.start)

    # ----- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Open the HTTP connection pools (no Bot API call: start-up works offline)."""
        async with self._start_lock:
            if self._started:
                return
            # Bot.initialize() would call getMe; opening the pools is all sending needs.
            await asyncio.gather(*(request.initialize() for request in self._requests))
            self._started = True

    async def stop(self) -> None:
        """Stop polling, let in-flight updates finish briefly, close connections."""
        await self.stop_polling()
        await self._poller.drain(timeout=10)
        if self._started:
            await asyncio.gather(*(request.shutdown() for request in self._requests), return_exceptions=True)
            self._started = False

    # ----- long polling -----------------------------------------------------------------------

    def start_polling(
        self, on_new_message: OnNewMessage, forget: ForgetConversation | None = None
    ) -> None:
        """Fetch updates with getUpdates (polling.LongPoller) and handle each like a webhook update."""

        async def handle(data: dict[str, Any]) -> None:
            await self.handle_update(data, on_new_message, forget)

        self._poller.start(handle)

    async def stop_polling(self) -> None:
        await self._poller.stop()

    @property
    def polling(self) -> bool:
        return self._poller.running

    # ----- updates ----------------------------------------------------------------------------

    async def handle_update(
        self, data: dict[str, Any], on_new_message: OnNewMessage, forget: ForgetConversation | None = None
    ) -> None:
        """Process one update given as the Bot API's JSON (the webhook body)."""
        await self.start()
        try:
            update = Update.de_json(data, self.bot)
        except Exception as exc:  # noqa: BLE001 - a malformed update is dropped, not a crash
            logger.warning("Ignored an unreadable Telegram update (%s)", _error_kind(exc))
            return
        if update is None:
            return
        await self.dispatch(update, on_new_message, forget)

    async def dispatch(
        self, update: Update, on_new_message: OnNewMessage, forget: ForgetConversation | None = None
    ) -> None:
        if not self._seen_updates.add(update.update_id):
            logger.info("Ignored a repeated Telegram update")
            return
        try:
            if update.callback_query is not None:
                await self._on_callback(update.callback_query, on_new_message)
            elif update.message is not None:
                await self._on_message(update.message, on_new_message, forget)
            elif update.edited_message is not None:
                await self._on_edited(update.edited_message)
            elif update.channel_post is not None:
                await self._decline(update.channel_post)
            else:
                logger.info("Ignored a Telegram update of another kind")
        except Exception as exc:  # noqa: BLE001 - never let one update break the channel
            logger.error("Telegram update failed (%s)", _error_kind(exc))

    def _private(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE

    async def _decline(self, message: Message) -> None:
        """Group, supergroup and channel messages: say once that we only talk privately."""
        if self._declined_chats.add(self.ids.sender_id(message.chat.id)):
            logger.info("Declined a non-private Telegram chat")
            await self._send_safely(message.chat.id, with_contacts(texts.PRIVATE_ONLY, self.config.directory_path))

    async def _on_edited(self, message: Message) -> None:
        if not self._private(message):
            return
        sender_id = self.ids.sender_id(message.chat.id)
        async with self._locks.hold(sender_id):
            await TelegramOutput(self, message.chat.id, sender_id).send(texts.EDITED)

    async def _on_message(
        self, message: Message, on_new_message: OnNewMessage, forget: ForgetConversation | None
    ) -> None:
        if not self._private(message):
            await self._decline(message)
            return
        chat_id = message.chat.id
        sender_id = self.ids.sender_id(chat_id)
        out = TelegramOutput(self, chat_id, sender_id)
        async with self._locks.hold(sender_id):
            self.messages.record(sender_id, message.message_id)
            # /forget is never rate limited: someone who needs to erase the chat must be able to.
            if _command(message.text) != "/forget" and not await self._within_rate(sender_id, out):
                return
            if message.text is None:
                logger.info("Telegram non-text message answered")
                await out.send(texts.NOT_TEXT)
                return
            text = message.text.strip()
            if text.startswith("/"):
                await self._on_command(text, chat_id, sender_id, out, on_new_message, forget)
                return
            if not text:
                await out.send(texts.EMPTY)
                return
            limit = self.config.max_text_chars
            if len(text) > limit:
                # Read the start rather than refuse: a long message may hold a disclosure.
                text = _truncate(text, limit)
                await out.send(texts.localised_too_long(limit, self.languages.of(sender_id)))
            await self._ask(text, chat_id, sender_id, out, on_new_message)

    async def _on_command(
        self,
        text: str,
        chat_id: int,
        sender_id: str,
        out: TelegramOutput,
        on_new_message: OnNewMessage,
        forget: ForgetConversation | None,
    ) -> None:
        command = _command(text) or ""
        logger.info("Telegram command %s", command if command in _COMMANDS else "(unknown)")
        if command == "/start":
            await out.send(texts.START)
            await self._ask("/greet", chat_id, sender_id, out, on_new_message)
        elif command == "/help":
            await out.send(texts.HELP)
        elif command == "/services":
            await self._ask("Find a service", chat_id, sender_id, out, on_new_message)
        elif command == "/forget":
            await self._forget(chat_id, sender_id, out, forget)
        else:
            # Typed "/intent" text would trigger intents directly in Rasa; buttons use callbacks.
            await out.send(texts.UNKNOWN_COMMAND)

    async def _on_callback(self, query: CallbackQuery, on_new_message: OnNewMessage) -> None:
        with contextlib.suppress(TelegramError):
            await self.bot.answer_callback_query(query.id)  # stops the button's spinner
        message = query.message
        if message is None or message.chat.type != ChatType.PRIVATE:
            return
        chat_id = message.chat.id
        sender_id = self.ids.sender_id(chat_id)
        out = TelegramOutput(self, chat_id, sender_id)
        async with self._locks.hold(sender_id):
            # Remove the keyboard so an old choice cannot be pressed again out of context.
            with contextlib.suppress(TelegramError):
                await self.bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=message.message_id, reply_markup=None
                )
            if not await self._within_rate(sender_id, out):
                return
            payload = self.payloads.payload(query.data or "")
            if not payload:
                await out.send(texts.BUTTON_EXPIRED)
                return
            logger.info("Telegram button pressed")
            await self._ask(payload, chat_id, sender_id, out, on_new_message)

    async def _within_rate(self, sender_id: str, out: TelegramOutput) -> bool:
        """Per-conversation flood limit; the person is told once per minute, then ignored."""
        if self._rate is None or self._rate.allow(sender_id):
            return True
        if self._rate_warned.add(sender_id):
            logger.warning("Telegram conversation over the rate limit")
            await out.send(texts.RATE_LIMITED)
        return False

    async def _ask(
        self, text: str, chat_id: int, sender_id: str, out: TelegramOutput, on_new_message: OnNewMessage
    ) -> None:
        """Hand ``text`` to the assistant while showing "typing..."."""
        # The first "typing" goes out before the question, so it can never arrive after the answer.
        await self._typing(chat_id)
        typing = asyncio.get_running_loop().create_task(self._keep_typing(chat_id))
        try:
            # No metadata: the tracker must not learn names, usernames or the chat id.
            await on_new_message(
                UserMessage(text, out, sender_id, input_channel=CHANNEL_NAME, metadata=None)
            )
        except Exception as exc:  # noqa: BLE001 - the person gets an apology, not silence
            logger.error("Assistant failed on a Telegram message (%s)", _error_kind(exc))
            await out.send(texts.FAILED)
        finally:
            typing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await typing

    async def _typing(self, chat_id: int) -> None:
        with contextlib.suppress(TelegramError):
            await self.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)

    async def _keep_typing(self, chat_id: int) -> None:
        """Renew "typing..." (Telegram shows it about 5 s) until cancelled by the answer."""
        while True:
            await asyncio.sleep(TYPING_REFRESH_SECONDS)
            await self._typing(chat_id)

    async def _forget(
        self, chat_id: int, sender_id: str, out: TelegramOutput, forget: ForgetConversation | None
    ) -> None:
        forgotten = False
        if forget is not None:
            try:
                forgotten = await forget(sender_id)
            except Exception as exc:  # noqa: BLE001 - still delete the chat messages
                logger.error("Forgetting a Telegram conversation failed (%s)", _error_kind(exc))
        deleted = 0
        for message_id in self.messages.deletable(sender_id):
            try:
                if await self.bot.delete_message(chat_id=chat_id, message_id=message_id):
                    deleted += 1
            except TelegramError:
                continue  # too old, already deleted by the person, or never ours to delete
        self.messages.forget(sender_id)
        logger.info("Telegram /forget: tracker forgotten=%s, %d messages deleted", forgotten, deleted)
        await out.send(texts.FORGOTTEN)
        self.languages.forget(sender_id)  # after the goodbye, which is still in their language

    # ----- sending ----------------------------------------------------------------------------

    async def send_message(
        self, chat_id: int, sender_id: str, html_text: str, source: str, markup: Any = None
    ) -> None:
        """Send one message (HTML; plain text if Telegram rejects the HTML) and log its id."""
        kwargs: dict[str, Any] = {
            "chat_id": chat_id,
            "reply_markup": markup,
            "link_preview_options": LinkPreviewOptions(is_disabled=True),
        }
        for attempt in range(2):
            try:
                try:
                    sent = await self.bot.send_message(text=html_text, parse_mode=ParseMode.HTML, **kwargs)
                except BadRequest:
                    logger.warning("Telegram rejected a formatted message; sending it as plain text")
                    sent = await self.bot.send_message(text=to_plain(source), **kwargs)
            except RetryAfter as exc:
                if attempt == 0:
                    await asyncio.sleep(min(_seconds(exc.retry_after), MAX_RETRY_AFTER_SECONDS))
                    continue
                logger.warning("Telegram reply not sent (flood control)")
                return
            except Forbidden:
                logger.warning("Telegram chat is closed to the bot (blocked or deleted); reply dropped")
                return
            except TelegramError as exc:
                logger.warning("Telegram reply not sent (%s)", _error_kind(exc))
                return
            self.messages.record(sender_id, sent.message_id)
            return

    async def _send_safely(self, chat_id: int, text: str) -> None:
        """Send a fixed notice to a chat we do not converse with (no id logging, no errors)."""
        for html_text, _ in render_messages(text):
            try:
                await self.bot.send_message(chat_id=chat_id, text=html_text, parse_mode=ParseMode.HTML)
            except TelegramError as exc:
                logger.warning("Telegram notice not sent (%s)", _error_kind(exc))
                return


_COMMANDS = frozenset({"/start", "/help", "/services", "/forget"})


def _command(text: str | None) -> str | None:
    """The command word ("/help" for "/help@SomeBot please"), or None for ordinary text."""
    words = (text or "").split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        return None
    return words[0].split("@", 1)[0].lower()


def _seconds(value: Any) -> float:
    """RetryAfter.retry_after is an int in PTB 21 and may become a timedelta later."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else value
    try:
        return max(float(seconds), 0.0)
    except (TypeError, ValueError):
        return 1.0


def _truncate(text: str, limit: int) -> str:
    """Cut at the last space before ``limit`` characters when there is one reasonably near."""
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit * 0.8 else cut
