import assert from "node:assert/strict";
import { mostRecentScheduleTime, parseSchedule } from "./mod.ts";

const at = (s: string) => new Date(s);

Deno.test("schedules fire at their next activation, in their time zone", () => {
  const cases: [string, string | undefined, string, string][] = [
    ["*/15 9-17 * * mon-fri", undefined, "2024-05-06T09:07:00Z", "2024-05-06T09:15:00.000Z"],
    ["0 * * * *", undefined, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00.000Z"],
    ["@hourly", undefined, "2024-05-01T10:59:59Z", "2024-05-01T11:00:00.000Z"],
    ["@daily", "Europe/Berlin", "2024-05-01T12:00:00Z", "2024-05-01T22:00:00.000Z"],
    ["@weekly", undefined, "2024-05-01T12:00:00Z", "2024-05-05T00:00:00.000Z"],
    ["@yearly", undefined, "2024-05-01T12:00:00Z", "2025-01-01T00:00:00.000Z"],
    ["CRON_TZ=America/New_York 30 6 * * *", undefined, "2024-05-01T00:00:00Z", "2024-05-01T10:30:00.000Z"],
    ["@every 90s", undefined, "2024-05-01T00:00:00.500Z", "2024-05-01T00:01:30.000Z"],
    // Both day fields restricted: either matches (the 13th or any Friday).
    ["0 0 13 * 5", undefined, "2024-09-01T00:00:00Z", "2024-09-06T00:00:00.000Z"],
    // A stepped day of month is no star in robfig: odd days or Fridays, so Tuesday the 3rd.
    ["0 0 */2 * 5", undefined, "2024-09-01T00:00:00Z", "2024-09-03T00:00:00.000Z"],
    // A step of 1 keeps the star: Fridays only.
    ["0 0 */1 * 5", undefined, "2024-09-01T00:00:00Z", "2024-09-06T00:00:00.000Z"],
    ["0 0 ? * 5", undefined, "2024-09-01T00:00:00Z", "2024-09-06T00:00:00.000Z"],
    // Day-of-week *: the day of month alone decides.
    ["0 0 13 * *", undefined, "2024-09-01T00:00:00Z", "2024-09-13T00:00:00.000Z"],
  ];
  for (const [spec, zone, after, want] of cases) {
    assert.equal(parseSchedule(spec, zone).next(at(after))?.toISOString(), want, spec);
  }
});

// Messages from robfig/cron's parser, as `kubectl create cronjob --schedule` reports them.
Deno.test("bad schedules fail with robfig/cron's messages", () => {
  const cases: [string, string][] = [
    ["", "empty spec string"],
    ["0 0 * *", "expected exactly 5 fields, found 4: [0 0 * *]"],
    ["@fortnightly", "unrecognized descriptor: @fortnightly"],
    ["61 * * * *", "end of range (61) above maximum (59): 61"],
    ["* 5-2 * * *", "beginning of range (5) beyond end of range (2): 5-2"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["TZ=Mars/Olympus * * * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"],
  ];
  for (const [spec, message] of cases) assert.throws(() => parseSchedule(spec), { message }, spec);
});

// Cases after TestMostRecentScheduleTime (pkg/controller/cronjob/utils_test.go).
Deno.test("the due run is the latest activation not yet run, with missed runs counted", () => {
  const hourly = parseSchedule("0 * * * *");
  const created = at("2024-05-01T09:30:00Z");
  const cases: [string, string | undefined, number | undefined, string | undefined, string][] = [
    // now, lastScheduleTime, startingDeadlineSeconds, want mostRecent, want missed
    ["2024-05-01T09:45:00Z", undefined, undefined, undefined, "none"],
    ["2024-05-01T10:01:00Z", undefined, undefined, "2024-05-01T10:00:00.000Z", "none"],
    ["2024-05-01T13:30:00Z", "2024-05-01T10:00:00Z", undefined, "2024-05-01T13:00:00.000Z", "few"],
    ["2024-05-01T13:30:00Z", "2024-05-01T10:00:00Z", 600, undefined, "none"],
    ["2024-05-01T13:05:00Z", "2024-05-01T10:00:00Z", 600, "2024-05-01T13:00:00.000Z", "none"],
    ["2024-06-01T00:30:00Z", "2024-05-01T10:00:00Z", undefined, "2024-06-01T00:00:00.000Z", "many"],
  ];
  for (const [now, last, deadline, want, missed] of cases) {
    const d = mostRecentScheduleTime(hourly, at(now), {
      creationTimestamp: created,
      lastScheduleTime: last ? at(last) : undefined,
      startingDeadlineSeconds: deadline,
    });
    assert.deepEqual([d.mostRecent?.toISOString(), d.missed], [want, missed], `${now} ${last} ${deadline}`);
  }
});

Deno.test("a schedule that can never fire yields no due run", () => {
  const feb31 = parseSchedule("59 23 31 2 *");
  const d = mostRecentScheduleTime(feb31, at("2024-05-01T00:00:00Z"), {
    creationTimestamp: at("2024-01-01T00:00:00Z"),
  });
  assert.equal(d.mostRecent, undefined);
});
