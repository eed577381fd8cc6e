/**
 * List cursors: an opaque base64url token that pins a list to its first page's revision and says where
 * the next page starts.
 *
 * @module
 */
import { InvalidEntryError } from "./errors.ts";
import type { KvKey } from "./types.ts";

/** What a cursor carries. */
export interface CursorState {
  /** The revision the whole list is read at. */
  revision: number;
  /** The last key of the page before. */
  after: KvKey;
  /** Whether the list runs newest key first. */
  reverse?: boolean;
}

/** Encodes a cursor. */
export function encodeCursor(state: CursorState): string {
  const json = JSON.stringify({ r: state.revision, k: state.after, d: state.reverse ? 1 : 0 });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes a cursor, throwing InvalidEntryError for anything this module did not write. */
export function decodeCursor(cursor: string): CursorState {
  try {
    const b64 = cursor.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { r, k, d } = JSON.parse(new TextDecoder().decode(bytes));
    if (
      !Number.isSafeInteger(r) || r < 0 || !Array.isArray(k) || !k.length ||
      !k.every((p) => typeof p === "string" && p) || (d !== 0 && d !== 1)
    ) {
      throw new Error("bad shape");
    }
    return { revision: r, after: k, reverse: d === 1 };
  } catch {
    throw new InvalidEntryError("the list cursor is not valid");
  }
}
