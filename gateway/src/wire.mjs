// GeoReport v2 documents as the gateway shows them, built from the foundation client's normalised
// models: spec shapes in JSON (bare arrays, a service definition as an object) and XML
// (`<services><service>`, `<service_requests><request>`, `<errors><error>`). The writing itself is
// @open311-elements/georeport-wire's, the same writer as the local server's (packages/georeport-wire).
import { safeHttpUrl } from 'open311-elements/open311';

/** @param {string|undefined} v */
const opt = (v) => (v === undefined || v === '' ? null : v);

/**
 * A service list entry.
 * @param {import('open311-elements/open311').Service} s
 * @param {{code?: string, description?: string}} [override]
 */
export function wireService(s, override = {}) {
  /** @type {Record<string, unknown>} */
  const out = {
    service_code: override.code ?? s.code,
    service_name: s.name,
    description: opt(override.description ?? s.description),
    metadata: s.metadata,
    type: s.type,
    keywords: s.keywords.join(', '),
    group: opt(s.groups[0]),
  };
  // FixMyStreet's `groups` extension, only when a service really sits in several.
  if (s.groups.length > 1) out.groups = [...s.groups];
  return out;
}

/**
 * A service definition.
 * @param {import('open311-elements/open311').ServiceDefinition} d
 * @param {string} code the code as the gateway shows it
 */
export function wireDefinition(d, code) {
  return {
    service_code: code,
    attributes: d.attributes.map((a) => {
      /** @type {Record<string, unknown>} */
      const out = {
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: opt(a.datatypeDescription),
        order: a.order ?? null,
        description: a.description,
      };
      if (a.automated) out.automated = a.automated;
      if (a.values.length > 0) {
        out.values = a.values.map((v) => (v.disableMessage ? { key: v.key, name: v.name, disable_message: v.disableMessage } : { key: v.key, name: v.name }));
      }
      return out;
    }),
  };
}

/**
 * A service request.
 * @param {import('open311-elements/open311').ServiceRequest} r
 * @param {{id?: string, token?: string, code?: string}} mapped ids and code as the gateway shows them
 */
export function wireRequest(r, mapped) {
  /** @type {Record<string, unknown>} */
  const out = {
    service_request_id: opt(mapped.id),
    status: opt(r.status),
    status_notes: opt(r.statusNotes),
    service_name: opt(r.serviceName),
    service_code: opt(mapped.code),
    description: opt(r.description),
    agency_responsible: opt(r.agencyResponsible),
    service_notice: opt(r.serviceNotice),
    requested_datetime: opt(r.requested?.raw),
    updated_datetime: opt(r.updated?.raw),
    expected_datetime: opt(r.expected?.raw),
    address: opt(r.address),
    address_id: opt(r.addressId),
    zipcode: opt(r.zipcode),
    lat: r.lat ?? null,
    long: r.long ?? null,
    // Only a plain http(s) link: an upstream's `javascript:`, `data:` or relative media_url would be a
    // link any client of the gateway might render (hostile-corpus tests, issue 10).
    media_url: opt(r.mediaUrls.map(safeHttpUrl).find((u) => u !== undefined)),
  };
  if (mapped.token && !mapped.id) out.token = mapped.token;
  return out;
}
