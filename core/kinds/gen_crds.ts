/**
 * Writes crds/*.yaml from the built-in definitions: `deno task crds`. Run it after changing a schema
 * in core/kinds/api; gen_crds_test.ts fails while the files and the code disagree.
 *
 * @module
 */
import type { ResourceDefinition } from "../schema/types.ts";
import { builtinDefinitions } from "./builtin.ts";
import { crdFileName, renderCrd } from "./_crd_yaml.ts";

/** The crds/ directory at the repository root. */
export const CRDS_DIR = new URL("../../crds/", import.meta.url);

/**
 * The files crds/ should hold for `definitions`: file name → YAML text.
 *
 * @example
 * ```ts
 * import { renderCrdFiles } from "./gen_crds.ts";
 *
 * [...renderCrdFiles().keys()]; // ["core_v1_namespaces.yaml", ...]
 * ```
 */
export function renderCrdFiles(definitions: ResourceDefinition[] = builtinDefinitions): Map<string, string> {
  return new Map(definitions.map((d) => [crdFileName(d), renderCrd(d)]));
}

if (import.meta.main) {
  for (const [name, text] of renderCrdFiles()) {
    await Deno.writeTextFile(new URL(name, CRDS_DIR), text);
    console.log(`wrote crds/${name}`);
  }
}
