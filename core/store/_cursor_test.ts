import assert from "node:assert/strict";
import { decodeCursor, encodeCursor } from "./_cursor.ts";
import { InvalidEntryError } from "./errors.ts";

Deno.test("list cursors round-trip and anything else is refused", () => {
  const state = { revision: 42, after: ["registry", "core", "pods", "default", "a/b"], reverse: true };
  const cursor = encodeCursor(state);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor), state);
  assert.deepEqual(decodeCursor(encodeCursor({ revision: 1, after: ["k"] })).reverse, false);
  for (
    const bad of [
      "not a cursor",
      btoa(JSON.stringify({ r: -1, k: ["a"], d: 0 })),
      btoa(JSON.stringify({ r: 1, k: [], d: 0 })),
    ]
  ) {
    assert.throws(() => decodeCursor(bad), InvalidEntryError, bad);
  }
});
