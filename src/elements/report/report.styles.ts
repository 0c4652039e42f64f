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
  .error-summary ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .error-summary a:focus {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: var(--_text);
    box-shadow: 0 -2px var(--_focus), 0 4px var(--_text);
    text-decoration: none;
  }
  .offer {
    border-left: 5px solid var(--_brand);
    padding: 8px 16px;
    margin: 0 0 24px;
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 8px;
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
  .forget {
    margin-top: 30px;
  }
  .forget .hint {
    display: block;
    margin-top: 4px;
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
    a {
      color: #000;
    }
  }
  @media (forced-colors: active) {
    button.primary,
    button.secondary {
      border-color: ButtonText;
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
    .details-body,
    .other-ways.stuck {
      border-left-color: CanvasText;
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
  /* Narrow screens and 400% zoom (1280 px / 4 = 320 CSS px): nothing wider than the screen (the later steps' words: steps.styles.ts). */
  .ways li,
  .urgent p {
    overflow-wrap: anywhere;
  }
`;
