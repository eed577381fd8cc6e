import assert from "node:assert/strict";
import { effectiveFormat, stringFormat } from "./_formats.ts";

const cases: [string, string, boolean][] = [
  ["date-time", "2024-01-02T03:04:05Z", true],
  ["date-time", "2024-01-02t03:04:05.123+02:00", true],
  ["date-time", "2024-01-02T24:00:00Z", false],
  ["date-time", "2024-01-02", false],
  ["datetime", "2024-01-02T03:04:05Z", true],
  ["date", "2024-02-29", true],
  ["date", "2023-02-29", false],
  ["date", "2024-1-2", false],
  ["duration", "1h30m", true],
  ["duration", "1.5s", true],
  ["duration", "-300ms", true],
  ["duration", "0", true],
  ["duration", "3 days", true],
  ["duration", "10seconds", true],
  ["duration", "soon", false],
  ["duration", "1x", false],
  ["uuid", "123e4567-e89b-12d3-a456-426614174000", true],
  ["uuid", "123E4567E89B12D3A456426614174000", true],
  ["uuid", "123e4567", false],
  ["uuid4", "123e4567-e89b-42d3-a456-426614174000", true],
  ["uuid4", "123e4567-e89b-12d3-a456-426614174000", false],
  ["ipv4", "10.0.0.1", true],
  ["ipv4", "010.000.000.001", true],
  ["ipv4", "256.0.0.1", false],
  ["ipv4", "::1", false],
  ["ipv6", "::1", true],
  ["ipv6", "2001:db8::8a2e:370:7334", true],
  ["ipv6", "::ffff:10.0.0.1", true],
  ["ipv6", "10.0.0.1", false],
  ["ipv6", "1:::2", false],
  ["ipv6", "1:2:3:4:5:6:7:8:9", false],
  ["cidr", "10.0.0.0/8", true],
  ["cidr", "fd00::/64", true],
  ["cidr", "10.0.0.0/33", false],
  ["cidr", "10.0.0.0", false],
  ["mac", "01:23:45:67:89:ab", true],
  ["mac", "01-23-45-67-89-ab", true],
  ["mac", "0123.4567.89ab", true],
  ["mac", "01:23:45:67:89", false],
  ["email", "a@example.com", true],
  ["email", "Jane <jane@example.com>", true],
  ["email", "nope", false],
  ["hostname", "example.com", true],
  ["hostname", "localhost", true],
  ["hostname", "-bad-.com", false],
  ["uri", "https://example.com/a?b=c", true],
  ["uri", "/relative/path", true],
  ["uri", "mailto:a@b.c", true],
  ["uri", "relative/path", false],
  ["uri", "http://exa mple.com/", false],
  ["uri", "http://example.com:port/", false],
  ["byte", "aGVsbG8=", true],
  ["byte", "", false],
  ["byte", "not base64!", false],
  ["hexcolor", "#ff00aa", true],
  ["rgbcolor", "rgb(1, 2, 255)", true],
  ["rgbcolor", "rgb(1, 2, 256)", false],
  ["ssn", "123-45-6789", true],
  ["creditcard", "4111 1111 1111 1111", true],
  ["creditcard", "4111 1111 1111 1112", false],
  ["isbn10", "0-321-75104-3", true],
  ["isbn13", "978-0321751041", true],
  ["isbn", "978-0321751042", false],
  ["bsonobjectid", "507f1f77bcf86cd799439011", true],
  ["k8s-short-name", "my-name", true],
  ["k8s-short-name", "My-name", false],
  ["k8s-long-name", "a.b-c.d", true],
  ["password", "anything", true],
];

for (const [format, value, ok] of cases) {
  Deno.test(`the ${format} format ${ok ? "accepts" : "refuses"} ${JSON.stringify(value)}`, () => {
    const check = stringFormat(format);
    assert.ok(check, `${format} is supported`);
    assert.equal(check(value), ok);
  });
}

Deno.test("formats Kubernetes does not validate have no check", () => {
  assert.equal(stringFormat("quantity"), undefined);
  assert.equal(stringFormat("int-or-string"), undefined);
});

Deno.test("effectiveFormat keeps only the formats Kubernetes keeps for each type", () => {
  assert.equal(effectiveFormat("string", "date-time"), "date-time");
  assert.equal(effectiveFormat("string", "int32"), "");
  assert.equal(effectiveFormat("integer", "int32"), "int32");
  assert.equal(effectiveFormat("integer", "date-time"), "");
  assert.equal(effectiveFormat("number", "double"), "double");
  assert.equal(effectiveFormat("boolean", "date"), "");
  assert.equal(effectiveFormat("", "uuid"), "uuid");
});
