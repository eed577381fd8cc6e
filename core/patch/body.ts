/**
 * Reading a PATCH request body.
 *
 * @module
 */
import { PatchError } from "./errors.ts";

/**
 * Parses the body of a JSON, merge or strategic merge patch; text that is not JSON is a 400 "invalid JSON
 * patch", which Kubernetes checks before anything else (server-side apply bodies are YAML and are not
 * read here).
 *
 * @example
 * ```ts
 * const ops = parsePatchBody('[{"op":"remove","path":"/metadata/labels/app"}]');
 * parsePatchBody("{oops"); // throws PatchError 400 "invalid JSON patch"
 * ```
 */
export function parsePatchBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw PatchError.badRequest("invalid JSON patch");
  }
}
