import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import {
  createServiceAccountTokenAuthenticator,
  createServiceAccountTokenIssuer,
  ensureServiceAccountKey,
} from "@skiff/auth";
import { openEmbeddedStore } from "@skiff/store";
import { type ApiServer, createApiServer } from "./app.ts";
import { pod } from "./testing/api_fixture.ts";

const ISSUER = "https://kubernetes.default.svc.cluster.local";
// One RSA key for every test: generating one takes a few hundred milliseconds.
const key = await (async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-token-request-key-" });
  try {
    return (await ensureServiceAccountKey(dir)).key;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
})();
const SA = "/api/v1/namespaces/default/serviceaccounts";

/** A real API server with a real signing key, driven with app.request. */
async function withServer(
  fn: (
    req: (
      method: string,
      path: string,
      body?: unknown,
      type?: string,
      // deno-lint-ignore no-explicit-any
    ) => Promise<{ status: number; body: any }>,
    ctx: { api: ApiServer; verify: (token: string) => Promise<unknown> },
  ) => Promise<void>,
  options: { issuer?: boolean } = {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-token-request-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const tokenIssuer = options.issuer === false ? undefined : createServiceAccountTokenIssuer(key);
  const api = createApiServer({ store, tokenIssuer, log: () => {} });
  await api.start();
  const authn = createServiceAccountTokenAuthenticator(key);
  try {
    await fn(async (method, path, body, type = "application/json") => {
      const res = await api.app.request(path, {
        method,
        headers: { "content-type": type },
        body: body === undefined
          ? undefined
          : body instanceof Uint8Array
          ? body as Uint8Array<ArrayBuffer>
          : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }, {
      api,
      verify: (token) =>
        authn.authenticate(new Request("https://x", { headers: { authorization: `Bearer ${token}` } })),
    });
  } finally {
    await api.stop();
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const tokenRequest = (spec: Record<string, unknown> = {}) => ({
  apiVersion: "authentication.k8s.io/v1",
  kind: "TokenRequest",
  spec,
});

Deno.test("a TokenRequest for an existing ServiceAccount answers 201 with a token valid for an hour", () =>
  withServer(async (req, { verify }) => {
    const sa = await req("POST", SA, { metadata: { name: "robot" } });
    assert.equal(sa.status, 201);
    const before = Math.floor(Date.now() / 1000);
    const res = await req("POST", `${SA}/robot/token`, tokenRequest());
    assert.equal(res.status, 201);
    assert.equal(res.body.kind, "TokenRequest");
    assert.equal(res.body.apiVersion, "authentication.k8s.io/v1");
    assert.deepEqual([res.body.metadata.name, res.body.metadata.namespace], ["robot", "default"]);
    assert.deepEqual(res.body.spec, { audiences: [ISSUER], expirationSeconds: 3600, boundObjectRef: null });
    assert.match(res.body.status.expirationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const claims = decodeJwt(res.body.status.token);
    assert.ok(claims.exp! - before >= 3600 && claims.exp! - before <= 3602);
    assert.equal(new Date(res.body.status.expirationTimestamp).getTime(), claims.exp! * 1000);
    assert.deepEqual(claims["kubernetes.io"], {
      namespace: "default",
      serviceaccount: { name: "robot", uid: sa.body.metadata.uid },
    });
    assert.equal(
      ((await verify(res.body.status.token)) as { username: string }).username,
      "system:serviceaccount:default:robot",
    );
  }));

Deno.test("a TokenRequest names its audiences and lifetime, and the token says so", () =>
  withServer(async (req, { verify }) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    const res = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ audiences: ["vault"], expirationSeconds: 600 }),
    );
    assert.equal(res.status, 201);
    const claims = decodeJwt(res.body.status.token);
    assert.deepEqual(claims.aud, ["vault"]);
    assert.equal(claims.exp! - claims.iat!, 600);
    assert.equal(await verify(res.body.status.token), null, "the API server is not its audience");
  }));

Deno.test("a TokenRequest for a missing ServiceAccount is 404 and one shorter than ten minutes is 422", () =>
  withServer(async (req) => {
    const missing = await req("POST", `${SA}/nobody/token`, tokenRequest());
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'serviceaccounts "nobody" not found');

    await req("POST", SA, { metadata: { name: "robot" } });
    const short = await req("POST", `${SA}/robot/token`, tokenRequest({ expirationSeconds: 60 }));
    assert.equal(short.status, 422);
    assert.equal(short.body.reason, "Invalid");
    assert.equal(
      short.body.message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: ' +
        "may not specify a duration less than 10 minutes",
    );
    const renamed = await req("POST", `${SA}/robot/token`, {
      ...tokenRequest(),
      metadata: { name: "other" },
    });
    assert.equal(renamed.status, 422);
    assert.match(
      renamed.body.message,
      /metadata\.name: Invalid value: "other": must match the service account name/,
    );
    const wrongKind = await req("POST", `${SA}/robot/token`, { ...tokenRequest(), kind: "Pod" });
    assert.equal(wrongKind.status, 400);
  }));

Deno.test("the token subresource only answers POST, and only when the server has a signing key", async () => {
  await withServer(async (req) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    assert.equal((await req("GET", `${SA}/robot/token`)).status, 405);
  });
  await withServer(async (req) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    const res = await req("POST", `${SA}/robot/token`, tokenRequest());
    assert.equal(res.status, 404);
    assert.equal(res.body.message, "the server could not find the requested resource");
  }, { issuer: false });
});

Deno.test("a token bound to a pod running as the ServiceAccount names the pod; another pod is refused", () =>
  withServer(async (req) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    const mine = await req("POST", "/api/v1/namespaces/default/pods", {
      ...pod("mine"),
      spec: { serviceAccountName: "robot", containers: [{ name: "c", image: "nginx" }] },
    });
    assert.equal(mine.status, 201);
    const bound = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({
        boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "mine", uid: mine.body.metadata.uid },
      }),
    );
    assert.equal(bound.status, 201);
    assert.deepEqual((decodeJwt(bound.body.status.token)["kubernetes.io"] as { pod: unknown }).pod, {
      name: "mine",
      uid: mine.body.metadata.uid,
    });

    const stale = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "mine", uid: "old" } }),
    );
    assert.equal(stale.status, 409);
    assert.match(stale.body.message, /the UID in the bound object reference \(old\) does not match/);

    assert.equal((await req("POST", "/api/v1/namespaces/default/pods", pod("theirs"))).status, 201);
    const theirs = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "theirs" } }),
    );
    assert.equal(theirs.status, 400);
    assert.equal(
      theirs.body.message,
      'cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.',
    );
    const deployment = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Deployment", apiVersion: "apps/v1", name: "web" } }),
    );
    assert.equal(deployment.status, 400);
    assert.equal(deployment.body.message, "cannot bind token to object of type apps/v1, Kind=Deployment");
    const secret = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "nope" } }),
    );
    assert.equal(secret.status, 404);
    assert.equal(secret.body.message, 'secrets "nope" not found');
  }));

Deno.test("a token bound to a node, or to a pod scheduled on one, names the node", () =>
  withServer(async (req) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    const node = await req("POST", "/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1" },
    });
    assert.equal(node.status, 201);
    const ref = { name: "n1", uid: node.body.metadata.uid };
    const nodeClaim = (res: { body: { status: { token: string } } }) =>
      (decodeJwt(res.body.status.token)["kubernetes.io"] as { node?: unknown }).node;
    const bound = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Node", apiVersion: "v1", name: "n1" } }),
    );
    assert.equal(bound.status, 201);
    assert.deepEqual(nodeClaim(bound), ref);
    await req("POST", "/api/v1/namespaces/default/pods", {
      ...pod("placed"),
      spec: { serviceAccountName: "robot", nodeName: "n1", containers: [{ name: "c", image: "nginx" }] },
    });
    const viaPod = await req(
      "POST",
      `${SA}/robot/token`,
      tokenRequest({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "placed" } }),
    );
    assert.equal(viaPod.status, 201);
    assert.deepEqual(nodeClaim(viaPod), ref);
  }));

Deno.test("a protobuf TokenRequest, as kubectl create token sends it, is understood", () =>
  withServer(async (req) => {
    await req("POST", SA, { metadata: { name: "robot" } });
    const res = await req(
      "POST",
      `${SA}/robot/token`,
      protobufTokenRequest(["vault", "api"], 1200),
      "application/vnd.kubernetes.protobuf",
    );
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.spec.audiences, ["vault", "api"]);
    assert.equal(res.body.spec.expirationSeconds, 1200);
  }));

Deno.test("discovery lists serviceaccounts/token as a create-only TokenRequest subresource", () =>
  withServer(async (req) => {
    const { body } = await req("GET", "/api/v1");
    const token = body.resources.find((r: { name: string }) => r.name === "serviceaccounts/token");
    assert.deepEqual(token, {
      name: "serviceaccounts/token",
      singularName: "",
      namespaced: true,
      group: "authentication.k8s.io",
      version: "v1",
      kind: "TokenRequest",
      verbs: ["create"],
    });
  }));

/** "k8s\0" + runtime.Unknown{typeMeta, raw: TokenRequest{metadata, spec{audiences = 1, expirationSeconds = 4}}}. */
function protobufTokenRequest(audiences: string[], expirationSeconds: number): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 0x7f) out.push((n & 0x7f) | 0x80), n = Math.floor(n / 128);
    out.push(n);
    return out;
  };
  const bytes = (no: number, b: number[]) => [...varint((no << 3) | 2), ...varint(b.length), ...b];
  const str = (no: number, s: string) => bytes(no, [...enc.encode(s)]);
  const spec = [...audiences.flatMap((a) => str(1, a)), ...varint(4 << 3), ...varint(expirationSeconds)];
  const raw = [...bytes(1, str(1, "robot")), ...bytes(2, spec)];
  const typeMeta = [...str(1, "authentication.k8s.io/v1"), ...str(2, "TokenRequest")];
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...bytes(1, typeMeta), ...bytes(2, raw)]);
}
