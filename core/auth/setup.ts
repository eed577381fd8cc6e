/**
 * Everything a Skiff API server needs from this package at start-up, in one call: the PKI, the token
 * file with its admin token, the ServiceAccount signing key and token issuer, the authenticator chain
 * (client certificates, static tokens, ServiceAccount tokens), and the admin's kubeconfig.
 *
 * @module
 */
import { join } from "node:path";
import { type Authenticator, unionAuthenticator } from "./authenticator.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { ensurePki, type Pki } from "./pki.ts";
import { ensureTokenFile, loadTokenFile } from "./token_file.ts";
import { ensureServiceAccountKey } from "./service_account_key.ts";
import { type ClientCertAuthenticator, createClientCertAuthenticator } from "./client_cert_authenticator.ts";
import {
  createServiceAccountTokenAuthenticator,
  createServiceAccountTokenIssuer,
  type ServiceAccountAuthenticatorOptions,
  type ServiceAccountTokenIssuer,
} from "./service_account_token.ts";

/** Options for {@link ensureAuth}. */
export interface EnsureAuthOptions {
  /** Extra names for the serving certificate, as for `ensurePki`. */
  sans?: string[];
  /**
   * The URL clients should use, e.g. "https://127.0.0.1:6443". When given, DATA_DIR/kubeconfig is
   * (re)written for the admin; leave it out when the port is only known after listening and call
   * `writeKubeconfig` then.
   */
  server?: string;
  /** The "iss" of ServiceAccount tokens; https://kubernetes.default.svc.cluster.local unless given. */
  serviceAccountIssuer?: string;
  /** The audiences the API server accepts tokens for; the issuer unless given. */
  apiAudiences?: string[];
  /** Refuses tokens of deleted or re-created ServiceAccounts (see `cachedServiceAccountCheck`). */
  isServiceAccountCurrent?: ServiceAccountAuthenticatorOptions["isCurrent"];
}

/** What {@link ensureAuth} set up. */
export interface AuthSetup {
  /** The CA and serving certificate. */
  pki: Pki;
  /** Every configured authenticator, adding "system:authenticated" to the users they find. */
  authenticator: Authenticator;
  /**
   * Client certificates signed by the CA; part of `authenticator`. Only requests served by
   * `serveWithClientCerts` carry one.
   */
  clientCertificates: ClientCertAuthenticator;
  /** Signs ServiceAccount tokens (the TokenRequest subresource) with DATA_DIR/pki/sa.key. */
  serviceAccountTokens: ServiceAccountTokenIssuer;
  /** The admin's bearer token, unless its line was removed from the token file. */
  adminToken?: string;
  /** DATA_DIR/tokens.csv and DATA_DIR/kubeconfig (the latter written only when a server URL was given). */
  paths: { tokens: string; kubeconfig: string };
}

/**
 * Creates or reuses DATA_DIR/pki, DATA_DIR/tokens.csv and, given a server URL, DATA_DIR/kubeconfig.
 *
 * @example
 * ```ts
 * const auth = await ensureAuth(".skiff", { server: "https://127.0.0.1:6443" });
 * app.use(authenticate(auth.authenticator));
 * Deno.serve({ ...auth.pki.serving, port: 6443 }, app.fetch);
 * ```
 */
export async function ensureAuth(dataDir: string, options: EnsureAuthOptions = {}): Promise<AuthSetup> {
  await Deno.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const paths = { tokens: join(dataDir, "tokens.csv"), kubeconfig: join(dataDir, "kubeconfig") };
  const pki = await ensurePki(dataDir, { sans: options.sans });
  const { adminToken } = await ensureTokenFile(paths.tokens);
  const { key: saKey } = await ensureServiceAccountKey(dataDir);
  const saOptions = {
    issuer: options.serviceAccountIssuer,
    audiences: options.apiAudiences,
    isCurrent: options.isServiceAccountCurrent,
  };
  const clientCertificates = createClientCertAuthenticator(pki.ca.cert);
  // Certificates first, as kube-apiserver orders x509 before tokens; then static tokens, as a digest
  // lookup is cheaper than an RSA verification.
  const authenticator = unionAuthenticator(
    clientCertificates,
    await loadTokenFile(paths.tokens),
    createServiceAccountTokenAuthenticator(saKey, saOptions),
  );
  const serviceAccountTokens = createServiceAccountTokenIssuer(saKey, saOptions);
  if (options.server && adminToken) {
    await writeKubeconfig(paths.kubeconfig, {
      server: options.server,
      caPem: pki.ca.cert,
      token: adminToken,
    });
  }
  return { pki, authenticator, clientCertificates, serviceAccountTokens, adminToken, paths };
}
