/**
 * The run loop every workload controller shares: its SDK controller, plus event handlers on the
 * informers of the kinds it follows (pods, ReplicaSets, revisions, nodes), for as long as it runs.
 *
 * @module
 */
import type { Controller } from "@skiff/sdk";

/**
 * Starts `controller`, then registers the handlers `register` adds (each returns its remover), and
 * removes them when the controller stops. They are registered after the start because the
 * controller's queue, which they feed, exists only from then on.
 *
 * @example
 * ```ts
 * await runWithHandlers(this.#controller, signal, () => [
 *   this.#pods!.addEventHandler({ onAdd: (pod) => this.#addPod(pod) }),
 * ]);
 * ```
 */
export async function runWithHandlers<T>(
  controller: Controller<T>,
  signal: AbortSignal,
  register: () => (() => void)[],
): Promise<void> {
  const running = controller.start(signal);
  const removers = register();
  try {
    await running;
  } finally {
    for (const remove of removers) remove();
  }
}
