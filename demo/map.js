// The map picker demo: points the element at the local Open311 server (port 8311, see demo/serve.mjs)
// and its geocoder, and shows what the page receives.
import { Open311Client } from '/dist/open311.js';

const params = new URLSearchParams(location.search);
const picker = document.getElementById('picker');
// The page names the local server (demo/serve.mjs points it at the running one); ?server= overrides.
const server = params.get('server') ?? new URL(picker.getAttribute('endpoint')).origin;
if (params.has('server')) {
  picker.setAttribute('endpoint', `${server}/open311/v2/`);
  picker.setAttribute('geocoder', `${server}/geocoder/search?q={query}&format=jsonv2`);
}
if (params.has('on-demand')) {
  picker.setAttribute('map-on-demand', '');
  const mode = document.getElementById('mode');
  mode.href = '?';
  mode.textContent = 'Show the map straight away';
}

picker.addEventListener('open311-location-change', (e) => {
  document.getElementById('detail').textContent = JSON.stringify(e.detail, null, 2);
});

document.getElementById('service').addEventListener('change', (e) => {
  if (e.target.value) picker.setAttribute('service-code', e.target.value);
  else picker.removeAttribute('service-code');
});

// Demo only: fill the local server with reports around the centre, to see clusters and the list.
document.getElementById('samples').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  button.disabled = true;
  const client = new Open311Client({ endpoint: `${server}/open311/v2/` });
  const codes = ['LGT-02', 'DRN-01', 'BIN OVERFLOW'];
  for (let i = 0; i < 60; i++) {
    const lat = 51.4545 + (Math.random() - 0.5) * 0.01;
    const long = -2.5879 + (Math.random() - 0.5) * 0.016;
    const serviceCode = codes[i % codes.length];
    const attributes = serviceCode === 'LGT-02' ? { PRIVATE: 'NO', FAULT: 'OUT', asset_id: `SL-${String(1 + (i % 120)).padStart(4, '0')}` } : {};
    await client.submitRequest({ serviceCode, lat, long, description: `Sample report ${i + 1}`, attributes });
  }
  // Street light reports are batch (token) requests: the server shows them a couple of seconds later.
  button.textContent = 'Sample reports added: place the pin again to see them';
});
