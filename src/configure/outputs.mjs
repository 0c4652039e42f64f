// What dist/configure.html gives a web team to copy (issue 21), from its choices: the two lines for a
// page, the iframe and its embed.json, the WordPress shortcode and the plugin's settings, and
// gateway.json for council IT; and the colours' contrast against WCAG AA. Pure functions, no DOM,
// so that Node tests can check what they write.

import { gatewayConfig } from '../../doctor/probe.mjs';

/**
 * @typedef {object} Choices
 * @property {string} endpoint what the element talks to: the council's server, or its gateway
 * @property {string} [serverEndpoint] the council's own server, when `endpoint` is its gateway
 * @property {string} [site] the council's site origin (where the form goes)
 * @property {string} [jurisdiction]
 * @property {string} [pathTemplate]
 * @property {boolean} [noDateZone]
 * @property {boolean} [xml] the server answers in XML only (for the gateway)
 * @property {string[]} [services] a subset of service codes; none or empty: all
 * @property {string} [urgentPhone]
 * @property {string} [urgentText]
 * @property {boolean} [noUrgent]
 * @property {string} [councilPhone]
 * @property {string} [councilEmail]
 * @property {string} [privacyUrl]
 * @property {string} [trackUrl]
 * @property {'' | 'en' | 'cy'} [lang] '' follows the page's own language
 * @property {string} [mapStyle]
 * @property {string} [geocoder]
 * @property {string} [center]
 * @property {string} [zoom]
 * @property {boolean} [mapAtOnce]
 * @property {Record<string, string>} [colours] custom property name (without `--open311-`) → colour
 * @property {string} [base] where dist/ is uploaded on the council's site (default `/open311/`)
 */

/** The widget's own colours (the defaults in its styles), by custom property name. */
export const DEFAULT_COLOURS = Object.freeze({
  brand: '#1d70b8',
  button: '#00703c',
  text: '#0b0c0c',
  muted: '#505a5f',
  background: '#ffffff',
  error: '#d4351c',
  focus: '#ffdd00',
});

/**
 * The `<open311-report>` attributes, in the order of the README's table; `true` for on/off ones.
 * @param {Choices} c
 * @returns {Array<[string, string | true]>}
 */
export function attributes(c) {
  /** @type {Array<[string, string | true]>} */
  const out = [['endpoint', c.endpoint]];
  /** @param {string} name @param {string | undefined} value */
  const text = (name, value) => {
    const v = value?.trim();
    if (v) out.push([name, v]);
  };
  /** @param {string} name @param {boolean | undefined} on */
  const flag = (name, on) => {
    if (on) out.push([name, true]);
  };
  text('jurisdiction', c.jurisdiction);
  text('path-template', c.pathTemplate);
  flag('no-date-zone', c.noDateZone);
  if (c.services?.length) out.push(['services', c.services.join(',')]);
  text('map-style', c.mapStyle);
  text('center', c.center);
  text('zoom', c.zoom);
  text('geocoder', c.geocoder);
  flag('map-at-once', c.mapAtOnce);
  if (c.noUrgent) out.push(['no-urgent', true]);
  else {
    text('urgent-phone', c.urgentPhone);
    text('urgent-text', c.urgentText);
  }
  text('council-phone', c.councilPhone);
  text('council-email', c.councilEmail);
  text('privacy-url', c.privacyUrl);
  text('track-url', c.trackUrl);
  text('lang', c.lang);
  return out;
}

/** @param {string} s */
function escapeAttribute(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** @param {string} s */
function escapeText(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** @param {Choices} c */
function base(c) {
  const b = c.base?.trim() || '/open311/';
  return b.endsWith('/') ? b : `${b}/`;
}

/**
 * What residents see if the script does not run: the other ways to report.
 * @param {Choices} c
 */
function fallback(c) {
  const ways = [
    c.councilPhone?.trim() ? `by phone on ${c.councilPhone.trim()}` : '',
    c.councilEmail?.trim() ? `by email to ${c.councilEmail.trim()}` : '',
  ].filter(Boolean);
  return `If this form does not load, report a problem ${ways.length ? ways.join(' or ') : 'to the council by phone or email'}.`;
}

/**
 * The two lines for a page: the script and the element (with its fallback text). The script is the
 * report's drop-in, `open311-report.js` (the generic drop-in with the report's first screen fetched
 * at once: one round trip fewer), as the page starts with the report.
 * @param {Choices} c
 */
export function pageSnippet(c) {
  const attrs = attributes(c)
    .map(([k, v]) => (v === true ? k : `${k}="${escapeAttribute(v)}"`))
    .join(' ');
  return `<script type="module" src="${escapeAttribute(base(c))}open311-report.js"></script>\n<open311-report ${attrs}>\n  <p>${escapeText(fallback(c))}</p>\n</open311-report>\n`;
}

/**
 * The colours that differ from the widget's own, as a rule for the site's stylesheet (the strict
 * CSP allows no inline style); empty when every colour is the default.
 * @param {Choices} c
 */
export function stylesheetRule(c) {
  const set = Object.entries(c.colours ?? {}).filter(
    ([k, v]) => v.trim() && v.trim().toLowerCase() !== /** @type {Record<string, string>} */ (DEFAULT_COLOURS)[k],
  );
  if (!set.length) return '';
  return `open311-report {\n${set.map(([k, v]) => `  --open311-${k}: ${v.trim()};`).join('\n')}\n}\n`;
}

/**
 * The iframe to paste (README: "When your CMS will not take a script").
 * @param {Choices} c
 */
export function iframeSnippet(c) {
  const query = c.lang ? `?lang=${c.lang}` : '';
  return `<iframe data-open311-embed title="Report a problem to the council" style="display:block;width:100%;border:0;height:900px"\n  src="${escapeAttribute(base(c))}embed.html${query}"></iframe>\n`;
}

/**
 * embed.json for the iframe: the same attributes, by name (src/embed-config.ts), with the council's
 * site as the parent allowed to hear the height.
 * @param {Choices} c
 */
export function embedJson(c) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of attributes(c)) {
    if (k === 'lang') continue; // from the iframe's address (queryAllowed), so one file serves both languages
    out[k] = k === 'zoom' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  if (c.site) out.parentOrigins = [new URL(c.site).origin];
  out.queryAllowed = ['lang'];
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The WordPress plugin's shortcode: only what differs page by page.
 * @param {Choices} c
 */
export function shortcode(c) {
  /** @param {string} s */
  const clean = (s) => s.replace(/["[\]]/g, '');
  const parts = ['open311_report'];
  if (c.services?.length) parts.push(`services="${clean(c.services.join(','))}"`);
  if (c.lang) parts.push(`lang="${c.lang}"`);
  return `[${parts.join(' ')}]\n`;
}

/**
 * The values for the WordPress plugin's settings page, one a line.
 * @param {Choices} c
 */
export function wordpressSettings(c) {
  /** @type {Array<[string, string | undefined]>} */
  const rows = [
    ['Endpoint', c.endpoint],
    ['Jurisdiction', c.jurisdiction],
    ['Phone', c.councilPhone],
    ['Email', c.councilEmail],
    ['Privacy URL', c.privacyUrl],
    ['Track URL', c.trackUrl],
  ];
  return `${rows.map(([k, v]) => `${k}: ${v?.trim() || '(leave empty)'}`).join('\n')}\n`;
}

/**
 * gateway.json for council IT: the doctor's, for the council's own server.
 * @param {Choices} c
 * @param {string} [gatewayUrl] the gateway's address as the page will use it, when known
 */
export function gatewayJson(c, gatewayUrl) {
  const publicUrl = gatewayUrl ? gatewayUrl.replace(/\/open311\/v2\/?$/, '').replace(/\/+$/, '') : undefined;
  const config = gatewayConfig({
    endpoint: c.serverEndpoint ?? c.endpoint,
    ...(c.site ? { site: c.site } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(c.jurisdiction?.trim() ? { jurisdiction: c.jurisdiction.trim() } : {}),
    ...(c.xml ? { xml: true } : {}),
  });
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * `#rgb` or `#rrggbb` as [r, g, b] (0–255); undefined for anything else.
 * @param {string} colour
 * @returns {[number, number, number] | undefined}
 */
export function parseHex(colour) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((x) => x + x).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return [r, g, b];
}

/** @param {[number, number, number]} rgb WCAG 2 relative luminance */
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG 2 contrast ratio of two colours (1 to 21); undefined when either is not `#rgb`/`#rrggbb`.
 * @param {string} a
 * @param {string} b
 */
export function contrastRatio(a, b) {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return undefined;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The pairs the widget draws, each checked against WCAG AA for normal text (4.5:1).
 * @param {Record<string, string>} colours
 * @returns {Array<{label: string, ratio: number | undefined, passes: boolean, text: string}>}
 */
export function contrastChecks(colours) {
  /** @param {string} k */
  const get = (k) => colours[k]?.trim() || /** @type {Record<string, string>} */ (DEFAULT_COLOURS)[k];
  /** @type {Array<[string, string, string]>} */
  const pairs = [
    ['Text on the background', get('text'), get('background')],
    ['Hints on the background', get('muted'), get('background')],
    ['Links on the background', get('brand'), get('background')],
    ['Errors on the background', get('error'), get('background')],
    ['White button text on the button colour', '#ffffff', get('button')],
    ['Text on the focus colour', get('text'), get('focus')],
  ];
  return pairs.map(([label, fg, bg]) => {
    const ratio = contrastRatio(fg, bg);
    const passes = ratio !== undefined && ratio >= 4.5;
    const text =
      ratio === undefined
        ? `${label}: cannot check (give colours as #rrggbb).`
        : `${label}: ${ratio.toFixed(2)}:1 — ${passes ? 'passes' : 'FAILS'} WCAG AA (4.5:1).`;
    return { label, ratio, passes, text };
  });
}
