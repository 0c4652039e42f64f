import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { yesValue } from '../../src/controllers/submission.js';
import type { ServiceDefinition } from '../../src/open311/models.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { answerPothole, click, fillEmail, heading, root, toDetailsStep, visibleButton } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * Issue 22, item 1: every control does what it says, or is not shown. "Email me updates" and "Do
 * not show my name publicly" changed nothing in the POST; now each is offered only when the council
 * names the attribute its server reads (`updates-attribute`, `anonymous-attribute`), is sent as that
 * attribute when ticked, and check answers says what will be sent.
 */

const contactForm = (el: Open311Report) => root(el).querySelector('open311-report-form[sections="contact"]') as HTMLElement & { shadowRoot: ShadowRoot };

async function toAbout(el: Open311Report, description: string): Promise<void> {
  await toDetailsStep(el);
  await answerPothole(el, description);
  await click(el, 'Continue');
  await until(() => heading(el) === 'About you', 10000);
  await fillEmail(el, 'resident@example.org');
}

/**
 * A client that keeps the body of each report POST: the local server stores only the attributes
 * its service definitions list, so what was sent is read on the way out.
 */
function recordingClient(endpoint: string): { client: Open311Client; sent: URLSearchParams[] } {
  const sent: URLSearchParams[] = [];
  const recording: typeof fetch = async (input, init) => {
    if (init?.method === 'POST') sent.push(new URLSearchParams(await new Request(input, init).text()));
    return fetch(input, init);
  };
  return { client: new Open311Client({ endpoint, fetch: recording, retries: 0 }), sent };
}

const summaryText = (el: Open311Report) => root(el).querySelector('dl.summary')!.textContent!.replace(/\s+/g, ' ');

describe('<open311-report>: every control does what it says, or is not shown', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('without the attributes its server reads, neither choice is offered (not even with the old `anonymous`)', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history anonymous endpoint=${endpoint}></open311-report>`);
    await toAbout(el, `No choices ${Date.now()}`);
    await until(() => contactForm(el).shadowRoot.querySelector('input[type=email]'));
    expect(!!contactForm(el).shadowRoot.querySelector('#updates'), 'no "Email me updates"').to.equal(false);
    expect(!!root(el).querySelector('#hide-name'), 'no "Do not show my name publicly"').to.equal(false);
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    expect(summaryText(el)).not.to.contain('Email updates');
    expect(summaryText(el)).not.to.contain('Your name in public');
  });

  it('with updates-attribute and anonymous-attribute: offered, said on check answers, and sent as those attributes', async () => {
    const { client, sent } = recordingClient(endpoint);
    const el = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${endpoint} .client=${client} updates-attribute="email_updates" anonymous-attribute="hide_name" public-fields="service location description name"></open311-report>`,
    );
    const description = `Both choices ${Date.now()}`;
    await toAbout(el, description);
    const updates = await until(() => contactForm(el).shadowRoot.querySelector<HTMLInputElement>('#updates'));
    updates.click();
    root(el).querySelector<HTMLInputElement>('#hide-name')!.click();
    await el.updateComplete;
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    const summary = summaryText(el);
    expect(summary).to.contain('Email updates Yes: your report asks the council to email you updates');
    expect(summary).to.contain('Your name in public Not shown: your report asks the council not to show your name publicly');
    expect(root(el).querySelector('.hide-name-note')!.textContent).to.contain('This request is sent to the council with your report.');
    await expect(el).to.be.accessible();
    visibleButton(el, 'Send report').click();
    await until(() => heading(el) === 'Report sent', 10000);
    expect(sent).to.have.length(1);
    expect(sent[0].get('attribute[email_updates]')).to.equal('true');
    expect(sent[0].get('attribute[hide_name]')).to.equal('true');
    expect(sent[0].get('email')).to.equal('resident@example.org');
    const stored = (await admin<Stored>('default', 'requests')).filter((r) => r.description === description);
    expect(stored, 'the server took it').to.have.length(1);
  });

  it('unticked, nothing is sent for them, and check answers says so', async () => {
    const { client, sent } = recordingClient(endpoint);
    const el = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${endpoint} .client=${client} updates-attribute="email_updates" anonymous-attribute="hide_name"></open311-report>`,
    );
    const description = `Choices left unticked ${Date.now()}`;
    await toAbout(el, description);
    await until(() => contactForm(el).shadowRoot.querySelector('#updates'));
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    expect(summaryText(el)).to.contain('Email updates No');
    expect(summaryText(el)).to.contain('Your name in public You did not ask for it to be hidden');
    visibleButton(el, 'Send report').click();
    await until(() => heading(el) === 'Report sent', 10000);
    expect(sent).to.have.length(1);
    expect(sent[0].has('attribute[email_updates]')).to.equal(false);
    expect(sent[0].has('attribute[hide_name]')).to.equal(false);
    expect(sent[0].get('attribute[DEPTH]'), 'the answers are sent').to.equal('DEEP');
  });

  it('when the service definition lists the code, its own key for "yes" is sent', () => {
    const definition = (values: { key: string; name: string }[]) =>
      ({
        serviceCode: 'X',
        attributes: [{ code: 'UPD', values, variable: true, datatype: 'singlevaluelist', required: false, order: 1, description: 'Updates?' }],
      }) as unknown as ServiceDefinition;
    expect(
      yesValue(
        definition([
          { key: 'N', name: 'No' },
          { key: 'Y', name: 'Yes' },
        ]),
        'UPD',
      ),
    ).to.equal('Y');
    expect(
      yesValue(
        definition([
          { key: '0', name: 'false' },
          { key: '1', name: 'true' },
        ]),
        'UPD',
      ),
    ).to.equal('1');
    expect(yesValue(definition([{ key: 'opt-a', name: 'Yes please' }]), 'UPD')).to.equal('true');
    expect(yesValue(undefined, 'UPD')).to.equal('true');
  });
});
