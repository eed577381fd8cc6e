/**
 * Writes crds/*.yaml from resource definitions; `deno task crds` runs the root crds.ts, which passes
 * the built-in kinds and every operator module's. Run it after changing a schema in core/kinds/api or
 * an operator's api/; gen_crds_test.ts (built-in kinds) and crds_test.ts (all kinds) fail while the
 * files and the code disagree.
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

/**
 * Writes crds/*.yaml for `definitions`. The root crds.ts (`deno task crds`) passes the built-in kinds
 * and every operator module's, since a core package must not import operators.
 *
 * @example
 * ```ts
 * import { writeCrdFiles } from "./gen_crds.ts";
 *
 * await writeCrdFiles([...builtinDefinitions, ...workloadsDefinitions]);
 * ```
 */
export async function writeCrdFiles(definitions: ResourceDefinition[] = builtinDefinitions): Promise<void> {
  for (const [name, text] of renderCrdFiles(definitions)) {
    await Deno.writeTextFile(new URL(name, CRDS_DIR), text);
    console.log(`wrote crds/${name}`);
  }
}

if (import.meta.main) await writeCrdFiles();
