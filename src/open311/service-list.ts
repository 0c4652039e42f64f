import { bool, field, isRecord, records, str, unwrap } from './fields.js';
import type { Rec } from './fields.js';
import type { Loose, Service, ServiceType } from './models.js';

/** The service list, read from any of the shapes servers send (`normalise.ts` lists every reader). */

function keywordList(v: Loose, parts: string[] = []): string[] {
  const value = unwrap(v);
  // Pushed one by one: `push(...list)` overflows the stack on a list of a few hundred thousand.
  if (Array.isArray(value)) for (const item of value) keywordList(item, parts);
  else {
    const s = str(value);
    if (s) for (const p of s.split(',')) if (p.trim() !== '') parts.push(p.trim());
  }
  return parts;
}

function groupList(rec: Rec): string[] {
  const groups: string[] = [];
  const fms = field(rec, 'groups');
  if (fms !== undefined && fms !== null) {
    // FMS `<groups><group>A</group><group>B</group></groups>` or JSON `groups: [...]`.
    const inner = isRecord(fms) ? fms['group'] : fms;
    const list = Array.isArray(inner) ? inner : [inner];
    for (const g of list) {
      const s = str(g);
      if (s) groups.push(s);
    }
  }
  if (groups.length === 0) {
    const g = str(field(rec, 'group'));
    if (g) groups.push(g);
  }
  return [...new Set(groups)];
}

function serviceType(v: Loose): ServiceType {
  const t = str(v)?.toLowerCase();
  return t === 'batch' || t === 'blackbox' ? t : 'realtime';
}

/** The service list. Services without a code are skipped (FMS warns and skips them too, §3.3 item 16). */
export function toServices(value: Loose): Service[] {
  const out: Service[] = [];
  for (const rec of records(value, ['service'], ['services'])) {
    const code = str(field(rec, 'service_code'));
    if (code === undefined) continue;
    out.push({
      code,
      name: str(field(rec, 'service_name')) ?? code,
      description: str(field(rec, 'description')),
      metadata: bool(field(rec, 'metadata')),
      type: serviceType(field(rec, 'type')),
      keywords: keywordList(field(rec, 'keywords')),
      groups: groupList(rec),
      raw: rec,
    });
  }
  return out;
}
