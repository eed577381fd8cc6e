/**
 * Label and node selectors compiled once into predicates, with the semantics of
 * k8s.io/apimachinery labels.Selector (metav1.LabelSelectorAsSelector) and
 * k8s.io/component-helpers nodeaffinity (NodeSelector terms, matchFields on metadata.name).
 *
 * @module
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from "@skiff/kinds";
import type { Labels } from "@skiff/schema";

export {
  type CompiledSelector as Selector,
  compileLabelSelector,
  type Labels,
  mergeMatchLabels,
  SELECT_EVERYTHING as EVERYTHING,
  SELECT_NOTHING as NOTHING,
} from "@skiff/schema";

type Requirement = (labels: Labels) => boolean;

// A label value is always a string and nothing on Object.prototype is, so this is an own-key test
// without Object.hasOwn, which dominated profiles of selector matching.
function has(labels: Labels, key: string): boolean {
  return labels !== undefined && typeof labels[key] === "string";
}

/** Anything a node selector term can be matched against: the node's labels and its name (the only field). */
export interface NodeLike {
  readonly name: string;
  readonly labels: Labels;
}

/** A compiled node selector term or list of terms. */
export type NodeMatcher = (node: NodeLike) => boolean;

/** Parses a value the way strconv.ParseInt(v, 10, 64) does; undefined when it is not an integer. */
function parseInt64(value: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : undefined;
}

function compileNodeRequirement(expr: NodeSelectorRequirement): Requirement | undefined {
  const key = expr.key;
  const values = expr.values ?? [];
  switch (expr.operator) {
    case "In": {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (labels) => has(labels, key) && set.has(labels![key]);
    }
    case "NotIn": {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (labels) => !has(labels, key) || !set.has(labels![key]);
    }
    case "Exists":
      return values.length === 0 ? (labels) => has(labels, key) : undefined;
    case "DoesNotExist":
      return values.length === 0 ? (labels) => !has(labels, key) : undefined;
    case "Gt":
    case "Lt": {
      if (values.length !== 1) return undefined;
      const bound = parseInt64(values[0]);
      if (bound === undefined) return undefined;
      const greater = expr.operator === "Gt";
      return (labels) => {
        if (!has(labels, key)) return false;
        const n = parseInt64(labels![key]);
        if (n === undefined) return false;
        return greater ? n > bound : n < bound;
      };
    }
    default:
      return undefined;
  }
}

function compileFieldRequirement(expr: NodeSelectorRequirement): ((name: string) => boolean) | undefined {
  // nodeSelectorRequirementsAsFieldSelector: In and NotIn with exactly one value; fields other than
  // metadata.name read as "" (fields.Set.Get of a missing key).
  const values = expr.values ?? [];
  if (values.length !== 1) return undefined;
  const want = values[0];
  const isName = expr.key === "metadata.name";
  if (expr.operator === "In") return (name) => (isName ? name : "") === want;
  if (expr.operator === "NotIn") return (name) => (isName ? name : "") !== want;
  return undefined;
}

/**
 * One NodeSelectorTerm; undefined for an empty term (which matches nothing and is skipped) or a term
 * with an invalid requirement (which Kubernetes skips with a logged parse error).
 */
export function compileNodeSelectorTerm(term: NodeSelectorTerm): NodeMatcher | undefined {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return undefined;
  const labelReqs: Requirement[] = [];
  for (const expr of expressions) {
    const req = compileNodeRequirement(expr);
    if (!req) return undefined;
    labelReqs.push(req);
  }
  const fieldReqs: ((name: string) => boolean)[] = [];
  for (const expr of fields) {
    const req = compileFieldRequirement(expr);
    if (!req) return undefined;
    fieldReqs.push(req);
  }
  return (node) => {
    for (let i = 0; i < labelReqs.length; i++) if (!labelReqs[i](node.labels)) return false;
    for (let i = 0; i < fieldReqs.length; i++) if (!fieldReqs[i](node.name)) return false;
    return true;
  };
}

/** A NodeSelector: the ORed terms; no valid term matches no node. */
export function compileNodeSelectorTerms(terms: NodeSelectorTerm[]): NodeMatcher {
  const matchers = terms.map(compileNodeSelectorTerm).filter((m): m is NodeMatcher => m !== undefined);
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0];
  return (node) => {
    for (let i = 0; i < matchers.length; i++) if (matchers[i](node)) return true;
    return false;
  };
}

/** A pod's nodeSelector map: every key must be present with exactly that value. */
export function compileNodeSelectorMap(selector: Record<string, string>): NodeMatcher {
  const entries = Object.entries(selector);
  return (node) => {
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i];
      if (!has(node.labels, key) || node.labels![key] !== value) return false;
    }
    return true;
  };
}
