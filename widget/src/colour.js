/**
 * Colour helpers: accept only a plain hex colour, and pick the text colour (near-black or
 * white) with the better WCAG contrast against it, so any host colour stays readable.
 */

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Returns a normalised #rrggbb string, or null if `value` is not a hex colour. */
export function parseHexColour(value) {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!HEX.test(v)) return null;
  if (v.length === 4) {
    return ('#' + v[1] + v[1] + v[2] + v[2] + v[3] + v[3]).toLowerCase();
  }
  return v.toLowerCase();
}

function channel(c) {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrast(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const DARK_TEXT = '#0b0c0c';
export const LIGHT_TEXT = '#ffffff';

/** The text colour with the higher contrast on `background` (always at least 4.5:1). */
export function textColourFor(background) {
  return contrast(background, LIGHT_TEXT) >= contrast(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/** `colour` if it reaches 4.5:1 on `background`, else `fallback` (for text and borders). */
export function readableOn(colour, background, fallback) {
  return contrast(colour, background) >= 4.5 ? colour : fallback;
}
