import assert from "node:assert/strict";
import { Hono } from "hono";
import { unionAuthenticator } from "./authenticator.ts";
import { type CertKeyPair, createCa, issueClientCert, issueServingCert } from "./certs.ts";
import { createClientCertAuthenticator, EXTRA_CREDENTIAL_ID_X509 } from "./client_cert_authenticator.ts";
import { serveWithClientCerts } from "./client_cert_server.ts";
import { authenticate, type AuthEnv } from "./middleware.ts";
import { createTokenAuthenticator } from "./token_authenticator.ts";
import { x509 } from "./_x509.ts";

const ca = await createCa();
const serving = await issueServingCert(ca, { sans: ["127.0.0.1", "localhost"] });

/** A real HTTPS listener asking for client certificates, in front of the authentication middleware. */
async function withServer(fn: (url: string) => Promise<void>): Promise<void> {
  const certs = createClientCertAuthenticator(ca.cert);
  const tokens = await createTokenAuthenticator([{ token: "tok", username: "bob", uid: "", groups: [] }]);
  const app = new Hono<AuthEnv>();
  app.use(authenticate(unionAuthenticator(certs, tokens)));
  app.get("/whoami", (c) => c.json(c.get("user")));
  app.post("/echo", async (c) => c.text(await c.req.text()));
  app.get("/stream", () => {
    // Like a watch: one event now, the rest never, until the client goes away.
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"type":"ADDED"}\n'));
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  });
  // A watch with nothing to report yet: its headers must still go out at once.
  app.get(
    "/quiet",
    () => new Response(new ReadableStream(), { headers: { "content-type": "application/json" } }),
  );
  const server = await serveWithClientCerts(app.fetch, certs, {
    port: 0,
    hostname: "127.0.0.1",
    ...serving,
    ca: ca.cert,
  });
  try {
    await fn(`https://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

async function get(url: string, client?: CertKeyPair, token?: string) {
  const http = Deno.createHttpClient({ caCerts: [ca.cert], ...client });
  try {
    const res = await fetch(url, {
      client: http,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.json() };
  } finally {
    http.close();
  }
}

Deno.test("a client certificate from the cluster CA authenticates as its CN with its O groups", () =>
  withServer(async (url) => {
    const alice = await issueClientCert(ca, { username: "alice", groups: ["devs", "ops"] });
    const { status, body } = await get(`${url}/whoami`, alice);
    assert.equal(status, 200);
    const fingerprint = new Uint8Array(
      await new x509.X509Certificate(alice.cert).getThumbprint("SHA-256", crypto),
    );
    const hex = Array.from(fingerprint, (b) => b.toString(16).padStart(2, "0")).join("");
    assert.deepEqual(body, {
      username: "alice",
      groups: ["devs", "ops", "system:authenticated"],
      extra: { [EXTRA_CREDENTIAL_ID_X509]: [`X509SHA256=${hex}`] },
    });
  }));

Deno.test("without a certificate the listener still serves bearer tokens, and refuses nothing-at-all", () =>
  withServer(async (url) => {
    assert.deepEqual((await get(`${url}/whoami`, undefined, "tok")).body.username, "bob");
    assert.equal((await get(`${url}/whoami`)).status, 401);
  }));

Deno.test("certificates from another CA or not meant for clients are not credentials", () =>
  withServer(async (url) => {
    const stranger = await issueClientCert(await createCa(), {
      username: "mallory",
      groups: ["system:masters"],
    });
    assert.equal((await get(`${url}/whoami`, stranger)).status, 401);
    // The server's own certificate is signed by the CA but only for serverAuth.
    const server = await issueServingCert(ca, { sans: ["localhost"] });
    assert.equal((await get(`${url}/whoami`, server)).status, 401);
    // With a token as well, the token decides.
    assert.equal((await get(`${url}/whoami`, stranger, "tok")).body.username, "bob");
  }));

Deno.test("request bodies and streamed responses pass through the certificate listener", () =>
  withServer(async (url) => {
    const alice = await issueClientCert(ca, { username: "alice" });
    const http = Deno.createHttpClient({ caCerts: [ca.cert], ...alice });
    try {
      const echo = await fetch(`${url}/echo`, { client: http, method: "POST", body: "x".repeat(100_000) });
      assert.equal((await echo.text()).length, 100_000);
      const stream = await fetch(`${url}/stream`, { client: http });
      const reader = stream.body!.getReader();
      const first = await reader.read();
      assert.equal(
        new TextDecoder().decode(first.value),
        '{"type":"ADDED"}\n',
        "arrives before the stream ends",
      );
      await reader.cancel();
      const quiet = await fetch(`${url}/quiet`, { client: http, signal: AbortSignal.timeout(2000) });
      assert.equal(quiet.status, 200, "headers arrive before any body");
      await quiet.body!.cancel();
    } finally {
      http.close();
    }
  }));
