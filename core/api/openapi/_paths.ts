/**
 * Operations grouped by path, with the parameters every operation of a path shares moved up to the
 * path, as kube-openapi's builders do (`name`, `namespace` and `pretty` end up there; `fieldValidation`
 * stays on PATCH, where kubectl looks for it).
 *
 * @module
 */
import type { Operation } from "./_operations.ts";
import type { Param } from "./_parameters.ts";

/**
 * One path: the parameters its operations share, and each operation with the rest of its own.
 *
 * @example
 * ```ts
 * const group: PathGroup = groupByPath(operations).get("/api/v1/namespaces")!;
 * ```
 */
export interface PathGroup {
  shared: Param[];
  operations: { op: Operation; params: Param[] }[];
}

/**
 * Groups operations by path, paths in sorted order, parameters sorted by name then location.
 *
 * @example
 * ```ts
 * const paths = groupByPath(resourceOperations(pods));
 * paths.get("/api/v1/namespaces/{namespace}/pods/{name}")!.shared.map((p) => p.name); // ["name", "namespace", "pretty"]
 * ```
 */
export function groupByPath(operations: Operation[]): Map<string, PathGroup> {
  const byPath = new Map<string, Operation[]>();
  for (const op of operations) byPath.set(op.path, [...byPath.get(op.path) ?? [], op]);
  const out = new Map<string, PathGroup>();
  for (const path of [...byPath.keys()].sort()) {
    const ops = byPath.get(path)!;
    const key = (p: Param) => `${p.name}\0${p.in}`;
    const counts = new Map<string, number>();
    for (const op of ops) for (const p of op.params) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
    const isShared = (p: Param) => counts.get(key(p)) === ops.length;
    out.set(path, {
      shared: sortParams(ops[0].params.filter(isShared)),
      operations: ops.map((op) => ({ op, params: sortParams(op.params.filter((p) => !isShared(p))) })),
    });
  }
  return out;
}

function sortParams(params: Param[]): Param[] {
  // Byte order, as Go's sort compares strings.
  const cmp = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;
  return [...params].sort((a, b) => cmp(a.name, b.name) || cmp(a.in, b.in));
}
