/**
 * What both document formats are written from: the operations of a set of resources grouped by path,
 * and every definition they may refer to (the common ones, the named core/kinds types, the kinds and
 * lists themselves).
 *
 * @module
 */
import type { Resource } from "../registry.ts";
import { commonSchemas } from "./_common_schemas.ts";
import { kindSchemas } from "./_kind_schemas.ts";
import { nameSubschemas } from "./_name_subschemas.ts";
import { namedTypes } from "./_named_types.ts";
import { resourceOperations } from "./_operations.ts";
import { groupByPath, type PathGroup } from "./_paths.ts";
import type { Schema } from "./types.ts";

/**
 * Paths and the definitions pool of a document.
 *
 * @example
 * ```ts
 * const model: DocumentModel = documentModel(resources);
 * model.pool["io.k8s.apimachinery.pkg.apis.meta.v1.Status"];
 * ```
 */
export interface DocumentModel {
  paths: Map<string, PathGroup>;
  pool: Record<string, Schema>;
}

let typeSchemas: Record<string, Schema> | undefined;

/**
 * The model of a document serving `resources`.
 *
 * @example
 * ```ts
 * const { paths, pool } = documentModel(registry.all().filter((r) => r.group === "apps"));
 * ```
 */
export function documentModel(resources: Resource[]): DocumentModel {
  const types = namedTypes();
  // The named types refer to each other; naming their fields once serves every document.
  typeSchemas ??= Object.fromEntries(
    Object.entries(types.schemas).map(([name, s]) => [name, nameSubschemas(s, types, { scalars: true })]),
  );
  const pool: Record<string, Schema> = { ...commonSchemas(), ...typeSchemas };
  const sorted = [...resources].sort((a, b) =>
    `${a.group}/${a.version}/${a.plural}` < `${b.group}/${b.version}/${b.plural}` ? -1 : 1
  );
  for (const r of sorted) Object.assign(pool, kindSchemas(r, types));
  return { paths: groupByPath(sorted.flatMap(resourceOperations)), pool };
}
