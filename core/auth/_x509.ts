/**
 * The one place that loads @peculiar/x509 (after the Reflect shim it needs) and the small key and
 * certificate helpers every PKI file shares. Only ECDSA P-256 keys are produced and read.
 *
 * @module
 */
import "./_reflect.ts";
import * as x509 from "@peculiar/x509";

export { x509 };

/** Key generation, import and signing parameters: ECDSA over P-256 with SHA-256. */
export const EC_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate and its private key, both PEM. */
export type CertKeyPair = { cert: string; key: string };

/** A certificate with its parsed form and signing key, ready to sign others. */
export type LoadedCa = { cert: x509.X509Certificate; key: CryptoKey };

/** A fresh, extractable P-256 key pair. */
export function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_P256, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

/** PKCS#8 PEM ("PRIVATE KEY"), which Deno.serve, Go and OpenSSL all read. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** Reads a PKCS#8 P-256 private key; fails with a plain message for anything else. */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const [der] = x509.PemConverter.decode(pem);
  if (!der) throw new Error("no PEM block in private key");
  try {
    return await crypto.subtle.importKey("pkcs8", der, EC_P256, true, ["sign"]);
  } catch (cause) {
    throw new Error("private key is not a PKCS#8 ECDSA P-256 key", { cause });
  }
}

/** Parses a PEM certificate and its PKCS#8 key into a signer. */
export async function loadCa(ca: CertKeyPair): Promise<LoadedCa> {
  return { cert: new x509.X509Certificate(ca.cert), key: await privateKeyFromPem(ca.key) };
}

/**
 * A random positive serial of 16 bytes. Go refuses negative serials and DER wants no leading zero byte,
 * so the top bit is cleared and the next one set, leaving 126 random bits.
 */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Validity window starting an hour in the past, so a client whose clock runs a little behind still
 * accepts a certificate issued a moment ago.
 */
export function validity(days: number, now = new Date()): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter: new Date(now.getTime() + days * DAY_MS),
  };
}

/** True when the private key is the one whose public half the certificate carries. */
export async function keyMatchesCert(key: CryptoKey, cert: x509.X509Certificate): Promise<boolean> {
  const priv = await crypto.subtle.exportKey("jwk", key);
  const pub = await crypto.subtle.exportKey("jwk", await cert.publicKey.export(EC_P256, ["verify"], crypto));
  return priv.x === pub.x && priv.y === pub.y && priv.crv === pub.crv;
}
