/**
 * field.Path: a field's place in an object, printed as Kubernetes prints it
 * (`spec.containers[0].image`, `spec.nodeSelector[disk]`).
 *
 * @module
 */

/**
 * A field path as Kubernetes prints it. Immutable; `child`, `index` and `key` return new paths. The
 * field.Error constructors take one wherever they take a field string.
 *
 * @example
 * ```ts
 * import { FieldPath } from "./field_path.ts";
 * FieldPath.root("spec").child("containers").index(0).child("image").toString(); // "spec.containers[0].image"
 * ```
 */
export class FieldPath {
  private constructor(private readonly text: string) {}

  /** The path of a top-level field ("spec", "metadata"). */
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }

  /** `spec` → `spec.containers`; several names descend several levels. */
  child(...names: string[]): FieldPath {
    let text = this.text;
    for (const name of names) text = text ? `${text}.${name}` : name;
    return new FieldPath(text);
  }

  /** `spec.containers` → `spec.containers[0]`. */
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  /** `spec.nodeSelector` → `spec.nodeSelector[disk]` (map keys are not quoted, as in Go). */
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  /** The path as Kubernetes prints it. */
  toString(): string {
    return this.text;
  }
}

/** A field as the field.Error constructors take it: a printed path or a {@link FieldPath}. */
export type Field = string | FieldPath;
