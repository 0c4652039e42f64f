import { html, nothing } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { Task, initialState } from '@lit/task';
import { ServerElement } from '../server-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { define } from '../../define.js';
import { Open311ErrorEvent, Open311FormChangeEvent, Open311SubmitEvent } from '../../events.js';
import { isAbortError } from '../../open311/errors.js';
import type { ReportFormValue } from '../../events.js';
import { clientFor } from '../../open311/client.js';
import { ClientController } from '../../controllers/client.js';
import { attributeDescription, attributeHint, loadCouncilText, notice, valueName } from '../../i18n/council-text.js';
import type { CouncilText, LocalText } from '../../i18n/council-text.js';
import type { Open311Client } from '../../open311/client.js';
import type { Open311Error } from '../../open311/errors.js';
import type { Service, ServiceAttribute, ServiceDefinition } from '../../open311/models.js';
import {
  DESCRIPTION_LIMIT,
  STANDARD_FIELDS,
  blockingValues,
  capAttributes,
  fieldKind,
  fieldOfServerError,
  formEntries,
  formItems,
  fromIsoDateTime,
  isHiddenField,
  isServerSet,
  toIsoDateTime,
  validateAnswer,
  validateDescription,
  validateEmail,
  validatePhone,
} from './fields.js';
import type { Answer, FormItem, MessageId } from './fields.js';
import { formatCount } from '../../i18n/plural.js';
import { characterCountText } from '../../i18n/character-count.js';
import { styles } from './report-form.styles.js';
import { MAX_ATTRIBUTES, MAX_DESCRIPTION, capText, cutNote, newCut, warnCut } from '../server-limits.js';
import type { Cut } from '../server-limits.js';
import { noteDeprecated } from '../old-names.js';

/** The contact fields the form can ask for, in the order shown. */
const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

type Question = FormItem & { type: 'question' };

/** A definition as the form uses it, worked out once per definition (not at each keystroke). */
interface Prepared {
  readonly source: readonly ServiceAttribute[] | undefined;
  /** Sorted and capped (`capAttributes`). */
  readonly attributes: readonly ServiceAttribute[];
  readonly items: FormItem[];
  readonly questions: Question[];
  /** Questions by field key (`a:CODE`). */
  readonly byKey: ReadonlyMap<string, Question>;
  readonly cut: Cut;
  /** How many attributes the server sent, when more than the form shows. */
  readonly attributesSent?: number;
}

/** An error shown at a field and in the summary: our own (a message id) or the server's words. */
type FieldError = { readonly id: MessageId } | { readonly server: string };

/** A space- or comma-separated attribute as a set of known names. */
function names<T extends string>(value: string | undefined, known: readonly T[]): Set<T> {
  const parts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return new Set(parts.filter((p): p is T => (known as readonly string[]).includes(p)));
}

/** An answer in a `datetime-local` input's format; a restored ISO date with a zone is turned back into local time. */
function localDateTime(answer: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(answer.trim()) ? fromIsoDateTime(answer.trim()) : answer;
}

/**
 * The questions of a service and the resident's details, asked the GOV.UK way: one question per
 * control with its hint, validation on submit with an error summary at the top whose links move to
 * each field, and the server's own errors shown the same way.
 *
 * Questions come from the service definition (`metadata` true) in `order`: `string` → text input,
 * `number` → numeric text input, `datetime` → date and time input (sent as ISO 8601 without
 * milliseconds), `text` → textarea, lists → radios (up to 7 values), a select (more) or checkboxes
 * (`multivaluelist`); any other datatype → text input. `variable=false` attributes are notices.
 * FMS `hidden_field` attributes are not shown but can be set with `setHiddenField()`; `server_set`
 * ones are never shown or sent. A value with a `disable_message` shows that message and blocks.
 *
 * The council's own words in another language (questions, hints, answer labels, notices and
 * disable messages) come from `translations`: inline JSON or a URL of a JSON file (see
 * `src/i18n/council-text.ts`). Text left untranslated on a `lang="cy"` page is marked `lang="en"`.
 * Only keys and codes are submitted, never translated words.
 *
 * Form-associated: inside a page's own `<form>` it submits its answers as the POST names them
 * (`service_code`, `description`, `attribute[CODE]`, …) and takes part in its validity.
 *
 * @tagname open311-report-form
 * @summary The questions of an Open311 service, the description and the resident's details.
 *
 * @fires open311-form-change - The resident changed an answer; `detail.value` is the {@link ReportFormValue}, `detail.valid` whether it would pass validation.
 * @fires open311-submit - With `submit-label`: the answers passed validation on submit. Cancelable.
 * @fires open311-error - The problem's questions could not be loaded and the resident was told (`detail.kind` `questions`).
 *
 * @csspart form - The native form.
 * @csspart error-summary - The "There is a problem" box at the top.
 * @csspart label - Each question's label or legend.
 * @csspart hint - Each question's hint (the attribute's `datatype_description`).
 * @csspart error-message - Each field's error message.
 * @csspart input - Each text input, textarea and select.
 * @csspart notice - Informational text from the service definition (`variable=false`).
 * @csspart blocked-message - The message of a chosen value that stops the report (FMS `disable_message`).
 * @csspart character-count - The description's "characters remaining" text.
 * @csspart submit-button - The submit button (with `submit-label`).
 * @csspart retry-button - The button that loads the questions again after a failure.
 * @csspart cut-note - The note shown when the server sent more questions, answers or text than the form shows.
 *
 * @cssproperty --open311-brand - Buttons and links. Default `#1d70b8`.
 * @cssproperty --open311-text - Text and input borders. Default `#0b0c0c`.
 * @cssproperty --open311-muted - Hints. Default `#505a5f`.
 * @cssproperty --open311-background - Background of inputs. Default `#ffffff`.
 * @cssproperty --open311-error - Errors and the error summary. Default `#d4351c`.
 * @cssproperty --open311-focus - Focus ring. Default `#ffdd00`.
 * @cssproperty --open311-font - Font family. Default the system UI font.
 * @cssproperty --open311-radius - Corner radius of inputs and buttons. Default `0`.
 * @cssproperty --open311-space - Base spacing. Default `16px`.
 */
export class Open311ReportForm extends ServerElement {
  static override styles = [hostStyles, styles];

  static override properties: PropertyDeclarations = {
    answers: { state: true },
    hiddenValues: { state: true },
    description: { state: true },
    contact: { state: true },
    wantsUpdates: { state: true },
    errors: { state: true },
    generalErrors: { state: true },
    spokenCount: { state: true },
    service: { attribute: false },
    serviceCode: { attribute: 'service-code' },
    definition: { attribute: false },
    sections: {},
    contactFields: { attribute: 'contact-fields' },
    requireContact: { attribute: 'require-contact' },
    noDescription: { type: Boolean, attribute: 'no-description' },
    descriptionOptional: { type: Boolean, attribute: 'description-optional' },
    noUpdates: { type: Boolean, attribute: 'no-updates' },
    translations: {},
    councilText: { attribute: false },
    submitLabel: { attribute: 'submit-label' },
  };
  /** Renamed in issue 18: `description-required="false"` is `description-optional` (localized-element.ts reads it). */
  protected static override readonly oldAttributes = {
    'description-required': { now: 'description-optional', property: 'descriptionOptional', value: (v: string | null) => v === 'false' },
  };
  /** Takes part in a page's own `<form>` (ElementInternals). */
  static formAssociated = true;

  private readonly internals: ElementInternals = this.attachInternals();

  /** The endpoint's client (its code here from the start: the definition is wanted at once). */
  private readonly server = new ClientController(this, { clientFor });

  private readonly definitionTask = new Task(this, {
    task: async ([client, code, service, given], { signal }): Promise<readonly ServiceAttribute[] | typeof initialState> => {
      if (given || !code) return initialState;
      if (service && service.code === code && !service.metadata) return [];
      if (!client) return initialState;
      if (!service || service.code !== code) {
        // Only a code: the list says whether the service has questions (metadata=false servers may 404 a definition).
        const found = (await client.services({ signal })).find((s) => s.code === code);
        if (found && !found.metadata) return [];
      }
      return (await client.serviceDefinition(code, { signal })).attributes;
    },
    args: () => [this.resolvedClient(), this.code, this.service, this.definition] as const,
    onError: (e) => {
      if (!isAbortError(e)) this.dispatchEvent(new Open311ErrorEvent(e, 'questions'));
    },
  });

  private readonly councilTextTask = new Task(this, {
    task: async ([source, given]): Promise<CouncilText | undefined> => given ?? loadCouncilText(source),
    args: () => [this.translations, this.councilText] as const,
  });

  private get summaryEl(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('#error-summary') ?? null;
  }

  /** Answers by attribute code, as the controls hold them. */
  private answers: Readonly<Record<string, Answer>> = {};
  /** Values set by code for `hidden_field` attributes. */
  private hiddenValues: Readonly<Record<string, string>> = {};
  private description = '';
  private contact: Readonly<Record<ContactField, string>> = { first_name: '', last_name: '', email: '', phone: '' };
  private wantsUpdates = false;
  /** Errors shown, by field key (`a:CODE` for questions, the POST name for the others). */
  private errors: ReadonlyMap<string, FieldError> = new Map();
  /** Server errors that name no field. */
  private generalErrors: readonly string[] = [];
  /** The description count for screen readers, updated after a pause in typing (GOV.UK character count). */
  private spokenCount = '';

  /** The service reported. Its definition is loaded when `metadata` is true. */
  service?: Service;

  /** The service's code, when no `service` object is given. */
  serviceCode?: string;

  /** The service definition itself, when the page has it already: no request is made. */
  definition?: ServiceDefinition;

  /** What to show: `questions` (the service's questions and the description), `contact`, or both (default). */
  sections = 'questions contact';

  /** The contact fields shown, space-separated, from `first_name last_name email phone` (the default). */
  contactFields = 'first_name last_name email phone';

  /** The contact fields that must be filled in, space-separated (e.g. `email`). None by default. */
  requireContact = '';

  /** Hide the description. */
  noDescription = false;

  /** The description may be left empty (it is required by default). Was `description-required="false"`. */
  descriptionOptional = false;

  /** @deprecated Use `descriptionOptional` (the opposite): `descriptionRequired` goes in the next major version. */
  get descriptionRequired(): boolean {
    return !this.descriptionOptional;
  }
  set descriptionRequired(required: boolean) {
    noteDeprecated(this, '.descriptionRequired', '.descriptionOptional');
    this.descriptionOptional = !required;
  }

  /** Hide the "email me updates" choice. */
  noUpdates = false;

  /** The council's text in other languages: inline JSON (starting with `{`) or the URL of a JSON file. */
  translations?: string;

  /** The parsed translations table (instead of `translations`). */
  councilText?: CouncilText;

  /** Shows a submit button with this text; submitting then validates and fires `open311-submit`. */
  submitLabel?: string;

  private spokenTimer: ReturnType<typeof setTimeout> | undefined;
  /** True after the first validation: from then on each field is checked again as it changes (GOV.UK). */
  private validated = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.spokenTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncFormValue();
  }

  /** `<form>` reset: every answer cleared. */
  formResetCallback(): void {
    this.answers = {};
    this.description = '';
    this.contact = { first_name: '', last_name: '', email: '', phone: '' };
    this.wantsUpdates = false;
    this.clearErrors();
  }

  // --- derived ---------------------------------------------------------------------------------

  private get code(): string | undefined {
    return this.service?.code ?? this.serviceCode;
  }

  /** The translations in use, once loaded. */
  private get table(): CouncilText | undefined {
    return this.councilText ?? this.councilTextTask.value;
  }

  private questionText(a: ServiceAttribute): LocalText {
    return attributeDescription(this.table, this.code, a.code, a.description);
  }

  /** Words in a `<span>` that carries their language when it is not the page's. */
  private inLang(t: LocalText, cls?: string): TemplateResult {
    return html`<span class=${cls ?? nothing} lang=${t.lang ?? nothing}>${t.text}</span>`;
  }

  private resolvedClient(): Open311Client | undefined {
    return this.server.client;
  }

  /** The definition's attributes once known; undefined while loading or without a service. */
  private get definitionAttributes(): readonly ServiceAttribute[] | undefined {
    if (this.definition) return this.definition.attributes;
    const v = this.definitionTask.value;
    return Array.isArray(v) ? (v as readonly ServiceAttribute[]) : undefined;
  }

  private preparedCache?: Prepared;

  /** The definition as shown: capped, sorted, its questions indexed; recomputed only when the definition changes. */
  private get prepared(): Prepared {
    const source = this.definitionAttributes;
    if (this.preparedCache && this.preparedCache.source === source) return this.preparedCache;
    const cut = newCut();
    const attributes = capAttributes(source ?? [], cut);
    const items = formItems(attributes);
    const questions = items.filter((i): i is Question => i.type === 'question');
    const byKey = new Map(questions.map((q) => [`a:${q.attribute.code}`, q] as const));
    const attributesSent = (source?.length ?? 0) > MAX_ATTRIBUTES ? source?.length : undefined;
    const prepared: Prepared = { source, attributes, items, questions, byKey, cut, ...(attributesSent ? { attributesSent } : {}) };
    this.preparedCache = prepared;
    warnCut(this, cut);
    return prepared;
  }

  private get items(): FormItem[] {
    return this.prepared.items;
  }

  private get questions(): Question[] {
    return this.prepared.questions;
  }

  private get showQuestions(): boolean {
    return this.sections.split(/[\s,]+/).includes('questions') || !this.sections.trim();
  }

  private get showContact(): boolean {
    return this.sections.split(/[\s,]+/).includes('contact') || !this.sections.trim();
  }

  private get shownContact(): Set<ContactField> {
    return names(this.contactFields, CONTACT_FIELDS);
  }

  private get requiredContact(): Set<ContactField> {
    return names(this.requireContact, CONTACT_FIELDS);
  }

  private get offersUpdates(): boolean {
    return !this.noUpdates && this.shownContact.has('email');
  }

  // --- value ---------------------------------------------------------------------------------

  /** The answers as the POST will send them (dates in ISO 8601, lists as key arrays, hidden fields included). */
  get value(): ReportFormValue {
    const zone = this.resolvedClient()?.options.dateZone ?? true;
    const attributes: Record<string, string | readonly string[]> = {};
    if (this.definitionAttributes) {
      for (const a of this.prepared.attributes) {
        if (!a.variable || isServerSet(a)) continue;
        const answer = isHiddenField(a) ? (this.hiddenValues[a.code] ?? this.answers[a.code]) : this.answers[a.code];
        if (answer === undefined) continue;
        const kind = fieldKind(a);
        if (typeof answer !== 'string') {
          if (answer.length) attributes[a.code] = kind === 'checkboxes' ? [...answer] : answer[0];
        } else if (answer.trim() !== '') {
          attributes[a.code] = kind === 'datetime' ? (toIsoDateTime(localDateTime(answer), zone) ?? answer.trim()) : answer.trim();
        }
      }
    } else {
      for (const [code, v] of Object.entries(this.hiddenValues)) if (v !== '') attributes[code] = v;
    }
    const shown = this.shownContact;
    const pick = (f: ContactField): string | undefined => (shown.has(f) && this.contact[f].trim() ? this.contact[f].trim() : undefined);
    const firstName = pick('first_name');
    const lastName = pick('last_name');
    const email = pick('email');
    const phone = pick('phone');
    return {
      serviceCode: this.code ?? '',
      description: this.noDescription ? '' : this.description.trim(),
      attributes,
      ...(firstName ? { firstName } : {}),
      ...(lastName ? { lastName } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(this.offersUpdates ? { wantsUpdates: this.wantsUpdates } : {}),
    };
  }

  /** True while a chosen value carries a `disable_message`: the report cannot be sent. */
  get blocked(): boolean {
    return this.questions.some((q) => blockingValues(q.attribute, this.answers[q.attribute.code]).length > 0);
  }

  // --- validation ----------------------------------------------------------------------------

  /** Every field's error, in the order shown, for the sections shown. */
  private collectErrors(): Map<string, FieldError> {
    const out = new Map<string, FieldError>();
    for (const key of this.fieldKeys()) {
      const id = this.check(key);
      if (id) out.set(key, { id });
    }
    return out;
  }

  /** The keys of the fields shown, in order. */
  private fieldKeys(): string[] {
    const keys: string[] = [];
    if (this.showQuestions) {
      keys.push(...this.questions.map((q) => `a:${q.attribute.code}`));
      if (!this.noDescription) keys.push('description');
    }
    if (this.showContact) keys.push(...CONTACT_FIELDS.filter((f) => this.shownContact.has(f)));
    return keys;
  }

  private check(key: string): MessageId | undefined {
    if (key.startsWith('a:')) {
      const q = this.prepared.byKey.get(key);
      return q ? validateAnswer(q, this.answers[q.attribute.code]) : undefined;
    }
    const required = this.requiredContact;
    switch (key) {
      case 'description':
        return validateDescription(this.description, !this.descriptionOptional);
      case 'email':
        return validateEmail(this.contact.email, required.has('email'), this.offersUpdates && this.wantsUpdates);
      case 'phone':
        return validatePhone(this.contact.phone, required.has('phone'));
      case 'first_name':
        return required.has('first_name') && !this.contact.first_name.trim() ? 'first-name-required' : undefined;
      case 'last_name':
        return required.has('last_name') && !this.contact.last_name.trim() ? 'last-name-required' : undefined;
      default:
        return undefined;
    }
  }

  /**
   * Checks every field shown. On failure shows the error summary and each field's message and moves
   * focus to the summary (GOV.UK). Returns true when the answers can be sent.
   */
  validate(): boolean {
    this.validated = true;
    this.errors = this.collectErrors();
    this.generalErrors = [];
    const ok = this.errors.size === 0;
    if (!ok) void this.focusSummary();
    return ok;
  }

  /**
   * Shows the errors of a failed POST like validation errors: each one at the field its words name
   * (`attribute[DEPTH] is required`), the rest in the summary only. Focus moves to the summary.
   */
  showServerErrors(error: Open311Error): void {
    const shownKeys = new Set(this.fieldKeys());
    const codes = this.questions.map((q) => q.attribute.code);
    const errors = new Map<string, FieldError>();
    const general: string[] = [];
    // A server's error text is shortened before it is matched against each code and shown.
    const cut = newCut();
    for (const item of error.errors.slice(0, MAX_ATTRIBUTES)) {
      const text = capText(item.description.trim(), MAX_DESCRIPTION, cut, 'error descriptions');
      if (!text) continue;
      const field = fieldOfServerError(text, codes);
      const key = field === undefined ? undefined : (STANDARD_FIELDS as readonly string[]).includes(field) && !codes.includes(field) ? field : `a:${field}`;
      if (key && shownKeys.has(key) && !errors.has(key)) errors.set(key, { server: text });
      else general.push(text);
    }
    if (errors.size === 0 && general.length === 0)
      general.push(msg('Sorry, your report could not be sent. Please try again later.', { id: 'form.sorry-your-report-could-not-be' }));
    this.validated = true;
    this.errors = errors;
    this.generalErrors = general;
    void this.focusSummary();
  }

  /** Sets a `hidden_field` attribute (the asset chosen on the map); `undefined` clears it. */
  setHiddenField(code: string, value: string | undefined): void {
    const next = { ...this.hiddenValues };
    if (value === undefined || value === '') delete next[code];
    else next[code] = value;
    this.hiddenValues = next;
  }

  /** Fills the form from a saved draft (answers of questions not asked are kept, unused). */
  restore(value: Partial<ReportFormValue>): void {
    if (value.attributes) this.answers = { ...this.answers, ...value.attributes };
    if (value.description !== undefined) this.description = value.description;
    this.contact = {
      first_name: value.firstName ?? this.contact.first_name,
      last_name: value.lastName ?? this.contact.last_name,
      email: value.email ?? this.contact.email,
      phone: value.phone ?? this.contact.phone,
    };
    if (value.wantsUpdates !== undefined) this.wantsUpdates = value.wantsUpdates;
  }

  /** Loads the questions again (after a failure). */
  reload(): Promise<void> {
    return this.definitionTask.run();
  }

  private clearErrors(): void {
    this.validated = false;
    this.errors = new Map();
    this.generalErrors = [];
  }

  private async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.summaryEl?.focus();
  }

  /** After a change: re-check that field once validation has run, and tell the page. */
  private changed(key: string): void {
    if (this.validated) {
      const next = new Map(this.errors);
      const id = this.check(key);
      if (id) next.set(key, { id });
      else next.delete(key);
      this.errors = next;
    }
    this.dispatchEvent(new Open311FormChangeEvent(this.value, this.collectErrors().size === 0));
  }

  private syncFormValue(): void {
    const data = new FormData();
    for (const [k, v] of formEntries(this.value)) data.append(k, v);
    this.internals.setFormValue(data);
    const first = this.collectErrors().entries().next();
    if (first.done) {
      this.internals.setValidity({});
    } else {
      const [key, error] = first.value;
      const anchor = this.renderRoot.querySelector<HTMLElement>(`#${this.targetId(key)}`) ?? undefined;
      this.internals.setValidity({ customError: true }, this.words(key, error), anchor);
    }
  }

  // --- handlers --------------------------------------------------------------------------------

  private handleAnswer(q: Question, e: Event): void {
    const target = e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const code = q.attribute.code;
    let answer: Answer;
    if (q.kind === 'checkboxes') {
      const before = this.answers[code];
      const list = typeof before === 'string' ? (before ? [before] : []) : [...(before ?? [])];
      const key = (target as HTMLInputElement).value;
      const next = (target as HTMLInputElement).checked ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key);
      // Keep the definition's order, whatever the order of clicks.
      answer = q.attribute.values.map((v) => v.key).filter((k) => next.includes(k));
    } else {
      answer = target.value;
    }
    this.answers = { ...this.answers, [code]: answer };
    this.changed(`a:${code}`);
  }

  private handleDescription(e: Event): void {
    this.description = (e.target as HTMLTextAreaElement).value;
    clearTimeout(this.spokenTimer);
    this.spokenTimer = setTimeout(() => {
      this.spokenCount = this.countText();
    }, 1000);
    this.changed('description');
  }

  private handleContact(field: ContactField, e: Event): void {
    this.contact = { ...this.contact, [field]: (e.target as HTMLInputElement).value };
    this.changed(field);
  }

  private handleUpdates(e: Event): void {
    this.wantsUpdates = (e.target as HTMLInputElement).checked;
    this.changed('email');
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    if (!this.submitLabel) return;
    if (!this.validate()) return;
    const event = new Open311SubmitEvent(this.code ?? '');
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.internals.form?.requestSubmit();
  }

  private handleSummaryLink(e: Event, key: string): void {
    e.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${this.targetId(key)}`);
    if (!target) return;
    // GOV.UK: bring the question's label or legend into view with the field, then focus the field.
    const label = this.renderRoot.querySelector<HTMLElement>(`[data-field="${key}"] :is(legend, label)`);
    (label ?? target).scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  private handleRetry(): void {
    void this.definitionTask.run();
  }

  // --- words ---------------------------------------------------------------------------------

  /** The id of the control a field's summary link focuses. */
  private targetId(key: string): string {
    if (!key.startsWith('a:')) return key;
    const q = this.prepared.byKey.get(key);
    if (!q) return key;
    return q.kind === 'radios' || q.kind === 'checkboxes' ? `${q.id}-0` : q.id;
  }

  private words(key: string, error: FieldError): string {
    if ('server' in error) return error.server;
    const q = key.startsWith('a:') ? this.prepared.byKey.get(key) : undefined;
    const label = q ? this.questionText(q.attribute).text : '';
    switch (error.id) {
      case 'required-text':
        return msg(str`Enter an answer to “${label}”`, { id: 'form.enter-answer-to' });
      case 'required-choice':
        return msg(str`Select an answer to “${label}”`, { id: 'form.select-answer-to' });
      case 'required-multi':
        return msg(str`Select at least one answer to “${label}”`, { id: 'form.select-at-least-one-answer-to' });
      case 'number':
        return msg(str`The answer to “${label}” must be a number, like 12 or 2.5`, { id: 'form.answer-to-must-be-number-like' });
      case 'datetime':
        return msg(str`The answer to “${label}” must be a real date and time`, { id: 'form.answer-to-must-be-real-date' });
      case 'blocked':
        return q
          ? blockingValues(q.attribute, this.answers[q.attribute.code])
              .map((v) => notice(this.table, v.disableMessage ?? '').text)
              .join(' ')
          : '';
      case 'description-required':
        return msg('Enter a description of the problem', { id: 'form.enter-description-of-problem' });
      case 'description-too-long': {
        const limit = formatCount(DESCRIPTION_LIMIT);
        return msg(str`The description must be ${limit} characters or fewer`, { id: 'form.description-must-be-characters-or-fewer' });
      }
      case 'first-name-required':
        return msg('Enter your first name', { id: 'form.enter-your-first-name' });
      case 'last-name-required':
        return msg('Enter your last name', { id: 'form.enter-your-last-name' });
      case 'email-required':
        return msg('Enter your email address', { id: 'form.enter-your-email-address' });
      case 'email-for-updates':
        return msg('Enter your email address to get updates, or untick the box', { id: 'form.enter-your-email-address-to-get' });
      case 'email-format':
        return msg('Enter an email address in the correct format, like name@example.com', { id: 'form.enter-email-address-in-correct-format' });
      case 'phone-required':
        return msg('Enter your telephone number', { id: 'form.enter-your-telephone-number' });
      case 'phone-format':
        return msg('Enter a telephone number, like 01632 960 001 or +44 808 157 0192', { id: 'form.enter-telephone-number-like-01632-960' });
    }
  }

  private countText(): string {
    return characterCountText(DESCRIPTION_LIMIT, this.description.length);
  }

  // --- rendering -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`
      <form novalidate part="form" @submit=${this.handleSubmit}>
        ${this.renderSummary()}
        ${this.showQuestions ? this.renderQuestions() : nothing}
        ${this.showQuestions && !this.noDescription ? this.renderDescription() : nothing}
        ${this.showContact ? this.renderContact() : nothing}
        ${this.submitLabel ? html`<button type="submit" class="button" part="submit-button">${this.submitLabel}</button>` : nothing}
      </form>
    `;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    if (this.errors.size === 0 && this.generalErrors.length === 0) return nothing;
    const order = new Map(this.fieldKeys().map((k, i) => [k, i] as const));
    const fieldErrors = [...this.errors].sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
    return html`
      <div class="error-summary" id="error-summary" part="error-summary" tabindex="-1">
        <div role="alert">
          <h2 class="error-summary-title">${msg('There is a problem', { id: 'form.there-is-problem' })}</h2>
          <ul>
            ${fieldErrors.map(
              ([key, error]) => html`<li>
                <a href=${`#${this.targetId(key)}`} @click=${(e: Event) => this.handleSummaryLink(e, key)}>${this.words(key, error)}</a>
              </li>`,
            )}
            ${this.generalErrors.map((text) => html`<li><span class="text">${text}</span></li>`)}
          </ul>
        </div>
      </div>
    `;
  }

  private renderQuestions(): unknown {
    if (this.definition) return this.renderItems();
    if (!this.code) return nothing;
    return this.definitionTask.render({
      initial: () => nothing,
      pending: () => html`<p class="status" role="status">${msg('Loading the questions…', { id: 'form.loading-questions' })}</p>`,
      complete: () => this.renderItems(),
      error: () => html`
        <div class="load-error" role="alert">
          <p part="error-message">${msg('Sorry, the questions for this problem could not be loaded.', { id: 'form.sorry-questions-for-this-problem-could' })}</p>
          <button type="button" class="button button-secondary" part="retry-button" @click=${this.handleRetry}>${msg('Try again', { id: 'map.try-again' })}</button>
        </div>
      `,
    });
  }

  private renderItems(): TemplateResult {
    const { cut, attributesSent } = this.prepared;
    const note = cut.any
      ? html`<p class="hint cut-note" part="cut-note">
          ${attributesSent ? msg(str`This form shows the first ${formatCount(MAX_ATTRIBUTES)} questions only.`, { id: 'form.this-form-shows-first-questions-only' }) : nothing} ${cutNote()}
        </p>`
      : nothing;
    return html`${note}${this.items.map((item) =>
      item.type === 'notice' ? html`<div class="notice" part="notice">${this.inLang(this.questionText(item.attribute))}</div>` : this.renderQuestion(item),
    )}`;
  }

  private renderError(key: string, id: string): TemplateResult | typeof nothing {
    const error = this.errors.get(key);
    if (!error) return nothing;
    return html`<p class="error-message" id=${`${id}-error`} part="error-message">
      <span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> <span class="text">${this.words(key, error)}</span>
    </p>`;
  }

  private describedBy(id: string, hint: boolean, error: boolean, extra?: string): string | typeof nothing {
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  private renderQuestion(q: Question): TemplateResult {
    const { attribute: a, id, kind } = q;
    const key = `a:${a.code}`;
    const hasError = this.errors.has(key);
    const hint = a.datatypeDescription
      ? html`<div class="hint" id=${`${id}-hint`} part="hint">
          ${this.inLang(attributeHint(this.table, this.code, a.code, a.datatypeDescription), 'text')}
        </div>`
      : nothing;
    const optional = a.required ? nothing : html` <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span>`;
    const answer = this.answers[a.code];
    const text = typeof answer === 'string' ? answer : (answer?.[0] ?? '');
    const describedBy = this.describedBy(id, !!a.datatypeDescription, hasError);
    const blocking = blockingValues(a, answer);
    const error = this.errors.get(key);
    // Once validation shows the message as the field's error, it is not repeated beneath.
    const blockedMessage =
      blocking.length && !(error && 'id' in error && error.id === 'blocked')
        ? html`<div class="blocked" part="blocked-message" role="alert">
          ${blocking.map((v) => {
            const words = notice(this.table, v.disableMessage ?? '');
            return html`<p lang=${words.lang ?? nothing}>${words.text}</p>`;
          })}
        </div>`
        : nothing;
    const cls = `field${hasError ? ' field-error' : ''}`;

    if (kind === 'radios' || kind === 'checkboxes') {
      const chosen = typeof answer === 'string' ? [answer] : (answer ?? []);
      return html`
        <fieldset class=${cls} data-field=${key} aria-describedby=${describedBy}>
          <legend class="label" part="label">${this.inLang(this.questionText(a), 'text')}${optional}</legend>
          ${hint} ${this.renderError(key, id)}
          <div class="choices">
            ${a.values.map(
              (v, i) => html`
                <div class="choice">
                  <input
                    id=${`${id}-${i}`}
                    type=${kind === 'radios' ? 'radio' : 'checkbox'}
                    name=${id}
                    .value=${v.key}
                    .checked=${live(chosen.includes(v.key))}
                    @change=${(e: Event) => this.handleAnswer(q, e)}
                  />
                  <label for=${`${id}-${i}`}>${this.inLang(valueName(this.table, this.code, a.code, v.key, v.name))}</label>
                </div>
              `,
            )}
          </div>
          ${blockedMessage}
        </fieldset>
      `;
    }

    let control: TemplateResult;
    switch (kind) {
      case 'select':
        control = html`<select
          id=${id}
          part="input"
          aria-describedby=${describedBy}
          aria-invalid=${hasError ? 'true' : nothing}
          @change=${(e: Event) => this.handleAnswer(q, e)}
        >
          <option value="" ?selected=${text === ''}>${msg('Choose an answer', { id: 'form.choose-answer' })}</option>
          ${a.values.map((v) => {
            const words = valueName(this.table, this.code, a.code, v.key, v.name);
            return html`<option value=${v.key} lang=${words.lang ?? nothing} ?selected=${v.key === text}>${words.text}</option>`;
          })}
        </select>`;
        break;
      case 'textarea':
        control = html`<textarea
          id=${id}
          part="input"
          rows="4"
          aria-describedby=${describedBy}
          aria-invalid=${hasError ? 'true' : nothing}
          .value=${live(text)}
          @input=${(e: Event) => this.handleAnswer(q, e)}
        ></textarea>`;
        break;
      default:
        control = html`<input
          id=${id}
          part="input"
          class=${kind === 'number' ? 'input-short' : ''}
          type=${kind === 'datetime' ? 'datetime-local' : 'text'}
          inputmode=${kind === 'number' ? 'decimal' : nothing}
          spellcheck=${kind === 'number' ? 'false' : nothing}
          aria-describedby=${describedBy}
          aria-invalid=${hasError ? 'true' : nothing}
          .value=${live(kind === 'datetime' ? localDateTime(text) : text)}
          @input=${(e: Event) => this.handleAnswer(q, e)}
        />`;
    }
    return html`
      <div class=${cls} data-field=${key}>
        <label class="label" for=${id} part="label">${this.inLang(this.questionText(a), 'text')}${optional}</label>
        ${hint} ${this.renderError(key, id)} ${control} ${blockedMessage}
      </div>
    `;
  }

  private renderDescription(): TemplateResult {
    const key = 'description';
    const hasError = this.errors.has(key);
    const over = this.description.length > DESCRIPTION_LIMIT;
    const optional = !this.descriptionOptional ? nothing : html` <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span>`;
    return html`
      <div class=${`field${hasError ? ' field-error' : ''}`} data-field=${key}>
        <label class="label" for="description" part="label">${msg('Describe the problem', { id: 'form.describe-problem' })}${optional}</label>
        <div class="hint" id="description-hint" part="hint">
          ${msg('For example, what it looks like, how big it is and how long it has been there.', { id: 'form.for-example-what-it-looks-like' })}
        </div>
        ${this.renderError(key, 'description')}
        <textarea
          id="description"
          part="input"
          rows="5"
          aria-describedby=${this.describedBy('description', true, hasError, 'description-count')}
          aria-invalid=${hasError ? 'true' : nothing}
          .value=${live(this.description)}
          @input=${this.handleDescription}
        ></textarea>
        <div class=${`count${over ? ' count-over' : ''}`} id="description-count" part="character-count">${this.countText()}</div>
        <div class="visually-hidden" aria-live="polite">${this.spokenCount}</div>
      </div>
    `;
  }

  private renderContact(): TemplateResult {
    const shown = this.shownContact;
    const required = this.requiredContact;
    const labels: Record<ContactField, () => string> = {
      first_name: () => msg('First name', { id: 'form.first-name' }),
      last_name: () => msg('Last name', { id: 'form.last-name' }),
      email: () => msg('Email address', { id: 'form.email-address' }),
      phone: () => msg('Telephone number', { id: 'form.telephone-number' }),
    };
    const autocomplete = { first_name: 'given-name', last_name: 'family-name', email: 'email', phone: 'tel' } as const satisfies Record<ContactField, string>;
    const type = { first_name: 'text', last_name: 'text', email: 'email', phone: 'tel' } as const satisfies Record<ContactField, string>;
    const fields = CONTACT_FIELDS.filter((f) => shown.has(f));
    if (fields.length === 0) return html``;
    return html`
      <fieldset class="contact" aria-describedby="contact-hint">
        <legend class="contact-title">${msg('Your details', { id: 'form.your-details' })}</legend>
        <div class="hint" id="contact-hint" part="hint">${msg('We only use these to contact you about this report.', { id: 'form.we-only-use-these-to-contact' })}</div>
        ${fields.map((f) => {
          const hasError = this.errors.has(f);
          return html`
            <div class=${`field${hasError ? ' field-error' : ''}`} data-field=${f}>
              <label class="label" for=${f} part="label">
                ${labels[f]()}${required.has(f) ? nothing : html` <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span>`}
              </label>
              ${this.renderError(f, f)}
              <input
                id=${f}
                part="input"
                class=${f === 'phone' ? 'input-medium' : ''}
                type=${type[f]}
                autocomplete=${autocomplete[f]}
                spellcheck=${f === 'email' || f === 'phone' ? 'false' : nothing}
                aria-describedby=${hasError ? `${f}-error` : nothing}
                aria-invalid=${hasError ? 'true' : nothing}
                .value=${live(this.contact[f])}
                @input=${(e: Event) => this.handleContact(f, e)}
              />
            </div>
          `;
        })}
        ${
          this.offersUpdates
            ? html`<div class="choice updates">
              <input id="updates" type="checkbox" .checked=${live(this.wantsUpdates)} @change=${this.handleUpdates} />
              <label for="updates">${msg('Email me updates about this report', { id: 'form.email-me-updates-about-this-report' })}</label>
            </div>`
            : nothing
        }
      </fieldset>
    `;
  }
}

define('open311-report-form', Open311ReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'open311-report-form': Open311ReportForm;
  }
}
