// The council's back office: a server-rendered HTML page to move requests through their statuses,
// and a small JSON API the tests use. Served without CORS headers in every profile.
//
// It shows residents' names, emails and phones and can close or wipe every report, so (issue 17):
// - it answers only to a loopback Host name (127.0.0.1, localhost, [::1], any port): a DNS-rebinding
//   page, whose requests carry its own host name, gets 403 and nothing else;
// - it needs the random token printed at start: the printed link `/admin?token=…` sets an HttpOnly,
//   SameSite=Strict cookie and redirects to /admin; API callers send `Authorization: Bearer <token>`;
// - a POST that carries an Origin must carry the page's own (`http://` + Host): a page on another
//   port of the same machine is "same site" and would otherwise ride on the Strict cookie;
// - the JSON API takes only `application/json` (a plain form or a `no-cors` fetch cannot send it),
//   and the page's forms carry a CSRF field the server checks.
// Plain node: built-ins, as for the rest of this server (no dependencies by design): the header
// checks are a few exact comparisons, not parsing a library would do better.

import crypto from 'node:crypto';
import { readBody, readJson, BodyError } from './body.mjs';
import { isoNow } from './store.mjs';
import { ALL_STATUSES, ADMIN_STATUSES } from './statuses.mjs';

/**
 * Escape text for HTML content and attribute values.
 * @param {unknown} value
 * @returns {string}
 */
function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * @typedef {object} AdminChange
 * @property {unknown} [status]
 * @property {unknown} [status_notes]
 * @property {unknown} [agency_responsible]
 * @property {unknown} [expected_datetime] ISO 8601, or '' / null to clear
 * @property {unknown} [requested_datetime] test helper: back-date a request
 */

/**
 * Apply a back-office change; records a servicerequestupdates entry when status or notes change.
 * @param {import('./server.mjs').Context} ctx
 * @param {import('./store.mjs').StoredRequest} r
 * @param {AdminChange} change
 */
export function applyChange(ctx, r, change) {
  /** @param {unknown} v */
  const str = (v) => (v === null || v === undefined ? '' : String(v));
  /**
   * @param {unknown} v
   * @param {string} name
   */
  const date = (v, name) => {
    const s = str(v).trim();
    if (s === '') return null;
    if (Number.isNaN(Date.parse(s))) throw new BodyError(400, `${name} must be an ISO 8601 date and time`);
    return s;
  };
  let status = r.status;
  if (change.status !== undefined) {
    status = str(change.status).trim().toLowerCase();
    if (!ALL_STATUSES.includes(status)) throw new BodyError(400, `Unknown status "${status}"`);
  }
  const notes = change.status_notes !== undefined ? str(change.status_notes) : r.status_notes;
  const expected = change.expected_datetime !== undefined ? date(change.expected_datetime, 'expected_datetime') : undefined;
  const requested = change.requested_datetime !== undefined ? date(change.requested_datetime, 'requested_datetime') : undefined;

  const statusChanged = status !== r.status;
  const notesChanged = notes !== r.status_notes;
  r.status = status;
  r.status_notes = notes;
  if (change.agency_responsible !== undefined) r.agency_responsible = str(change.agency_responsible);
  if (expected !== undefined) r.expected_datetime = expected;
  if (requested) r.requested_datetime = requested;
  r.updated_datetime = isoNow();
  if (statusChanged || notesChanged) ctx.store.recordUpdate(r, notes);
  ctx.store.save();
  return r;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 */
function sendJson(res, status, value) {
  const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 */
function sendHtml(res, status, html) {
  const body = Buffer.from(html);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    // Not no-referrer: under it browsers send `Origin: null` even on the page's own form POSTs.
    'Referrer-Policy': 'same-origin',
  });
  res.end(body);
}

/** Host names the back office answers to: loopback only, any port (DNS rebinding sends its own name). */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * The back office's secrets, made once per server start.
 * @typedef {object} AdminSecrets
 * @property {string} token printed at start; the cookie's value and the Bearer token
 * @property {string} csrf hidden field of the page's forms
 * @property {string} cookie cookie name; carries the port, as cookies are shared by every port of a host
 */

/**
 * @param {string|undefined} token a fixed token (tests), or undefined for a random one
 * @returns {AdminSecrets} `cookie` is empty until the server knows its port
 */
export function adminSecrets(token) {
  if (token !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(token)) {
    throw new Error('adminToken must be at least 16 characters of A-Z a-z 0-9 _ -');
  }
  return {
    token: token ?? crypto.randomBytes(24).toString('base64url'),
    csrf: crypto.randomBytes(24).toString('base64url'),
    cookie: '',
  };
}

/**
 * Constant-time comparison of two secrets of any length.
 * @param {string} given
 * @param {string} secret
 */
function sameSecret(given, secret) {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * The token as a Bearer header or as the cookie set by the printed link.
 * @param {import('./server.mjs').Context} ctx
 * @param {import('node:http').IncomingMessage} req
 */
function authorised(ctx, req) {
  const bearer = /^Bearer ([^\s]+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
  if (bearer !== undefined) return sameSecret(bearer, ctx.admin.token);
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === ctx.admin.cookie) return sameSecret(part.slice(eq + 1).trim(), ctx.admin.token);
  }
  return false;
}

/**
 * The request's media type, lower case, without parameters ('' when none).
 * @param {import('node:http').IncomingMessage} req
 */
function mediaType(req) {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/**
 * Route /admin…
 * @param {import('./server.mjs').Context} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleAdmin(ctx, req, res, url) {
  const p = url.pathname;
  const method = req.method ?? 'GET';
  try {
    const host = String(req.headers.host ?? '');
    if (!LOOPBACK_HOST.test(host)) {
      throw new BodyError(403, 'The back office answers only at http://127.0.0.1, http://localhost or http://[::1]');
    }
    const origin = req.headers.origin;
    if (method === 'POST' && origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
      throw new BodyError(403, 'Cross-origin POSTs to the back office are refused');
    }
    const isPage = p === '/admin' || p === '/admin/';
    const offered = url.searchParams.get('token');
    if (isPage && method === 'GET' && offered !== null) {
      if (!sameSecret(offered, ctx.admin.token)) throw new BodyError(401, 'That back-office link is not this server’s');
      // Trade the printed link for a cookie, and take the token out of the address bar.
      req.resume();
      res.writeHead(303, {
        Location: '/admin',
        'Set-Cookie': `${ctx.admin.cookie}=${ctx.admin.token}; Path=/admin; HttpOnly; SameSite=Strict`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (!authorised(ctx, req)) {
      throw new BodyError(401, 'The back office needs the link printed when the server started (…/admin?token=…)');
    }
    if (isPage) {
      if (method !== 'GET') throw new BodyError(405, 'Method not allowed');
      sendHtml(res, 200, renderAdmin(ctx));
      return;
    }
    if (method === 'POST' && p.startsWith('/admin/api/') && mediaType(req) !== 'application/json') {
      throw new BodyError(415, 'The back-office API takes only Content-Type: application/json');
    }
    let m = /^\/admin\/requests\/([^/]+)$/.exec(p);
    if (m && method === 'POST') {
      if (mediaType(req) !== 'application/x-www-form-urlencoded') {
        throw new BodyError(415, 'The back-office form takes only application/x-www-form-urlencoded');
      }
      const form = Object.fromEntries(new URLSearchParams((await readBody(req)).toString('utf8')));
      if (!sameSecret(form.csrf ?? '', ctx.admin.csrf)) throw new BodyError(403, 'Send the form from the back-office page');
      const r = ctx.store.find(decodeURIComponent(m[1]));
      if (!r) throw new BodyError(404, 'No such request');
      /** @type {AdminChange} */
      const change = {};
      for (const key of /** @type {const} */ (['status', 'status_notes', 'agency_responsible', 'expected_datetime'])) {
        if (key in form) change[key] = form[key];
      }
      applyChange(ctx, r, change);
      res.writeHead(303, { Location: '/admin', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (p === '/admin/api/requests' && method === 'GET') {
      sendJson(res, 200, ctx.store.requests);
      return;
    }
    if (p === '/admin/api/updates' && method === 'GET') {
      sendJson(res, 200, ctx.store.updates);
      return;
    }
    m = /^\/admin\/api\/requests\/([^/]+)$/.exec(p);
    if (m && method === 'POST') {
      const change = await readJson(req);
      const r = ctx.store.find(decodeURIComponent(m[1]));
      if (!r) throw new BodyError(404, 'No such request');
      sendJson(res, 200, applyChange(ctx, r, change));
      return;
    }
    if (p === '/admin/api/reset' && method === 'POST') {
      req.resume();
      ctx.store.reset();
      sendJson(res, 200, { ok: true });
      return;
    }
    throw new BodyError(404, 'Not found');
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    req.resume();
    if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="back office"');
    if (p.startsWith('/admin/api/')) sendJson(res, err.status, { error: err.message });
    else sendHtml(res, err.status, page('Error', `<p>${escapeHtml(err.message)}</p><p><a href="/admin">Back</a></p>`));
  }
}

/**
 * @param {string} title
 * @param {string} body
 */
function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Example Council back office</title>
<style>
body { font: 16px/1.4 system-ui, sans-serif; margin: 1rem auto; max-width: 60rem; padding: 0 1rem; color: #0b0c0c; }
article { border: 1px solid #b1b4b6; padding: .75rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; }
label { display: block; font-weight: 600; margin-top: .5rem; }
textarea, input, select { font: inherit; width: 100%; max-width: 30rem; box-sizing: border-box; }
button { font: inherit; margin-top: .5rem; padding: .3rem 1rem; }
.status { display: inline-block; padding: 0 .4rem; background: #1d70b8; color: #fff; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

/**
 * The back-office page: requests newest first, a form per request.
 * @param {import('./server.mjs').Context} ctx
 */
function renderAdmin(ctx) {
  const list = ctx.store.requests
    .map((r, i) => ({ r, i, t: Date.parse(r.requested_datetime) }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .map((x) => x.r);
  const e = escapeHtml;
  const items = list.map((r) => {
    const id = r.service_request_id;
    const fid = `r-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const where = [r.address, r.lat !== null && r.long !== null ? `${r.lat}, ${r.long}` : null, r.address_id ? `address id ${r.address_id}` : null]
      .filter(Boolean)
      .join(' · ');
    const contact = [[r.first_name, r.last_name].filter(Boolean).join(' '), r.email, r.phone].filter(Boolean).join(' · ');
    const answers = Object.entries(r.attributes ?? {})
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
      .join('\n');
    const pending = r.token && r.token_ready_at && Date.now() < r.token_ready_at;
    const options = [...new Set([...ADMIN_STATUSES, r.status])]
      .map((s) => `<option value="${e(s)}"${s === r.status ? ' selected' : ''}>${e(s.replace(/_/g, ' '))}</option>`)
      .join('');
    return `<article>
<h2>${e(id)} – ${e(r.service_name)} <span class="status">${e(r.status.replace(/_/g, ' '))}</span></h2>
<dl>
<dt>Category</dt><dd>${e(r.service_code)}</dd>
<dt>Reported</dt><dd>${e(r.requested_datetime)}</dd>
<dt>Updated</dt><dd>${e(r.updated_datetime)}</dd>
<dt>Where</dt><dd>${e(where || '–')}</dd>
<dt>Description</dt><dd>${e(r.description || '–')}</dd>
${answers ? `<dt>Answers</dt><dd>${e(answers)}</dd>\n` : ''}${contact ? `<dt>Reporter</dt><dd>${e(contact)}</dd>\n` : ''}${
      r.media_url ? `<dt>Photo</dt><dd><a href="${e(r.media_url)}">${e(r.media_url)}</a></dd>\n` : ''
    }${r.token ? `<dt>Token</dt><dd>${e(r.token)}${pending ? ' (not yet released)' : ''}</dd>\n` : ''}</dl>
<form method="post" action="/admin/requests/${e(encodeURIComponent(id))}">
<input type="hidden" name="csrf" value="${e(ctx.admin.csrf)}">
<label for="${fid}-status">Status</label>
<select id="${fid}-status" name="status">${options}</select>
<label for="${fid}-notes">Status notes (shown to the public)</label>
<textarea id="${fid}-notes" name="status_notes" rows="2">${e(r.status_notes)}</textarea>
<label for="${fid}-agency">Agency responsible</label>
<input id="${fid}-agency" name="agency_responsible" value="${e(r.agency_responsible)}">
<button type="submit">Save ${e(id)}</button>
</form>
</article>`;
  });
  const body = list.length ? `<p>${list.length} request${list.length === 1 ? '' : 's'}, newest first.</p>\n${items.join('\n')}` : '<p>No requests yet.</p>';
  return page('Reported problems', body);
}
