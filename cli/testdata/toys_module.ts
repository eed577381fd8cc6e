/**
 * A module for tests: one built-in kind (gizmos, served in-process) and one CRD (gadgets) whose controller
 * labels every gadget `seen=yes`.
 *
 * @module
 */
import { Controller, defineOperator, type KubeObject, type ResourceRef } from "@skiff/sdk";

// A module with one built-in kind (served in-process) and one CRD, whose controller marks gadgets seen.
/** The CRD's kind, for clients. */
export const gadgets: ResourceRef = {
  group: "toys.example.com",
  version: "v1",
  plural: "gadgets",
  kind: "Gadget",
  namespaced: true,
};
/** The module. */
export const toys = defineOperator({
  name: "toys",
  builtinKinds: {
    definitions: [{
      group: "toys.example.com",
      names: { plural: "gizmos", singular: "gizmo", kind: "Gizmo", listKind: "GizmoList" },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
      }],
    }],
  },
  crds: [{
    group: "toys.example.com",
    names: { plural: "gadgets", singular: "gadget", kind: "Gadget" },
    scope: "Namespaced",
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  }],
  controllers: [(ctx) =>
    new Controller<KubeObject>({
      name: "gadgets",
      for: gadgets,
      reconcile: async (key) => {
        const [ns, name] = key.split("/");
        await ctx.client.resource(gadgets).namespace(ns).patch(name, {
          metadata: { labels: { seen: "yes" } },
        });
      },
    })],
});
