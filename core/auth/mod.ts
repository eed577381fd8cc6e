/**
 * Skiff's serving and authentication basics: the CA and serving certificate under DATA_DIR/pki, static
 * bearer tokens in DATA_DIR/tokens.csv, kubeconfig files, and the hono middleware that turns requests
 * into users. Client certificates (on the node:https listener of client_cert_server.ts, as Deno.serve
 * cannot ask for them) and ServiceAccount JWTs (signed with DATA_DIR/pki/sa.key) join the static tokens through
 * {@link unionAuthenticator}. Authorization is RBAC
 * ({@link RbacAuthorizer}, fed by the API server's RBAC controller) behind the {@link authorize}
 * middleware, which reads `c.get("user")` and the request's {@link RequestInfo}. The audit middleware writes
 * audit.k8s.io Events for writes and refusals to a size-capped, rotated JSON-lines file.
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
export {
  ensureServiceAccountKey,
  loadServiceAccountKey,
  SERVICE_ACCOUNT_TOKEN_ALG,
  type ServiceAccountKey,
  type ServiceAccountKeyFiles,
} from "./service_account_key.ts";
export {
  createServiceAccountTokenAuthenticator,
  createServiceAccountTokenIssuer,
  DEFAULT_API_AUDIENCES,
  DEFAULT_SERVICE_ACCOUNT_ISSUER,
  EXTRA_CREDENTIAL_ID,
  EXTRA_NODE_NAME,
  EXTRA_NODE_UID,
  EXTRA_POD_NAME,
  EXTRA_POD_UID,
  type IssuedToken,
  type IssueOptions,
  type ObjectRef,
  SERVICE_ACCOUNT_USER_PREFIX,
  SERVICE_ACCOUNTS_GROUP,
  type ServiceAccountAuthenticatorOptions,
  type ServiceAccountRef,
  type ServiceAccountTokenIssuer,
  type ServiceAccountTokenOptions,
  serviceAccountUsername,
} from "./service_account_token.ts";
export { cachedServiceAccountCheck, type ServiceAccountCheckOptions } from "./service_account_check.ts";
export {
  type ClientCertAuthenticator,
  createClientCertAuthenticator,
  EXTRA_CREDENTIAL_ID_X509,
} from "./client_cert_authenticator.ts";
export {
  type ClientCertServeInfo,
  type ClientCertServer,
  type ClientCertServerOptions,
  serveWithClientCerts,
} from "./client_cert_server.ts";
export { audit, AUDITED_WRITE_VERBS, type AuditEvent, type AuditObjectRef } from "./audit.ts";
export { type AuditLog, type AuditLogOptions, openAuditLog } from "./audit_log.ts";
export { parseRequestInfo, type RequestInfo, resourceAttributes } from "./rbac/request_info.ts";
export {
  apiGroupMatches,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  rulesAllow,
  verbMatches,
} from "./rbac/rules.ts";
export {
  alwaysAllow,
  type Authorizer,
  type Decision,
  RbacAuthorizer,
  type RbacKind,
  type RuleSet,
} from "./rbac/authorizer.ts";
export { aggregatedRules, sameRules } from "./rbac/aggregation.ts";
export {
  AUTOUPDATE_ANNOTATION,
  BOOTSTRAP_LABEL,
  bootstrapClusterRoleBindings,
  bootstrapClusterRoles,
} from "./rbac/bootstrap.ts";
export { forbidden, forbiddenMessage, forbiddenStatus } from "./rbac/forbidden.ts";
export { authorize } from "./rbac/middleware.ts";
export { impersonate, requestedImpersonation } from "./rbac/impersonation.ts";
export { covers, describeMissing, escalationRefusal, type RbacWrite } from "./rbac/escalation.ts";
