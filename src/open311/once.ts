/**
 * The client's one lazy loader: `load` (an `import()`) runs on the first call and its answer is
 * shared by every later call; a failed load (a dropped signal) is forgotten, so the next call tries
 * again rather than failing for the rest of the page's life.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}
