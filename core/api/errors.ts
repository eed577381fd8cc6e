/**
 * Every error the API answers with is a meta/v1 Status, worded as Kubernetes words it, so clients that
 * match on reason or message (kubectl, client-go, @kubernetes/client-node) behave as they do against
 * Kubernetes. One error type, as in hono: {@link ApiError}.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";

/** A meta/v1 StatusCause. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A meta/v1 Status. */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** What names the object in an error: its resource (plural), group and name. */
export interface Target {
  resource: string;
  group: string;
  name?: string;
}

/**
 * An error the API answers with: HTTP code plus the Status body.
 *
 * @example
 * ```ts
 * throw ApiError.notFound({ resource: "pods", group: "", name: "web" }); // 404 pods "web" not found
 * ```
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Status["details"],
  ) {
    super(message);
  }

  /** The Status body. */
  toStatus(): Status {
    const s: Status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) s.details = this.details;
    return s;
  }

  static notFound(t: Target): ApiError {
    return new ApiError(404, "NotFound", `${qualified(t)} "${t.name}" not found`, details(t));
  }

  static alreadyExists(t: Target): ApiError {
    return new ApiError(409, "AlreadyExists", `${qualified(t)} "${t.name}" already exists`, details(t));
  }

  static conflict(t: Target, why: string): ApiError {
    return new ApiError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualified(t)} "${t.name}": ${why}`,
      details(t),
    );
  }

  /** 409 for a stale resourceVersion, with Kubernetes' wording. */
  static modified(t: Target): ApiError {
    return ApiError.conflict(
      t,
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  }

  /** 422 with one cause per field error: `Pod "x" is invalid: spec.a: Required value`. */
  static invalid(kind: string, t: Target, errors: FieldError[]): ApiError {
    const list = errors.map((e) => e.field ? `${e.field}: ${e.message}` : e.message);
    const body = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
    return new ApiError(
      422,
      "Invalid",
      `${kind}${t.group ? `.${t.group}` : ""} "${t.name ?? ""}" is invalid: ${body}`,
      {
        name: t.name,
        group: t.group || undefined,
        kind,
        causes: errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field })),
      },
    );
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, "BadRequest", message);
  }

  static forbidden(t: Target, why: string): ApiError {
    return new ApiError(
      403,
      "Forbidden",
      `${qualified(t)} "${t.name ?? ""}" is forbidden: ${why}`,
      details(t),
    );
  }

  static methodNotAllowed(): ApiError {
    return new ApiError(
      405,
      "MethodNotAllowed",
      "the server does not allow this method on the requested resource",
    );
  }

  static gone(message: string): ApiError {
    return new ApiError(410, "Expired", message);
  }

  static tooLarge(limit: number): ApiError {
    return new ApiError(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`);
  }

  static unsupportedMediaType(contentType: string, accepted: string[]): ApiError {
    return new ApiError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${
        accepted.join(", ")
      }`,
      { causes: [{ reason: "UnexpectedServerResponse", message: contentType }] },
    );
  }

  /** 404 for a path that names no resource. */
  static noSuchPath(): ApiError {
    return new ApiError(404, "NotFound", "the server could not find the requested resource", {});
  }

  static timeout(message: string): ApiError {
    return new ApiError(504, "Timeout", message);
  }

  static internal(message: string): ApiError {
    return new ApiError(500, "InternalError", `Internal error occurred: ${message}`, {
      causes: [{ message }],
    });
  }
}

/** `pods` or `deployments.apps`, as Kubernetes names a resource in messages. */
export function qualified(t: Target): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

function details(t: Target): Status["details"] {
  const d: Status["details"] = { kind: t.resource };
  if (t.name !== undefined) d.name = t.name;
  if (t.group) d.group = t.group;
  return d;
}
