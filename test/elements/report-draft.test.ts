import { expect } from '@open-wc/testing';
import { DraftStore, forgetEverything } from '../../src/elements/report/draft.js';

describe('DraftStore: nothing typed is lost, nothing kept too long', () => {
  beforeEach(() => {
    forgetEverything();
  });

  it('keeps the draft across a reload and clears it when asked', () => {
    const store = new DraftStore('https://a.example/|');
    const draft = store.create();
    draft.step = 'details';
    draft.description = 'Deep hole';
    draft.attributes = { DEPTH: 'DEEP', WASTE: ['a', 'b'] };
    store.save(draft);
    const again = new DraftStore('https://a.example/|').load();
    expect(again?.step).to.equal('details');
    expect(again?.description).to.equal('Deep hole');
    expect(again?.attributes).to.deep.equal({ DEPTH: 'DEEP', WASTE: ['a', 'b'] });
    expect(again?.clientId).to.equal(draft.clientId);
    store.clear();
    expect(store.load()).to.equal(undefined);
  });

  it('keeps drafts for different endpoints apart', () => {
    const a = new DraftStore('https://a.example/|');
    const b = new DraftStore('https://b.example/|');
    const d = a.create();
    d.description = 'A only';
    a.save(d);
    expect(b.load()).to.equal(undefined);
  });

  it('removes a draft older than its limit, unread', () => {
    let now = 1_000_000;
    const store = new DraftStore('x', 24 * 3600_000, () => now);
    const d = store.create();
    d.description = 'Old news';
    store.save(d);
    now += 24 * 3600_000 + 1;
    expect(store.load()).to.equal(undefined);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('open311:draft:'))).to.deep.equal([]);
  });

  it('keeps contact details for the session only, unless remembered', () => {
    const store = new DraftStore('x');
    store.saveContact({ email: 'a@b.example', firstName: 'Ann' });
    expect(sessionStorage.getItem('open311:contact:x')).to.contain('a@b.example');
    expect(JSON.stringify(localStorage)).not.to.contain('a@b.example');
    expect(store.loadContact()?.firstName).to.equal('Ann');
    store.saveContact({ email: 'a@b.example' }, true);
    expect(store.remembersContact).to.equal(true);
    store.clear();
    expect(sessionStorage.getItem('open311:contact:x')).to.equal(null);
  });

  it('ignores a corrupted draft instead of failing', () => {
    localStorage.setItem('open311:draft:x', '{not json');
    expect(new DraftStore('x').load()).to.equal(undefined);
    localStorage.setItem('open311:draft:x', JSON.stringify({ v: 1, step: 'nowhere', savedAt: Date.now() }));
    expect(new DraftStore('x').load()).to.equal(undefined);
  });

  it('"forget this device" leaves no open311 data in either store', () => {
    const store = new DraftStore('x');
    store.save(store.create());
    store.saveContact({ email: 'a@b.example' }, true);
    localStorage.setItem('unrelated', 'keep me');
    forgetEverything();
    expect(Object.keys(localStorage).filter((k) => k.startsWith('open311:'))).to.deep.equal([]);
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('open311:'))).to.deep.equal([]);
    expect(localStorage.getItem('unrelated')).to.equal('keep me');
    localStorage.removeItem('unrelated');
  });
});
