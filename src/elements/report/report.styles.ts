import { css } from 'lit';

export const styles = css`
  :host {
    max-width: 960px;
  }
  .step-count {
    color: var(--_muted);
    font-size: 16px;
    margin: 0 0 4px;
  }
  h2,
  h3,
  h4 {
    font-size: 27px;
    line-height: 1.2;
    margin: 0 0 20px;
    /* Room for a host page's sticky header when the heading is scrolled into view (issue 12). */
    scroll-margin-top: var(--open311-scroll-offset, 16px);
  }
  h2:focus,
  h3:focus,
  h4:focus {
    outline: none;
  }
  .back {
    display: inline-block;
    margin: 0 0 16px;
    padding: 4px 0 4px 14px;
    min-height: 24px;
    border: 0;
    background: none;
    color: var(--_text);
    font: inherit;
    font-size: 16px;
    text-decoration: underline;
    cursor: pointer;
    position: relative;
  }
  .back::before {
    content: '';
    position: absolute;
    left: 2px;
    top: 50%;
    width: 7px;
    height: 7px;
    border: solid currentColor;
    border-width: 2px 0 0 2px;
    transform: translateY(-50%) rotate(-45deg);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    align-items: center;
    margin-top: 30px;
  }
  button.primary,
  button.secondary {
    font: inherit;
    font-size: 19px;
    line-height: 1.2;
    min-height: 44px;
    padding: 8px 16px;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
    box-shadow: 0 2px 0 #002d18;
  }
  button.primary {
    background: var(--open311-button, #00703c);
    color: #fff;
  }
  button.secondary {
    background: #f3f2f1;
    color: var(--_text);
    box-shadow: 0 2px 0 #929191;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  button.link {
    border: 0;
    padding: 0;
    min-height: 24px;
    background: none;
    color: var(--_brand);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .error-summary {
    border: 5px solid var(--_error);
    padding: 16px;
    margin-bottom: 24px;
  }
  .error-summary h3 {
    font-size: 24px;
    margin-bottom: 12px;
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .notice {
    border-left: 5px solid var(--_brand);
    padding: 8px 16px;
    margin: 16px 0;
    white-space: pre-line;
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
  .hint {
    color: var(--_muted);
    margin: 0 0 8px;
  }
  .photo input[type='file'] {
    font: inherit;
    font-size: 16px;
    min-height: 32px;
    max-width: 100%;
    padding: 4px 0;
  }
  .photo img {
    display: block;
    max-width: 200px;
    max-height: 200px;
    margin: 8px 0;
  }
  .error-message {
    color: var(--_error);
    font-weight: 700;
  }
  .urgent {
    display: flex;
    gap: 12px;
    align-items: flex-start;
    margin: 0 0 24px;
  }
  .urgent p {
    margin: 4px 0 0;
  }
  .urgent-icon {
    flex: none;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    background: var(--_text);
    color: var(--_bg, #fff);
    font-weight: 700;
    font-size: 24px;
    line-height: 34px;
    text-align: center;
  }
  .subheading {
    font-size: 19px;
    font-weight: 700;
    margin: 24px 0 8px;
  }
  a {
    color: var(--_brand);
  }
  .other-ways {
    margin-top: 30px;
  }
  .other-ways summary {
    display: inline-block;
    min-height: 24px;
    padding-left: 20px;
    position: relative;
    color: var(--_brand);
    text-decoration: underline;
    cursor: pointer;
  }
  .other-ways summary::-webkit-details-marker {
    display: none;
  }
  .other-ways summary::before {
    content: '';
    position: absolute;
    left: 0;
    top: 0.35em;
    border: solid transparent;
    border-width: 7px 0 7px 12px;
    border-left-color: currentColor;
  }
  .other-ways[open] summary::before {
    border-width: 12px 7px 0 7px;
    border-color: currentColor transparent transparent;
  }
  .details-body {
    border-left: 5px solid #b1b4b6;
    padding: 8px 16px;
    margin-top: 8px;
  }
  .other-ways.stuck {
    border-left: 5px solid var(--_brand);
    padding: 0 16px;
  }
  .ways {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .ways li {
    margin: 0 0 8px;
  }
  .address {
    white-space: pre-line;
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
  .forget {
    margin-top: 30px;
  }
  .forget .hint {
    display: block;
    margin-top: 4px;
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
  .email-note {
    margin: 0 0 24px;
  }
  @media print {
    button,
    .actions,
    .back,
    .step-count,
    .forget,
    .other-ways,
    open311-status-tracker {
      display: none !important;
    }
    .panel {
      background: none;
      color: #000;
      border: 3px solid #000;
    }
    .print-only {
      display: inline;
    }
    a {
      color: #000;
    }
  }
  @media (forced-colors: active) {
    button.primary,
    button.secondary {
      border-color: ButtonText;
    }
    .panel {
      border: 3px solid CanvasText;
    }
    .urgent-icon {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
    .other-ways summary::before {
      border-left-color: LinkText;
    }
    .other-ways[open] summary::before {
      border-top-color: LinkText;
    }
    .public-panel,
    .details-body,
    .other-ways.stuck {
      border-left-color: CanvasText;
    }
    .checkbox input {
      accent-color: auto;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
  /* Narrow screens and 400% zoom (1280 px / 4 = 320 CSS px): nothing wider than the screen. */
  .reference,
  .ways li,
  .privacy,
  .email-note,
  .urgent p {
    overflow-wrap: anywhere;
  }
  img {
    max-width: 100%;
    height: auto;
  }
`;
