/**
 * The webhook configurations, kept in memory: listed once when the dispatcher starts, then followed
 * through a store watch (controllers/_loop.ts), so no admission request reads them from the store.
 * Configurations are ordered by name and their webhooks in the order written, as Kubernetes' webhook
 * configuration managers merge them.
 *
 * @module
 */
import type { Store } from "@skiff/store";
import type { MutatingWebhook, ValidatingWebhook } from "@skiff/kinds";
import type { KubeObject } from "../admission.ts";
import { type Loop, startLoop } from "../controllers/_loop.ts";
import { collectionKey, type Resource } from "../registry.ts";

/** One webhook of one configuration. */
export interface WebhookEntry<T> {
  /** Unique within its kind: `configuration/index`, as Kubernetes' accessors name their webhooks. */
  uid: string;
  configuration: string;
  hook: T;
}

/** The configurations of one kind (validating or mutating). */
export class Configurations<T extends ValidatingWebhook | MutatingWebhook> {
  #byKey = new Map<string, KubeObject>();
  #hooks: WebhookEntry<T>[] = [];
  #loop?: Loop;

  constructor(readonly store: Store, readonly resource: Resource) {}

  /** The webhooks in the order they run. */
  get hooks(): readonly WebhookEntry<T>[] {
    return this.#hooks;
  }

  /** Lists the configurations now, then follows changes until {@link stop}. */
  async start(log: (line: string) => void): Promise<void> {
    const prefix = collectionKey(this.resource);
    let cursor: string | undefined;
    do {
      const page = await this.store.list<KubeObject>({ prefix }, { cursor, limit: 500 });
      for (const e of page.entries) this.#byKey.set(e.key.join("/"), e.value);
      cursor = page.cursor || undefined;
    } while (cursor);
    this.#rebuild();
    this.#loop = startLoop(this.store, prefix, (id, obj) => {
      if (obj) this.#byKey.set(id, obj);
      else this.#byKey.delete(id);
      this.#rebuild();
      return Promise.resolve();
    }, log);
  }

  async stop(): Promise<void> {
    await this.#loop?.stop();
    this.#loop = undefined;
  }

  #rebuild(): void {
    const configs = [...this.#byKey.values()].sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
    );
    this.#hooks = configs.flatMap((c) =>
      ((c.webhooks ?? []) as T[]).map((hook, i) => ({
        uid: `${c.metadata.name}/${i}`,
        configuration: c.metadata.name,
        hook,
      }))
    );
  }
}
