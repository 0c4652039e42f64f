import { css } from 'lit';

/**
 * Shared by every element. The public custom properties are read once into private `--_x`
 * variables here (Material Web's pattern), so the widget looks right with no page CSS at all.
 *
 * Public properties: `--open311-brand` (buttons, links, selection), `--open311-text`,
 * `--open311-muted` (hints), `--open311-background`, `--open311-error`, `--open311-focus`
 * (focus ring), `--open311-font` (font family), `--open311-radius`, `--open311-space` (base spacing),
 * `--open311-map-height`. Nothing else of the page's CSS reaches in (test/host-css.test.ts).
 */
export const hostStyles = css`
  :host {
    --_brand: var(--open311-brand, #1d70b8);
    --_text: var(--open311-text, #0b0c0c);
    --_muted: var(--open311-muted, #505a5f);
    --_bg: var(--open311-background, #ffffff);
    --_error: var(--open311-error, #d4351c);
    --_focus: var(--open311-focus, #ffdd00);
    --_font: var(--open311-font, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_radius: var(--open311-radius, 0);
    --_space: var(--open311-space, 16px);
    --_map-height: var(--open311-map-height, 400px);
    display: block;
    box-sizing: border-box;
  }
  /*
   * Inherited properties cross the shadow boundary: undo what council themes set on * or body
   * (issue 20). A page's rule on * (or on the element) applies to this element itself and, for
   * normal declarations, beats :host (the page's styles come first in the cascade); an !important
   * :host declaration beats the page's, important or not. So each is !important here: the widget is
   * themed through the --open311-* properties read above, never by inheritance. dir is kept.
   */
  :host {
    color: var(--_text) !important;
    font-family: var(--_font) !important;
    /* Pixels, not rem: host pages set html { font-size: 62.5% } (issue 12). */
    font-size: 19px !important;
    line-height: 1.4 !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-kerning: auto !important;
    font-feature-settings: normal !important;
    font-variation-settings: normal !important;
    font-size-adjust: none !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-align: start !important;
    text-align-last: auto !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    text-rendering: auto !important;
    white-space: normal !important;
    word-break: normal !important;
    /* Server and resident text (a question that is one long URL, a name with no spaces) wraps
       rather than spilling over its neighbour; inherited by everything inside (issue 22). */
    overflow-wrap: anywhere !important;
    hyphens: manual !important;
    line-break: auto !important;
    tab-size: 8 !important;
    quotes: auto !important;
    accent-color: auto !important;
    caret-color: auto !important;
    cursor: auto !important;
  }
  /* Not inherit: a page's "* { box-sizing: content-box }" wins over :host and would flow in. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
