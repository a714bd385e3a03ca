/**
 * Stronger Safer Gloucester chat widget: entry point.
 *
 * Embed with one tag: <script src="/widget/ssgp-chat.js" defer data-title="..."
 * data-greeting="..." data-primary-colour="#..."></script>. Works under a strict CSP: the
 * stylesheet is a <link> to our own file, and styling uses classes and CSSOM only.
 * Makes same-origin requests only and writes nothing to the device.
 */

import { ChatApi } from './conversation.js';
import { setExitUrl, setUpPageExit } from './exit.js';
import { DEFAULT_EXIT_URL, readOptions, safeExitUrl } from './options.js';
import { ChatWidget } from './ui.js';

const CSS_FALLBACK_MS = 3000;

async function loadConfig(url) {
  try {
    const response = await fetch(url, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    if (!response.ok) return {};
    const data = await response.json();
    return {
      exitUrl: safeExitUrl(data.exit_url),
      maxChars: Number.isInteger(data.max_chars) && data.max_chars > 0 ? data.max_chars : null,
    };
  } catch (e) {
    return {};
  }
}

/** Links our stylesheet (unless the page already does) and calls `ready` once it applies. */
function loadStylesheet(href, ready) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      ready();
    }
  };
  let link = Array.from(document.querySelectorAll('link[rel="stylesheet"]')).find((l) => l.href === href);
  if (link && link.sheet) {
    once();
    return;
  }
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
  link.addEventListener('load', once);
  link.addEventListener('error', once);
  setTimeout(once, CSS_FALLBACK_MS); // never leave the chat hidden
}

function start(options) {
  const exitUrl = options.exitUrl || DEFAULT_EXIT_URL;
  setUpPageExit(exitUrl, options.pageExit);
  const widget = new ChatWidget({ ...options, exitUrl }, new ChatApi(options.chatUrl, options.forgetUrl));
  widget.mount();
  loadStylesheet(options.cssUrl, () => widget.show());
  loadConfig(options.configUrl).then((config) => {
    // A data-exit-url on the script tag wins over the server's default.
    if (!options.exitUrl && config.exitUrl) setExitUrl(config.exitUrl);
    widget.applyConfig({ maxChars: config.maxChars });
  });
}

(function main() {
  const script = document.currentScript; // only available while this script first runs
  if (window.ssgpChatLoaded) return; // the snippet pasted twice must not make two widgets
  window.ssgpChatLoaded = true;
  const options = readOptions(script);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => start(options));
  } else {
    start(options);
  }
})();
