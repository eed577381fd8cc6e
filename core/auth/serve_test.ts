/**
 * End to end over real TLS: the PKI, token file and middleware behind Deno.serve, reached by Deno's
 * fetch trusting only Skiff's CA, and by the real kubectl with the kubeconfig Skiff writes.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Hono } from "hono";
import { writeKubeconfig } from "./kubeconfig.ts";
import { authenticate, type AuthEnv } from "./middleware.ts";
import { type AuthSetup, ensureAuth } from "./setup.ts";

const UNAUTHORIZED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
};

type Running = { url: (host: string) => string; close: () => Promise<void> };

function serve(auth: AuthSetup, hostname = "127.0.0.1"): Running {
  const app = new Hono<AuthEnv>();
  app.use(authenticate(auth.authenticator));
  app.get("/livez", (c) => c.text("ok"));
  app.get("/api", (c) => c.json({ kind: "APIVersions", versions: ["v1"], user: c.get("user").username }));
  const server = Deno.serve({ ...auth.pki.serving, hostname, port: 0, onListen: () => {} }, app.fetch);
  return {
    url: (host) => `https://${host}:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-auth-serve-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("HTTPS with the admin token answers 200 and without a valid one 401, by IP and by name", () =>
  withDataDir(async (dir) => {
    const auth = await ensureAuth(dir);
    const server = serve(auth);
    const client = Deno.createHttpClient({ caCerts: [auth.pki.ca.cert] });
    try {
      for (const host of ["127.0.0.1", "localhost"]) {
        const ok = await fetch(`${server.url(host)}/api`, {
          client,
          headers: { authorization: `Bearer ${auth.adminToken}` },
        });
        assert.equal(ok.status, 200, host);
        assert.deepEqual(await ok.json(), { kind: "APIVersions", versions: ["v1"], user: "skiff-admin" });

        for (const headers of [{ authorization: "Bearer wrong" }, {}] as Record<string, string>[]) {
          const res = await fetch(`${server.url(host)}/api`, { client, headers });
          assert.equal(res.status, 401, `${host} ${JSON.stringify(headers)}`);
          assert.equal(res.headers.get("content-type"), "application/json");
          assert.deepEqual(await res.json(), UNAUTHORIZED);
        }

        const live = await fetch(`${server.url(host)}/livez`, { client });
        assert.equal(live.status, 200);
        assert.equal(await live.text(), "ok");
      }
    } finally {
      client.close();
      await server.close();
    }
  }));

Deno.test("a client that does not trust Skiff's CA refuses the connection", () =>
  withDataDir(async (dir) => {
    const server = serve(await ensureAuth(dir));
    try {
      const error = await fetch(`${server.url("127.0.0.1")}/livez`).then(() => null, (e) => e);
      assert.ok(error instanceof TypeError);
      assert.match(String(error.cause), /UnknownIssuer|certificate/i);
    } finally {
      await server.close();
    }
  }));

Deno.test("a restart reuses the CA, serving certificate and admin token, and old clients still connect", () =>
  withDataDir(async (dir) => {
    const first = await ensureAuth(dir);
    const again = await ensureAuth(dir);
    assert.deepEqual(again.pki.generated, { ca: false, serving: false });
    assert.equal(again.pki.ca.cert, first.pki.ca.cert);
    assert.equal(again.pki.serving.cert, first.pki.serving.cert);
    assert.equal(again.adminToken, first.adminToken);

    const server = serve(again);
    const client = Deno.createHttpClient({ caCerts: [first.pki.ca.cert] });
    try {
      const res = await fetch(`${server.url("localhost")}/api`, {
        client,
        headers: { authorization: `Bearer ${first.adminToken}` },
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      client.close();
      await server.close();
    }
  }));

Deno.test("HTTPS over IPv6 loopback verifies against the ::1 address in the certificate", {
  ignore: !Deno.networkInterfaces().some((n) => n.address === "::1"),
}, () =>
  withDataDir(async (dir) => {
    const auth = await ensureAuth(dir);
    const server = serve(auth, "::1");
    const client = Deno.createHttpClient({ caCerts: [auth.pki.ca.cert] });
    try {
      const res = await fetch(`${server.url("[::1]")}/livez`, { client });
      assert.equal(await res.text(), "ok");
    } finally {
      client.close();
      await server.close();
    }
  }));

const hasKubectl = await new Deno.Command("kubectl", {
  args: ["version", "--client"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success, () => false);

async function kubectl(dir: string, kubeconfig: string, ...args: string[]) {
  const out = await new Deno.Command("kubectl", {
    args: ["--kubeconfig", kubeconfig, ...args],
    // A private HOME keeps kubectl's discovery cache out of the real one.
    env: { HOME: dir, KUBECONFIG: "" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("kubectl verifies the server against the kubeconfig's CA and is let in with the admin token", {
  ignore: !hasKubectl,
}, () =>
  withDataDir(async (dir) => {
    const auth = await ensureAuth(dir);
    const server = serve(auth);
    try {
      for (const host of ["127.0.0.1", "localhost"]) {
        await writeKubeconfig(auth.paths.kubeconfig, {
          server: server.url(host),
          caPem: auth.pki.ca.cert,
          token: auth.adminToken!,
        });
        const live = await kubectl(dir, auth.paths.kubeconfig, "get", "--raw", "/livez");
        assert.equal(live.code, 0, live.stderr);
        assert.equal(live.stdout, "ok");
        const api = await kubectl(dir, auth.paths.kubeconfig, "get", "--raw", "/api");
        assert.equal(api.code, 0, api.stderr);
        assert.equal(JSON.parse(api.stdout).user, "skiff-admin");
      }
    } finally {
      await server.close();
    }
  }));

Deno.test(
  "kubectl with a wrong token reports Unauthorized",
  { ignore: !hasKubectl },
  () =>
    withDataDir(async (dir) => {
      const auth = await ensureAuth(dir);
      const server = serve(auth);
      try {
        const wrong = join(dir, "wrong.kubeconfig");
        await writeKubeconfig(wrong, {
          server: server.url("127.0.0.1"),
          caPem: auth.pki.ca.cert,
          token: "wrong",
        });
        for (const path of ["/api", "/livez"]) {
          const res = await kubectl(dir, wrong, "get", "--raw", path);
          assert.notEqual(res.code, 0);
          assert.match(res.stderr, /Unauthorized/, res.stderr);
        }
      } finally {
        await server.close();
      }
    }),
);
