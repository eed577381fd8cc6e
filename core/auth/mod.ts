/**
 * Skiff's serving and authentication basics: the CA and serving certificate under DATA_DIR/pki, static
 * bearer tokens in DATA_DIR/tokens.csv, kubeconfig files, and the hono middleware that turns requests
 * into users. Further authenticators (client certificates, ServiceAccount JWTs) implement
 * {@link Authenticator} and join through {@link unionAuthenticator}; authorization reads `c.get("user")`.
 *
 * @example
 * ```ts
 * import { authenticate, ensureAuth } from "@skiff/auth";
 * // DATA_DIR/pki/{ca,apiserver}.{crt,key}, DATA_DIR/tokens.csv and DATA_DIR/kubeconfig
 * const auth = await ensureAuth(".skiff", { server: "https://127.0.0.1:6443" });
 * app.use(authenticate(auth.authenticator));
 * Deno.serve({ ...auth.pki.serving, port: 6443 }, app.fetch);
 * ```
 *
 * @module
 */
export {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  anonymousUser,
  type Authenticator,
  bearerToken,
  SYSTEM_MASTERS,
  unionAuthenticator,
  type UserInfo,
  withAuthenticatedGroup,
} from "./authenticator.ts";
export {
  type CertKeyPair,
  type ClientCertOptions,
  createCa,
  type CreateCaOptions,
  issueClientCert,
  issueServingCert,
  type ServingCertOptions,
} from "./certs.ts";
export {
  ensurePki,
  type EnsurePkiOptions,
  type Pki,
  type PkiPaths,
  RENEW_BEFORE_DAYS,
  type SubjectAltNames,
} from "./pki.ts";
export {
  ADMIN_USER,
  type AdminTokenOptions,
  ensureTokenFile,
  formatTokenRecord,
  generateToken,
  loadTokenFile,
  parseTokenFile,
  type TokenFileState,
  type TokenRecord,
} from "./token_file.ts";
export { createTokenAuthenticator, type TokenAuthenticator } from "./token_authenticator.ts";
export { type KubeconfigOptions, renderKubeconfig, writeKubeconfig } from "./kubeconfig.ts";
export {
  authenticate,
  type AuthenticateOptions,
  type AuthEnv,
  HEALTH_PATHS,
  isHealthPath,
  unauthorized,
} from "./middleware.ts";
export { type AuthSetup, ensureAuth, type EnsureAuthOptions } from "./setup.ts";
