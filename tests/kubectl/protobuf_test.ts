// End-to-end: the kubectl commands that go through client-go's typed clientset send built-in kinds as
// Kubernetes protobuf (Content-Type: application/vnd.kubernetes.protobuf); against `skiff up` they print
// what they print for Kubernetes and store what the JSON form would have stored. The decoding does not
// depend on the store, so this runs on the embedded one only.
import assert from "node:assert/strict";
import { BACKENDS, kubectl, ok } from "./_kubectl.ts";

const PROTOBUF = "Content-Type: application/vnd.kubernetes.protobuf";

Deno.test({
  name: "kubectl's typed-client commands send protobuf bodies that Skiff decodes like their JSON forms",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { skiff, stop } = await BACKENDS[0].start();
    try {
      await t.step(
        "create namespace sends a protobuf Namespace and prints what Kubernetes prints",
        async () => {
          const r = await kubectl(skiff, "create", "namespace", "shop", "-v=8");
          assert.equal(r.stdout, "namespace/shop created\n", r.stderr);
          assert.ok(r.stderr.includes(PROTOBUF), "kubectl sent the namespace as protobuf");
          const ns = JSON.parse(await ok(skiff, "get", "namespace", "shop", "-o", "json"));
          assert.equal(ns.status.phase, "Active");
          const again = await kubectl(skiff, "create", "namespace", "shop");
          assert.equal(again.code, 1);
          assert.equal(again.stderr, 'Error from server (AlreadyExists): namespaces "shop" already exists\n');
        },
      );

      await t.step("run creates a pod whose stored fields are the ones kubectl set", async () => {
        assert.equal(
          await ok(skiff, "-n", "shop", "run", "web", "--image=nginx:1.27", "--labels=app=web", "--port=80"),
          "pod/web created\n",
        );
        const pod = JSON.parse(await ok(skiff, "get", "pod", "web", "-n", "shop", "-o", "json"));
        const [container] = pod.spec.containers;
        assert.equal(container.name, "web");
        assert.equal(container.image, "nginx:1.27");
        assert.equal(container.ports[0].containerPort, 80);
        assert.deepEqual(container.resources, {});
        assert.deepEqual(pod.metadata.labels, { app: "web" });
      });

      await t.step("create serviceaccount, role and rolebinding send protobuf and are stored", async () => {
        const sa = await kubectl(skiff, "create", "serviceaccount", "robot", "-n", "shop", "-v=8");
        assert.equal(sa.stdout, "serviceaccount/robot created\n", sa.stderr);
        assert.ok(sa.stderr.includes(PROTOBUF));
        assert.equal(
          await ok(skiff, "create", "role", "reader", "-n", "shop", "--verb=get,list", "--resource=pods"),
          "role.rbac.authorization.k8s.io/reader created\n",
        );
        const role = JSON.parse(await ok(skiff, "get", "role", "reader", "-n", "shop", "-o", "json"));
        assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]);
        assert.equal(
          await ok(
            skiff,
            "create",
            "rolebinding",
            "read",
            "-n",
            "shop",
            "--role=reader",
            "--serviceaccount=shop:robot",
          ),
          "rolebinding.rbac.authorization.k8s.io/read created\n",
        );
      });

      await t.step("auth can-i and auth whoami post protobuf reviews and read the answers", async () => {
        assert.equal(await ok(skiff, "auth", "can-i", "list", "pods", "-n", "shop"), "yes\n");
        assert.match(await ok(skiff, "auth", "whoami"), /^ATTRIBUTE\s+VALUE\nUsername\s+\S+/);
        // The robot's own token (a protobuf TokenRequest): the review's verb and namespace must survive
        // decoding for the binding to decide.
        const token = (await ok(skiff, "create", "token", "robot", "-n", "shop")).trim();
        const robot = (...args: string[]) => kubectl(skiff, `--token=${token}`, "auth", "can-i", ...args);
        // The binding reaches the authorizer through a watch; allow it a moment.
        for (let i = 0; i < 50; i++) {
          if ((await robot("list", "pods", "-n", "shop")).stdout === "yes\n") break;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal((await robot("list", "pods", "-n", "shop")).stdout, "yes\n");
        const denied = await robot("delete", "pods", "-n", "shop");
        assert.equal(denied.stdout, "no\n");
        assert.equal(denied.code, 1);
        assert.equal((await robot("list", "pods", "-n", "default")).stdout, "no\n");
        assert.match(
          (await kubectl(skiff, `--token=${token}`, "auth", "whoami")).stdout,
          /^Username\s+system:serviceaccount:shop:robot$/m,
        );
      });

      await t.step("delete pod sends DeleteOptions and prints what Kubernetes prints", async () => {
        assert.equal(await ok(skiff, "delete", "pod", "web", "-n", "shop"), 'pod "web" deleted\n');
        const gone = await kubectl(skiff, "get", "pod", "web", "-n", "shop");
        assert.equal(gone.stderr, 'Error from server (NotFound): pods "web" not found\n');
      });
    } finally {
      await skiff.stop();
      await stop();
      await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
    }
  },
});
