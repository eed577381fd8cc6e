/**
 * The `kubernetes` Service in `default`, as the API server's kubernetesservice controller keeps it
 * (pkg/controlplane/controller/kubernetesservice): ClusterIP the first address of the service range,
 * port 443 named https to the API server's port, labels component=apiserver and provider=kubernetes.
 * It is created when missing and its ports put back when they drift, every ten seconds.
 *
 * The target port is the `apiServerPort` option, else the port of the client's server URL (`skiff up`
 * gives its in-process clients the URL it serves at), else 6443, Skiff's default port.
 *
 * @module
 */
import {
  isAlreadyExists,
  isNotFound,
  type OperatorContext,
  type ResourceClient,
  type Runnable,
} from "@skiff/sdk";
import type { Service, ServicePort } from "../api/service.ts";
import { servicesResource } from "../resources.ts";
import { sleep } from "./_sleep.ts";

/** The API server's default port, the target port when nothing better is known. */
export const DEFAULT_API_SERVER_PORT = 6443;

/**
 * Options of {@link kubernetesServiceController}.
 *
 * @example
 * ```ts
 * const options: KubernetesServiceOptions = { clusterIP: "10.96.0.1", apiServerPort: 6443 };
 * ```
 */
export interface KubernetesServiceOptions {
  /** The Service's ClusterIP: the first address of the service range. */
  clusterIP: string;
  /** The API server's port; from the client's server URL, else 6443, when absent. */
  apiServerPort?: number;
  /** How often the Service is checked; 10 s when absent (Kubernetes' interval). */
  intervalMs?: number;
}

/**
 * The `kubernetes` Service as the API server makes it.
 *
 * @example
 * ```ts
 * import { kubernetesService } from "@skiff/services";
 *
 * kubernetesService("10.96.0.1", 6443).spec!.ports; // [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }]
 * ```
 */
export function kubernetesService(clusterIP: string, apiServerPort: number): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { component: "apiserver", provider: "kubernetes" },
    },
    spec: {
      type: "ClusterIP",
      clusterIP,
      sessionAffinity: "None",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: apiServerPort }],
    },
  };
}

/**
 * The runnable that keeps the `kubernetes` Service (leader only).
 *
 * @example
 * ```ts
 * import { kubernetesServiceController } from "@skiff/services";
 *
 * manager.add(kubernetesServiceController({ clusterIP: "10.96.0.1" })(manager));
 * ```
 */
export function kubernetesServiceController(
  options: KubernetesServiceOptions,
): (ctx: OperatorContext) => Runnable {
  return (ctx) => ({
    name: "kubernetes-service",
    async start(signal) {
      const port = options.apiServerPort ?? portOf(ctx.client.server) ?? DEFAULT_API_SERVER_PORT;
      const want = kubernetesService(options.clusterIP, port);
      const services = ctx.client.resource(servicesResource).namespace("default");
      while (!signal.aborted) {
        try {
          await ensure(services, want);
        } catch (error) {
          // The default namespace may not exist yet, or the allocator not be ready: try again soon.
          ctx.log.error("reconciling the kubernetes service failed", { error });
        }
        await sleep(options.intervalMs ?? 10_000, signal);
      }
    },
  });
}

async function ensure(services: ResourceClient<Service>, want: Service): Promise<void> {
  let current: Service | undefined;
  try {
    current = await services.get("kubernetes");
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (!current) {
    try {
      await services.create(want);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    return;
  }
  // CreateOrUpdateMasterServiceIfNeeded: only the ports (and their type) are put back.
  const samePorts =
    JSON.stringify(portKeys(current.spec?.ports)) === JSON.stringify(portKeys(want.spec!.ports));
  if (samePorts && current.spec?.type === "ClusterIP") return;
  await services.update({
    ...current,
    spec: { ...current.spec, type: "ClusterIP", ports: want.spec!.ports },
  });
}

function portKeys(ports: ServicePort[] | undefined) {
  return (ports ?? []).map((p) => [p.name ?? "", p.port, p.protocol ?? "TCP", p.targetPort ?? p.port]);
}

function portOf(server: string): number | undefined {
  try {
    const port = new URL(server).port;
    return port ? Number(port) : undefined;
  } catch {
    return undefined;
  }
}
