/**
 * The conversation's only state: a random id and the API calls that use it.
 * The id lives in memory; nothing is written to the device (no storage, no cookies).
 */

const SEND_TIMEOUT_MS = 40000;
const NETWORK_ERROR = 'We could not reach the chat. Check your connection, then try again.';
const GENERIC_ERROR = 'Something went wrong. Please try again.';

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
  constructor(chatUrl, forgetUrl) {
    this.chatUrl = chatUrl;
    this.forgetUrl = forgetUrl;
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
        return { ok: true, messages: data.messages };
      }
      const error = data && typeof data.error === 'string' ? data.error : GENERIC_ERROR;
      const retryable = response.status === 429 || response.status >= 500;
      return { ok: false, status: response.status, error, retryable };
    } catch (e) {
      return { ok: false, status: 0, error: NETWORK_ERROR, retryable: true };
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
