// dist/configure.html (issue 21): runs open311-doctor's probes from the browser, takes a web team's
// choices, re-renders a live <open311-report> from them, and writes what to paste. Everything from
// the server is shown as text (textContent, attributes, textarea values), never as markup.

import { probe } from '../../doctor/probe.mjs';
import {
  DEFAULT_COLOURS,
  attributes,
  contrastChecks,
  embedJson,
  gatewayJson,
  iframeSnippet,
  pageSnippet,
  shortcode,
  stylesheetRule,
  wordpressSettings,
} from './outputs.mjs';

/** @typedef {import('../../doctor/probe.mjs').Report} Report */
/** @typedef {import('./outputs.mjs').Choices} Choices */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`configure.html has no #${id}`);
  return el;
}

const probeForm = byId('probe-form', HTMLFormElement);
const endpointInput = byId('endpoint', HTMLInputElement);
const siteInput = byId('site', HTMLInputElement);
const jurisdictionInput = byId('jurisdiction', HTMLInputElement);
const probeButton = byId('probe-button', HTMLButtonElement);
const probeStatus = byId('probe-status', HTMLElement);
const probeError = byId('probe-error', HTMLElement);
const gatewayAdvice = byId('gateway-advice', HTMLElement);
const gatewayForm = byId('gateway-form', HTMLFormElement);
const gatewayInput = byId('gateway-url', HTMLInputElement);
const findingsSection = byId('findings-section', HTMLElement);
const findingsList = byId('findings', HTMLUListElement);
const setup = byId('setup', HTMLElement);
const choicesForm = byId('choices', HTMLFormElement);
const servicesBox = byId('services', HTMLElement);
const contrastList = byId('contrast', HTMLUListElement);
const preview = byId('preview', HTMLElement);
const outputs = byId('outputs', HTMLElement);
const copyStatus = byId('copy-status', HTMLElement);

/** What the last successful check found. */
const state = {
  /** @type {Report|undefined} */
  report: undefined,
  /** The council's own server. */
  serverEndpoint: '',
  /** The gateway's address, when the check went through it. */
  /** @type {string|undefined} */
  gatewayUrl: undefined,
};

const MARK = /** @type {const} */ ({ ok: 'Works', info: 'Note', warn: 'Look at this', fail: 'Needs action' });

/**
 * An http(s) URL from a field, or undefined (with the reason said).
 * @param {HTMLInputElement} input
 * @param {string} what
 */
function urlFrom(input, what) {
  const value = input.value.trim();
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // said below
  }
  probeError.textContent = value ? `${what} must be a web address starting https:// (or http://).` : `Enter ${what.toLowerCase()}.`;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
  return undefined;
}

/** The council's site origin, when given and valid. */
function siteOrigin() {
  try {
    const url = new URL(siteInput.value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the doctor's probes against `endpoint` (the server, or its gateway).
 * @param {string} endpoint
 */
async function check(endpoint) {
  probeError.textContent = '';
  for (const input of [endpointInput, gatewayInput]) input.removeAttribute('aria-invalid');
  probeButton.disabled = true;
  // Nothing from an earlier check stays on show while this one runs (its findings, choices or snippets).
  state.report = undefined;
  setup.hidden = true;
  outputs.hidden = true;
  findingsSection.hidden = true;
  preview.replaceChildren();
  probeStatus.textContent = `Checking ${endpoint} … this takes a few seconds.`;
  const site = siteOrigin();
  const jurisdiction = jurisdictionInput.value.trim();
  let report;
  try {
    report = await probe({
      endpoint,
      browser: true,
      maxDefinitions: 20,
      ...(site ? { origin: site } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
    });
  } catch (e) {
    probeStatus.textContent = '';
    probeError.textContent = `The check stopped: ${e instanceof Error ? e.message : String(e)}`;
    return;
  } finally {
    probeButton.disabled = false;
  }
  showFindings(report);
  const noCors = report.findings.some((f) => f.id === 'cors' && f.level === 'fail');
  if (noCors && !state.gatewayUrl) {
    gatewayAdvice.hidden = false;
    byId('out-gateway-early', HTMLTextAreaElement).value = gatewayJson({
      endpoint: state.serverEndpoint,
      ...(site ? { site } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
    });
    probeStatus.textContent =
      'Checked: this server sends no CORS headers, so a web page cannot read it. Use the gateway: its config and how to check through it are below.';
    return;
  }
  if (!report.services.length) {
    const reason = report.reasons[0] ?? 'the server lists no services.';
    probeStatus.textContent = `Checked: the form cannot start with this server. ${reason}`;
    return;
  }
  state.report = report;
  if (report.attributes.jurisdiction && typeof report.attributes.jurisdiction === 'string') jurisdictionInput.value = report.attributes.jurisdiction;
  const problems = report.findings.filter((f) => f.level === 'fail' && f.id !== 'cors');
  probeStatus.textContent = report.works
    ? `Checked: the form will work with this server. ${report.services.length} services found. Make your choices below.`
    : `Checked: ${problems.length} thing${problems.length === 1 ? '' : 's'} to set, already set in what to paste below (see what the check found). ${report.services.length} services found.`;
  showServices(report.services);
  setup.hidden = false;
  outputs.hidden = false;
  update(true);
}

/** @param {Report} report */
function showFindings(report) {
  findingsList.replaceChildren(
    ...report.findings.map((f) => {
      const li = document.createElement('li');
      li.className = `finding ${f.level}`;
      const head = document.createElement('p');
      const mark = document.createElement('strong');
      mark.textContent = `${MARK[f.level]}: `;
      head.append(mark, f.text);
      li.append(head);
      if (f.details?.length) {
        const ul = document.createElement('ul');
        for (const d of f.details) {
          const item = document.createElement('li');
          item.textContent = d;
          ul.append(item);
        }
        li.append(ul);
      }
      if (f.advice) {
        const advice = document.createElement('p');
        advice.className = 'advice';
        advice.textContent = `What to do: ${f.advice}`;
        li.append(advice);
      }
      return li;
    }),
  );
  findingsSection.hidden = false;
}

/** @param {Report['services']} services */
function showServices(services) {
  servicesBox.replaceChildren(
    ...services.map((s, i) => {
      const row = document.createElement('div');
      row.className = 'checkbox';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = `service-${i}`;
      box.name = 'service';
      box.value = s.code;
      box.checked = true;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.textContent = s.group ? `${s.name} (${s.group}; ${s.code})` : `${s.name} (${s.code})`;
      row.append(box, label);
      return row;
    }),
  );
}

/** @param {string} id */
function field(id) {
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value.trim() : '';
}

/** @param {string} id */
function ticked(id) {
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement && el.checked;
}

/** @returns {Choices} */
function choices() {
  const report = state.report;
  const boxes = [...servicesBox.querySelectorAll('input[type=checkbox]')].filter((b) => b instanceof HTMLInputElement);
  const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
  /** @type {Record<string, string>} */
  const colours = {};
  for (const input of choicesForm.querySelectorAll('input[data-colour]')) {
    if (input instanceof HTMLInputElement && input.dataset.colour && input.value.trim()) colours[input.dataset.colour] = input.value.trim();
  }
  const lang = choicesForm.querySelector('input[name=lang]:checked');
  const langValue = lang instanceof HTMLInputElement && (lang.value === 'en' || lang.value === 'cy') ? lang.value : '';
  const pathTemplate = report?.attributes['path-template'];
  return {
    endpoint: state.gatewayUrl ?? state.serverEndpoint,
    serverEndpoint: state.serverEndpoint,
    ...(siteOrigin() ? { site: siteOrigin() } : {}),
    jurisdiction: field('jurisdiction'),
    ...(typeof pathTemplate === 'string' && !state.gatewayUrl ? { pathTemplate } : {}),
    noDateZone: Boolean(report?.attributes['no-date-zone']) && !state.gatewayUrl,
    xml: Boolean(report?.findings.some((f) => f.id === 'xml-only')),
    // Every service ticked: no attribute, so services the council adds later are offered too.
    services: chosen.length === boxes.length ? [] : chosen,
    urgentPhone: field('urgent-phone'),
    urgentText: field('urgent-text'),
    noUrgent: ticked('no-urgent'),
    councilPhone: field('council-phone'),
    councilEmail: field('council-email'),
    privacyUrl: field('privacy-url'),
    trackUrl: field('track-url'),
    lang: langValue,
    mapStyle: field('map-style'),
    geocoder: field('geocoder'),
    center: field('center'),
    zoom: field('zoom'),
    mapAtOnce: ticked('map-at-once'),
    colours,
    base: field('base'),
  };
}

/**
 * @param {string} id
 * @param {string} value
 */
function output(id, value) {
  byId(id, HTMLTextAreaElement).value = value;
}

let previewTimer = 0;

/** Writes the outputs and the contrast checks now, and re-renders the preview shortly. @param {boolean} [now] */
function update(now = false) {
  const c = choices();
  output('out-page', pageSnippet(c));
  const css = stylesheetRule(c);
  output('out-css', css || "/* The widget's own colours: nothing to add. */\n");
  output('out-iframe', iframeSnippet(c));
  output('out-embed', embedJson(c));
  output('out-shortcode', shortcode(c));
  output('out-wordpress', wordpressSettings(c));
  output('out-gateway', gatewayJson(c, state.gatewayUrl));
  byId('gateway-needed', HTMLElement).textContent = state.gatewayUrl
    ? `The form talks to your gateway at ${state.gatewayUrl}; the gateway forwards to ${state.serverEndpoint}.`
    : 'Not needed for reading: your server lets web pages read it. Council IT needs the gateway only if your server wants an api_key for reports (never put a key in a page). Then point the form at the gateway instead.';
  contrastList.replaceChildren(
    ...contrastChecks(c.colours ?? {}).map((check) => {
      const li = document.createElement('li');
      li.className = check.passes ? 'pass' : 'fail';
      li.textContent = check.text;
      return li;
    }),
  );
  window.clearTimeout(previewTimer);
  if (now) renderPreview(c);
  else previewTimer = window.setTimeout(() => renderPreview(choices()), 400);
}

/**
 * A new <open311-report> with the choices' attributes (a fresh one, so each choice takes effect from
 * the start, as on the council's page).
 * @param {Choices} c
 */
function renderPreview(c) {
  const el = document.createElement('open311-report');
  for (const [name, value] of attributes(c)) el.setAttribute(name, value === true ? '' : value);
  // The preview must not add steps to this page's history, and sits under this page's h2.
  el.setAttribute('no-history', '');
  el.setAttribute('heading-level', '3');
  for (const [name, value] of Object.entries(c.colours ?? {})) {
    if (name in DEFAULT_COLOURS && CSS.supports('color', value)) el.style.setProperty(`--open311-${name}`, value);
  }
  preview.replaceChildren(el);
}

probeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const endpoint = urlFrom(endpointInput, 'The Open311 endpoint');
  if (!endpoint) return;
  state.serverEndpoint = endpoint;
  state.gatewayUrl = undefined;
  gatewayAdvice.hidden = true;
  void check(endpoint);
});

gatewayForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = urlFrom(gatewayInput, "The gateway's address");
  if (!url) return;
  state.gatewayUrl = url;
  void check(url);
});

choicesForm.addEventListener('submit', (event) => event.preventDefault());
choicesForm.addEventListener('input', () => update());
choicesForm.addEventListener('change', () => update());
jurisdictionInput.addEventListener('input', () => {
  if (state.report) update();
});
siteInput.addEventListener('input', () => {
  if (state.report) update();
});

for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    if (!(button instanceof HTMLButtonElement)) return;
    const area = byId(button.dataset.copy ?? '', HTMLTextAreaElement);
    const label = area.labels?.[0]?.textContent ?? 'it';
    let copied = false;
    try {
      await navigator.clipboard.writeText(area.value);
      copied = true;
    } catch {
      // No clipboard permission: select the text so that Ctrl+C copies it.
    }
    if (!copied) {
      area.focus();
      area.select();
    }
    copyStatus.textContent = copied ? `Copied: ${label}.` : `Selected: ${label}. Press Ctrl+C (or Cmd+C) to copy it.`;
  });
}

// Start from the widget's own colours, so the contrast checks show what residents see now.
for (const [name, value] of Object.entries(DEFAULT_COLOURS)) {
  const input = document.getElementById(`colour-${name}`);
  if (input instanceof HTMLInputElement && !input.value) input.value = value;
}
