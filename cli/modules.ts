/**
 * The operator modules `skiff up` bundles, and how it runs them in-process. Installing a module serves
 * its built-in kinds in the core itself (as Kubernetes serves apps/v1), adds its admission steps,
 * installs its CRDs through the API and runs its controllers in a manager over the in-process client;
 * uninstalling undoes all of it, so a module left out leaves no kinds behind. Modules are imported only
 * when installed. Each has an OperatorModule object (skiff.dev/v1alpha1) whose `spec.enabled` says
 * whether it should run: `--operators` sets them at start, `skiff operators install|uninstall` later.
 *
 * @module
 */
import type { ApiServer } from "@skiff/api";
import {
  type Client,
  Controller,
  type CustomResourceDefinitionObject,
  customResourceDefinitionsResource,
  defineResource,
  installCrds,
  isAlreadyExists,
  isNotFound,
  Manager,
  type Operator,
} from "@skiff/sdk";
import {
  type OperatorModule,
  operatorModuleDefinition,
  OperatorModuleSchema,
} from "./api/operator_module.ts";
import { BUNDLED_MODULES } from "./bundled.ts";
import { lineLogger } from "./_line_logger.ts";

export { BUNDLED_MODULES } from "./bundled.ts";

/** The OperatorModule resource, for the SDK client. */
export const operatorModulesResource = defineResource({
  group: "skiff.dev",
  version: "v1alpha1",
  plural: "operatormodules",
  kind: "OperatorModule",
  namespaced: false,
  schema: OperatorModuleSchema,
});

interface Installed {
  kinds: string[];
  /** Stops the module's controllers. */
  stop(): Promise<void>;
  /** Takes its kinds away: built-in ones no longer served, admission steps gone, CRDs deleted. */
  remove(): Promise<void>;
}

/**
 * Installs and uninstalls bundled modules in one running core.
 *
 * @example
 * ```ts
 * const host = new ModuleHost(api, () => client, console.error);
 * await host.install("workloads");
 * await host.uninstall("workloads");
 * ```
 */
export class ModuleHost {
  #installed = new Map<string, Installed>();
  #modules: Readonly<Record<string, () => Promise<Operator>>>;

  constructor(
    readonly api: ApiServer,
    /** The client each component calls the API with (its User-Agent names it in managedFields). */
    readonly clientFor: (component: string) => Client,
    readonly log: (line: string) => void,
    modules: Readonly<Record<string, () => Promise<Operator>>> = BUNDLED_MODULES,
  ) {
    this.#modules = modules;
  }

  /** Names of the bundled modules, sorted. */
  get names(): string[] {
    return Object.keys(this.#modules).sort();
  }

  /** The resources (PLURAL.GROUP) an installed module serves; undefined when it is not installed. */
  kindsOf(name: string): string[] | undefined {
    return this.#installed.get(name)?.kinds;
  }

  /** Starts module `name` unless it runs; throws for an unknown name. */
  async install(name: string): Promise<void> {
    if (this.#installed.has(name)) return;
    const load = this.#modules[name];
    if (!load) {
      throw new Error(`no module "${name}" is bundled (bundled: ${this.names.join(", ") || "none"})`);
    }
    const op = await load();
    const undo: (() => unknown)[] = [];
    const kinds: string[] = [];
    const abort = new AbortController();
    let running: Promise<void> | undefined;
    const installed: Installed = {
      kinds,
      async stop() {
        abort.abort();
        await running;
      },
      async remove() {
        for (const u of undo.reverse()) await u();
      },
    };
    try {
      for (const def of op.builtinKinds?.definitions ?? []) {
        const printer = op.builtinKinds?.printers?.get(`${def.group || "core"}/${def.names.kind}`);
        this.api.registry.add(def, { builtin: true, printer });
        undo.push(() => this.api.registry.remove(def.group, def.names.plural));
        kinds.push(qualified(def.names.plural, def.group));
      }
      for (const step of op.admission) undo.push(this.api.admission.add(step));
      undo.push(() => this.#deleteCrds(op.crds));
      const client = this.clientFor(`skiff-${op.name}`);
      await installCrds(client, [...op.crds]);
      kinds.push(...op.crds.map((c) => c.metadata.name));
      const manager = new Manager({
        client,
        log: lineLogger(this.log).with({ module: op.name }),
        // The Lease runOperator takes too: a copy started with operators/NAME/main.ts elects with this one.
        leaderElection: { namespace: "kube-system", name: op.name },
      });
      for (const factory of op.controllers) manager.add(factory(manager));
      running = manager.start(abort.signal).catch((e) => this.log(`module ${name}: ${e?.message ?? e}`));
    } catch (e) {
      await installed.stop();
      await installed.remove();
      throw e;
    }
    this.#installed.set(name, installed);
    this.log(`module ${name}: installed (${kinds.length} kinds, ${op.controllers.length} controllers)`);
  }

  /** Stops module `name` and takes its kinds away; nothing when it does not run. */
  async uninstall(name: string): Promise<void> {
    const m = this.#installed.get(name);
    if (!m) return;
    this.#installed.delete(name);
    await m.stop();
    await m.remove();
    this.log(`module ${name}: uninstalled`);
  }

  /** Stops every module's controllers: the process ends, the modules stay installed for the next start. */
  async stopAll(): Promise<void> {
    const all = [...this.#installed.values()];
    this.#installed.clear();
    await Promise.all(all.map((m) => m.stop()));
  }

  async #deleteCrds(crds: readonly CustomResourceDefinitionObject[]): Promise<void> {
    const api = this.clientFor("skiff-modules").resource(customResourceDefinitionsResource);
    for (const crd of crds) {
      await api.delete(crd.metadata.name).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  }
}

/**
 * Serves the OperatorModule kind, installs the `enabled` modules, makes sure every bundled module has
 * its object (enabled for those named, disabled for the others), and runs the controller that installs
 * and uninstalls modules as their objects ask.
 *
 * @example
 * ```ts
 * const modules = await startModuleController(host, ["workloads"]);
 * await modules.stop();
 * ```
 */
export async function startModuleController(
  host: ModuleHost,
  enabled: readonly string[],
): Promise<{ stop(): Promise<void> }> {
  host.api.registry.add(operatorModuleDefinition, { builtin: true });
  const client = host.clientFor("skiff-modules");
  const modules = client.resource(operatorModulesResource);
  // The chosen modules are running when this returns; the controller then reports them and follows
  // later changes (skiff operators install|uninstall).
  for (const name of enabled) await host.install(name);
  for (const name of host.names) {
    const want = enabled.includes(name);
    try {
      await modules.create({
        apiVersion: "skiff.dev/v1alpha1",
        kind: "OperatorModule",
        metadata: { name },
        spec: { enabled: want },
      });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      await modules.patch(name, { spec: { enabled: want } }, { type: "merge" });
    }
  }
  const manager = new Manager({ client, log: lineLogger(host.log) });
  manager.add(
    new Controller<OperatorModule>({
      name: "operator-modules",
      for: operatorModulesResource,
      reconcile: async (key) => {
        const name = key.split("/").pop()!;
        const obj = await modules.get(name).catch((e) => {
          if (isNotFound(e)) return undefined;
          throw e;
        });
        let failure: string | undefined;
        try {
          if (obj?.spec?.enabled) await host.install(name);
          else await host.uninstall(name);
        } catch (e) {
          failure = (e as Error).message;
        }
        if (!obj) return;
        const kinds = host.kindsOf(name);
        // A merge patch, so a spec change meanwhile is no conflict (it queues another pass); nulls clear
        // what no longer applies.
        await modules.patchStatus(name, {
          status: {
            phase: failure !== undefined ? "Failed" : kinds ? "Installed" : "NotInstalled",
            message: failure ?? null,
            kinds: kinds?.length ? kinds : null,
            observedGeneration: obj.metadata?.generation,
          },
        });
      },
    }),
  );
  const abort = new AbortController();
  const running = manager.start(abort.signal);
  return {
    async stop() {
      abort.abort();
      await running.catch(() => {});
      await host.stopAll();
    },
  };
}

function qualified(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}
