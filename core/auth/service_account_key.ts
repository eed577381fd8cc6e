/**
 * The key pair that signs ServiceAccount tokens: RS256, as kube-apiserver's --service-account-signing-key-file
 * usually is, kept under DATA_DIR/pki as sa.key (PKCS#8, 0600) and sa.pub (SPKI, 0644) and reused on every
 * start like the CA, so tokens issued before a restart stay valid after it.
 *
 * @module
 */
import { join } from "node:path";
import { readTextIfExists, writeFileAtomic } from "./_files.ts";
import { x509 } from "./_x509.ts";

/** The JWS algorithm of every ServiceAccount token Skiff issues. */
export const SERVICE_ACCOUNT_TOKEN_ALG = "RS256";

/** RS256 in WebCrypto terms. */
const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** A loaded signing key pair. */
export interface ServiceAccountKey {
  /** Signs tokens. */
  privateKey: CryptoKey;
  /** Verifies them. */
  publicKey: CryptoKey;
  /** The JWS "kid": base64url of the SHA-256 of the public key's DER, as kube-apiserver computes it. */
  keyId: string;
  /** sa.pub as PEM, for anyone verifying tokens outside the API server. */
  publicPem: string;
}

/** Where {@link ensureServiceAccountKey} keeps the key pair, and whether it made it now. */
export interface ServiceAccountKeyFiles {
  key: ServiceAccountKey;
  paths: { privateKey: string; publicKey: string };
  generated: boolean;
}

/**
 * Loads DATA_DIR/pki/sa.key and sa.pub, or creates both on first start. If only one of them exists it
 * throws rather than making a new pair, which would silently invalidate every token issued so far.
 *
 * @example
 * ```ts
 * const { key } = await ensureServiceAccountKey(".skiff");
 * key.keyId; // "Xb3...", stable across restarts
 * ```
 */
export async function ensureServiceAccountKey(dataDir: string): Promise<ServiceAccountKeyFiles> {
  const dir = join(dataDir, "pki");
  const paths = { privateKey: join(dir, "sa.key"), publicKey: join(dir, "sa.pub") };
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const privatePem = await readTextIfExists(paths.privateKey);
  const publicPem = await readTextIfExists(paths.publicKey);
  if (privatePem !== undefined && publicPem !== undefined) {
    const key = await loadServiceAccountKey(privatePem, publicPem).catch((cause) => {
      throw new Error(`cannot read the ServiceAccount signing key in ${dir}`, { cause });
    });
    return { key, paths, generated: false };
  }
  if (privatePem !== undefined || publicPem !== undefined) {
    const [present, missing] = privatePem !== undefined
      ? [paths.privateKey, paths.publicKey]
      : [paths.publicKey, paths.privateKey];
    throw new Error(
      `${missing} is missing but ${present} exists; restore it, or remove both to make a new signing key ` +
        `(which invalidates every ServiceAccount token issued so far)`,
    );
  }
  const pair = await crypto.subtle.generateKey(
    { ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );
  const newPrivate = x509.PemConverter.encode(
    await crypto.subtle.exportKey("pkcs8", pair.privateKey),
    "PRIVATE KEY",
  );
  const newPublic = x509.PemConverter.encode(
    await crypto.subtle.exportKey("spki", pair.publicKey),
    "PUBLIC KEY",
  );
  // Private half first: a crash between the writes leaves sa.key alone, which the next start refuses
  // loudly instead of pairing it with a stranger.
  await writeFileAtomic(paths.privateKey, newPrivate, 0o600);
  await writeFileAtomic(paths.publicKey, newPublic, 0o644);
  return { key: await loadServiceAccountKey(newPrivate, newPublic), paths, generated: true };
}

/**
 * Reads a PEM key pair (PKCS#8 private, SPKI public) and checks the two belong together.
 *
 * @example
 * ```ts
 * const key = await loadServiceAccountKey(await Deno.readTextFile("sa.key"), await Deno.readTextFile("sa.pub"));
 * ```
 */
export async function loadServiceAccountKey(
  privatePem: string,
  publicPem: string,
): Promise<ServiceAccountKey> {
  const privateKey = await crypto.subtle.importKey("pkcs8", pemDer(privatePem), RS256, true, ["sign"]);
  const publicKey = await crypto.subtle.importKey("spki", pemDer(publicPem), RS256, true, ["verify"]);
  const [priv, pub] = await Promise.all([
    crypto.subtle.exportKey("jwk", privateKey),
    crypto.subtle.exportKey("jwk", publicKey),
  ]);
  if (priv.n !== pub.n || priv.e !== pub.e) throw new Error("sa.key is not the private half of sa.pub");
  return { privateKey, publicKey, keyId: await keyIdOf(publicKey), publicPem };
}

function pemDer(pem: string): ArrayBuffer {
  const [der] = x509.PemConverter.decode(pem);
  if (!der) throw new Error("no PEM block in key");
  return der;
}

async function keyIdOf(publicKey: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("spki", publicKey);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  let binary = "";
  for (const b of hash) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
