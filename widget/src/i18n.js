/**
 * The widget's interface strings in the conversation's language. English is built in (so the
 * widget works before and without the server's strings); other languages come from
 * `<script dir>/strings/<lang>.json`, served by the web app from content/ui_strings.yml, and are
 * held in memory only.
 */

// English, as in content/ui_strings.yml (the server's copy wins once fetched).
const ENGLISH = {
  exit: 'Exit this page',
  emergency: 'Emergency',
  exit_activated: 'Loading.',
  exit_timed_out: 'Exit this page expired.',
  exit_press_two: 'Shift, press 2 more times to exit.',
  exit_press_one: 'Shift, press 1 more time to exit.',
  send: 'Send',
  start_again: 'Start again',
  close: 'Close chat',
  keyboard_hint: 'Press Enter to send. Press Shift 3 times to leave this page quickly.',
  input_label: 'Your message',
  input_placeholder: 'Type your message here',
  conversation_label: 'Conversation',
  you_said: 'You said:',
  assistant_said: 'Assistant:',
  typing: 'The assistant is typing.',
  suggested_replies: 'Suggested replies',
  try_again: 'Try again',
  language_button: 'Language',
  language_menu_label: 'Choose a language',
  greeting: 'Hello. How can I help you today?',
  intro_before: 'Before you start:',
  intro_exit:
    'To leave quickly, select **Exit this page** or press the **Shift** key 3 times. The page goes blank, ' +
    'this conversation is deleted from our system and a different website opens.',
  intro_history:
    'Leaving this way does **not** erase your browsing history. If someone else may look at this device, ' +
    'use a private (incognito) window, or a device they cannot get to.',
  intro_nothing_saved:
    'Nothing from this chat is saved on this device. Closing or reloading the page ends the conversation.',
  intro_no_name: 'You do not need to give your name or any details that could identify you.',
  no_reply: 'Sorry, I do not have an answer for that. Please try asking in a different way.',
  emergency_line: 'If you are in danger now, call 999.',
  error_generic: 'Something went wrong. Please try again.',
  error_offline: 'No connection. Check your internet connection, then try again.',
  error_not_allowed:
    "This page isn't allowed to use the chat service, so the chat cannot work here. " +
    'Please tell the owner of this website.',
  error_unreachable: 'We could not reach the chat service. Check your connection, then try again.',
  error_unavailable:
    'The assistant is not available right now. Please try again in a few minutes. If you are in danger now, call 999.',
  error_rate_limited:
    'You are sending messages faster than we can answer. Please wait a moment and try again. ' +
    'If you are in danger now, call 999.',
  error_too_long: 'Your message is too long. Please keep it under {max_chars} characters.',
  error_unreadable: 'Your message contains characters we cannot read. Please type it again.',
};

export const DEFAULT_LANGUAGE = 'en';
const CODE = /^[a-z]{2}$/;

export function validCode(code) {
  return typeof code === 'string' && CODE.test(code);
}

export function validDir(dir) {
  return dir === 'rtl' || dir === 'ltr' ? dir : null;
}

/** The strings of one language; falls back to English for any it lacks. */
export class Strings {
  constructor(lang, dir, table) {
    this.lang = lang;
    this.dir = dir;
    this.table = table || {};
  }

  t(name) {
    const value = this.table[name];
    return typeof value === 'string' && value ? value : ENGLISH[name] || '';
  }
}

export const ENGLISH_STRINGS = new Strings(DEFAULT_LANGUAGE, 'ltr', ENGLISH);

/** Fetches a language's strings; resolves to a Strings, or null if they cannot be had. */
export async function fetchStrings(url, lang) {
  try {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) return null;
    const data = await response.json();
    if (!data || data.language !== lang || typeof data.strings !== 'object' || !data.strings) return null;
    const table = {};
    Object.keys(data.strings).forEach((name) => {
      if (typeof data.strings[name] === 'string') table[name] = data.strings[name];
    });
    return new Strings(lang, validDir(data.dir) || 'ltr', table);
  } catch (e) {
    return null;
  }
}

/**
 * Registers the fonts the server offers (Urdu Nastaliq, Gurmukhi, Gujarati) with the document's
 * font set. `@font-face` rules inside a shadow root are ignored, so the FontFace API is the way
 * to make them usable there; each has a unicode-range, so a browser only downloads a font when
 * text in its script is shown. The family names are our own, so the host page is not affected.
 */
export function registerFonts(fonts, base) {
  if (!Array.isArray(fonts) || typeof FontFace !== 'function' || !document.fonts) return 0;
  let added = 0;
  fonts.forEach((font) => {
    if (!font || typeof font.family !== 'string' || typeof font.url !== 'string') return;
    if (!/^fonts\/[a-z0-9-]+\.woff2$/.test(font.url)) return; // our own files only
    try {
      const href = new URL(font.url, base).href;
      const face = new FontFace(font.family, 'url("' + href + '") format("woff2")', {
        weight: String(font.weight || 400),
        unicodeRange: typeof font.unicode_range === 'string' ? font.unicode_range : undefined,
        display: 'swap',
      });
      document.fonts.add(face);
      added += 1;
    } catch (e) {
      // A font we cannot register leaves the system fonts in place.
    }
  });
  return added;
}
