import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { unionAuthenticator } from "./authenticator.ts";
import { ensureServiceAccountKey, type ServiceAccountKey } from "./service_account_key.ts";
import {
  createServiceAccountTokenAuthenticator,
  createServiceAccountTokenIssuer,
  DEFAULT_SERVICE_ACCOUNT_ISSUER,
  EXTRA_CREDENTIAL_ID,
  EXTRA_NODE_NAME,
  EXTRA_POD_NAME,
  EXTRA_POD_UID,
} from "./service_account_token.ts";
import { createTokenAuthenticator } from "./token_authenticator.ts";

async function newKey(): Promise<ServiceAccountKey> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-sa-token-" });
  try {
    return (await ensureServiceAccountKey(dir)).key;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const key = await newKey();
const robot = { namespace: "default", name: "robot", uid: "7e6d0c4a-0000-4000-8000-000000000001" };
const bearer = (token: string) =>
  new Request("https://skiff/api", { headers: { authorization: `Bearer ${token}` } });

Deno.test("an issued token carries Kubernetes' bound-token claims and the key id", async () => {
  const issuer = createServiceAccountTokenIssuer(key);
  const now = new Date("2026-11-23T12:00:00Z");
  const { token, expirationTimestamp } = await issuer.issue(robot, { expirationSeconds: 600, now });
  assert.deepEqual(decodeProtectedHeader(token), { alg: "RS256", kid: key.keyId });
  const claims = decodeJwt(token);
  const iat = now.getTime() / 1000;
  assert.equal(claims.iss, DEFAULT_SERVICE_ACCOUNT_ISSUER);
  assert.equal(claims.sub, "system:serviceaccount:default:robot");
  assert.deepEqual(claims.aud, [DEFAULT_SERVICE_ACCOUNT_ISSUER]);
  assert.deepEqual([claims.iat, claims.nbf, claims.exp], [iat, iat, iat + 600]);
  assert.match(claims.jti!, /^[0-9a-f-]{36}$/);
  assert.deepEqual(claims["kubernetes.io"], {
    namespace: "default",
    serviceaccount: { name: "robot", uid: robot.uid },
  });
  assert.equal(expirationTimestamp.toISOString(), "2026-11-23T12:10:00.000Z");
});

Deno.test("a valid token authenticates as the ServiceAccount with its groups and credential id", async () => {
  const { token } = await createServiceAccountTokenIssuer(key).issue(robot);
  const user = await createServiceAccountTokenAuthenticator(key).authenticate(bearer(token));
  assert.deepEqual(user, {
    username: "system:serviceaccount:default:robot",
    uid: robot.uid,
    groups: ["system:serviceaccounts", "system:serviceaccounts:default"],
    extra: { [EXTRA_CREDENTIAL_ID]: [`JTI=${decodeJwt(token).jti}`] },
  });
});

Deno.test("a pod-bound token names the pod and its node in the user's extra", async () => {
  const { token } = await createServiceAccountTokenIssuer(key).issue(robot, {
    pod: { name: "web-0", uid: "p-1" },
    node: { name: "node-a", uid: "n-1" },
  });
  const user = await createServiceAccountTokenAuthenticator(key).authenticate(bearer(token));
  assert.deepEqual(user?.extra?.[EXTRA_POD_NAME], ["web-0"]);
  assert.deepEqual(user?.extra?.[EXTRA_POD_UID], ["p-1"]);
  assert.deepEqual(user?.extra?.[EXTRA_NODE_NAME], ["node-a"]);
});

Deno.test("expired, tampered, foreign-key and wrong-audience tokens are refused", async () => {
  const issuer = createServiceAccountTokenIssuer(key);
  const authn = createServiceAccountTokenAuthenticator(key);
  // Past the minute of clock skew Kubernetes tolerates.
  const expired = await issuer.issue(robot, { expirationSeconds: 600, now: new Date(Date.now() - 661_000) });
  assert.equal(await authn.authenticate(bearer(expired.token)), null);
  const justExpired = await issuer.issue(robot, {
    expirationSeconds: 600,
    now: new Date(Date.now() - 630_000),
  });
  assert.notEqual(await authn.authenticate(bearer(justExpired.token)), null, "within the leeway");

  const { token } = await issuer.issue(robot);
  const [h, p, s] = token.split(".");
  const claims = JSON.parse(new TextDecoder().decode(decodeB64Url(p)));
  claims["kubernetes.io"].serviceaccount.name = "admin";
  claims.sub = "system:serviceaccount:default:admin";
  const forged = `${h}.${encodeB64Url(new TextEncoder().encode(JSON.stringify(claims)))}.${s}`;
  assert.equal(await authn.authenticate(bearer(forged)), null);

  const other = await createServiceAccountTokenIssuer(await newKey()).issue(robot);
  assert.equal(await authn.authenticate(bearer(other.token)), null);

  const elsewhere = await issuer.issue(robot, { audiences: ["vault"] });
  assert.equal(await authn.authenticate(bearer(elsewhere.token)), null);
  const vault = createServiceAccountTokenAuthenticator(key, { audiences: ["vault"] });
  assert.notEqual(await vault.authenticate(bearer(elsewhere.token)), null);
});

Deno.test("tokens from another issuer and non-JWT tokens are left to the other authenticators", async () => {
  const foreign = await createServiceAccountTokenIssuer(key, { issuer: "https://oidc.example" }).issue(robot);
  const authn = createServiceAccountTokenAuthenticator(key);
  assert.equal(await authn.authenticate(bearer(foreign.token)), null);
  assert.equal(await authn.authenticate(bearer("not-a-jwt")), null);
  assert.equal(await authn.authenticate(bearer("a.b.c")), null);

  const union = unionAuthenticator(
    await createTokenAuthenticator([{ token: "static", username: "bob", uid: "", groups: [] }]),
    authn,
  );
  assert.equal((await union.authenticate(bearer("static")))?.username, "bob");
  const { token } = await createServiceAccountTokenIssuer(key).issue(robot);
  assert.deepEqual((await union.authenticate(bearer(token)))?.groups, [
    "system:serviceaccounts",
    "system:serviceaccounts:default",
    "system:authenticated",
  ]);
});

Deno.test("with an isCurrent check, tokens of deleted or re-created accounts are refused", async () => {
  const { token } = await createServiceAccountTokenIssuer(key).issue(robot);
  const current = new Map([["default/robot", robot.uid]]);
  const authn = createServiceAccountTokenAuthenticator(key, {
    isCurrent: (sa) => current.get(`${sa.namespace}/${sa.name}`) === sa.uid,
  });
  assert.notEqual(await authn.authenticate(bearer(token)), null);
  current.set("default/robot", "a-new-uid");
  assert.equal(await authn.authenticate(bearer(token)), null);
  current.delete("default/robot");
  assert.equal(await authn.authenticate(bearer(token)), null);
});

function decodeB64Url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

function encodeB64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
