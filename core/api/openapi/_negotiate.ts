/**
 * Accept-header negotiation as kube-openapi's handlers do it (with goautoneg): clauses in order of
 * preference, each tried against the formats on offer, the first match served, and 406 when none
 * matches. Skiff offers JSON only, so a client asking for nothing but protobuf gets the 406 that
 * makes client-go give up on that endpoint.
 *
 * @module
 */

/**
 * A media type the server can answer with.
 *
 * @example
 * ```ts
 * const json: Offer = { type: "application", subtype: "json" };
 * ```
 */
export interface Offer {
  type: string;
  subtype: string;
}

interface Clause {
  type: string;
  subtype: string;
  q: number;
}

/**
 * The clauses of an Accept header, most preferred first: by quality, then specific before wildcard,
 * then in the order given (goautoneg.ParseAccept).
 *
 * @example
 * ```ts
 * parseAccept("*\/*;q=0.5, application/json"); // [{ type: "application", subtype: "json", q: 1 }, { type: "*", subtype: "*", q: 0.5 }]
 * ```
 */
export function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(",")) {
    const [range, ...params] = part.split(";").map((s) => s.trim());
    if (!range) continue;
    const [type, subtype = "*"] = range.split("/", 2).map((s) => s.trim());
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split("=").map((s) => s.trim());
      if (k === "q") q = Number(v);
    }
    if (!Number.isNaN(q)) clauses.push({ type, subtype, q });
  }
  const wild = (c: Clause) => (c.type === "*" ? 2 : 0) + (c.subtype === "*" ? 1 : 0);
  return clauses.map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.q - a.c.q || wild(a.c) - wild(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

/**
 * The offer to answer `accept` with, or undefined for 406. An empty header accepts anything.
 *
 * @example
 * ```ts
 * negotiate("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", [{ type: "application", subtype: "json" }]); // undefined
 * negotiate("application/json, *\/*", [{ type: "application", subtype: "json" }]); // { type: "application", subtype: "json" }
 * ```
 */
export function negotiate<T extends Offer>(accept: string | undefined, offers: T[]): T | undefined {
  for (const clause of parseAccept(accept || "*/*")) {
    if (clause.q <= 0) continue;
    const match = offers.find((o) =>
      (clause.type === "*" || clause.type === o.type) &&
      (clause.subtype === "*" || clause.subtype === o.subtype)
    );
    if (match) return match;
  }
  return undefined;
}
