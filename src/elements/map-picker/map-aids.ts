import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PickerMap } from '../../map/picker-map.js';
import { parseReverse, reverseUrl } from './geocoder.js';
import { coordinatesInWords } from './coordinates.js';

/**
 * What makes the map usable by ear (issue 19, "a map that speaks"): the crosshair's place said as the
 * map moves by keyboard, the pin's name, and the report chosen on the map or in the list. Comes with
 * around.ts (the byte budget: none of it is on the first screen).
 */

/** What the aids read and call on `<open311-map-picker>` (its fields are private to it). */
export interface AidsHost extends ReactiveControllerHost, HTMLElement {
  readonly geocoder: string;
  readonly reverseGeocoder: string | undefined;
  readonly pickerMap: PickerMap | undefined;
  announce(text: string): void;
}

/**
 * Moves focus to the map's box (`wrap`), or to the map in it once there is one, unless the resident
 * has already gone elsewhere: only while focus is on the box or lost to <body> (the button pressed has gone).
 */
export function holdFocus(wrap: HTMLElement | null, map?: { focus(): void }): void {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (wrap && (active === wrap || active === document.body || active === null)) (map ?? wrap).focus();
}

/** The pin's accessible name: where it is, and how to move it without a mouse (maplibre's own says nothing of either). */
export function pinLabel(where: string): string {
  return msg(str`Pin at ${where}. To move it by keyboard, press Enter, move the map with the arrow keys, then press Enter again.`, {
    id: 'map.pin-at-to-move-it-by-keyboard',
  });
}

/**
 * Says, politely and at most once a `interval`, the street or place under the crosshair while the map
 * moves by keyboard: from the reverse geocoder when there is one (a newer position aborts the lookup
 * of an older one), else the coordinates in words. The last position is always said, once the
 * interval allows. One request a second at most also keeps within Nominatim's usage policy.
 */
export class CrosshairSpeaker implements ReactiveController {
  /** The least time between two announcements (and two lookups), in milliseconds. */
  interval = 1000;
  private readonly host: AidsHost;
  private lookedAt = -Infinity;
  private saidAt = -Infinity;
  private timer?: number;
  private lookup?: AbortController;
  private target?: { lat: number; long: number };

  constructor(host: AidsHost) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    this.lookup?.abort();
    this.target = undefined;
  }

  /** The map came to rest with its centre here, moved by keyboard. */
  moved(lat: number, long: number): void {
    this.target = { lat, long };
    // A call already waiting will say the newest position.
    if (this.timer === undefined) this.after(this.lookedAt, () => this.speak());
  }

  /** Runs `fn` once `interval` has passed since `since` (at once if it has). */
  private after(since: number, fn: () => void): void {
    const wait = since + this.interval - performance.now();
    if (wait <= 0) return fn();
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      fn();
    }, wait);
  }

  private speak(): void {
    const target = this.target;
    if (!target) return;
    this.lookedAt = performance.now();
    this.lookup?.abort();
    const say = (place: string): void => {
      // Still the newest position (a newer one aborts this lookup, or waits for its own turn).
      if (this.target !== target) return;
      this.after(this.saidAt, () => {
        // The map moved on meanwhile (moved() left it to this timer): look the new place up instead.
        if (this.target !== target) return this.after(this.lookedAt, () => this.speak());
        this.saidAt = performance.now();
        this.host.announce(msg(str`Crosshair at ${place}.`, { id: 'map.crosshair-at' }));
      });
    };
    const url = reverseUrl(this.host.reverseGeocoder, this.host.geocoder, target.lat, target.long);
    if (!url) return say(coordinatesInWords(target.lat, target.long));
    const lookup = (this.lookup = new AbortController());
    fetch(url, { signal: lookup.signal, headers: { accept: 'application/json' } })
      .then(async (res) => (res.ok ? parseReverse(await res.json()) : undefined))
      .catch(() => undefined)
      .then((found) => {
        if (!lookup.signal.aborted) say(found?.label ?? coordinatesInWords(target.lat, target.long));
      });
  }
}

/** The report chosen on the map (its dot) or in the "already reported?" list: both show it. */
export class ReportSelection implements ReactiveController {
  /** The chosen report's id, or undefined. */
  id?: string;
  private readonly host: AidsHost;

  constructor(host: AidsHost) {
    this.host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    this.host.pickerMap?.setSelectedReport(this.id);
  }

  /** Chooses a report (or none); `fromMap` also brings its list entry into view and says what it is. */
  select(id: string | undefined, fromMap = false): void {
    this.id = id;
    this.host.requestUpdate();
    if (!fromMap || id === undefined) return;
    void this.host.updateComplete.then(() => {
      const entry = this.host.shadowRoot?.querySelector<HTMLElement>(`[data-report="${CSS.escape(id)}"]`);
      if (!entry) return;
      entry.scrollIntoView({ block: 'nearest' });
      const report = (entry.textContent ?? '').replace(/\s+/g, ' ').trim();
      this.host.announce(msg(str`Selected report: ${report}`, { id: 'map.selected-report' }));
    });
  }
}
