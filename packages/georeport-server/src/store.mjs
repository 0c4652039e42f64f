// Persistence: one JSON file, <dataDir>/requests.json, rewritten atomically (temp file + rename)
// after every change and loaded at start, so a restart loses nothing.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * A stored service request. Contact fields and the token bookkeeping are stored but never sent by the
 * public API.
 * @typedef {object} StoredRequest
 * @property {string} service_request_id
 * @property {string} status
 * @property {string} status_notes
 * @property {string} service_code
 * @property {string} service_name
 * @property {string} description
 * @property {string} agency_responsible
 * @property {string|null} service_notice
 * @property {string} requested_datetime
 * @property {string} updated_datetime
 * @property {string|null} expected_datetime
 * @property {string|null} address
 * @property {string|null} address_id
 * @property {string|null} zipcode
 * @property {number|null} lat
 * @property {number|null} long
 * @property {string|null} media_url
 * @property {Record<string, string|string[]>} attributes
 * @property {string|null} email
 * @property {string|null} first_name
 * @property {string|null} last_name
 * @property {string|null} phone
 * @property {string|null} device_id
 * @property {string|null} account_id
 * @property {string|null} token token the POST answered with (batch services)
 * @property {number|null} token_ready_at epoch ms from which the token resolves and the request is public
 */

/**
 * @typedef {object} StoredUpdate
 * @property {string} update_id
 * @property {string} service_request_id
 * @property {string} status
 * @property {string} updated_datetime
 * @property {string} description
 * @property {string} media_url
 */

/**
 * @typedef {object} StoreData
 * @property {number} version
 * @property {number} seq last request sequence number
 * @property {number} updateSeq last update sequence number
 * @property {StoredRequest[]} requests
 * @property {StoredUpdate[]} updates
 */

/** ISO 8601 without milliseconds, UTC (`2026-11-25T15:10:00Z`): some servers reject ms (§3.5 item 26). */
export function isoNow(ms = Date.now()) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class Store {
  /** @param {string} dataDir */
  constructor(dataDir) {
    this.dataDir = dataDir;
    this.file = path.join(dataDir, 'requests.json');
    this.mediaDir = path.join(dataDir, 'media');
    /** @type {StoreData} */
    this.data = { version: 1, seq: 0, updateSeq: 0, requests: [], updates: [] };
  }

  /** Create the folders and load the file if there is one. */
  load() {
    fs.mkdirSync(this.mediaDir, { recursive: true });
    if (fs.existsSync(this.file)) {
      const loaded = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      this.data = {
        version: 1,
        seq: Number(loaded.seq) || 0,
        updateSeq: Number(loaded.updateSeq) || 0,
        requests: Array.isArray(loaded.requests) ? loaded.requests : [],
        updates: Array.isArray(loaded.updates) ? loaded.updates : [],
      };
    }
  }

  /** Write the whole file atomically: a reader never sees half a file, a crash never loses the old one. */
  save() {
    const tmp = `${this.file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }

  /** @returns {StoredRequest[]} */
  get requests() {
    return this.data.requests;
  }

  /** @returns {StoredUpdate[]} */
  get updates() {
    return this.data.updates;
  }

  /**
   * Next request id: `2026-000123`, or plain digits (`1000123`) for the `strings` profile so that a
   * JSON number carries it exactly.
   * @param {boolean} digitsOnly
   */
  nextRequestId(digitsOnly) {
    this.data.seq += 1;
    if (digitsOnly) return String(1000000 + this.data.seq);
    return `${new Date().getUTCFullYear()}-${String(this.data.seq).padStart(6, '0')}`;
  }

  nextUpdateId() {
    this.data.updateSeq += 1;
    return `UPD-${String(this.data.updateSeq).padStart(6, '0')}`;
  }

  /**
   * Record an entry for servicerequestupdates with the request's current status and time.
   * @param {StoredRequest} r
   * @param {string} description
   * @param {string} [mediaUrl]
   * @param {string} [updateId] client-supplied id (FMS POST servicerequestupdates)
   * @returns {StoredUpdate}
   */
  recordUpdate(r, description, mediaUrl = '', updateId) {
    const update = {
      update_id: updateId ?? this.nextUpdateId(),
      service_request_id: r.service_request_id,
      status: r.status,
      updated_datetime: r.updated_datetime,
      description,
      media_url: mediaUrl,
    };
    this.data.updates.push(update);
    return update;
  }

  /** @param {string} id */
  find(id) {
    return this.data.requests.find((r) => r.service_request_id === id);
  }

  /** @param {string} token */
  findByToken(token) {
    return this.data.requests.find((r) => r.token === token);
  }

  /** Forget everything (admin reset). Sequence numbers continue so ids are never reused. */
  reset() {
    this.data.requests = [];
    this.data.updates = [];
    this.save();
  }
}
