/**
 * Code a page may never need (the later steps, reports nearby, the protocol client)
 * is fetched by `import()` on first use. `lazyImport(() => import('./x.js'))` returns a loader that
 * imports once, however often it is called, and forgets a failed import so the next call tries
 * again: a resident on a weak signal who loses one chunk is not stuck without it for the rest of
 * the visit.
 *
 * Deliberately the same few lines as src/open311/once.ts (the client's): as one module shared by the client and the
 * elements, rollup had to give it a chunk of its own (in either side's chunk, the report's first
 * screen would load the client, or a client-only page Lit), which measured +0.1 KB gzip and one
 * more file on each first screen (issue 18, 18:00 UTC).
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}
