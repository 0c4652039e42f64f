import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/report-form/report-form.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import { fieldOfServerError, toIsoDateTime, validateEmail, validatePhone } from '../../src/elements/report-form/fields.js';
import { Open311Client } from '../../src/open311/client.js';
import { Open311Error, isOpen311Error } from '../../src/open311/errors.js';
import type { AttributeValue, Service, ServiceAttribute, ServiceDefinition } from '../../src/open311/models.js';
import { endpoints, until } from '../helpers/servers.js';
import { onAWelshPage } from '../helpers/welsh-page.js';

function attr(code: string, datatype: string, extra: Partial<ServiceAttribute> = {}): ServiceAttribute {
  return { code, variable: true, datatype, required: false, description: `Question ${code}`, values: [], raw: null, ...extra };
}
const vals = (...keys: string[]): AttributeValue[] => keys.map((k) => ({ key: k, name: `Name ${k}` }));

/** Every datatype, a notice, a hidden field and a server-set field, in shuffled order. */
const ALL: ServiceDefinition = {
  serviceCode: 'ALL',
  raw: null,
  attributes: [
    attr('MULTI', 'multivaluelist', { order: 6, values: vals('A', 'B', 'C') }),
    attr('STR', 'string', { order: 1, datatypeDescription: 'A hint' }),
    attr('NUM', 'number', { order: 2 }),
    attr('WHEN', 'datetime', { order: 3 }),
    attr('LONG', 'text', { order: 4 }),
    attr('ONE', 'singlevaluelist', { order: 5, values: vals('X', 'Y') }),
    attr('MANY', 'singlevaluelist', { order: 7, values: vals('1', '2', '3', '4', '5', '6', '7', '8', '9') }),
    attr('ODD', 'Boolean (checkbox)', { order: 8 }),
    attr('PICK', 'Picklist', { order: 9, values: vals('P', 'Q') }),
    attr('NOTE', 'text', { order: 10, variable: false, description: 'Call 999 in an emergency.\nSecond line.' }),
    attr('asset_id', 'string', { order: 11, automated: 'hidden_field' }),
    attr('usrn', 'string', { order: 12, automated: 'server_set' }),
  ],
};

const SERVICE: Service = { code: 'ALL', name: 'All', metadata: true, type: 'realtime', keywords: [], groups: [], raw: null };

const root = (el: Open311ReportForm): ShadowRoot => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Open311ReportForm, sel: string): T | null => root(el).querySelector<T>(sel);
/** The control of a question, found through its visible label or legend. */
function control(el: Open311ReportForm, question: string): HTMLElement {
  const label = [...root(el).querySelectorAll('label, legend')].find((l) => l.textContent!.trim().startsWith(question));
  if (!label) throw new Error(`no question ${question}`);
  if (label.tagName === 'LEGEND') return label.parentElement!;
  return root(el).getElementById(label.getAttribute('for')!)!;
}
function type(input: HTMLElement, text: string): void {
  (input as HTMLInputElement).value = text;
  input.dispatchEvent(new Event('input'));
}
function choose(el: Open311ReportForm, question: string, ...names: string[]): void {
  const group = control(el, question);
  for (const name of names) {
    const label = [...group.querySelectorAll('label')].find((l) => l.textContent!.trim() === name)!;
    (root(el).getElementById(label.htmlFor) as HTMLInputElement).click();
  }
}
function select(input: HTMLElement, value: string): void {
  (input as HTMLSelectElement).value = value;
  input.dispatchEvent(new Event('change'));
}
const summaryLinks = (el: Open311ReportForm): string[] => [...root(el).querySelectorAll('[part=error-summary] li')].map((a) => a.textContent!.trim());

async function allForm(extra = html``): Promise<Open311ReportForm> {
  const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${SERVICE} .definition=${ALL}>${extra}</open311-report-form>`);
  return el;
}

describe('report form helpers', () => {
  it('sends dates as ISO 8601 in UTC without milliseconds, and rejects impossible dates', () => {
    const iso = toIsoDateTime('2024-05-02T08:15')!;
    expect(iso).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    expect(new Date(iso).getTime()).to.equal(new Date(2024, 4, 2, 8, 15).getTime());
    expect(toIsoDateTime('2024-02-31T10:00')).to.equal(undefined);
    expect(toIsoDateTime('2024-05-02T08:15', false)).to.not.match(/Z$/);
  });

  it('checks emails and phone numbers lightly', () => {
    expect(validateEmail('a@b.example', true)).to.equal(undefined);
    expect(validateEmail('a@b', true)).to.equal('email-format');
    expect(validateEmail('', false, true)).to.equal('email-for-updates');
    expect(validatePhone('01632 960 001', false)).to.equal(undefined);
    expect(validatePhone('+44 (0)808-157-0192', false)).to.equal(undefined);
    expect(validatePhone('12', false)).to.equal('phone-format');
  });

  it('finds the field a server error names', () => {
    expect(fieldOfServerError('attribute[DEPTH] is required', ['DEPTH'])).to.equal('DEPTH');
    expect(fieldOfServerError('SIZE_CM: too big', ['SIZE', 'SIZE_CM'])).to.equal('SIZE_CM');
    expect(fieldOfServerError('base Photo or description is required', ['X'])).to.equal('description');
    expect(fieldOfServerError('Invalid service request: base is a duplicate.', ['X'])).to.equal(undefined);
  });
});

describe('<open311-report-form>', () => {
  it('renders each datatype with the right control, in order, with notices and no hidden fields', async () => {
    const el = await allForm();
    const labels = [...root(el).querySelectorAll('[data-field^="a:"]')].map((f) => f.getAttribute('data-field'));
    expect(labels).to.deep.equal(['a:STR', 'a:NUM', 'a:WHEN', 'a:LONG', 'a:ONE', 'a:MULTI', 'a:MANY', 'a:ODD', 'a:PICK']);
    expect(control(el, 'Question STR').getAttribute('type')).to.equal('text');
    expect(control(el, 'Question NUM').getAttribute('inputmode')).to.equal('decimal');
    expect(control(el, 'Question WHEN').getAttribute('type')).to.equal('datetime-local');
    expect(control(el, 'Question LONG').tagName).to.equal('TEXTAREA');
    expect(control(el, 'Question ONE').querySelectorAll('input[type=radio]')).to.have.length(2);
    expect(control(el, 'Question MULTI').querySelectorAll('input[type=checkbox]')).to.have.length(3);
    expect(control(el, 'Question MANY').tagName).to.equal('SELECT');
    expect(control(el, 'Question ODD').getAttribute('type')).to.equal('text');
    expect(control(el, 'Question PICK').querySelectorAll('input[type=radio]')).to.have.length(2);
    const notice = $(el, '[part=notice]')!;
    expect(notice.textContent).to.equal('Call 999 in an emergency.\nSecond line.');
    expect(getComputedStyle(notice).whiteSpace).to.equal('pre-line');
    expect(root(el).textContent).not.to.contain('Question asset_id');
    expect(root(el).textContent).not.to.contain('Question usrn');
    await expect(el).to.be.accessible();
  });

  it('produces the POST encoding of every datatype', async () => {
    const el = await allForm();
    type(control(el, 'Question STR'), '  some text ');
    type(control(el, 'Question NUM'), '12.5');
    type(control(el, 'Question WHEN'), '2024-05-02T08:15');
    type(control(el, 'Question LONG'), 'line one\nline two');
    choose(el, 'Question ONE', 'Name Y');
    choose(el, 'Question MULTI', 'Name C', 'Name A');
    select(control(el, 'Question MANY'), '8');
    type(control(el, 'Question ODD'), 'yes');
    type($(el, '#description')!, 'A big hole');
    type($(el, '#email')!, 'ann@example.com');
    type($(el, '#first_name')!, 'Ann');
    el.setHiddenField('asset_id', 'LAMP-42');
    el.restore({ attributes: { usrn: 'forged' } });
    await el.updateComplete;
    const value = el.value;
    const when = toIsoDateTime('2024-05-02T08:15')!;
    expect(value.attributes).to.deep.equal({
      STR: 'some text',
      NUM: '12.5',
      WHEN: when,
      LONG: 'line one\nline two',
      ONE: 'Y',
      MULTI: ['A', 'C'],
      MANY: '8',
      ODD: 'yes',
      asset_id: 'LAMP-42',
    });
    const client = new Open311Client({ endpoint: 'http://127.0.0.1:9/', multiValue: 'brackets' });
    const body = client.postFields(value).toString();
    expect(body).to.equal(
      'service_code=ALL&email=ann%40example.com&first_name=Ann&description=A+big+hole' +
        '&attribute%5BSTR%5D=some+text&attribute%5BNUM%5D=12.5' +
        `&attribute%5BWHEN%5D=${encodeURIComponent(when)}` +
        '&attribute%5BLONG%5D=line+one%0Aline+two&attribute%5BONE%5D=Y' +
        '&attribute%5BMULTI%5D%5B%5D=A&attribute%5BMULTI%5D%5B%5D=C&attribute%5BMANY%5D=8' +
        '&attribute%5BODD%5D=yes&attribute%5Basset_id%5D=LAMP-42',
    );
  });

  it('loads a definition from the local server, keeps a stable order, and the server accepts its answers', async () => {
    const { default: endpoint } = await endpoints();
    const el = await fixture<Open311ReportForm>(html`<open311-report-form endpoint=${endpoint} service-code="FT-10"></open311-report-form>`);
    await until(() => root(el).querySelector('[data-field^="a:"]'));
    const order = [...root(el).querySelectorAll('[data-field^="a:"]')].map((f) => f.getAttribute('data-field'));
    expect(order).to.deep.equal(['a:SEEN_AT', 'a:SIZE', 'a:ON_PRIVATE_LAND', 'a:VEHICLE', 'a:WASTE_TYPE', 'a:WITNESS']);
    choose(el, 'How much is there?', 'A car boot load');
    choose(el, 'What has been dumped?', 'Black bags', 'Building rubble');
    type(control(el, 'When did you see it being dumped?'), '2024-03-01T09:30');
    type($(el, '#description')!, 'Bags by the bins');
    await el.updateComplete;
    expect(el.validate()).to.equal(true);
    const client = new Open311Client({ endpoint });
    const result = await client.submitRequest({ ...el.value, lat: 51.5, long: -0.12 });
    expect(result.id ?? result.token).to.be.a('string');
    const saved = await client.request(result.id!);
    expect(saved?.serviceCode).to.equal('FT-10');
  });

  it('shows loading and a load failure with a retry', async () => {
    let calls = 0;
    let fail!: () => void;
    class Failing extends Open311Client {
      override serviceDefinition(): Promise<ServiceDefinition> {
        calls++;
        return calls === 1
          ? new Promise((_, reject) => (fail = () => reject(new Open311Error('down', { kind: 'network', url: 'x' }))))
          : Promise.resolve({ serviceCode: 'ALL', attributes: ALL.attributes, raw: null });
      }
    }
    const client = new Failing({ endpoint: 'http://127.0.0.1:9/' });
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .client=${client} .service=${SERVICE}></open311-report-form>`);
    await until(() => calls === 1);
    expect($(el, '[role=status]')!.textContent).to.contain('Loading the questions');
    await expect(el).to.be.accessible();
    fail();
    await until(() => $(el, '[part=retry-button]'));
    expect($(el, '[role=alert]')!.textContent).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    $(el, '[part=retry-button]')!.click();
    await until(() => root(el).querySelector('[data-field="a:STR"]'));
  });

  it('validates the GOV.UK way: summary with links, message at each field, focus on the summary', async () => {
    const def: ServiceDefinition = {
      serviceCode: 'ALL',
      raw: null,
      attributes: [
        attr('DEPTH', 'singlevaluelist', { required: true, description: 'How deep?', values: vals('S', 'D') }),
        attr('W', 'number', { description: 'Width' }),
      ],
    };
    const el = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${def} require-contact="email"></open311-report-form>`,
    );
    type(control(el, 'Width'), 'wide');
    type($(el, '#email')!, 'not-an-email');
    expect(el.validate()).to.equal(false);
    await until(() => root(el).activeElement === $(el, '#error-summary'));
    expect(summaryLinks(el)).to.deep.equal([
      'Select an answer to “How deep?”',
      'The answer to “Width” must be a number, like 12 or 2.5',
      'Enter a description of the problem',
      'Enter an email address in the correct format, like name@example.com',
    ]);
    expect($(el, '#error-summary [role=alert] h2')!.textContent).to.equal('There is a problem');
    const email = $(el, '#email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain('Error:');
    await expect(el).to.be.accessible();
    // The first link moves focus to the first radio of the question.
    $<HTMLAnchorElement>(el, '#error-summary a')!.click();
    expect(root(el).activeElement?.id).to.equal('q0-0');
    // Each field is checked again as it changes.
    type($(el, '#description')!, 'Deep hole');
    await el.updateComplete;
    expect(summaryLinks(el)).not.to.include('Enter a description of the problem');
  });

  it('counts the description live and refuses more than 4,000 characters', async () => {
    const el = await allForm();
    type($(el, '#description')!, 'abc');
    await el.updateComplete;
    expect($(el, '[part=character-count]')!.textContent).to.equal('You have 3,997 characters remaining');
    type($(el, '#description')!, 'x'.repeat(4001));
    await el.updateComplete;
    expect($(el, '[part=character-count]')!.textContent).to.equal('You have 1 character too many');
    el.validate();
    await el.updateComplete;
    expect(summaryLinks(el)).to.include('The description must be 4,000 characters or fewer');
  });

  it('shows server errors from a failed POST like validation errors, mapped to fields', async () => {
    const { default: endpoint } = await endpoints();
    const client = new Open311Client({ endpoint });
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .client=${client} service-code="PTH-01"></open311-report-form>`);
    await until(() => root(el).querySelector('[data-field="a:DEPTH"]'));
    type($(el, '#description')!, 'Hole');
    let error: unknown;
    try {
      await client.submitRequest({ ...el.value, lat: 51.5, long: -0.12 });
    } catch (e) {
      error = e;
    }
    expect(isOpen311Error(error)).to.equal(true);
    el.showServerErrors(error as Open311Error);
    await until(() => root(el).activeElement === $(el, '#error-summary'));
    expect(summaryLinks(el)).to.include('attribute[DEPTH] is required');
    expect($(el, '[data-field="a:DEPTH"] [part=error-message]')!.textContent).to.contain('attribute[DEPTH] is required');
    await expect(el).to.be.accessible();
    // An error that names no field is listed without a link.
    el.showServerErrors(
      new Open311Error('x', { kind: 'http', url: 'x', status: 400, errors: [{ code: '400', description: 'Invalid service request: base is a duplicate.' }] }),
    );
    await el.updateComplete;
    expect(summaryLinks(el)).to.deep.equal(['Invalid service request: base is a duplicate.']);
    expect($(el, '#error-summary a')).to.equal(null);
  });

  it('shows a disable_message, blocks the report and says why on submit', async () => {
    const { default: endpoint } = await endpoints();
    const el = await fixture<Open311ReportForm>(html`<open311-report-form endpoint=${endpoint} service-code="LGT-02"></open311-report-form>`);
    await until(() => root(el).querySelector('[data-field="a:PRIVATE"]'));
    expect(root(el).textContent).not.to.contain('Street light number');
    choose(el, 'Is it a private light?', 'Yes, it is in a private car park, estate or garden');
    await el.updateComplete;
    expect(el.blocked).to.equal(true);
    expect($(el, '[part=blocked-message]')!.textContent).to.contain('Private lights are not maintained by the council');
    await expect(el).to.be.accessible();
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(summaryLinks(el)[0]).to.contain('Private lights are not maintained');
    choose(el, 'Is it a private light?', 'No, it is on a public road or path');
    await el.updateComplete;
    expect(el.blocked).to.equal(false);
    el.setHiddenField('asset_id', 'SL-0042');
    expect(el.value.attributes.asset_id).to.equal('SL-0042');
    expect(el.value.attributes).not.to.have.property('usrn');
  });

  it('shows only the sections and contact fields asked for', async () => {
    const el = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${ALL} sections="contact" contact-fields="email phone" require-contact="phone"></open311-report-form>`,
    );
    expect($(el, '#description')).to.equal(null);
    expect($(el, '[data-field^="a:"]')).to.equal(null);
    expect($(el, '#first_name')).to.equal(null);
    expect($(el, 'label[for=phone]')!.textContent).not.to.contain('optional');
    expect($(el, 'label[for=email]')!.textContent).to.contain('(optional)');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(summaryLinks(el)).to.deep.equal(['Enter your telephone number']);
    // Asking for updates needs an email address.
    $<HTMLInputElement>(el, '#updates')!.click();
    type($(el, '#phone')!, '01632 960001');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(summaryLinks(el)).to.deep.equal(['Enter your email address to get updates, or untick the box']);
    el.sections = 'questions';
    el.setAttribute('description-required', 'false');
    el.toggleAttribute('no-updates', true);
    await el.updateComplete;
    expect($(el, '#phone')).to.equal(null);
    expect($(el, 'label[for=description]')!.textContent).to.contain('(optional)');
    const blank = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${{ ...ALL, attributes: [] }} no-description contact-fields=""></open311-report-form>`,
    );
    expect(blank.validate()).to.equal(true);
  });

  it('restores a saved draft, dates included', async () => {
    const el = await allForm();
    const when = toIsoDateTime('2024-06-01T17:45')!;
    el.restore({ description: 'Saved', attributes: { STR: 'kept', MULTI: ['B'], WHEN: when }, email: 'x@y.example', wantsUpdates: true });
    await el.updateComplete;
    expect(($(el, '#description') as HTMLTextAreaElement).value).to.equal('Saved');
    expect((control(el, 'Question WHEN') as HTMLInputElement).value).to.equal('2024-06-01T17:45');
    expect(el.value.attributes.WHEN).to.equal(when);
    expect(el.value.attributes.MULTI).to.deep.equal(['B']);
    expect(el.value.wantsUpdates).to.equal(true);
    expect($<HTMLInputElement>(el, '#updates')!.checked).to.equal(true);
  });

  it('fires open311-form-change on each answer', async () => {
    const el = await allForm();
    setTimeout(() => type($(el, '#description')!, 'Hello'));
    const event = await oneEvent(el, 'open311-form-change');
    expect(event.detail.value.description).to.equal('Hello');
    expect(event.detail.valid).to.equal(true);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('works inside a plain <form>: its answers are submitted and it takes part in validity', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <open311-report-form .service=${SERVICE} .definition=${ALL} contact-fields="email"></open311-report-form>
    </form>`);
    const el = form.querySelector('open311-report-form')!;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    type($(el, '#description')!, 'Hole');
    choose(el, 'Question MULTI', 'Name B');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const data = new FormData(form);
    expect(data.get('service_code')).to.equal('ALL');
    expect(data.get('description')).to.equal('Hole');
    expect(data.getAll('attribute[MULTI]')).to.deep.equal(['B']);
  });

  it('with submit-label, submits from the keyboard after validation and fires open311-submit', async () => {
    const el = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${{ ...ALL, attributes: [] }} submit-label="Send report" contact-fields=""></open311-report-form>`,
    );
    const button = $(el, '[part=submit-button]')!;
    expect(button.textContent).to.equal('Send report');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(el).activeElement === $(el, '#error-summary'));
    $<HTMLTextAreaElement>(el, '#description')!.focus();
    await sendKeys({ type: 'A hole' });
    button.focus();
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'open311-submit');
    expect(event.detail.serviceCode).to.equal('ALL');
    expect(event.cancelable).to.equal(true);
    await el.updateComplete;
    expect($(el, '#error-summary')).to.equal(null);
  });

  it('renders hostile server text as inert text everywhere', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const def: ServiceDefinition = {
      serviceCode: 'ALL',
      raw: null,
      attributes: [
        attr('A', 'singlevaluelist', {
          description: evil,
          datatypeDescription: evil,
          required: true,
          values: [
            { key: 'K', name: evil, disableMessage: evil },
            { key: 'L', name: 'ok' },
          ],
        }),
        attr('B', 'text', { variable: false, description: evil }),
        attr('C', 'singlevaluelist', { description: `${evil} many`, values: Array.from({ length: 9 }, (_, i) => ({ key: `${i}`, name: evil })) }),
      ],
    };
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${SERVICE} .definition=${def}></open311-report-form>`);
    choose(el, evil, evil);
    await el.updateComplete;
    el.validate();
    await el.updateComplete;
    el.showServerErrors(new Open311Error('x', { kind: 'http', url: 'x', status: 400, errors: [{ code: '400', description: evil }] }));
    await el.updateComplete;
    expect(root(el).querySelector('img, script')).to.equal(null);
    expect($(el, '[part=notice]')!.textContent).to.equal(evil);
    expect(summaryLinks(el)).to.deep.equal([evil]);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<open311-report-form> with the council’s Welsh text', () => {
  const PTH: Service = { code: 'PTH-01', name: 'Pothole', metadata: true, type: 'realtime', keywords: [], groups: [], raw: null };
  const DEF: ServiceDefinition = {
    serviceCode: 'PTH-01',
    raw: null,
    attributes: [
      attr('DEPTH', 'singlevaluelist', {
        required: true,
        description: 'How deep is the hole?',
        values: [
          { key: 'SHALLOW', name: 'Less than 5 cm' },
          { key: 'DEEP', name: 'More than 10 cm' },
        ],
      }),
      attr('NOTE', 'text', { variable: false, description: 'Call 999 in an emergency.' }),
    ],
  };
  const WELSH = JSON.stringify({
    cy: {
      attributes: { 'PTH-01': { DEPTH: { description: 'Pa mor ddwfn yw’r twll?', values: { DEEP: 'Mwy na 10 cm' } } } },
    },
  });

  onAWelshPage();

  it('asks the Welsh question with Welsh answers, marks English ones lang="en", and still sends the keys', async () => {
    const el = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${PTH} .definition=${DEF} translations=${WELSH} sections="questions"></open311-report-form>`,
    );
    await until(() => root(el).textContent!.includes('Pa mor ddwfn yw’r twll?'));
    const legend = $(el, '[data-field="a:DEPTH"] legend')!;
    expect(legend.querySelector('[lang]')?.getAttribute('lang') ?? 'cy').to.equal('cy');
    const group = control(el, 'Pa mor ddwfn');
    const deep = [...group.querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Mwy na 10 cm')!;
    expect(deep.querySelector('[lang]')?.getAttribute('lang') ?? 'cy').to.equal('cy');
    const shallow = [...group.querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Less than 5 cm')!;
    expect(shallow.querySelector('[lang]')!.getAttribute('lang')).to.equal('en');
    expect($(el, '[part=notice] [lang]')!.getAttribute('lang')).to.equal('en');
    await expect(el).to.be.accessible();

    const change = oneEvent(el, 'open311-form-change');
    choose(el, 'Pa mor ddwfn', 'Mwy na 10 cm');
    expect((await change).detail.value.attributes).to.deep.equal({ DEPTH: 'DEEP' });
  });
});
