/**
 * File helpers for credentials: whole-file atomic replacement with owner-only permissions, and reads
 * that tell "absent" apart from every other failure.
 *
 * @module
 */

/**
 * Writes `data` to a temporary file beside `path` with `mode`, then renames it over `path`, so a reader
 * or a crash never sees half a key. The mode is set again after writing because it applies only to
 * newly created files and the umask may have narrowed it.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID()}`;
  try {
    await Deno.writeTextFile(tmp, data, { mode, createNew: true });
    await Deno.chmod(tmp, mode);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}
