// <open311-status-tracker> on a council page: one report (by id, token or a typed reference) and
// "my reports", against the local Open311 server (`npm start`). The buttons send test reports the
// way <open311-report> would, and record them in "my reports" with the same helper.
import { clientFor, isOpen311Error } from '/dist/open311.js';
import { addMyReport } from '/dist/index.js'; // the package's entry (the drop-in leaves "my reports" out)

const tracker = document.getElementById('tracker');
const mine = document.getElementById('mine');
const status = document.getElementById('demo-status');
const events = document.getElementById('events');

// The endpoint is written in the page (static.mjs points it at a test server); a page opened as
// http://localhost:8000/ talks to the Open311 server on the same host name.
const written = new URL(tracker.getAttribute('endpoint'));
if (written.hostname === '127.0.0.1' && written.port === '8311' && location.hostname && location.hostname !== '127.0.0.1') {
  written.hostname = location.hostname;
}
const endpoint = written.href;
for (const el of [tracker, mine]) el.setAttribute('endpoint', endpoint);
document.getElementById('admin-link').href = new URL('/admin', endpoint).href;
const client = clientFor({ endpoint });

// track.html?id=123 or ?token=abc: follow that report straight away.
const params = new URLSearchParams(location.search);
if (params.get('id')) tracker.setAttribute('request-id', params.get('id'));
else if (params.get('token')) tracker.setAttribute('token', params.get('token'));

/** Shows one report in the tracker, and keeps the address in step so a reload finds it again. */
function follow({ id, token }) {
  tracker.removeAttribute('request-id');
  tracker.removeAttribute('token');
  if (id) tracker.setAttribute('request-id', id);
  else if (token) tracker.setAttribute('token', token);
  const url = new URL(location.href);
  url.search = id ? `?id=${encodeURIComponent(id)}` : token ? `?token=${encodeURIComponent(token)}` : '';
  history.replaceState(null, '', url);
}

async function send(serviceCode, serviceName, attributes) {
  status.textContent = 'Sending a test report…';
  try {
    const sent = await client.submitRequest({
      serviceCode,
      lat: 51.4545,
      long: -2.5879,
      description: `Test report sent from the tracker demo at ${new Date().toLocaleTimeString('en-GB')}.`,
      attributes,
    });
    addMyReport({ id: sent.id, token: sent.token, serviceCode, serviceName, endpoint });
    follow(sent);
    status.textContent = sent.id ? `Sent: reference ${sent.id}.` : `Sent: the server answered with token ${sent.token}; the tracker waits for a reference.`;
    // "My reports" reads the list when it (re)loads: ask it to check again.
    mine.refresh?.();
  } catch (e) {
    status.textContent = `Not sent: ${isOpen311Error(e) ? e.message : String(e)}`;
  }
}

document.getElementById('send-realtime').addEventListener('click', () => send('PTH-01', 'Pothole', { DEPTH: 'DEEP' }));
document.getElementById('send-batch').addEventListener('click', async () => {
  // Street lights need the answers the server's definition asks for; take the first allowed value.
  const definition = await client.serviceDefinition('LGT-02').catch(() => undefined);
  const attributes = {};
  for (const a of definition?.attributes ?? []) {
    if (!a.required || !a.variable || a.automated) continue;
    attributes[a.code] = a.values.find((v) => !v.disableMessage)?.key ?? 'Test';
  }
  await send('LGT-02', 'Street light not working', attributes);
});
document.getElementById('lookup').addEventListener('click', () => {
  follow({});
  tracker.scrollIntoView({ block: 'start' });
});

for (const name of ['open311-status-change', 'open311-error']) {
  document.addEventListener(name, (e) => {
    const li = document.createElement('li');
    li.textContent =
      name === 'open311-status-change'
        ? `${new Date().toLocaleTimeString('en-GB')}: report ${e.detail.request.id} changed from “${e.detail.previousStatus}” to “${e.detail.request.status}”.`
        : `${new Date().toLocaleTimeString('en-GB')}: ${e.detail.during}: ${e.detail.error.message}`;
    events.prepend(li);
  });
}
