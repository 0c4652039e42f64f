// Bench page (scripts/bench.mjs): `<open311-service-chooser>` given `?n=` generated services as
// `.serviceList`; `window.benchFilter(queries)` types each query one character at a time and times
// every keystroke. Nothing here is part of the widget.
import { loadElement } from '/dist/open311-elements.js';
import { toServices } from '/dist/open311.js';

const n = Number(new URLSearchParams(location.search).get('n') ?? 1000);
const WHAT = [
  'Pothole',
  'Broken street light',
  'Fly-tipping',
  'Blocked drain',
  'Overflowing bin',
  'Graffiti',
  'Abandoned vehicle',
  'Dog fouling',
  'Damaged sign',
  'Overgrown hedge',
  'Broken bench',
  'Icy pavement',
  'Noise',
  'Dead animal',
  'Leaking hydrant',
  'Cracked kerb',
  'Missing drain cover',
  'Faded road markings',
  'Fallen tree',
  'Broken bollard',
];
const WHERE = [
  'on a road',
  'on a pavement',
  'in a park',
  'in a car park',
  'by a school',
  'on a cycle path',
  'in an alley',
  'on a bridge',
  'at a bus stop',
  'on a verge',
];
const GROUPS = [
  'Roads',
  'Street lighting',
  'Waste and recycling',
  'Drains and flooding',
  'Parks and trees',
  'Anti-social behaviour',
  'Pavements',
  'Signs and markings',
  'Animals',
  'Other street problems',
  'Vehicles',
  'Water',
  'Noise and nuisance',
  'Bridges',
  'Cycle paths',
  'Car parks',
  'Schools',
  'Bus stops',
  'Trees',
  'Public toilets',
];

const raw = Array.from({ length: n }, (_, i) => ({
  service_code: `SVC-${String(i).padStart(4, '0')}`,
  service_name: `${WHAT[i % WHAT.length]} ${WHERE[Math.floor(i / WHAT.length) % WHERE.length]} (${i})`,
  description: `Report a ${WHAT[i % WHAT.length].toLowerCase()} ${WHERE[(i * 7) % WHERE.length]}. We aim to inspect within ${1 + (i % 10)} working days.`,
  metadata: i % 3 === 0,
  type: 'realtime',
  keywords: i % 11 === 0 ? 'urgent' : '',
  group: GROUPS[i % GROUPS.length],
}));

const chooser = document.createElement('open311-service-chooser');
chooser.serviceList = toServices(raw);
document.getElementById('main').append(chooser);
await loadElement('open311-service-chooser');
await chooser.updateComplete;

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Per keystroke: input → updateComplete; → updateComplete and a forced layout; → the next frame. */
window.benchFilter = async (queries) => {
  const input = chooser.shadowRoot.querySelector('input[type=search]');
  const count = chooser.shadowRoot.querySelector('#count');
  const samples = { update: [], layout: [], frame: [], shown: [] };
  for (const query of queries) {
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await chooser.updateComplete;
    await frame();
    for (let i = 1; i <= query.length; i++) {
      input.value = query.slice(0, i);
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await chooser.updateComplete;
      const t1 = performance.now();
      count.getBoundingClientRect(); // style and layout of what changed, now
      const t2 = performance.now();
      await frame();
      samples.update.push(t1 - t0);
      samples.layout.push(t2 - t0);
      samples.frame.push(performance.now() - t0);
    }
    samples.shown.push(chooser.shadowRoot.querySelectorAll('input[type=radio]').length);
  }
  return samples;
};
/** With a search matching every service, presses "Show all" (a catalogue of over 100 shows its first matches): time to rendered and laid out. */
window.benchShowAll = async () => {
  const input = chooser.shadowRoot.querySelector('input[type=search]');
  input.value = 'report';
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await chooser.updateComplete;
  await frame();
  const button = chooser.shadowRoot.querySelector('[part=show-all-button]');
  if (!button) return undefined;
  const t0 = performance.now();
  button.click();
  await chooser.updateComplete;
  chooser.shadowRoot.querySelector('#count').getBoundingClientRect();
  const ms = performance.now() - t0;
  return { ms, shown: chooser.shadowRoot.querySelectorAll('input[type=radio]').length };
};
window.benchReady = true;
/**
 * The group view (over 20 services, issue 19): with the search box empty, opens each of the first
 * five groups (a click on its button) and goes back; each time to rendered and laid out.
 */
window.benchGroups = async () => {
  const input = chooser.shadowRoot.querySelector('input[type=search]');
  input.value = '';
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await chooser.updateComplete;
  await frame();
  const count = chooser.shadowRoot.querySelectorAll('[part=group-button]').length;
  if (count === 0) return undefined;
  const samples = { groups: count, open: [], back: [], shown: [] };
  for (let i = 0; i < Math.min(5, count); i++) {
    let t0 = performance.now();
    chooser.shadowRoot.querySelectorAll('[part=group-button]')[i].click();
    await chooser.updateComplete;
    chooser.shadowRoot.querySelector('#count').getBoundingClientRect();
    samples.open.push(performance.now() - t0);
    samples.shown.push(chooser.shadowRoot.querySelectorAll('input[type=radio]').length);
    await frame();
    t0 = performance.now();
    chooser.shadowRoot.querySelector('[part=groups-back-button]').click();
    await chooser.updateComplete;
    chooser.shadowRoot.querySelector('#count').getBoundingClientRect();
    samples.back.push(performance.now() - t0);
    await frame();
  }
  return samples;
};
