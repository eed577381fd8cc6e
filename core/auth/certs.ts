/**
 * Certificate issuance for Skiff's private CA: the CA itself, the API server's serving certificate and
 * client certificates in Kubernetes' convention (CN = user name, O = groups). All keys are ECDSA P-256.
 *
 * @module
 */
import { splitSans } from "./_sans.ts";
import {
  type CertKeyPair,
  EC_P256,
  generateKeys,
  loadCa,
  privateKeyToPem,
  randomSerial,
  validity,
  x509,
} from "./_x509.ts";

export type { CertKeyPair } from "./_x509.ts";

/** Options for {@link createCa}. */
export interface CreateCaOptions {
  /** Subject common name; "skiff-ca" unless given. */
  commonName?: string;
  /** Days until expiry; 3650 (ten years) unless given. */
  validityDays?: number;
}

/** Options for {@link issueServingCert}. */
export interface ServingCertOptions {
  /** Host names and IP addresses the certificate is valid for; addresses are recognised as such. */
  sans: string[];
  /** Subject common name; "skiff-apiserver" unless given. Clients match the SANs, never this. */
  commonName?: string;
  /** Days until expiry; 365 unless given. */
  validityDays?: number;
}

/** Options for {@link issueClientCert}. */
export interface ClientCertOptions {
  /** The user name, written as the subject's CN. */
  username: string;
  /** Groups, each written as one O attribute. */
  groups?: string[];
  /** Days until expiry; 365 unless given. */
  validityDays?: number;
}

/**
 * A self-signed certificate authority with a new key.
 *
 * @example
 * ```ts
 * const ca = await createCa();
 * Deno.createHttpClient({ caCerts: [ca.cert] });
 * ```
 */
export async function createCa(options: CreateCaOptions = {}): Promise<CertKeyPair> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [options.commonName ?? "skiff-ca"] }],
    ...validity(options.validityDays ?? 3650),
    keys,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    ],
  }, crypto);
  return { cert: cert.toString("pem"), key: await privateKeyToPem(keys.privateKey) };
}

/**
 * A TLS server certificate signed by `ca`, valid for the given names and addresses.
 *
 * @example
 * ```ts
 * const ca = await createCa();
 * const serving = await issueServingCert(ca, { sans: ["localhost", "127.0.0.1"] });
 * Deno.serve({ ...serving, port: 6443 }, handler);
 * ```
 */
export async function issueServingCert(ca: CertKeyPair, options: ServingCertOptions): Promise<CertKeyPair> {
  const { dnsNames, ipAddresses } = splitSans(options.sans);
  const names: x509.JsonGeneralName[] = [
    ...dnsNames.map((value) => ({ type: "dns" as const, value })),
    ...ipAddresses.map((value) => ({ type: "ip" as const, value })),
  ];
  return await issue(ca, {
    subject: [{ CN: [options.commonName ?? "skiff-apiserver"] }],
    validityDays: options.validityDays ?? 365,
    extendedUsage: x509.ExtendedKeyUsage.serverAuth,
    extra: [new x509.SubjectAlternativeNameExtension(names, false)],
  });
}

/**
 * A TLS client certificate signed by `ca` naming a Kubernetes user: CN is the user name and each group
 * is an O attribute, which is how kube-apiserver's x509 authenticator reads them.
 *
 * @example
 * ```ts
 * const admin = await issueClientCert(pki.ca, { username: "alice", groups: ["system:masters"] });
 * Deno.createHttpClient({ caCerts: [pki.ca.cert], cert: admin.cert, key: admin.key });
 * ```
 */
export async function issueClientCert(ca: CertKeyPair, options: ClientCertOptions): Promise<CertKeyPair> {
  if (!options.username) throw new TypeError("a client certificate needs a user name");
  return await issue(ca, {
    // One RDN per attribute, groups first, as kubeadm writes "O = system:masters, CN = kubernetes-admin".
    subject: [...(options.groups ?? []).map((g) => ({ O: [g] })), { CN: [options.username] }],
    validityDays: options.validityDays ?? 365,
    extendedUsage: x509.ExtendedKeyUsage.clientAuth,
    extra: [],
  });
}

type LeafOptions = {
  subject: x509.JsonName;
  validityDays: number;
  extendedUsage: string;
  extra: x509.Extension[];
};

async function issue(caPair: CertKeyPair, o: LeafOptions): Promise<CertKeyPair> {
  const ca = await loadCa(caPair);
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: o.subject,
    issuer: ca.cert.subjectName,
    ...validity(o.validityDays),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // ECDSA keys only sign during the handshake; keyEncipherment would be wrong for them.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([o.extendedUsage], false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      await authorityKeyId(ca.cert),
      ...o.extra,
    ],
  }, crypto);
  return { cert: cert.toString("pem"), key: await privateKeyToPem(keys.privateKey) };
}

// Copies the CA's own key identifier, so chain building matches even for a CA made by another tool.
async function authorityKeyId(ca: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = ca.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId, false);
  return await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey, false, crypto);
}
