/**
 * The API server's PKI under DATA_DIR/pki: a CA made once and kept for good (every kubeconfig embeds
 * it), and a serving certificate that is re-issued whenever it no longer fits (names changed, expiring,
 * key or CA mismatch).
 *
 * @module
 */
import { join } from "node:path";
import { createCa, issueServingCert } from "./certs.ts";
import { readTextIfExists, writeFileAtomic } from "./_files.ts";
import { defaultSans, sameSans, splitSans, type SubjectAltNames } from "./_sans.ts";
import { type CertKeyPair, keyMatchesCert, loadCa, type LoadedCa, privateKeyFromPem, x509 } from "./_x509.ts";

export type { SubjectAltNames } from "./_sans.ts";

/** Options for {@link ensurePki}. */
export interface EnsurePkiOptions {
  /** Extra host names or IP addresses for the serving certificate (a load balancer, a Service IP). */
  sans?: string[];
}

/** Where {@link ensurePki} keeps its files. */
export interface PkiPaths {
  /** DATA_DIR/pki, mode 0700. */
  dir: string;
  /** ca.crt, mode 0644. */
  caCert: string;
  /** ca.key, mode 0600. */
  caKey: string;
  /** apiserver.crt, mode 0644. */
  servingCert: string;
  /** apiserver.key, mode 0600. */
  servingKey: string;
}

/** The PKI as PEM text, ready for `Deno.serve({ ...pki.serving })` and kubeconfigs. */
export interface Pki {
  /** The CA clients trust; never replaced once created. */
  ca: CertKeyPair;
  /** The API server's certificate and key. */
  serving: CertKeyPair;
  /** The names the serving certificate covers. */
  sans: SubjectAltNames;
  /** Where the four files are. */
  paths: PkiPaths;
  /** What this call created: the CA only on first start, the serving certificate whenever it had to. */
  generated: { ca: boolean; serving: boolean };
  /** Why the serving certificate was issued by this call, for the start-up log. */
  reason?: string;
}

/** The serving certificate is replaced once it has less than this left. */
export const RENEW_BEFORE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates or reuses the PKI under `dataDir/pki`. The CA is made on first start only; if one of its two
 * files is missing this throws rather than silently making a new CA that every client would reject.
 * The serving certificate is re-issued when its names differ from those wanted now, it expires within
 * {@link RENEW_BEFORE_DAYS} days, or it or its key does not belong to the CA.
 *
 * @example
 * ```ts
 * const pki = await ensurePki(".skiff", { sans: ["api.example.com"] });
 * Deno.serve({ ...pki.serving, port: 6443 }, app.fetch);
 * ```
 */
export async function ensurePki(dataDir: string, options: EnsurePkiOptions = {}): Promise<Pki> {
  const dir = join(dataDir, "pki");
  const paths: PkiPaths = {
    dir,
    caCert: join(dir, "ca.crt"),
    caKey: join(dir, "ca.key"),
    servingCert: join(dir, "apiserver.crt"),
    servingKey: join(dir, "apiserver.key"),
  };
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });

  const { ca, created: caCreated } = await ensureCa(paths);
  const sans = defaultSans(options.sans);
  const existing = await readPair(paths.servingCert, paths.servingKey);
  const reason = caCreated ? "first start" : await servingProblem(existing, await loadCa(ca), sans);
  if (existing && !reason) {
    return { ca, serving: existing, sans, paths, generated: { ca: false, serving: false } };
  }

  const serving = await issueServingCert(ca, { sans: [...sans.dnsNames, ...sans.ipAddresses] });
  // Key first: a crash between the two writes leaves a mismatched pair, which the next start re-issues.
  await writeFileAtomic(paths.servingKey, serving.key, 0o600);
  await writeFileAtomic(paths.servingCert, serving.cert, 0o644);
  return { ca, serving, sans, paths, generated: { ca: caCreated, serving: true }, reason };
}

async function ensureCa(paths: PkiPaths): Promise<{ ca: CertKeyPair; created: boolean }> {
  const cert = await readTextIfExists(paths.caCert);
  const key = await readTextIfExists(paths.caKey);
  if (cert !== undefined && key !== undefined) {
    const loaded = await loadCa({ cert, key }).catch((cause) => {
      throw new Error(`cannot read the CA in ${paths.dir}`, { cause });
    });
    if (!await keyMatchesCert(loaded.key, loaded.cert)) {
      throw new Error(`${paths.caKey} is not the key of ${paths.caCert}`);
    }
    return { ca: { cert, key }, created: false };
  }
  if (cert !== undefined || key !== undefined) {
    const [present, missing] = cert !== undefined ? [paths.caCert, paths.caKey] : [paths.caKey, paths.caCert];
    throw new Error(
      `${missing} is missing but ${present} exists; restore it, or remove both to create a new CA ` +
        `(which invalidates every kubeconfig and client certificate issued so far)`,
    );
  }
  const ca = await createCa();
  await writeFileAtomic(paths.caKey, ca.key, 0o600);
  await writeFileAtomic(paths.caCert, ca.cert, 0o644);
  return { ca, created: true };
}

async function readPair(certPath: string, keyPath: string): Promise<CertKeyPair | undefined> {
  const cert = await readTextIfExists(certPath);
  const key = await readTextIfExists(keyPath);
  return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}

/** Why the serving certificate on disk cannot be reused, or undefined when it can. */
async function servingProblem(
  pair: CertKeyPair | undefined,
  ca: LoadedCa,
  wanted: SubjectAltNames,
): Promise<string | undefined> {
  if (!pair) return "serving certificate missing";
  let cert: x509.X509Certificate, key: CryptoKey;
  try {
    cert = new x509.X509Certificate(pair.cert);
    key = await privateKeyFromPem(pair.key);
  } catch {
    return "serving certificate unreadable";
  }
  if (!await keyMatchesCert(key, cert)) return "serving key does not match its certificate";
  const signed = cert.issuer === ca.cert.subject &&
    await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }, crypto).catch(() => false);
  if (!signed) return "serving certificate not signed by the CA";
  if (cert.notAfter.getTime() - Date.now() < RENEW_BEFORE_DAYS * DAY_MS) {
    return `serving certificate expires ${cert.notAfter.toISOString()}`;
  }
  if (!sameSans(certSans(cert), wanted)) return "serving certificate names changed";
  return undefined;
}

function certSans(cert: x509.X509Certificate): SubjectAltNames {
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = (ext?.names.items ?? []).filter((n) => n.type === "dns" || n.type === "ip").map((n) =>
    n.value
  );
  try {
    return splitSans(names);
  } catch {
    return { dnsNames: [], ipAddresses: [] };
  }
}
