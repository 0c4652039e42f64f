import { field, records, str, unwrap } from './fields.js';
import type { Open311ErrorItem } from './errors.js';
import type { Loose } from './models.js';

/**
 * The server's error list from any of the shapes seen (§3.1 item 3): the spec's `[{code,
 * description}]` / `<errors><error>`, a bare `<error>text</error>`, Boston's `message`, Rails-style
 * `{"base": [...]}`, `{"error": "..."}`. Returns an empty list when nothing readable is there.
 */
export function toErrorItems(value: Loose, status?: number): Open311ErrorItem[] {
  const fallbackCode = status !== undefined ? String(status) : '';
  const root = unwrap(value);
  if (typeof root === 'string' || typeof root === 'number') {
    const s = str(root);
    return s ? [{ code: fallbackCode, description: s }] : [];
  }
  const out: Open311ErrorItem[] = [];
  for (const rec of records(root, ['error'], ['errors'])) {
    const description = str(field(rec, 'description', 'message', 'error', 'detail', 'title'));
    if (description) {
      out.push({ code: str(field(rec, 'code', 'status')) ?? fallbackCode, description });
      continue;
    }
    // Rails-style `{"base": ["is a duplicate"], "email": ["is invalid"]}` or `{"errors": {...}}`.
    for (const [k, v] of Object.entries(rec)) {
      const list = Array.isArray(v) ? v : [v];
      for (const item of list) {
        const s = str(item);
        if (s) out.push({ code: fallbackCode, description: k === 'base' ? s : `${k} ${s}` });
      }
    }
  }
  return out;
}
