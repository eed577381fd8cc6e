import assert from "node:assert/strict";
import { age, humanDuration, parseTimestamp } from "./duration.ts";

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H, Y = 365 * D;

// Copied from apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration and
// TestHumanDurationBoundaries).
const cases: [number, string][] = [
  [S, "1s"],
  [70 * S, "70s"],
  [190 * S, "3m10s"],
  [70 * M, "70m"],
  [47 * H, "47h"],
  [49 * H, "2d1h"],
  [(8 * 24 + 2) * H, "8d"],
  [367 * D, "367d"],
  [(365 * 2 * 24 + 25) * H, "2y1d"],
  [(365 * 8 * 24 + 2) * H, "8y"],
  [-2 * S, "<invalid>"],
  [-2 * S + 1, "0s"],
  [0, "0s"],
  [S - 1, "0s"],
  [2 * M - 1, "119s"],
  [2 * M, "2m"],
  [2 * M + S, "2m1s"],
  [10 * M - 1, "9m59s"],
  [10 * M, "10m"],
  [10 * M + S, "10m"],
  [3 * H - 1, "179m"],
  [3 * H, "3h"],
  [3 * H + M, "3h1m"],
  [8 * H - 1, "7h59m"],
  [8 * H, "8h"],
  [8 * H + 59 * M, "8h"],
  [2 * D - 1, "47h"],
  [2 * D, "2d"],
  [2 * D + H, "2d1h"],
  [8 * D - 1, "7d23h"],
  [8 * D, "8d"],
  [8 * D + 23 * H, "8d"],
  [2 * Y - 1, "729d"],
  [2 * Y, "2y"],
  [2 * Y + 23 * H, "2y"],
  [2 * Y + 23 * H + 59 * M, "2y"],
  [2 * Y + D - 1, "2y"],
  [2 * Y + D, "2y1d"],
  [3 * Y, "3y"],
  [7 * Y, "7y"],
  [8 * Y - 1, "7y364d"],
  [8 * Y, "8y"],
  [8 * Y + 364 * D, "8y"],
  [9 * Y, "9y"],
];

for (const [ms, want] of cases) {
  Deno.test(`humanDuration renders ${ms}ms as ${want}`, () => {
    assert.equal(humanDuration(ms), want);
  });
}

Deno.test("age is <unknown> for an absent or zero timestamp and counts from now otherwise", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  assert.equal(age(undefined, now), "<unknown>");
  assert.equal(age("", now), "<unknown>");
  assert.equal(age("2024-05-01T11:55:00Z", now), "5m");
  assert.equal(age("2024-05-01T12:00:01.900Z", now), "0s");
  assert.equal(age("2024-05-01T14:00:00+02:00", now), "0s");
});

Deno.test("parseTimestamp takes RFC 3339 the way Go's time.Parse does and nothing looser", () => {
  assert.equal(parseTimestamp("2024-05-01T12:00:00Z"), Date.parse("2024-05-01T12:00:00Z"));
  assert.equal(parseTimestamp("2024-05-01T12:00:00.123456Z"), Date.parse("2024-05-01T12:00:00.123Z"));
  assert.equal(parseTimestamp("null"), undefined);
  assert.ok(Number.isNaN(parseTimestamp("May 1 2024")));
  assert.ok(Number.isNaN(parseTimestamp("2024-05-01 12:00:00Z")));
  assert.ok(Number.isNaN(parseTimestamp(42)));
});
