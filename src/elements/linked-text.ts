import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { safeHttpUrl } from '../open311/urls.js';

/** An http(s) address in running text, up to white space or an angle bracket or quote. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;

/**
 * Server text with its web addresses as working links (issue 19: a refusal naming where to report
 * instead). Text stays text (Lit text nodes, never HTML); only what `safeHttpUrl` accepts becomes an
 * `<a href>`. Punctuation closing a sentence is not part of the address: "see https://x.gov.uk/."
 */
export function linkedText(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let url = m[0];
    // A closing bracket belongs to the address only when it opened one ("…/Wiki_(disambiguation)").
    while (/[.,;:!?'’)\]]$/.test(url) && !(url.endsWith(')') && url.split('(').length > url.split(')').length - 1)) url = url.slice(0, -1);
    const href = safeHttpUrl(url);
    if (!href) continue;
    const at = m.index;
    out.push(text.slice(last, at), html`<a href=${href}>${url}</a>`);
    last = at + url.length;
  }
  out.push(text.slice(last));
  return out;
}
