import assert from "node:assert/strict";
import { builtinDefinitions } from "@skiff/kinds";
import type { KubeObject } from "../admission.ts";
import { ApiError } from "../errors.ts";
import { Registry } from "../registry.ts";
import type { Table } from "./types.ts";
import { tableWatch } from "./watch.ts";

const registry = new Registry();
for (const def of builtinDefinitions) registry.add(def, { builtin: true });
const namespaces = registry.lookup("", "v1", "namespaces")!;
const NOW = Date.parse("2024-05-01T12:00:00Z");

const ns = (rv: string, phase: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name: "dev", resourceVersion: rv, creationTimestamp: "2024-05-01T11:59:00Z" },
  status: { phase },
});

Deno.test("tableWatch sends column definitions on the first event only, as kube-apiserver does", () => {
  const asTable = tableWatch(namespaces, { clock: () => NOW });
  const added = asTable({ type: "ADDED", object: ns("10", "Active") });
  const modified = asTable({ type: "MODIFIED", object: ns("11", "Terminating") });
  const deleted = asTable({ type: "DELETED", object: ns("12", "Terminating") });
  assert.deepEqual([added.type, modified.type, deleted.type], ["ADDED", "MODIFIED", "DELETED"]);
  const [a, m, d] = [added.object, modified.object, deleted.object] as Table[];
  assert.deepEqual(a.columnDefinitions!.map((c) => c.name), ["Name", "Status", "Age"]);
  assert.equal(m.columnDefinitions, null);
  assert.equal(d.columnDefinitions, null);
  assert.deepEqual(a.metadata, { resourceVersion: "10" });
  assert.deepEqual(m.rows.map((r) => r.cells), [["dev", "Terminating", "60s"]]);
  assert.equal(JSON.stringify(m).includes('"columnDefinitions":null'), true);
});

Deno.test("tableWatch carries rows per includeObject in the negotiated version", () => {
  const asObjects = tableWatch(namespaces, { includeObject: "Object", clock: () => NOW });
  assert.deepEqual(
    (asObjects({ type: "ADDED", object: ns("1", "Active") }).object as Table).rows[0].object,
    ns("1", "Active"),
  );
  const asMetadata = tableWatch(namespaces, { version: "v1beta1", clock: () => NOW });
  const t = asMetadata({ type: "ADDED", object: ns("1", "Active") }).object as Table;
  assert.equal(t.apiVersion, "meta.k8s.io/v1beta1");
  assert.deepEqual(t.rows[0].object, {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1beta1",
    metadata: ns("1", "Active").metadata,
  });
});

Deno.test("tableWatch passes an ERROR's Status through and spends the headers on it", () => {
  const asTable = tableWatch(namespaces, { clock: () => NOW });
  const gone = ApiError.gone("too old resource version: 5 (9)").toStatus() as unknown as Record<
    string,
    unknown
  >;
  assert.deepEqual(asTable({ type: "ERROR", object: gone }), { type: "ERROR", object: gone });
  assert.equal(
    (asTable({ type: "ADDED", object: ns("10", "Active") }).object as Table).columnDefinitions,
    null,
  );
});

Deno.test("tableWatch turns a BOOKMARK into a one-row Table as Kubernetes does", () => {
  const asTable = tableWatch(namespaces, { clock: () => NOW });
  const bookmark = { apiVersion: "v1", kind: "Namespace", metadata: { resourceVersion: "20" } };
  const t = asTable({ type: "BOOKMARK", object: bookmark }).object as Table;
  assert.deepEqual(t.metadata, { resourceVersion: "20" });
  assert.deepEqual(t.rows[0].cells, ["", "", "<unknown>"]);
});

Deno.test("tableWatch reads its clock per event so a long watch ages its rows", () => {
  let now = NOW;
  const asTable = tableWatch(namespaces, { clock: () => now });
  assert.equal(
    (asTable({ type: "ADDED", object: ns("1", "Active") }).object as Table).rows[0].cells[2],
    "60s",
  );
  now += 60 * 60_000;
  assert.equal(
    (asTable({ type: "MODIFIED", object: ns("2", "Active") }).object as Table).rows[0].cells[2],
    "61m",
  );
});
