/**
 * Paths into a value, built as the walk descends and printed only when an error or an unknown field
 * needs them: kube-openapi's form for schema errors and pruned fields, field.Path's form for the
 * checks that use it.
 *
 * @module
 */

/**
 * A position in the value: a property, an additionalProperties key, or an array index. It prints as
 * kube-openapi prints paths (properties and map keys joined with ".", indices as "[i]"), and only when
 * an error needs it, so the walk builds no strings for valid values.
 *
 * @example
 * ```ts
 * import { Path, rootPath } from "./_path.ts";
 * String(new Path(new Path(rootPath(), "spec", false), 0, false)); // "spec[0]"
 * ```
 */
export class Path {
  #text: string | undefined;

  constructor(
    readonly parent: Path | undefined,
    readonly seg: string | number,
    /** True for an additionalProperties key (kube-openapi joins it with ".", field.Path with "[k]"). */
    readonly key: boolean,
  ) {}

  toString(): string {
    if (this.#text === undefined) {
      const p = this.parent;
      if (!p) this.#text = "";
      else if (typeof this.seg === "number") this.#text = `${p}[${this.seg}]`;
      else if (this.key) this.#text = `${p}.${this.seg}`;
      else {
        const base = String(p);
        this.#text = base ? `${base}.${this.seg}` : this.seg;
      }
    }
    return this.#text;
  }
}

/**
 * The root of a value.
 *
 * @example
 * ```ts
 * import { rootPath } from "./_path.ts";
 * String(rootPath()); // ""
 * ```
 */
export function rootPath(): Path {
  return new Path(undefined, "", false);
}

/**
 * The path as field.Path prints it: properties joined with ".", map keys and indices in brackets.
 *
 * @example
 * ```ts
 * import { fieldPath, Path, rootPath } from "./_path.ts";
 * fieldPath(new Path(new Path(rootPath(), "labels", false), "app", true)); // "labels[app]"
 * ```
 */
export function fieldPath(p: Path | undefined): string {
  if (!p || !p.parent) return "";
  const base = fieldPath(p.parent);
  if (typeof p.seg === "number" || p.key) return `${base}[${p.seg}]`;
  return base ? `${base}.${p.seg}` : p.seg;
}

/**
 * field.Path.Child of a rendered path: "a" + "b" is "a.b", "a" + "[0]" is "a[0]".
 *
 * @example
 * ```ts
 * import { joinField } from "./_path.ts";
 * joinField("spec", "[0]"); // "spec[0]"
 * ```
 */
export function joinField(base: string, rest: string): string {
  if (!base) return rest;
  if (!rest) return base;
  return rest[0] === "[" ? base + rest : `${base}.${rest}`;
}

/**
 * The path as pruning reports an unknown field: kube-openapi's form without a leading ".".
 *
 * @example
 * ```ts
 * import { Path, prunedPath, rootPath } from "./_path.ts";
 * prunedPath(new Path(rootPath(), "k", true)); // "k"
 * ```
 */
export function prunedPath(p: Path): string {
  const s = String(p);
  return s.startsWith(".") ? s.slice(1) : s;
}
