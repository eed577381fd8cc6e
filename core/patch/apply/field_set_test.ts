import assert from "node:assert/strict";
import { FieldSet } from "./field_set.ts";
import { pathString } from "./_path.ts";

// structured-merge-diff's fieldpath/serialize_test.go TestSerializeV1GoldenData.
const GOLDEN = [
  `{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\\"name\\":\\"first\\"}":{},"k:{\\"name\\":\\"second\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\\"aa\\"":{},"v:\\"ab\\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}`,
  `{"f:aaa":{"k:{\\"name\\":\\"second\\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"k:{\\"name\\":\\"first\\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\\"name\\":\\"second\\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\\"name\\":\\"first\\"}":{"k:{\\"name\\":\\"first\\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\\"name\\":\\"first\\"}":{"f:aad":{"f:aaf":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"f:aaa":{"f:aad":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"f:aac":{},"k:{\\"name\\":\\"first\\"}":{"i:3":{}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\\"name\\":\\"first\\"}":{},"i:2":{}},"v:\\"aa\\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\\"name\\":\\"first\\"}":{"f:aad":{}},"i:2":{}},"v:\\"ab\\"":{"f:aaf":{"i:4":{}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\\"name\\":\\"second\\"}":{"f:aaa":{}},"i:2":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\\"aa\\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\\"aa\\"":{"f:aab":{"k:{\\"name\\":\\"second\\"}":{}}}}}`,
  `{"f:spec":{".":{},"f:apps":{".":{},"k:{\\"name\\":\\" app-💻\\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\\"name\\":\\"port 🔑\\"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}},"k:{\\"name\\":\\" app-🚀\\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\\"name\\":\\"port-✅ \\"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}}}}}`,
];

Deno.test("FieldsV1 round-trips structured-merge-diff's golden sets byte for byte", () => {
  for (const text of GOLDEN) {
    assert.equal(JSON.stringify(FieldSet.fromFieldsV1(JSON.parse(text)).toFieldsV1()), text);
  }
});

Deno.test("FieldsV1 writes a member that also has children with a '.' entry", () => {
  const s = new FieldSet();
  s.insert(["f:metadata", "f:labels"]);
  s.insert(["f:metadata", "f:labels", "f:app"]);
  s.insert(["f:spec", "f:replicas"]);
  assert.deepEqual(s.toFieldsV1(), {
    "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
    "f:spec": { "f:replicas": {} },
  });
});

Deno.test("field sets union, subtract and intersect exact paths, children of a removed member staying", () => {
  const a = new FieldSet(), b = new FieldSet();
  a.insert(["f:a"]);
  a.insert(["f:a", "f:x"]);
  a.insert(["f:b"]);
  b.insert(["f:a"]);
  b.insert(["f:c"]);
  assert.deepEqual(a.difference(b).toFieldsV1(), { "f:a": { "f:x": {} }, "f:b": {} });
  assert.deepEqual(a.intersection(b).toFieldsV1(), { "f:a": {} });
  assert.deepEqual(a.union(b).toFieldsV1(), { "f:a": { ".": {}, "f:x": {} }, "f:b": {}, "f:c": {} });
  assert.ok(a.difference(a).empty());
  assert.equal(a.union(b).size(), 4);
});

Deno.test("key and value elements read from FieldsV1 are canonical, so they equal the ones built from values", () => {
  const s = FieldSet.fromFieldsV1({ 'k:{"protocol": "TCP", "containerPort": 80}': {}, "v: 1": {} });
  assert.ok(s.has(['k:{"containerPort":80,"protocol":"TCP"}']));
  assert.ok(s.has(["v:1"]));
  assert.throws(() => FieldSet.fromFieldsV1({ "x:y": {} }), /invalid path element/);
});

Deno.test("paths print as Kubernetes prints them in conflicts", () => {
  assert.equal(pathString(["f:spec", "f:replicas"]), ".spec.replicas");
  assert.equal(
    pathString([
      "f:spec",
      "f:containers",
      'k:{"name":"web"}',
      "f:ports",
      'k:{"containerPort":80,"protocol":"TCP"}',
    ]),
    '.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]',
  );
  assert.equal(pathString(["f:metadata", "f:finalizers", 'v:"a/b"']), '.metadata.finalizers[="a/b"]');
  assert.equal(pathString(["f:args", "i:2"]), ".args[2]");
});
