import { css } from 'lit';

export const styles = css`
  .picker {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  label,
  .label {
    display: block;
    font-weight: 700;
    margin-bottom: 4px;
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 4px;
  }
  .search-row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    position: relative;
  }
  input,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    padding: 5px 8px;
    min-height: 40px;
  }
  input {
    flex: 1 1 16em;
    min-width: 0;
  }
  textarea {
    width: 100%;
    min-height: 5em;
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  button {
    font: inherit;
    min-height: 40px;
    min-width: 24px;
    padding: 6px 12px;
    border-radius: var(--_radius);
    cursor: pointer;
    border: 2px solid transparent;
  }
  .primary {
    background: var(--_brand);
    color: #ffffff;
  }
  .secondary {
    background: #f3f2f1;
    color: var(--_text);
    border-color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .status {
    margin: 0;
    color: var(--_muted);
  }
  .status:empty {
    display: none;
  }
  .error {
    border-left: 5px solid var(--_error);
    padding: 4px 0 4px 12px;
    color: var(--_error);
    font-weight: 700;
    margin: 0;
  }
  .error:empty {
    display: none;
  }
  /* GOV.UK's form group in error: a red bar beside the field, the message above it. */
  .field-error {
    border-left: 5px solid var(--_error);
    padding-left: 15px;
  }
  .error-message {
    margin: 0 0 8px;
    color: var(--_error);
    font-weight: 700;
  }
  details > summary {
    cursor: pointer;
    color: var(--_brand);
    text-decoration: underline;
    min-height: 24px;
  }
  details[open] > summary {
    margin-bottom: 8px;
  }
  .describe {
    display: grid;
    gap: 8px;
    justify-items: start;
  }
`;
