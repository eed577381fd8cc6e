/**
 * A Go slice over a JS array it shares with its caller. Kubernetes' list merge deletes items with
 * `append(s[:i], s[i+1:]...)`, which shifts the caller's backing array in place, and then appends new
 * items, the first of which land in the slots the deletions freed. The caller keeps reading the live order
 * from that array afterwards, so the result depends on it.
 *
 * Worked example: live `[1, 2, 4]` with patch `[{3}, {1, $patch: delete}]`: deleting 1 leaves the array
 * `[2, 4, 4]` (length 2), appending 3 makes it `[2, 4, 3]`, which the caller then takes for the live order.
 *
 * Appending past the shared array's length reallocates, as Go does once the capacity is used up; a larger
 * capacity would only write where the caller does not look.
 *
 * @module
 */

/**
 * A slice sharing `backing` until an append outgrows it.
 *
 * @example
 * ```ts
 * const live = [1, 2, 4];
 * const s = new GoSlice(live);
 * s.deleteAt(0);
 * s.append(3); // live is now [2, 4, 3]; s.items() is [2, 4, 3]
 * ```
 */
export class GoSlice {
  #backing: unknown[];
  #len: number;

  constructor(backing: unknown[]) {
    this.#backing = backing;
    this.#len = backing.length;
  }

  /** A copy of the slice's items. */
  items(): unknown[] {
    return this.#backing.slice(0, this.#len);
  }

  /** Replaces item `i` in place. */
  set(i: number, v: unknown): void {
    this.#backing[i] = v;
  }

  /** Removes item `i` by shifting the later items down, in the shared array. */
  deleteAt(i: number): void {
    for (let j = i; j < this.#len - 1; j++) this.#backing[j] = this.#backing[j + 1];
    this.#len--;
  }

  /** Appends `v`: into the shared array while it has room, else into a new one. */
  append(v: unknown): void {
    if (this.#len < this.#backing.length) {
      this.#backing[this.#len] = v;
    } else {
      this.#backing = this.items();
      this.#backing.push(v);
    }
    this.#len++;
  }
}
