/**
 * Bearer-token authentication against a fixed set of tokens. Tokens are looked up by their SHA-256
 * digest rather than compared as strings, so response time reveals nothing about how much of a guessed
 * token was right. A token's answer is then remembered in a Map by its text: a Map finds a string by its
 * hash and compares characters only with an entry of the same hash, which a guess does not have.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { type Authenticator, bearerToken, type UserInfo } from "./authenticator.ts";
import type { TokenRecord } from "./token_file.ts";

/** An {@link Authenticator} over static tokens. */
export interface TokenAuthenticator extends Authenticator {
  /** How many distinct tokens it knows. */
  readonly size: number;
}

/**
 * An authenticator for the given tokens; a later record with the same token wins. It returns the user
 * as recorded; wrap it in `unionAuthenticator` to get "system:authenticated" added.
 *
 * @example
 * ```ts
 * const authn = await createTokenAuthenticator([{ token: "t", username: "bob", uid: "1", groups: [] }]);
 * await authn.authenticate(new Request("https://x", { headers: { authorization: "Bearer t" } }));
 * // { username: "bob", uid: "1", groups: [] }
 * ```
 */
export function createTokenAuthenticator(records: TokenRecord[]): Promise<TokenAuthenticator> {
  // Still a promise: callers were written against the WebCrypto digest, which is asynchronous.
  const users = new Map<string, UserInfo>();
  for (const r of records) {
    const user: UserInfo = { username: r.username, groups: [...r.groups] };
    if (r.uid) user.uid = r.uid;
    users.set(digest(r.token), user);
  }
  // Tokens already seen, with what they named (null: nobody), so a client's every request does not hash
  // its token again: ~16 µs of CPU per request, per authenticator in a union that does not know it. The
  // tokens never change, so neither do the answers; a bounded number of them is kept.
  const seen = new Map<string, UserInfo | null>();
  return Promise.resolve({
    size: users.size,
    authenticate(request) {
      const token = bearerToken(request);
      if (token === null) return Promise.resolve(null);
      let user = seen.get(token);
      if (user === undefined) {
        user = users.get(digest(token)) ?? null;
        if (seen.size >= SEEN_TOKENS) seen.clear();
        seen.set(token, user);
      }
      // A copy, so a caller adding groups cannot change what the next request gets.
      return Promise.resolve(user ? copyUser(user) : null);
    },
  });
}

/** How many distinct tokens the authenticator remembers in the clear before starting over. */
const SEEN_TOKENS = 1024;

// node:crypto hashes synchronously in ~2 µs; crypto.subtle.digest (a round trip through a worker thread
// and two promises) cost 20-40 µs of CPU on every request.
function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A deep copy of a recorded user (plain strings, arrays and an `extra` map of string arrays). */
function copyUser(user: UserInfo): UserInfo {
  const copy: UserInfo = { ...user, groups: [...user.groups] };
  if (user.extra) copy.extra = Object.fromEntries(Object.entries(user.extra).map(([k, v]) => [k, [...v]]));
  return copy;
}
