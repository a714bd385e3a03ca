/**
 * The chat panel: launcher, header (Exit this page, Start again, Close), message log, typing
 * indicator and message form, inside a shadow root so the widget's styles never reach the host
 * page and the page's styles do not reach the widget. All state is in memory; reply text is
 * rendered as text nodes.
 */

import { DARK_TEXT, readableOn, textColourFor } from './colour.js';
import { newConversationId } from './conversation.js';
import { el, icon, visuallyHidden } from './dom.js';
import { activateExit, exitComponent, onExit, setExitLabels } from './exit.js';
import { DEFAULT_LANGUAGE, ENGLISH_STRINGS, fetchStrings, validCode, validDir } from './i18n.js';
import { renderMarkdown, telHref } from './markdown.js';

const ICON_CHAT =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';
const ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';
const ICON_LANGUAGE =
  'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.4 1.1-2.8 1.9-4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3zm.8 2h3a15.7 15.7 0 0 0 1.3 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.3-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.4-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.3 5.6c.6-1.1 1-2.3 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4z';

// Every error carries the emergency line: a failed chat must never hide it.
const EMERGENCY_NUMBER = '999';
// The payload of a language choice, as the assistant's own language buttons send it.
// Arabic script (Urdu), Gurmukhi and Gujarati: the scripts we serve fonts for.
const NON_LATIN = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u0A00-\u0AFF]/;
const chooseLanguagePayload = (code) => '/choose_language{"language":"' + code + '"}';
// Which interface string explains a failed request, by HTTP status (the server's own English
// sentence is shown when the interface is in English).
const ERROR_BY_STATUS = { 400: 'error_unreadable', 413: 'error_too_long', 429: 'error_rate_limited' };

/**
 * A visually hidden label that names its string (`data-ssgp-label`), so it can be put into the
 * message's language when that language's strings arrive after the message did.
 */
function spokenLabel(text, name, suffix) {
  const span = visuallyHidden(text + suffix);
  span.setAttribute('data-ssgp-label', name);
  span.setAttribute('data-ssgp-suffix', suffix);
  return span;
}

/**
 * Marks the first block of a reply that gives the 999 guidance as a call-out: a boxed note that
 * screen readers announce as "Emergency". Paragraphs get a role="note" wrapper; list items keep
 * their list semantics and get a hidden "Emergency:" prefix instead.
 */
export function markEmergency(body, label = ENGLISH_STRINGS.t('emergency')) {
  const link = Array.from(body.querySelectorAll('a.ssgp-tel')).find(
    (a) => a.getAttribute('href') === telHref(EMERGENCY_NUMBER) && !a.closest('details'),
  );
  if (!link) return null;
  const block = link.closest('p, li');
  if (!block || !body.contains(block)) return null;
  if (block.tagName === 'LI') {
    block.classList.add('ssgp-callout', 'ssgp-callout--item');
    block.insertBefore(spokenLabel(label, 'emergency', ': '), block.firstChild);
    return block;
  }
  const note = el('div', {
    class: 'ssgp-callout',
    role: 'note',
    'aria-label': label,
    'data-ssgp-label': 'emergency',
  });
  block.parentNode.insertBefore(note, block);
  note.appendChild(block);
  return note;
}

/** "If you are in danger now, call 999." in the interface language, with 999 a tel: link. */
function emergencyParagraph(strings) {
  const p = el('p', { class: 'ssgp-callout' }, [visuallyHidden(strings.t('emergency') + ': ')]);
  let line = strings.t('emergency_line');
  if (line.indexOf(EMERGENCY_NUMBER) < 0) line = ENGLISH_STRINGS.t('emergency_line');
  const at = line.indexOf(EMERGENCY_NUMBER);
  p.appendChild(document.createTextNode(line.slice(0, at)));
  p.appendChild(el('a', { href: telHref(EMERGENCY_NUMBER), class: 'ssgp-link ssgp-tel', text: EMERGENCY_NUMBER }));
  p.appendChild(document.createTextNode(line.slice(at + EMERGENCY_NUMBER.length)));
  return p;
}

function introText(greeting, strings) {
  return [
    greeting,
    '',
    strings.t('intro_before'),
    '- ' + strings.t('intro_exit'),
    '- ' + strings.t('intro_history'),
    '- ' + strings.t('intro_nothing_saved'),
    '- ' + strings.t('intro_no_name'),
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
    this.strings = ENGLISH_STRINGS; // the interface strings (follow the conversation's language)
    this.lang = DEFAULT_LANGUAGE; // the conversation's language, as far as the widget knows
    this.languages = []; // [{code, name, dir}] from the server's config: the language menu
    this.languageRequest = 0;
    this.registerFonts = null; // from the server's config: registers our Urdu/Gurmukhi/Gujarati fonts
    this.fontsWanted = false;
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

    this.closeLabel = visuallyHidden('');
    this.closeButton = el('button', { type: 'button', class: 'ssgp-icon-button ssgp-close' }, [
      icon(ICON_CLOSE, 'ssgp-icon'),
      this.closeLabel,
    ]);
    this.restartButton = el('button', { type: 'button', class: 'ssgp-secondary ssgp-restart' });
    this.exitRoot = exitComponent(o.exitUrl, 'ssgp-exit');

    // The language menu: a disclosure listing each language in its own name and script.
    this.languageLabel = el('span', { class: 'ssgp-language__label' });
    this.languageButton = el(
      'button',
      { type: 'button', class: 'ssgp-secondary ssgp-language', 'aria-expanded': 'false', 'aria-controls': id('languages') },
      [icon(ICON_LANGUAGE, 'ssgp-icon ssgp-language__icon'), this.languageLabel],
    );
    this.languageButton.hidden = true; // shown once the server has said which languages it has
    this.languageMenu = el('div', { id: id('languages'), class: 'ssgp-languages', role: 'group' });
    this.languageMenu.hidden = true;

    this.log = el('div', {
      class: 'ssgp-log',
      role: 'log',
      'aria-live': 'polite',
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
    this.sendButton = el('button', { type: 'submit', class: 'ssgp-send' });
    this.inputLabel = el('label', { for: id('input'), class: 'ssgp-vh' });
    this.hint = el('p', { id: id('hint'), class: 'ssgp-hint' });
    this.form = el('form', { class: 'ssgp-form', novalidate: true }, [
      this.inputLabel,
      el('div', { class: 'ssgp-form__row' }, [this.input, this.sendButton]),
      this.hint,
    ]);

    this.panel = el(
      'div',
      { id: id('panel'), class: 'ssgp-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': id('title') },
      [
        el('div', { class: 'ssgp-header' }, [
          el('div', { class: 'ssgp-header__top' }, [
            // The host page's title, in the page's language whatever the chat's language is.
            el('h2', {
              id: id('title'),
              class: 'ssgp-title',
              text: o.title,
              lang: document.documentElement.lang || null,
              dir: 'auto',
            }),
            // Beside Close, so the header (and the message area) keeps its height.
            el('div', { class: 'ssgp-header__tools' }, [this.languageButton, this.closeButton]),
          ]),
          el('div', { class: 'ssgp-header__actions' }, [this.exitRoot, this.restartButton]),
          this.languageMenu,
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

    this.applyStrings();

    this.launcher.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    this.languageButton.addEventListener('click', () => this.toggleLanguageMenu());
    this.closeButton.addEventListener('click', () => this.close());
    this.restartButton.addEventListener('click', () => this.startAgain());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        if (!this.languageMenu.hidden) {
          this.toggleLanguageMenu(false);
          this.languageButton.focus();
        } else {
          this.close();
        }
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
    this.exitInstance = activateExit(this.exitRoot);
    setExitLabels(this.exitRoot, this.exitInstance, this.strings);
  }

  show() {
    this.root.hidden = false;
  }

  applyConfig(config) {
    if (config.maxChars) {
      this.maxChars = config.maxChars;
      this.input.setAttribute('maxlength', String(config.maxChars));
    }
    if (Array.isArray(config.languages)) this.setLanguages(config.languages);
    if (typeof config.fonts === 'function') {
      this.registerFonts = config.fonts;
      if (this.fontsWanted) this.needFonts();
    }
  }

  /**
   * Registers our fonts the first time text in Urdu, Gurmukhi or Gujarati is shown (or the
   * language menu, which names them, opens). An English-only conversation never registers them,
   * so it fetches nothing and a partner page's CSP without font-src stays quiet.
   */
  needFonts(text) {
    if (typeof text === 'string' && !NON_LATIN.test(text)) return;
    this.fontsWanted = true;
    if (this.registerFonts) {
      const register = this.registerFonts;
      this.registerFonts = null;
      register();
    }
  }

  /** Puts every interface string in the current language, and its direction on the panel. */
  applyStrings() {
    const s = this.strings;
    this.panel.setAttribute('lang', s.lang);
    this.panel.setAttribute('dir', s.dir);
    this.closeLabel.textContent = s.t('close');
    this.restartButton.textContent = s.t('start_again');
    this.languageLabel.textContent = s.t('language_button');
    this.languageMenu.setAttribute('aria-label', s.t('language_menu_label'));
    this.log.setAttribute('aria-label', s.t('conversation_label'));
    this.inputLabel.textContent = s.t('input_label');
    this.input.setAttribute('placeholder', s.t('input_placeholder'));
    this.sendButton.textContent = s.t('send');
    this.hint.textContent = s.t('keyboard_hint');
    if (this.exitInstance !== undefined) setExitLabels(this.exitRoot, this.exitInstance, s);
    if (this.typing.classList.contains('ssgp-typing--on')) this.setTyping(true);
    // A reply can arrive before its language's strings do: its spoken labels follow them now.
    this.log.querySelectorAll('.ssgp-msg[lang="' + s.lang + '"] [data-ssgp-label]').forEach((node) => {
      const text = s.t(node.getAttribute('data-ssgp-label'));
      if (node.hasAttribute('aria-label')) node.setAttribute('aria-label', text);
      else node.textContent = text + (node.getAttribute('data-ssgp-suffix') || '');
    });
  }

  /** The writing direction of a language (from the server's list; Urdu is right to left). */
  dirOf(code) {
    const known = this.languages.find((l) => l.code === code);
    return (known && validDir(known.dir)) || (code === 'ur' ? 'rtl' : 'ltr');
  }

  /** The language menu's entries: each language named in itself, in its own script. */
  setLanguages(languages) {
    this.languages = languages.filter((l) => l && validCode(l.code) && typeof l.name === 'string' && l.name);
    this.languageMenu.textContent = '';
    this.languages.forEach((language) => {
      const button = el('button', {
        type: 'button',
        class: 'ssgp-languages__button',
        lang: language.code,
        dir: validDir(language.dir) || 'ltr',
        'data-language': language.code,
        text: language.name,
      });
      button.addEventListener('click', () => this.chooseLanguage(language));
      this.languageMenu.appendChild(button);
    });
    this.languageButton.hidden = this.languages.length < 2;
  }

  toggleLanguageMenu(open = this.languageMenu.hidden) {
    this.languageMenu.hidden = !open;
    this.languageButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      this.needFonts();
      this.languageMenu.querySelectorAll('button').forEach((b) => {
        b.setAttribute('aria-current', b.getAttribute('data-language') === this.strings.lang ? 'true' : 'false');
      });
      const first = this.languageMenu.querySelector('button');
      if (first) first.focus();
    }
  }

  /** The person picked a language: the interface switches now, and the assistant is told. */
  chooseLanguage(language) {
    this.toggleLanguageMenu(false);
    this.setLanguage(language.code);
    this.send(chooseLanguagePayload(language.code), language.name);
  }

  /**
   * Switches the interface to `code`: English at once (built in), another language once its
   * strings have arrived (kept in memory only). A later switch wins over an earlier one.
   */
  async setLanguage(code) {
    if (!validCode(code) || code === this.lang) return;
    this.lang = code; // new messages are marked with it at once
    if (code !== DEFAULT_LANGUAGE) this.needFonts();
    const request = (this.languageRequest += 1);
    let strings = ENGLISH_STRINGS;
    if (code !== DEFAULT_LANGUAGE) {
      strings = await fetchStrings(this.options.stringsUrl(code), code);
      if (request !== this.languageRequest || !strings) return;
    }
    this.strings = strings;
    this.applyStrings();
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
      if (this.blocked) this.showError(this.errorText({ cause: this.blocked }), null);
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
    const s = this.strings;
    // The host page's greeting is in the page's language; in another language, our own.
    const greeting = s.lang === DEFAULT_LANGUAGE ? this.options.greeting : s.t('greeting');
    this.addBotMessage({ text: introText(greeting, s), buttons: [] }, 'ssgp-msg--intro');
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** Scrolls the log so `node` (the start of the newest reply) is at its top. */
  scrollToStart(node) {
    const top = node.getBoundingClientRect().top - this.log.getBoundingClientRect().top + this.log.scrollTop;
    this.log.scrollTop = Math.max(0, top - 8);
  }

  /**
   * One message in the log, marked with its language and direction (`lang`/`dir`), so screen
   * readers pronounce it right and Urdu runs right to left. The person's own words get
   * dir="auto": the browser takes the direction from the text itself.
   */
  addMessage(who, content, extraClass, lang, dir) {
    const s = this.strings;
    const name = who === 'user' ? 'you_said' : 'assistant_said';
    const message = el(
      'div',
      {
        class: 'ssgp-msg ssgp-msg--' + who + (extraClass ? ' ' + extraClass : ''),
        lang: validCode(lang) ? lang : this.lang,
        dir: who === 'user' ? 'auto' : validDir(dir) || this.dirOf(validCode(lang) ? lang : this.lang),
      },
      [spokenLabel(s.t(name), name, ' ')],
    );
    message.appendChild(content);
    this.log.appendChild(message);
    return message;
  }

  addUserMessage(text) {
    this.needFonts(text);
    const p = el('p', { text });
    const message = this.addMessage('user', p);
    this.scrollToEnd();
    return message;
  }

  addBotMessage(reply, extraClass) {
    const body = el('div', { class: 'ssgp-msg__body' });
    if (typeof reply.text === 'string' && reply.text.trim()) {
      this.needFonts(reply.text);
      body.appendChild(renderMarkdown(reply.text));
    }
    markEmergency(body, this.strings.t('emergency'));
    const message = this.addMessage('bot', body, extraClass, reply.lang, reply.dir);
    const buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    const usable = buttons.filter((b) => b && typeof b.title === 'string' && b.title.trim());
    if (usable.length) {
      const group = el('div', { class: 'ssgp-quick', role: 'group', 'aria-label': this.strings.t('suggested_replies') });
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
      this.typing.appendChild(visuallyHidden(this.strings.t('typing')));
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
    const body = el('div', { class: 'ssgp-msg__body' }, [el('p', { text: message }), emergencyParagraph(this.strings)]);
    if (retry) {
      const again = el('button', { type: 'button', class: 'ssgp-secondary ssgp-retry', text: this.strings.t('try_again') });
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
    if (this.isOpen()) this.showError(this.errorText({ cause: message }), null);
  }

  /**
   * The sentence for a failed request, in the interface language: by its network cause
   * ('offline', 'notAllowed', 'unreachable') or HTTP status; in English, the server's own.
   */
  errorText(result) {
    const s = this.strings;
    const causes = { offline: 'error_offline', notAllowed: 'error_not_allowed', unreachable: 'error_unreachable' };
    if (result.cause) return s.t(causes[result.cause] || 'error_generic');
    if (s.lang === DEFAULT_LANGUAGE && result.error) return result.error;
    const key = ERROR_BY_STATUS[result.status] || (result.status >= 500 ? 'error_unavailable' : 'error_generic');
    return s.t(key).replace('{max_chars}', String(this.maxChars));
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
      // The conversation's language after this turn (when the server says), for the interface.
      if (validCode(result.language)) this.setLanguage(result.language);
      const replies = result.messages.filter((m) => m && typeof m === 'object');
      if (!replies.length) replies.push({ text: this.strings.t('no_reply'), buttons: [] });
      const first = replies.map((reply) => this.addBotMessage(reply))[0];
      // Open the new reply at its start (its first line and any 999 call-out), not its end.
      this.scrollToStart(first);
    } else {
      this.showError(this.errorText(result), result.retryable ? () => this.deliver(message) : null);
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
