import assert from "node:assert/strict";
import { ApiError } from "../errors.ts";
import { negotiate, notAcceptable, parseIncludeObject, wantsTable } from "./negotiate.ts";

const KUBECTL_GET =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const JSON_OBJECT = { as: "object", mediaType: "application/json" };
const TABLE_V1 = { as: "table", version: "v1", mediaType: "application/json" };
const TABLE_V1BETA1 = { as: "table", version: "v1beta1", mediaType: "application/json" };
const META = (kind: string, version = "v1") => ({
  as: "metadata",
  kind,
  version,
  mediaType: "application/json",
});
// client-go's metadata client (k8s.io/client-go/metadata): protobuf first, which Skiff does not encode.
const METADATA_CLIENT_GET =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
const METADATA_CLIENT_LIST =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

// Cases after TestGetTable and TestWatchTable in apiserver/pkg/endpoints/apiserver_test.go.
const cases: [string | null, unknown][] = [
  [null, JSON_OBJECT],
  ["", JSON_OBJECT],
  ["application/json", JSON_OBJECT],
  ["*/*", JSON_OBJECT],
  ["application/*", JSON_OBJECT],
  [KUBECTL_GET, TABLE_V1],
  ["application/json;as=Table;v=v1;g=meta.k8s.io", TABLE_V1],
  ["application/json;as=Table;v=v1beta1;g=meta.k8s.io", TABLE_V1BETA1],
  ["application/json; as=Table; g=meta.k8s.io; v=v1", TABLE_V1],
  [
    "application/vnd.kubernetes.protobuf;as=Table;v=v1beta1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io",
    TABLE_V1BETA1,
  ],
  ["application/json;as=Table;v=v1alpha1;g=meta.k8s.io", undefined],
  ["application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io", undefined],
  ["application/vnd.kubernetes.protobuf", undefined],
  ["application/json;as=Table", undefined],
  [
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
    META("PartialObjectMetadataList"),
  ],
  ["application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", META("PartialObjectMetadata")],
  [
    "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1",
    META("PartialObjectMetadata", "v1beta1"),
  ],
  [METADATA_CLIENT_GET, META("PartialObjectMetadata")],
  [METADATA_CLIENT_LIST, META("PartialObjectMetadataList")],
  ["application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1alpha1", undefined],
  ["application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1alpha1,application/json", JSON_OBJECT],
  ["application/json;as=PartialObjectMetadata;v=v1", undefined],
  [
    "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1;stream=watch",
    META("PartialObjectMetadata"),
  ],
  ["application/json;as=Pod;g=meta.k8s.io;v=v1", undefined],
  ["application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json", JSON_OBJECT],
  ["*/*;q=0.8,application/json;as=Table;v=v1;g=meta.k8s.io", TABLE_V1],
  ["application/json;stream=watch", JSON_OBJECT],
  ["application/json;stream=other", undefined],
  ["application/json;as=Table;v=v1;g=meta.k8s.io;pretty=1", TABLE_V1],
  ["text/html,application/xhtml+xml", undefined],
];

for (const [accept, want] of cases) {
  Deno.test(`negotiate answers ${JSON.stringify(accept)} with ${JSON.stringify(want) ?? "406"}`, () => {
    assert.deepEqual(negotiate(accept), want);
  });
}

Deno.test("negotiate serves a Table as YAML only when the server offers YAML", () => {
  const yamlTable = "application/yaml;as=Table;v=v1;g=meta.k8s.io";
  assert.equal(negotiate(yamlTable), undefined);
  assert.deepEqual(negotiate(yamlTable, ["application/json", "application/yaml"]), {
    as: "table",
    version: "v1",
    mediaType: "application/yaml",
  });
});

Deno.test("wantsTable is true for kubectl get and false for a plain client", () => {
  assert.equal(wantsTable(KUBECTL_GET), true);
  assert.equal(wantsTable("application/json"), false);
  assert.equal(wantsTable(null), false);
  assert.equal(wantsTable("application/json;as=Table;v=v1alpha1;g=meta.k8s.io"), false);
});

Deno.test("notAcceptable is the 406 Status Kubernetes sends", () => {
  const status = notAcceptable().toStatus();
  assert.equal(status.code, 406);
  assert.equal(status.reason, "NotAcceptable");
  assert.equal(status.message, "only the following media types are accepted: application/json");
});

Deno.test("parseIncludeObject takes the three policies and defaults to Metadata", () => {
  assert.equal(parseIncludeObject(undefined), "Metadata");
  assert.equal(parseIncludeObject(null), "Metadata");
  assert.equal(parseIncludeObject(""), "Metadata");
  assert.equal(parseIncludeObject("None"), "None");
  assert.equal(parseIncludeObject("Metadata"), "Metadata");
  assert.equal(parseIncludeObject("Object"), "Object");
});

Deno.test("parseIncludeObject refuses another value with Kubernetes' 400", () => {
  assert.throws(() => parseIncludeObject("object"), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 400);
    assert.equal(e.reason, "BadRequest");
    assert.equal(
      e.message,
      `Unable to convert to Table as requested: includeObject: Invalid value: "object": must be 'Metadata', 'Object', 'None', or empty`,
    );
    return true;
  });
});
