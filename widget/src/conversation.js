/**
 * The conversation's only state: a random id and the API calls that use it.
 * The id lives in memory; nothing is written to the device (no storage, no cookies).
 */

const SEND_TIMEOUT_MS = 40000;
const GENERIC_ERROR = 'Something went wrong. Please try again.';

/** What the resident is told when a request never got an answer, by cause (see diagnose). */
export const NETWORK_ERRORS = {
  offline: 'No connection. Check your internet connection, then try again.',
  notAllowed:
    "This page isn't allowed to use the chat service, so the chat cannot work here. " +
    'Please tell the owner of this website.',
  unreachable: 'We could not reach the chat service. Check your connection, then try again.',
};

const FETCH_OPTIONS = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };

/**
 * Why a request to the chat service failed without an answer: 'offline' (the browser knows it
 * has no network), 'notAllowed' (the service answers, but the browser withholds the answer
 * because this page's origin is not in WIDGET_ALLOWED_ORIGINS: an opaque no-cors request to the
 * same URL succeeds), or 'unreachable'.
 */
export async function diagnose(url) {
  if (navigator.onLine === false) return 'offline';
  try {
    await fetch(url, { ...FETCH_OPTIONS, mode: 'no-cors' });
  } catch (e) {
    return 'unreachable';
  }
  return new URL(url, document.baseURI).origin === window.location.origin ? 'unreachable' : 'notAllowed';
}

/** 32 url-safe characters from 24 random bytes. */
export function newConversationId() {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let binary = '';
  bytes.forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class ChatApi {
  constructor(chatUrl, forgetUrl, probeUrl) {
    this.chatUrl = chatUrl;
    this.forgetUrl = forgetUrl;
    this.probeUrl = probeUrl; // a GET endpoint of the same service, for diagnose()
  }

  /**
   * Sends one message. Resolves to {ok: true, messages} or
   * {ok: false, status, error, retryable}; never rejects.
   */
  async send(conversationId, message) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    try {
      const response = await fetch(this.chatUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ conversation_id: conversationId, message }),
        // No cookies (the host page may have some), no cache, no referrer.
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      let data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      if (response.ok && data && Array.isArray(data.messages)) {
        // `language`/`dir`: the conversation's language after this turn (absent from older servers).
        return { ok: true, messages: data.messages, language: data.language, dir: data.dir };
      }
      const error = data && typeof data.error === 'string' ? data.error : GENERIC_ERROR;
      const retryable = response.status === 429 || response.status >= 500;
      return { ok: false, status: response.status, error, retryable };
    } catch (e) {
      clearTimeout(timer);
      const cause = await diagnose(this.probeUrl);
      return { ok: false, status: 0, cause, error: NETWORK_ERRORS[cause], retryable: cause !== 'notAllowed' };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Asks the server to delete a conversation. Uses sendBeacon, which survives the page being
   * replaced (quick exit) or closed; falls back to a keepalive fetch.
   */
  forget(conversationId) {
    const body = JSON.stringify({ conversation_id: conversationId });
    let queued = false;
    try {
      queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(this.forgetUrl, body);
    } catch (e) {
      queued = false;
    }
    if (!queued) {
      try {
        fetch(this.forgetUrl, {
          method: 'POST',
          body,
          keepalive: true,
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
          headers: { 'Content-Type': 'text/plain' },
        }).catch(() => {});
      } catch (e) {
        // Best effort: the server forgets idle conversations on its own.
      }
    }
  }
}
