import { html, nothing } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ServerElement } from '../server-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { define } from '../../define.js';
import { Open311ErrorEvent, Open311ServiceChangeEvent } from '../../events.js';
import { isAbortError } from '../../open311/errors.js';
import { clientFor } from '../../open311/client.js';
import { ClientController } from '../../controllers/client.js';
import { getLocale } from '../../i18n/localize.js';
import { groupName, loadCouncilText, serviceDescription, serviceName } from '../../i18n/service-text.js';
import type { CouncilText } from '../../i18n/service-text.js';
import type { Open311Client } from '../../open311/client.js';
import type { Service } from '../../open311/models.js';
import { commaList, firstShown, fold, groupServices, indexServices, search } from './search.js';
import type { IndexedService, ServiceGroup } from './search.js';
import { formatCount, plural } from '../../i18n/plural.js';
import { styles } from './service-chooser.styles.js';
import { MAX_DESCRIPTION, MAX_NAME, MAX_VALUES, capList, capText, cutNote, newCut, warnCut } from '../server-limits.js';
import type { Cut } from '../server-limits.js';
import { noteDeprecated } from '../old-names.js';
import { lazyImport } from '../../lazy-import.js';
import type { GroupHost } from './groups.js';

/** groups.ts: the group view, only for a catalogue of more than `groups-above` services. */
const loadGroupsCode = lazyImport(() => import('./groups.js'));

/**
 * Lets a resident choose what to report: the council's services under their group headings, each
 * with its description, and a search box that forgives case and accents.
 *
 * A native radio group per heading (fieldset and legend), so it works with every screen reader and
 * keyboard as a GOV.UK radios question does: Tab reaches each group, the arrow keys choose within it.
 *
 * A big catalogue (more than `groups-above` services, default 20: more than a screenful of radios
 * with their descriptions) shows its groups first, each a button with its number of services;
 * opening one shows all its services under the group's heading (`heading-level`), with "Back to all
 * groups". Search always covers every service. A resident coming back with a service chosen sees
 * its group open. The group view is loaded by `import()` only for such a catalogue.
 *
 * The council's own words in another language (Welsh service names, descriptions and group headings)
 * come from `translations`: inline JSON or a URL of a JSON file (see `src/i18n/council-text.ts`). On a
 * `lang="cy"` page a service with no translation keeps its English name inside `lang="en"`, so screen
 * readers pronounce it as English; search matches both the English and the translated words.
 *
 * @tagname open311-service-chooser
 * @summary Choose a service (a category of problem) from an Open311 service list.
 *
 * @fires open311-service-change - The resident chose a service; `detail.service` is the {@link Service}.
 * @fires open311-error - The list of problems could not be loaded and the resident was told (`detail.kind` `services`).
 *
 * @csspart label - The question above the list.
 * @csspart search - The search input.
 * @csspart status - The live "N services found" and loading text.
 * @csspart group - Each group's fieldset.
 * @csspart legend - Each group's heading (legend).
 * @csspart option - Each radio item (radio, label and hint).
 * @csspart hint - Each service's description.
 * @csspart cut-note - The note shown when the server sent names or descriptions longer than the chooser shows.
 * @csspart error-message - The text shown when the list could not be loaded.
 * @csspart retry-button - The button that loads the list again.
 * @csspart show-all-button - Under the first 30 matches of a catalogue of over 100 services, the button that shows them all.
 * @csspart group-list - A big catalogue's list of groups (more services than `groups-above`).
 * @csspart group-button - Each group's button in that list, its name and its number of services.
 * @csspart groups-back-button - "Back to all groups" above an opened group.
 *
 * @cssproperty --open311-brand - Selected radios, buttons and links. Default `#1d70b8`.
 * @cssproperty --open311-text - Text colour. Default `#0b0c0c`.
 * @cssproperty --open311-muted - Descriptions (hints). Default `#505a5f`.
 * @cssproperty --open311-background - Background of inputs. Default `#ffffff`.
 * @cssproperty --open311-error - Error text and border. Default `#d4351c`.
 * @cssproperty --open311-focus - Focus ring. Default `#ffdd00`.
 * @cssproperty --open311-font - Font family. Default the system UI font.
 * @cssproperty --open311-radius - Corner radius of inputs and buttons. Default `0`.
 * @cssproperty --open311-space - Base spacing. Default `16px`.
 */
export class Open311ServiceChooser extends ServerElement {
  static override styles = [hostStyles, styles];

  static override properties: PropertyDeclarations = {
    query: { state: true },
    showAll: { state: true },
    groupView: { state: true },
    serviceList: { attribute: false },
    services: {},
    groups: {},
    value: { reflect: true },
    label: {},
    translations: {},
    councilText: { attribute: false },
    noSearch: { type: Boolean, attribute: 'no-search' },
    errorMessage: { attribute: 'error-message' },
    noDescriptions: { type: Boolean, attribute: 'no-descriptions' },
    groupsAbove: { type: Number, attribute: 'groups-above' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    lat: { type: Number },
    long: { type: Number },
  };

  /** The endpoint's client (its code here from the start: the list is wanted at once). */
  private readonly server = new ClientController(this, { clientFor });

  private readonly servicesTask = new Task(this, {
    task: async ([client, given, lat, long], { signal }): Promise<readonly Service[] | typeof initialState> => {
      // A list passed as a property is rendered as it is: nothing to load.
      if (given || !client) return initialState;
      // The services at the place (issue 19); the whole list when the server cannot say (never a dead end).
      if (lat != null && long != null) {
        const here = await client.servicesAt(lat, long, { signal }).catch((e: unknown) => {
          if (signal.aborted) throw e;
        });
        if (here?.services?.length) return here.services;
      }
      return client.services({ signal });
    },
    args: () => [this.resolvedClient(), this.serviceList, this.lat, this.long] as const,
    // The resident sees "could not be loaded": the page hears it too (issue 22).
    onError: (e) => {
      if (!isAbortError(e)) this.dispatchEvent(new Open311ErrorEvent(e, 'services'));
    },
  });

  private readonly councilTextTask = new Task(this, {
    task: async ([source, given]): Promise<CouncilText | undefined> => given ?? loadCouncilText(source),
    args: () => [this.translations, this.councilText] as const,
  });

  private get searchInput(): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>('#search') ?? null;
  }

  /** The search text as typed. */
  private query = '';

  /** The resident asked to see every match, not only the first ones (until the search changes). */
  private showAll = false;

  /** The group view's code, once loaded (or `failed`: the plain list then); a state, so its arrival renders it. */
  private groupView?: typeof import('./groups.js') | 'failed';

  /** The service list itself, when the page has it already: no request is made. (Was the `services` property.) */
  serviceList?: readonly Service[];

  private codes?: string;
  /**
   * Only these service codes, comma-separated (`services="PTH-01, BIN OVERFLOW"`): for parish and
   * single-purpose pages. The same as `services` on `<open311-report>`; the list itself is `serviceList`.
   */
  get services(): string | undefined {
    return this.codes;
  }
  set services(codes: string | undefined) {
    // Before issue 18 this property took the list itself: still taken, until the next major version.
    const given: unknown = codes;
    if (Array.isArray(given)) {
      noteDeprecated(this, 'a list in .services', '.serviceList');
      this.serviceList = given as readonly Service[];
    } else this.codes = codes;
  }

  /** Only the services in these groups, comma-separated (`groups="Roads and pavements, Street lighting"`). */
  groups?: string;

  /** @deprecated Use `services` (the same codes): `serviceCodes` goes in the next major version. */
  get serviceCodes(): string | undefined {
    return this.services;
  }
  set serviceCodes(codes: string | undefined) {
    noteDeprecated(this, '.serviceCodes', '.services');
    this.services = codes;
  }

  /** @deprecated Use `groups`: `groupNames` goes in the next major version. */
  get groupNames(): string | undefined {
    return this.groups;
  }
  set groupNames(names: string | undefined) {
    noteDeprecated(this, '.groupNames', '.groups');
    this.groups = names;
  }

  /** The code of the chosen service. */
  value = '';

  /** The question above the list. Default "What do you want to report?". */
  label?: string;

  /** The council's text in other languages: inline JSON (starting with `{`) or the URL of a JSON file. */
  translations?: string;

  /** The parsed translations table (instead of `translations`). */
  councilText?: CouncilText;

  /** Hide the search box (for short lists). */
  noSearch = false;
  /** A validation message to show on the choice (GOV.UK's inline error; the composite sets it). */
  errorMessage?: string;

  /** Hide each service's description. */
  noDescriptions = false;

  /** More services than this are offered by group first: the groups with their counts, then a group's services. Default 20. */
  groupsAbove = 20;

  /** The level (2–6) of a group's heading when it is opened. Default 3. */
  headingLevel = 3;
  /** Latitude of the place (with `long`): only the services the server deals with there are offered (`services.json?lat=&long=`). */
  lat?: number;
  /** Longitude of the place (with `lat`). */
  long?: number;

  private indexFor?: {
    list: readonly Service[];
    codes?: string;
    groups?: string;
    table?: CouncilText;
    locale: string;
    index: IndexedService[];
    cut: Cut;
  };

  /** The translations in use, once loaded. */
  private get table(): CouncilText | undefined {
    return this.councilText ?? this.councilTextTask.value;
  }

  private resolvedClient(): Open311Client | undefined {
    return this.server.client;
  }

  /** The offered services with their search text, recomputed only when the list or the subset changes. */
  private index(list: readonly Service[]): IndexedService[] {
    const cached = this.indexFor;
    const table = this.table;
    const locale = getLocale();
    if (
      cached &&
      cached.list === list &&
      cached.codes === this.services &&
      cached.groups === this.groups &&
      cached.table === table &&
      cached.locale === locale
    ) {
      return cached.index;
    }
    // Each service's texts shortened once per list (issue 17: a 4.9 MB description froze the page).
    const cut = newCut();
    const capped = list.map((s) => capService(s, cut));
    warnCut(this, cut);
    const translated = (s: Service): string => (table ? `${serviceName(table, s.code, '').text} ${serviceDescription(table, s.code, '').text}` : '');
    const subset = { codes: commaList(this.services), groups: commaList(this.groups) };
    const index = indexServices(capped, subset, translated);
    this.indexFor = { list, codes: this.services, groups: this.groups, table, locale, index, cut };
    return index;
  }

  private handleSearch(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.showAll = false;
  }

  /** "Show all": renders every match, then moves focus to the first one that was not shown before. */
  private async handleShowAll(firstHidden: Service | undefined): Promise<void> {
    this.showAll = true;
    await this.updateComplete;
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    (radios.find((r) => r.value === firstHidden?.code) ?? radios[0])?.focus();
  }

  private async handleChange(e: Event, service: Service): Promise<void> {
    if (!(e.target as HTMLInputElement).checked) return;
    this.value = service.code;
    this.dispatchEvent(new Open311ServiceChangeEvent(service));
    // Each radio's `checked` is set when its service's state changes (no live() directive: the
    // first screen's bytes). A page that set `value` back while hearing the event leaves the state as
    // it was, and the click's mark would stay: the radios show the value the page kept.
    await this.updateComplete;
    for (const radio of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value === this.value;
  }

  private handleRetry(): void {
    void this.servicesTask.run();
  }

  /** The chosen service, once the list has loaded. */
  get selected(): Service | undefined {
    const list = this.serviceList ?? this.servicesTask.value;
    return list?.find((s) => s.code === this.value);
  }

  /** Loads the list again (after a failure, or when the server's catalogue changed). */
  reload(): Promise<void> {
    this.resolvedClient()?.clearCache();
    return this.servicesTask.run();
  }

  /** Moves focus to the search box, or to the first radio when there is no search box. */
  override focus(options?: FocusOptions): void {
    const target = this.searchInput ?? this.renderRoot.querySelector<HTMLInputElement>('input[type=radio]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override render(): TemplateResult {
    const label = this.label ?? msg('What do you want to report?', { id: 'chooser.what-do-you-want-to-report' });
    return html`
      <div class="chooser ${this.errorMessage ? 'field-error' : ''}" role="group" aria-labelledby="label" aria-describedby=${this.errorMessage ? 'field-error' : nothing}>
        <p class="label" id="label" part="label">${label}</p>
        ${
          this.errorMessage
            ? html`<p class="error-message" id="field-error" part="field-error"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${this.errorMessage}</p>`
            : nothing
        }
        ${this.renderSearch()}
        ${
          this.serviceList
            ? this.renderList(this.serviceList)
            : this.servicesTask.render({
                initial: () =>
                  html`<p class="status" part="status" role="status">${msg('No service list to show yet.', { id: 'chooser.no-service-list-to-show-yet' })}</p>`,
                pending: () => this.renderLoading(),
                complete: (list) => this.renderList(list),
                error: () => this.renderError(),
              })
        }
      </div>
    `;
  }

  /**
   * The search box, outside the list so that it is the same element before and after the list
   * arrives: on a slow connection the resident can start typing while the list loads (what they
   * type filters it when it comes), and focus stays put when it does.
   */
  private renderSearch(): TemplateResult | typeof nothing {
    const status = this.servicesTask.status;
    if (this.noSearch || (!this.serviceList && status !== TaskStatus.PENDING && status !== TaskStatus.COMPLETE)) return nothing;
    return html`
      <div class="search">
        <label for="search">${msg('Search', { id: 'map.search' })}</label>
        <input
          id="search"
          part="search"
          type="search"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="count"
          .value=${this.query}
          @input=${this.handleSearch}
        />
      </div>
    `;
  }

  private renderLoading(): TemplateResult {
    return html`<p class="status" id="count" part="status" role="status">${msg('Loading the list of problems…', { id: 'chooser.loading-list-of-problems' })}</p>`;
  }

  private renderError(): TemplateResult {
    return html`
      <div class="error" role="alert">
        <p part="error-message">${msg('Sorry, the list of problems could not be loaded.', { id: 'chooser.sorry-list-of-problems-could-not' })}</p>
        <button type="button" class="button" part="retry-button" @click=${this.handleRetry}>${msg('Try again', { id: 'map.try-again' })}</button>
      </div>
    `;
  }

  private renderList(list: readonly Service[]): TemplateResult {
    const index = this.index(list);
    // A big catalogue shows its groups first (groups.ts); any search covers every service (the list below).
    if (index.length > this.groupsAbove && !fold(this.query)) {
      const view = this.groupView;
      if (!view) {
        loadGroupsCode().then(
          (m) => (this.groupView = m),
          () => (this.groupView = 'failed'),
        );
        return this.renderLoading();
      }
      // GroupHost: this element's render helpers and headingLevel, private to it but for groups.ts.
      const groups = view !== 'failed' && view.renderGroupView(this as unknown as GroupHost, index);
      if (groups) return groups;
    }
    const found = search(index, this.query).map((e) => e.service);
    // A catalogue of hundreds shows its first matches, the chosen service and a "Show all" button.
    const shown = this.showAll ? found : firstShown(found, index.length, this.value);
    const groups = groupServices(shown, msg('Other', { id: 'chooser.other' }));
    const cut = shown.length < found.length;
    return html`
      <p class="status ${this.query || cut ? '' : 'visually-hidden'}" id="count" part="status" role="status">
        ${this.renderCount(found.length, index.length)}${cut ? `. ${msg(str`Showing the first ${formatCount(shown.length)}.`, { id: 'chooser.showing-first' })}` : ''}
      </p>
      ${this.indexFor?.cut.any ? html`<p class="status cut-note" part="cut-note">${cutNote()}</p>` : nothing}
      ${groups.map((g, i) => this.renderGroup(g, i))}
      ${
        cut
          ? html`<button type="button" class="button secondary" part="show-all-button" @click=${() => this.handleShowAll(found.find((s) => !shown.includes(s)))}>
            ${msg(str`Show all ${formatCount(found.length)} services`, { id: 'chooser.show-all-services' })}
          </button>`
          : nothing
      }
    `;
  }

  private renderCount(count: number, total: number): string {
    if (total === 0) return msg('There are no problems to choose from.', { id: 'chooser.there-are-no-problems-to-choose' });
    if (count === 0) return msg('No problems match your search. Try other words.', { id: 'chooser.no-problems-match-your-search-try' });
    const n = formatCount(count);
    return plural(count, {
      zero: () => msg(str`${n} services found`, { id: 'chooser.count.zero' }),
      one: () => msg(str`${n} service found`, { id: 'chooser.count.one' }),
      two: () => msg(str`${n} services found`, { id: 'chooser.count.two' }),
      few: () => msg(str`${n} services found`, { id: 'chooser.count.few' }),
      many: () => msg(str`${n} services found`, { id: 'chooser.count.many' }),
      other: () => msg(str`${n} services found`, { id: 'chooser.count.other' }),
    });
  }

  /** Our own "Other" is already in the page's language; a server's group name may need a translation or a `lang`. */
  private renderGroupName(group: ServiceGroup): TemplateResult | string {
    if (group.other) return group.name;
    const name = groupName(this.table, group.name);
    return name.lang ? html`<span lang=${name.lang}>${name.text}</span>` : name.text;
  }

  /**
   * Ids come from positions, not codes: codes may hold spaces, and a service in two groups is
   * rendered twice. Each group is its own radio group (`name`), so both copies of the chosen
   * service show as chosen.
   */
  private renderGroup(group: ServiceGroup, gi: number, legend?: TemplateResult): TemplateResult {
    return html`
      <fieldset class="group" part="group">
        <legend part="legend">${legend ?? this.renderGroupName(group)}</legend>
        ${group.services.map((s, si) => {
          const id = `s${gi}-${si}`;
          const hint = s.description && !this.noDescriptions;
          const name = serviceName(this.table, s.code, s.name);
          const description = serviceDescription(this.table, s.code, s.description ?? '');
          return html`
              <div class="option" part="option">
                <input
                  id=${id}
                  type="radio"
                  name=${`g${gi}`}
                  .value=${s.code}
                  .checked=${s.code === this.value}
                  aria-describedby=${hint ? `${id}-hint` : nothing}
                  @change=${(e: Event) => this.handleChange(e, s)}
                />
                <label for=${id} lang=${name.lang ?? nothing}>${name.text}</label>
                ${hint ? html`<div class="hint" id=${`${id}-hint`} part="hint" lang=${description.lang ?? nothing}>${description.text}</div>` : nothing}
              </div>
            `;
        })}
      </fieldset>
    `;
  }
}

/** A service with its texts cut to what the chooser shows (its code unchanged: it is what is sent). */
function capService(s: Service, cut: Cut): Service {
  const description = capText(s.description, MAX_DESCRIPTION, cut, 'service descriptions');
  return {
    ...s,
    name: capText(s.name, MAX_NAME, cut, 'service names'),
    ...(description !== undefined ? { description } : {}),
    keywords: capList(s.keywords, MAX_VALUES, cut, `keywords of service ${capText(s.code, MAX_NAME, cut, 'service codes')}`).map((k) =>
      capText(k, MAX_NAME, cut, 'keywords'),
    ),
    groups: capList(s.groups, MAX_VALUES, cut, 'groups of one service').map((g) => capText(g, MAX_NAME, cut, 'group names')),
  };
}

define('open311-service-chooser', Open311ServiceChooser);

declare global {
  interface HTMLElementTagNameMap {
    'open311-service-chooser': Open311ServiceChooser;
  }
}
