/**
 * "Does this ServiceAccount still exist with this uid?", asked for every ServiceAccount token, answered
 * from memory most of the time: a looked-up uid is trusted for a while, so a busy client costs one store
 * read per account per `ttlMs`, not one per request. A token whose uid differs from the remembered one
 * (the account was re-created) triggers a fresh read, at most once per `recheckMs`, so a flood of stale
 * tokens does not become a flood of reads.
 *
 * @module
 */
import type { ServiceAccountRef } from "./service_account_token.ts";

/** Options of {@link cachedServiceAccountCheck}. */
export interface ServiceAccountCheckOptions {
  /** How long a looked-up uid is trusted; 1 s unless given. A deleted account's tokens work this long. */
  ttlMs?: number;
  /** The shortest time between two reads of one account; 250 ms unless given. */
  recheckMs?: number;
  /** Accounts remembered at most; the oldest are forgotten first. 10 000 unless given. */
  maxEntries?: number;
  /** The clock; Date.now unless given (tests move it). */
  now?: () => number;
}

type Entry = { uid: string | undefined; at: number };

/**
 * An `isCurrent` check for the ServiceAccount token authenticator, reading accounts with `lookup`
 * (the uid of NAMESPACE/NAME, or undefined when it does not exist).
 *
 * @example
 * ```ts
 * const isCurrent = cachedServiceAccountCheck(async (ns, name) =>
 *   (await objects.get(serviceAccounts, ns, name).catch(() => undefined))?.metadata.uid
 * );
 * createServiceAccountTokenAuthenticator(key, { isCurrent });
 * ```
 */
export function cachedServiceAccountCheck(
  lookup: (namespace: string, name: string) => Promise<string | undefined>,
  options: ServiceAccountCheckOptions = {},
): (serviceAccount: ServiceAccountRef) => Promise<boolean> {
  const ttlMs = options.ttlMs ?? 1_000;
  const recheckMs = options.recheckMs ?? 250;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Concurrent requests for one account share a single read.
  const reading = new Map<string, Promise<Entry>>();

  const read = (key: string, namespace: string, name: string): Promise<Entry> => {
    let p = reading.get(key);
    if (!p) {
      p = lookup(namespace, name).then((uid) => {
        const entry = { uid, at: now() };
        entries.delete(key);
        entries.set(key, entry);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        return entry;
      }).finally(() => reading.delete(key));
      reading.set(key, p);
    }
    return p;
  };

  return async ({ namespace, name, uid }) => {
    const key = `${namespace}/${name}`;
    let entry = entries.get(key);
    const age = entry ? now() - entry.at : Infinity;
    if (!entry || age >= ttlMs || (entry.uid !== uid && age >= recheckMs)) {
      entry = await read(key, namespace, name);
    }
    return entry.uid === uid;
  };
}
