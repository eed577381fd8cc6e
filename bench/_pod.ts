/**
 * The Pod every benchmark creates: one container with a port and resource requests, about the size of a
 * small real Pod.
 *
 * @module
 */

/**
 * A Pod named `name` in `namespace`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(benchPod("p-1"));
 * ```
 */
export function benchPod(name: string, namespace = "bench"): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app: "bench", tier: "web" } },
    spec: {
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: { requests: { cpu: "100m", memory: "64Mi" } },
      }],
    },
  };
}
