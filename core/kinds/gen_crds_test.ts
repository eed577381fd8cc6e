import assert from "node:assert/strict";
import { parse } from "yaml";
import { CRDS_DIR, renderCrdFiles } from "./gen_crds.ts";
import { builtinDefinitions, podDefinition } from "./builtin.ts";
import { crdFileName, crdName, renderCrd } from "./_crd_yaml.ts";

Deno.test("the CRD files in crds/ match the built-in kinds' schemas (run `deno task crds` when this fails)", async () => {
  for (const [name, want] of renderCrdFiles()) {
    let got: string;
    try {
      got = await Deno.readTextFile(new URL(name, CRDS_DIR));
    } catch {
      assert.fail(`crds/${name} is missing: run \`deno task crds\` and commit the result`);
    }
    assert.ok(
      got === want,
      `crds/${name} differs from core/kinds: run \`deno task crds\` and commit the result`,
    );
  }
});

Deno.test("built-in CRD files are named by group, version and plural, with core for the legacy group", () => {
  assert.deepEqual(builtinDefinitions.map(crdFileName), [
    "core_v1_namespaces.yaml",
    "core_v1_nodes.yaml",
    "core_v1_pods.yaml",
    "core_v1_events.yaml",
    "events.k8s.io_v1_events.yaml",
    "coordination.k8s.io_v1_leases.yaml",
    "core_v1_serviceaccounts.yaml",
    "apiextensions.k8s.io_v1_customresourcedefinitions.yaml",
    "rbac.authorization.k8s.io_v1_roles.yaml",
    "rbac.authorization.k8s.io_v1_clusterroles.yaml",
    "rbac.authorization.k8s.io_v1_rolebindings.yaml",
    "rbac.authorization.k8s.io_v1_clusterrolebindings.yaml",
    "admissionregistration.k8s.io_v1_validatingwebhookconfigurations.yaml",
    "admissionregistration.k8s.io_v1_mutatingwebhookconfigurations.yaml",
  ]);
  assert.deepEqual(builtinDefinitions.map(crdName).slice(0, 6), [
    "namespaces",
    "nodes",
    "pods",
    "events",
    "events.events.k8s.io",
    "leases.coordination.k8s.io",
  ]);
});

Deno.test("a rendered CRD reads back as a CustomResourceDefinition whose spec is the definition", () => {
  const crd = parse(renderCrd(podDefinition));
  assert.equal(crd.apiVersion, "apiextensions.k8s.io/v1");
  assert.equal(crd.kind, "CustomResourceDefinition");
  assert.equal(crd.metadata.name, "pods");
  assert.deepEqual(crd.spec, JSON.parse(JSON.stringify(podDefinition)));
});

Deno.test("rendering is deterministic whatever order the keys were built in", () => {
  const reordered = JSON.parse(JSON.stringify(podDefinition, Object.keys(podDefinition).reverse()));
  assert.equal(renderCrd({ ...reordered, ...podDefinition }), renderCrd(podDefinition));
  const text = renderCrd(podDefinition);
  assert.ok(text.indexOf("\n  group:") < text.indexOf("\n  names:"));
  assert.ok(text.indexOf("\n  names:") < text.indexOf("\n  scope:"));
});
