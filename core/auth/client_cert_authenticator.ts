/**
 * Client-certificate authentication as kube-apiserver's x509 authenticator does it: a certificate
 * signed by the cluster CA, currently valid and usable for client authentication names the user in its
 * subject's CN and the groups in its O attributes.
 *
 * Deno.serve does not expose the peer certificate, so the TLS server that does (see
 * client_cert_server.ts) {@link ClientCertAuthenticator.attach | attaches} it to each request it makes;
 * requests from anywhere else carry none and are left to the other authenticators.
 *
 * @module
 */
import type { Authenticator, UserInfo } from "./authenticator.ts";
import { x509 } from "./_x509.ts";

/** The extra key kube-apiserver sets to the certificate's fingerprint. */
export const EXTRA_CREDENTIAL_ID_X509 = "authentication.kubernetes.io/credential-id";

/** An {@link Authenticator} for the client certificates a TLS server attached to requests. */
export interface ClientCertAuthenticator extends Authenticator {
  /** Records the DER leaf certificate the client presented on the connection `request` came over. */
  attach(request: Request, der: Uint8Array): void;
}

/**
 * An authenticator trusting certificates signed by the CA in `caPem`.
 *
 * @example
 * ```ts
 * const certs = createClientCertAuthenticator(pki.ca.cert);
 * certs.attach(request, peerDer); // done by serveWithClientCerts
 * await certs.authenticate(request); // { username: "alice", groups: ["devs"], extra: {...} }
 * ```
 */
export function createClientCertAuthenticator(caPem: string): ClientCertAuthenticator {
  const ca = new x509.X509Certificate(caPem);
  const presented = new WeakMap<Request, Uint8Array>();
  return {
    attach(request, der) {
      presented.set(request, der);
    },
    async authenticate(request) {
      const der = presented.get(request);
      if (!der) return null;
      let cert: x509.X509Certificate;
      try {
        cert = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
      } catch {
        return null;
      }
      if (!await verified(cert, ca)) return null;
      return await userOf(cert);
    },
  };
}

/** Signed by the CA, within its validity window, and allowed for client authentication. */
async function verified(cert: x509.X509Certificate, ca: x509.X509Certificate): Promise<boolean> {
  const now = Date.now();
  if (now < cert.notBefore.getTime() || now > cert.notAfter.getTime()) return false;
  if (now > ca.notAfter.getTime()) return false;
  if (cert.issuer !== ca.subject) return false;
  const signed = await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }, crypto).catch(() =>
    false
  );
  if (!signed) return false;
  // As Go's x509 verification with ExtKeyUsageClientAuth: no EKU extension means any usage.
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  return !eku || eku.usages.includes(x509.ExtendedKeyUsage.clientAuth) ||
    eku.usages.includes("2.5.29.37.0" as x509.ExtendedKeyUsageType);
}

/** CN is the user, each O a group; a certificate without a CN names nobody (kube-apiserver's rule). */
async function userOf(cert: x509.X509Certificate): Promise<UserInfo | null> {
  const [username] = cert.subjectName.getField("CN");
  if (!username) return null;
  const fingerprint = new Uint8Array(await cert.getThumbprint("SHA-256", crypto));
  const hex = Array.from(fingerprint, (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    username,
    groups: cert.subjectName.getField("O"),
    extra: { [EXTRA_CREDENTIAL_ID_X509]: [`X509SHA256=${hex}`] },
  };
}
