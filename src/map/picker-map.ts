/// <reference types="geojson" />
import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MaplibreMap, MapMouseEvent, Marker, StyleSpecification } from 'maplibre-gl';
import type { GeoJson, GeoJsonFeatureCollection } from './geo.js';

/**
 * The map of `<open311-map-picker>`: the one module that loads maplibre-gl, and only when a map is
 * about to be shown (the element imports this file with `import()`). Everything the resident sees in
 * words (search, lists, messages) lives in the element; this holds only what needs WebGL.
 */

/** What the map tells the element. Coordinates in WGS84 degrees. */
export interface PickerMapCallbacks {
  /** The resident clicked/tapped the map, pressed Enter or Space on it, or dropped the dragged pin. */
  onPick(lat: number, long: number, how: 'click' | 'keyboard' | 'drag'): void;
  /** The resident clicked an asset (street light, bin…) on the asset layer. */
  onAssetPick(id: string): void;
  /** The resident clicked a report's dot: it is selected (its list entry too); the pin stays where it is. */
  onReportPick?(id: string): void;
  /** The map finished moving by keyboard (arrows, + and −); the centre (the crosshair) is given. */
  onKeyboardMove?(lat: number, long: number): void;
}

/** How to build the map. Strings arrive already translated (the element owns every `msg()`). */
export interface PickerMapOptions extends PickerMapCallbacks {
  /** An element inside the picker's shadow root; the map fills it. */
  container: HTMLElement;
  /** The shadow root that receives maplibre's stylesheet. */
  root: ShadowRoot;
  /** A style URL (resolved against the page) or a style object. */
  style: string | object;
  center: { lat: number; long: number };
  zoom: number;
  /** `[south, west, north, east]`; when set, the map starts fitted to it. */
  bounds?: readonly [number, number, number, number];
  /** maplibre's UI strings (`Map.Title`, `Marker.Title`, `NavigationControl.ZoomIn`…). */
  locale: Record<string, string>;
  /** The id of the element (in the same shadow root) that says how to use the map by keyboard. */
  describedBy?: string;
}

/** Colours of the nearby reports by stage (received, in progress, done): distinct also for colour-blind eyes. */
const STAGE_COLOURS = ['match', ['get', 'stage'], 'received', '#d4351c', 'in_progress', '#f47738', 'done', '#00703c', '#505a5f'];
const EMPTY: GeoJsonFeatureCollection = { type: 'FeatureCollection', features: [] };

/** The default style: OpenStreetMap's raster tiles, no API key, with the attribution OSM requires. */
export const OSM_STYLE = {
  version: 8,
  sources: {
    osm: {
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>',
    },
  },
  layers: [{ id: 'osm', type: 'raster', source: 'osm' }],
};

/** A created map; `destroy()` it when the element leaves the page. */
export class PickerMap {
  /** The maplibre map, for tests and for pages that want to add layers of their own. */
  readonly map: MaplibreMap;
  private readonly lib: typeof import('maplibre-gl');
  private readonly options: PickerMapOptions;
  private marker?: Marker;
  private assetIdProperty = 'id';
  private readonly loaded: Promise<void>;
  private pending: (() => void)[] = [];

  private constructor(lib: typeof import('maplibre-gl'), options: PickerMapOptions) {
    this.lib = lib;
    this.options = options;
    const { center, zoom, bounds } = options;
    this.map = new lib.Map({
      container: options.container,
      style: typeof options.style === 'string' ? new URL(options.style, document.baseURI).href : (options.style as StyleSpecification),
      center: [center.long, center.lat],
      zoom,
      ...(bounds ? { bounds: [bounds[1], bounds[0], bounds[3], bounds[2]] as [number, number, number, number] } : {}),
      locale: options.locale,
      // Rotation and pitch only confuse a location picker.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: true },
    });
    this.map.keyboard.disableRotation();
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
    // A tile that fails (offline, blocked) leaves a gap but the map works: keep the console quiet.
    // Anything else (a broken style) is worth a warning for the page's developer.
    this.map.on('error', (e) => {
      const where = e as { tile?: unknown; sourceId?: string };
      if (!where.tile && !where.sourceId) console.warn('open311-map-picker: map error', e.error);
    });
    this.map.on('click', this.handleClick);
    this.map.on('moveend', this.handleMoveEnd);
    const canvas = this.map.getCanvas();
    canvas.addEventListener('keydown', this.handleKeydown);
    // maplibre gives the canvas role=region: in browse mode a screen reader reads past a region and keeps
    // the arrow keys for itself, so the map never moves (issue 19). role=application hands every key to
    // the map while it has focus (the WAI-ARIA role for a widget that handles its own keys; the advice
    // of Leaflet's and MapML's accessibility work, maplibre-gl-js#364, and toiletmap's NVDA testing),
    // and aria-describedby points at the visible instructions, which say which keys do what.
    canvas.setAttribute('role', 'application');
    if (options.describedBy) canvas.setAttribute('aria-describedby', options.describedBy);
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.loaded.then(() => this.addLayers());
  }

  /** Loads maplibre and its stylesheet (once per page), adopts the sheet and creates the map. */
  static async create(options: PickerMapOptions): Promise<PickerMap> {
    const [lib, sheet] = await Promise.all([import('maplibre-gl'), import('./maplibre-css.js').then((m) => m.maplibreSheet())]);
    if (!options.root.adoptedStyleSheets.includes(sheet)) {
      options.root.adoptedStyleSheets = [...options.root.adoptedStyleSheets, sheet];
    }
    return new PickerMap(lib, options);
  }

  /** Resolves once the style and our layers are in place. */
  whenLoaded(): Promise<void> {
    return this.loaded.then(() => undefined);
  }

  /** Moves focus to the map (after "Show map": keyboard users go on from where they asked for it). */
  focus(): void {
    this.map.getCanvas().focus();
  }

  /** Moves (or creates) the pin; `fly` also brings it into view; `label` is its accessible name (where it is, how to move it). */
  setPin(lat: number, long: number, fly = false, label?: string): void {
    if (!this.marker) {
      this.marker = new this.lib.Marker({ draggable: true, color: '#d4351c' }).setLngLat([long, lat]).addTo(this.map);
      const pin = this.marker.getElement();
      pin.classList.add('open311-pin');
      // maplibre makes a draggable pin a button, which a keyboard cannot drag: Enter or Space on it centres
      // the map on it and focuses the map, where the arrow keys move the crosshair and Enter places the pin.
      pin.addEventListener('keydown', (e) => {
        const at = this.marker?.getLngLat();
        if ((e.key !== 'Enter' && e.key !== ' ') || !at) return;
        e.preventDefault();
        this.map.jumpTo({ center: at });
        this.focus();
      });
      this.marker.on('dragend', () => {
        const p = this.marker?.getLngLat();
        if (p) this.options.onPick(p.lat, p.lng, 'drag');
      });
    } else {
      this.marker.setLngLat([long, lat]);
    }
    // Our own name, not maplibre's fixed Marker.Title (which could only say "drag it").
    if (label) this.marker.getElement().setAttribute('aria-label', label);
    if (fly) this.flyTo(lat, long);
  }

  /** Removes the pin (the resident chose to describe the place in words). */
  clearPin(): void {
    this.marker?.remove();
    this.marker = undefined;
  }

  /** Centres the map on a point, zooming in to street level if it is further out. */
  flyTo(lat: number, long: number, zoom = Math.max(this.map.getZoom(), 17)): void {
    this.map.jumpTo({ center: [long, lat], zoom });
  }

  /** The centre of the view (where the crosshair is). */
  centre(): { lat: number; long: number } {
    const c = this.map.getCenter();
    return { lat: c.lat, long: c.lng };
  }

  /** The council's boundary, drawn as an outline. */
  setBoundary(geojson: GeoJson | undefined): void {
    this.whenReady(() => void this.source('open311-boundary')?.setData((geojson ?? EMPTY) as GeoJSONSourceSpecification['data'] & object));
  }

  /** Recent reports around the pin; each feature carries `stage` (received, in_progress, done). */
  setNearby(data: GeoJsonFeatureCollection): void {
    this.whenReady(() => void this.source('open311-nearby')?.setData(data as GeoJSONSourceSpecification['data'] & object));
  }

  /** The council's assets; `idProperty` names the feature property holding each asset's id. */
  setAssets(data: GeoJson | undefined, idProperty: string): void {
    this.assetIdProperty = idProperty;
    this.whenReady(() => {
      this.source('open311-assets')?.setData((data ?? EMPTY) as GeoJSONSourceSpecification['data'] & object);
      this.setSelectedAsset(undefined);
    });
  }

  /** Highlights one asset (or none). */
  setSelectedAsset(id: string | undefined): void {
    this.whenReady(() => {
      if (!this.map.getLayer('open311-asset-selected')) return;
      this.map.setFilter('open311-asset-selected', ['==', ['to-string', ['get', this.assetIdProperty]], id ?? '\u0000none']);
    });
  }

  /** Highlights one report's dot (or none): the one chosen on the map or in the list. */
  setSelectedReport(id: string | undefined): void {
    this.whenReady(() => {
      if (!this.map.getLayer('open311-nearby-selected')) return;
      this.map.setFilter('open311-nearby-selected', ['all', ['!', ['has', 'point_count']], ['==', ['to-string', ['get', 'id']], id ?? '\u0000none']]);
    });
  }

  /** Stops the map and frees its WebGL context. */
  destroy(): void {
    this.map.getCanvas().removeEventListener('keydown', this.handleKeydown);
    this.map.off('moveend', this.handleMoveEnd);
    this.map.remove();
  }

  private whenReady(fn: () => void): void {
    if (this.map.getSource('open311-nearby')) fn();
    else this.pending.push(fn);
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  private addLayers(): void {
    const map = this.map;
    map.addSource('open311-boundary', { type: 'geojson', data: EMPTY as GeoJSONSourceSpecification['data'] });
    map.addLayer({
      id: 'open311-boundary-line',
      type: 'line',
      source: 'open311-boundary',
      paint: { 'line-color': '#0b0c0c', 'line-width': 3, 'line-dasharray': [2, 1] },
    });
    // Clustering in maplibre's worker keeps 10,000 reports smooth with no extra library.
    map.addSource('open311-nearby', {
      type: 'geojson',
      data: EMPTY as GeoJSONSourceSpecification['data'],
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: 17,
    });
    map.addLayer({
      id: 'open311-nearby-clusters',
      type: 'circle',
      source: 'open311-nearby',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#505a5f',
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 20, 1000, 26],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    // Counts on clusters need glyphs; only styles that have them get the numbers.
    if (map.getStyle().glyphs) {
      map.addLayer({
        id: 'open311-nearby-count',
        type: 'symbol',
        source: 'open311-nearby',
        filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 12 },
        paint: { 'text-color': '#ffffff' },
      });
    }
    map.addLayer({
      id: 'open311-nearby-points',
      type: 'circle',
      source: 'open311-nearby',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': STAGE_COLOURS as unknown as string, // a data-driven expression
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    // The selected report: a ring around its dot, drawn wider than the dot so it shows whatever the stage colour.
    map.addLayer({
      id: 'open311-nearby-selected',
      type: 'circle',
      source: 'open311-nearby',
      filter: ['==', ['get', 'id'], '\u0000none'],
      paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 11, 'circle-stroke-color': '#0b0c0c', 'circle-stroke-width': 4 },
    });
    map.on('mouseenter', 'open311-nearby-points', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'open311-nearby-points', () => (map.getCanvas().style.cursor = ''));
    map.addSource('open311-assets', { type: 'geojson', data: EMPTY as GeoJSONSourceSpecification['data'] });
    map.addLayer({
      id: 'open311-assets',
      type: 'circle',
      source: 'open311-assets',
      paint: { 'circle-color': '#ffdd00', 'circle-radius': 6, 'circle-stroke-color': '#0b0c0c', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: 'open311-asset-selected',
      type: 'circle',
      source: 'open311-assets',
      filter: ['==', 'id', '\u0000none'],
      paint: { 'circle-color': '#1d70b8', 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    });
    map.on('mouseenter', 'open311-assets', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'open311-assets', () => (map.getCanvas().style.cursor = ''));
    for (const fn of this.pending.splice(0)) fn();
  }

  private readonly handleClick = (e: MapMouseEvent): void => {
    // A little slack around the pointer: an asset dot is small under a finger.
    const { x, y } = e.point;
    const near = (layer: string) =>
      this.map.getLayer(layer)
        ? this.map.queryRenderedFeatures(
            [
              [x - 8, y - 8],
              [x + 8, y + 8],
            ],
            { layers: [layer] },
          )
        : [];
    const id: unknown = near('open311-assets')[0]?.properties?.[this.assetIdProperty];
    // As in assetsOf(): an asset id is a string or a number.
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') {
      this.options.onAssetPick(String(id));
      return;
    }
    // A report's dot selects that report (issue 19: a click on a duplicate used to move the pin onto it).
    const report: unknown = this.options.onReportPick ? near('open311-nearby-points')[0]?.properties?.id : undefined;
    if ((typeof report === 'string' && report !== '') || typeof report === 'number') {
      this.options.onReportPick?.(String(report));
      return;
    }
    this.options.onPick(e.lngLat.lat, e.lngLat.lng, 'click');
  };

  private readonly handleMoveEnd = (e: { originalEvent?: unknown }): void => {
    // maplibre's keyboard handler passes its KeyboardEvent on (easeTo's eventData): only those moves are spoken.
    if (!(e.originalEvent instanceof KeyboardEvent)) return;
    const c = this.centre();
    this.options.onKeyboardMove?.(c.lat, c.long);
  };

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    const c = this.centre();
    this.options.onPick(c.lat, c.long, 'keyboard');
  };
}
