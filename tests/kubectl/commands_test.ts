// End-to-end: kubectl's everyday commands against `skiff up` on each store backend, checked against what
// kubectl prints for Kubernetes: discovery, the output formats of get, watching, the three patch types,
// replace, describe with the object's events, and the delete flags.
import assert from "node:assert/strict";
import type { SkiffProcess } from "../harness/skiff.ts";
import { BACKENDS, kubectl, kubectlWith, ok } from "./_kubectl.ts";

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

function podYaml(name: string, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(", ")}}
spec:
  containers:
  - name: web
    image: nginx:1.27
`;
}

/** Starts `kubectl get -w` and answers the lines it prints until `count` lines arrived. */
function watchLines(skiff: SkiffProcess, count: number, ...args: string[]) {
  const child = new Deno.Command("kubectl", {
    args: ["get", "-w", ...args],
    env: { KUBECONFIG: skiff.kubeconfig, HOME: skiff.dataDir },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines: string[] = [];
  const done = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      lines.push(...parts);
      if (lines.length >= count) break;
    }
  })();
  return {
    lines,
    async next() {
      const timeout = setTimeout(() => child.kill(), 15_000);
      await done;
      clearTimeout(timeout);
      child.kill();
      await child.status;
      return lines;
    },
  };
}

for (const backend of BACKENDS) {
  Deno.test({
    name: `kubectl's everyday commands print what they print for Kubernetes on the ${backend.name} store`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const { skiff, stop } = await backend.start();
      try {
        await t.step("api-resources, api-versions and version describe the server", async () => {
          const resources = await ok(skiff, "api-resources");
          assert.match(resources, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND\n/);
          assert.match(resources, /^pods\s+po\s+v1\s+true\s+Pod$/m);
          assert.match(resources, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
          assert.match(
            resources,
            /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false/m,
          );
          const versions = await ok(skiff, "api-versions");
          assert.match(versions, /^v1$/m);
          assert.match(versions, /^coordination\.k8s\.io\/v1$/m);
          assert.match(await ok(skiff, "version"), /^Server Version: v1\.32\.\d+/m);
          const raw = JSON.parse(await ok(skiff, "get", "--raw", "/api/v1"));
          assert.equal(raw.kind, "APIResourceList");
        });

        await t.step("create -f makes a namespace and pods; get filters and formats them", async () => {
          assert.equal(
            await (await kubectlWith(skiff, { stdin: NAMESPACE }, "create", "-f", "-")).stdout,
            "namespace/shop created\n",
          );
          for (const [name, tier] of [["web", "front"], ["api", "back"]]) {
            const r = await kubectlWith(
              skiff,
              { stdin: podYaml(name, { app: "shop", tier }) },
              "create",
              "-f",
              "-",
            );
            assert.equal(r.stdout, `pod/${name} created\n`, r.stderr);
          }
          const columns = await ok(
            skiff,
            "get",
            "pods",
            "-n",
            "shop",
            "-o",
            "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image",
          );
          assert.equal(columns, "NAME   IMAGE\napi    nginx:1.27\nweb    nginx:1.27\n");
          assert.equal(
            await ok(skiff, "get", "pods", "-n", "shop", "-o", "jsonpath={.items[*].metadata.name}"),
            "api web",
          );
          const labelled = await ok(skiff, "get", "pods", "-n", "shop", "-L", "tier", "--show-labels");
          assert.match(labelled, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+TIER\s+LABELS\n/);
          assert.match(labelled, /^web\s+0\/1\s+Pending\s+0\s+\d+s\s+front\s+app=shop,tier=front$/m);
          const all = await ok(skiff, "get", "pods", "-A", "-l", "tier=back");
          assert.match(all, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
          assert.match(all, /^shop\s+api\s+/m);
          assert.doesNotMatch(all, /web/);
          assert.equal(
            await ok(
              skiff,
              "get",
              "pods",
              "-n",
              "shop",
              "--field-selector",
              "metadata.name=web",
              "-o",
              "name",
            ),
            "pod/web\n",
          );
          assert.equal(
            await ok(
              skiff,
              "get",
              "pods",
              "-n",
              "shop",
              "--field-selector",
              "status.phase=Running",
              "-o",
              "name",
            ),
            "",
          );
        });

        await t.step("get -w prints the table, then a row per change", async () => {
          const watch = await watchLines(skiff, 3, "pods", "-n", "shop", "-l", "tier=front");
          // Let the watch start before changing the pod.
          for (let i = 0; i < 400 && watch.lines.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
          await ok(skiff, "label", "pod", "web", "-n", "shop", "seen=yes");
          const lines = await watch.next();
          assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
          assert.match(lines[1], /^web\s+0\/1\s+Pending\s+0\s+\d+s$/);
          assert.match(lines[2], /^web\s+0\/1\s+Pending\s+0\s+\d+s$/);
        });

        await t.step(
          "patch takes strategic, merge and JSON patches; replace writes the whole object",
          async () => {
            assert.equal(
              await ok(skiff, "patch", "pod", "web", "-n", "shop", "-p", '{"metadata":{"labels":{"a":"1"}}}'),
              "pod/web patched\n",
            );
            await ok(
              skiff,
              "patch",
              "pod",
              "web",
              "-n",
              "shop",
              "--type=merge",
              "-p",
              '{"metadata":{"annotations":{"b":"2"}}}',
            );
            await ok(
              skiff,
              "patch",
              "pod",
              "web",
              "-n",
              "shop",
              "--type=json",
              "-p",
              '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.28"}]',
            );
            const patched = JSON.parse(await ok(skiff, "get", "pod", "web", "-n", "shop", "-o", "json"));
            assert.equal(patched.metadata.labels.a, "1");
            assert.equal(patched.metadata.annotations.b, "2");
            assert.equal(patched.spec.containers[0].image, "nginx:1.28");
            assert.equal(
              await ok(skiff, "patch", "pod", "web", "-n", "shop", "-p", '{"metadata":{"labels":{"a":"1"}}}'),
              "pod/web patched (no change)\n",
            );

            patched.metadata.labels.a = "3";
            const replaced = await kubectlWith(
              skiff,
              { stdin: JSON.stringify(patched) },
              "replace",
              "-f",
              "-",
            );
            assert.equal(replaced.stdout, "pod/web replaced\n", replaced.stderr);
            assert.equal(
              await ok(skiff, "get", "pod", "web", "-n", "shop", "-o", "jsonpath={.metadata.labels.a}"),
              "3",
            );
            // The same body again carries a resourceVersion that is now stale.
            const stale = await kubectlWith(skiff, { stdin: JSON.stringify(patched) }, "replace", "-f", "-");
            assert.equal(stale.code, 1);
            assert.match(
              stale.stderr,
              /Operation cannot be fulfilled on pods "web": the object has been modified/,
            );
          },
        );

        await t.step("edit opens the object in $EDITOR and patches what changed", async () => {
          const edited = await kubectlWith(
            skiff,
            { env: { EDITOR: "sed -i 's/tier: back$/tier: backend/'" } },
            "edit",
            "pod",
            "api",
            "-n",
            "shop",
          );
          assert.equal(edited.stdout, "pod/api edited\n", edited.stderr);
          assert.equal(
            await ok(skiff, "get", "pod", "api", "-n", "shop", "-o", "jsonpath={.metadata.labels.tier}"),
            "backend",
          );
        });

        await t.step("describe shows the pod with its events", async () => {
          const uid = await ok(skiff, "get", "pod", "web", "-n", "shop", "-o", "jsonpath={.metadata.uid}");
          const event = {
            apiVersion: "v1",
            kind: "Event",
            metadata: { name: "web.17", namespace: "shop" },
            involvedObject: { apiVersion: "v1", kind: "Pod", name: "web", namespace: "shop", uid },
            reason: "Scheduled",
            message: "Successfully assigned shop/web to node-1",
            type: "Normal",
            source: { component: "default-scheduler" },
            firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
            lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
            count: 1,
          };
          const created = await kubectlWith(skiff, { stdin: JSON.stringify(event) }, "create", "-f", "-");
          assert.equal(created.stdout, "event/web.17 created\n", created.stderr);
          const described = await ok(skiff, "describe", "pod", "web", "-n", "shop");
          assert.match(described, /^Name:\s+web$/m);
          assert.match(described, /^Namespace:\s+shop$/m);
          assert.match(described, /^Service Account:\s+default$/m);
          assert.match(described, /^Labels:\s+a=3$/m);
          assert.match(described, /^Status:\s+Pending$/m);
          assert.match(described, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
          assert.match(
            described,
            /^\s+Normal\s+Scheduled\s+\d+s\s+default-scheduler\s+Successfully assigned shop\/web to node-1$/m,
          );
          const events = await ok(skiff, "get", "events", "-n", "shop");
          assert.match(events, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
          assert.match(
            events,
            /^\d+s\s+Normal\s+Scheduled\s+pod\/web\s+Successfully assigned shop\/web to node-1$/m,
          );
        });

        await t.step(
          "an event reported through events.k8s.io/v1 shows in describe and in both APIs",
          async () => {
            const uid = await ok(skiff, "get", "pod", "web", "-n", "shop", "-o", "jsonpath={.metadata.uid}");
            const event = {
              apiVersion: "events.k8s.io/v1",
              kind: "Event",
              metadata: { name: "web.18", namespace: "shop" },
              eventTime: new Date().toISOString().replace("Z", "000Z"),
              reportingController: "kubelet",
              reportingInstance: "node-1",
              action: "Pulling",
              reason: "Pulling",
              regarding: { apiVersion: "v1", kind: "Pod", name: "web", namespace: "shop", uid },
              note: 'Pulling image "nginx:1.27"',
              type: "Normal",
            };
            const created = await kubectlWith(skiff, { stdin: JSON.stringify(event) }, "create", "-f", "-");
            assert.equal(created.stdout, "event.events.k8s.io/web.18 created\n", created.stderr);
            assert.match(
              await ok(skiff, "describe", "pod", "web", "-n", "shop"),
              /^\s+Normal\s+Pulling\s+\d+s\s+kubelet\s+Pulling image "nginx:1.27"$/m,
            );
            assert.equal(
              await ok(
                skiff,
                "get",
                "events.v1.",
                "web.18",
                "-n",
                "shop",
                "-o",
                "jsonpath={.involvedObject.name}",
              ),
              "web",
            );
            assert.equal(
              await ok(
                skiff,
                "get",
                "events.v1.events.k8s.io",
                "web.17",
                "-n",
                "shop",
                "-o",
                "jsonpath={.note}",
              ),
              "Successfully assigned shop/web to node-1",
            );
          },
        );

        await t.step("delete by label, with --all, and the namespace with --wait", async () => {
          assert.equal(
            await ok(
              skiff,
              "delete",
              "pods",
              "-n",
              "shop",
              "-l",
              "tier=backend",
              "--grace-period=0",
              "--wait",
            ),
            'pod "api" deleted\n',
          );
          assert.equal(await ok(skiff, "delete", "pods", "-n", "shop", "--all"), 'pod "web" deleted\n');
          assert.equal(await ok(skiff, "get", "pods", "-n", "shop", "-o", "name"), "");
          assert.equal(
            await ok(skiff, "delete", "namespace", "shop", "--wait"),
            'namespace "shop" deleted\n',
          );
          const gone = await kubectl(skiff, "get", "namespace", "shop");
          assert.equal(gone.code, 1);
          assert.match(gone.stderr, /Error from server \(NotFound\): namespaces "shop" not found/);
        });
      } finally {
        await skiff.stop();
        await stop();
        await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
      }
    },
  });
}
