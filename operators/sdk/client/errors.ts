/**
 * Errors the client throws: {@link ApiError} for every answer that is not a success (carrying the
 * Kubernetes Status), and helpers that read its reason the way client-go's `apierrors` do.
 *
 * @module
 */
import type { Status, StatusCause } from "./types.ts";

/** The reason Kubernetes gives for each code when the body is not a Status (client-go's mapping). */
const REASON_BY_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  410: "Expired",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/**
 * An error answer of the API: its HTTP code and the Status the server sent (or one made from the code
 * when the body was not a Status, as from a proxy).
 *
 * @example
 * ```ts
 * try {
 *   await pods.get("missing");
 * } catch (e) {
 *   if (isNotFound(e)) console.log((e as ApiError).status.message);
 * }
 * ```
 */
export class ApiError extends Error {
  override name = "ApiError";
  /** The Status as sent, or made from the code. */
  readonly status: Status;
  /** The HTTP status code. */
  readonly code: number;

  constructor(code: number, status: Status) {
    super(status.message ?? `the server answered ${code}`);
    this.code = code;
    this.status = status;
  }

  /** The Status reason, e.g. "NotFound", "AlreadyExists", "Conflict", "Expired", "Gone". */
  get reason(): string {
    return this.status.reason ?? REASON_BY_CODE[this.code] ?? "Unknown";
  }

  /** The field causes of an Invalid or other detailed error. */
  get causes(): StatusCause[] {
    return this.status.details?.causes ?? [];
  }

  /** The Status's retryAfterSeconds, when the server asked for a wait. */
  get retryAfterSeconds(): number | undefined {
    return this.status.details?.retryAfterSeconds;
  }

  /**
   * The ApiError for a non-success response, reading its body as a Status when it is one.
   *
   * @example
   * ```ts
   * const res = await fetch(url);
   * if (!res.ok) throw await ApiError.fromResponse(res);
   * ```
   */
  static async fromResponse(res: Response): Promise<ApiError> {
    const text = await res.text().catch(() => "");
    let status: Status | undefined;
    try {
      const body = JSON.parse(text);
      if (body && typeof body === "object" && body.kind === "Status") status = body as Status;
    } catch { /* not JSON */ }
    status ??= {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      reason: REASON_BY_CODE[res.status] ?? "Unknown",
      message: text.trim() || `the server answered ${res.status} ${res.statusText}`.trim(),
      code: res.status,
    };
    return new ApiError(status.code ?? res.status, status);
  }

  /**
   * The ApiError an ERROR watch event carries.
   *
   * @example
   * ```ts
   * if (event.type === "ERROR") throw ApiError.fromStatus(event.object);
   * ```
   */
  static fromStatus(status: Status): ApiError {
    return new ApiError(status.code ?? 500, status);
  }
}

function reasonIs(e: unknown, reason: string, code: number): boolean {
  return e instanceof ApiError && (e.status.reason ? e.status.reason === reason : e.code === code);
}

/**
 * Whether `e` is a 404 NotFound.
 *
 * @example
 * ```ts
 * const pod = await pods.get("web").catch((e) => isNotFound(e) ? undefined : Promise.reject(e));
 * ```
 */
export function isNotFound(e: unknown): boolean {
  return reasonIs(e, "NotFound", 404);
}

/**
 * Whether `e` is a 409 Conflict: the object changed since it was read (a stale resourceVersion).
 *
 * @example
 * ```ts
 * if (isConflict(e)) return { requeueAfter: 0 };
 * ```
 */
export function isConflict(e: unknown): boolean {
  return reasonIs(e, "Conflict", 409);
}

/**
 * Whether `e` is a 409 AlreadyExists answer to a create.
 *
 * @example
 * ```ts
 * await pods.create(pod).catch((e) => { if (!isAlreadyExists(e)) throw e; });
 * ```
 */
export function isAlreadyExists(e: unknown): boolean {
  return reasonIs(e, "AlreadyExists", 409);
}

/**
 * Whether `e` is a 410: the resourceVersion asked for is too old (reason Expired or Gone); a list or
 * watch must start again from the current state.
 *
 * @example
 * ```ts
 * if (isGone(e)) await relist();
 * ```
 */
export function isGone(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 410 || e.reason === "Expired" || e.reason === "Gone");
}

/**
 * Whether `e` is a 422 Invalid (look at `causes` for the fields).
 *
 * @example
 * ```ts
 * if (isInvalid(e)) console.log((e as ApiError).causes);
 * ```
 */
export function isInvalid(e: unknown): boolean {
  return reasonIs(e, "Invalid", 422);
}

/**
 * The request never got an HTTP answer: the connection was refused, reset or lost. `sent` says whether
 * the request may have reached the server (false only when the connection was refused).
 *
 * @example
 * ```ts
 * if (e instanceof ConnectionError && !e.sent) console.log("the server is not listening");
 * ```
 */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  constructor(message: string, readonly sent: boolean, options?: ErrorOptions) {
    super(message, options);
  }
}
