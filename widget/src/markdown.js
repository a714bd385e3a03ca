/**
 * The reply markup shared by the widget and Telegram (documented in docs/README-widget.md,
 * "Reply markup"; bot/channels/telegram_format.py converts the same dialect for Telegram):
 *
 *   paragraphs (blank line), line breaks, "- " and "1. " lists, **bold**, _italic_,
 *   [text](url) with http(s), tel: or mailto:, bare http(s) URLs, UK phone numbers (made tel:
 *   links), backslash escapes (\*, \_, \[ ...), and a disclosure block:
 *       ::: More about Samaritans
 *       lines shown only when opened
 *       :::
 *
 * Built with DOM APIs and text nodes only, so reply text can never inject HTML.
 */

import { el, visuallyHidden } from './dom.js';

const BULLET = /^\s*(?:[-*•])\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
const FENCE = /^\s*:::\s*(.*)$/;

// Phone numbers as UK directories print them: 999, 112, 101, 111, 116 xxx, and 0 followed by
// 9 or 10 more digits in groups (01452 726570, 0808 801 0327, 08 08 16 89 111), or +44.
const PHONE = '(?:\\+44 ?\\(?0?\\)? ?|\\b0)\\d(?: ?\\d){8,9}(?![\\d])|\\b116 ?\\d{3}\\b|\\b(?:999|112|101|111)\\b(?![-\\d])';
// escape | **bold** | _italic_ | [text](url) | bare URL | phone number
const INLINE = new RegExp(
  [
    '\\\\([\\\\*_`\\[\\]()<>#|~:!.-])',
    '\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*',
    '(?<![\\w\\\\])_(?=\\S)([^_\\n]*?\\S)_(?!\\w)',
    '\\[([^\\]\\n]+)\\]\\(([^()\\s]+)\\)',
    "(https?:\\/\\/[^\\s<>()\"]*[^\\s<>()\".,;:!?'])",
    '(' + PHONE + ')',
  ].join('|'),
  'g',
);
const ALLOWED_PROTOCOLS = ['http:', 'https:', 'tel:', 'mailto:'];

/** The URL if it is absolute and uses an allowed protocol, else null. */
export function safeHref(raw) {
  try {
    const url = new URL(raw);
    return ALLOWED_PROTOCOLS.includes(url.protocol) ? url.href : null;
  } catch (e) {
    return null;
  }
}

/** tel: URL for a phone number as printed ("0808 801 0327" -> "tel:08088010327"). */
export function telHref(number) {
  return 'tel:' + number.replace(/[^\d+]/g, '');
}

function link(href, label) {
  const safe = safeHref(href);
  if (!safe) return document.createTextNode(label);
  const external = safe.startsWith('http');
  const a = el('a', { href: safe, class: 'ssgp-link' }, [label]);
  if (external) {
    // A new tab keeps the chat open; no opener or referrer reaches the other site.
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    a.appendChild(visuallyHidden(' (opens in a new tab)'));
  }
  return a;
}

function phoneLink(number) {
  return el('a', { href: telHref(number), class: 'ssgp-link ssgp-tel' }, [number]);
}

/**
 * Appends inline-formatted `text` to `parent`. `inEmphasis` stops emphasis nesting in itself;
 * `noLinks` keeps links, URLs and numbers as text (a <summary> must not hold a link).
 */
export function appendInline(parent, text, inEmphasis = false, noLinks = false) {
  let last = 0;
  let match;
  const re = new RegExp(INLINE.source, 'g');
  while ((match = re.exec(text)) !== null) {
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    const [whole, escaped, bold, italic, label, href, url, phone] = match;
    if (escaped !== undefined) {
      parent.appendChild(document.createTextNode(escaped));
    } else if (bold !== undefined || italic !== undefined) {
      if (inEmphasis) {
        appendInline(parent, bold !== undefined ? bold : italic, true, noLinks);
      } else {
        const node = el(bold !== undefined ? 'strong' : 'em');
        appendInline(node, bold !== undefined ? bold : italic, true, noLinks);
        parent.appendChild(node);
      }
    } else if (label !== undefined) {
      const text = label.replace(/\\(.)/g, '$1');
      parent.appendChild(noLinks ? document.createTextNode(text) : link(href, text));
    } else if (url !== undefined) {
      parent.appendChild(noLinks ? document.createTextNode(url) : link(url, url));
    } else if (phone !== undefined) {
      parent.appendChild(noLinks ? document.createTextNode(phone) : phoneLink(phone));
    } else {
      parent.appendChild(document.createTextNode(whole));
    }
    last = re.lastIndex;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

function appendLines(parent, lines) {
  lines.forEach((line, i) => {
    if (i > 0) parent.appendChild(el('br'));
    appendInline(parent, line);
  });
}

/** Renders lines (no fences) into `target` as <p>, <ul> and <ol> blocks. */
function renderBlocks(target, lines) {
  let paragraph = [];
  let list = null;
  let listType = null;

  const flushParagraph = () => {
    if (paragraph.length) {
      const p = el('p');
      appendLines(p, paragraph);
      target.appendChild(p);
      paragraph = [];
    }
  };
  const flushList = () => {
    if (list) target.appendChild(list);
    list = null;
    listType = null;
  };

  lines.forEach((line) => {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const type = bullet ? 'ul' : 'ol';
      if (listType !== type) {
        flushList();
        list = el(type);
        listType = type;
        if (numbered && numbered[1] !== '1') list.setAttribute('start', numbered[1]);
      }
      const li = el('li');
      appendInline(li, bullet ? bullet[1] : numbered[2]);
      list.appendChild(li);
    } else if (!line.trim()) {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  });
  flushParagraph();
  flushList();
}

/**
 * Renders reply text into a DocumentFragment. A "::: Summary" line opens a disclosure
 * (<details>) that a line of ":::" closes; an unclosed one ends with the text.
 */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  let outside = [];
  let inside = null; // lines of the open disclosure
  let summary = '';

  const flushDisclosure = () => {
    const details = el('details', { class: 'ssgp-more' });
    const title = el('summary', { class: 'ssgp-more__summary' });
    appendInline(title, summary || 'More', false, true);
    details.appendChild(title);
    const body = el('div', { class: 'ssgp-more__body' });
    renderBlocks(body, inside);
    details.appendChild(body);
    fragment.appendChild(details);
    inside = null;
  };

  lines.forEach((line) => {
    const fence = FENCE.exec(line);
    if (fence && inside === null && fence[1].trim()) {
      renderBlocks(fragment, outside);
      outside = [];
      inside = [];
      summary = fence[1].trim();
    } else if (fence && inside !== null && !fence[1].trim()) {
      flushDisclosure();
    } else if (fence && !fence[1].trim()) {
      // A stray closing fence: nothing to close.
    } else if (inside !== null) {
      inside.push(line);
    } else {
      outside.push(line);
    }
  });
  if (inside !== null) flushDisclosure();
  renderBlocks(fragment, outside);
  return fragment;
}
