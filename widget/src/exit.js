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
let exiting = false;

/** Points the exit links this script created at `url` (from the server's config). */
export function setExitUrl(url) {
  ownLinks.forEach((a) => a.setAttribute('href', url));
}

/** Registers a function to run (synchronously) when the page exits. */
export function onExit(hook) {
  hooks.push(hook);
}

class SafeExitThisPage extends ExitThisPage {
  exitPage() {
    if (!this.$updateSpan || exiting) return;
    exiting = true;
    this.$updateSpan.textContent = '';
    document.body.classList.add('govuk-exit-this-page-hide-content');
    this.$overlay = el('div', { class: 'govuk-exit-this-page-overlay', role: 'alert' });
    document.body.appendChild(this.$overlay);
    this.$overlay.textContent = this.i18n.t('activated');
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

/**
 * Adds GOV.UK's hidden "Exit this page" skip link, for assistive technology, if the page has
 * none: first in the page's banner (or in `fallbackParent`), so it is an early Tab stop and
 * still inside a landmark.
 */
function ensureSkipLink(href, fallbackParent) {
  if (document.querySelector('.govuk-js-exit-this-page-skiplink')) return;
  const link = el('a', { href, class: 'govuk-skip-link govuk-js-exit-this-page-skiplink', rel: 'nofollow noreferrer' }, [
    'Exit this page',
  ]);
  ownLinks.push(link);
  const banner = document.querySelector('body > header, [role="banner"]');
  const parent = banner || fallbackParent || document.body;
  // After the page's own "skip to content" link, if it starts with one.
  const first = parent.firstElementChild;
  const after = first && first.matches('a[href^="#"]') ? first.nextSibling : parent.firstChild;
  parent.insertBefore(link, after);
}

function init(root) {
  try {
    const instance = new SafeExitThisPage(root);
    new Button(instance.$button); // Space activates the role="button" link, as in GOV.UK.
    return instance;
  } catch (e) {
    return null; // Already initialised by the host page's own GOV.UK Frontend, for example.
  }
}

/**
 * Sets up every exit control on the page: the host page's own Exit this page components
 * (data-module="govuk-exit-this-page" or "ssgp-exit-this-page"), or a page-level one we add
 * when the host has none and `pageExit` is on. Returns the instances created.
 */
export function setUpPageExit(exitUrl, pageExit) {
  // GOV.UK Frontend only runs where the page declares support (its inline snippet does this).
  document.body.classList.add('govuk-frontend-supported');
  const found = document.querySelectorAll(
    '[data-module="govuk-exit-this-page"], [data-module="ssgp-exit-this-page"]',
  );
  const instances = [];
  let pageRoot = null;
  if (!found.length && pageExit) {
    // Sticky at the top of the page, as GOV.UK places it; a labelled region so it sits in a landmark.
    pageRoot = exitComponent(exitUrl, 'ssgp-page-exit');
    pageRoot.setAttribute('role', 'region');
    pageRoot.setAttribute('aria-label', 'Exit this page');
    document.body.insertBefore(pageRoot, document.body.firstChild);
  }
  // The skip link must exist before the components start: they look for it when created.
  ensureSkipLink(exitUrl, pageRoot);
  found.forEach((root) => {
    const instance = init(root);
    if (instance) instances.push(instance);
  });
  if (pageRoot) {
    const instance = init(pageRoot);
    if (instance) instances.push(instance);
  }
  return instances;
}

/** Makes an Exit this page component (already in the DOM) work. */
export function activateExit(root) {
  return init(root);
}
