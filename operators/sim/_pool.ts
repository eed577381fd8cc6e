/**
 * Runs `fn` over `items` with at most `limit` calls in flight; rejects with the first error after every
 * started call has settled.
 *
 * @example
 * ```ts
 * await inPool([1, 2, 3], 2, async (n) => await create(n));
 * ```
 */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
