/**
 * CronJob schedules with Kubernetes' semantics: robfig/cron's ParseStandard grammar (five fields, month
 * and weekday names, `*`/`?`, ranges, steps, the @yearly/@annually/@monthly/@weekly/@daily/@midnight/
 * @hourly descriptors, `@every <duration>`, a leading `TZ=`/`CRON_TZ=`) with its error messages, and the
 * next run computed by croner in the schedule's time zone. Croner's legacy mode gives Vixie cron's
 * day rule that robfig also follows: with both day-of-month and day-of-week restricted a day matching
 * either fires; with either of them `*` (or `?`), both must match.
 *
 * @module
 */
import { Cron } from "croner";

/** A parsed schedule: `next(t)` is the first activation strictly after t. */
export interface Schedule {
  /** The first activation after `after`, or undefined when none exists (Feb 31st). */
  next(after: Date): Date | undefined;
}

interface Field {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  {
    min: 1,
    max: 12,
    names: {
      jan: 1,
      feb: 2,
      mar: 3,
      apr: 4,
      may: 5,
      jun: 6,
      jul: 7,
      aug: 8,
      sep: 9,
      oct: 10,
      nov: 11,
      dec: 12,
    },
  },
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * Parses a schedule as cron.ParseStandard does; throws an Error whose message is robfig/cron's
 * (Kubernetes puts it in `spec.schedule: Invalid value: "...": <message>`). `timeZone` is the CronJob's
 * `spec.timeZone`; a `TZ=`/`CRON_TZ=` prefix in the schedule wins, as in robfig.
 *
 * @example
 * ```ts
 * import { parseSchedule } from "@skiff/workloads";
 *
 * parseSchedule("*\/15 9-17 * * mon-fri").next(new Date("2024-05-06T09:07:00Z")); // 2024-05-06T09:15:00Z
 * parseSchedule("0 0 * *"); // throws "expected exactly 5 fields, found 4: [0 0 * *]"
 * ```
 */
export function parseSchedule(spec: string, timeZone?: string): Schedule {
  if (spec.length === 0) throw new Error("empty spec string");
  let zone = timeZone;
  const tz = /^(?:CRON_TZ|TZ)=(\S*)/.exec(spec);
  if (tz) {
    zone = tz[1];
    if (!isTimeZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
    spec = spec.slice(tz[0].length).trim();
  }
  if (spec.startsWith("@")) {
    if (spec.startsWith("@every ")) return everySchedule(spec.slice(7));
    const expr = DESCRIPTORS[spec];
    if (!expr) throw new Error(`unrecognized descriptor: ${spec}`);
    return cronSchedule(expr, zone);
  }
  const fields = spec.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) {
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  }
  fields.forEach((f, i) => checkField(f, FIELDS[i]));
  // robfig keeps a field's "*" (star) meaning for `*`, `?` and a step of 1, and that meaning decides how
  // the day fields combine; croner sees a star only in a bare `*`, so hand it one.
  return cronSchedule(fields.map((f) => f.replaceAll("?", "*").replace(/^\*\/1$/, "*")).join(" "), zone);
}

function cronSchedule(expr: string, zone: string | undefined): Schedule {
  const cron = new Cron(expr, { timezone: zone || "UTC", legacyMode: true, paused: true });
  return {
    next(after) {
      return cron.nextRun(after) ?? undefined;
    },
  };
}

// ConstantDelaySchedule: the delay rounded down to whole seconds (at least one), added to `after`
// truncated to the second.
function everySchedule(text: string): Schedule {
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    throw new Error(`failed to parse duration @every ${text}: time: invalid duration "${text}"`);
  }
  const delay = Math.max(1000, Math.floor(ms / 1000) * 1000);
  return { next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delay) };
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
};

function parseGoDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNITS[m[2]];
  return total;
}

function checkField(field: string, bounds: Field): void {
  for (const expr of field.split(",")) {
    const rangeAndStep = expr.split("/");
    const lowAndHigh = rangeAndStep[0].split("-");
    let start: number;
    let end: number;
    if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
      start = bounds.min;
      end = bounds.max;
    } else {
      start = parseValue(lowAndHigh[0], bounds, expr);
      if (lowAndHigh.length === 1) end = start;
      else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1], bounds, expr);
      else throw new Error(`too many hyphens: ${expr}`);
    }
    if (rangeAndStep.length === 2) {
      const step = parseInt(rangeAndStep[1], expr);
      if (lowAndHigh.length === 1 && lowAndHigh[0] !== "*" && lowAndHigh[0] !== "?") end = bounds.max;
      if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
    } else if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expr}`);
    if (start < bounds.min) {
      throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
    }
    if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
    if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  }
}

function parseValue(text: string, bounds: Field, expr: string): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseInt(text, expr);
}

function parseInt(text: string, _expr: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new Error(
      `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`,
    );
  }
  const n = Number(text);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${text}`);
  return n;
}

/**
 * Whether `zone` is an IANA time zone this runtime knows (Go's time.LoadLocation against tzdata).
 *
 * @example
 * ```ts
 * import { isTimeZone } from "@skiff/workloads";
 *
 * isTimeZone("Europe/Berlin"); // true
 * isTimeZone("Mars/Olympus"); // false
 * ```
 */
export function isTimeZone(zone: string): boolean {
  if (zone === "" || zone === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
