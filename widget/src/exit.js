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

function ensureSkipLink(href) {
  if (document.querySelector('.govuk-js-exit-this-page-skiplink')) return;
  // GOV.UK puts this hidden link right after the "skip to content" link, for assistive technology.
  const link = el('a', { href, class: 'govuk-skip-link govuk-js-exit-this-page-skiplink', rel: 'nofollow noreferrer' }, [
    'Exit this page',
  ]);
  ownLinks.push(link);
  document.body.insertBefore(link, document.body.firstChild);
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
  ensureSkipLink(exitUrl);
  const found = document.querySelectorAll(
    '[data-module="govuk-exit-this-page"], [data-module="ssgp-exit-this-page"]',
  );
  const instances = [];
  found.forEach((root) => {
    const instance = init(root);
    if (instance) instances.push(instance);
  });
  if (!found.length && pageExit) {
    // Sticky at the top of the page, as GOV.UK places it; a labelled region so it sits in a landmark.
    const root = exitComponent(exitUrl, 'ssgp-page-exit');
    root.setAttribute('role', 'region');
    root.setAttribute('aria-label', 'Exit this page');
    const skip = document.querySelector('.govuk-js-exit-this-page-skiplink');
    document.body.insertBefore(root, skip ? skip.nextSibling : document.body.firstChild);
    const instance = init(root);
    if (instance) instances.push(instance);
  }
  return instances;
}

/** Makes an Exit this page component (already in the DOM) work. */
export function activateExit(root) {
  return init(root);
}
