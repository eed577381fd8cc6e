// End-to-end: the real kubectl 1.32 binary, with its default flags (no --validate=false, no
// --insecure-skip-tls-verify), against `skiff up` on each store backend.
import assert from "node:assert/strict";
import { startEtcd } from "../harness/etcd.ts";
import { type SkiffProcess, startSkiff } from "../harness/skiff.ts";

const MANIFESTS = new URL("../manifests/", import.meta.url).pathname;

/** Runs kubectl with the server's kubeconfig and a private cache; answers exit code and output. */
async function kubectl(skiff: SkiffProcess, ...args: string[]) {
  const out = await new Deno.Command("kubectl", {
    args,
    env: { KUBECONFIG: skiff.kubeconfig, HOME: skiff.dataDir },
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function ok(skiff: SkiffProcess, ...args: string[]): Promise<string> {
  const r = await kubectl(skiff, ...args);
  assert.equal(r.code, 0, `kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

const backends = [
  { name: "embedded", start: async () => ({ skiff: await startSkiff(), stop: async () => {} }) },
  {
    name: "etcd",
    start: async () => {
      const etcd = await startEtcd();
      return { skiff: await startSkiff(["--etcd", etcd.endpoints.join(",")]), stop: () => etcd.stop() };
    },
  },
];

for (const backend of backends) {
  Deno.test({
    name: `kubectl applies, prints, explains and deletes core kinds on the ${backend.name} store`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const { skiff, stop } = await backend.start();
      try {
        await t.step("get namespaces prints kubectl's columns", async () => {
          const out = await ok(skiff, "get", "namespaces");
          assert.match(out, /^NAME\s+STATUS\s+AGE\n/);
          for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
            assert.match(out, new RegExp(`^${ns}\\s+Active\\s+\\d+s$`, "m"));
          }
        });

        await t.step("apply creates the manifest's pod, and -o wide prints the wide columns", async () => {
          assert.equal(await ok(skiff, "apply", "-f", `${MANIFESTS}000-03.yaml`), "pod/nginx created\n");
          const wide = await ok(skiff, "get", "pods", "-o", "wide");
          assert.match(
            wide,
            /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/,
          );
          assert.match(wide, /^nginx\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
          const yaml = await ok(skiff, "get", "pod", "nginx", "-o", "yaml");
          assert.match(yaml, /kubectl\.kubernetes\.io\/last-applied-configuration/);
          assert.equal(await ok(skiff, "apply", "-f", `${MANIFESTS}000-03.yaml`), "pod/nginx unchanged\n");
        });

        await t.step("apply refuses the 000-01 pod, naming the unknown and the missing field", async () => {
          const r = await kubectl(skiff, "apply", "-f", `${MANIFESTS}000-01.yaml`);
          assert.equal(r.code, 1);
          assert.match(r.stderr, /The Pod "test-pod" is invalid/);
          assert.match(
            r.stderr,
            /spec\.containers\[0\]\.images: unknown field "spec\.containers\[0\]\.images"/,
          );
          assert.match(r.stderr, /spec\.containers\[0\]\.image: Required value/);
        });

        await t.step("explain prints the field docs", async () => {
          const out = await ok(skiff, "explain", "pod.spec.containers");
          assert.match(out, /^KIND:\s+Pod$/m);
          assert.match(out, /^FIELD: containers <\[\]Container>$/m);
          assert.match(out, /^\s+image\s+<string>$/m);
        });

        await t.step("label, annotate, and delete by file", async () => {
          assert.equal(await ok(skiff, "label", "pod", "nginx", "tier=web"), "pod/nginx labeled\n");
          assert.match(await ok(skiff, "get", "pods", "-l", "tier=web", "-o", "name"), /^pod\/nginx$/m);
          assert.equal(await ok(skiff, "annotate", "pod", "nginx", "note=hi"), "pod/nginx annotated\n");
          assert.equal(await ok(skiff, "label", "pod", "nginx", "tier-"), "pod/nginx unlabeled\n");
          assert.equal(await ok(skiff, "delete", "-f", `${MANIFESTS}000-03.yaml`), 'pod "nginx" deleted\n');
          assert.equal((await kubectl(skiff, "get", "pod", "nginx")).code, 1);
        });

        await t.step("a wrong token is refused", async () => {
          const bad = `${skiff.dataDir}/bad-kubeconfig`;
          await Deno.writeTextFile(
            bad,
            (await Deno.readTextFile(skiff.kubeconfig)).replace(/token: .*/, "token: nope"),
          );
          const r = await new Deno.Command("kubectl", {
            args: ["get", "pods"],
            env: { KUBECONFIG: bad, HOME: skiff.dataDir },
          })
            .output();
          assert.equal(r.code, 1);
          assert.match(new TextDecoder().decode(r.stderr), /Unauthorized/);
        });
      } finally {
        await skiff.stop();
        await stop();
        await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
      }
    },
  });
}
