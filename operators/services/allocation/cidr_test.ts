import assert from "node:assert/strict";
import { formatIPv4, Ipv4Range, isIP, parseIPv4, reservedBand } from "./cidr.ts";

Deno.test("an IPv4 range offers every address but its network and broadcast addresses", () => {
  const r = Ipv4Range.parse("10.96.0.0/12");
  assert.equal(r.cidr, "10.96.0.0/12");
  assert.equal(r.size, 2 ** 20 - 2);
  assert.equal(r.first, "10.96.0.1");
  assert.equal(r.at(r.size - 1), "10.111.255.254");
  assert.equal(r.contains("10.96.0.0"), false);
  assert.equal(r.contains("10.111.255.255"), false);
  assert.equal(r.contains("10.112.0.1"), false);
  assert.equal(Ipv4Range.parse("10.1.2.3/24").cidr, "10.1.2.0/24");
  assert.throws(() => Ipv4Range.parse("10.96.0.0/31"), /invalid service CIDR/);
});

Deno.test("addresses parse and print both ways, and IPv6 counts as an IP", () => {
  assert.equal(formatIPv4(parseIPv4("192.168.001.10")!), "192.168.1.10");
  assert.equal(parseIPv4("256.0.0.1"), undefined);
  assert.ok(isIP("2001:db8::1"));
  assert.equal(isIP("None"), false);
});

Deno.test("the band kept for requested values is size/16 between 16 and 256", () => {
  assert.equal(reservedBand(8), 0);
  assert.equal(reservedBand(100), 16);
  assert.equal(reservedBand(2768), 173);
  assert.equal(reservedBand(2 ** 20 - 2), 256);
});
