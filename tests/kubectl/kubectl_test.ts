// End-to-end: the real kubectl 1.32 binary, with its default flags (no --validate=false, no
// --insecure-skip-tls-verify), against `skiff up` on each store backend.
import assert from "node:assert/strict";
import { BACKENDS, kubectl, kubectlWith, MANIFESTS, ok } from "./_kubectl.ts";

for (const backend of BACKENDS) {
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

        await t.step(
          "every manifest that needs only core kinds applies, prints and deletes cleanly",
          async () => {
            // 000-01 is refused (above); 002-24 is not YAML (a curly quote), which kubectl reports itself.
            for (const file of ["000-03", "000-15", "002-17", "002-19", "002-22", "002-23", "002-25"]) {
              const path = `${MANIFESTS}${file}.yaml`;
              const created = await ok(skiff, "apply", "-f", path);
              const name = created.trim().match(/^pod\/(\S+) created$/)?.[1];
              assert.ok(name, `${file}: ${created}`);
              assert.match(
                await ok(skiff, "get", "pod", name),
                new RegExp(`^${name}\\s+0/\\d+\\s+Pending\\s`, "m"),
              );
              // 002-25 names a node no kubelet runs, so its pod stays Terminating as it would in Kubernetes.
              const wait = file === "002-25" ? ["--wait=false"] : [];
              assert.equal(await ok(skiff, "delete", "-f", path, ...wait), `pod "${name}" deleted\n`);
            }
            const broken = await kubectl(skiff, "apply", "-f", `${MANIFESTS}002-24.yaml`);
            assert.equal(broken.code, 1);
            assert.match(broken.stderr, /error converting YAML to JSON/);
          },
        );

        await t.step("a wrong token is refused", async () => {
          const bad = `${skiff.dataDir}/bad-kubeconfig`;
          await Deno.writeTextFile(
            bad,
            (await Deno.readTextFile(skiff.kubeconfig)).replace(/token: .*/, "token: nope"),
          );
          const r = await kubectlWith(skiff, { env: { KUBECONFIG: bad } }, "get", "pods");
          assert.equal(r.code, 1);
          assert.match(r.stderr, /Unauthorized/);
        });
      } finally {
        await skiff.stop();
        await stop();
        await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
      }
    },
  });
}
