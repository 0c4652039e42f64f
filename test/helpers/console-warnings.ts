/** The widget's console warnings (those starting `open311-elements`) while `run` goes on; others pass through. */
export async function widgetWarnings(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.startsWith('open311-elements')) seen.push(text);
    else original(...args);
  };
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}
