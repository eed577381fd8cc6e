/**
 * Kubernetes' JSONPath (client-go/util/jsonpath), as CRD additionalPrinterColumns evaluate it with
 * missing keys allowed: fields (`.a.b`, `.a\.b`), `$` and `@`, indexes and slices (`[0]`, `[-1]`,
 * `[1:3]`, `[::2]`, `[*]`), quoted keys (`['a']`), unions (`[0,2]`), filters
 * (`[?(@.type=="Ready")]`, `[?(@.x)]`), `..` and `.*`. `{range}`/`{end}` are parsed but fail to
 * evaluate, so such a column prints no value. The parser and evaluator follow client-go's
 * parser.go/jsonpath.go step for step, quirks included (`['a.b']` splits at the dot as it does there).
 *
 * @module
 */
import { GoFloat } from "./_go_text.ts";

/** A parsed template: text and `{...}` actions. */
export interface JsonPath {
  readonly root: ListNode;
}

interface ListNode {
  t: "list";
  nodes: Node[];
}
interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}
type Node =
  | ListNode
  | { t: "text"; text: string }
  | { t: "field"; name: string }
  | { t: "array"; params: [Param, Param, Param] }
  | { t: "filter"; left: ListNode; right: ListNode; op: string }
  | { t: "int"; value: number }
  | { t: "float"; value: number }
  | { t: "bool"; value: boolean }
  | { t: "wildcard" }
  | { t: "recursive" }
  | { t: "union"; nodes: ListNode[] }
  | { t: "identifier"; name: string };

/**
 * Parses a JSONPath template such as `{.status.conditions[?(@.type=="Ready")].status}`; throws on a
 * syntax error (Kubernetes rejects such a CRD column).
 *
 * @example
 * ```ts
 * const path = parseJsonPath("{.spec.replicas}");
 * findResults(path, { spec: { replicas: 3 } }); // [[3]]
 * ```
 */
export function parseJsonPath(template: string): JsonPath {
  return { root: new Parser(template).parse() };
}

/**
 * The values each top-level node of `path` selects in `data`, as client-go's FindResults returns them;
 * throws where Kubernetes fails (an index out of range, filtering a non-list, comparing a string with a
 * number).
 *
 * @example
 * ```ts
 * findResults(parseJsonPath("{.items[*].name}"), { items: [{ name: "a" }, { name: "b" }] }); // [["a", "b"]]
 * ```
 */
export function findResults(path: JsonPath, data: unknown): unknown[][] {
  return path.root.nodes.map((node) => walk([data], node));
}

// ---- parser ----------------------------------------------------------------------------------------

const EOF = "";

class Parser {
  #input: string;
  #pos = 0;
  #start = 0;
  #width = 0;
  #root: ListNode = { t: "list", nodes: [] };

  constructor(input: string) {
    this.#input = input;
  }

  parse(): ListNode {
    this.#parseText();
    return this.#root;
  }

  #next(): string {
    if (this.#pos >= this.#input.length) {
      this.#width = 0;
      return EOF;
    }
    this.#width = 1;
    return this.#input[this.#pos++];
  }

  #peek(): string {
    const r = this.#next();
    this.#backup();
    return r;
  }

  #backup(): void {
    this.#pos -= this.#width;
  }

  #consumeText(): string {
    const s = this.#input.slice(this.#start, this.#pos);
    this.#start = this.#pos;
    return s;
  }

  #lookPrefix(prefix: string): boolean {
    return this.#input.startsWith(prefix, this.#pos);
  }

  /** Text up to the next `{`, then the action it opens. */
  #parseText(): void {
    for (;;) {
      if (this.#lookPrefix("{")) {
        if (this.#pos > this.#start) this.#root.nodes.push({ t: "text", text: this.#consumeText() });
        this.#pos += 1;
        this.#consumeText();
        const list: ListNode = { t: "list", nodes: [] };
        this.#root.nodes.push(list);
        this.#parseInsideAction(list);
        return;
      }
      if (this.#next() === EOF) break;
    }
    if (this.#pos > this.#start) this.#root.nodes.push({ t: "text", text: this.#consumeText() });
  }

  #parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.#lookPrefix("}")) {
        this.#pos += 1;
        this.#consumeText();
        return this.#parseText();
      }
      if (this.#lookPrefix("[?(")) {
        this.#parseFilter(cur);
        continue;
      }
      if (this.#lookPrefix("..")) {
        this.#parseRecursive(cur);
        continue;
      }
      const r = this.#next();
      if (r === EOF || r === "\n" || r === "\r") throw new SyntaxError("unclosed action");
      if (r === " " || r === "@" || r === "$") this.#consumeText(); // `@` and `$` name the current object
      else if (r === "[") this.#parseArray(cur);
      else if (r === '"' || r === "'") this.#parseQuote(cur, r);
      else if (r === ".") this.#parseField(cur);
      else if (r === "+" || r === "-" || isDigit(r)) {
        this.#backup();
        this.#parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.#backup();
        this.#parseIdentifier(cur);
      } else {
        throw new SyntaxError(`unrecognized character in action: ${r}`);
      }
    }
  }

  #parseField(cur: ListNode): void {
    this.#consumeText();
    while (this.#advance());
    const value = this.#consumeText();
    if (value === "*") cur.nodes.push({ t: "wildcard" });
    else cur.nodes.push({ t: "field", name: value.replaceAll("\\", "") });
  }

  /** Scans to the next unescaped terminator. */
  #advance(): boolean {
    const r = this.#next();
    if (r === "\\") this.#next();
    else if (isTerminator(r)) {
      this.#backup();
      return false;
    }
    return true;
  }

  #parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.t === "recursive") throw new SyntaxError("invalid multiple recursive descent");
    this.#pos += 2;
    this.#consumeText();
    cur.nodes.push({ t: "recursive" });
    if (isAlphaNumeric(this.#peek())) this.#parseField(cur);
  }

  #parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new SyntaxError("unterminated array");
      if (r === "]") break;
    }
    let text = this.#consumeText().slice(1, -1);
    if (text === "*") text = ":";

    const parts = text.split(",");
    if (parts.length > 1) {
      cur.nodes.push({ t: "union", nodes: parts.map((p) => parseAction(`[${p.trim()}]`)) });
      return;
    }
    const key = /^'([^']*)'$/.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!slice) throw new SyntaxError(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = slice[i + 1] ?? "";
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new SyntaxError(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) {
        // `[n]` is the slice `[n:n+1]`.
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ t: "array", params: params as [Param, Param, Param] });
  }

  #parseFilter(cur: ListNode): void {
    this.#pos += 3;
    this.#consumeText();
    let begin = false, end = false, pair = "";
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new SyntaxError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.#input[this.#pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")" && begin === end) {
        break;
      }
    }
    if (this.#next() !== "]") throw new SyntaxError("unclosed array expect ]");
    const text = this.#consumeText().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) {
      cur.nodes.push({ t: "filter", left: parseAction(text), right: { t: "list", nodes: [] }, op: "exists" });
    } else cur.nodes.push({ t: "filter", left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  #parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new SyntaxError("unterminated quoted string");
      if (r === end && this.#input[this.#pos - 2] !== "\\") break;
    }
    cur.nodes.push({ t: "text", text: unquote(this.#consumeText()) });
  }

  #parseNumber(cur: ListNode): void {
    const sign = this.#peek();
    if (sign === "+" || sign === "-") this.#next();
    for (;;) {
      const r = this.#next();
      if (r !== "." && !isDigit(r)) {
        this.#backup();
        break;
      }
    }
    const value = this.#consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: "int", value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: "float", value: Number(value) });
    else throw new SyntaxError(`cannot parse number ${value}`);
  }

  #parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.#next();
      if (isTerminator(r) || r === " ") {
        this.#backup();
        break;
      }
    }
    const value = this.#consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ t: "bool", value: value === "true" });
    else cur.nodes.push({ t: "identifier", name: value });
  }
}

/** A nested action (filter operands, union members, quoted keys), parsed as `{text}`. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

function isTerminator(r: string): boolean {
  return r === EOF || " \t\r\n.,[]$@{}".includes(r);
}

function isDigit(r: string): boolean {
  return r >= "0" && r <= "9";
}

function isAlphaNumeric(r: string): boolean {
  return r === "_" || /^[\p{L}\p{Nd}]$/u.test(r);
}

/** Go's UnquoteExtend: a single- or double-quoted string with Go escapes. */
function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  const escapes: Record<string, string> = {
    n: "\n",
    t: "\t",
    r: "\r",
    a: "\x07",
    b: "\b",
    f: "\f",
    v: "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
  };
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (all, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e in escapes) return escapes[e];
    throw new SyntaxError(`unquote string ${quoted}: invalid escape ${all}`);
  });
}

// ---- evaluation ------------------------------------------------------------------------------------

function walk(input: unknown[], node: Node): unknown[] {
  switch (node.t) {
    case "list":
      return node.nodes.reduce((values, n) => walk(values, n), input);
    case "text":
      return [node.text];
    case "field":
      return evalField(input, node.name);
    case "array":
      return evalArray(input, node.params);
    case "filter":
      return evalFilter(input, node);
    case "int":
    case "bool":
      return input.map(() => node.value);
    case "float":
      return input.map(() => new GoFloat(node.value));
    case "wildcard":
      return input.flatMap((v) => (isMap(v) ? Object.values(v) : []));
    case "recursive":
      return evalRecursive(input);
    case "union":
      return node.nodes.flatMap((list) => walk(input, list));
    case "identifier":
      // `range` and `end` drive template loops, which a column cannot use; anything else is unknown.
      throw new Error(`unrecognized identifier ${node.name}`);
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof GoFloat);
}

function evalField(input: unknown[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    // A missing key selects nothing; a key holding null selects null.
    if (isMap(v) && Object.hasOwn(v, name)) out.push(v[name]);
  }
  return out;
}

function evalArray(input: unknown[], params: [Param, Param, Param]): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) throw new Error(`${typeof v} is not array or slice`);
    const len = v.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    if (end === start) return out; // zero elements asked for
    if (start >= len || start < 0) {
      throw new Error(`array index out of bounds: index ${start}, length ${len}`);
    }
    if (end > len || end < 0) throw new Error(`array index out of bounds: index ${end - 1}, length ${len}`);
    if (start > end) throw new Error(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new Error("step must be > 0");
      step = params[2].value;
    }
    for (let i = start; i < end; i += step) out.push(v[i]);
  }
  return out;
}

function evalRecursive(input: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    const children = isMap(v) ? Object.values(v) : Array.isArray(v)
      ? v
      // Go walks a string's bytes, which have no children of their own: the string itself is kept.
      : typeof v === "string"
      ? [...v].map(() => 0)
      : [];
    if (children.length === 0) continue;
    out.push(v, ...evalRecursive(children));
  }
  return out;
}

function evalFilter(input: unknown[], node: Extract<Node, { t: "filter" }>): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) throw new Error(`${typeof v} is not array or slice and cannot be filtered`);
    for (const item of v) {
      if (node.op === "exists") {
        let lefts: unknown[] = [];
        try {
          lefts = walk([item], node.left);
        } catch {
          // Kubernetes ignores evaluation errors when only asking whether something exists.
        }
        if (lefts.length > 0) out.push(item);
        continue;
      }
      const lefts = walk([item], node.left);
      if (lefts.length === 0) continue;
      if (lefts.length > 1) throw new Error("can only compare one element at a time");
      const rights = walk([item], node.right);
      if (rights.length === 0) continue;
      if (rights.length > 1) throw new Error("can only compare one element at a time");
      if (compare(lefts[0], node.op, rights[0])) out.push(item);
    }
  }
  return out;
}

type Kind = "bool" | "int" | "float" | "string";

/** The basic kind Go's template comparisons see; other values cannot be compared. */
function kindOf(v: unknown): Kind {
  if (v instanceof GoFloat) return "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  // Kubernetes decodes integral JSON numbers to int64 and the rest to float64.
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  throw new Error("invalid type for comparison");
}

function raw(v: unknown): unknown {
  return v instanceof GoFloat ? v.value : v;
}

/** text/template's eq, lt and friends as client-go's fork has them: both sides of one basic kind. */
function compare(left: unknown, op: string, right: unknown): boolean {
  const k1 = kindOf(left), k2 = kindOf(right);
  if (k1 !== k2) throw new Error("incompatible types for comparison");
  const a = raw(left) as number | string | boolean, b = raw(right) as number | string | boolean;
  const less = () => {
    if (k1 === "bool") throw new Error("invalid type for comparison");
    return a < b;
  };
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return less();
    case ">":
      return !(less() || a === b);
    case "<=":
      return less() || a === b;
    case ">=":
      return !less();
    default:
      throw new Error(`unrecognized filter operator ${op}`);
  }
}
