/**
 * `items.map(use)` with at most `atOnce` calls running at a time, results in the items' order:
 * for in-process CLI calls that each mostly wait (on CPython, a child process), where one at a
 * time leaves the cores idle and all at once would crowd them.
 */
export async function mapAtOnce<T, R>(items: readonly T[], atOnce: number, use: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(atOnce, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await use(items[i]);
    }),
  );
  return results;
}
