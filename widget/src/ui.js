/**
 * The chat panel: launcher, header (Exit this page, Start again, Close), message log, typing
 * indicator and message form, inside a shadow root so the widget's styles never reach the host
 * page and the page's styles do not reach the widget. All state is in memory; reply text is
 * rendered as text nodes.
 */

import { DARK_TEXT, readableOn, textColourFor } from './colour.js';
import { newConversationId } from './conversation.js';
import { el, icon, visuallyHidden } from './dom.js';
import { activateExit, exitComponent, onExit } from './exit.js';
import { renderMarkdown, telHref } from './markdown.js';

const ICON_CHAT =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';
const ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';

const NO_REPLY = 'Sorry, I do not have an answer for that. Please try asking in a different way.';
// Every error carries the emergency line: a failed chat must never hide it.
const EMERGENCY_LINE = 'If you are in danger now, call 999.';
const EMERGENCY_NUMBER = '999';

/**
 * Marks the first block of a reply that gives the 999 guidance as a call-out: a boxed note that
 * screen readers announce as "Emergency". Paragraphs get a role="note" wrapper; list items keep
 * their list semantics and get a hidden "Emergency:" prefix instead.
 */
export function markEmergency(body) {
  const link = Array.from(body.querySelectorAll('a.ssgp-tel')).find(
    (a) => a.getAttribute('href') === telHref(EMERGENCY_NUMBER) && !a.closest('details'),
  );
  if (!link) return null;
  const block = link.closest('p, li');
  if (!block || !body.contains(block)) return null;
  if (block.tagName === 'LI') {
    block.classList.add('ssgp-callout', 'ssgp-callout--item');
    block.insertBefore(visuallyHidden('Emergency: '), block.firstChild);
    return block;
  }
  const note = el('div', { class: 'ssgp-callout', role: 'note', 'aria-label': 'Emergency' });
  block.parentNode.insertBefore(note, block);
  note.appendChild(block);
  return note;
}

function emergencyParagraph() {
  const p = el('p', { class: 'ssgp-callout' }, [visuallyHidden('Emergency: ')]);
  p.appendChild(document.createTextNode(EMERGENCY_LINE.replace(EMERGENCY_NUMBER + '.', '')));
  p.appendChild(el('a', { href: telHref(EMERGENCY_NUMBER), class: 'ssgp-link ssgp-tel', text: EMERGENCY_NUMBER }));
  p.appendChild(document.createTextNode('.'));
  return p;
}

function introText(greeting) {
  return [
    greeting,
    '',
    'Before you start:',
    '- To leave quickly, select **Exit this page** or press the **Shift** key 3 times. The page goes blank, ' +
      'this conversation is deleted from our system and a different website opens.',
    '- Leaving this way does **not** erase your browsing history. If someone else may look at this device, ' +
      'use a private (incognito) window, or a device they cannot get to.',
    '- Nothing from this chat is saved on this device. Closing or reloading the page ends the conversation.',
    '- You do not need to give your name or any details that could identify you.',
  ].join('\n');
}

let instanceCount = 0;

export class ChatWidget {
  constructor(options, api) {
    this.options = options;
    this.api = api;
    this.maxChars = 2000;
    this.conversationId = newConversationId();
    this.started = false; // true once a message may have reached the server
    this.busy = false;
    this.introShown = false;
    this.forgottenOnHide = false;
    this.blocked = null; // why the chat service cannot be used from this page, if it cannot
    this.prefix = 'ssgp-' + (instanceCount += 1);
    this.build();
    onExit(() => this.wipe());
    window.addEventListener('pagehide', () => this.onPageHide());
    window.addEventListener('pageshow', (event) => this.onPageShow(event));
  }

  build() {
    const o = this.options;
    const id = (suffix) => this.prefix + '-' + suffix;

    this.launcher = el(
      'button',
      { type: 'button', class: 'ssgp-launcher', 'aria-expanded': 'false', 'aria-controls': id('panel') },
      [icon(ICON_CHAT, 'ssgp-icon'), el('span', { class: 'ssgp-launcher__label', text: o.title })],
    );

    this.closeButton = el('button', { type: 'button', class: 'ssgp-icon-button ssgp-close' }, [
      icon(ICON_CLOSE, 'ssgp-icon'),
      visuallyHidden('Close chat'),
    ]);
    this.restartButton = el('button', { type: 'button', class: 'ssgp-secondary ssgp-restart', text: 'Start again' });
    this.exitRoot = exitComponent(o.exitUrl, 'ssgp-exit');

    this.log = el('div', {
      class: 'ssgp-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
      tabindex: '0',
    });
    this.typing = el('div', { class: 'ssgp-typing', role: 'status' });

    this.input = el('textarea', {
      id: id('input'),
      class: 'ssgp-input',
      rows: '2',
      maxlength: String(this.maxChars),
      autocomplete: 'off',
      'aria-describedby': id('hint'),
    });
    this.sendButton = el('button', { type: 'submit', class: 'ssgp-send', text: 'Send' });
    this.form = el('form', { class: 'ssgp-form', novalidate: true }, [
      el('label', { for: id('input'), class: 'ssgp-vh', text: 'Your message' }),
      el('div', { class: 'ssgp-form__row' }, [this.input, this.sendButton]),
      el('p', {
        id: id('hint'),
        class: 'ssgp-hint',
        text: 'Press Enter to send. Press Shift 3 times to leave this page quickly.',
      }),
    ]);

    this.panel = el(
      'div',
      { id: id('panel'), class: 'ssgp-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': id('title') },
      [
        el('div', { class: 'ssgp-header' }, [
          el('div', { class: 'ssgp-header__top' }, [
            el('h2', { id: id('title'), class: 'ssgp-title', text: o.title }),
            this.closeButton,
          ]),
          el('div', { class: 'ssgp-header__actions' }, [this.exitRoot, this.restartButton]),
        ]),
        this.log,
        this.typing,
        this.form,
      ],
    );
    this.panel.hidden = true;

    // A complementary landmark, so the widget's content sits inside a landmark on any page.
    this.root = el('aside', { class: 'ssgp-chat', 'aria-label': o.title }, [this.panel, this.launcher]);
    this.root.hidden = true; // shown once our stylesheet has loaded
    // CSSOM custom properties are allowed under a strict CSP (no style attributes in markup).
    this.root.style.setProperty('--ssgp-primary', o.primary);
    this.root.style.setProperty('--ssgp-on-primary', textColourFor(o.primary));
    // Quick-reply text and borders use the host colour only where it is readable.
    this.root.style.setProperty('--ssgp-accent-light', readableOn(o.primary, '#ffffff', DARK_TEXT));
    this.root.style.setProperty('--ssgp-accent-dark', readableOn(o.primary, '#161718', '#f3f2f1'));

    this.launcher.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    this.closeButton.addEventListener('click', () => this.close());
    this.restartButton.addEventListener('click', () => this.startAgain());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        this.close();
      }
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitTyped();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitTyped();
      }
    });
  }

  /**
   * Adds the widget to the page inside a shadow root, with `mountStyles(shadowRoot, onReady)`
   * linking our stylesheet there, and wires its Exit this page button.
   */
  mount(mountStyles) {
    this.host = el('div', { class: 'ssgp-chat-host' });
    const shadow = this.host.attachShadow({ mode: 'open' });
    mountStyles(shadow, () => this.show());
    shadow.appendChild(this.root);
    document.body.appendChild(this.host);
    activateExit(this.exitRoot);
  }

  show() {
    this.root.hidden = false;
  }

  applyConfig(config) {
    if (config.maxChars) {
      this.maxChars = config.maxChars;
      this.input.setAttribute('maxlength', String(config.maxChars));
    }
  }

  isOpen() {
    return !this.panel.hidden;
  }

  open() {
    this.panel.hidden = false;
    this.root.classList.add('ssgp-chat--open');
    this.launcher.setAttribute('aria-expanded', 'true');
    if (!this.introShown) {
      this.showIntro();
      if (this.blocked) this.showError(this.blocked, null);
    }
    this.input.focus();
  }

  close(returnFocus = true) {
    this.panel.hidden = true;
    this.root.classList.remove('ssgp-chat--open');
    this.launcher.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.launcher.focus();
  }

  showIntro() {
    this.introShown = true;
    this.addBotMessage({ text: introText(this.options.greeting), buttons: [] }, 'ssgp-msg--intro');
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** Scrolls the log so `node` (the start of the newest reply) is at its top. */
  scrollToStart(node) {
    const top = node.getBoundingClientRect().top - this.log.getBoundingClientRect().top + this.log.scrollTop;
    this.log.scrollTop = Math.max(0, top - 8);
  }

  addMessage(who, content, extraClass) {
    const label = who === 'user' ? 'You said: ' : 'Assistant: ';
    const message = el('div', { class: 'ssgp-msg ssgp-msg--' + who + (extraClass ? ' ' + extraClass : '') }, [
      visuallyHidden(label),
    ]);
    message.appendChild(content);
    this.log.appendChild(message);
    return message;
  }

  addUserMessage(text) {
    const p = el('p', { text });
    const message = this.addMessage('user', p);
    this.scrollToEnd();
    return message;
  }

  addBotMessage(reply, extraClass) {
    const body = el('div', { class: 'ssgp-msg__body' });
    if (typeof reply.text === 'string' && reply.text.trim()) body.appendChild(renderMarkdown(reply.text));
    markEmergency(body);
    const message = this.addMessage('bot', body, extraClass);
    const buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    const usable = buttons.filter((b) => b && typeof b.title === 'string' && b.title.trim());
    if (usable.length) {
      const group = el('div', { class: 'ssgp-quick', role: 'group', 'aria-label': 'Suggested replies' });
      usable.forEach((b) => {
        const payload = typeof b.payload === 'string' && b.payload.trim() ? b.payload : b.title;
        const button = el('button', { type: 'button', class: 'ssgp-quick__button', text: b.title.trim() });
        button.addEventListener('click', () => this.send(payload, b.title.trim()));
        group.appendChild(button);
      });
      message.appendChild(group);
    }
    return message;
  }

  clearTransient() {
    // Old suggestions and errors no longer apply once the person sends something new.
    this.log.querySelectorAll('.ssgp-quick, .ssgp-msg--error').forEach((node) => node.remove());
  }

  setTyping(on) {
    this.typing.textContent = '';
    this.typing.classList.toggle('ssgp-typing--on', on);
    if (on) {
      this.typing.appendChild(visuallyHidden('The assistant is typing.'));
      const dots = el('span', { class: 'ssgp-dots', 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]);
      this.typing.appendChild(dots);
    }
  }

  setBusy(on) {
    this.busy = on;
    this.setTyping(on);
    this.sendButton.setAttribute('aria-disabled', on ? 'true' : 'false');
  }

  /** An error that names its cause, always with the 999 line, and "Try again" when it may help. */
  showError(message, retry) {
    const body = el('div', { class: 'ssgp-msg__body' }, [el('p', { text: message }), emergencyParagraph()]);
    if (retry) {
      const again = el('button', { type: 'button', class: 'ssgp-secondary ssgp-retry', text: 'Try again' });
      again.addEventListener('click', () => {
        errorNode.remove();
        this.input.focus();
        retry();
      });
      body.appendChild(again);
    }
    const errorNode = this.addMessage('bot', body, 'ssgp-msg--error');
    this.scrollToStart(errorNode);
    return errorNode;
  }

  /** Shown when the widget cannot use the chat service at all (e.g. a site not allow-listed). */
  setBlocked(message) {
    this.blocked = message;
    if (this.isOpen()) this.showError(message, null);
  }

  submitTyped() {
    if (this.busy) return;
    const text = this.input.value.trim();
    if (!text) {
      this.input.focus();
      return;
    }
    this.input.value = '';
    this.send(text, text);
  }

  send(message, display) {
    if (this.busy) return;
    this.clearTransient();
    this.addUserMessage(display);
    this.input.focus();
    this.deliver(message);
  }

  async deliver(message) {
    const conversationId = this.conversationId;
    this.started = true;
    this.setBusy(true);
    const result = await this.api.send(conversationId, message);
    if (conversationId !== this.conversationId) return; // started again or exited meanwhile
    this.setBusy(false);
    if (result.ok) {
      const replies = result.messages.filter((m) => m && typeof m === 'object');
      if (!replies.length) replies.push({ text: NO_REPLY, buttons: [] });
      const first = replies.map((reply) => this.addBotMessage(reply))[0];
      // Open the new reply at its start (its first line and any 999 call-out), not its end.
      this.scrollToStart(first);
    } else {
      this.showError(result.error, result.retryable ? () => this.deliver(message) : null);
    }
  }

  /** Forgets the server's copy (if any) and starts a fresh conversation in memory. */
  resetConversation(forget) {
    if (forget && this.started) this.api.forget(this.conversationId);
    this.conversationId = newConversationId();
    this.started = false;
    this.setBusy(false);
    this.log.textContent = '';
    this.input.value = '';
    this.introShown = false;
  }

  startAgain() {
    this.resetConversation(true);
    this.showIntro();
    this.input.focus();
  }

  /** Exit hook: delete the conversation on the server and drop everything held in memory. */
  wipe() {
    this.resetConversation(true);
    this.close(false);
  }

  onPageHide() {
    // The id only lives in this page's memory, so once the page goes the server copy is orphaned.
    if (this.started) {
      this.api.forget(this.conversationId);
      this.forgottenOnHide = true;
    }
  }

  onPageShow(event) {
    if (event.persisted && this.forgottenOnHide) {
      // Restored from the back/forward cache after we asked the server to forget: start afresh.
      this.forgottenOnHide = false;
      this.resetConversation(false);
      if (this.isOpen()) this.showIntro();
    }
  }
}
