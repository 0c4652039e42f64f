/**
 * Code a page may never need (the later steps, reports nearby, the protocol client)
 * is fetched by `import()` on first use. `lazyImport(() => import('./x.js'))` returns a loader that
 * imports once, however often it is called, and forgets a failed import so the next call tries
 * again: a resident on a weak signal who loses one chunk is not stuck without it for the rest of
 * the visit.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}
