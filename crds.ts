/**
 * `deno task crds`: writes crds/*.yaml for every kind Skiff can serve, the built-in kinds of core/kinds
 * each operator module's, and the OperatorModule kind `skiff up` serves for them. It lives at the root because a core package must not import operators;
 * add a module's definitions to `allDefinitions` when the module gets kinds of its own.
 *
 * @module
 */
import type { ResourceDefinition } from "@skiff/schema";
import { builtinDefinitions } from "@skiff/kinds";
import { workloadsDefinitions } from "@skiff/workloads";
import { servicesDefinitions } from "@skiff/services";
import { writeCrdFiles } from "./core/kinds/gen_crds.ts";
import { operatorModuleDefinition } from "./cli/api/operator_module.ts";

/**
 * Every definition crds/ holds a file for: the built-in kinds, then each module's.
 *
 * @example
 * ```ts
 * import { allDefinitions } from "./crds.ts";
 *
 * allDefinitions.some((d) => d.names.kind === "Deployment"); // true
 * ```
 */
export const allDefinitions: ResourceDefinition[] = [
  ...builtinDefinitions,
  ...workloadsDefinitions,
  ...servicesDefinitions,
  operatorModuleDefinition,
];

if (import.meta.main) await writeCrdFiles(allDefinitions);
