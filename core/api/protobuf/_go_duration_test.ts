import assert from "node:assert/strict";
import { goDuration } from "./_go_duration.ts";

Deno.test("goDuration prints durations as Go's Duration.String does", () => {
  const cases: [bigint, string][] = [
    [0n, "0s"],
    [1n, "1ns"],
    [1500n, "1.5µs"],
    [1_500_000n, "1.5ms"],
    [250_000_000n, "250ms"],
    [1_000_000_000n, "1s"],
    [1_500_000_000n, "1.5s"],
    [60_000_000_000n, "1m0s"],
    [90_000_000_000n, "1m30s"],
    [3_600_000_000_000n, "1h0m0s"],
    [3_723_000_000_001n, "1h2m3.000000001s"],
    [-90_000_000_000n, "-1m30s"],
  ];
  for (const [ns, want] of cases) assert.equal(goDuration(ns), want, `${ns}ns`);
});
