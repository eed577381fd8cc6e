/**
 * Static bearer tokens in kube-apiserver's --token-auth-file format, one per line:
 * `token,user,uid,"group1,group2"` (the groups column is optional). Skiff keeps them in
 * DATA_DIR/tokens.csv and puts the admin's token there on first start.
 *
 * @module
 */
import { formatCsvLine, parseCsv } from "./_csv.ts";
import { readTextIfExists, writeFileAtomic } from "./_files.ts";
import { SYSTEM_MASTERS } from "./authenticator.ts";
import { createTokenAuthenticator, type TokenAuthenticator } from "./token_authenticator.ts";

/** One line of a token file. */
export interface TokenRecord {
  /** The bearer token, compared whole. */
  token: string;
  /** The user the token authenticates as. */
  username: string;
  /** The user's uid; may be empty. */
  uid: string;
  /** The user's groups; the file's fourth column, comma-separated inside quotes. */
  groups: string[];
}

/** Options for {@link ensureTokenFile}: the admin written on first start. */
export interface AdminTokenOptions {
  /** "skiff-admin" unless given. */
  username?: string;
  /** ["system:masters"] unless given, the group RBAC's cluster-admin binding names. */
  groups?: string[];
}

/** The outcome of {@link ensureTokenFile}. */
export interface TokenFileState {
  /** True when this call created the file. */
  created: boolean;
  /** The admin's token, or undefined if the file has no line for the admin (someone removed it). */
  adminToken?: string;
}

/** The admin user Skiff creates on first start. */
export const ADMIN_USER = "skiff-admin";

/**
 * Parses token file text. Like kube-apiserver it needs at least three columns, skips lines with an empty
 * token and lets a later duplicate token win; `source` names the file in error messages.
 *
 * @example
 * ```ts
 * parseTokenFile('s3cret,alice,1001,"dev,ops"\n');
 * // [{ token: "s3cret", username: "alice", uid: "1001", groups: ["dev", "ops"] }]
 * ```
 */
export function parseTokenFile(text: string, source = "token file"): TokenRecord[] {
  const records: TokenRecord[] = [];
  for (const { line, fields } of parseCsv(text)) {
    if (fields.length < 3) {
      throw new Error(
        `${source} line ${line}: needs at least 3 columns (token, user name, user uid), found ${fields.length}`,
      );
    }
    const [token, username, uid, groups = ""] = fields;
    if (token === "") continue;
    records.push({ token, username, uid, groups: groups.split(",").filter((g) => g !== "") });
  }
  return records;
}

/**
 * One token file line for a record.
 *
 * @example
 * ```ts
 * formatTokenRecord({ token: "t", username: "bob", uid: "", groups: ["a", "b"] }); // 't,bob,,"a,b"\n'
 * ```
 */
export function formatTokenRecord(record: TokenRecord): string {
  return formatCsvLine([record.token, record.username, record.uid, record.groups.join(",")]);
}

/**
 * Reads a token file and returns an authenticator for its tokens. The file is read once; like
 * kube-apiserver, edits take effect on the next start.
 *
 * @example
 * ```ts
 * const tokens = await loadTokenFile(".skiff/tokens.csv");
 * const user = await tokens.authenticate(request); // null unless "Authorization: Bearer <known token>"
 * ```
 */
export async function loadTokenFile(path: string): Promise<TokenAuthenticator> {
  return await createTokenAuthenticator(parseTokenFile(await Deno.readTextFile(path), path));
}

/**
 * Creates the token file with one admin token (32 random bytes, base64url) when it does not exist, and
 * returns the admin's token either way. An existing file is never rewritten, so a removed admin line
 * stays removed.
 *
 * @example
 * ```ts
 * const { adminToken } = await ensureTokenFile(".skiff/tokens.csv");
 * ```
 */
export async function ensureTokenFile(
  path: string,
  options: AdminTokenOptions = {},
): Promise<TokenFileState> {
  const username = options.username ?? ADMIN_USER;
  const existing = await readTextIfExists(path);
  if (existing !== undefined) {
    const admin = parseTokenFile(existing, path).find((r) => r.username === username);
    return { created: false, adminToken: admin?.token };
  }
  const record = {
    token: generateToken(),
    username,
    uid: crypto.randomUUID(),
    groups: options.groups ?? [SYSTEM_MASTERS],
  };
  await writeFileAtomic(path, formatTokenRecord(record), 0o600);
  return { created: true, adminToken: record.token };
}

/**
 * A new random bearer token: 32 bytes, base64url without padding (43 characters).
 *
 * @example
 * ```ts
 * generateToken(); // "q3v…", 43 characters of [A-Za-z0-9_-]
 * ```
 */
export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
