/**
 * An operator module declared once: the kinds it serves (CRDs), the controllers that reconcile them, and
 * optional in-process admission steps. `skiff up` installs modules in-process; `runOperator` runs one on
 * its own against any core.
 *
 * @module
 */
import type { AdmissionStep, Printer } from "@skiff/api";
import type { ResourceDefinition } from "@skiff/schema";
import type { KubeObject } from "../client/types.ts";
import type { Manager, Runnable } from "../manager/manager.ts";

/**
 * A CRD's spec: core/schema's ResourceDefinition, what `toDefinition` makes from a valibot schema.
 *
 * @example
 * ```ts
 * const def: DefinitionSpec = {
 *   group: "example.com",
 *   names: { plural: "widgets", singular: "widget", kind: "Widget" },
 *   scope: "Namespaced",
 *   versions: [{ name: "v1", served: true, storage: true }],
 * };
 * ```
 */
export type DefinitionSpec = ResourceDefinition;

/**
 * What a controller factory gets: the manager it runs in (client, cache, informers, metrics, log,
 * event recorders).
 *
 * @example
 * ```ts
 * const factory = (ctx: OperatorContext) => new Controller({ name: "widget", for: widgets, reconcile });
 * ```
 */
export type OperatorContext = Pick<
  Manager,
  "client" | "cache" | "informers" | "metrics" | "log" | "recorderFor"
>;

/**
 * What `defineOperator` takes.
 *
 * @example
 * ```ts
 * const def: OperatorDefinition = { name: "widgets", crds: [widgetCrd], controllers: [(ctx) => widgetController(ctx)] };
 * ```
 */
export interface OperatorDefinition {
  /** A DNS label; names the Lease and the metrics. */
  name: string;
  /** CustomResourceDefinition objects, or their specs (ResourceDefinitions). */
  crds: (KubeObject | DefinitionSpec)[];
  /** Factories of controllers (or other runnables), called once per run with the manager's context. */
  controllers: ((ctx: OperatorContext) => Runnable)[];
  /** In-process admission steps, carried for the core to wire in (see core/api/admission.ts). */
  admission?: AdmissionStep[];
  /**
   * Kinds Kubernetes serves natively (apps/v1 Deployments, the legacy group's ReplicationControllers):
   * `skiff up` serves them in-process as built-in kinds (strategic merge patches, kubectl's printers)
   * instead of installing CRDs; a standalone run expects a core that already serves them.
   */
  builtinKinds?: BuiltinKinds;
}

/**
 * Built-in kinds a module brings: their definitions and kubectl's printers by `group/Kind` (`core` for
 * the legacy group).
 *
 * @example
 * ```ts
 * const kinds: BuiltinKinds = { definitions: workloadsDefinitions, printers: workloadPrinters };
 * ```
 */
export interface BuiltinKinds {
  definitions: readonly DefinitionSpec[];
  printers?: ReadonlyMap<string, Printer>;
}

/**
 * A declared operator: its definition with every CRD as a whole CustomResourceDefinition object.
 *
 * @example
 * ```ts
 * widgetsOperator.crds[0].metadata.name; // "widgets.example.com"
 * ```
 */
export interface Operator {
  readonly name: string;
  readonly crds: readonly CustomResourceDefinitionObject[];
  readonly controllers: readonly ((ctx: OperatorContext) => Runnable)[];
  readonly admission: readonly AdmissionStep[];
  readonly builtinKinds?: BuiltinKinds;
}

/**
 * A CustomResourceDefinition as an operator installs it.
 *
 * @example
 * ```ts
 * const crd: CustomResourceDefinitionObject = toCrd(def);
 * ```
 */
export interface CustomResourceDefinitionObject extends KubeObject {
  apiVersion: "apiextensions.k8s.io/v1";
  kind: "CustomResourceDefinition";
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: DefinitionSpec;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Declares an operator module.
 *
 * @example
 * ```ts
 * import { Controller, defineOperator } from "@skiff/sdk";
 *
 * export const widgetsOperator = defineOperator({
 *   name: "widgets",
 *   crds: [widgetDefinition],
 *   controllers: [(ctx) => new Controller({ name: "widget", for: widgetsResource, reconcile: (key) => reconcileWidget(ctx, key) })],
 * });
 * ```
 */
export function defineOperator(definition: OperatorDefinition): Operator {
  if (!DNS_LABEL.test(definition.name)) {
    throw new TypeError(`operator name "${definition.name}" must be a DNS label (lowercase, digits, '-')`);
  }
  const crds = definition.crds.map(toCrd);
  const names = new Set<string>();
  for (const crd of crds) {
    if (names.has(crd.metadata.name)) throw new TypeError(`CRD ${crd.metadata.name} is declared twice`);
    names.add(crd.metadata.name);
  }
  return Object.freeze({
    name: definition.name,
    crds: Object.freeze(crds),
    controllers: Object.freeze([...definition.controllers]),
    admission: Object.freeze([...definition.admission ?? []]),
    builtinKinds: definition.builtinKinds,
  });
}

/**
 * A CustomResourceDefinition object from a CRD object or a bare spec; the name is "PLURAL.GROUP" (just
 * "PLURAL" for the legacy core group, as Skiff's built-in definitions are named).
 *
 * @example
 * ```ts
 * toCrd({ group: "example.com", names: { plural: "widgets", kind: "Widget" }, scope: "Namespaced", versions: [] })
 *   .metadata.name; // "widgets.example.com"
 * ```
 */
export function toCrd(crd: KubeObject | DefinitionSpec): CustomResourceDefinitionObject {
  const isObject = (crd as KubeObject).kind === "CustomResourceDefinition";
  const spec = (isObject ? (crd as KubeObject).spec : crd) as DefinitionSpec;
  if (!spec?.names?.plural || typeof spec.group !== "string") {
    throw new TypeError("a CRD needs spec.group and spec.names.plural");
  }
  const name = spec.group ? `${spec.names.plural}.${spec.group}` : spec.names.plural;
  const metadata = isObject ? (crd as KubeObject).metadata ?? {} : {};
  if (metadata.name && metadata.name !== name) {
    throw new TypeError(`CRD ${metadata.name} must be named ${name}`);
  }
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name,
      ...(metadata.labels ? { labels: { ...metadata.labels } } : {}),
      ...(metadata.annotations ? { annotations: { ...metadata.annotations } } : {}),
    },
    spec: structuredClone(spec),
  };
}
