import { css } from 'lit';

/**
 * What `<open311-status-tracker>` and `<open311-my-reports>` draw alike (`tracker-views.ts`): headings,
 * messages, muted text, links and GOV.UK-like buttons, so the list inside the tracker looks as it did.
 */
export const trackerBaseStyles = css`
  .heading {
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.75);
    font-size: 24px;
    line-height: 1.25;
    font-weight: 700;
  }
  .heading:first-child {
    margin-top: 0;
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
`;
