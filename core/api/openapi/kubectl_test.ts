/**
 * The real kubectl against the API server with these routes mounted, over HTTPS with Skiff's PKI and
 * admin token: `explain` reads field docs from the v3 documents, `apply` validates on the server
 * (kubectl finds `fieldValidation` on the kind's PATCH operation and sends fieldValidation=Strict) and
 * computes its strategic merge patch from the v3 schema.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { authenticate, ensureAuth, writeKubeconfig } from "@skiff/auth";
import { openEmbeddedStore } from "@skiff/store";
import { type ApiServer, createApiServer } from "../app.ts";
import { openapiRoutes } from "./routes.ts";

const hasKubectl = await new Deno.Command("kubectl", {
  args: ["version", "--client"],
  stdout: "null",
  stderr: "null",
})
  .output().then((o) => o.success, () => false);

const manifest = (name: string) =>
  fileURLToPath(new URL(`../../../tests/manifests/${name}`, import.meta.url));

interface Cluster {
  api: ApiServer;
  dir: string;
  kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

async function startCluster(): Promise<Cluster> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-openapi-kubectl-" });
  const store = await openEmbeddedStore({ path: join(dir, "store.sqlite") });
  const auth = await ensureAuth(dir);
  const api = createApiServer({ store, authenticate: authenticate(auth.authenticator), log: () => {} });
  await api.start();
  // The API first: its authentication middleware then runs before the OpenAPI routes too.
  const root = new Hono();
  root.route("/", api.app);
  root.route("/", openapiRoutes(api.registry));
  const server = Deno.serve(
    { ...auth.pki.serving, hostname: "127.0.0.1", port: 0, onListen: () => {} },
    root.fetch,
  );
  await writeKubeconfig(auth.paths.kubeconfig, {
    server: `https://127.0.0.1:${server.addr.port}`,
    caPem: auth.pki.ca.cert,
    token: auth.adminToken!,
  });
  return {
    api,
    dir,
    async kubectl(...args) {
      const out = await new Deno.Command("kubectl", {
        args: ["--kubeconfig", auth.paths.kubeconfig, ...args],
        // A private HOME keeps kubectl's discovery and OpenAPI caches out of the real one.
        env: { HOME: dir, KUBECONFIG: "" },
      }).output();
      const text = (b: Uint8Array) => new TextDecoder().decode(b);
      return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
    },
    async close() {
      await server.shutdown();
      await api.stop();
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function withCluster(fn: (c: Cluster) => Promise<void>): Promise<void> {
  const cluster = await startCluster();
  try {
    await fn(cluster);
  } finally {
    await cluster.close();
  }
}

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        description: A Widget is a thing.
        type: object
        properties:
          spec:
            description: The desired widget.
            type: object
            properties:
              size:
                description: How big the widget is.
                type: integer
              color:
                description: The widget's color.
                type: string
                enum: [red, blue]
`;

Deno.test("kubectl explain prints a built-in field's documentation from the v3 document", {
  ignore: !hasKubectl,
}, () =>
  withCluster(async (c) => {
    const out = await c.kubectl("explain", "pod.spec.containers");
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^KIND:\s+Pod\nVERSION:\s+v1\n/);
    assert.match(out.stdout, /FIELD: containers <\[\]Container>/);
    assert.match(out.stdout, /List of containers belonging to the pod\./);
    assert.match(out.stdout, /\n {2}image\t<string>\n {4}Container image name\./);
    assert.match(out.stdout, /\n {2}name\t<string> -required-\n/);
    assert.match(out.stdout, /\n {2}ports\t<\[\]ContainerPort>\n/);

    const missing = await c.kubectl("explain", "pod.spec.nope");
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /field "nope" does not exist/);
  }));

Deno.test(
  "kubectl explain finds a CRD's fields once the CRD is established, and apply validates its objects",
  { ignore: !hasKubectl },
  () =>
    withCluster(async (c) => {
      const crd = join(c.dir, "widgets.yaml");
      await Deno.writeTextFile(crd, WIDGET_CRD);
      // An explain before the CRD exists fills kubectl's caches; the index's ETag must move them on.
      assert.notEqual((await c.kubectl("explain", "widgets")).code, 0);
      const created = await c.kubectl("apply", "-f", crd);
      assert.equal(created.code, 0, created.stderr);
      for (let i = 0; i < 300 && !c.api.registry.lookup("example.com", "v1", "widgets"); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const out = await c.kubectl("explain", "widgets.spec");
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /^GROUP:\s+example\.com\nKIND:\s+Widget\nVERSION:\s+v1\n/);
      assert.match(out.stdout, /FIELD: spec <Object>/);
      assert.match(out.stdout, /The desired widget\./);
      assert.match(out.stdout, /\n {2}size\t<integer>\n {4}How big the widget is\./);
      assert.match(out.stdout, /\n {2}color\t<string>\n {2}enum: red, blue\n/);
      const kind = await c.kubectl("explain", "widgets");
      assert.match(kind.stdout, /\n {2}metadata\t<ObjectMeta>\n/);

      // The CRD's own document declares fieldValidation too, so its objects are validated on the server.
      const widget = join(c.dir, "widget.yaml");
      await Deno.writeTextFile(
        widget,
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, colour: red}\n",
      );
      const bad = await c.kubectl("apply", "-f", widget);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /spec\.colour/);
    }),
);

Deno.test(
  "kubectl apply validates on the server: a good Pod is created, an unknown field is named and refused",
  {
    ignore: !hasKubectl,
  },
  () =>
    withCluster(async (c) => {
      const good = await c.kubectl("apply", "-f", manifest("000-03.yaml"));
      assert.equal(good.code, 0, good.stderr);
      assert.equal(good.stdout.trim(), "pod/nginx created");
      const pods = c.api.registry.lookup("", "v1", "pods")!;
      assert.deepEqual((await c.api.objects.get(pods, "default", "nginx")).metadata.labels, { env: "test" });

      const bad = await c.kubectl("apply", "-f", manifest("000-01.yaml"));
      assert.notEqual(bad.code, 0);
      assert.doesNotMatch(bad.stderr, /openapi/i);
      assert.match(bad.stderr, /spec\.containers\[0\]\.images/);
      await assert.rejects(c.api.objects.get(pods, "default", "test-pod"));
    }),
);

Deno.test("kubectl apply of a changed Pod sends a strategic merge patch worked out from the v3 schema", {
  ignore: !hasKubectl,
}, () =>
  withCluster(async (c) => {
    assert.equal((await c.kubectl("apply", "-f", manifest("000-03.yaml"))).code, 0);
    const changed = join(c.dir, "pod.yaml");
    const text = await Deno.readTextFile(manifest("000-03.yaml"));
    await Deno.writeTextFile(
      changed,
      text.replace("env: test", "env: prod").replace("image: nginx\n", "image: nginx:1.27\n"),
    );
    const out = await c.kubectl("apply", "-f", changed, "-v=6");
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /pod\/nginx configured/);
    assert.match(
      out.stderr,
      /PATCH https:\/\/\S+\/api\/v1\/namespaces\/default\/pods\/nginx\?\S*fieldValidation=Strict/,
    );
    // kubectl says so (at -v=5 and up) when it falls back from the v3 schema to its compiled-in types.
    assert.doesNotMatch(out.stderr, /error calculating patch|OpenAPI V3 path does not/);
    const pod = await c.api.objects.get(c.api.registry.lookup("", "v1", "pods")!, "default", "nginx");
    assert.deepEqual(pod.metadata.labels, { env: "prod" });
    assert.equal((pod.spec as { containers: { image: string }[] }).containers[0].image, "nginx:1.27");
  }));
