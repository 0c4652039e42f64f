import { adoptStyles, css, html } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatCount, plural } from '../../i18n/plural.js';
import { groupServices } from './search.js';
import type { IndexedService, ServiceGroup } from './search.js';

/**
 * The group view of `<open311-service-chooser>` (issue 19: big catalogues by group). A catalogue of
 * more services than `groups-above` (default 20) shows its groups first, each a button whose name
 * carries its count ("Roads and pavements, 21 services"); opening one shows all its services as the
 * usual radios under the group's heading, with "Back to all groups". A search always covers every
 * service (the chooser's flat list of matches). Loaded by `import()` only for such a catalogue, so
 * the first screen of an ordinary council pays nothing for it (the byte budget of issue 18).
 */

/** What the view reads and sets on the chooser (its fields are private to it). */
export interface GroupHost extends ReactiveElement {
  /** The group the resident opened (a {@link groupKey}); `''` the list of groups; undefined: none yet. Set here only, with a requestUpdate() (the chooser's first screen carries no code for it). */
  open?: string;
  readonly value: string;
  readonly headingLevel: number;
  /** A group's name as the chooser shows it (the council's translation, or `lang="en"`). */
  renderGroupName(group: ServiceGroup): TemplateResult | string;
  /** A group's radios under a given legend. */
  renderGroup(group: ServiceGroup, index: number, legend: TemplateResult): TemplateResult;
}

/** Choosers whose shadow root has the group view's styles already. */
const styled = new WeakSet<GroupHost>();

export const groupStyles = css`
  .groups {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .groups li {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .group-button,
  .back {
    display: block;
    width: 100%;
    max-width: 30em;
    min-height: 44px;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_brand);
    font: inherit;
    text-align: start;
    cursor: pointer;
    /* Tabbing back up the list: the focused button is not hidden under the sticky search box. */
    scroll-margin-top: 6em;
  }
  .group-name {
    font-weight: 700;
    text-decoration: underline;
  }
  .group-count {
    color: var(--_muted);
  }
  .back {
    width: auto;
    border: 0;
    padding: 8px 0;
    text-decoration: underline;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .back::before {
    content: '‹ ';
  }
  .group-heading {
    margin: 0;
    font-size: inherit;
    font-weight: inherit;
  }
  /* A long list of groups keeps the search box in view at the top. */
  .search {
    position: sticky;
    top: 0;
    z-index: 1;
    padding-bottom: calc(var(--_space) * 0.5);
    background: var(--_bg);
  }
`;

/** A group's key: its name, with our own "Other" kept apart from a server group of the same name. */
export function groupKey(group: ServiceGroup): string {
  return `${group.other ? '1' : '0'}:${group.name}`;
}

/** "21 services" in the page's language. */
function serviceCount(count: number): string {
  const n = formatCount(count);
  return plural(count, {
    zero: () => msg(str`${n} services`, { id: 'chooser.group-count.zero' }),
    one: () => msg(str`${n} service`, { id: 'chooser.group-count.one' }),
    two: () => msg(str`${n} services`, { id: 'chooser.group-count.two' }),
    few: () => msg(str`${n} services`, { id: 'chooser.group-count.few' }),
    many: () => msg(str`${n} services`, { id: 'chooser.group-count.many' }),
    other: () => msg(str`${n} services`, { id: 'chooser.group-count.other' }),
  });
}

/** The group a resident coming back to the chooser sees: the one they opened, else the chosen service's, else none (the list). */
function openKey(host: GroupHost, groups: readonly ServiceGroup[]): string {
  if (host.open !== undefined) return host.open;
  const chosen = host.value ? groups.find((g) => g.services.some((s) => s.code === host.value)) : undefined;
  return chosen ? groupKey(chosen) : '';
}

/** Opens a group and moves focus to its heading (screen readers say the group's name; Tab goes on to its first service). */
async function openGroup(host: GroupHost, key: string): Promise<void> {
  host.open = key;
  host.requestUpdate();
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('.group-heading')?.focus();
}

/** Back to the list of groups, focus on the button of the group just left. */
async function closeGroup(host: GroupHost, key: string): Promise<void> {
  host.open = '';
  host.requestUpdate();
  await host.updateComplete;
  const buttons = host.renderRoot.querySelectorAll<HTMLButtonElement>('.group-button');
  [...buttons].find((b) => b.dataset.key === key)?.focus();
}

/** The group's heading, at the level the page asked for (2–6), focusable by script only. */
function heading(level: number, content: TemplateResult | string): TemplateResult {
  switch (level) {
    case 2:
      return html`<h2 class="group-heading" tabindex="-1">${content}</h2>`;
    case 4:
      return html`<h4 class="group-heading" tabindex="-1">${content}</h4>`;
    case 5:
      return html`<h5 class="group-heading" tabindex="-1">${content}</h5>`;
    case 6:
      return html`<h6 class="group-heading" tabindex="-1">${content}</h6>`;
    default:
      return html`<h3 class="group-heading" tabindex="-1">${content}</h3>`;
  }
}

/**
 * The list of groups, or the opened group with its services; undefined when the services are all in
 * one group (nothing to choose between: the chooser's plain list).
 */
export function renderGroupView(host: GroupHost, index: readonly IndexedService[]): TemplateResult | undefined {
  const groups = groupServices(
    index.map((e) => e.service),
    msg('Other', { id: 'chooser.other' }),
  );
  if (groups.length < 2) return undefined;
  if (!styled.has(host) && host.shadowRoot) {
    // After the element's own styles.
    adoptStyles(host.shadowRoot, [...(host.constructor as typeof ReactiveElement).elementStyles, groupStyles]);
    styled.add(host);
  }
  const key = openKey(host, groups);
  const at = groups.findIndex((g) => groupKey(g) === key);
  const hint = msg('Choose a group, or search every service.', { id: 'chooser.choose-group-or-search' });
  if (at >= 0) {
    const group = groups[at];
    return html`
      <p class="status visually-hidden" id="count" part="status" role="status">${hint}</p>
      <button type="button" class="back" part="groups-back-button" @click=${() => closeGroup(host, key)}>
        ${msg('Back to all groups', { id: 'chooser.back-to-all-groups' })}
      </button>
      ${host.renderGroup(group, at, heading(host.headingLevel, host.renderGroupName(group)))}
    `;
  }
  return html`
    <p class="status" id="count" part="status" role="status">${hint}</p>
    <ul class="groups" part="group-list">
      ${groups.map((g) => {
        const k = groupKey(g);
        return html`<li>
          <button type="button" class="group-button" part="group-button" data-key=${k} @click=${() => openGroup(host, k)}>
            <span class="group-name">${host.renderGroupName(g)}</span><span class="visually-hidden">,</span>
            <span class="group-count">${serviceCount(g.services.length)}</span>
          </button>
        </li>`;
      })}
    </ul>
  `;
}
