/**
 * The audit log file: JSON lines appended in batches off the request path, size-capped and rotated as
 * kube-apiserver's --audit-log-maxsize/--audit-log-maxbackup do (audit.log, then audit.log.1 is the
 * newest old file, audit.log.N the oldest kept).
 *
 * @module
 */

/** Options of {@link openAuditLog}. */
export interface AuditLogOptions {
  /** A file is rotated before it would grow past this many bytes; 100 MiB unless given. */
  maxBytes?: number;
  /** Rotated files kept (audit.log.1 ... audit.log.N); 3 unless given. 0 keeps none. */
  maxBackups?: number;
  /** How long lines wait in memory to be written together; 200 ms unless given. */
  flushDelayMs?: number;
}

/** An open audit log. */
export interface AuditLog {
  /** The file written to. */
  readonly path: string;
  /** Queues one event as a JSON line; never waits for the disk. */
  write(event: unknown): void;
  /** Resolves once every line queued so far is on disk. */
  flush(): Promise<void>;
  /** Flushes and stops; later writes are dropped. */
  close(): Promise<void>;
}

const MIB = 1024 * 1024;
/** Past this much unwritten text a flush starts at once instead of after the delay. */
const EAGER_FLUSH_BYTES = MIB;

/**
 * Opens (creating if needed, mode 0600) the audit log at `path`.
 *
 * @example
 * ```ts
 * const log = await openAuditLog(".skiff/audit.log", { maxBytes: 4096, maxBackups: 2 });
 * log.write({ kind: "Event", apiVersion: "audit.k8s.io/v1", verb: "create" });
 * await log.close();
 * ```
 */
export async function openAuditLog(path: string, options: AuditLogOptions = {}): Promise<AuditLog> {
  const maxBytes = options.maxBytes ?? 100 * MIB;
  const maxBackups = options.maxBackups ?? 3;
  const flushDelayMs = options.flushDelayMs ?? 200;
  const encoder = new TextEncoder();

  let file = await Deno.open(path, { append: true, create: true, mode: 0o600 });
  let size = (await file.stat()).size;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Flushes run one after another, so lines keep their order and a rotation never races a write.
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  async function rotate(): Promise<void> {
    file.close();
    if (maxBackups > 0) {
      await Deno.remove(`${path}.${maxBackups}`).catch(ignoreNotFound);
      for (let i = maxBackups - 1; i >= 1; i--) {
        await Deno.rename(`${path}.${i}`, `${path}.${i + 1}`).catch(ignoreNotFound);
      }
      await Deno.rename(path, `${path}.1`);
    } else {
      await Deno.remove(path).catch(ignoreNotFound);
    }
    file = await Deno.open(path, { append: true, create: true, mode: 0o600 });
    size = 0;
  }

  async function writeBatch(lines: Uint8Array[]): Promise<void> {
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    const emit = async () => {
      if (!batchBytes) return;
      await writeAll(file, concat(batch, batchBytes));
      size += batchBytes;
      batch = [];
      batchBytes = 0;
    };
    for (const line of lines) {
      // A line that would push the file past the cap starts a new file; a line larger than the cap
      // still gets written, alone, rather than lost.
      if (size + batchBytes + line.length > maxBytes && size + batchBytes > 0) {
        await emit();
        await rotate();
      }
      batch.push(line);
      batchBytes += line.length;
    }
    await emit();
  }

  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer), timer = undefined;
    const lines = pending;
    pending = [];
    pendingBytes = 0;
    if (lines.length) chain = chain.then(() => writeBatch(lines)).catch(reportWriteError);
    return chain;
  }

  return {
    path,
    write(event) {
      if (closed) return;
      const line = encoder.encode(JSON.stringify(event) + "\n");
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes >= EAGER_FLUSH_BYTES) {
        flush();
      } else if (timer === undefined) {
        timer = setTimeout(flush, flushDelayMs);
        // A pending flush must not keep a process alive that has nothing else to do; close() flushes.
        Deno.unrefTimer(timer as unknown as number);
      }
    },
    flush,
    async close() {
      if (closed) return await chain;
      closed = true;
      await flush();
      file.close();
    },
  };
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let at = 0;
  while (at < bytes.length) at += await file.write(bytes.subarray(at));
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) out.set(p, at), at += p.length;
  return out;
}

function ignoreNotFound(e: unknown): void {
  if (!(e instanceof Deno.errors.NotFound)) throw e;
}

// A full disk must not fail requests; say so once per batch and go on.
function reportWriteError(e: unknown): void {
  console.error(`audit log: cannot write: ${(e as Error)?.message ?? e}`);
}
