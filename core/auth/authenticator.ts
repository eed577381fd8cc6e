/**
 * Who made a request: the user record every authenticator produces and the interface they share, so
 * static tokens, client certificates and ServiceAccount JWTs can be chained in front of authorization.
 *
 * @module
 */

/** An authenticated user, as Kubernetes' user.Info. */
export interface UserInfo {
  /** The name RBAC subjects of kind User match, e.g. "skiff-admin" or "system:serviceaccount:ns:name". */
  username: string;
  /** A value unique to this user over time, when the authenticator knows one. */
  uid?: string;
  /** The groups RBAC subjects of kind Group match. */
  groups: string[];
  /** Additional attributes an authenticator vouches for (e.g. a ServiceAccount token's pod name). */
  extra?: Record<string, string[]>;
}

/**
 * Turns a request into a user, or null when the request carries no credential this authenticator
 * recognises or the credential is invalid.
 */
export interface Authenticator {
  /** The user the request's credential names, or null. */
  authenticate(request: Request): Promise<UserInfo | null>;
}

/** The group Kubernetes adds to every authenticated user. */
export const ALL_AUTHENTICATED = "system:authenticated";
/** The group of the anonymous user. */
export const ALL_UNAUTHENTICATED = "system:unauthenticated";
/** The user name given to requests without a credential where anonymous access is allowed. */
export const ANONYMOUS_USER = "system:anonymous";
/** The group that RBAC's cluster-admin binding grants everything to. */
export const SYSTEM_MASTERS = "system:masters";

/**
 * The anonymous user, as kube-apiserver's anonymous authenticator produces it.
 *
 * @example
 * ```ts
 * anonymousUser(); // { username: "system:anonymous", groups: ["system:unauthenticated"] }
 * ```
 */
export function anonymousUser(): UserInfo {
  return { username: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
}

/**
 * Tries each authenticator in order and returns the first user found, with "system:authenticated" added
 * to its groups as kube-apiserver's AuthenticatedGroupAdder does (unless the user is anonymous or
 * already carries it or "system:unauthenticated").
 *
 * @example
 * ```ts
 * const authn = unionAuthenticator(await loadTokenFile(".skiff/tokens.csv"));
 * const user = await authn.authenticate(request); // { username, groups: [..., "system:authenticated"] }
 * ```
 */
export function unionAuthenticator(...authenticators: Authenticator[]): Authenticator {
  return {
    async authenticate(request) {
      for (const a of authenticators) {
        const user = await a.authenticate(request);
        if (user) return withAuthenticatedGroup(user);
      }
      return null;
    },
  };
}

/**
 * The user with "system:authenticated" added to its groups, unless it is the anonymous user or already
 * carries that group or "system:unauthenticated". Applying it twice changes nothing.
 *
 * @example
 * ```ts
 * withAuthenticatedGroup({ username: "bob", groups: [] }); // { username: "bob", groups: ["system:authenticated"] }
 * ```
 */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === ANONYMOUS_USER) return user;
  if (user.groups.includes(ALL_AUTHENTICATED) || user.groups.includes(ALL_UNAUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}

/**
 * The bearer token of a request's Authorization header, read as kube-apiserver does: the scheme is
 * case-insensitive, the token is the next space-separated word, an empty token counts as none.
 *
 * @example
 * ```ts
 * bearerToken(new Request("https://x", { headers: { authorization: "Bearer abc" } })); // "abc"
 * ```
 */
export function bearerToken(request: Request): string | null {
  const auth = request.headers.get("authorization")?.trim();
  if (!auth) return null;
  const [scheme, token] = auth.split(" ", 3);
  if (scheme.toLowerCase() !== "bearer" || !token) return null;
  return token;
}
