/**
 * The services module as an operator: the Service kind served in-process as a built-in kind (with
 * kubectl's printer), its defaulting, validation and ClusterIP/NodePort allocation as admission steps,
 * the allocators' start and repair, and the `kubernetes` Service.
 *
 * @module
 */
import { defineOperator, type DefinitionSpec, type Operator } from "@skiff/sdk";
import { servicesDefinitions } from "./api/definitions.ts";
import { type AllocatorOptions, ServiceAllocator } from "./allocation/allocator.ts";
import { serviceAdmissionSteps } from "./admission/admission.ts";
import { allocatorSync, type AllocatorSyncOptions } from "./controller/allocator_sync.ts";
import { kubernetesServiceController } from "./controller/kubernetes_service.ts";
import { servicesPrinters } from "./printers/mod.ts";

/**
 * Options of {@link createServicesOperator}.
 *
 * @example
 * ```ts
 * const options: ServicesOperatorOptions = { serviceCIDR: "10.96.0.0/12", nodePortRange: "30000-32767" };
 * ```
 */
export interface ServicesOperatorOptions extends AllocatorOptions, AllocatorSyncOptions {
  /** The API server's port, the `kubernetes` Service's target port (see controller/kubernetes_service.ts). */
  apiServerPort?: number;
}

/**
 * A services operator with allocators of its own: each core that installs the module needs one, since
 * the allocations live in the process next to the admission steps that make them.
 *
 * @example
 * ```ts
 * import { createServicesOperator } from "@skiff/services";
 *
 * const op = createServicesOperator({ serviceCIDR: "10.0.0.0/16" });
 * op.admission.map((s) => s.name); // ["services-defaults", "services-release"]
 * ```
 */
export function createServicesOperator(options: ServicesOperatorOptions = {}): Operator & {
  allocator: ServiceAllocator;
} {
  const allocator = new ServiceAllocator(options);
  const op = defineOperator({
    name: "services",
    crds: [],
    builtinKinds: {
      // ResourceDefinition's versions are closed types; the SDK's DefinitionSpec takes any field.
      definitions: servicesDefinitions as unknown as DefinitionSpec[],
      printers: servicesPrinters,
    },
    admission: serviceAdmissionSteps(allocator),
    controllers: [
      allocatorSync(allocator, options),
      kubernetesServiceController({ clusterIP: allocator.range.first, apiServerPort: options.apiServerPort }),
    ],
  });
  return Object.freeze({ ...op, allocator });
}
