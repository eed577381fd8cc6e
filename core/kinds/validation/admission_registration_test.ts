// Cases from kubernetes/pkg/apis/admissionregistration/validation/validation_test.go.
import assert from "node:assert/strict";
import {
  validateMutatingWebhookConfiguration,
  validateValidatingWebhookConfiguration,
} from "./admission_registration.ts";

// deno-lint-ignore no-explicit-any
const hook = (extra: Record<string, any> = {}) => ({
  name: "webhook.k8s.io",
  clientConfig: { url: "https://example.com" },
  sideEffects: "None",
  admissionReviewVersions: ["v1beta1"],
  ...extra,
});
// deno-lint-ignore no-explicit-any
const messages = (webhooks: any[]) =>
  validateValidatingWebhookConfiguration({ webhooks }).map((e) => `${e.field}: ${e.message}`);

Deno.test("a valid webhook configuration has no errors", () => {
  assert.deepEqual(messages([hook(), hook({ name: "other.k8s.io" })]), []);
  assert.deepEqual(
    validateMutatingWebhookConfiguration({ webhooks: [hook({ reinvocationPolicy: "IfNeeded" })] }),
    [],
  );
});

Deno.test("webhook names must be fully qualified and unique", () => {
  assert.deepEqual(messages([hook(), hook({ name: "k8s.io" }), hook({ name: "" })]), [
    'webhooks[1].name: Invalid value: "k8s.io": should be a domain with at least three segments separated by dots',
    "webhooks[2].name: Required value",
  ]);
  assert.deepEqual(messages([hook(), hook()]), ['webhooks[1].name: Duplicate value: "webhook.k8s.io"']);
});

Deno.test("admissionReviewVersions are required, unique and must include a version the server speaks", () => {
  assert.deepEqual(messages([hook({ admissionReviewVersions: [] })]), [
    "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
  ]);
  assert.deepEqual(messages([hook({ admissionReviewVersions: ["v1beta1", "v1beta1"] })]), [
    'webhooks[0].admissionReviewVersions[1]: Invalid value: "v1beta1": duplicate version',
  ]);
  assert.deepEqual(messages([hook({ admissionReviewVersions: ["invalid-v1"] })]), [
    'webhooks[0].admissionReviewVersions: Invalid value: ["invalid-v1"]: must include at least one of v1, v1beta1',
  ]);
});

Deno.test("rules need operations, groups, versions and resources whose wildcards do not overlap", () => {
  const rule = { operations: ["CREATE"], apiGroups: ["a"], apiVersions: ["a"], resources: ["a"] };
  assert.deepEqual(messages([hook({ rules: [{}] })]), [
    "webhooks[0].rules[0].operations: Required value",
    "webhooks[0].rules[0].apiGroups: Required value",
    "webhooks[0].rules[0].apiVersions: Required value",
    "webhooks[0].rules[0].resources: Required value",
  ]);
  assert.deepEqual(
    messages([hook({ rules: [{ ...rule, operations: ["*", "CREATE"], apiGroups: ["a", "*"] }] })]),
    [
      `webhooks[0].rules[0].operations: Invalid value: ["*","CREATE"]: if '*' is present, must not specify other operations`,
      `webhooks[0].rules[0].apiGroups: Invalid value: ["a","*"]: if '*' is present, must not specify other API groups`,
    ],
  );
  assert.deepEqual(messages([hook({ rules: [{ ...rule, operations: ["GET"] }] })]), [
    'webhooks[0].rules[0].operations[0]: Unsupported value: "GET": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
  ]);
  assert.deepEqual(messages([hook({ rules: [{ ...rule, resources: ["a/*", "a/x"] }] })]), [
    "webhooks[0].rules[0].resources[1]: Invalid value: \"a/x\": if 'a/*' is present, must not specify a/x",
  ]);
  assert.deepEqual(messages([hook({ rules: [{ ...rule, resources: ["*/a", "x/a"] }] })]), [
    "webhooks[0].rules[0].resources[1]: Invalid value: \"x/a\": if '*/a' is present, must not specify x/a",
  ]);
  assert.deepEqual(messages([hook({ rules: [{ ...rule, resources: ["*/*", "a"] }] })]), [
    `webhooks[0].rules[0].resources: Invalid value: ["*/*","a"]: if '*/*' is present, must not specify other resources`,
  ]);
  assert.deepEqual(messages([hook({ rules: [{ ...rule, resources: ["*", "a"] }] })]), [
    `webhooks[0].rules[0].resources: Invalid value: ["*","a"]: if '*' is present, must not specify other resources without subresources`,
  ]);
  assert.deepEqual(messages([hook({ rules: [{ ...rule, scope: "Foo" }] })]), [
    'webhooks[0].rules[0].scope: Unsupported value: "Foo": supported values: "*", "Cluster", "Namespaced"',
  ]);
});

Deno.test("sideEffects must be None or NoneOnDryRun and timeoutSeconds 1 to 30", () => {
  assert.deepEqual(messages([hook({ sideEffects: undefined })]), [
    "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
  ]);
  assert.deepEqual(messages([hook({ sideEffects: "Unknown" })]), [
    'webhooks[0].sideEffects: Unsupported value: "Unknown": supported values: "None", "NoneOnDryRun"',
  ]);
  assert.deepEqual(messages([hook({ timeoutSeconds: 0 }), hook({ name: "b.k8s.io", timeoutSeconds: 31 })]), [
    "webhooks[0].timeoutSeconds: Invalid value: 0: the timeout value must be between 1 and 30 seconds",
    "webhooks[1].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
  ]);
});

Deno.test("the client config names exactly one of url and service, an https URL without user, query or fragment", () => {
  assert.deepEqual(messages([hook({ clientConfig: {} })]), [
    "webhooks[0].clientConfig: Required value: exactly one of url or service is required",
  ]);
  assert.deepEqual(messages([hook({ clientConfig: { url: "example.com/k8s/webhook" } })]), [
    `webhooks[0].clientConfig.url: Invalid value: "": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
    'webhooks[0].clientConfig.url: Invalid value: "": host must be specified; desired format: https://host[/path]',
  ]);
  assert.deepEqual(messages([hook({ clientConfig: { url: "https://example.com/#bookmark" } })]), [
    'webhooks[0].clientConfig.url: Invalid value: "bookmark": fragments are not permitted in the URL',
  ]);
  assert.deepEqual(messages([hook({ clientConfig: { url: "https://example.com?arg=value" } })]), [
    'webhooks[0].clientConfig.url: Invalid value: "arg=value": query parameters are not permitted in the URL',
  ]);
  assert.deepEqual(messages([hook({ clientConfig: { url: "https://user:secret@example.com" } })]), [
    'webhooks[0].clientConfig.url: Invalid value: "user:secret": user information is not permitted in the URL',
  ]);
});

Deno.test("a service reference needs a name, a namespace, a valid port and a path of subdomain segments", () => {
  const service = (extra: Record<string, unknown>) => ({
    clientConfig: { service: { namespace: "ns", name: "n", ...extra } },
  });
  assert.deepEqual(messages([hook(service({ path: "/foo" }))]), []);
  assert.deepEqual(messages([hook(service({ path: "foo" }))]), [
    `webhooks[0].clientConfig.service.path: Invalid value: "foo": must start with a '/'`,
  ]);
  assert.deepEqual(messages([hook(service({ path: "/foo//bar/" }))]), [
    'webhooks[0].clientConfig.service.path: Invalid value: "/foo//bar/": segment[1] may not be empty',
  ]);
  assert.deepEqual(messages([hook(service({ port: 65536 }))]), [
    "webhooks[0].clientConfig.service.port: Invalid value: 65536: port is not valid: must be between 1 and 65535, inclusive",
  ]);
  assert.deepEqual(messages([hook(service({ name: "", namespace: "" }))]), [
    "webhooks[0].clientConfig.service.name: Required value: service name is required",
    "webhooks[0].clientConfig.service.namespace: Required value: service namespace is required",
  ]);
});
