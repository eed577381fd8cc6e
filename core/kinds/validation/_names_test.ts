import assert from "node:assert/strict";
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isValidPortName,
  nameIsDNSLabel,
  regexError,
} from "./_names.ts";

Deno.test("regex errors list examples the way Go's RegexError joins them", () => {
  assert.equal(regexError("bad", "[a-z]+"), "bad (regex used for validation is '[a-z]+')");
  assert.equal(
    regexError("bad", "[a-z]+", "a", "b"),
    "bad (e.g. 'a',  or 'b', regex used for validation is '[a-z]+')",
  );
});

Deno.test("DNS labels and subdomains accept what Kubernetes accepts", () => {
  assert.deepEqual(isDNS1123Label("my-name"), []);
  assert.deepEqual(isDNS1123Label("a.b"), ["must not contain dots"]);
  assert.equal(isDNS1123Label("-a").length, 1);
  assert.deepEqual(isDNS1123Subdomain("example.com"), []);
  assert.equal(isDNS1123Subdomain("Example.com").length, 1);
  assert.deepEqual(isDNS1123Subdomain("x".repeat(254)).slice(0, 1), ["must be no more than 253 characters"]);
});

Deno.test("a generateName is checked with its trailing dash masked", () => {
  assert.deepEqual(nameIsDNSLabel("web-", true), []);
  assert.equal(nameIsDNSLabel("web-", false).length, 1);
});

Deno.test("port names are short lowercase IANA service names with a letter", () => {
  assert.deepEqual(isValidPortName("http-alt"), []);
  assert.deepEqual(isValidPortName("8080"), ["must contain at least one letter (a-z)"]);
  assert.deepEqual(isValidPortName("-web"), ["must not begin or end with a hyphen"]);
  assert.deepEqual(isValidPortName("a-very-long-port-name"), ["must be no more than 15 characters"]);
});

Deno.test("qualified names may carry a DNS prefix, label values may be empty", () => {
  assert.deepEqual(isQualifiedName("example.com/ready"), []);
  assert.deepEqual(isQualifiedName("/ready"), ["prefix part must be non-empty"]);
  assert.match(isQualifiedName("a/b/c")[0], /^a valid label key must consist of/);
  assert.deepEqual(isLabelValue(""), []);
  assert.equal(isLabelValue("-x").length, 1);
});

Deno.test("config keys may not be dot paths", () => {
  assert.deepEqual(isConfigMapKey("app.properties"), []);
  assert.deepEqual(isConfigMapKey(".."), ["must not be '..'"]);
});
