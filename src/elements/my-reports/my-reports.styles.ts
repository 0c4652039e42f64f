import { css } from 'lit';

/** `<open311-my-reports>`: the list of reports sent from this browser, each with a status tag. */
export const styles = css`
  .box {
    max-width: 40em;
  }
  .my-reports {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .report {
    padding: var(--_space) 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_muted) 40%, var(--_bg));
  }
  .report .heading {
    margin: 0 0 4px;
    font-size: 19px;
  }
  .hint {
    margin-bottom: 8px;
  }
  .tag {
    display: inline-block;
    padding: 2px 8px;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_muted) 15%, var(--_bg));
    color: var(--_text);
    font-size: 16px;
  }
  .tag.in_progress {
    background: color-mix(in srgb, var(--_brand) 15%, var(--_bg));
  }
  .tag.done {
    background: color-mix(in srgb, #00703c 18%, var(--_bg));
  }
  .tag.done.not-fixed {
    background: color-mix(in srgb, var(--_muted) 15%, var(--_bg));
  }
`;
