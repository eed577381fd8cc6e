import assert from "node:assert/strict";
import {
  inclusiveRangeError,
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
} from "./value_checks.ts";

Deno.test("port numbers run from 1 to 65535", () => {
  assert.deepEqual(isValidPortNum(1), []);
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isValidPortNum(0), [inclusiveRangeError(1, 65535)]);
  assert.deepEqual(isValidPortNum(65536), ["must be between 1 and 65535, inclusive"]);
});

Deno.test("port names are short lowercase IANA service names with a letter", () => {
  assert.deepEqual(isValidPortName("http-alt"), []);
  assert.deepEqual(isValidPortName("8080"), ["must contain at least one letter (a-z)"]);
  assert.deepEqual(isValidPortName("-web"), ["must not begin or end with a hyphen"]);
  assert.deepEqual(isValidPortName("a--b"), ["must not contain consecutive hyphens"]);
  assert.deepEqual(isValidPortName("a-very-long-port-name"), ["must be no more than 15 characters"]);
  assert.deepEqual(isValidPortName(""), [
    "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
    "must contain at least one letter (a-z)",
  ]);
});

Deno.test("environment variable names are printable ASCII without '='", () => {
  assert.deepEqual(isRelaxedEnvVarName("my-var.1"), []);
  assert.deepEqual(isRelaxedEnvVarName("A=B"), [
    "a valid environment variable name must consist only of printable ASCII characters other than '='",
  ]);
  assert.deepEqual(isRelaxedEnvVarName("")[0], "environment variable name must be non-empty");
});

Deno.test("config keys may not be dot paths", () => {
  assert.deepEqual(isConfigMapKey("app.properties"), []);
  assert.deepEqual(isConfigMapKey(".."), ["must not be '..'"]);
  assert.deepEqual(isConfigMapKey("..x"), ["must not start with '..'"]);
  assert.deepEqual(isConfigMapKey("a b"), [
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  ]);
});

Deno.test("HTTP header names are alphanumerics and dashes", () => {
  assert.deepEqual(isHTTPHeaderName("X-Trace"), []);
  assert.equal(isHTTPHeaderName("X Trace").length, 1);
});
