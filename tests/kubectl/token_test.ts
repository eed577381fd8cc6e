// End-to-end: ServiceAccount tokens with the real kubectl against `skiff up`: `kubectl create token`
// (TokenRequest), the token as a bearer credential, refusals of expired and tampered tokens, the audit
// log, and the signing key surviving a restart.
import assert from "node:assert/strict";
import { createServiceAccountTokenIssuer, loadServiceAccountKey } from "@skiff/auth";
import { type SkiffProcess, startSkiff } from "../harness/skiff.ts";

async function kubectl(skiff: SkiffProcess, args: string[], stdin?: string) {
  const child = new Deno.Command("kubectl", {
    args,
    env: { KUBECONFIG: skiff.kubeconfig, HOME: skiff.dataDir },
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function ok(skiff: SkiffProcess, ...args: string[]): Promise<string> {
  const r = await kubectl(skiff, args);
  assert.equal(r.code, 0, `kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/**
 * The audit events matching `want`, waiting for at least `count` of them: the log reaches the disk a
 * fraction of a second after each request.
 */
// deno-lint-ignore no-explicit-any
async function auditEvents(skiff: SkiffProcess, count: number, want: (e: Record<string, any>) => boolean) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = await Deno.readTextFile(`${skiff.dataDir}/audit.log`).catch(() => "");
    const events = text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const found = events.filter(want);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

Deno.test({
  name: "kubectl create token issues a ServiceAccount JWT that authenticates until it expires",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    let skiff = await startSkiff();
    try {
      let token = "";
      await t.step("kubectl create token prints a JWT for a new ServiceAccount", async () => {
        assert.equal(await ok(skiff, "create", "serviceaccount", "robot"), "serviceaccount/robot created\n");
        token = (await ok(skiff, "create", "token", "robot")).trim();
        assert.match(token, JWT);
        const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
        assert.equal(claims.sub, "system:serviceaccount:default:robot");
      });

      await t.step("the token works as a bearer token", async () => {
        const api = JSON.parse(await ok(skiff, `--token=${token}`, "get", "--raw", "/api"));
        assert.deepEqual(api.versions, ["v1"]);
        const version = JSON.parse(await ok(skiff, `--token=${token}`, "get", "--raw", "/version"));
        assert.equal(version.major, "1");
      });

      await t.step("the token's user is the ServiceAccount, which RBAC does not let list pods", async () => {
        const whoami = await ok(skiff, `--token=${token}`, "auth", "whoami");
        assert.match(whoami, /^Username\s+system:serviceaccount:default:robot$/m);
        assert.match(
          whoami,
          /^Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]$/m,
        );
        assert.match(whoami, /authentication\.kubernetes\.io\/credential-id\s+\[JTI=[0-9a-f-]{36}\]/);
        const pods = await kubectl(skiff, [`--token=${token}`, "get", "pods"]);
        assert.equal(pods.code, 1);
        assert.match(pods.stderr, /User "system:serviceaccount:default:robot" cannot list resource "pods"/);
      });

      await t.step(
        "kubectl create token refuses a missing account and a lifetime under ten minutes",
        async () => {
          const missing = await kubectl(skiff, ["create", "token", "nobody"]);
          assert.equal(missing.code, 1);
          assert.match(missing.stderr, /serviceaccounts "nobody" not found/);
          const short = await kubectl(skiff, ["create", "token", "robot", "--duration=5m"]);
          assert.equal(short.code, 1);
          assert.match(short.stderr, /may not specify a duration less than 10 minutes/);
        },
      );

      await t.step("expired, tampered and other-audience tokens are Unauthorized", async () => {
        const key = await loadServiceAccountKey(
          await Deno.readTextFile(`${skiff.dataDir}/pki/sa.key`),
          await Deno.readTextFile(`${skiff.dataDir}/pki/sa.pub`),
        );
        const uid = JSON.parse(await ok(skiff, "get", "serviceaccount", "robot", "-o", "json")).metadata.uid;
        const expired = await createServiceAccountTokenIssuer(key).issue(
          { namespace: "default", name: "robot", uid },
          { expirationSeconds: 600, now: new Date(Date.now() - 3_600_000) },
        );
        const [h, p, s] = token.split(".");
        const tampered = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
        const vault = (await ok(skiff, "create", "token", "robot", "--audience=vault")).trim();
        for (const bad of [expired.token, tampered, vault]) {
          const r = await kubectl(skiff, [`--token=${bad}`, "get", "--raw", "/api"]);
          assert.equal(r.code, 1);
          assert.match(r.stderr, /Unauthorized/);
        }
      });

      await t.step("the audit log records the create, the token request and the refusals", async () => {
        const [create] = await auditEvents(
          skiff,
          1,
          (e) =>
            e.verb === "create" && e.objectRef?.resource === "serviceaccounts" && !e.objectRef.subresource,
        );
        assert.equal(create?.responseStatus.code, 201);
        assert.equal(create.user.username, "skiff-admin");
        assert.equal(create.objectRef.namespace, "default");
        assert.match(create.userAgent, /^kubectl\//);
        const tokens = await auditEvents(skiff, 4, (e) => e.objectRef?.subresource === "token");
        assert.deepEqual(tokens.map((e) => e.responseStatus.code).sort(), [201, 201, 404, 422]);
        const refused = await auditEvents(skiff, 3, (e) => e.responseStatus.code === 401);
        assert.equal(refused.length, 3);
        assert.deepEqual(refused[0].user, {});
        const [forbidden] = await auditEvents(skiff, 1, (e) => e.responseStatus.code === 403);
        assert.equal(forbidden?.user.username, "system:serviceaccount:default:robot");
        assert.deepEqual([forbidden.verb, forbidden.objectRef.resource], ["list", "pods"]);
      });

      await t.step("deleting the ServiceAccount revokes its tokens within a second or so", async () => {
        await ok(skiff, "create", "serviceaccount", "doomed");
        const doomed = (await ok(skiff, "create", "token", "doomed")).trim();
        await ok(skiff, `--token=${doomed}`, "get", "--raw", "/api");
        await ok(skiff, "delete", "serviceaccount", "doomed");
        await new Promise((r) => setTimeout(r, 1_100));
        const r = await kubectl(skiff, [`--token=${doomed}`, "get", "--raw", "/api"]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Unauthorized/);
      });

      await t.step("tokens issued before a restart still work after it", async () => {
        await skiff.stop();
        skiff = await startSkiff([], { dataDir: skiff.dataDir });
        JSON.parse(await ok(skiff, `--token=${token}`, "get", "--raw", "/api"));
      });
    } finally {
      await skiff.stop();
    }
  },
});
