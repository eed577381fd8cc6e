import assert from "node:assert/strict";
import type { JSONSchemaProps } from "../../schema/types.ts";
import { PatchError } from "../errors.ts";
import { rootType } from "./_schema.ts";
import { FieldSet } from "./field_set.ts";
import { pathString } from "./_path.ts";
import {
  applyConfiguration,
  ApplyConflictError,
  type ManagedFieldsEntry,
  updateManagedFields,
} from "./managed_fields.ts";

type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

// structured-merge-diff's merge/leaf_test.go and set_test.go schemas.
const type = rootType({
  type: "object",
  properties: {
    numeric: { type: "number" },
    string: { type: "string" },
    bool: { type: "boolean" },
    list: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    spec: {
      type: "object",
      properties: { template: { type: "object", properties: { a: { type: "string" } } } },
    },
  },
} as JSONSchemaProps);

/** An object driven by appliers and updaters, as structured-merge-diff's test fixture drives one. */
class Object_ {
  obj: Obj | undefined;
  apply(manager: string, config: Obj, force = false): void {
    this.obj = applyConfiguration(this.obj, { apiVersion: "v1", kind: "Thing", ...config }, type, {
      manager,
      apiVersion: "v1",
      kind: "Thing",
      force,
      now: "2026-01-01T00:00:00Z",
    });
  }
  update(manager: string, next: Obj): void {
    const obj: Obj = { apiVersion: "v1", kind: "Thing", ...next, metadata: { ...this.obj?.metadata } };
    updateManagedFields(this.obj, obj, type, { manager, apiVersion: "v1", now: "2026-01-01T00:00:01Z" });
    this.obj = obj;
  }
  /** The object without apiVersion, kind and metadata. */
  get value(): Obj {
    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = this.obj!;
    return rest;
  }
  /** Manager → the paths it owns. */
  get managed(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of (this.obj?.metadata?.managedFields ?? []) as ManagedFieldsEntry[]) {
      const paths: string[] = [];
      FieldSet.fromFieldsV1(e.fieldsV1).iterate((p) => paths.push(pathString(p)));
      out[`${e.manager}/${e.operation}`] = paths;
    }
    return out;
  }
}

Deno.test("apply, update, conflicting apply and forced apply share leaves as structured-merge-diff does", () => {
  const o = new Object_();
  o.apply("default", { numeric: 1, string: "string" });
  o.update("controller", { numeric: 1, string: "controller string", bool: true });
  assert.deepEqual(o.managed, { "default/Apply": [".numeric"], "controller/Update": [".bool", ".string"] });
  try {
    o.apply("default", { numeric: 2, string: "user string" });
    assert.fail("expected a conflict");
  } catch (e) {
    assert.ok(e instanceof ApplyConflictError);
    assert.equal(e.code, 409);
    assert.equal(e.message, 'Apply failed with 1 conflict: conflict with "controller" using v1: .string');
  }
  o.apply("default", { numeric: 2, string: "user string" }, true);
  assert.deepEqual(o.value, { numeric: 2, string: "user string", bool: true });
  assert.deepEqual(o.managed, { "default/Apply": [".numeric", ".string"], "controller/Update": [".bool"] });
});

Deno.test("applying twice removes what the second configuration leaves out (apply_twice_remove)", () => {
  const o = new Object_();
  o.apply("default", { numeric: 1, string: "string", bool: false });
  o.apply("default", { string: "new string" });
  assert.deepEqual(o.value, { string: "new string" });
  assert.deepEqual(o.managed, { "default/Apply": [".string"] });
});

Deno.test("a field an updater took over stays when the applier omits it (update_apply_omits)", () => {
  const o = new Object_();
  o.apply("default", { numeric: 2 });
  o.update("controller", { numeric: 1 });
  o.apply("default", {});
  assert.deepEqual(o.value, { numeric: 1 });
  assert.deepEqual(o.managed, { "controller/Update": [".numeric"] });
});

Deno.test("set items of an updater survive an apply that replaces the applier's own (apply_update_apply_no_overlap)", () => {
  const o = new Object_();
  o.apply("default", { list: ["a", "c"] });
  o.update("controller", { list: ["a", "b", "c", "d"] });
  o.apply("default", { list: ["a", "aprime", "c", "cprime"] });
  assert.deepEqual(o.value, { list: ["a", "b", "aprime", "c", "d", "cprime"] });
  assert.deepEqual(o.managed, {
    "default/Apply": ['.list[="a"]', '.list[="aprime"]', '.list[="c"]', '.list[="cprime"]'],
    "controller/Update": ['.list[="b"]', '.list[="d"]'],
  });
});

Deno.test("a struct field goes whole when its applier stops applying it", () => {
  const o = new Object_();
  o.apply("default", { spec: { template: { a: "x" } }, string: "s" });
  o.apply("default", { string: "s" });
  assert.deepEqual(o.value, { string: "s" });
});

Deno.test("two appliers of one value co-own it, and it stays until both stop applying it", () => {
  const o = new Object_();
  o.apply("one", { string: "s", numeric: 1 });
  o.apply("two", { string: "s" });
  o.apply("one", { numeric: 1 });
  assert.deepEqual(o.value, { string: "s", numeric: 1 });
  o.apply("two", {});
  assert.deepEqual(o.value, { numeric: 1 });
});

Deno.test("updates record the time and merge into the manager's earlier Update entry", () => {
  const o = new Object_();
  o.update("ctl", { numeric: 1 });
  o.update("ctl", { numeric: 1, bool: true });
  const entries = o.obj!.metadata!.managedFields as ManagedFieldsEntry[];
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0], {
    manager: "ctl",
    operation: "Update",
    apiVersion: "v1",
    time: "2026-01-01T00:00:01Z",
    fieldsType: "FieldsV1",
    fieldsV1: { "f:bool": {}, "f:numeric": {} },
  });
});

Deno.test("an object that exists untracked stays untracked by updates; its first apply credits before-first-apply", () => {
  const live: Obj = { apiVersion: "v1", kind: "Thing", metadata: { name: "t", uid: "u" }, numeric: 1 };
  const next: Obj = { ...live, numeric: 2 };
  updateManagedFields(live, next, type, { manager: "ctl", apiVersion: "v1" });
  assert.equal(next.metadata!.managedFields, undefined);
  assert.throws(
    () =>
      applyConfiguration(
        live,
        { apiVersion: "v1", kind: "Thing", metadata: { name: "t" }, numeric: 3 },
        type,
        {
          manager: "kubectl",
          apiVersion: "v1",
          kind: "Thing",
        },
      ),
    /conflict with "before-first-apply" using v1: \.numeric/,
  );
});

Deno.test("more than ten update managers fold the oldest into ancient-changes", () => {
  let live: Obj | undefined;
  for (let i = 0; i < 12; i++) {
    const next: Obj = {
      apiVersion: "v1",
      kind: "Thing",
      ...live,
      metadata: { ...live?.metadata },
      [`f${i}`]: i,
    };
    const now = `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`;
    updateManagedFields(live, next, type, { manager: `m${i}`, apiVersion: "v1", now });
    live = next;
  }
  const managers = (live!.metadata!.managedFields as ManagedFieldsEntry[]).map((e) => e.manager);
  assert.deepEqual(managers, ["ancient-changes", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11"]);
  const ancient = (live!.metadata!.managedFields as ManagedFieldsEntry[])[0];
  assert.deepEqual(ancient.fieldsV1, { "f:f0": {}, "f:f1": {}, "f:f2": {} });
});

Deno.test("apply refuses a configuration of another kind or version, or with managedFields", () => {
  const opts = { manager: "m", apiVersion: "apps/v1", kind: "Deployment" };
  const err = (config: Obj) => {
    try {
      applyConfiguration(undefined, config, type, opts);
    } catch (e) {
      assert.ok(e instanceof PatchError);
      return `${e.code} ${e.message}`;
    }
    assert.fail("expected an error");
  };
  assert.equal(err({ kind: "Deployment" }), "400 invalid object type: /, Kind=Deployment");
  assert.equal(err({ apiVersion: "apps/v1" }), "400 invalid object type: apps/v1, Kind=");
  assert.equal(
    err({ apiVersion: "apps/v1", kind: "Deployment", metadata: { managedFields: [] } }),
    "400 metadata.managedFields must be nil",
  );
});

Deno.test("kubectl's server-side apply takes over the fields its client-side apply set, and updates the annotation", () => {
  const lastApplied = JSON.stringify({
    apiVersion: "v1",
    kind: "Thing",
    metadata: { name: "t" },
    string: "a",
  });
  const live: Obj = {
    apiVersion: "v1",
    kind: "Thing",
    metadata: { name: "t", annotations: { "kubectl.kubernetes.io/last-applied-configuration": lastApplied } },
    string: "a",
  };
  const created: Obj = structuredClone(live);
  updateManagedFields(undefined, created, type, { manager: "kubectl-client-side-apply", apiVersion: "v1" });
  const config = { apiVersion: "v1", kind: "Thing", metadata: { name: "t" }, string: "b" };
  const opts = { apiVersion: "v1", kind: "Thing" };
  assert.throws(
    () => applyConfiguration(created, config, type, { ...opts, manager: "other" }),
    /conflict with "kubectl-client-side-apply" using v1: \.string/,
  );
  const out = applyConfiguration(created, config, type, { ...opts, manager: "kubectl" });
  assert.equal(out.string, "b");
  assert.equal(
    (out.metadata!.annotations as Record<string, string>)["kubectl.kubernetes.io/last-applied-configuration"],
    '{"apiVersion":"v1","kind":"Thing","metadata":{"name":"t"},"string":"b"}\n',
  );
});
