/**
 * Bearer-token authentication against a fixed set of tokens. Tokens are looked up by their SHA-256
 * digest rather than compared as strings, so response time reveals nothing about how much of a guessed
 * token was right.
 *
 * @module
 */
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
export async function createTokenAuthenticator(records: TokenRecord[]): Promise<TokenAuthenticator> {
  const users = new Map<string, UserInfo>();
  for (const r of records) {
    const user: UserInfo = { username: r.username, groups: [...r.groups] };
    if (r.uid) user.uid = r.uid;
    users.set(await digest(r.token), user);
  }
  return {
    size: users.size,
    async authenticate(request) {
      const token = bearerToken(request);
      if (token === null) return null;
      const user = users.get(await digest(token));
      // A copy, so a caller adding groups cannot change what the next request gets.
      return user ? structuredClone(user) : null;
    },
  };
}

async function digest(token: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}
