// End-to-end: `kubectl apply --server-side` (the real kubectl 1.32) against `skiff up`: create, a
// second field manager's conflict as kubectl prints it, --force-conflicts, and the managedFields
// `kubectl get --show-managed-fields` shows.
import assert from "node:assert/strict";
import { BACKENDS, kubectlWith, ok } from "./_kubectl.ts";

function serviceAccount(labels: Record<string, string>): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: default
  labels: {${Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(", ")}}
`;
}

function pod(image: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
spec:
  containers:
  - name: web
    image: ${image}
`;
}

const backend = BACKENDS[0];

Deno.test({
  name:
    "kubectl apply --server-side creates, conflicts with a second manager, and --force-conflicts takes over",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // No scheduler: the test checks every manager of the pod's managedFields.
    const { skiff, stop } = await backend.start(["--operators", "none"]);
    const apply = (stdin: string, ...args: string[]) =>
      kubectlWith(skiff, { stdin }, "apply", "--server-side", "-f", "-", ...args);
    try {
      await t.step("the first apply creates the pod and is shown as serverside-applied", async () => {
        const r = await apply(pod("nginx:1.27"));
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "pod/web serverside-applied\n");
        const again = await apply(pod("nginx:1.27"));
        assert.equal(again.stdout, "pod/web serverside-applied\n");
      });

      await t.step("a second manager changing the image gets kubectl's conflict error", async () => {
        const r = await apply(pod("nginx:1.28"), "--field-manager=other");
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          /^error: Apply failed with 1 conflict: conflict with "kubectl": \.spec\.containers\[name="web"\]\.image\nPlease review the fields above--they currently have other managers\./,
        );
        assert.match(r.stderr, /--force-conflicts/);
      });

      await t.step("--force-conflicts makes the second manager the image's owner", async () => {
        const r = await apply(pod("nginx:1.28"), "--field-manager=other", "--force-conflicts");
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "pod/web serverside-applied\n");
        const image = await ok(skiff, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].image}");
        assert.equal(image, "nginx:1.28");
      });

      await t.step("get --show-managed-fields shows both appliers' entries", async () => {
        const yaml = await ok(skiff, "get", "pod", "web", "-o", "yaml", "--show-managed-fields");
        assert.match(yaml, /^ {2}managedFields:$/m);
        assert.match(yaml, /manager: kubectl\n\s+operation: Apply/);
        assert.match(yaml, /manager: other\n\s+operation: Apply/);
        assert.match(yaml, /fieldsType: FieldsV1/);
        assert.match(yaml, /k:\{"name":"web"\}:/);
        const plain = await ok(skiff, "get", "pod", "web", "-o", "yaml");
        assert.doesNotMatch(plain, /managedFields/, "kubectl hides them by default");
      });

      await t.step("a field set by client-side apply conflicts with kubectl-client-side-apply", async () => {
        const csa = pod("nginx:1.27").replace("name: web\n  namespace", "name: csa\n  namespace") +
          "  activeDeadlineSeconds: 30\n";
        const created = await kubectlWith(skiff, { stdin: csa }, "apply", "-f", "-");
        assert.equal(created.stdout, "pod/csa created\n", created.stderr);
        const r = await apply(csa.replace("30", "60"), "--field-manager=other");
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          /^error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: \.spec\.activeDeadlineSeconds\n/,
        );
      });

      await t.step("kubectl's own server-side apply takes over what its client-side apply set", async () => {
        const csa = pod("nginx:1.27").replace("name: web\n  namespace", "name: upgrade\n  namespace");
        assert.equal((await kubectlWith(skiff, { stdin: csa }, "apply", "-f", "-")).code, 0);
        const r = await apply(csa.replace("nginx:1.27", "nginx:1.28"));
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "pod/upgrade serverside-applied\n");
        const managers = await ok(
          skiff,
          "get",
          "pod",
          "upgrade",
          "-o",
          "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}",
        );
        assert.equal(managers.trim(), "kubectl/Apply kubectl-last-applied/Apply");
      });

      await t.step("an unknown field is refused as Kubernetes refuses it", async () => {
        const r = await apply(pod("nginx:1.28").replace("image:", "imagee:"));
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          /Error from server: failed to create typed patch object \(default\/web; \/v1, Kind=Pod\): \.spec\.containers\[name="web"\]\.imagee: field not declared in schema/,
        );
      });

      await t.step("re-applying without a label removes it; another manager's label stays", async () => {
        const first = await apply(serviceAccount({ a: "1", b: "2" }));
        assert.equal(first.code, 0, first.stderr);
        await ok(skiff, "label", "serviceaccount", "builder", "c=3");
        const r = await apply(serviceAccount({ a: "1" }));
        assert.equal(r.code, 0, r.stderr);
        const labels = await ok(
          skiff,
          "get",
          "serviceaccount",
          "builder",
          "-o",
          "jsonpath={.metadata.labels}",
        );
        assert.deepEqual(JSON.parse(labels), { a: "1", c: "3" });
      });
    } finally {
      await skiff.stop();
      await stop();
      await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
    }
  },
});
