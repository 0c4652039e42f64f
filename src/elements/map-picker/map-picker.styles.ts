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
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 2px solid var(--_text);
    background: var(--_bg);
    max-height: 16em;
    overflow-y: auto;
  }
  [role='option'] {
    padding: 8px;
    cursor: pointer;
    border-bottom: 1px solid #b1b4b6;
  }
  [role='option']:last-child {
    border-bottom: 0;
  }
  [role='option'].active,
  [role='option']:hover {
    background: var(--_brand);
    color: #ffffff;
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
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
  .error a {
    color: var(--_brand);
  }
  .error:empty {
    display: none;
  }
  .map-wrap {
    position: relative;
    height: var(--_map-height);
    border: 2px solid var(--_text);
    background: #dee0e2;
  }
  /* maplibre's own sheet makes the container position: relative; fill the box by size instead. */
  .map {
    width: 100%;
    height: 100%;
  }
  .map canvas:focus-visible {
    outline: 4px solid var(--_focus);
    outline-offset: -4px;
  }
  /* maplibre shows focus on its zoom buttons with a box-shadow only (its "outline: none" wins over the
     shared :focus-visible), and forced colours remove box-shadows: the focus would vanish in a Contrast
     theme (test/e2e/media-features.e2e.test.mjs). An outline survives, in the system's colour. */
  .map .maplibregl-ctrl-group button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .crosshair {
    display: none;
    position: absolute;
    left: 50%;
    top: 50%;
    width: 36px;
    height: 36px;
    margin: -18px 0 0 -18px;
    pointer-events: none;
  }
  .crosshair::before,
  .crosshair::after {
    content: '';
    position: absolute;
    background: var(--_text);
    box-shadow: 0 0 0 2px var(--_focus);
  }
  .crosshair::before {
    left: 17px;
    top: 0;
    width: 2px;
    height: 36px;
  }
  .crosshair::after {
    top: 17px;
    left: 0;
    height: 2px;
    width: 36px;
  }
  .map-wrap:focus-within .crosshair {
    display: block;
  }
  .map-message {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: var(--_space);
    text-align: center;
  }
  .chosen {
    margin: 0;
    font-weight: 700;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 4px;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 32px;
  }
  .choice input {
    flex: none;
    width: 24px;
    height: 24px;
    min-height: 24px;
    margin: 0;
    accent-color: var(--_brand);
  }
  .choice label {
    font-weight: 400;
    margin: 0;
  }
  .nearby {
    margin: 0;
    padding-left: 20px;
  }
  .nearby li {
    margin-bottom: 4px;
    white-space: pre-line;
  }
  .stage {
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
