/**
 * The cost of one write's schema work: prune, default and validate a Deployment-sized object (~5 KB of
 * JSON) against a schema shaped like apps/v1 Deployment's. Run with `deno bench core/schema/`.
 *
 * @module
 */
import { applyDefaults, type JSONSchemaProps, prune, validate, validateObjectMeta } from "./mod.ts";

const str: JSONSchemaProps = { type: "string" };
const int: JSONSchemaProps = { type: "integer", format: "int32" };
const labels: JSONSchemaProps = { type: "object", additionalProperties: str };
const quantity: JSONSchemaProps = {
  "x-kubernetes-int-or-string": true,
  anyOf: [{ type: "integer" }, { type: "string" }],
  pattern:
    "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
};
const probe: JSONSchemaProps = {
  type: "object",
  properties: {
    httpGet: {
      type: "object",
      required: ["port"],
      properties: { path: str, port: { "x-kubernetes-int-or-string": true } },
    },
    initialDelaySeconds: int,
    periodSeconds: { ...int, default: 10 },
    timeoutSeconds: { ...int, default: 1 },
    failureThreshold: { ...int, default: 3 },
  },
};
const container: JSONSchemaProps = {
  type: "object",
  required: ["name"],
  properties: {
    name: str,
    image: str,
    imagePullPolicy: { type: "string", enum: ["Always", "IfNotPresent", "Never"] },
    args: { type: "array", items: str },
    command: { type: "array", items: str },
    env: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", required: ["name"], properties: { name: str, value: str } },
    },
    ports: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
      items: {
        type: "object",
        required: ["containerPort"],
        properties: {
          name: str,
          containerPort: { ...int, minimum: 1, maximum: 65535 },
          protocol: { type: "string", default: "TCP", enum: ["TCP", "UDP", "SCTP"] },
        },
      },
    },
    resources: {
      type: "object",
      properties: {
        limits: { type: "object", additionalProperties: quantity },
        requests: { type: "object", additionalProperties: quantity },
      },
    },
    volumeMounts: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "mountPath"],
        properties: { name: str, mountPath: str, readOnly: { type: "boolean" } },
      },
    },
    livenessProbe: probe,
    readinessProbe: probe,
    terminationMessagePath: { type: "string", default: "/dev/termination-log" },
  },
};
const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: "object" },
    spec: {
      type: "object",
      required: ["selector", "template"],
      properties: {
        replicas: { ...int, default: 1, minimum: 0 },
        revisionHistoryLimit: { ...int, default: 10 },
        selector: { type: "object", properties: { matchLabels: labels } },
        strategy: {
          type: "object",
          default: { type: "RollingUpdate" },
          properties: { type: { type: "string", enum: ["Recreate", "RollingUpdate"] } },
        },
        template: {
          type: "object",
          properties: {
            metadata: { type: "object", properties: { labels, annotations: labels } },
            spec: {
              type: "object",
              required: ["containers"],
              properties: {
                containers: {
                  type: "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  items: container,
                },
                restartPolicy: { type: "string", default: "Always" },
                dnsPolicy: { type: "string", default: "ClusterFirst" },
                serviceAccountName: str,
                nodeSelector: labels,
                volumes: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["name"],
                    properties: {
                      name: str,
                      configMap: { type: "object", properties: { name: str } },
                      emptyDir: { type: "object", properties: { medium: str } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  },
};

function containerOf(i: number) {
  return {
    name: `app-${i}`,
    image: `registry.example.com/team/app-${i}:1.2.${i}`,
    imagePullPolicy: "IfNotPresent",
    args: ["--port=8080", "--log-level=info", `--shard=${i}`],
    env: Array.from({ length: 8 }, (_, j) => ({ name: `VAR_${j}`, value: `value-${i}-${j}` })),
    ports: [{ name: "http", containerPort: 8080 + i }, { name: "metrics", containerPort: 9090 + i }],
    resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
    volumeMounts: [{ name: "config", mountPath: "/etc/app" }, { name: "cache", mountPath: "/cache" }],
    livenessProbe: { httpGet: { path: "/healthz", port: 8080 + i }, initialDelaySeconds: 5 },
    readinessProbe: { httpGet: { path: "/ready", port: "http" } },
  };
}

function deployment() {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "default",
      labels: { app: "web", tier: "frontend", team: "platform" },
      annotations: { "deployment.kubernetes.io/revision": "3", "example.com/owner": "platform-team" },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web", tier: "frontend" } },
        spec: {
          containers: [0, 1, 2, 3, 4].map(containerOf),
          serviceAccountName: "web",
          nodeSelector: { "kubernetes.io/os": "linux" },
          volumes: [{ name: "config", configMap: { name: "web-config" } }, { name: "cache", emptyDir: {} }],
        },
      },
    },
  };
}

const json = JSON.stringify(deployment());

Deno.bench(
  `prune + applyDefaults + validate + validateObjectMeta of a ${json.length}-byte Deployment`,
  () => {
    const obj = JSON.parse(json);
    prune(obj, schema);
    applyDefaults(obj, schema);
    if (validate(obj, schema).length) throw new Error("unexpected errors");
    validateObjectMeta(obj.metadata, { namespaced: true });
  },
);

Deno.bench("JSON.parse of the same object, for scale", () => {
  JSON.parse(json);
});

// The stages alone. Pruning and defaulting change the object, so those two include a JSON.parse.
const parsed = JSON.parse(json);
Deno.bench("stage: JSON.parse + prune", () => {
  prune(JSON.parse(json), schema);
});
Deno.bench("stage: JSON.parse + applyDefaults", () => {
  applyDefaults(JSON.parse(json), schema);
});
Deno.bench("stage: validate", () => {
  validate(parsed, schema);
});
Deno.bench("stage: validateObjectMeta", () => {
  validateObjectMeta(parsed.metadata, { namespaced: true });
});
