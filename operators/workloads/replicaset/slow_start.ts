/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go): runs `count` calls in batches of 1, 2, 4, …
 * so a template that cannot work (a quota, a bad field) fails once rather than `count` times.
 *
 * @module
 */

/**
 * Runs `fn` `count` times in doubling batches starting at `initial`; stops after the first batch with a
 * failure. Answers how many calls succeeded and the first error.
 *
 * Worked numbers: 10 pods from batch 1 → batches 1, 2, 4, 3; if the second batch fails, 3 calls were
 * made (1 + 2), 7 are skipped.
 *
 * @example
 * ```ts
 * import { slowStartBatch } from "@skiff/workloads";
 *
 * const { successes, error } = await slowStartBatch(10, 1, () => pods.create(pod));
 * ```
 */
export async function slowStartBatch(
  count: number,
  initial: number,
  fn: () => Promise<unknown>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    successes += results.filter((r) => r.status === "fulfilled").length;
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}
