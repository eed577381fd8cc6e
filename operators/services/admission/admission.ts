/**
 * The Service registry's write path as admission steps for the API's in-process chain
 * (core/api/admission.ts): one mutating step that defaults and prepares the object (SetDefaults_Service,
 * the strategy's PrepareForCreate/Update, normalizeClusterIPs, patchAllocatedValues), one validating
 * step that runs Kubernetes' validation and then, when it passed, allocates ClusterIPs and node ports
 * into the object, and one DELETE step that lets a deleted Service's values go.
 *
 * @module
 */
import type { AdmissionRequest, AdmissionStep } from "@skiff/api";
import type { Service } from "../api/service.ts";
import type { ServiceAllocator } from "../allocation/allocator.ts";
import { fillServiceDefaults, prepareServiceCreate, prepareServiceUpdate } from "../defaults/service.ts";
import { validateService, validateServiceStatus, validateServiceUpdate } from "../validation/service.ts";

const KINDS = ["v1/Service"];

/**
 * The services module's admission steps around one allocator.
 *
 * @example
 * ```ts
 * import { ServiceAllocator, serviceAdmissionSteps } from "@skiff/services";
 *
 * for (const step of serviceAdmissionSteps(new ServiceAllocator())) api.admission.add(step);
 * ```
 */
export function serviceAdmissionSteps(allocator: ServiceAllocator): AdmissionStep[] {
  return [
    {
      name: "services-defaults",
      kinds: KINDS,
      mutate(req: AdmissionRequest) {
        const svc = req.object as Service;
        if (req.subresource === "status") {
          // Defaulting runs on every decoded object, status writes too: an ingress IP's ipMode.
          if (svc.spec?.type === "LoadBalancer") {
            for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
              if (ing.ip && !ing.ipMode) ing.ipMode = "VIP";
            }
          }
          return;
        }
        if (req.subresource) return;
        fillServiceDefaults(svc);
        if (req.operation === "CREATE" || !req.oldObject) prepareServiceCreate(svc);
        else prepareServiceUpdate(svc, req.oldObject as Service);
      },
      async validate(req: AdmissionRequest) {
        const svc = req.object as Service;
        if (req.subresource === "status") return validateServiceStatus(svc);
        if (req.subresource) return [];
        const old = req.operation === "UPDATE" ? req.oldObject as Service | undefined : undefined;
        const errors = old
          ? validateServiceUpdate(svc, old, { allocating: true })
          : validateService(svc, { allocating: true });
        if (errors.length) return errors;
        await allocator.waitReady();
        return await allocator.allocate(svc, old, { dryRun: req.dryRun });
      },
    },
    {
      name: "services-release",
      kinds: KINDS,
      operations: ["DELETE"],
      async validate(req: AdmissionRequest) {
        if (!req.dryRun && allocator.ready) await allocator.release(req.object as Service);
        return [];
      },
    },
  ];
}
