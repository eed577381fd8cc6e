/**
 * The services module seen through the real kubectl against `skiff up` with its default modules:
 * `cluster-info`, `create service clusterip|nodeport|externalname|loadbalancer`, `expose deployment`,
 * `get svc` (and `-o wide`) with kubectl's columns, the shared manifests' Services, refusals worded as
 * Kubernetes words them, and delete, on both store backends.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { BACKENDS, kubectl, kubectlWith, MANIFESTS, ok } from "./_kubectl.ts";
import type { SkiffProcess } from "../harness/skiff.ts";

/** The Service documents of a manifest, for files whose other kinds no module serves yet. */
async function serviceDocuments(file: string): Promise<string> {
  const docs = parseAllDocuments(await Deno.readTextFile(`${MANIFESTS}${file}`));
  return docs.filter((d) => d.get("kind") === "Service").map((d) => d.toString()).join("---\n");
}

/** `kubectl get svc NAME` as its one row's cells. */
async function row(skiff: SkiffProcess, name: string, ...flags: string[]): Promise<string[]> {
  const lines = (await ok(skiff, "get", "svc", name, ...flags)).trim().split("\n");
  return lines[1].split(/\s{2,}/);
}

for (const backend of BACKENDS) {
  Deno.test({
    name: `kubectl creates, lists, exposes and deletes Services on the ${backend.name} store`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const { skiff, stop } = await backend.start();
      try {
        await t.step(
          "cluster-info names the control plane and the cluster services of kube-system",
          async () => {
            const server = `https://127.0.0.1:${new URL(skiff.url).port}`;
            assert.equal(
              await ok(skiff, "cluster-info"),
              `Kubernetes control plane is running at ${server}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
            );
            await ok(skiff, "create", "service", "clusterip", "kube-dns", "-n", "kube-system", "--tcp=53:53");
            await ok(
              skiff,
              "label",
              "service",
              "kube-dns",
              "-n",
              "kube-system",
              "kubernetes.io/cluster-service=true",
              "kubernetes.io/name=CoreDNS",
            );
            assert.match(
              await ok(skiff, "cluster-info"),
              new RegExp(
                `^Kubernetes control plane is running at ${server}\nCoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:53-53/proxy\n`,
              ),
            );
          },
        );

        await t.step("the kubernetes service is there as Kubernetes makes it", async () => {
          // The module's leader creates it just after start.
          for (let i = 0; i < 100 && (await kubectl(skiff, "get", "svc", "kubernetes")).code !== 0; i++) {
            await new Promise((r) => setTimeout(r, 100));
          }
          assert.deepEqual((await row(skiff, "kubernetes")).slice(0, 5), [
            "kubernetes",
            "ClusterIP",
            "10.96.0.1",
            "<none>",
            "443/TCP",
          ]);
          assert.equal(
            await ok(skiff, "get", "svc", "kubernetes", "-o", "jsonpath={.metadata.labels}"),
            '{"component":"apiserver","provider":"kubernetes"}',
          );
          assert.equal(
            await ok(skiff, "get", "svc", "kubernetes", "-o", "jsonpath={.spec.ports[0].targetPort}"),
            new URL(skiff.url).port,
            "the target port is the port skiff up serves on",
          );
        });

        await t.step(
          "kubectl create service makes each type and get svc prints kubectl's columns",
          async () => {
            assert.equal(
              await ok(skiff, "create", "service", "clusterip", "web", "--tcp=80:8080"),
              "service/web created\n",
            );
            assert.equal(
              await ok(skiff, "create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"),
              "service/np created\n",
            );
            assert.equal(
              await ok(skiff, "create", "service", "externalname", "ext", "--external-name=db.example.com"),
              "service/ext created\n",
            );
            assert.equal(
              await ok(skiff, "create", "service", "loadbalancer", "lb", "--tcp=443:8443"),
              "service/lb created\n",
            );
            const table = (await ok(skiff, "get", "svc")).trim().split("\n");
            assert.match(table[0], /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
            assert.deepEqual(table.slice(1).map((l) => l.split(/\s+/)[0]), [
              "ext",
              "kubernetes",
              "lb",
              "np",
              "web",
            ]);
            const web = await row(skiff, "web");
            assert.equal(web[1], "ClusterIP");
            assert.match(web[2], /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
            assert.deepEqual(web.slice(3, 5), ["<none>", "80/TCP"]);
            assert.deepEqual((await row(skiff, "np")).slice(3, 5), ["<none>", "80:30080/TCP"]);
            assert.deepEqual((await row(skiff, "ext")).slice(1, 5), [
              "ExternalName",
              "<none>",
              "db.example.com",
              "<none>",
            ]);
            const lb = await row(skiff, "lb");
            assert.equal(lb[3], "<pending>");
            assert.match(lb[4], /^443:3\d{4}\/TCP$/);
            const wide = (await ok(skiff, "get", "svc", "np", "-o", "wide")).trim().split("\n");
            assert.match(wide[0], /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$/);
            assert.match(wide[1], /\s+app=np$/);
          },
        );

        await t.step("kubectl expose makes a Service for a Deployment", async () => {
          await ok(skiff, "create", "deployment", "nginx", "--image=nginx:1.27", "--port=80");
          assert.equal(
            await ok(skiff, "expose", "deployment", "nginx", "--port=8080", "--target-port=80"),
            "service/nginx exposed\n",
          );
          const svc = JSON.parse(await ok(skiff, "get", "svc", "nginx", "-o", "json"));
          assert.deepEqual(svc.spec.selector, { app: "nginx" });
          assert.deepEqual(svc.spec.ports, [{ port: 8080, protocol: "TCP", targetPort: 80 }]);
          assert.equal(svc.spec.clusterIPs[0], svc.spec.clusterIP);
        });

        await t.step("the shared manifests' Services apply, update and print", async () => {
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}000-04.yaml`),
            "service/test-k8s created\n",
          );
          const ip = (await row(skiff, "test-k8s"))[2];
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}000-05.yaml`),
            "service/test-k8s configured\n",
          );
          assert.deepEqual((await row(skiff, "test-k8s")).slice(1, 5), [
            "NodePort",
            ip,
            "<none>",
            "8080:31000/TCP",
          ]);
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}000-06.yaml`),
            "service/test-k8s configured\n",
          );
          assert.equal((await row(skiff, "test-k8s"))[4], "8080:31000/TCP,8090:32000/TCP");
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}002-20.yaml`),
            "service/myservice created\nservice/mydb created\n",
          );
          assert.equal((await row(skiff, "mydb"))[4], "80/TCP");
          // The headless Service of a StatefulSet (000-07 whole: workloads serves StatefulSets).
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}000-07.yaml`),
            "statefulset.apps/mongodb created\nservice/mongodb created\n",
          );
          assert.deepEqual((await row(skiff, "mongodb")).slice(1, 5), [
            "ClusterIP",
            "None",
            "<none>",
            "27017/TCP",
          ]);
          await ok(skiff, "delete", "svc", "mongodb");
          // 000-11 also holds kinds no module serves yet: only its Service.
          const r = await kubectlWith(
            skiff,
            { stdin: await serviceDocuments("000-11.yaml") },
            "apply",
            "-f",
            "-",
          );
          assert.equal(r.code, 0, r.stderr);
          assert.equal(r.stdout, "service/mongodb created\n");
          assert.deepEqual((await row(skiff, "mongodb")).slice(1, 5), [
            "ClusterIP",
            "None",
            "<none>",
            "27017/TCP",
          ]);
        });

        await t.step("invalid Services are refused with Kubernetes' messages", async () => {
          const taken = await kubectl(
            skiff,
            "create",
            "service",
            "nodeport",
            "np2",
            "--tcp=81:8080",
            "--node-port=30080",
          );
          assert.equal(taken.code, 1);
          assert.equal(
            taken.stderr,
            'error: failed to create NodePort service: Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
          );
          const range = await kubectl(
            skiff,
            "create",
            "service",
            "clusterip",
            "bad",
            "--clusterip=10.0.0.1",
            "--tcp=80",
          );
          assert.equal(
            range.stderr,
            'error: failed to create ClusterIP service: Service "bad" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n',
          );
          const unnamed = await kubectlWith(
            skiff,
            {
              stdin:
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: two\nspec:\n  ports:\n  - port: 80\n  - port: 81\n",
            },
            "apply",
            "-f",
            "-",
          );
          assert.equal(unnamed.code, 1);
          assert.equal(
            unnamed.stderr,
            'The Service "two" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n',
          );
          const moved = await kubectl(
            skiff,
            "patch",
            "svc",
            "web",
            "-p",
            '{"spec":{"clusterIP":"10.96.5.5"}}',
          );
          assert.match(
            moved.stderr,
            /^The Service "web" is invalid: spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.96\.5\.5"\}: may not change once set\n$/,
          );
        });

        await t.step("deleting a Service frees its node port for the next one", async () => {
          assert.equal(await ok(skiff, "delete", "svc", "np"), 'service "np" deleted\n');
          const gone = await kubectl(skiff, "get", "svc", "np");
          assert.equal(gone.stderr, 'Error from server (NotFound): services "np" not found\n');
          assert.equal(
            await ok(skiff, "create", "service", "nodeport", "np2", "--tcp=81:8080", "--node-port=30080"),
            "service/np2 created\n",
          );
          assert.deepEqual(
            (await ok(skiff, "delete", "svc", "np2", "web", "ext", "lb")).trim().split("\n"),
            [
              'service "np2" deleted',
              'service "web" deleted',
              'service "ext" deleted',
              'service "lb" deleted',
            ],
          );
        });
      } finally {
        await skiff.stop();
        await stop();
      }
    },
  });
}
