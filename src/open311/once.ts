/**
 * The client's one lazy loader: `load` (an `import()`) runs on the first call and its answer is
 * shared by every later call; a failed load (a dropped signal) is forgotten, so the next call tries
 * again rather than failing for the rest of the page's life.
 *
 * Deliberately the same few lines as src/lazy-import.ts (the elements'): as one module shared by the client and the
 * elements, rollup had to give it a chunk of its own (in either side's chunk, the report's first
 * screen would load the client, or a client-only page Lit), which measured +0.1 KB gzip and one
 * more file on each first screen (issue 18, 18:00 UTC).
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}
