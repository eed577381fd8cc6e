import assert from "node:assert/strict";
import { schema } from "./_schema.ts";
import { Walker } from "./_to_json.ts";

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";

/** Encodes `object` as proto type `name`, decodes it back and walks it into Go's JSON. */
function roundTrip(name: string, object: Record<string, unknown>): unknown {
  const type = schema().type(name)!;
  const bytes = type.encode(type.fromObject(object)).finish();
  const walker = new Walker(schema(), () => {
    throw new Error("no nested objects here");
  });
  return walker.message(type, type.decode(bytes) as unknown as Record<string, unknown>);
}

Deno.test("meta/v1 Duration prints as Go's Duration.String", () => {
  assert.equal(roundTrip(`${META}.Duration`, { duration: 5_400_000_000_000 }), "1h30m0s");
  assert.equal(roundTrip(`${META}.Duration`, {}), "0s");
});

Deno.test("an empty Time is Go's zero time and left out; a set Time drops its nanoseconds as Go does", () => {
  const meta = roundTrip(`${META}.ObjectMeta`, {
    name: "a",
    creationTimestamp: {},
    deletionTimestamp: { seconds: 1735787045, nanos: 999 },
  });
  assert.deepEqual(meta, { name: "a", deletionTimestamp: "2025-01-02T03:04:05Z" });
});

Deno.test("fields sent as gogo sends value fields, zero included, come back without the zeros", () => {
  // What a gogo-encoded empty ObjectMeta carries: every non-pointer scalar, each empty.
  const meta = roundTrip(`${META}.ObjectMeta`, {
    name: "",
    generateName: "",
    namespace: "",
    selfLink: "",
    uid: "",
    resourceVersion: "",
    generation: 0,
    deletionGracePeriodSeconds: 0,
  });
  // deletionGracePeriodSeconds is a *int64: the explicit 0 stays.
  assert.deepEqual(meta, { deletionGracePeriodSeconds: 0 });
});

Deno.test("a RawExtension that is not JSON is an error naming the field's trouble", () => {
  assert.throws(
    () => roundTrip("k8s.io.apimachinery.pkg.runtime.RawExtension", { raw: new TextEncoder().encode("{no") }),
    /invalid JSON in an embedded raw field/,
  );
});
