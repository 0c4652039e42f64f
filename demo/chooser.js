// The service chooser and the report form on a plain council page, against the local Open311 server
// (`npm start`). The payload shown is the client's own encoding of the form's value.
// The elements are registered by open311-service-chooser.js, which the page loads in its head
// (open311-elements.js with the chooser's first screen in the same file, as this page starts with
// it). The client comes from the same file: the one the elements use, not a second copy.
import { clientFor, isOpen311Error } from '/dist/open311-service-chooser.js';

// The endpoint is written in the page (demo/serve.mjs points it at the local server).
const endpoint = document.getElementById('chooser').getAttribute('endpoint');
const client = clientFor({ endpoint });
// The map is another element's job: this page reports at the town hall.
const where = { lat: 51.5072, long: -0.1276 };

const chooser = document.getElementById('chooser');
const form = document.getElementById('form');
const payload = document.getElementById('payload');
const fields = document.getElementById('fields');
const result = document.getElementById('result');

chooser.client = client;
form.client = client;

function request() {
  return { ...form.value, ...where };
}

function show() {
  const body = client.postFields(request());
  payload.textContent = body.toString();
  fields.textContent = [...body].map(([k, v]) => `${k} = ${v}`).join('\n');
}

chooser.addEventListener('open311-service-change', (e) => {
  form.service = e.detail.service;
  form.hidden = false;
  result.textContent = '';
  show();
  // The form's code comes when it is first shown: show its value again once it has drawn.
  customElements
    .whenDefined('open311-report-form')
    .then(() => form.updateComplete)
    .then(show);
});
form.addEventListener('open311-form-change', show);
form.addEventListener('open311-submit', async () => {
  show();
  result.textContent = 'Sending…';
  try {
    const sent = await client.submitRequest(request());
    result.textContent = sent.id
      ? `Sent: the council's reference is ${sent.id}.`
      : sent.token
        ? `Sent: the council will give a reference soon (token ${sent.token}).`
        : 'Sent.';
  } catch (e) {
    result.textContent = 'Not sent: see the errors at the top of the form.';
    if (isOpen311Error(e)) form.showServerErrors(e);
  }
});
