/**
 * Test-only: CRDs for a reconciled kind (Widget) and a kind it owns (Part), and a pause.
 *
 * @module
 */
import type { KubeObject, ResourceRef } from "../client/types.ts";

function crd(plural: string, kind: string): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: "example.com",
      names: { plural, kind, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
      }],
    },
  };
}

/** example.com/v1 Widget, with a status subresource. */
export const widgetCrd: KubeObject = crd("widgets", "Widget");
/** example.com/v1 Part, which Widgets own. */
export const partCrd: KubeObject = crd("parts", "Part");

export const widgetsResource: ResourceRef = {
  group: "example.com",
  version: "v1",
  plural: "widgets",
  kind: "Widget",
  namespaced: true,
};
export const partsResource: ResourceRef = {
  group: "example.com",
  version: "v1",
  plural: "parts",
  kind: "Part",
  namespaced: true,
};

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
