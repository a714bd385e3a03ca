/**
 * Light markdown for assistant replies: paragraphs, line breaks, **bold**, bullet and numbered
 * lists, [links](url) and bare URLs. Built with DOM APIs and text nodes only, so reply text can
 * never inject HTML. Links are limited to http(s), tel: and mailto:.
 */

import { el, visuallyHidden } from './dom.js';

const BULLET = /^\s*(?:[-*•])\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
// **bold** | [text](url) | bare http(s) URL (trailing punctuation left out of the link)
const INLINE =
  /\*\*(?=\S)([\s\S]*?\S)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)|(https?:\/\/[^\s<>()"]*[^\s<>()".,;:!?'])/g;
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

/** Appends inline-formatted `text` to `parent`. */
export function appendInline(parent, text, allowBold = true) {
  let last = 0;
  let match;
  const re = new RegExp(INLINE.source, 'g');
  while ((match = re.exec(text)) !== null) {
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    if (match[1] !== undefined) {
      if (allowBold) {
        const strong = el('strong');
        appendInline(strong, match[1], false);
        parent.appendChild(strong);
      } else {
        parent.appendChild(document.createTextNode(match[0]));
      }
    } else if (match[2] !== undefined) {
      parent.appendChild(link(match[3], match[2]));
    } else {
      parent.appendChild(link(match[4], match[4]));
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

/** Renders reply text into a DocumentFragment of <p>, <ul> and <ol> blocks. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list = null;
  let listType = null;

  const flushParagraph = () => {
    if (paragraph.length) {
      const p = el('p');
      appendLines(p, paragraph);
      fragment.appendChild(p);
      paragraph = [];
    }
  };
  const flushList = () => {
    if (list) fragment.appendChild(list);
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
  return fragment;
}
