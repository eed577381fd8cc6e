import assert from "node:assert/strict";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1123SubdomainWithUnderscore,
  isPathSegmentName,
  isQualifiedName,
  isValidLabelValue,
  maskTrailingDash,
  nameIsDNSSubdomain,
  regexError,
} from "./names.ts";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const table: [string, (v: string) => string[], string, string[]][] = [
  ["a subdomain", isDNS1123Subdomain, "example.com", []],
  ["a subdomain with capitals", isDNS1123Subdomain, "Example", [SUBDOMAIN_MSG]],
  ["an overlong subdomain", isDNS1123Subdomain, "a".repeat(254), ["must be no more than 253 characters"]],
  ["a label", isDNS1123Label, "my-ns", []],
  ["a label with dots", isDNS1123Label, "a.b", ["must not contain dots"]],
  ["a label ending in a dash", isDNS1123Label, "a-", [LABEL_MSG]],
  ["an overlong label", isDNS1123Label, "a".repeat(64), ["must be no more than 63 characters"]],
  ["a DNS-1035 label", isDNS1035Label, "web", []],
  ["a DNS-1035 label starting with a digit", isDNS1035Label, "1web", [DNS1035_MSG]],
  ["a plain qualified name", isQualifiedName, "app", []],
  ["a prefixed qualified name", isQualifiedName, "example.com/App_1", []],
  ["a qualified name with an empty prefix", isQualifiedName, "/a", ["prefix part must be non-empty"]],
  [
    "a qualified name with a bad prefix",
    isQualifiedName,
    "Ex/a",
    ["prefix part " + SUBDOMAIN_MSG],
  ],
  ["a qualified name with an empty name", isQualifiedName, "a/", [
    "name part must be non-empty",
    NAME_PART_MSG,
  ]],
  ["a qualified name with a long name", isQualifiedName, "a".repeat(64), [
    "name part must be no more than 63 bytes",
  ]],
  [
    "a qualified name with two slashes",
    isQualifiedName,
    "a/b/c",
    [
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ],
  ["an empty label value", isValidLabelValue, "", []],
  ["a label value", isValidLabelValue, "v1.2_x", []],
  ["a label value starting with a dash", isValidLabelValue, "-x", [LABEL_VALUE_MSG]],
  ["an overlong label value", isValidLabelValue, "a".repeat(64), ["must be no more than 63 bytes"]],
  ["a subdomain with underscores", isDNS1123SubdomainWithUnderscore, "_srv._tcp.example.com", []],
  ["a subdomain with capitals and underscores", isDNS1123SubdomainWithUnderscore, "_A", [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')",
  ]],
  ["a path segment", isPathSegmentName, "a b", []],
  ["the path segment ..", isPathSegmentName, "..", ["may not be '..'"]],
  ["a path segment with / and %", isPathSegmentName, "a/%", ["may not contain '/'", "may not contain '%'"]],
];

for (const [name, fn, value, want] of table) {
  Deno.test(`name rules judge ${name} as Kubernetes does`, () => assert.deepEqual(fn(value), want));
}

Deno.test("a generateName may end in a dash", () => {
  assert.equal(maskTrailingDash("web-"), "wea");
  assert.deepEqual(nameIsDNSSubdomain("web-", true), []);
  assert.deepEqual(nameIsDNSSubdomain("web-", false), [SUBDOMAIN_MSG]);
});

Deno.test("regex errors list examples the way Go's RegexError joins them", () => {
  assert.equal(regexError("bad", "[a-z]+"), "bad (regex used for validation is '[a-z]+')");
  assert.equal(
    regexError("bad", "[a-z]+", "a", "b"),
    "bad (e.g. 'a',  or 'b', regex used for validation is '[a-z]+')",
  );
});
