import { css } from 'lit';

/** GOV.UK-like radios with hints, a search box and a quiet status line. */
export const styles = css`
  .label {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-weight: 700;
    font-size: 24px;
    line-height: 1.25;
  }
  .search {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .search label {
    display: block;
    margin-bottom: 5px;
    font-weight: 700;
  }
  input[type='search'] {
    width: 100%;
    max-width: 30em;
    min-height: 40px;
    padding: 5px;
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  .status {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .group {
    /* After "Show all", only the groups on screen are laid out. */
    content-visibility: auto;
    contain-intrinsic-size: auto 12em;
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: calc(var(--_space) * 0.5);
    font-weight: 700;
    font-size: 19px;
  }
  /* Block layout with the radio placed in the padding: cheaper to lay out than a grid per option. */
  .option {
    position: relative;
    padding-left: 40px;
    min-height: 28px;
    margin-bottom: 10px;
  }
  .option input {
    position: absolute;
    top: 0;
    left: 0;
    width: 28px;
    height: 28px;
    margin: 0;
    accent-color: var(--_brand);
    cursor: pointer;
  }
  .option label {
    display: block;
    padding-top: 2px;
    cursor: pointer;
  }
  .hint {
    color: var(--_muted);
    font-size: 16px;
    white-space: pre-line;
  }
  .error {
    border-left: 5px solid var(--_error);
    padding-left: var(--_space);
    margin-bottom: var(--_space);
  }
  .error p {
    margin: 0 0 10px;
    color: var(--_text);
  }
  .button {
    min-height: 40px;
    padding: 8px 10px;
    border: 0;
    border-radius: var(--_radius);
    box-shadow: 0 2px 0 var(--_text);
    background: var(--_brand);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  .button.secondary {
    background: color-mix(in srgb, var(--_muted) 12%, var(--_bg));
    color: var(--_text);
    box-shadow: 0 2px 0 var(--_muted);
  }
  /* Forced colours drop the box-shadow and repaint the background: without a border the button's
     edge would vanish in a Contrast theme (test/e2e/media-features.e2e.test.mjs). */
  @media (forced-colors: active) {
    .button {
      border: 2px solid ButtonText;
    }
  }
  /* GOV.UK's form group in error: a red bar beside the choices, the message under the question. */
  .field-error {
    border-left: 5px solid var(--_error);
    padding-left: 15px;
  }
  .error-message {
    margin: 0 0 8px;
    color: var(--_error);
    font-weight: 700;
  }
`;
