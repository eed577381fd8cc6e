/**
 * One process owns a data dir: a lock file holds its pid. A lock left by a process that died (SIGKILL,
 * power loss) is taken over; one held by a live process is refused with a message that says what to do.
 *
 * @module
 */
import { StoreUnavailableError } from "./errors.ts";

/** Takes the lock at `path` or throws StoreUnavailableError naming the process that holds it. */
export async function acquireLock(path: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await Deno.writeTextFile(path, String(Deno.pid), { createNew: true });
      return;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
    const holder = Number((await Deno.readTextFile(path).catch(() => "")).trim());
    if (holder && await alive(holder)) {
      const who = holder === Deno.pid ? "this process" : `process ${holder}`;
      throw new StoreUnavailableError(
        `the store ${path.replace(/\.lock$/, "")} is in use by ${who}; stop it or choose another --data-dir`,
      );
    }
    await Deno.remove(path).catch(() => {});
  }
  throw new StoreUnavailableError(`cannot take the lock ${path}`);
}

/** Removes the lock if this process holds it. */
export async function releaseLock(path: string): Promise<void> {
  const holder = await Deno.readTextFile(path).catch(() => "");
  if (holder.trim() === String(Deno.pid)) await Deno.remove(path).catch(() => {});
}

async function alive(pid: number): Promise<boolean> {
  if (pid === Deno.pid) return true;
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // A zombie (state Z) has exited; its parent just has not reaped it yet.
    return stat.replace(/^.*\) /s, "")[0] !== "Z";
  } catch {
    return false;
  }
}
