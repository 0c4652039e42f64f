import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import type { StaticValue } from 'lit/static-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import type { Open311Date } from '../open311/models.js';
import { formatDateTime } from '../i18n/dates.js';
import { statusWords } from './status-tracker/status-words.js';

/**
 * The small pieces of markup `<open311-status-tracker>`, its follow-up form and `<open311-my-reports>`
 * all draw the same way (and with the same `part` names, so a council's ::part rules reach each).
 */

const HEADINGS: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** A heading `offset` levels below `level` (clamped to h1–h6); with an `id` it can take focus. */
export function heading(level: number, offset: number, content: unknown, id?: string): TemplateResult {
  const at = Math.min(6, Math.max(1, Math.round(level || 2) + offset));
  const tag = HEADINGS[at - 1];
  return staticHtml`<${tag} class="heading" part="heading" id=${ifDefined(id)} tabindex=${ifDefined(id ? '-1' : undefined)}>${content}</${tag}>`;
}

/** A loading, not-found, processing or error message. */
export function message(text: string, kind: 'info' | 'error' = 'info'): TemplateResult {
  return html`<p class="message ${kind}" part="status-message">${text}</p>`;
}

/** A button with the shared `button` part, plus `extra` parts and classes. */
export function button(label: string, onClick: () => void, extra = '', cls = ''): TemplateResult {
  return html`<button type="button" class="button ${cls}" part="button ${extra}" @click=${onClick}>${label}</button>`;
}

/** A server date in the page's language, as a `<time>`; the server's own text when it could not be read. */
export function dateView(value: Open311Date | undefined, node: Node): TemplateResult | typeof nothing {
  if (!value) return nothing;
  if (!value.date) return html`<span class="date">${value.raw}</span>`;
  // The same words as the confirmation's "Sent" line, in the page's language (issue 22).
  const text = formatDateTime(value.date, node);
  return html`<time class="date" datetime=${value.date.toISOString()}>${text}</time>`;
}

/** A status in plain words, or as the server wrote it. */
export function statusText(status: string | undefined): string {
  return statusWords(status) ?? status ?? msg('Unknown', { id: 'tracker.unknown' });
}
