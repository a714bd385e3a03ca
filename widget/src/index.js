/**
 * Stronger Safer Gloucester chat widget: entry point.
 *
 * Embed with one tag: <script src="https://chat.example/widget/ssgp-chat.js" defer
 * data-title="..." data-greeting="..." data-primary-colour="#..."></script>, on a page served by
 * this app or by a partner site listed in WIDGET_ALLOWED_ORIGINS. Works under a strict CSP: the
 * stylesheet is a <link> to our own file inside the widget's shadow root, and styling uses
 * classes and CSSOM only. Writes nothing to the device.
 */

import { ChatApi, diagnose } from './conversation.js';
import { setExitUrl, setUpPageExit } from './exit.js';
import { registerFonts } from './i18n.js';
import { DEFAULT_EXIT_URL, readOptions, safeExitUrl } from './options.js';
import { ChatWidget } from './ui.js';

const CSS_FALLBACK_MS = 3000;

async function loadConfig(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (e) {
    return { failure: await diagnose(url) };
  }
  try {
    if (!response.ok) return {};
    const data = await response.json();
    return {
      exitUrl: safeExitUrl(data.exit_url),
      maxChars: Number.isInteger(data.max_chars) && data.max_chars > 0 ? data.max_chars : null,
      languages: Array.isArray(data.languages) ? data.languages : null,
      fonts: Array.isArray(data.fonts) ? data.fonts : [],
    };
  } catch (e) {
    return {};
  }
}

/** Returns a function that links our stylesheet into a shadow root and calls `ready` once it applies. */
function stylesheetMounter(href) {
  return (shadowRoot, ready) => {
    let done = false;
    const once = () => {
      if (!done && ready) {
        done = true;
        ready();
      }
    };
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.addEventListener('load', once);
    link.addEventListener('error', once);
    shadowRoot.appendChild(link);
    if (ready) setTimeout(once, CSS_FALLBACK_MS); // never leave the chat hidden
  };
}

function start(options) {
  const exitUrl = options.exitUrl || DEFAULT_EXIT_URL;
  const mountStyles = stylesheetMounter(options.cssUrl);
  setUpPageExit(exitUrl, options.pageExit, mountStyles);
  const api = new ChatApi(options.chatUrl, options.forgetUrl, options.configUrl);
  const widget = new ChatWidget({ ...options, exitUrl }, api);
  widget.mount(mountStyles);
  loadConfig(options.configUrl).then((config) => {
    if (config.failure === 'notAllowed') widget.setBlocked('notAllowed');
    // A data-exit-url on the script tag wins over the server's default.
    if (!options.exitUrl && config.exitUrl) setExitUrl(config.exitUrl);
    widget.applyConfig({
      maxChars: config.maxChars,
      languages: config.languages,
      // Registered only once a non-Latin script is on screen (see ChatWidget.needFonts).
      fonts: () => registerFonts(config.fonts, options.configUrl),
    });
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
