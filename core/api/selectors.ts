/**
 * Label and field selectors as Kubernetes parses and matches them.
 *
 * Labels: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a` (exists), `!a` (does not exist),
 * comma-separated and all required. Fields: `path=value`, `path==value`, `path!=value`, over the fields a
 * kind supports (metadata.name and metadata.namespace for every kind, more per kind).
 *
 * @module
 */
import { ApiError } from "./errors.ts";

/** One parsed requirement. */
export interface Requirement {
  key: string;
  op: "=" | "!=" | "in" | "notin" | "exists" | "!";
  values: string[];
}

/** A parsed selector: matches when every requirement does. */
export type Selector = Requirement[];

/**
 * Parses a label selector, 400 with Kubernetes' message when it is malformed.
 *
 * @example
 * ```ts
 * matchLabels(parseLabelSelector("app=web,tier in (a,b),!canary"), { app: "web", tier: "a" }); // true
 * ```
 */
export function parseLabelSelector(text: string): Selector {
  const out: Selector = [];
  for (const raw of splitTerms(text)) {
    const term = raw.trim();
    if (!term) continue;
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^!\s*([^\s=!(),]+)$/))) out.push({ key: m[1], op: "!", values: [] });
    else if ((m = term.match(/^([^\s=!(),]+)\s+(in|notin)\s*\(([^()]*)\)$/))) {
      const values = m[3].split(",").map((v) => v.trim()).filter(Boolean);
      out.push({ key: m[1], op: m[2] as "in" | "notin", values });
    } else if ((m = term.match(/^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/))) {
      out.push({ key: m[1], op: m[2] === "!=" ? "!=" : "=", values: [m[3]] });
    } else if ((m = term.match(/^([^\s=!(),]+)$/))) out.push({ key: m[1], op: "exists", values: [] });
    else {throw ApiError.badRequest(
        `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`,
      );}
  }
  return out;
}

/** Whether `labels` satisfy `selector`. */
export function matchLabels(selector: Selector, labels: Record<string, string> | undefined): boolean {
  return selector.every((r) => matches(r, labels?.[r.key]));
}

function matches(r: Requirement, value: string | undefined): boolean {
  switch (r.op) {
    case "=":
      return value === r.values[0];
    case "!=":
      return value !== r.values[0];
    case "in":
      return value !== undefined && r.values.includes(value);
    case "notin":
      return value === undefined || !r.values.includes(value);
    case "exists":
      return value !== undefined;
    case "!":
      return value === undefined;
  }
}

// Commas separate terms except inside the parentheses of in/notin.
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) terms.push(text.slice(start, i)), start = i + 1;
  }
  terms.push(text.slice(start));
  return terms;
}

/** Reads a field's value from an object for field selectors: a dotted path to a scalar, as a string. */
export type FieldGetter = (obj: Record<string, unknown>) => string;

const path = (p: string): FieldGetter => (obj) => {
  let v: unknown = obj;
  for (const part of p.split(".")) v = (v as Record<string, unknown> | undefined)?.[part];
  return v === undefined || v === null ? "" : String(v);
};

/**
 * Field selector support per kind (`GROUP/Kind` where the group's kind differs), beyond metadata.name and
 * metadata.namespace (Kubernetes' lists).
 */
const FIELDS: Record<string, string[]> = {
  Pod: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  // The same events through events.k8s.io/v1, under its field names (pkg/apis/events/v1/conversion.go).
  "events.k8s.io/Event": [
    "regarding.kind",
    "regarding.namespace",
    "regarding.name",
    "regarding.uid",
    "regarding.apiVersion",
    "regarding.resourceVersion",
    "regarding.fieldPath",
    "reason",
    "reportingController",
    "type",
  ],
  Namespace: ["status.phase"],
  Node: ["spec.unschedulable"],
  Secret: ["type"],
  ReplicaSet: ["status.replicas"],
  ReplicationController: ["status.replicas"],
  Job: ["status.successful"],
};

/**
 * Parses a field selector for a resource's kind: 400 for a malformed term or a field the kind does not
 * support (`field label not supported: spec.foo`).
 *
 * @example
 * ```ts
 * const s = parseFieldSelector("spec.nodeName=n1,status.phase!=Failed", { group: "", kind: "Pod" });
 * matchFields(s, pod); // true or false
 * ```
 */
export function parseFieldSelector(text: string, res: { group: string; kind: string }): FieldSelector {
  const fields = FIELDS[`${res.group}/${res.kind}`] ?? FIELDS[res.kind];
  const out: FieldSelector = [];
  for (const raw of text.split(",")) {
    const term = raw.trim();
    if (!term) continue;
    const m = term.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw ApiError.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1];
    if (field !== "metadata.name" && field !== "metadata.namespace" && !fields?.includes(field)) {
      throw ApiError.badRequest(`field label not supported: ${field}`);
    }
    out.push({ get: path(field), op: m[2] === "!=" ? "!=" : "=", value: m[3] });
  }
  return out;
}

/** A parsed field selector. */
export type FieldSelector = { get: FieldGetter; op: "=" | "!="; value: string }[];

/** Whether `obj` satisfies a field selector. */
export function matchFields(selector: FieldSelector, obj: Record<string, unknown>): boolean {
  return selector.every((t) => (t.get(obj) === t.value) === (t.op === "="));
}
