import type { AttributeValue, ServiceAttribute } from '../../open311/models.js';
import { formatDate } from '../../open311/client.js';
import type { ReportFormValue } from '../../events.js';
import { MAX_ATTRIBUTES, MAX_DESCRIPTION, MAX_NAME, MAX_VALUES, capList, capText } from '../server-limits.js';
import type { Cut } from '../server-limits.js';

/**
 * Pure helpers of `<open311-report-form>`: which control each question gets, the validators (each
 * returns a message id, the element words it), the date encoding and the mapping of server errors
 * to fields. No DOM, no Lit.
 */

/** The control a question is shown with. */
export type FieldKind = 'text' | 'number' | 'datetime' | 'textarea' | 'radios' | 'select' | 'checkboxes';

/** Above this many values a single-choice list is a `<select>`: GOV.UK radios stay short. */
export const MAX_RADIOS = 7;

/** The spec's limit on `description` (shared/open311.md §1.6). */
export const DESCRIPTION_LIMIT = 4000;

/** One thing the form shows for a service definition: a question, or a notice (`variable=false`). */
export type FormItem =
  | { readonly type: 'notice'; readonly attribute: ServiceAttribute; readonly id: string }
  | { readonly type: 'question'; readonly attribute: ServiceAttribute; readonly id: string; readonly kind: FieldKind };

/**
 * The control for a question. A list is driven by `values` being present, whatever the datatype
 * says (FMS renders a select whenever values exist; Boston sends `Picklist`, §3.6 item 29); an
 * unknown datatype without values is a text input.
 */
export function fieldKind(attribute: ServiceAttribute): FieldKind {
  if (attribute.values.length > 0) {
    if (attribute.datatype === 'multivaluelist') return 'checkboxes';
    return attribute.values.length > MAX_RADIOS ? 'select' : 'radios';
  }
  switch (attribute.datatype) {
    case 'number':
      return 'number';
    case 'datetime':
      return 'datetime';
    case 'text':
      return 'textarea';
    case 'string':
    case 'singlevaluelist':
    case 'multivaluelist':
      return 'text';
    default:
      warnUnknownDatatype(attribute);
      return 'text';
  }
}

/** Datatypes already reported, by question code: one warning each, not one per render. */
const warned = new Set<string>();

/**
 * A datatype GeoReport v2 does not define (a council's "Boolean (checkbox)"): the resident gets a text
 * box, and the council a word in the console saying why (issue 22: it fell back without a word).
 */
function warnUnknownDatatype(attribute: ServiceAttribute): void {
  const key = `${attribute.code}\u0000${attribute.datatype}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(
    `open311-elements: the question "${attribute.code}" has the datatype "${attribute.datatype}", which GeoReport v2 does not define; it is shown as a text box. Use string, number, datetime, text, singlevaluelist or multivaluelist.`,
  );
}

/** True for FMS `automated: hidden_field`: not shown, set by code (the map's asset). */
export function isHiddenField(attribute: ServiceAttribute): boolean {
  return attribute.automated === 'hidden_field';
}

/** True for FMS `automated: server_set`: the council fills it in; never shown or sent. */
export function isServerSet(attribute: ServiceAttribute): boolean {
  return attribute.automated === 'server_set';
}

/** Sorted by `order`, stably; missing orders after the others, in the order received (§3.6 item 31). */
export function sortAttributes(attributes: readonly ServiceAttribute[]): ServiceAttribute[] {
  return attributes
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.order ?? Infinity) - (y.a.order ?? Infinity) || x.i - y.i)
    .map((x) => x.a);
}

/**
 * The attributes the form uses, sorted: at most {@link MAX_ATTRIBUTES}, each with at most
 * {@link MAX_VALUES} values and its texts shortened (issue 17: 20,000 questions froze the page
 * for over a minute). Codes and keys are never changed: they are what the server reads back.
 */
export function capAttributes(attributes: readonly ServiceAttribute[], cut: Cut): ServiceAttribute[] {
  return capList(sortAttributes(attributes), MAX_ATTRIBUTES, cut, 'attributes in one service definition').map((a) => {
    const datatypeDescription = capText(a.datatypeDescription, MAX_DESCRIPTION, cut, 'attribute datatype_description');
    return {
      ...a,
      description: capText(a.description, MAX_DESCRIPTION, cut, 'attribute descriptions'),
      ...(datatypeDescription !== undefined ? { datatypeDescription } : {}),
      values: capList(a.values, MAX_VALUES, cut, `values of attribute ${capText(a.code, MAX_NAME, cut, 'attribute codes')}`).map((v) => {
        const disableMessage = capText(v.disableMessage, MAX_DESCRIPTION, cut, 'disable_message');
        return { ...v, name: capText(v.name, MAX_NAME, cut, 'value names'), ...(disableMessage !== undefined ? { disableMessage } : {}) };
      }),
    };
  });
}

/**
 * What the form shows, in order. Ids come from positions (`q0`, `q1`…) because codes may hold
 * spaces or brackets that make poor ids.
 */
export function formItems(attributes: readonly ServiceAttribute[]): FormItem[] {
  const out: FormItem[] = [];
  sortAttributes(attributes).forEach((attribute, i) => {
    if (isServerSet(attribute) || isHiddenField(attribute)) return;
    const id = `q${i}`;
    if (!attribute.variable) out.push({ type: 'notice', attribute, id });
    else out.push({ type: 'question', attribute, id, kind: fieldKind(attribute) });
  });
  return out;
}

/** An answer as the form holds it: text (a `datetime-local` value for dates) or the chosen keys. */
export type Answer = string | readonly string[];

/** Why an answer is not accepted; the element turns each into words. */
export type MessageId =
  | 'required-text'
  | 'required-choice'
  | 'required-multi'
  | 'number'
  | 'datetime'
  | 'blocked'
  | 'description-required'
  | 'description-too-long'
  | 'first-name-required'
  | 'last-name-required'
  | 'email-required'
  | 'email-for-updates'
  | 'email-format'
  | 'phone-required'
  | 'phone-format';

const DECIMAL = /^[-+]?(\d+([.]\d*)?|[.]\d+)$/;

function isEmpty(answer: Answer | undefined): boolean {
  if (answer === undefined) return true;
  return typeof answer === 'string' ? answer.trim() === '' : answer.length === 0;
}

/** The chosen values of a list answer that carry a `disable_message` (FMS): each one stops the report. */
export function blockingValues(attribute: ServiceAttribute, answer: Answer | undefined): AttributeValue[] {
  if (answer === undefined || attribute.values.length === 0) return [];
  const keys = typeof answer === 'string' ? [answer] : answer;
  return attribute.values.filter((v) => v.disableMessage && keys.includes(v.key));
}

/** Checks one question's answer. */
export function validateAnswer(item: FormItem & { type: 'question' }, answer: Answer | undefined): MessageId | undefined {
  const { attribute, kind } = item;
  if (blockingValues(attribute, answer).length > 0) return 'blocked';
  if (isEmpty(answer)) {
    if (!attribute.required) return undefined;
    if (kind === 'checkboxes') return 'required-multi';
    if (kind === 'radios' || kind === 'select') return 'required-choice';
    return 'required-text';
  }
  const text = typeof answer === 'string' ? answer.trim() : '';
  if (kind === 'number' && !DECIMAL.test(text)) return 'number';
  if (kind === 'datetime' && toIsoDateTime(text) === undefined) return 'datetime';
  return undefined;
}

/** Checks the description. */
export function validateDescription(text: string, required: boolean): MessageId | undefined {
  if (text.trim() === '') return required ? 'description-required' : undefined;
  if (text.length > DESCRIPTION_LIMIT) return 'description-too-long';
  return undefined;
}

/** A light check: something@something.something, no spaces (GOV.UK checks no more than this). */
export function validateEmail(text: string, required: boolean, forUpdates = false): MessageId | undefined {
  const t = text.trim();
  if (t === '') return required ? 'email-required' : forUpdates ? 'email-for-updates' : undefined;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? undefined : 'email-format';
}

/** UK and international numbers: 7 to 15 digits, with spaces, brackets, dashes and a leading `+` allowed. */
export function validatePhone(text: string, required: boolean): MessageId | undefined {
  const t = text.trim();
  if (t === '') return required ? 'phone-required' : undefined;
  return /^\+?\d{7,15}$/.test(t.replace(/[\s().-]/g, '')) ? undefined : 'phone-format';
}

/**
 * A `datetime-local` value (`2024-05-02T08:15`, the resident's local time) as ISO 8601 in UTC with no
 * milliseconds (`2024-05-02T07:15:00Z`): Toronto and Chicago reject milliseconds (§3.5 item 26).
 * `zone: false` drops the `Z` for servers that reject one. Undefined when the text is not a date.
 */
export function toIsoDateTime(local: string, zone = true): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(y, mo - 1, d, h, mi, s);
  // Reject dates the calendar does not have (31 February rolls over to March).
  if (Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return formatDate(date, zone);
}

/** The other way, for restoring a draft: an ISO 8601 date as a `datetime-local` value in local time. */
export function fromIsoDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** The standard fields a server error may name. */
export const STANDARD_FIELDS = ['description', 'email', 'first_name', 'last_name', 'phone'] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

/**
 * Which field a server error is about, from its words: `attribute[DEPTH] is required`
 * (open311-adapter, the local server), a bare attribute code as a word (`DEPTH: not allowed`), or a
 * standard field name (`email is required`). Undefined when it names none (a duplicate, a CRM down…).
 */
export function fieldOfServerError(description: string, codes: readonly string[]): string | undefined {
  const bracket = /attribute\[([^\]]+)\]/.exec(description);
  if (bracket && codes.includes(bracket[1])) return bracket[1];
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Longest codes first, so `SIZE_CM` wins over `SIZE`.
  for (const code of [...codes].sort((a, b) => b.length - a.length)) {
    if (new RegExp(`(^|[^\\w])${escape(code)}($|[^\\w])`).test(description)) return code;
  }
  for (const field of STANDARD_FIELDS) {
    const words = field.replace('_', '[ _]');
    if (new RegExp(`\\b${words}\\b`, 'i').test(description)) return field;
  }
  return undefined;
}

/**
 * The form fields of a value, named as the POST names them (`attribute[CODE]`, repeated for lists:
 * the client's default encoding), for `ElementInternals.setFormValue` inside a page's own form.
 */
export function formEntries(value: ReportFormValue): [string, string][] {
  const out: [string, string][] = [['service_code', value.serviceCode]];
  const add = (k: string, v: string | undefined): void => {
    if (v?.trim()) out.push([k, v.trim()]);
  };
  add('description', value.description);
  add('email', value.email);
  add('first_name', value.firstName);
  add('last_name', value.lastName);
  add('phone', value.phone);
  for (const [code, v] of Object.entries(value.attributes)) {
    for (const one of typeof v === 'string' ? [v] : v) if (one !== '') out.push([`attribute[${code}]`, one]);
  }
  return out;
}
