import { css } from 'lit';

/**
 * `<open311-status-tracker>`: a GOV.UK-like "task list" timeline that works with no page CSS. Headings,
 * messages and buttons come from `tracker.styles.ts` (shared with `<open311-my-reports>`).
 */
export const styles = css`
  .tracker {
    max-width: 40em;
  }
  .timeline .heading,
  .details + .heading,
  .summary + .heading,
  .error-summary .heading {
    font-size: 19px;
  }
  .reference strong {
    font-size: 24px;
    letter-spacing: 0.02em;
  }
  .notes,
  dd {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  /* The timeline: a vertical line of markers, filled up to the current stage. */
  .timeline {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .stage {
    position: relative;
    display: flex;
    gap: calc(var(--_space) * 0.75);
    padding-bottom: var(--_space);
  }
  .stage:not(:last-child)::before {
    content: '';
    position: absolute;
    left: 11px;
    top: 26px;
    bottom: 0;
    width: 3px;
    background: var(--_muted);
  }
  .stage.complete:not(:last-child)::before {
    background: var(--_brand);
  }
  .marker {
    flex: none;
    width: 25px;
    height: 25px;
    border-radius: 50%;
    border: 3px solid var(--_muted);
    background: var(--_bg);
  }
  .stage.complete .marker,
  .stage.finished .marker {
    border-color: var(--_brand);
    background: var(--_brand);
  }
  .stage.current .marker {
    border-color: var(--_brand);
    box-shadow: inset 0 0 0 4px var(--_bg);
    background: var(--_brand);
  }
  .stage.finished .marker {
    box-shadow: none;
  }
  .stage.not-fixed .marker {
    border-color: var(--_muted);
    background: var(--_muted);
  }
  .stage.upcoming .stage-name {
    color: var(--_muted);
  }
  .stage-body {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .stage-name {
    font-weight: 700;
  }
  .stage.current .stage-name {
    color: var(--_brand);
  }
  .stage.not-fixed .stage-name {
    color: var(--_text);
  }
  .stage-date,
  .stage-note {
    font-size: 16px;
  }
  .stage-body .notes {
    margin: 4px 0 0;
    padding-left: calc(var(--_space) * 0.5);
    border-left: 3px solid var(--_muted);
  }
  .updates {
    list-style: none;
    margin: 4px 0 0;
    padding: 0;
    font-size: 16px;
  }
  .update {
    margin-top: 4px;
  }
  .update-status {
    font-weight: 700;
    margin-left: 4px;
  }
  .update .notes {
    font-size: 16px;
  }

  /* Details: a GOV.UK summary list. */
  .details {
    margin: 0 0 var(--_space);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    padding: 8px 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_muted) 40%, var(--_bg));
  }
  dt {
    flex: 0 0 12em;
    font-weight: 700;
  }
  dd {
    flex: 1 1 16em;
    margin: 0;
    min-width: 0;
  }
  .photo {
    display: inline-flex;
    flex-direction: column;
    gap: 4px;
  }
  .photo img {
    max-width: 100%;
    max-height: 320px;
    object-fit: contain;
    align-self: flex-start;
  }

  /* Look up by reference. */
  .field {
    margin-bottom: var(--_space);
  }
  .field-error {
    padding-left: 12px;
    border-left: 5px solid var(--_error);
  }
  label {
    display: block;
    font-weight: 700;
    margin-bottom: 4px;
  }
  .hint {
    margin-bottom: 8px;
  }
  .error-message {
    color: var(--_error);
    font-weight: 700;
    margin-bottom: 8px;
  }
  input {
    width: 100%;
    max-width: 20em;
    min-height: 40px;
    padding: 5px;
    border: 2px solid var(--_text);
    border-radius: 0;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
  }
  .field-error input {
    border-color: var(--_error);
  }
  input:focus-visible {
    outline: 3px solid var(--_focus);
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .error-summary {
    margin-bottom: var(--_space);
    padding: var(--_space);
    border: 5px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }

  /* Follow-ups: "Still a problem?" / "Add an update". */
  .follow-up {
    margin: var(--_space) 0;
  }
  .follow-up-form {
    margin-top: var(--_space);
    padding-left: var(--_space);
    border-left: 4px solid var(--_muted);
  }
  textarea {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 120px;
    padding: 5px;
    border: 2px solid var(--_text);
    border-radius: 0;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    resize: vertical;
  }
  .field-error textarea {
    border-color: var(--_error);
  }
  textarea:focus-visible {
    outline: 3px solid var(--_focus);
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .count {
    margin-top: 4px;
    color: var(--_muted);
  }
  .count-over {
    color: var(--_error);
    font-weight: 700;
  }
  .other-ways ul {
    margin: 0;
    padding-left: 20px;
  }
  .other-ways a {
    color: var(--_brand);
  }

  @media (forced-colors: active) {
    .marker,
    .stage.complete .marker,
    .stage.current .marker {
      border-color: CanvasText;
    }
    .stage.complete .marker,
    .stage.finished .marker {
      background: CanvasText;
    }
  }
`;
