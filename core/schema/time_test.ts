import assert from "node:assert/strict";
import { nowRfc3339 } from "./time.ts";

Deno.test("nowRfc3339 writes whole seconds in UTC, with an offset from now", () => {
  assert.match(nowRfc3339(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const later = Date.parse(nowRfc3339(3_600_000)) - Date.parse(nowRfc3339());
  assert.ok(later >= 3_599_000 && later <= 3_601_000, `an hour later, got ${later} ms`);
});
