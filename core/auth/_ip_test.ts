import assert from "node:assert/strict";
import { canonicalIp } from "./_ip.ts";

Deno.test("ip canonicalisation gives every spelling of an address one text", () => {
  assert.equal(canonicalIp("127.0.0.1"), "127.0.0.1");
  assert.equal(canonicalIp("0:0:0:0:0:0:0:1"), "::1");
  assert.equal(canonicalIp("::1"), "::1");
  assert.equal(canonicalIp("::"), "::");
  assert.equal(canonicalIp("FE80:0:0:0:FC:FF:FE00:1%eth0"), "fe80::fc:ff:fe00:1");
  assert.equal(canonicalIp("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
  assert.equal(canonicalIp("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
  assert.equal(canonicalIp("::ffff:10.0.0.1"), "::ffff:a00:1");
  assert.equal(canonicalIp("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
});

Deno.test("ip canonicalisation rejects names and malformed addresses", () => {
  for (
    const bad of [
      "localhost",
      "1.2.3",
      "1.2.3.256",
      "01.2.3.4",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      ":",
    ]
  ) {
    assert.equal(canonicalIp(bad), null, bad);
  }
});
