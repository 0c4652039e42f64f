/**
 * The UK postcode-to-addresses finder of `<open311-map-picker geocoder-type="postcode">`: the resident
 * types a postcode, presses "Find addresses", and picks their address from a list; the address's UPRN
 * becomes the report's `address_id`. Loaded by `import()` only when that geocoder type is used.
 *
 * It renders into the map picker's own shadow root (its labels, styles and live regions stay
 * together), fetches through a `Task` on the map picker, and hands the chosen address back through `choose`.
 *
 * The service answers `GET <template with {postcode}>` with JSON in one of the common UK shapes:
 * `{"results":[{"uprn","address","lat","lng"}]}` (the demo server's and a council proxy's), OS Places
 * (`{"results":[{"DPA":{"UPRN","ADDRESS","LAT","LNG"}}]}` with `output_srs=EPSG:4326`, or `LPI`), or
 * Ideal Postcodes (`{"result":[{"uprn","line_1",…,"post_town","postcode","latitude","longitude"}]}`).
 * 404 (and 400) mean "no such postcode"; addresses without coordinates are left out.
 */
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { plural } from '../../i18n/plural.js';
import { isAbortError } from '../../open311/errors.js';
import { Open311ErrorEvent, Open311LocationChangeEvent } from '../../events.js';
import type { Open311Location } from '../../events.js';

/** One address of a postcode. */
export interface PostcodeAddress {
  /** Unique Property Reference Number: sent as Open311 `address_id`. */
  readonly uprn: string;
  /** The address on one line. */
  readonly address: string;
  readonly lat: number;
  readonly long: number;
}

/** What the finder needs of the map picker (its public API, plus a way to place the pin). */
export interface PostcodeHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly geocoder: string;
  readonly location: Open311Location;
  addressId?: string;
  setLocation(location: Open311Location): void;
}

/** The UK postcode format (outward code, inward code), without spaces. */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** `" cf10  2bh"` → `"CF10 2BH"`; undefined when it is not in the UK postcode format. */
export function normalisePostcode(raw: string): string | undefined {
  const m = POSTCODE.exec(raw.replace(/\s+/g, '').toUpperCase());
  return m ? `${m[1]} ${m[2]}` : undefined;
}

/** The lookup URL: `{postcode}` is replaced (encoded); a template without it gets `postcode=` added. */
export function postcodeUrl(template: string, postcode: string, base = document.baseURI): string {
  if (template.includes('{postcode}')) return new URL(template.replaceAll('{postcode}', encodeURIComponent(postcode)), base).href;
  const url = new URL(template, base);
  url.searchParams.set('postcode', postcode);
  return url.href;
}

type Loose = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

function toAddress(item: unknown): PostcodeAddress | undefined {
  if (!item || typeof item !== 'object') return undefined;
  let o = item as Loose;
  // OS Places wraps each record in its dataset's name.
  const inner = o.DPA ?? o.LPI;
  if (inner && typeof inner === 'object') o = inner as Loose;
  const uprn = text(o.uprn ?? o.UPRN);
  const lines = [o.line_1, o.line_2, o.line_3, o.post_town, o.postcode].map(text).filter((l) => l !== '');
  const address = text(o.address ?? o.ADDRESS ?? o.formatted_address) || lines.join(', ');
  const lat = Number(o.lat ?? o.LAT ?? o.latitude);
  const long = Number(o.lng ?? o.LNG ?? o.long ?? o.lon ?? o.longitude);
  if (uprn === '' || address === '' || !Number.isFinite(lat) || !Number.isFinite(long)) return undefined;
  if (o.lat === undefined && o.LAT === undefined && o.latitude === undefined) return undefined;
  return { uprn, address, lat, long };
}

/** The addresses in a lookup answer; anything unreadable is skipped. */
export function parseAddresses(body: unknown): PostcodeAddress[] {
  const o = body && typeof body === 'object' ? (body as Loose) : {};
  const list = Array.isArray(body) ? body : (o.results ?? o.result ?? o.addresses);
  return Array.isArray(list) ? list.map(toAddress).filter((a): a is PostcodeAddress => a !== undefined) : [];
}

/** The lookup: an empty list for a postcode the service does not know. */
async function lookUp(template: string, postcode: string, signal: AbortSignal): Promise<PostcodeAddress[]> {
  const res = await fetch(postcodeUrl(template, postcode), { signal, headers: { accept: 'application/json' } });
  if (res.status === 404 || res.status === 400) return [];
  if (!res.ok) throw new Error(`address service answered ${res.status}`);
  return parseAddresses(await res.json());
}

/** Renders the postcode field, the address list and their messages inside the map picker. */
export class PostcodeFinder {
  private readonly task: Task<[string], PostcodeAddress[]>;
  /** The validation message under the field. */
  private fieldError?: string;
  /** The UPRN chosen from the list, or `''` for "My address is not listed". */
  private chosen?: string;
  /** The postcode last asked for, and the one of the last answer (normalised). */
  private asked = '';
  private looked = '';
  /** For the live region: a sentence, re-set even when it repeats. */
  private announcement = '';

  constructor(
    private readonly host: PostcodeHost,
    /** Places the pin at the address (the map picker shows its own error if it refuses the place). */
    private readonly choose: (address: PostcodeAddress) => void,
  ) {
    this.task = new Task<[string], PostcodeAddress[]>(host, {
      task: async ([postcode], { signal }) => {
        const found = await lookUp(this.host.geocoder, postcode, signal);
        this.looked = postcode;
        this.chosen = undefined;
        this.announce(found.length === 0 ? noAddresses(postcode) : addressesFound(found.length, postcode));
        return found;
      },
      onError: (e) => {
        this.announce(msg('The address finder is not working right now.', { id: 'map.address-finder-is-not-working-right' }));
        if (!isAbortError(e)) this.host.dispatchEvent(new Open311ErrorEvent(e, 'search'));
      },
      autoRun: false,
    });
  }

  private get input(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>('#postcode');
  }

  private announce(sentence: string): void {
    this.announcement = this.announcement === sentence ? `${sentence}\u00a0` : sentence;
    this.host.requestUpdate();
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    const input = this.input;
    const raw = input?.value ?? '';
    const postcode = normalisePostcode(raw);
    this.fieldError =
      raw.trim() === ''
        ? msg('Enter a postcode', { id: 'map.enter-postcode' })
        : postcode
          ? undefined
          : msg('Enter a full UK postcode, like CF10 1EP', { id: 'map.enter-full-uk-postcode-like-cf10' });
    if (!postcode) {
      this.announce(this.fieldError ?? '');
      input?.focus();
      return;
    }
    if (input) input.value = postcode;
    this.asked = postcode;
    this.announce(msg('Finding addresses…', { id: 'map.finding-addresses' }));
    void this.task.run([postcode]);
  }

  private handleChoice(e: Event): void {
    const uprn = (e.target as HTMLInputElement).value;
    if (uprn === '') {
      this.notListed();
      return;
    }
    const address = this.task.value?.find((a) => a.uprn === uprn);
    if (!address) return;
    // The radio keeps the resident's choice even when the place is refused (outside the area): the
    // map picker's error says why, next to it.
    this.chosen = uprn;
    this.choose(address);
    this.host.requestUpdate();
  }

  /** "My address is not listed": forget an address chosen here, and open "describe the location". */
  private notListed(): void {
    const chosenHere = this.chosen && this.host.addressId === this.chosen;
    this.chosen = '';
    if (chosenHere) {
      this.host.setLocation({});
      this.host.dispatchEvent(new Open311LocationChangeEvent(this.host.location));
    }
    const describe = this.host.renderRoot.querySelector<HTMLDetailsElement>('details[part~="describe"]');
    if (describe) describe.open = true;
    this.announce(msg('Use the map to find the place, or describe where it is.', { id: 'map.use-map-to-find-place-or' }));
  }

  render(): TemplateResult {
    const error = this.fieldError;
    return html`<div class="search">
      <form novalidate @submit=${(e: Event) => this.handleSubmit(e)}>
        <label for="postcode">${msg('Postcode', { id: 'map.postcode' })}</label>
        <p class="hint" id="postcode-hint">${msg('For example, CF10 1EP', { id: 'map.for-example-cf10-1ep' })}</p>
        ${error ? html`<p class="error" id="postcode-error" part="error-message"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${error}</p>` : nothing}
        <div class="search-row">
          <input
            id="postcode"
            part="search-input postcode-input"
            type="text"
            autocomplete="postal-code"
            autocapitalize="characters"
            spellcheck="false"
            aria-describedby=${error ? 'postcode-hint postcode-error' : 'postcode-hint'}
            aria-invalid=${error ? 'true' : 'false'}
          />
          <button type="submit" class="primary" part="search-button">${msg('Find addresses', { id: 'map.find-addresses' })}</button>
        </div>
      </form>
      ${this.task.render({
        pending: () => html`<p class="status">${msg('Finding addresses…', { id: 'map.finding-addresses' })}</p>`,
        error: () => html`<p class="error">
          ${msg('The address finder is not working right now. Try again, or use the map or describe the location instead.', { id: 'map.address-finder-is-not-working-right-2' })}
          <button type="button" class="secondary" @click=${() => void this.task.run([this.asked])}>${msg('Try again', { id: 'map.try-again' })}</button>
        </p>`,
        complete: (found) => (found.length === 0 ? this.renderNone() : this.renderList(found)),
      })}
      ${this.chosen === '' ? html`<p class="hint">${msg('Use the map to find the place, or describe where it is.', { id: 'map.use-map-to-find-place-or' })}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderNone(): TemplateResult {
    return html`<p class="error">
      ${noAddresses(this.looked)}
      <button type="button" class="secondary" @click=${() => this.notListed()}>${msg('Describe the location instead', { id: 'map.describe-location-instead' })}</button>
    </p>`;
  }

  private renderList(found: readonly PostcodeAddress[]): TemplateResult {
    return html`<p class="status">${addressesFound(found.length, this.looked)}</p>
      <fieldset part="results">
      <legend>${msg('Select your address', { id: 'map.select-your-address' })}</legend>
      ${found.map(
        (a, i) => html`<div class="choice">
          <input type="radio" id="postcode-address-${i}" name="postcode-address" .value=${a.uprn} .checked=${a.uprn === this.chosen} @change=${(e: Event) => this.handleChoice(e)} />
          <label for="postcode-address-${i}">${a.address}</label>
        </div>`,
      )}
      <div class="choice">
        <input type="radio" id="postcode-address-none" name="postcode-address" .value=${''} .checked=${this.chosen === ''} @change=${(e: Event) => this.handleChoice(e)} />
        <label for="postcode-address-none">${msg('My address is not listed', { id: 'map.my-address-is-not-listed' })}</label>
      </div>
    </fieldset>`;
  }
}

function noAddresses(postcode: string): string {
  return msg(str`No addresses found for ${postcode}. Check the postcode, or use the map or describe the location instead.`, {
    id: 'map.no-addresses-found-for-check-postcode',
  });
}

/** Count sentences through the locale's plural rules (Welsh has six forms). */
function addressesFound(n: number, postcode: string): string {
  return plural(n, {
    zero: () => msg(str`${n} addresses found for ${postcode}.`, { id: 'map.addresses.found.zero' }),
    one: () => msg(str`${n} address found for ${postcode}.`, { id: 'map.addresses.found.one' }),
    two: () => msg(str`${n} addresses found for ${postcode}.`, { id: 'map.addresses.found.two' }),
    few: () => msg(str`${n} addresses found for ${postcode}.`, { id: 'map.addresses.found.few' }),
    many: () => msg(str`${n} addresses found for ${postcode}.`, { id: 'map.addresses.found.many' }),
    other: () => msg(str`${n} addresses found for ${postcode}.`, { id: 'map.addresses.found.other' }),
  });
}
