import { expect } from '@open-wc/testing';
import { lazyImport } from '../src/lazy-import.js';

/** A stand-in for `import()`: counts its calls; each call's outcome is settled by the test. */
function fakeImport<T>() {
  const calls: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const load = (): Promise<T> => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('lazyImport', () => {
  it('imports once, however often and however soon it is asked, and every caller gets the same module', async () => {
    const { load, calls } = fakeImport<{ name: string }>();
    const loader = lazyImport(load);
    expect(calls.length).to.equal(0, 'nothing is fetched before the first use');
    const first = loader();
    const second = loader();
    expect(calls.length).to.equal(1);
    const module = { name: 'x' };
    calls[0]!.resolve(module);
    expect(await first).to.equal(module);
    expect(await second).to.equal(module);
    expect(await loader()).to.equal(module);
    expect(calls.length).to.equal(1);
  });

  it('a failed import (a dropped signal) is tried again on the next call, and the retry succeeds', async () => {
    const { load, calls } = fakeImport<string>();
    const loader = lazyImport(load);
    const first = loader();
    const waiting = loader();
    calls[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    const failures = await Promise.allSettled([first, waiting]);
    expect(failures.map((f) => f.status)).to.deep.equal(['rejected', 'rejected']);
    expect((failures[0] as PromiseRejectedResult).reason).to.be.instanceOf(TypeError);
    const retry = loader();
    expect(calls.length).to.equal(2, 'the failure was not kept');
    calls[1]!.resolve('loaded');
    expect(await retry).to.equal('loaded');
    expect(await loader()).to.equal('loaded');
    expect(calls.length).to.equal(2);
  });

  it('loads a real module with import()', async () => {
    const loader = lazyImport(() => import('../src/open311/errors.js'));
    const [a, b] = await Promise.all([loader(), loader()]);
    expect(a).to.equal(b);
    expect(a.isAbortError(new DOMException('gone', 'AbortError'))).to.equal(true);
  });
});
