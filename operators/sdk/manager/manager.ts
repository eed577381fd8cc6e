/**
 * The manager (controller-runtime's `manager.Manager`): owns the shared informers, metrics, event
 * recorders and probes of a process, and runs its controllers, only while it leads when leader election
 * is on.
 *
 * Start: serve probes → start informers → wait for their sync (ready) → campaign (if electing) → run
 * controllers. Stop (signal aborted): controllers stop taking work and finish what they are running
 * (bounded by `gracefulShutdownTimeoutMs`) → the Lease is released → informers stop → probes close.
 * Losing the Lease while running stops the controllers and makes `start` reject, as controller-runtime
 * does ("leader election lost"): a process that lost it should exit and start again.
 *
 * @module
 */
import { type FactoryOptions, SharedInformerFactory } from "../cache/factory.ts";
import type { Client } from "../client/client.ts";
import { eventsResource, leasesResource } from "../client/resources.ts";
import { CacheReader } from "../controller/cache_reader.ts";
import type { ControllerRuntime } from "../controller/controller.ts";
import { jsonLogger, type Logger } from "../controller/logger.ts";
import { EventRecorder, type EventsClient, eventSinkFrom } from "../helpers/event_recorder.ts";
import { LeaderElector } from "../leaderelection/leader_elector.ts";
import { type LeaseApi, LeaseLock } from "../leaderelection/lease_lock.ts";
import { ManagerMetrics } from "../metrics/manager_metrics.ts";
import { type ProbeServers, serveProbes } from "./_probes.ts";

/**
 * Leader election of a manager: the Lease `namespace/name`, this process's identity (hostname and a
 * random suffix by default), and client-go's timings (15 s, 10 s, 2 s unless given).
 *
 * @example
 * ```ts
 * const le: LeaderElectionOptions = { namespace: "kube-system", name: "widget-operator" };
 * ```
 */
export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

/**
 * Something a manager runs: a `Controller`, or any long-running task. `setup` is called on `add`, `start`
 * once the caches synced (and, unless `needsLeaderElection` is false, only while leading); `start`
 * resolves once its signal aborted and its work stopped.
 *
 * @example
 * ```ts
 * const ticker: Runnable = {
 *   needsLeaderElection: true,
 *   async start(signal) {
 *     while (!signal.aborted) await new Promise((r) => setTimeout(r, 1000));
 *   },
 * };
 * ```
 */
export interface Runnable {
  setup?(runtime: ControllerRuntime): void;
  start(signal: AbortSignal): Promise<void>;
  /** Whether it runs only on the leader (default true, as controllers). */
  needsLeaderElection?: boolean;
  /** Named in logs. */
  name?: string;
}

/**
 * Options of a {@link Manager}.
 *
 * @example
 * ```ts
 * const options: ManagerOptions = {
 *   client,
 *   leaderElection: { namespace: "kube-system", name: "widget-operator" },
 *   metricsPort: 8080,
 *   healthPort: 8081,
 * };
 * ```
 */
export interface ManagerOptions {
  client: Client;
  leaderElection?: LeaderElectionOptions;
  /** Serves /metrics here (0: any free port; see `metricsAddr`). */
  metricsPort?: number;
  /** Serves /healthz and /readyz here (0: any free port; see `healthAddr`). */
  healthPort?: number;
  /** Where the ports listen; default "0.0.0.0". */
  hostname?: string;
  /** JSON lines on stderr unless given. */
  log?: Logger;
  /** Options of the manager's informers (resync period, page size, ...). */
  informers?: Omit<FactoryOptions, "onError" | "onLag">;
  /** How long a stop waits for running reconciles before giving up on them; default 30 s. */
  gracefulShutdownTimeoutMs?: number;
}

/**
 * A manager (see the module doc).
 *
 * @example
 * ```ts
 * import { Controller, Manager } from "@skiff/sdk";
 *
 * const manager = new Manager({ client, leaderElection: { namespace: "kube-system", name: "widgets" } });
 * manager.add(new Controller({ name: "widget", for: widgetsResource, reconcile }));
 * const stop = new AbortController();
 * Deno.addSignalListener("SIGTERM", () => stop.abort());
 * await manager.start(stop.signal);
 * ```
 */
export class Manager {
  readonly client: Client;
  readonly metrics: ManagerMetrics = new ManagerMetrics();
  /** The informers every controller of this manager shares. */
  readonly informers: SharedInformerFactory;
  readonly cache: CacheReader;
  readonly log: Logger;
  readonly options: ManagerOptions;
  readonly #runnables: Runnable[] = [];
  readonly #recorders = new Map<string, EventRecorder>();
  #ready = false;
  #leading = false;
  #started = false;
  #elector?: LeaderElector;
  #probes?: ProbeServers;

  constructor(options: ManagerOptions) {
    this.options = options;
    this.client = options.client;
    this.log = options.log ?? jsonLogger();
    const log = this.log;
    this.informers = new SharedInformerFactory(options.client, {
      ...options.informers,
      onError: (error, phase, gvr) => log.error("informer failed, retrying", { resource: gvr, phase, error }),
      onLag: (ms, _type, gvr) => this.metrics.observeWatchLag(gvr, ms / 1000),
    });
    this.cache = new CacheReader(this.informers);
  }

  /** Whether the caches have synced (what /readyz answers). */
  get ready(): boolean {
    return this.#ready;
  }

  /** Whether this manager leads (always true once started without leader election). */
  get leading(): boolean {
    return this.#leading;
  }

  /** Where /healthz and /readyz listen, once `start` has begun. */
  get healthAddr(): Deno.NetAddr | undefined {
    return this.#probes?.healthAddr;
  }

  /** Where /metrics listens, once `start` has begun. */
  get metricsAddr(): Deno.NetAddr | undefined {
    return this.#probes?.metricsAddr;
  }

  /**
   * An event recorder for a component, shared by name.
   *
   * @example
   * ```ts
   * manager.recorderFor("widget-controller").event(widget, "Normal", "Synced", "ok");
   * ```
   */
  recorderFor(component: string): EventRecorder {
    let recorder = this.#recorders.get(component);
    if (!recorder) {
      const events = this.client.resource(eventsResource) as unknown as EventsClient;
      recorder = new EventRecorder(eventSinkFrom(events), {
        component,
        log: (message) => this.log.error(message, { component }),
      });
      this.#recorders.set(component, recorder);
    }
    return recorder;
  }

  /**
   * Adds a controller (or any {@link Runnable}); its informers are asked for now, so add everything before
   * `start`.
   *
   * @example
   * ```ts
   * manager.add(controller);
   * ```
   */
  add(runnable: Runnable): this {
    if (this.#started) throw new Error("add controllers before the manager starts");
    runnable.setup?.({
      client: this.client,
      informers: this.informers,
      log: this.log,
      metrics: this.metrics,
      recorderFor: (component) => this.recorderFor(component),
    });
    this.#runnables.push(runnable);
    return this;
  }

  /**
   * Runs everything until the signal aborts, then shuts down gracefully and resolves. Rejects when the
   * caches cannot sync or leadership is lost.
   *
   * @example
   * ```ts
   * await manager.start(AbortSignal.timeout(60_000));
   * ```
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new Error("a manager starts once");
    this.#started = true;
    const { healthPort, metricsPort } = this.options;
    if (healthPort !== undefined || metricsPort !== undefined) {
      this.#probes = serveProbes({
        // controller-runtime tolerates 20 s past an expired lease before reporting unhealthy.
        health: () => this.#elector?.check(20_000),
        ready: () => this.#ready,
        registry: this.metrics.registry,
      }, { healthPort, metricsPort, hostname: this.options.hostname ?? "0.0.0.0" });
    }
    const always = this.#runnables.filter((r) => r.needsLeaderElection === false);
    const leaderOnly = this.#runnables.filter((r) => r.needsLeaderElection !== false);
    let lost = false;
    try {
      this.log.info("Starting informers");
      this.informers.start(signal);
      try {
        await this.informers.waitForSync(signal);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      this.#ready = true;
      // A lost Lease stops everything, as the caller's signal does.
      const stop = new AbortController();
      onAbort(signal, () => stop.abort());
      const background = this.#run(always, stop.signal);
      if (!this.options.leaderElection) {
        this.#leading = true;
        await this.#run(leaderOnly, stop.signal);
      } else {
        lost = await this.#runElected(leaderOnly, this.options.leaderElection, stop.signal);
        stop.abort();
      }
      await background;
    } finally {
      this.#ready = false;
      this.#leading = false;
      await this.informers.stop();
      await this.#probes?.close();
      for (const recorder of this.#recorders.values()) recorder.shutdown();
      this.log.info("Stopped");
    }
    if (lost) throw new Error("leader election lost");
  }

  /** Campaigns, runs the runnables while leading; answers whether leadership was lost (not given up). */
  async #runElected(runnables: Runnable[], le: LeaderElectionOptions, signal: AbortSignal): Promise<boolean> {
    const identity = le.identity ?? `${Deno.hostname()}_${crypto.randomUUID()}`;
    const leases = this.client.resource(leasesResource).namespace(le.namespace) as unknown as LeaseApi;
    const electorStop = new AbortController();
    let running: Promise<void> | undefined;
    let lost = false;
    this.#elector = new LeaderElector({
      lock: new LeaseLock(leases, {
        name: le.name,
        namespace: le.namespace,
        identity,
        eventRecorder: this.recorderFor(`${le.name}`),
      }),
      leaseDurationMs: le.leaseDurationMs,
      renewDeadlineMs: le.renewDeadlineMs,
      retryPeriodMs: le.retryPeriodMs,
      // Safe: the Lease is only released after the controllers have stopped (see below).
      releaseOnCancel: true,
      metrics: this.metrics.leaderElectionMetrics,
      log: (message) => this.log.info(message, { lease: `${le.namespace}/${le.name}` }),
      callbacks: {
        onStartedLeading: (leading) => {
          this.#leading = true;
          running = this.#run(runnables, AbortSignal.any([leading, signal]));
        },
        onStoppedLeading: () => {
          this.#leading = false;
          if (!electorStop.signal.aborted) lost = true;
        },
        onNewLeader: (leader) => this.log.info("new leader elected", { leader, identity }),
      },
    });
    const electing = this.#elector.run(electorStop.signal);
    await Promise.race([electing, new Promise<void>((resolve) => onAbort(signal, resolve))]);
    // Controllers stop first (their signal follows ours, or the lost Lease), then the Lease is released.
    await running;
    electorStop.abort();
    await electing;
    await running;
    if (lost) this.log.error("leader election lost", { lease: `${le.namespace}/${le.name}`, identity });
    return lost;
  }

  /** Starts the runnables and waits until they stopped (or the graceful shutdown timeout passed). */
  async #run(runnables: Runnable[], signal: AbortSignal): Promise<void> {
    const done = Promise.all(runnables.map(async (r) => {
      try {
        await r.start(signal);
      } catch (error) {
        this.log.error("runnable failed", { runnable: r.name, error });
      }
    }));
    await new Promise<void>((resolve) => onAbort(signal, resolve));
    const timeoutMs = this.options.gracefulShutdownTimeoutMs ?? 30_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) =>
      timer = setTimeout(() => resolve("timeout"), timeoutMs)
    );
    const result = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.log.error("failed waiting for all runnables to end within grace period", { timeoutMs });
    }
  }
}

function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener("abort", fn, { once: true });
}
