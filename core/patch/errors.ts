/**
 * The one error type of the patch package.
 *
 * @module
 */

/** The Status message Kubernetes sends for every 422 a patch library raises: it hides the library's words. */
export const REJECTED_MESSAGE = "the server rejected our request due to an error in our request";

/** The text Kubernetes' panic filter answers with when a handler panics (it is not a Status). */
export const PANIC_MESSAGE = "This request caused apiserver to panic. Look in the logs for details.";

/**
 * A patch that cannot be applied, with the HTTP code, Status reason and Status message the Kubernetes API
 * server answers with:
 *
 * - 400 `BadRequest`: the body is not a patch of its type (`error decoding patch: json: cannot unmarshal
 *   object into Go value of type []handlers.jsonPatchOp`, `Invalid JSON Patch`, `invalid patch format of
 *   retainKeys`, ...);
 * - 413 `RequestEntityTooLarge`: a JSON patch with more than 10000 operations;
 * - 415 `UnsupportedMediaType`: a Content-Type that is not an accepted patch type;
 * - 422 `Invalid`: a JSON patch operation failed (a `test`, a missing path) or a strategic merge patch
 *   holds a list of lists. Kubernetes' message is then always {@link REJECTED_MESSAGE}; what went wrong is
 *   in {@link PatchError.detail} (`add operation does not apply: doc is missing path: "/spec/foo": missing
 *   value`, `testing value /x failed: test failed`);
 * - 500 with reason `""`: a strategic merge patch error that Kubernetes passes through as a plain error
 *   (`map: map[image:nginx] does not contain declared merge key: name`); its Status has no reason;
 * - 500 `InternalError`: input on which Kubernetes' code panics (message {@link PANIC_MESSAGE}).
 *
 * @example
 * ```ts
 * try {
 *   applyJsonPatch({}, [{ op: "test", path: "/x", value: 1 }]);
 * } catch (e) {
 *   if (e instanceof PatchError) console.log(e.code, e.reason, e.message, e.detail);
 *   // 422 "Invalid" "the server rejected our request due to an error in our request"
 *   //   "testing value /x failed: test failed"
 * }
 * ```
 */
export class PatchError extends Error {
  /** Always "PatchError". */
  override name = "PatchError";
  /** A patch error with Kubernetes' code, reason and message. */
  constructor(
    /** HTTP status code. */
    readonly code: number,
    /** meta/v1 Status reason; "" when Kubernetes' Status has none. */
    readonly reason: string,
    /** The Status message, worded as Kubernetes words it. */
    message: string,
    /** What the patch library said when the Status message does not (422 and panics). */
    readonly detail?: string,
  ) {
    super(message);
  }

  /** 400 BadRequest with `message`. */
  static badRequest(message: string): PatchError {
    return new PatchError(400, "BadRequest", message);
  }

  /** 422 Invalid, as Kubernetes' NewGenericServerResponse words it: the `detail` is not shown. */
  static rejected(detail: string): PatchError {
    return new PatchError(422, "Invalid", REJECTED_MESSAGE, detail);
  }

  /** 500 without a reason: a plain Go error that reached the API server's error writer. */
  static plain(message: string): PatchError {
    return new PatchError(500, "", message);
  }

  /** 500 InternalError where Kubernetes' code panics (`detail` says on what). */
  static panicked(detail: string): PatchError {
    return new PatchError(500, "InternalError", PANIC_MESSAGE, detail);
  }
}
