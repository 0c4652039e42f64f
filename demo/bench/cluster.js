// Bench page (scripts/bench.mjs): `<open311-map-picker>` showing `?n=` recent reports around the
// centre, from a fake client (`.client` with a `requests()` that answers at once), pin at the centre
// placed once the map is there.
// `window.benchReady()` resolves when the reports are drawn. Nothing here is part of the widget.
import { loadElement } from '/dist/open311-elements.js';
import { toServiceRequests } from '/dist/open311.js';

const n = Number(new URLSearchParams(location.search).get('n') ?? 10000);
const CENTRE = { lat: 51.4545, long: -2.5879 };
const STATUSES = ['open', 'open', 'in_progress', 'closed'];
// A steady spread (no Math.random): the same reports in every run.
const raw = Array.from({ length: n }, (_, i) => {
  const a = i * 2.399963; // golden angle: an even disc
  const r = Math.sqrt(i / Math.max(n, 1));
  return {
    service_request_id: `B-${i}`,
    status: STATUSES[i % STATUSES.length],
    service_code: i % 2 ? 'PTH-01' : 'LGT-02',
    service_name: i % 2 ? 'Pothole' : 'Street light not working',
    description: `Bench report ${i}`,
    requested_datetime: '2026-11-20T08:15:00+00:00',
    lat: CENTRE.lat + r * 0.009 * Math.sin(a),
    long: CENTRE.long + r * 0.0145 * Math.cos(a),
  };
});
const requests = toServiceRequests(raw);

const picker = document.getElementById('picker');
// The fake client: only what the picker calls for nearby reports.
picker.client = { requests: async () => requests };

/**
 * Resolves when the map has drawn the reports: through the picker's map object (private, reached
 * here for the bench only) when it is there, else after the nearby list has rendered.
 */
window.benchReady = async () => {
  await customElements.whenDefined('open311-map-picker');
  const deadline = performance.now() + 60000;
  for (;;) {
    const map = picker.pickerMap?.map;
    if (map?.loaded?.() && map.getSource('open311-nearby') && (n === 0 || map.querySourceFeatures('open311-nearby').length > 0)) {
      await new Promise((resolve) => (map.loaded() && !map.isMoving() ? resolve() : map.once('idle', resolve)));
      const shown = map.queryRenderedFeatures({ layers: ['open311-nearby-clusters', 'open311-nearby-points'] });
      return { clusters: shown.filter((f) => f.properties.cluster).length, points: shown.filter((f) => !f.properties.cluster).length };
    }
    if (performance.now() > deadline) throw new Error('the map did not draw the reports within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

await loadElement('open311-map-picker');
await picker.updateComplete;
// The pin goes in once the map is there: a pin set before would start the map at street level
// (zoom 17, hardly any clusters); this keeps the page's zoom 14.
for (let i = 0; !picker.shadowRoot.querySelector('canvas') && i < 1200; i++) await new Promise((resolve) => setTimeout(resolve, 50));
picker.lat = CENTRE.lat;
picker.long = CENTRE.long;
