import { css } from 'lit';

/** GOV.UK Design System look: bold labels, 2px black borders, red error bars, yellow focus. */
export const styles = css`
  form {
    margin: 0;
  }
  .field {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .field-error {
    border-left: 5px solid var(--_error);
    padding-left: calc(var(--_space) * 0.75);
  }
  .label,
  legend.label {
    display: block;
    padding: 0;
    margin-bottom: 5px;
    font-weight: 700;
  }
  /* Server text keeps its line breaks (the spec allows them; never HTML). */
  .text,
  .error-summary a,
  .blocked p {
    white-space: pre-line;
  }
  .optional {
    font-weight: 400;
  }
  .hint {
    margin-bottom: calc(var(--_space) * 0.75);
    color: var(--_muted);
  }
  .error-message {
    margin: 0 0 calc(var(--_space) * 0.75);
    color: var(--_error);
    font-weight: 700;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  input[type='datetime-local'],
  textarea,
  select {
    display: block;
    width: 100%;
    min-height: 40px;
    padding: 5px;
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  input[type='datetime-local'],
  select {
    width: auto;
    max-width: 100%;
  }
  .input-short {
    max-width: 10em;
  }
  .input-medium {
    max-width: 20em;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .choices {
    display: grid;
    gap: 10px;
  }
  .choice {
    display: grid;
    grid-template-columns: 32px 1fr;
    column-gap: 8px;
    align-items: start;
  }
  .choice input {
    width: 28px;
    height: 28px;
    margin: 0;
    accent-color: var(--_brand);
    cursor: pointer;
  }
  .choice label {
    padding-top: 2px;
    cursor: pointer;
  }
  .notice {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: var(--_space);
    border-left: 10px solid #b1b4b6;
    white-space: pre-line;
  }
  .blocked {
    margin-top: var(--_space);
    padding: var(--_space);
    border: 5px solid var(--_error);
  }
  .blocked p {
    margin: 0;
  }
  .count {
    margin-top: 5px;
    color: var(--_muted);
  }
  .count-over {
    color: var(--_error);
    font-weight: 700;
  }
  .contact {
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .contact-title {
    padding: 0;
    margin-bottom: 10px;
    font-weight: 700;
    font-size: 24px;
  }
  .updates {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .error-summary {
    margin-bottom: calc(var(--_space) * 2);
    padding: var(--_space);
    border: 5px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .error-summary-title {
    margin: 0 0 var(--_space);
    font-size: 24px;
    line-height: 1.25;
  }
  .error-summary ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary li {
    margin-bottom: 5px;
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
  .status {
    color: var(--_muted);
  }
  .load-error {
    margin-bottom: var(--_space);
    padding-left: var(--_space);
    border-left: 5px solid var(--_error);
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
  .button-secondary {
    background: #f3f2f1;
    color: var(--_text);
  }
  /* Forced colours drop the box-shadow and repaint the background: without a border the button's
     edge would vanish in a Contrast theme (test/e2e/media-features.e2e.test.mjs). */
  @media (forced-colors: active) {
    .button {
      border: 2px solid ButtonText;
    }
  }
`;
