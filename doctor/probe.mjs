// open311-doctor's probes: asks a GeoReport v2 endpoint what the widget will ask it, with the same
// client as the widget and the gateway (open311-elements/open311, the built dist/open311.js), and
// turns each answer into a finding in a council's terms with what to do about it. No printing here
// (doctor/print.mjs does that), so that the findings can be checked on their own.

import { KNOWN_DATATYPES, Open311Client, isOpen311Error, sniff } from 'open311-elements/open311';

/** @typedef {import('open311-elements/open311').Open311ClientOptions} ClientOptions */
/** @typedef {import('open311-elements/open311').Service} Service */
/** @typedef {import('open311-elements/open311').ServiceDefinition} ServiceDefinition */
/** @typedef {import('open311-elements/open311').ServiceRequest} ServiceRequest */

/**
 * `ok`: works; `info`: worth knowing, nothing to do; `warn`: works, but something to look at;
 * `fail`: the widget will not work as configured until the advice is followed.
 * @typedef {'ok'|'info'|'warn'|'fail'} Level
 */

/**
 * @typedef {object} Finding
 * @property {string} id stable name of the check (`cors`, `jurisdiction`, …), for tests and `--json`
 * @property {string} section the heading it is printed under
 * @property {Level} level
 * @property {string} text what was found, in plain words
 * @property {string[]} [details] extra lines (examples, counts)
 * @property {string} [advice] what to do: an attribute to set, or the gateway
 */

/**
 * @typedef {object} Call
 * @property {string} method
 * @property {string} url with any api_key hidden
 * @property {number} [status] absent when there was no answer
 * @property {number} ms until the whole body was read (or the failure)
 * @property {string} [allowOrigin] the Access-Control-Allow-Origin header, when sent
 * @property {string} [error] why there was no answer
 */

/**
 * @typedef {object} ProbeOptions
 * @property {string} endpoint the GeoReport v2 base URL
 * @property {string} [origin] the council page's origin, for the CORS checks
 * @property {string} [jurisdiction] `jurisdiction_id`, as the page would set it
 * @property {string} [pathTemplate] as the page's `path-template` would set it
 * @property {boolean} [dateZone] false as the page's `no-date-zone` would set it (default true)
 * @property {string} [apiKey] a key for the server (never shown); means "use the gateway"
 * @property {string} [apiKeyEnv] the environment variable it came from, for the gateway config
 * @property {number} [timeoutMs] per call (default 15000, the widget's own)
 * @property {number} [maxDefinitions] how many service definitions to fetch (default 50)
 * @property {boolean} [tryPost] file one test report
 * @property {typeof fetch} [fetch] for tests
 * @property {boolean} [browser] run from a web page (configure.html): the browser sends its own
 *   Origin and hides the CORS headers, so CORS is whether its fetch could read the answers at all
 */

/**
 * @typedef {object} Report
 * @property {string} endpoint
 * @property {string} origin the origin the CORS checks used
 * @property {boolean} originGiven
 * @property {Finding[]} findings
 * @property {Call[]} calls
 * @property {boolean} works the widget will work as configured (exit code 0)
 * @property {string[]} reasons why not, one line each
 * @property {Record<string, string|true>} attributes the `<open311-report>` attributes the page needs
 * @property {boolean} needsGateway
 * @property {Record<string, unknown>|undefined} gateway a minimal gateway.json, when the gateway is the way
 * @property {string|undefined} snippet the element to paste; none when the widget cannot start at all
 * @property {{code: string, id?: string, token?: string}|undefined} testReport what `--try-post` filed
 * @property {Array<{code: string, name: string, group?: string}>} services the services listed (empty when the list could not be read)
 */

/** What a browser on a page that did not say its origin sends, for the CORS checks. */
export const PLACEHOLDER_ORIGIN = 'https://open311-doctor.invalid';
/** The test report's description: a council officer must see at once what it is. */
export const TEST_DESCRIPTION = 'TEST REPORT from open311-doctor — please ignore';
/** The gateway's default port and a placeholder address for it. */
const GATEWAY_PORT = 8320;
/** Path templates tried when the spec's `{resource}.{format}` answers 404 (docs/developers/client.md). */
const TEMPLATES = ['{resource}?format={format}', '{resource}'];
/** How far back the widget looks for nearby reports and its own sent report. */
const WINDOW_DAYS = 30;
/** A call slower than this is worth a warning: residents wait for each of them. */
const SLOW_MS = 3000;

/**
 * The recording fetch: adds the page's `Origin`, times each call to the end of its body, and keeps
 * the start of each body and the CORS header, without changing what the client reads.
 * @param {typeof fetch} inner
 * @param {string} origin
 * @param {Call[]} calls
 * @param {Map<string, string>} bodies url → the first 4,000 characters of the body
 * @returns {typeof fetch}
 */
function recorder(inner, origin, calls, bodies) {
  return async (input, init = {}) => {
    const url = hide(String(input instanceof Request ? input.url : input));
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    headers.set('Origin', origin);
    const started = performance.now();
    /** @type {Call} */
    const call = { method, url, ms: 0 };
    calls.push(call);
    try {
      const response = await inner(input, { ...init, headers });
      call.status = response.status;
      const allow = response.headers.get('access-control-allow-origin');
      if (allow !== null) call.allowOrigin = allow;
      try {
        const text = await response.clone().text();
        bodies.set(url, text.slice(0, 4000));
      } catch {
        // The client's own read reports what went wrong (timeout, reset).
      }
      call.ms = Math.round(performance.now() - started);
      return response;
    } catch (e) {
      call.ms = Math.round(performance.now() - started);
      call.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  };
}

/** @param {string} url */
function hide(url) {
  return url.replace(/([?&]api_key=)[^&]*/gi, '$1[hidden]');
}

/**
 * One line for a failure, in plain words, with the server's own words when it sent some.
 * @param {unknown} e
 */
export function describe(e) {
  if (!isOpen311Error(e)) return e instanceof Error ? e.message : String(e);
  if (e.kind === 'http') {
    const kind = sniff(e.body ?? '');
    if (kind === 'html') {
      const words = pageText(e.body ?? '');
      return `${e.message} (an HTML page${words ? `: "${words}"` : ''})`;
    }
    return e.message;
  }
  if (e.kind === 'network') {
    const cause = e.cause instanceof Error ? (e.cause.cause instanceof Error ? e.cause.cause.message : e.cause.message) : '';
    return `The server could not be reached${cause ? ` (${cause})` : ''}`;
  }
  return e.message;
}

/**
 * The words of an HTML error page, as plain text to print (never rendered).
 * @param {string} html
 */
function pageText(html) {
  const text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/**
 * Runs a call and keeps its outcome instead of throwing.
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<{ok: true, value: T, ms: number} | {ok: false, error: unknown, ms: number}>}
 */
async function attempt(fn) {
  const started = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error, ms: Math.round(performance.now() - started) };
  }
}

/**
 * @param {unknown} e
 * @returns {number|undefined}
 */
function statusOf(e) {
  return isOpen311Error(e) && e.kind === 'http' ? e.status : undefined;
}

/** @param {unknown} e */
function kindOf(e) {
  return isOpen311Error(e) ? e.kind : 'other';
}

/** @param {unknown} e */
function wordsOf(e) {
  if (!isOpen311Error(e)) return '';
  return [e.message, ...e.errors.map((x) => x.description)].join(' ');
}

/**
 * Guesses of a `jurisdiction_id` to try: the spec suggests the council's web domain without `www`.
 * @param {string} endpoint
 * @param {string|undefined} origin
 */
export function jurisdictionGuesses(endpoint, origin) {
  /** @type {string[]} */
  const out = [];
  if (origin) out.push(new URL(origin).hostname.replace(/^www\./, ''));
  const host = new URL(endpoint).hostname;
  const labels = host.split('.');
  if (labels.length >= 3 && !/^\d+$/.test(labels[labels.length - 1])) out.push(labels.slice(1).join('.'));
  if (!/^[\d.]+$/.test(host) && host !== 'localhost') out.push(host.replace(/^www\./, ''));
  return [...new Set(out)];
}

/**
 * Whether a value in a raw record was sent as a string where JSON has a boolean or number.
 * @param {unknown} raw
 * @param {string} key
 */
function rawField(raw, key) {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? /** @type {Record<string, unknown>} */ (raw)[key] : undefined;
}

/**
 * Probes an endpoint. Never throws for anything the server does; every outcome is a finding.
 * @param {ProbeOptions} options
 * @returns {Promise<Report>}
 */
export async function probe(options) {
  const session = new Session(options);
  const lists = await session.findSettings();
  // The widget cannot start: no snippet to give.
  if (!lists) return session.report(true);
  const { services, format } = session.describeServices(lists.json, lists.xml);
  session.services = services;
  await session.discovery(format);
  const defs = await session.definitions(format, services);
  const located = await session.requests(format);
  await session.updates(format);
  await session.cors(format);
  session.timing();
  /** @type {{code: string, id?: string, token?: string}|undefined} */
  let testReport;
  if (options.tryPost) {
    const filed = await tryPost(session.client({ format }), services, defs, located, (f) => session.add(f));
    if (filed === null) session.needsGateway = true;
    else testReport = filed;
  } else if (!options.apiKey) {
    session.add({
      id: 'post',
      section: 'Test report',
      level: 'info',
      text: 'Nothing was filed. Whether reports need an api_key shows only when one is sent (--try-post, on a server you know is a test one) or from your supplier.',
      advice: 'If they need one, use the gateway: a key in a public page is a key anyone can copy.',
    });
  }
  return session.report(false, testReport);
}

/**
 * @typedef {{ok: true, value: Service[], ms: number} | {ok: false, error: unknown, ms: number}} ListOutcome
 */

/** One run of the doctor: what it has found so far, and the settings the page needs. */
class Session {
  /** @param {ProbeOptions} options */
  constructor(options) {
    this.options = options;
    this.endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
    this.origin = options.origin ?? PLACEHOLDER_ORIGIN;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxDefinitions = options.maxDefinitions ?? 50;
    /** @type {Call[]} */
    this.calls = [];
    /** @type {Map<string, string>} url → the start of its body */
    this.bodies = new Map();
    this.fetch = recorder(options.fetch ?? globalThis.fetch.bind(globalThis), this.origin, this.calls, this.bodies);
    /** @type {Finding[]} */
    this.findings = [];
    /** @type {Record<string, string|true>} the element's attributes the page needs */
    this.attributes = {};
    /** The settings the page has (or will have, once the advice is followed). */
    this.settings = {
      /** @type {string|undefined} */
      jurisdiction: options.jurisdiction,
      /** @type {string|undefined} */
      pathTemplate: options.pathTemplate,
      dateZone: options.dateZone ?? true,
      apiKeyOn: /** @type {'post'|'all'} */ ('post'),
    };
    if (options.jurisdiction) this.attributes.jurisdiction = options.jurisdiction;
    if (options.pathTemplate) this.attributes['path-template'] = options.pathTemplate;
    if (this.settings.dateZone === false) this.attributes['no-date-zone'] = true;
    /** A key was given: the server wants one, and only the gateway can hold it. */
    this.needsGateway = Boolean(options.apiKey);
    this.xmlOnly = false;
    /** @type {Service[]} */
    this.services = [];
  }

  /** @param {Finding} f */
  add(f) {
    this.findings.push(f);
  }

  /**
   * A client with the current settings.
   * @param {Partial<ClientOptions>} [extra]
   */
  client(extra = {}) {
    const { settings, options } = this;
    return new Open311Client({
      endpoint: this.endpoint,
      fetch: this.fetch,
      retries: 0,
      timeoutMs: this.timeoutMs,
      ...(settings.jurisdiction ? { jurisdictionId: settings.jurisdiction } : {}),
      ...(settings.pathTemplate ? { pathTemplate: settings.pathTemplate } : {}),
      dateZone: settings.dateZone,
      ...(options.apiKey ? { apiKey: options.apiKey, apiKeyOn: settings.apiKeyOn } : {}),
      ...extra,
    });
  }

  /**
   * @param {boolean} fatal the widget cannot start at all
   * @param {{code: string, id?: string, token?: string}} [testReport]
   */
  report(fatal, testReport) {
    const { endpoint, origin, options, findings, calls, attributes, settings } = this;
    const services = this.services.map((s) => ({ code: s.code, name: s.name, ...(s.groups[0] ? { group: s.groups[0] } : {}) }));
    return buildReport({
      endpoint,
      origin,
      originGiven: Boolean(options.origin),
      findings,
      calls,
      attributes,
      needsGateway: this.needsGateway,
      settings,
      options,
      xml: this.xmlOnly,
      fatal,
      testReport,
      services,
    });
  }

  /**
   * Which settings make the service list answer (a key for reads, a jurisdiction, a path template);
   * `undefined` when none do.
   * @returns {Promise<{json: ListOutcome, xml: ListOutcome}|undefined>}
   */
  async findSettings() {
    const { endpoint, options, settings, attributes, findings, timeoutMs } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    const client = (/** @type {Partial<ClientOptions>} */ extra) => this.client(extra);
    // --- the service list: which settings make it answer -------------------------------------------
    /** @param {'json'|'xml'} format */
    const listIn = (format) => attempt(() => client({ format }).services());
    let json = await listIn('json');
    // A server that does not answer in one format will not in the other: do not wait twice.
    let xml = !json.ok && ['timeout', 'network'].includes(kindOf(json.error)) ? json : await listIn('xml');
    const bothFailed = () => !json.ok && !xml.ok;
    const firstError = () => (!json.ok ? json.error : !xml.ok ? xml.error : undefined);

    if (bothFailed()) {
      const e = firstError();
      const kind = kindOf(e);
      if (kind === 'timeout') {
        add({
          id: 'timeout',
          section: 'Services',
          level: 'fail',
          text: `The server did not answer the service list within ${seconds(timeoutMs)}.`,
          advice:
            'Check the endpoint address with your supplier. If the server is only slow, set timeout="30000" (milliseconds) on the element and run again with --timeout 30.',
        });
        return undefined;
      }
      if (kind === 'network' && options.browser) {
        // A browser says only "Failed to fetch", whether the server sent no CORS headers or was
        // never reached; from a web page the first is far the likelier.
        this.needsGateway = true;
        add({
          id: 'cors',
          section: 'CORS',
          level: 'fail',
          text: `This page could not read the server's answers (${describe(e)}). Most likely the server sends no CORS headers, so a widget on your site cannot read them either; or the address is wrong.`,
          advice:
            "Use the gateway; here is its config (below). Or ask your supplier to send Access-Control-Allow-Origin for your site. Check the address, then probe through the gateway's address.",
        });
        return undefined;
      }
      if (kind === 'network') {
        add({
          id: 'unreachable',
          section: 'Services',
          level: 'fail',
          text: `${describe(e)}.`,
          advice: 'Check the endpoint address (and that this computer can reach it).',
        });
        return undefined;
      }
    }

    // Reads that need a key: 401/403 on the list.
    if (bothFailed() && [401, 403].includes(statusOf(firstError()) ?? 0)) {
      const words = describe(firstError());
      if (options.apiKey) {
        settings.apiKeyOn = 'all';
        json = await listIn('json');
        xml = await listIn('xml');
      }
      if (!bothFailed()) {
        add({
          id: 'read-key',
          section: 'Services',
          level: 'fail',
          text: 'The server wants an api_key even to list its services. A key in a public page is a key anyone can copy.',
          details: [`Without the key: ${words}`],
          advice: 'Use the gateway, with "apiKeyOn": "all" (its config is below).',
        });
        this.needsGateway = true;
      } else {
        add({
          id: 'read-key',
          section: 'Services',
          level: 'fail',
          text: `The server refuses to list its services without an api_key: ${words}`,
          advice: options.apiKey
            ? 'The key you gave was refused too: check it with your supplier.'
            : 'Run again with --api-key-env NAME (an environment variable holding the key), then use the gateway (it keeps the key out of the page).',
        });
        this.needsGateway = true;
        return undefined;
      }
    }

    // A jurisdiction: 400/404/422 that names it, or a 400 when none was given.
    if (bothFailed()) {
      const e = firstError();
      const status = statusOf(e) ?? 0;
      const names = /jurisdiction/i.test(wordsOf(e));
      if ([400, 404, 422].includes(status) && (names || (status === 400 && !settings.jurisdiction))) {
        if (settings.jurisdiction) {
          add({
            id: 'jurisdiction',
            section: 'Jurisdiction',
            level: 'fail',
            text: `The server does not accept jurisdiction "${settings.jurisdiction}": ${describe(e)}`,
            advice: 'Ask your supplier for your jurisdiction_id and set jurisdiction="…" on the element.',
          });
          return undefined;
        }
        let found;
        for (const guess of jurisdictionGuesses(endpoint, options.origin)) {
          settings.jurisdiction = guess;
          const tried = await listIn('json');
          const triedXml = tried.ok ? tried : await listIn('xml');
          if (triedXml.ok) {
            found = guess;
            json = tried;
            xml = tried.ok ? await listIn('xml') : triedXml;
            break;
          }
        }
        if (found) {
          attributes.jurisdiction = found;
          add({
            id: 'jurisdiction',
            section: 'Jurisdiction',
            level: 'fail',
            text: `The server needs a jurisdiction_id (without one: ${describe(e)}). It answers to "${found}".`,
            advice: `Set jurisdiction="${found}" on the element (run again with --jurisdiction ${found}).`,
          });
        } else {
          settings.jurisdiction = undefined;
          // A 400 that does not name the jurisdiction may be something else: said below.
          if (names) {
            add({
              id: 'jurisdiction',
              section: 'Jurisdiction',
              level: 'fail',
              text: `The server needs a jurisdiction_id: ${describe(e)}`,
              details: options.origin ? [] : ['Give your site with --origin and the doctor tries its domain as the jurisdiction.'],
              advice: 'Ask your supplier for your jurisdiction_id, then set jurisdiction="…" on the element and run again with --jurisdiction ….',
            });
            return undefined;
          }
        }
      }
    }

    // Addresses without `.json`/`.xml`.
    if (bothFailed() && statusOf(firstError()) === 404 && !settings.pathTemplate) {
      const e = firstError();
      for (const template of TEMPLATES) {
        settings.pathTemplate = template;
        const tried = await listIn('json');
        const triedXml = await listIn('xml');
        if (tried.ok || triedXml.ok) {
          json = tried;
          xml = triedXml;
          attributes['path-template'] = template;
          add({
            id: 'path-template',
            section: 'Services',
            level: 'fail',
            text: `The server has no ${endpoint}services.json; it answers at ${endpoint}${template.replace('{resource}', 'services').replace('{format}', 'json')}.`,
            details: [`services.json: ${describe(e)}`],
            advice: `Set path-template="${template}" on the element (run again with --path-template '${template}').`,
          });
          break;
        }
        settings.pathTemplate = undefined;
      }
    }

    if (bothFailed()) {
      add({
        id: 'services',
        section: 'Services',
        level: 'fail',
        text: `The service list could not be read. In JSON: ${describe(json.ok ? undefined : json.error)} In XML: ${describe(xml.ok ? undefined : xml.error)}`,
        advice: 'The widget cannot start without a service list: send this report to your supplier.',
      });
      return undefined;
    }
    if (!findings.some((f) => f.id === 'jurisdiction')) {
      add({
        id: 'jurisdiction',
        section: 'Jurisdiction',
        level: 'ok',
        text: settings.jurisdiction
          ? `The server accepts jurisdiction_id "${settings.jurisdiction}".`
          : 'The server answers without a jurisdiction_id: none needed.',
      });
    }
    return { json, xml };
  }

  /**
   * The formats the service list answers in and its shapes.
   * @param {ListOutcome} json
   * @param {ListOutcome} xml
   */
  describeServices(json, xml) {
    const { endpoint, settings, bodies } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    // --- the service list: formats and shapes ------------------------------------------------------
    /** @type {Service[]} */
    const services = json.ok ? json.value : xml.ok ? xml.value : [];
    const format = json.ok ? 'json' : 'xml';
    const listUrl = (/** @type {'json'|'xml'} */ fmt) =>
      hide(new URL((settings.pathTemplate ?? '{resource}.{format}').replace('{resource}', 'services').replace('{format}', fmt), endpoint).href);
    const jsonBody = bodies.get([...bodies.keys()].find((u) => u.startsWith(listUrl('json'))) ?? '') ?? '';
    add({
      id: 'services-json',
      section: 'Services',
      level: json.ok ? 'ok' : 'info',
      text: json.ok ? `JSON: ${count(json.value.length, 'service')} (${json.ms} ms).` : `JSON: not answered — ${describe(json.error)}`,
    });
    add({
      id: 'services-xml',
      section: 'Services',
      level: xml.ok ? 'ok' : 'info',
      text: xml.ok ? `XML: ${count(xml.value.length, 'service')} (${xml.ms} ms).` : `XML: not answered — ${describe(xml.error)}`,
    });
    if (!json.ok) {
      this.xmlOnly = true;
      add({
        id: 'xml-only',
        section: 'Services',
        level: 'info',
        text: 'The server answers in XML only. The widget tries JSON first and then uses XML by itself (one extra request when it starts).',
        advice: 'Nothing to set.',
      });
    } else if (!xml.ok) {
      add({
        id: 'json-only',
        section: 'Services',
        level: 'info',
        text: 'The server answers in JSON only (the spec asks for XML too). The widget uses JSON.',
        advice: 'Nothing to set.',
      });
    }
    if (services.length === 0) {
      add({
        id: 'no-services',
        section: 'Services',
        level: 'fail',
        text: 'The server lists no services: residents would have nothing to choose.',
        advice: 'Ask your supplier which services are published over Open311.',
      });
    }
    const shapes = [];
    if (json.ok && /^\s*\{\s*"services"\s*:/.test(jsonBody)) shapes.push('JSON keeps the root key ({"services": […]}, as FixMyStreet does)');
    const stringBools = services.filter((s) => typeof rawField(s.raw, 'metadata') === 'string').length;
    if (json.ok && stringBools) shapes.push(`booleans sent as text ("true"/"True") in ${count(stringBools, 'service')}`);
    const numericCodes = services.filter((s) => typeof rawField(s.raw, 'service_code') === 'number').length;
    if (json.ok && numericCodes) shapes.push(`service codes sent as numbers in ${count(numericCodes, 'service')}`);
    const fmsGroups = services.filter((s) => rawField(s.raw, 'groups') !== undefined).length;
    if (fmsGroups) shapes.push(`FixMyStreet "groups" lists in ${count(fmsGroups, 'service')}`);
    const staff = services.filter((s) => s.keywords.some((k) => ['staff', 'inactive'].includes(k.toLowerCase()))).length;
    if (staff) shapes.push(`FixMyStreet keywords "staff" or "inactive" on ${count(staff, 'service')}: the widget leaves those out`);
    const groups = new Set(services.flatMap((s) => s.groups));
    const ungrouped = services.filter((s) => s.groups.length === 0).length;
    const types = ['batch', 'blackbox'].map((t) => [t, services.filter((s) => s.type === t).length]).filter(([, n]) => n);
    const described = [
      `${count(groups.size, 'group')}${ungrouped ? ` (${ungrouped} ungrouped)` : ''}`,
      `${services.filter((s) => s.metadata).length} with extra questions`,
      ...types.map(([t, n]) => `${n} of type ${t}${t === 'batch' ? ' (a token first, the reference later)' : ' (no reference ever)'}`),
    ];
    add({
      id: 'services-shape',
      section: 'Services',
      level: 'info',
      text: `Services: ${described.join(', ')}.`,
      ...(shapes.length ? { details: shapes.map((s) => `Quirk: ${s}`), advice: 'Nothing to set: the widget reads these.' } : {}),
    });
    return { services, format: /** @type {'json'|'xml'} */ (format) };
  }

  /** @param {'json'|'xml'} format */
  async discovery(format) {
    const { endpoint } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    const main = this.client({ format });
    // --- discovery ---------------------------------------------------------------------------------
    const discovery = await attempt(() => main.discovery(new URL('discovery', endpoint).href));
    if (discovery.ok) {
      const d = discovery.value;
      const here = d.endpoints.find((p) => p.url && sameEndpoint(p.url, endpoint));
      add({
        id: 'discovery',
        section: 'Discovery',
        level: 'ok',
        text: `Discovery found (${discovery.ms} ms): ${count(d.endpoints.length, 'endpoint')}${d.changeset ? `, changeset ${d.changeset}` : ''}.`,
        details: [
          ...d.endpoints.map((p) => `${p.type ?? '?'}: ${p.url ?? '?'} (${p.formats.join(', ') || 'no formats listed'})`),
          ...(d.contact ? [`Contact: ${d.contact}`] : []),
          ...(d.keyService ? [`Keys: ${d.keyService}`] : []),
        ],
      });
      if (here?.type === 'test')
        add({
          id: 'test-endpoint',
          section: 'Discovery',
          level: 'info',
          text: 'Discovery lists this endpoint as a test one: reports sent here may not reach anyone.',
        });
    } else {
      add({
        id: 'discovery',
        section: 'Discovery',
        level: 'info',
        text: `No discovery document at ${endpoint}discovery (${describe(discovery.error)}). It is optional; the widget does not need it.`,
      });
    }
  }

  /**
   * Reads the first `maxDefinitions` service definitions, four at a time.
   * @param {'json'|'xml'} format
   * @param {Service[]} services
   */
  async definitions(format, services) {
    const { maxDefinitions } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    const main = this.client({ format });
    // --- service definitions -----------------------------------------------------------------------
    const withQuestions = services.filter((s) => s.metadata);
    const asked = withQuestions.slice(0, maxDefinitions);
    /** @type {Array<{code: string, ok: boolean, def?: ServiceDefinition, error?: unknown, ms: number}>} */
    const defs = [];
    for (let i = 0; i < asked.length; i += 4) {
      const batch = asked.slice(i, i + 4);
      const results = await Promise.all(batch.map((s) => attempt(() => main.serviceDefinition(s.code))));
      results.forEach((r, j) =>
        defs.push(r.ok ? { code: batch[j].code, ok: true, def: r.value, ms: r.ms } : { code: batch[j].code, ok: false, error: r.error, ms: r.ms }),
      );
    }
    if (asked.length) {
      /** @type {Map<string, number>} */
      const datatypes = new Map();
      let informational = 0;
      let unwrapped = 0;
      let disable = 0;
      /** @type {Map<string, number>} */
      const automated = new Map();
      for (const d of defs) {
        if (!d.def) continue;
        if (rawField(d.def.raw, 'attributes') === undefined && rawField(d.def.raw, 'attribute') !== undefined) unwrapped++;
        for (const a of d.def.attributes) {
          if (!a.variable) informational++;
          else datatypes.set(a.datatype, (datatypes.get(a.datatype) ?? 0) + 1);
          if (a.automated) automated.set(a.automated, (automated.get(a.automated) ?? 0) + 1);
          disable += a.values.filter((v) => v.disableMessage).length;
        }
      }
      const failed = defs.filter((d) => !d.ok);
      const odd = [...datatypes.keys()].filter((t) => !(/** @type {readonly string[]} */ (KNOWN_DATATYPES).includes(t)));
      const capped = withQuestions.length > asked.length ? ` (the first ${asked.length} of ${withQuestions.length}; --max-definitions to change)` : '';
      add({
        id: 'definitions',
        section: 'Service definitions',
        level: failed.length ? 'fail' : 'ok',
        text: `${defs.length - failed.length} of ${count(defs.length, 'definition')} read${capped}, slowest ${Math.max(...defs.map((d) => d.ms))} ms.`,
        details: [
          `Question types: ${[...datatypes].map(([t, n]) => `${t} ×${n}`).join(', ') || 'none'}`,
          ...(informational ? [`${informational} informational notices (shown, never sent)`] : []),
          ...(unwrapped ? [`${unwrapped} without an <attributes> wrapper (the first v2 shape) — read the same`] : []),
          ...[...automated].map(
            ([a, n]) => `${n} automated="${a}" (FixMyStreet: ${a === 'server_set' ? 'never shown or sent' : 'set by the page, not shown'})`,
          ),
          ...(disable ? [`${disable} answers with a disable_message (FixMyStreet: choosing one stops the report and shows the message)`] : []),
          ...(odd.length ? [`Types outside the spec, shown as a text box: ${odd.join(', ')}`] : []),
          ...failed.slice(0, 5).map((d) => `${d.code}: ${describe(d.error)}`),
        ],
        advice: failed.length
          ? 'Residents cannot report these services until their definitions can be read: send this to your supplier (or leave them out with services="…").'
          : undefined,
      });
    }
    return defs;
  }

  /**
   * Lists, dates, place, pages and an unknown reference; returns a listed report with a location.
   * @param {'json'|'xml'} format
   */
  async requests(format) {
    const { settings, attributes, calls, bodies } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    const client = (/** @type {Partial<ClientOptions>} */ extra) => this.client(extra);
    let main = client({ format });
    // --- requests ----------------------------------------------------------------------------------
    const since = new Date(Date.now() - WINDOW_DAYS * 86_400_000);
    const all = await attempt(() => main.requests({}));
    /** @type {ServiceRequest[]} */
    let listed = [];
    if (all.ok) {
      listed = all.value;
      const dated = listed.map((r) => r.requested?.raw).filter((d) => d !== undefined);
      const zoned = dated.filter((d) => /(Z|[+-]\d{2}:?\d{2})$/i.test(d));
      const unreadable = listed.filter((r) => r.requested && !r.requested.date).length;
      const idAsId = listed.filter((r) => rawField(r.raw, 'service_request_id') === undefined && rawField(r.raw, 'id') !== undefined).length;
      add({
        id: 'requests',
        section: 'Requests',
        level: 'ok',
        text: `requests lists ${count(listed.length, 'report')} (${all.ms} ms).`,
        details: [
          ...(dated.length
            ? [
                zoned.length === dated.length
                  ? `Dates carry a time zone, e.g. ${zoned[0]}`
                  : `${dated.length - zoned.length} of ${dated.length} dates have no time zone, e.g. ${dated.find((d) => !zoned.includes(d))}: the widget reads them as the resident's local time`,
              ]
            : []),
          ...(unreadable ? [`${unreadable} dates could not be read: the widget shows them as sent`] : []),
          ...(idAsId
            ? [`Records carry "id" instead of "service_request_id" (as SeeClickFix does) — the widget reads it as the reference; nothing to set`]
            : []),
        ],
      });
    } else {
      add({
        id: 'requests',
        section: 'Requests',
        level: 'warn',
        text: `requests could not be listed: ${describe(all.error)}`,
        details: ['The widget uses it for reports near the pin and to check whether a report whose answer was lost arrived.'],
      });
    }

    // Dates with a zone (the widget's `since` on nearby reports and on its check after a lost answer).
    const dates = await attempt(() => main.requests({ startDate: since }));
    if (dates.ok) {
      add({ id: 'dates', section: 'Requests', level: 'ok', text: `start_date ${settings.dateZone ? 'with a time zone' : 'without a time zone'} is accepted.` });
    } else if (settings.dateZone && statusOf(dates.error) === 400) {
      const plain = await attempt(() => client({ format, dateZone: false }).requests({ startDate: since }));
      if (plain.ok) {
        attributes['no-date-zone'] = true;
        // The rest is asked the way the page will ask once it follows the advice.
        settings.dateZone = false;
        main = client({ format });
        add({
          id: 'dates',
          section: 'Requests',
          level: 'fail',
          text: `The server refuses dates with a time zone (${describe(dates.error)}) and accepts them without one.`,
          advice: 'Set no-date-zone on the element (run again with --no-date-zone).',
        });
      } else {
        add({ id: 'dates', section: 'Requests', level: 'warn', text: `start_date is refused with and without a time zone: ${describe(dates.error)}` });
      }
    } else if (all.ok) {
      add({ id: 'dates', section: 'Requests', level: 'warn', text: `start_date is refused: ${describe(dates.error)}` });
    }

    const located = listed.find((r) => r.lat !== undefined && r.long !== undefined);
    if (located && located.lat !== undefined && located.long !== undefined) {
      const near = await attempt(() => main.requests({ lat: located.lat, long: located.long, radius: 500 }));
      add({
        id: 'nearby',
        section: 'Requests',
        level: near.ok ? 'ok' : 'info',
        text: near.ok
          ? `lat/long/radius accepted: ${count(near.value.length, 'report')} within 500 m of a listed one${near.value.length < listed.length ? ' (filtered by place)' : ' (no fewer than the whole list: the server may ignore them)'}.`
          : `lat/long/radius refused: ${describe(near.error)}. The map shows no nearby reports.`,
      });
    } else if (all.ok) {
      add({ id: 'nearby', section: 'Requests', level: 'info', text: 'No listed report has a location, so lat/long/radius could not be tried.' });
    }
    if (all.ok) {
      const paged = await attempt(() => main.requests({ page: 1, pageSize: 1 }));
      add({
        id: 'paging',
        section: 'Requests',
        level: 'info',
        text: paged.ok
          ? listed.length < 2
            ? 'page/page_size accepted (too few reports to see whether it pages).'
            : paged.value.length <= 1
              ? 'page/page_size honoured (it pages).'
              : 'page/page_size accepted but ignored (the whole list came back).'
          : `page/page_size refused: ${describe(paged.error)}`,
      });
    }

    // An unknown reference: how the server says "no such report".
    const missing = await attempt(() => main.request('open311-doctor-no-such-report'));
    const missingCall = calls.filter((c) => c.url.includes('open311-doctor-no-such-report')).at(-1);
    const missingBody = missingCall ? (bodies.get(missingCall.url) ?? '') : '';
    if (missing.ok && missing.value === undefined) {
      const html = sniff(missingBody) === 'html';
      add({
        id: 'errors',
        section: 'Requests',
        level: html ? 'warn' : 'ok',
        text: `An unknown reference answers ${missingCall?.status ?? '?'}${html ? ' with an HTML page' : missingCall?.status === 200 ? ' with an empty list (as FixMyStreet does)' : ' with an Open311 error'}: the tracker says it cannot find it.`,
        ...(html ? { details: ["Errors come as web pages, not Open311 error lists: residents see the widget's own words, never the server's."] } : {}),
      });
    } else if (!missing.ok) {
      add({
        id: 'errors',
        section: 'Requests',
        level: 'warn',
        text: `An unknown reference answers: ${describe(missing.error)}. The tracker shows a general error for it.`,
      });
    }
    return located;
  }

  /** @param {'json'|'xml'} format */
  async updates(format) {
    const add = (/** @type {Finding} */ f) => this.add(f);
    const main = this.client({ format });
    // --- updates (FixMyStreet's extension) ---------------------------------------------------------
    const updates = await attempt(() => main.requestUpdates({ startDate: new Date(Date.now() - 86_400_000) }));
    add({
      id: 'updates',
      section: 'Updates',
      level: 'info',
      text: updates.ok
        ? `servicerequestupdates exists (${count(updates.value.length, 'update')} in the last day): the tracker shows a timeline of updates.`
        : `No servicerequestupdates (${describe(updates.error)}): the tracker shows each report's status and notes only.`,
    });
  }

  /**
   * CORS for the page's origin, from every answer so far and a preflight for the POST.
   * @param {'json'|'xml'} format
   */
  async cors(format) {
    const { endpoint, origin, options, settings, calls, timeoutMs } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    // --- CORS --------------------------------------------------------------------------------------
    if (options.browser) {
      // The browser read the answers (or the service list would have failed): CORS lets this page in.
      const here = typeof location === 'undefined' ? 'this page' : `this page (${location.origin})`;
      add({
        id: 'cors',
        section: 'CORS',
        level: 'ok',
        text: `The browser let ${here} read the server's answers: it sends CORS headers.`,
        details: [`Check your own site too: npx open311-doctor ${endpoint} --origin https://www.your-council.gov.uk`],
      });
      return;
    }
    const answered = calls.filter((c) => c.method === 'GET' && c.status !== undefined && c.status < 300);
    const allowed = answered.filter((c) => c.allowOrigin === '*' || c.allowOrigin === origin);
    const preflightUrl = new URL((settings.pathTemplate ?? '{resource}.{format}').replace('{resource}', 'requests').replace('{format}', format), endpoint);
    if (settings.jurisdiction) preflightUrl.searchParams.set('jurisdiction_id', settings.jurisdiction);
    const preflight = await attempt(async () => {
      const started = performance.now();
      const response = await (options.fetch ?? globalThis.fetch)(preflightUrl, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      /** @type {Call} */
      const call = { method: 'OPTIONS', url: hide(preflightUrl.href), status: response.status, ms: Math.round(performance.now() - started) };
      const allow = response.headers.get('access-control-allow-origin');
      if (allow !== null) call.allowOrigin = allow;
      calls.push(call);
      return { status: response.status, allow, methods: response.headers.get('access-control-allow-methods') };
    });
    const preflightOk = preflight.ok && preflight.value.status < 300 && (preflight.value.allow === '*' || preflight.value.allow === origin);
    const pageOn = options.origin ? `a page on ${origin}` : 'a page on another site';
    const yours = options.origin ? [] : ['Run again with --origin https://www.your-council.gov.uk to check your own site.'];
    if (answered.length && allowed.length === answered.length) {
      add({
        id: 'cors',
        section: 'CORS',
        level: 'ok',
        text: `The server lets ${pageOn} read its answers (Access-Control-Allow-Origin: ${allowed[0].allowOrigin}).`,
        details: [
          ...yours,
          preflightOk
            ? `Preflight (OPTIONS) for a POST: allowed (${preflight.ok ? preflight.value.status : ''}).`
            : `Preflight (OPTIONS) for a POST: ${preflight.ok ? `answered ${preflight.value.status}${preflight.value.allow ? '' : ' without CORS headers'}` : describe(preflight.error)}. The widget's reports are plain form posts, which browsers send without one.`,
        ],
      });
    } else {
      const seen = [...new Set(answered.map((c) => c.allowOrigin).filter((a) => a !== undefined))];
      this.needsGateway = true;
      add({
        id: 'cors',
        section: 'CORS',
        level: 'fail',
        text: seen.length
          ? `The server allows other sites (${seen.join(', ')}) but not ${pageOn}: the widget on it cannot read the answers.`
          : `The server sends no CORS headers: the widget on ${pageOn} cannot read its answers.`,
        details: [
          ...yours,
          `Preflight (OPTIONS) for a POST: ${preflight.ok ? `answered ${preflight.value.status}${preflight.value.allow ? ` (Access-Control-Allow-Origin: ${preflight.value.allow})` : ' without CORS headers'}` : describe(preflight.error)}.`,
        ],
        advice: 'Use the gateway; here is its config (below). Or ask your supplier to send Access-Control-Allow-Origin for your site.',
      });
    }
  }

  timing() {
    const { calls, timeoutMs } = this;
    const add = (/** @type {Finding} */ f) => this.add(f);
    // --- timing ------------------------------------------------------------------------------------
    const slow = calls.filter((c) => c.status !== undefined && c.ms > SLOW_MS);
    if (slow.length) {
      add({
        id: 'slow',
        section: 'Timing',
        level: 'warn',
        text: `${count(slow.length, 'call')} took over ${seconds(SLOW_MS)} (slowest ${Math.max(...slow.map((c) => c.ms))} ms): residents wait for each.`,
        advice: slow.some((c) => c.ms > timeoutMs / 2) ? 'Consider timeout="30000" on the element; ask your supplier why it is slow.' : undefined,
      });
    }
  }
}

/**
 * Files ONE test report and follows it: returns what was filed, `undefined` when nothing was
 * filed, `null` when the server wants a key for reports (the gateway).
 * @param {Open311Client} client
 * @param {Service[]} services
 * @param {Array<{code: string, def?: ServiceDefinition}>} defs
 * @param {ServiceRequest|undefined} located
 * @param {(f: Finding) => void} add
 * @returns {Promise<{code: string, id?: string, token?: string}|undefined|null>}
 */
async function tryPost(client, services, defs, located, add) {
  const open = services.filter((s) => s.type !== 'blackbox' && !s.keywords.some((k) => ['staff', 'inactive'].includes(k.toLowerCase())));
  const service = open.find((s) => !s.metadata) ?? open.find((s) => defs.some((d) => d.code === s.code && d.def)) ?? open[0];
  if (!service) {
    add({ id: 'post', section: 'Test report', level: 'warn', text: 'No service to send a test report to.' });
    return undefined;
  }
  const def = defs.find((d) => d.code === service.code)?.def;
  /** @type {Record<string, string|string[]>} */
  const answers = {};
  for (const a of def?.attributes ?? []) {
    if (!a.variable || !a.required || a.automated === 'server_set') continue;
    const value = a.values.find((v) => !v.disableMessage)?.key;
    if (a.datatype === 'multivaluelist' && value) answers[a.code] = [value];
    else if (value) answers[a.code] = value;
    else if (a.datatype === 'number') answers[a.code] = '1';
    else if (a.datatype === 'datetime') answers[a.code] = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    else answers[a.code] = 'TEST';
  }
  const started = performance.now();
  const sent = await attempt(() =>
    client.submitRequest({
      serviceCode: service.code,
      ...(located?.lat !== undefined && located.long !== undefined ? { lat: located.lat, long: located.long } : {}),
      addressString: 'TEST REPORT from open311-doctor',
      description: TEST_DESCRIPTION,
      attributes: answers,
    }),
  );
  if (!sent.ok) {
    const status = statusOf(sent.error);
    const key = status === 401 || status === 403;
    add({
      id: 'post',
      section: 'Test report',
      level: 'fail',
      text: `The test report to "${service.name}" (${service.code}) was refused: ${describe(sent.error)}`,
      advice: key ? 'The server wants an api_key for reports: use the gateway, which adds it (config below).' : 'Send this to your supplier.',
    });
    return key ? null : undefined;
  }
  const result = sent.value;
  const ms = Math.round(performance.now() - started);
  /** @type {string[]} */
  const details = [];
  let id = result.id;
  if (!id && result.token) {
    const deadline = Date.now() + 15_000;
    while (!id && Date.now() < deadline) {
      const looked = await attempt(() => client.tokenToId(/** @type {string} */ (result.token)));
      if (looked.ok && looked.value.id) id = looked.value.id;
      else await new Promise((r) => setTimeout(r, 250));
    }
    details.push(
      id
        ? `The token became reference ${id}: the widget shows it when it is ready.`
        : 'The token did not become a reference within 15 s: the widget shows the token and checks again later.',
    );
  }
  if (id) {
    const back = await attempt(() => client.request(/** @type {string} */ (id)));
    details.push(
      back.ok && back.value ? `Read back: status ${back.value.status ?? '?'}.` : `Could not read it back: ${back.ok ? 'not found' : describe(back.error)}.`,
    );
  }
  add({
    id: 'post',
    section: 'Test report',
    level: 'ok',
    text: `Filed ONE test report to "${service.name}" (${service.code}) in ${ms} ms: ${result.id ? `reference ${result.id}` : result.token ? `token ${result.token} (no reference yet)` : 'no reference (a blackbox service)'}.`,
    details: [...details, 'Ask the council to close it: its description says it is a test.'],
  });
  return { code: service.code, ...(id ? { id } : {}), ...(result.token ? { token: result.token } : {}) };
}

/**
 * @param {string} a
 * @param {string} b
 */
function sameEndpoint(a, b) {
  const norm = (/** @type {string} */ u) => u.replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/**
 * @param {number} n
 * @param {string} word
 */
export function count(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** @param {number} ms */
function seconds(ms) {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * @param {{endpoint: string, origin: string, originGiven: boolean, findings: Finding[], calls: Call[],
 *   attributes: Record<string, string|true>, needsGateway: boolean,
 *   settings: {jurisdiction?: string, pathTemplate?: string, dateZone: boolean, apiKeyOn: 'post'|'all'},
 *   options: ProbeOptions, xml: boolean, fatal?: boolean, testReport?: {code: string, id?: string, token?: string},
 *   services?: Array<{code: string, name: string, group?: string}>}} r
 * @returns {Report}
 */
function buildReport(r) {
  const findings = [...r.findings];
  /** @type {Record<string, unknown>|undefined} */
  let gateway;
  if (r.needsGateway && !r.fatal) {
    gateway = gatewayConfig({
      endpoint: r.endpoint,
      ...(r.originGiven ? { site: r.origin } : {}),
      ...(r.options.apiKey || r.settings.apiKeyOn === 'all' ? { apiKeyEnv: r.options.apiKeyEnv ?? 'OPEN311_API_KEY' } : {}),
      apiKeyOn: r.settings.apiKeyOn,
      ...(r.settings.jurisdiction ? { jurisdiction: r.settings.jurisdiction } : {}),
      xml: r.xml,
    });
    if (r.options.apiKey && !findings.some((f) => f.id === 'read-key')) {
      findings.push({
        id: 'api-key',
        section: 'Reports',
        level: 'fail',
        text: 'You gave an api_key: the server needs one, and a key in a public page is a key anyone can copy.',
        advice: 'Use the gateway, which adds the key to reports (config below).',
      });
    }
    if (r.settings.pathTemplate || !r.settings.dateZone) {
      findings.push({
        id: 'gateway-limits',
        section: 'Reports',
        level: 'warn',
        text: `The gateway has no setting yet for ${[r.settings.pathTemplate ? 'path-template' : '', !r.settings.dateZone ? 'no-date-zone' : ''].filter(Boolean).join(' or ')}, which this server needs.`,
        advice: "Ask your supplier for CORS for your site instead, or raise it with the gateway's maintainers.",
      });
    }
  }
  const failures = findings.filter((f) => f.level === 'fail');
  const reasons = failures.map((f) => f.text);
  /** @type {Array<[string, string|true]>} */
  const attrs = r.needsGateway
    ? [['endpoint', gatewayEndpoint(r.originGiven ? r.origin : undefined)]]
    : [['endpoint', r.endpoint], ...Object.entries(r.attributes)];
  const snippet = `<open311-report ${attrs.map(([k, v]) => (v === true ? k : `${k}="${v.replace(/"/g, '&quot;')}"`)).join(' ')}></open311-report>`;
  return {
    endpoint: r.endpoint,
    origin: r.origin,
    originGiven: r.originGiven,
    findings,
    calls: r.calls,
    works: failures.length === 0,
    reasons,
    attributes: r.needsGateway ? {} : r.attributes,
    needsGateway: r.needsGateway && !r.fatal,
    gateway,
    snippet: r.fatal ? undefined : snippet,
    testReport: r.testReport,
    services: r.services ?? [],
  };
}

/** The council's site when it was not given. */
export const EXAMPLE_SITE = 'https://www.example-council.gov.uk';

/**
 * The gateway's public address for a council site (a placeholder council IT changes), where the
 * widget finds it: `https://report.<site without www>`, or beside a site on this computer.
 * @param {string} [site]
 */
export function gatewayPublicUrl(site) {
  const { hostname } = new URL(site ?? EXAMPLE_SITE);
  // A site on this computer (trying it out): the gateway beside it, on its default port.
  if (hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.startsWith('[')) return `http://${hostname}:${GATEWAY_PORT}`;
  return `https://report.${hostname.replace(/^www\./, '')}`;
}

/**
 * The element's `endpoint` when the gateway is the way.
 * @param {string} [site]
 */
export function gatewayEndpoint(site) {
  return `${gatewayPublicUrl(site)}/open311/v2/`;
}

/**
 * A minimal gateway.json (gateway/src/config.mjs `checkConfig` accepts it) for one council server.
 * @param {{endpoint: string, site?: string, publicUrl?: string, apiKeyEnv?: string, apiKeyOn?: 'post'|'all', jurisdiction?: string, xml?: boolean}} g
 * @returns {Record<string, unknown>}
 */
export function gatewayConfig(g) {
  const site = g.site ?? EXAMPLE_SITE;
  /** @type {Record<string, unknown>} */
  const body = { id: 'council', name: 'Your council', endpoint: g.endpoint };
  if (g.apiKeyEnv) body.apiKeyEnv = g.apiKeyEnv;
  if (g.apiKeyOn === 'all') body.apiKeyOn = 'all';
  if (g.jurisdiction) body.jurisdictionId = g.jurisdiction;
  if (g.xml) body.format = 'xml';
  return {
    listen: { host: '127.0.0.1', port: GATEWAY_PORT },
    publicUrl: g.publicUrl ?? gatewayPublicUrl(site),
    allowedOrigins: [new URL(site).origin],
    bodies: [body],
  };
}
