/**
 * Reads the widget's options from its own <script> tag (data-* attributes) and works out
 * where its assets and API live: beside the script, so a site can serve it under a prefix.
 */

import { parseHexColour } from './colour.js';

export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';
export const DEFAULT_PRIMARY = '#1d5e82';

function text(value, fallback, max) {
  if (typeof value !== 'string') return fallback;
  const v = value.trim().replace(/\s+/g, ' ');
  return v ? v.slice(0, max) : fallback;
}

/** Only absolute http(s) URLs may be quick-exit destinations. */
export function safeExitUrl(value) {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

export function readOptions(script) {
  const ds = (script && script.dataset) || {};
  const scriptUrl = new URL((script && script.src) || 'widget/ssgp-chat.js', document.baseURI);
  const assetBase = new URL('.', scriptUrl);
  return {
    title: text(ds.title, 'Chat', 60),
    greeting: text(ds.greeting, 'Hello. How can I help you today?', 300),
    primary: parseHexColour(ds.primaryColour || ds.primaryColor) || DEFAULT_PRIMARY,
    exitUrl: safeExitUrl(ds.exitUrl),
    pageExit: ds.pageExit !== 'false',
    cssUrl: new URL('ssgp-chat.css', assetBase).href,
    configUrl: new URL('config.json', assetBase).href,
    chatUrl: new URL('../api/chat', assetBase).href,
    forgetUrl: new URL('../api/forget', assetBase).href,
    stringsUrl: (lang) => new URL('strings/' + encodeURIComponent(lang) + '.json', assetBase).href,
  };
}
