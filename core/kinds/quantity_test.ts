import assert from "node:assert/strict";
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
} from "./quantity.ts";

const canonical = (s: string | number) => formatQuantity(parseQuantity(s));

Deno.test("quantities print in the canonical form Kubernetes prints", () => {
  // Pairs checked against resource.MustParse(x).String().
  const cases: [string | number, string][] = [
    ["1000m", "1"],
    ["0.5", "500m"],
    ["100m", "100m"],
    ["1.5Gi", "1536Mi"],
    ["1024", "1024"],
    ["1Ki", "1Ki"],
    ["1024Ki", "1Mi"],
    ["512", "512"],
    ["1e3", "1e3"],
    ["1.5e3", "1500"],
    ["129M", "129M"],
    ["0", "0"],
    ["-1", "-1"],
    ["0.1n", "1n"],
    [2, "2"],
    [0.25, "250m"],
  ];
  for (const [input, want] of cases) assert.equal(canonical(input), want, `quantity ${input}`);
});

Deno.test("a binary quantity below 1Ki or with a fraction falls back to decimal", () => {
  assert.equal(canonical("0.5Ki"), "512");
  assert.equal(canonical("1.5Ki"), "1536");
});

Deno.test("quantities compare by value whatever their suffix", () => {
  assert.equal(compareQuantities(parseQuantity("1"), parseQuantity("1000m")), 0);
  assert.equal(compareQuantities(parseQuantity("1Gi"), parseQuantity("1G")), 1);
  assert.equal(compareQuantities(parseQuantity("100m"), parseQuantity("0.2")), -1);
});

Deno.test("text that is not a quantity fails with Kubernetes' message", () => {
  assert.throws(() => parseQuantity("12 apples"), { message: QUANTITY_FORMAT_ERROR });
  assert.throws(() => parseQuantity("."), { message: QUANTITY_FORMAT_ERROR });
  assert.throws(() => parseQuantity("5Qi"), { message: QUANTITY_FORMAT_ERROR });
  assert.throws(() => parseQuantity("5K"), { message: QUANTITY_SUFFIX_ERROR });
});
