import { css } from 'lit';

/**
 * The look of what arrives with the later steps (steps.ts): the summary and receipt, the
 * confirmation panel, the photo field, the contact step's choices, the public panel. Adopted by
 * `<open311-report>` after its own styles once that code has loaded (the byte budget).
 */
export const stepStyles = css`
  /* Only the steps after "where" show notices (what happens next, the server's notice) and a photo. */
  .notice {
    border-left: 5px solid var(--_brand);
    padding: 8px 16px;
    margin: 16px 0;
    white-space: pre-line;
  }
  img {
    max-width: 100%;
    height: auto;
  }

  dl.summary {
    margin: 0 0 24px;
    border-top: 1px solid #b1b4b6;
  }
  dl.summary > div {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 4px 20px;
    border-bottom: 1px solid #b1b4b6;
    padding: 10px 0;
  }
  @media (min-width: 641px) {
    dl.summary > div {
      grid-template-columns: 30% minmax(0, 1fr) auto;
    }
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .panel {
    background: #00703c;
    color: #fff;
    padding: 24px;
    text-align: center;
    margin-bottom: 24px;
  }
  .panel h2,
  .panel h3,
  .panel h4 {
    margin-bottom: 12px;
  }
  .reference {
    font-size: 27px;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .photo {
    margin-top: 24px;
  }
  .photo label {
    display: block;
    font-weight: 700;
    margin-bottom: 4px;
  }
  .photo input[type='file'] {
    font: inherit;
    font-size: 16px;
    min-height: 32px;
    max-width: 100%;
    padding: 4px 0;
  }
  .photo-status {
    margin: 8px 0 0;
    font-weight: 700;
  }
  .photo-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    align-items: center;
    margin: 8px 0;
  }
  .photo img {
    display: block;
    max-width: 200px;
    max-height: 200px;
    margin: 8px 0;
  }
  .checkbox {
    position: relative;
    padding-left: 40px;
    margin: 0 0 12px;
    min-height: 32px;
  }
  .checkbox input {
    position: absolute;
    left: 0;
    top: 0;
    width: 32px;
    height: 32px;
    margin: 0;
    accent-color: var(--_text);
    cursor: pointer;
  }
  .checkbox label {
    display: inline-block;
    padding-top: 4px;
    cursor: pointer;
  }
  .checkbox .hint {
    margin: 4px 0 0;
  }
  fieldset.device {
    border: 0;
    padding: 0;
    margin: 24px 0 0;
    min-width: 0;
  }
  fieldset.device legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 4px;
  }
  .privacy {
    margin: 24px 0 0;
  }
  .public-panel {
    border-left: 5px solid #b1b4b6;
    padding: 0 16px;
    margin: 24px 0;
  }
  .public-panel ul {
    margin: 0 0 12px;
    padding-left: 20px;
  }
  .panel button.copy {
    margin-top: 8px;
    font-size: 16px;
    min-height: 32px;
    padding: 4px 12px;
  }
  .print-only {
    display: none;
  }
  .queued {
    border: 5px solid var(--_brand);
    padding: 16px;
    margin-bottom: 24px;
  }
  .queued > :first-child {
    margin-top: 0;
  }
  .queued .actions {
    margin-bottom: 0;
  }
  .upload {
    margin: 16px 0;
  }
  .upload label {
    display: block;
    font-weight: 700;
    margin-bottom: 4px;
  }
  .upload-bar {
    display: flex;
    align-items: center;
    gap: 12px;
    margin-bottom: 8px;
  }
  .upload progress {
    flex: 1;
    max-width: 400px;
    height: 20px;
  }
  .email-note {
    margin: 0 0 24px;
  }
  /* "Is it one of these?" (nearby.ts): a list of reports, each with its photo beside it. */
  ul.nearby-reports {
    list-style: none;
    margin: 0 0 24px;
    padding: 0;
    border-top: 1px solid #b1b4b6;
  }
  .nearby-report {
    display: flex;
    gap: 16px;
    align-items: flex-start;
    border-bottom: 1px solid #b1b4b6;
    padding: 16px 0;
  }
  .nearby-photo {
    flex: 0 0 auto;
    width: 96px;
    height: 96px;
    object-fit: cover;
  }
  .nearby-body {
    min-width: 0;
  }
  .nearby-what {
    margin: 0 0 4px;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .nearby-kept {
    border-left: 5px solid var(--_brand);
    padding: 8px 16px;
  }
  @media print {
    .panel {
      background: none;
      color: #000;
      border: 3px solid #000;
    }
    .print-only {
      display: inline;
    }
  }
  @media (forced-colors: active) {
    .panel {
      border: 3px solid CanvasText;
    }
    .public-panel {
      border-left-color: CanvasText;
    }
    .queued {
      border-color: CanvasText;
    }
    .checkbox input {
      accent-color: auto;
    }
  }
  /* Send while it is busy (check.ts): here, as only the later steps have it. */
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  /* Narrow screens and 400% zoom, as report.styles.ts: nothing wider than the screen. */
  .reference,
  .privacy,
  .email-note {
    overflow-wrap: anywhere;
  }
`;
