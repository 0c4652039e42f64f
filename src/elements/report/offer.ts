import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { clockTime, formatDateTime } from '../../i18n/dates.js';
import type { Draft } from './draft.js';

/**
 * The offer of an older unfinished report ("Continue your unfinished report from 9:46am?", issue 22).
 * Rare (only a draft saved longer ago than `draft-ask-minutes` is offered), so `<open311-report>`
 * fetches this view, with the date words it needs, by `import()` only when it has a draft to offer:
 * the first screen does not carry it (issue 18's byte budget).
 */
export function renderOffer(draft: Draft, node: Node, onContinue: () => void, onDecline: () => void): TemplateResult {
  const at = new Date(draft.savedAt);
  const today = at.toDateString() === new Date().toDateString();
  const when = today ? clockTime(at) : formatDateTime(at, node);
  return html`<div class="offer" part="draft-offer" role="group" aria-labelledby="offer-text">
    <p id="offer-text"><strong>${msg(str`Continue your unfinished report from ${when}?`, { id: 'report.continue-your-unfinished-report-from' })}</strong></p>
    <p class="hint">${msg('If it is not yours, start again: it will be removed from this device.', { id: 'report.if-it-is-not-yours-start' })}</p>
    <div class="actions">
      <button type="button" class="primary" part="continue-draft-button" @click=${onContinue}>${msg('Continue it', { id: 'report.continue-it' })}</button>
      <button type="button" class="secondary" part="start-again-button" @click=${onDecline}>${msg('Start again', { id: 'report.start-again' })}</button>
    </div>
  </div>`;
}
