/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set: the paths that are members, and the
 * children below each path element. Its wire form is Kubernetes' FieldsV1: `{"f:spec":{"f:replicas":{}}}`,
 * where `"."` marks an element that is itself a member and also has children.
 *
 * @module
 */
import { canonicalElement, compareElements, type Path, type PathElement } from "./_path.ts";

/** The FieldsV1 JSON form of a field set. */
export type FieldsV1 = { [pathElement: string]: FieldsV1 };

/**
 * A set of field paths.
 *
 * @example
 * ```ts
 * const set = new FieldSet();
 * set.insert(["f:spec", "f:replicas"]);
 * set.toFieldsV1(); // { "f:spec": { "f:replicas": {} } }
 * ```
 */
export class FieldSet {
  /** Path elements that are members (paths of length 1 from here). */
  readonly members: Set<PathElement> = new Set();
  /** The sets below each path element. */
  readonly children: Map<PathElement, FieldSet> = new Map();

  /** Adds a path (the empty path, the whole object, is never tracked). */
  insert(path: Path): void {
    if (path.length === 0) return;
    descend(this, path, true)!.members.add(path[path.length - 1]);
  }

  /** The set below `pe`, created when missing. */
  child(pe: PathElement): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, c = new FieldSet());
    return c;
  }

  /** Whether `path` is a member. */
  has(path: Path): boolean {
    if (path.length === 0) return false;
    return descend(this, path, false)?.members.has(path[path.length - 1]) ?? false;
  }

  /** Whether the set has no member at any depth. */
  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** A deep copy. */
  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [pe, c] of this.children) out.children.set(pe, c.clone());
    return out;
  }

  /** Members of either set. */
  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.#add(other);
    return out;
  }

  #add(other: FieldSet): void {
    for (const m of other.members) this.members.add(m);
    for (const [pe, c] of other.children) this.child(pe).#add(c);
  }

  /** Members of this set that are not members of `other` (exact paths: children of a member stay). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      const d = o ? c.difference(o) : c.clone();
      if (!d.empty()) out.children.set(pe, d);
    }
    return out;
  }

  /** Members of both sets. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const o = other.children.get(pe);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.empty()) out.children.set(pe, i);
    }
    return out;
  }

  /** This set without `path` and everything below it. */
  withoutPrefix(path: Path): FieldSet {
    if (path.length === 0) return new FieldSet();
    const out = this.clone();
    let s: FieldSet | undefined = out;
    for (let i = 0; i < path.length - 1 && s; i++) s = s.children.get(path[i]);
    if (s) {
      s.members.delete(path[path.length - 1]);
      s.children.delete(path[path.length - 1]);
    }
    return out;
  }

  /** Only `path` and what is below it. */
  onlyPrefix(path: Path): FieldSet {
    const out = new FieldSet();
    const src = descend(this, path, false);
    const dst = descend(out, path, true)!;
    const last = path[path.length - 1];
    if (src?.members.has(last)) dst.members.add(last);
    const c = src?.children.get(last);
    if (c) dst.children.set(last, c.clone());
    return out.empty() ? new FieldSet() : out;
  }

  /** Calls `fn` with every member path, in structured-merge-diff's order. */
  iterate(fn: (path: Path) => void, prefix: PathElement[] = []): void {
    const keys = new Set([...this.members, ...this.children.keys()]);
    for (const pe of [...keys].sort(compareElements)) {
      prefix.push(pe);
      if (this.members.has(pe)) fn([...prefix]);
      this.children.get(pe)?.iterate(fn, prefix);
      prefix.pop();
    }
  }

  /** The number of member paths. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.size();
    return n;
  }

  /** Kubernetes' FieldsV1 JSON: keys in structured-merge-diff's order, `"."` for a member with children. */
  toFieldsV1(): FieldsV1 {
    return this.#emit(false);
  }

  #emit(self: boolean): FieldsV1 {
    const out: FieldsV1 = {};
    if (self && (this.members.size || this.children.size)) out["."] = {};
    let keys: PathElement[];
    if (this.children.size === 0) keys = [...this.members];
    else {
      keys = [...this.children.keys()];
      for (const m of this.members) if (!this.children.has(m)) keys.push(m);
    }
    if (keys.length > 1) keys.sort(compareElements);
    for (const pe of keys) {
      const c = this.children.get(pe);
      out[pe] = c ? c.#emit(this.members.has(pe)) : {};
    }
    return out;
  }

  /**
   * Reads FieldsV1 JSON; malformed path elements are an error, as in Kubernetes' decoder.
   *
   * @example
   * ```ts
   * FieldSet.fromFieldsV1({ "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } }).has(["f:metadata", "f:labels"]); // true
   * ```
   */
  static fromFieldsV1(json: unknown): FieldSet {
    const out = new FieldSet();
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new Error("expected an object");
    }
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      if (k === ".") continue;
      const pe = canonicalElement(k);
      if (pe === undefined) throw new Error(`invalid path element ${JSON.stringify(k)}`);
      const entries = v !== null && typeof v === "object" ? Object.keys(v as object) : [];
      if (entries.length === 0 || entries.includes(".")) out.members.add(pe);
      if (entries.some((e) => e !== ".")) {
        const c = FieldSet.fromFieldsV1(v);
        if (!c.empty()) out.children.set(pe, c);
      }
    }
    return out;
  }
}

/** The set holding the last element of `path` (its parent's children), created on the way when asked. */
function descend(set: FieldSet, path: Path, create: boolean): FieldSet | undefined {
  let s: FieldSet | undefined = set;
  for (let i = 0; i < path.length - 1 && s; i++) s = create ? s.child(path[i]) : s.children.get(path[i]);
  return s;
}
