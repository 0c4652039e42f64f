import { bool, field, isRecord, num, records, str, unwrap } from './fields.js';
import type { Rec } from './fields.js';
import type { AttributeValue, Loose, ServiceAttribute, ServiceDefinition } from './models.js';

/** A service definition (the questions a service asks), read from any of the shapes servers send. */

function toValues(v: Loose): AttributeValue[] {
  const out: AttributeValue[] = [];
  for (const rec of records(v, ['value'], ['values'])) {
    const key = str(field(rec, 'key'));
    if (key === undefined) continue;
    const disableMessage = str(field(rec, 'disable_message'));
    // No spread: a list may hold 100,000 values, and each spread is one more object to collect.
    const value: { key: string; name: string; disableMessage?: string } = { key, name: str(field(rec, 'name')) ?? key };
    if (disableMessage) value.disableMessage = disableMessage;
    out.push(value);
  }
  return out;
}

/**
 * A service definition in either shape: with an `attributes` wrapper or with `attribute`
 * elements straight under the root (the original v2 shape, §1.5). Sorted stably by `order`.
 */
export function toServiceDefinition(value: Loose, fallbackCode = ''): ServiceDefinition {
  let root: Loose = unwrap(value);
  // `{"service_definition": {...}}` (root-keyed) or a list holding the definition.
  if (isRecord(root) && isRecord(root['service_definition'])) root = root['service_definition'];
  if (Array.isArray(root)) root = root.find(isRecord) ?? {};
  const rec: Rec = isRecord(root) ? root : {};
  const source = field(rec, 'attributes') ?? field(rec, 'attribute') ?? null;
  const attrs: ServiceAttribute[] = [];
  for (const a of records(source, ['attribute'], ['attributes'])) {
    const code = str(field(a, 'code'));
    if (code === undefined) continue;
    const automated = str(field(a, 'automated'))?.toLowerCase();
    const datatypeDescription = str(field(a, 'datatype_description'));
    const order = num(field(a, 'order'));
    attrs.push({
      code,
      variable: bool(field(a, 'variable'), true),
      datatype: str(field(a, 'datatype'))?.toLowerCase() ?? 'string',
      required: bool(field(a, 'required')),
      description: str(field(a, 'description')) ?? code,
      values: toValues(field(a, 'values') ?? null),
      ...(datatypeDescription ? { datatypeDescription } : {}),
      ...(order !== undefined ? { order } : {}),
      ...(automated ? { automated } : {}),
      raw: a,
    });
  }
  const sorted = attrs
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.order ?? Infinity) - (y.a.order ?? Infinity) || x.i - y.i)
    .map((x) => x.a);
  return { serviceCode: str(field(rec, 'service_code')) ?? fallbackCode, attributes: sorted, raw: rec };
}
