import assert from "node:assert/strict";
import { definitionName, groupVersionPath, refField, refName } from "./names.ts";

Deno.test("definition names follow Go packages for Kubernetes' groups and the reversed group for CRDs", () => {
  assert.equal(definitionName("", "v1", "Pod"), "io.k8s.api.core.v1.Pod");
  assert.equal(definitionName("apps", "v1", "Deployment"), "io.k8s.api.apps.v1.Deployment");
  assert.equal(definitionName("coordination.k8s.io", "v1", "Lease"), "io.k8s.api.coordination.v1.Lease");
  assert.equal(
    definitionName("apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
  );
  assert.equal(definitionName("example.com", "v1", "Widget"), "com.example.v1.Widget");
  assert.equal(definitionName("metallb.io", "v1beta1", "IPAddressPool"), "io.metallb.v1beta1.IPAddressPool");
  assert.equal(definitionName("local", "v1", "Thing"), "local.v1.Thing");
});

Deno.test("a field of a named type keeps its description beside an allOf reference", () => {
  assert.deepEqual(refField("io.k8s.api.core.v1.PodSpec", "Spec."), {
    description: "Spec.",
    allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.PodSpec" }],
  });
  assert.equal(refName("#/components/schemas/io.k8s.api.core.v1.Pod"), "io.k8s.api.core.v1.Pod");
  assert.equal(refName("#/definitions/io.k8s.api.core.v1.Pod"), undefined);
});

Deno.test("group-version paths put the core group under api and the others under apis", () => {
  assert.equal(groupVersionPath("", "v1"), "api/v1");
  assert.equal(groupVersionPath("example.com", "v1alpha1"), "apis/example.com/v1alpha1");
});
