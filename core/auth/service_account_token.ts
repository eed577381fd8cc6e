/**
 * ServiceAccount tokens as kube-apiserver issues and checks them: RS256 JWTs whose private
 * "kubernetes.io" claim names the namespace, the ServiceAccount (name and uid) and optionally the Pod,
 * Secret or Node the token is bound to. Checking one needs no store read: the signature, issuer, expiry
 * and audience say everything; an optional lookup can add "does this ServiceAccount still exist".
 *
 * @module
 */
import { decodeJwt, errors as joseErrors, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { type Authenticator, bearerToken, type UserInfo } from "./authenticator.ts";
import { SERVICE_ACCOUNT_TOKEN_ALG, type ServiceAccountKey } from "./service_account_key.ts";

/** kube-apiserver's default --service-account-issuer, also its default API audience. */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";
/** The audiences the API server accepts unless configured otherwise: the issuer, as Kubernetes does. */
export const DEFAULT_API_AUDIENCES: readonly string[] = [DEFAULT_SERVICE_ACCOUNT_ISSUER];
/** The user-name prefix of every ServiceAccount. */
export const SERVICE_ACCOUNT_USER_PREFIX = "system:serviceaccount:";
/** The group of all ServiceAccounts; each is also in `system:serviceaccounts:NAMESPACE`. */
export const SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";
/** Extra keys kube-apiserver sets on ServiceAccount users. */
export const EXTRA_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";
/** The bound Pod's name. */
export const EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";
/** The bound Pod's uid. */
export const EXTRA_POD_UID = "authentication.kubernetes.io/pod-uid";
/** The Node the token (or its Pod) is bound to. */
export const EXTRA_NODE_NAME = "authentication.kubernetes.io/node-name";
/** That Node's uid. */
export const EXTRA_NODE_UID = "authentication.kubernetes.io/node-uid";

/** Clock skew tolerated on exp, nbf and iat: go-jose's DefaultLeeway, which Kubernetes relies on. */
const LEEWAY_SECONDS = 60;

/** A name and uid, as the "kubernetes.io" claim refers to objects. */
export interface ObjectRef {
  name: string;
  uid: string;
}

/** Who a token is for. */
export interface ServiceAccountRef extends ObjectRef {
  namespace: string;
}

/** What a token is bound to besides its ServiceAccount, and for how long and whom it is valid. */
export interface IssueOptions {
  /** Who may accept the token; the API server's audiences when empty or left out. */
  audiences?: string[];
  /** Lifetime in seconds; 3600 unless given. */
  expirationSeconds?: number;
  /** The Pod the token is bound to. */
  pod?: ObjectRef;
  /** The Secret the token is bound to. */
  secret?: ObjectRef;
  /** The Node the token (or its Pod) is bound to. */
  node?: ObjectRef;
  /** Issue time; now unless given (tests use it to make expired tokens). */
  now?: Date;
}

/** A signed token and when it stops being accepted. */
export interface IssuedToken {
  token: string;
  expirationTimestamp: Date;
}

/** Signs ServiceAccount tokens; what the TokenRequest subresource calls. */
export interface ServiceAccountTokenIssuer {
  /** The audiences a token gets when the request names none. */
  readonly audiences: readonly string[];
  /** A token for `serviceAccount`. */
  issue(serviceAccount: ServiceAccountRef, options?: IssueOptions): Promise<IssuedToken>;
}

/** Options shared by the issuer and the authenticator. */
export interface ServiceAccountTokenOptions {
  /** The "iss" written into tokens; {@link DEFAULT_SERVICE_ACCOUNT_ISSUER} unless given. */
  issuer?: string;
  /** The API server's audiences; {@link DEFAULT_API_AUDIENCES} unless given. */
  audiences?: readonly string[];
}

/** Options of {@link createServiceAccountTokenAuthenticator}. */
export interface ServiceAccountAuthenticatorOptions extends ServiceAccountTokenOptions {
  /**
   * Whether the ServiceAccount a token names still exists with the token's uid (see
   * {@link cachedServiceAccountCheck}). When given, tokens of deleted or re-created accounts are refused.
   */
  isCurrent?: (serviceAccount: ServiceAccountRef) => boolean | Promise<boolean>;
}

/** The private claim, as pkg/serviceaccount/claims.go writes it. */
interface KubernetesClaim {
  namespace?: string;
  serviceaccount?: Partial<ObjectRef>;
  pod?: Partial<ObjectRef>;
  secret?: Partial<ObjectRef>;
  node?: Partial<ObjectRef>;
}

/**
 * The user name of a ServiceAccount: "system:serviceaccount:NAMESPACE:NAME".
 *
 * @example
 * ```ts
 * serviceAccountUsername("default", "robot"); // "system:serviceaccount:default:robot"
 * ```
 */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/**
 * An issuer signing with `key`.
 *
 * @example
 * ```ts
 * const issuer = createServiceAccountTokenIssuer(key);
 * const { token } = await issuer.issue({ namespace: "default", name: "robot", uid: "6f0c..." });
 * ```
 */
export function createServiceAccountTokenIssuer(
  key: ServiceAccountKey,
  options: ServiceAccountTokenOptions = {},
): ServiceAccountTokenIssuer {
  const iss = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  const audiences = [...options.audiences ?? DEFAULT_API_AUDIENCES];
  return {
    audiences,
    async issue(sa, o = {}) {
      const now = o.now ?? new Date();
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + (o.expirationSeconds ?? 3600);
      const claim: KubernetesClaim = {
        namespace: sa.namespace,
        serviceaccount: { name: sa.name, uid: sa.uid },
      };
      // Kubernetes writes node after pod and secret; key order does not matter to verifiers.
      if (o.pod) claim.pod = { name: o.pod.name, uid: o.pod.uid };
      if (o.secret) claim.secret = { name: o.secret.name, uid: o.secret.uid };
      if (o.node) claim.node = { name: o.node.name, uid: o.node.uid };
      const token = await new SignJWT({ "kubernetes.io": claim } as unknown as JWTPayload)
        .setProtectedHeader({ alg: SERVICE_ACCOUNT_TOKEN_ALG, kid: key.keyId })
        .setIssuer(iss)
        .setSubject(serviceAccountUsername(sa.namespace, sa.name))
        .setAudience(o.audiences?.length ? o.audiences : audiences)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .setJti(crypto.randomUUID())
        .sign(key.privateKey);
      // From the same second as exp, so the status never promises more than the token holds.
      return { token, expirationTimestamp: new Date(exp * 1000) };
    },
  };
}

/**
 * An authenticator for ServiceAccount tokens signed by `key`. A bearer token that is not a JWT from
 * this issuer is left to the other authenticators (null); one that is but fails a check is also null,
 * which the middleware answers with 401.
 *
 * @example
 * ```ts
 * const authn = unionAuthenticator(tokens, createServiceAccountTokenAuthenticator(key));
 * await authn.authenticate(request); // { username: "system:serviceaccount:default:robot", ... }
 * ```
 */
export function createServiceAccountTokenAuthenticator(
  key: ServiceAccountKey,
  options: ServiceAccountAuthenticatorOptions = {},
): Authenticator {
  const iss = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  const audiences = [...options.audiences ?? DEFAULT_API_AUDIENCES];
  return {
    async authenticate(request) {
      const token = bearerToken(request);
      if (token === null || token.split(".").length !== 3) return null;
      let payload: JWTPayload;
      try {
        // Cheap pre-check, as kube-apiserver's hasCorrectIssuer: another issuer's JWT is not ours to judge.
        if (decodeJwt(token).iss !== iss) return null;
        ({ payload } = await jwtVerify(token, key.publicKey, {
          algorithms: [SERVICE_ACCOUNT_TOKEN_ALG],
          issuer: iss,
          audience: audiences,
          clockTolerance: LEEWAY_SECONDS,
          requiredClaims: ["exp", "sub"],
        }));
      } catch (e) {
        if (e instanceof joseErrors.JOSEError || e instanceof TypeError) return null;
        throw e;
      }
      const user = userOf(payload);
      if (!user || !options.isCurrent) return user;
      const k = payload["kubernetes.io"] as KubernetesClaim;
      const current = await options.isCurrent({
        namespace: k.namespace!,
        name: k.serviceaccount!.name!,
        uid: k.serviceaccount!.uid!,
      });
      return current ? user : null;
    },
  };
}

/** The user a verified payload names, or null when its private claim is incomplete. */
function userOf(payload: JWTPayload): UserInfo | null {
  const k = payload["kubernetes.io"] as KubernetesClaim | undefined;
  const namespace = k?.namespace, name = k?.serviceaccount?.name, uid = k?.serviceaccount?.uid;
  if (!namespace || !name || !uid) return null;
  if (payload.sub !== serviceAccountUsername(namespace, name)) return null;
  const extra: Record<string, string[]> = {};
  if (payload.jti) extra[EXTRA_CREDENTIAL_ID] = [`JTI=${payload.jti}`];
  if (k.pod?.name && k.pod.uid) {
    extra[EXTRA_POD_NAME] = [k.pod.name];
    extra[EXTRA_POD_UID] = [k.pod.uid];
  }
  if (k.node?.name) {
    extra[EXTRA_NODE_NAME] = [k.node.name];
    if (k.node.uid) extra[EXTRA_NODE_UID] = [k.node.uid];
  }
  return {
    username: serviceAccountUsername(namespace, name),
    uid,
    groups: [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`],
    extra,
  };
}
