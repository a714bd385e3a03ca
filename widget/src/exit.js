/**
 * Quick exit, built on GOV.UK Frontend's Exit this page component (MIT licence).
 *
 * We keep GOV.UK's behaviour (button, Shift pressed three times, hidden skip link, progress
 * lights and screen-reader announcements) and change what happens on exit, in this order:
 *   1. blank the page at once (GOV.UK's overlay and hidden body);
 *   2. run the exit hooks: the widget forgets the conversation (sendBeacon) and wipes its memory;
 *   3. location.replace() the destination, so Back does not return to the chat.
 */

import { Button } from 'govuk-frontend/dist/govuk/components/button/button.mjs';
import { ExitThisPage } from 'govuk-frontend/dist/govuk/components/exit-this-page/exit-this-page.mjs';
import { el } from './dom.js';

const hooks = [];
const ownLinks = []; // exit links this script created, whose destination it may update
// Every Exit this page instance this script started. Only the first one on a page listens for
// Shift (GOV.UK's design), so its announcements follow the chat's language too.
const started = [];
let exiting = false;

/** Points the exit links this script created at `url` (from the server's config). */
export function setExitUrl(url) {
  ownLinks.forEach((a) => a.setAttribute('href', url));
}

/** Registers a function to run (synchronously) when the page exits. */
export function onExit(hook) {
  hooks.push(hook);
}

// Host-page elements hidden while exiting, with their previous inline display, to restore on
// pageshow (back/forward cache). Done through CSSOM, so no global stylesheet is needed.
const hidden = [];

function blankPage(overlay) {
  Array.from(document.body.children).forEach((node) => {
    if (node === overlay || !(node instanceof HTMLElement)) return;
    hidden.push([node, node.style.getPropertyValue('display'), node.style.getPropertyPriority('display')]);
    node.style.setProperty('display', 'none', 'important');
  });
}

function unblankPage() {
  hidden.splice(0).forEach(([node, display, priority]) => {
    if (display) node.style.setProperty('display', display, priority);
    else node.style.removeProperty('display');
  });
}

/** A full-window white cover, styled through CSSOM (the widget's CSS lives in its shadow root). */
function overlayElement(text) {
  const overlay = el('div', { class: 'govuk-exit-this-page-overlay', role: 'alert' });
  const s = overlay.style;
  [
    ['position', 'fixed'],
    ['inset', '0'],
    ['z-index', '2147483647'],
    ['display', 'block'],
    ['padding', '1rem'],
    ['background-color', '#ffffff'],
    ['color', '#0b0c0c'],
    ['font', '1rem system-ui, sans-serif'],
  ].forEach(([name, value]) => s.setProperty(name, value, 'important'));
  overlay.textContent = text;
  return overlay;
}

class SafeExitThisPage extends ExitThisPage {
  exitPage() {
    if (!this.$updateSpan || exiting) return;
    exiting = true;
    this.$updateSpan.textContent = '';
    // The class is GOV.UK's, for host pages that style it; the inline styles work without it.
    document.body.classList.add('govuk-exit-this-page-hide-content');
    this.$overlay = overlayElement(this.i18n.t('activated'));
    document.body.appendChild(this.$overlay);
    blankPage(this.$overlay);
    hooks.forEach((hook) => {
      try {
        hook();
      } catch (e) {
        // An exit hook must never stop the exit.
      }
    });
    window.location.replace(this.$button.href);
  }

  resetPage() {
    exiting = false;
    unblankPage();
    super.resetPage();
  }
}

/** GOV.UK Exit this page markup (the same as the Nunjucks macro renders). */
export function exitComponent(href, extraClass) {
  const button = el(
    'a',
    {
      href,
      role: 'button',
      draggable: 'false',
      class: 'govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button',
      rel: 'nofollow noreferrer',
    },
    [el('span', { class: 'govuk-visually-hidden', text: 'Emergency' }), ' Exit this page'],
  );
  ownLinks.push(button);
  return el('div', { class: 'govuk-exit-this-page' + (extraClass ? ' ' + extraClass : '') }, [button]);
}

/** The hidden "Exit this page" skip link (shown on focus), for keyboard and screen reader users. */
function skipLink(href, onActivate) {
  const link = el('a', { href, class: 'ssgp-skip-link govuk-js-exit-this-page-skiplink', rel: 'nofollow noreferrer' }, [
    'Exit this page',
  ]);
  ownLinks.push(link);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onActivate();
  });
  return link;
}

function init(root) {
  try {
    const instance = new SafeExitThisPage(root);
    new Button(instance.$button); // Space activates the role="button" link, as in GOV.UK.
    started.push(instance);
    return instance;
  } catch (e) {
    return null; // Already initialised by the host page's own GOV.UK Frontend, for example.
  }
}

/**
 * Sets up every exit control on the page: the host page's own GOV.UK Exit this page components
 * (data-module="govuk-exit-this-page", styled by the host), or, when the host has none and
 * `pageExit` is on, our own red button in a shadow root (so its styles stay out of the page).
 * It goes inside an element marked data-ssgp-exit-this-page if the page has one, else sticky at
 * the top of the page. `mountStyles(shadowRoot)` adds the widget's stylesheet to a shadow root.
 * Returns the instances created.
 */
export function setUpPageExit(exitUrl, pageExit, mountStyles) {
  // GOV.UK Frontend only runs where the page declares support (its inline snippet does this).
  document.body.classList.add('govuk-frontend-supported');
  const found = document.querySelectorAll(
    '[data-module="govuk-exit-this-page"], [data-module="ssgp-exit-this-page"]',
  );
  const instances = [];
  found.forEach((root) => {
    const instance = init(root);
    if (instance) instances.push(instance);
  });
  if (!found.length && pageExit) {
    const slot = document.querySelector('[data-ssgp-exit-this-page]');
    const host = el('div', {
      class: 'ssgp-page-exit-host' + (slot ? ' ssgp-page-exit-host--placed' : ''),
      role: 'region',
      'aria-label': 'Exit this page',
    });
    const shadow = host.attachShadow({ mode: 'open' });
    host.hidden = true; // shown once its stylesheet applies (or after a short fallback)
    mountStyles(shadow, () => {
      host.hidden = false;
    });
    const root = exitComponent(exitUrl, 'ssgp-page-exit');
    let instance = null;
    // Skip link first, so it is the first Tab stop of the region, unless the page has its own.
    if (!document.querySelector('.govuk-js-exit-this-page-skiplink')) {
      shadow.appendChild(skipLink(exitUrl, () => instance && instance.exitPage()));
    }
    shadow.appendChild(root);
    if (slot) slot.appendChild(host);
    else document.body.insertBefore(host, document.body.firstChild);
    instance = init(root);
    if (instance) instances.push(instance);
  }
  return instances;
}

/** Makes an Exit this page component (already in the DOM) work. */
export function activateExit(root) {
  return init(root);
}

/**
 * Puts our Exit this page button (made by exitComponent, inside `root`) and its GOV.UK
 * announcements ("Shift, press 2 more times to exit." ...) into the interface language.
 * `strings.t(name)` gives each text. The quick exit itself does not change.
 */
export function setExitLabels(root, instance, strings) {
  const button = root.querySelector('.govuk-exit-this-page__button');
  if (button) {
    const hidden = button.querySelector('.govuk-visually-hidden');
    if (hidden) hidden.textContent = strings.t('emergency');
    const label = Array.from(button.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (label) label.textContent = ' ' + strings.t('exit');
  }
  const announcements = {
    activated: strings.t('exit_activated'),
    timedOut: strings.t('exit_timed_out'),
    pressTwoMoreTimes: strings.t('exit_press_two'),
    pressOneMoreTime: strings.t('exit_press_one'),
  };
  new Set([instance, ...started]).forEach((one) => {
    if (one && one.i18n && one.i18n.translations) one.i18n.translations = { ...announcements };
  });
}
