/**
 * The services module: the Service kind (v1) with Kubernetes' defaulting and validation, ClusterIP
 * allocation from the service range (10.96.0.0/12) and NodePort allocation (30000-32767) as admission
 * steps, kubectl's printer, the `kubernetes` Service, and the module as an operator
 * (`createServicesOperator`, bundled by `skiff up` as "services"). Endpoints, EndpointSlices, cluster
 * DNS and service rules on nodes come later.
 *
 * @example
 * ```ts
 * import { defaultService, servicesDefinitions, validateService } from "@skiff/services";
 *
 * const svc = defaultService({ metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
 * validateService(svc); // []
 * servicesDefinitions.length; // 1
 * ```
 *
 * @module
 */
export * from "./api/mod.ts";
export * from "./defaults/mod.ts";
export * from "./validation/mod.ts";
export * from "./allocation/mod.ts";
export * from "./admission/mod.ts";
export * from "./printers/mod.ts";
export * from "./resources.ts";
export * from "./controller/mod.ts";
export * from "./operator.ts";
