import { css } from 'lit';

/**
 * Shared by every element. The public custom properties are read once into private `--_x`
 * variables here (Material Web's pattern), so the widget looks right with no page CSS at all.
 *
 * Public properties: `--open311-brand` (buttons, links, selection), `--open311-text`,
 * `--open311-muted` (hints), `--open311-background`, `--open311-error`, `--open311-focus`
 * (focus ring), `--open311-font` (font family), `--open311-radius`, `--open311-space` (base spacing),
 * `--open311-map-height`.
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
    color: var(--_text);
    font-family: var(--_font);
    /* Pixels, not rem: host pages set html { font-size: 62.5% } (issue 12). */
    font-size: 19px;
    line-height: 1.4;
    /* Inherited properties cross the shadow boundary: undo what council themes set on * or body. */
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    /* Server and resident text (a question that is one long URL, a name with no spaces) wraps
       rather than spilling over its neighbour; inherited by everything inside (issue 22). */
    overflow-wrap: anywhere;
    cursor: auto;
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
