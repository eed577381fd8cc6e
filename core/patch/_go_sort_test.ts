import assert from "node:assert/strict";
import { sliceStable } from "./_go_sort.ts";

Deno.test("sliceStable sorts like a stable sort for every length across the block and merge steps", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 10;
  for (let n = 0; n < 140; n++) {
    const items = Array.from({ length: n }, (_, i) => ({ key: random(), i }));
    const expected = items.slice().sort((a, b) => a.key - b.key);
    sliceStable(items, (i, j) => items[i].key < items[j].key);
    assert.deepStrictEqual(items, expected, `length ${n}`);
  }
});
