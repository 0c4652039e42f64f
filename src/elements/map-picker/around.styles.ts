import { css } from 'lit';

/**
 * The map picker's styles for what comes with around.ts (the map's box and crosshair, the search's
 * places, the refusal's links, the chosen place and the reports nearby; the asset choices share the
 * postcode finder's, which stay): adopted after the element's own when that code arrives (the byte budget).
 */
export const aroundStyles = css`
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
  /* The search's places (only this code fills the list). */
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
  /* The refusal's "report it to …" link. */
  .error a {
    color: var(--_brand);
  }
  /* Radio lists: the assets near the pin, and the postcode finder's addresses (a lookup follows the
     resident's first focus in the picker, which fetches this code; choosing an address needs it too). */
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
  .chosen {
    margin: 0;
    font-weight: 700;
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
  /* A report in the list is a toggle: it selects the report and rings its dot on the map. */
  .nearby .report {
    font: inherit;
    color: inherit;
    text-align: start;
    white-space: pre-line;
    background: none;
    border: 2px solid transparent;
    padding: 2px 4px;
    margin-left: -6px;
    cursor: pointer;
  }
  .nearby .report[aria-pressed='true'] {
    border-color: var(--_text);
    background: #f3f2f1;
  }
`;
