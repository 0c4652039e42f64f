import { css } from 'lit';

/** `<open311-status-tracker>`: a GOV.UK-like "task list" timeline that works with no page CSS. */
export const styles = css`
  .tracker {
    max-width: 40em;
  }
  .heading {
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.75);
    font-size: 24px;
    line-height: 1.25;
    font-weight: 700;
  }
  .heading:first-child {
    margin-top: 0;
  }
  .timeline .heading,
  .details + .heading,
  .summary + .heading,
  .report .heading,
  .error-summary .heading {
    font-size: 19px;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  .reference strong {
    font-size: 24px;
    letter-spacing: 0.02em;
  }
  .message {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-left: 5px solid var(--_brand);
    background: color-mix(in srgb, var(--_brand) 6%, var(--_bg));
  }
  .message.error {
    border-left-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 6%, var(--_bg));
  }
  .raw-status,
  .date,
  .checked,
  .hint,
  .report-meta {
    color: var(--_muted);
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

  a {
    color: var(--_brand);
    text-decoration-thickness: max(1px, 0.0625em);
    text-underline-offset: 0.15em;
  }
  a:focus-visible {
    color: var(--_text);
    background: var(--_focus);
    outline: 3px solid var(--_focus);
    box-shadow: 0 4px var(--_text);
    text-decoration: none;
  }

  /* Buttons: GOV.UK-like, at least 44 px tall. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    margin: var(--_space) 0;
  }
  .button {
    min-height: 44px;
    min-width: 44px;
    padding: 8px 12px;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    box-shadow: 0 2px 0 color-mix(in srgb, var(--_brand) 60%, #000);
    background: var(--_brand);
    color: #fff;
    font: inherit;
    font-size: 19px;
    cursor: pointer;
  }
  .button.secondary {
    background: color-mix(in srgb, var(--_muted) 12%, var(--_bg));
    color: var(--_text);
    box-shadow: 0 2px 0 var(--_muted);
  }
  .button:hover {
    filter: brightness(0.92);
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: var(--_text);
    box-shadow: inset 0 0 0 1px var(--_focus), 0 2px 0 var(--_text);
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

  /* My reports. */
  .my-reports {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .report {
    padding: var(--_space) 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_muted) 40%, var(--_bg));
  }
  .report .heading {
    margin: 0 0 4px;
  }
  .tag {
    display: inline-block;
    padding: 2px 8px;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_muted) 15%, var(--_bg));
    color: var(--_text);
    font-size: 16px;
  }
  .tag.in_progress {
    background: color-mix(in srgb, var(--_brand) 15%, var(--_bg));
  }
  .tag.done {
    background: color-mix(in srgb, #00703c 18%, var(--_bg));
  }
  .tag.done.not-fixed {
    background: color-mix(in srgb, var(--_muted) 15%, var(--_bg));
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
