import assert from "node:assert/strict";
import { GoSlice } from "./_go_slice.ts";

Deno.test("GoSlice deletes in the shared array and appends into the freed slot, as a Go slice does", () => {
  const live = [1, 2, 4];
  const s = new GoSlice(live);
  s.deleteAt(0);
  assert.deepStrictEqual(live, [2, 4, 4]);
  s.append(3);
  assert.deepStrictEqual(live, [2, 4, 3]);
  s.append(5);
  assert.deepStrictEqual(live, [2, 4, 3], "an append past the shared array goes to a new one");
  assert.deepStrictEqual(s.items(), [2, 4, 3, 5]);
});
