import { field, isRecord, records, str, unwrap } from './fields.js';
import type { Rec } from './fields.js';
import type { Discovery, DiscoveryEndpoint, Loose } from './models.js';

/** A discovery document. */
export function toDiscovery(value: Loose): Discovery {
  let root = unwrap(value);
  if (isRecord(root) && isRecord(root['discovery'])) root = root['discovery'];
  const rec: Rec = isRecord(root) ? root : {};
  const endpoints: DiscoveryEndpoint[] = records(field(rec, 'endpoints') ?? null, ['endpoint'], ['endpoints']).map((e) => {
    const formatsRaw = field(e, 'formats');
    const formatsList = isRecord(formatsRaw) ? formatsRaw['format'] : formatsRaw;
    const formats = (Array.isArray(formatsList) ? formatsList : [formatsList]).map(str).filter((f): f is string => !!f);
    const out: { -readonly [K in keyof DiscoveryEndpoint]?: DiscoveryEndpoint[K] } = { formats };
    const spec = str(field(e, 'specification'));
    const url = str(field(e, 'url'));
    const changeset = str(field(e, 'changeset'));
    const type = str(field(e, 'type'));
    if (spec) out.specification = spec;
    if (url) out.url = url;
    if (changeset) out.changeset = changeset;
    if (type) out.type = type;
    return out as DiscoveryEndpoint;
  });
  const out: { -readonly [K in keyof Discovery]?: Discovery[K] } = { endpoints, raw: rec };
  const changeset = str(field(rec, 'changeset'));
  const contact = str(field(rec, 'contact'));
  const keyService = str(field(rec, 'key_service'));
  if (changeset) out.changeset = changeset;
  if (contact) out.contact = contact;
  if (keyService) out.keyService = keyService;
  return out as Discovery;
}
