/**
 * `dist/embed.html` + this script: the widget as a page of its own, for CMSs that strip `<script>`
 * from their editors (WordPress without unfiltered_html, locked-down Drupal formats) but allow an
 * iframe. The same settings as `<open311-report>`'s attributes come as URL parameters; the page
 * tells its parent its height so the iframe can fit, but only when the parent named its origin
 * (`parent-origin`), and only to that origin.
 */
import './index.js';

/** The attributes that may come from the URL (anything else is ignored). */
const ALLOWED = [
  'endpoint',
  'jurisdiction',
  'services',
  'groups',
  'map-style',
  'center',
  'zoom',
  'boundary',
  'outside-name',
  'outside-url',
  'geocoder',
  'assets',
  'asset-attribute',
  'contact-fields',
  'require-contact',
  'photo',
  'upload-url',
  'urgent-phone',
  'urgent-services',
  'response-times',
  'council-phone',
  'council-email',
  'council-address',
  'privacy-url',
  'data-controller',
  'public-fields',
  'track-url',
  'heading-level',
  'lang',
] as const;

/** The message the embed page sends to its parent. */
export interface EmbedHeightMessage {
  type: 'open311:height';
  height: number;
}

/** Reads the settings; `parent-origin` must be an http(s) origin, or no message is ever sent. */
export function embedSettings(search: string): { attributes: Record<string, string>; parentOrigin?: string } {
  const params = new URLSearchParams(search);
  const attributes: Record<string, string> = {};
  for (const name of ALLOWED) {
    const value = params.get(name);
    if (value !== null) attributes[name] = value;
  }
  let parentOrigin: string | undefined;
  const raw = params.get('parent-origin');
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === 'https:' || url.protocol === 'http:') parentOrigin = url.origin;
    } catch {
      // not an origin: no messages
    }
  }
  return { attributes, ...(parentOrigin ? { parentOrigin } : {}) };
}

function start(): void {
  const { attributes, parentOrigin } = embedSettings(location.search);
  const host = document.getElementById('open311-embed');
  if (!host) return;
  if (!attributes['endpoint']) {
    host.textContent = 'This reporting form is not set up: the page address needs an endpoint parameter.';
    return;
  }
  const el = document.createElement('open311-report');
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'lang') document.documentElement.lang = v;
    else el.setAttribute(k, v);
  }
  // Steps are not browser history entries inside a frame: Back belongs to the council's page.
  el.setAttribute('no-history', '');
  host.replaceChildren(el);
  if (!parentOrigin || window.parent === window) return;
  let last = 0;
  const tell = (): void => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: EmbedHeightMessage = { type: 'open311:height', height };
    window.parent.postMessage(message, parentOrigin);
  };
  new ResizeObserver(tell).observe(document.documentElement);
  tell();
}

if (typeof document !== 'undefined') start();
