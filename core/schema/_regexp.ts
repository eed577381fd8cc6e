/**
 * Go (RE2) patterns as JavaScript regular expressions. CRD patterns are written for Go's regexp package;
 * the common syntax is the same, and the few differences that occur in real schemas (leading inline
 * flags, \A and \z, (?P<name>…), POSIX classes, one-letter \pL classes) are translated. Compiled
 * patterns are cached by source, so a pattern compiles once per process.
 *
 * @module
 */

const cache = new Map<string, RegExp | { error: string }>();

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|\/-]/.test(ch) ? "\\" + ch : ch;
}

/** Rewrites the Go-only syntax, escape by escape, so an escaped backslash is never misread. */
function translate(pattern: string): { source: string; flags: string } {
  let flags = "";
  let i = 0;
  const inline = /^\(\?([imsU]+)\)/.exec(pattern);
  if (inline) {
    for (const f of inline[1]) {
      if (f === "U") throw new SyntaxError("ungreedy mode is not supported");
      if (!flags.includes(f)) flags += f;
    }
    i = inline[0].length;
  }
  let out = "";
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (next === "A" && !inClass) out += "^";
      else if (next === "z" && !inClass) out += "$(?![\\s\\S])";
      else if ((next === "p" || next === "P") && /[A-Z]/.test(pattern[i + 2] ?? "")) {
        out += `\\${next}{${pattern[i + 2]}}`;
        i++;
      } else if (next === "Q") {
        // \Q…\E quotes everything in between.
        const end = pattern.indexOf("\\E", i + 2);
        const literal = pattern.slice(i + 2, end < 0 ? pattern.length : end);
        out += [...literal].map(escapeLiteral).join("");
        i = end < 0 ? pattern.length : end + 2;
        continue;
      } else out += c + next;
      i += 2;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix && Object.hasOwn(POSIX, posix[2]) && !posix[1]) {
        out += POSIX[posix[2]];
        i += posix[0].length;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      // A "]" right after "[" or "[^" is a literal in Go; JavaScript needs it escaped.
      if (pattern[i] === "^") out += pattern[i++];
      if (pattern[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (pattern.startsWith("(?P<", i)) {
      out += "(?<";
      i += 4;
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags };
}

/**
 * The JavaScript form of a Go regular expression, or the error Kubernetes would report for it.
 *
 * @example
 * ```ts
 * import { goRegExp } from "./_regexp.ts";
 * (goRegExp("(?i)^abc$") as RegExp).test("ABC"); // true
 * ```
 */
export function goRegExp(pattern: string): RegExp | { error: string } {
  let compiled = cache.get(pattern);
  if (compiled) return compiled;
  try {
    const { source, flags } = translate(pattern);
    try {
      compiled = new RegExp(source, flags + "u");
    } catch {
      // Go accepts escapes of any punctuation; JavaScript's unicode mode does not, so retry without it.
      compiled = new RegExp(source, flags);
    }
  } catch (e) {
    compiled = { error: `error parsing regexp: ${e instanceof Error ? e.message : String(e)}` };
  }
  cache.set(pattern, compiled);
  return compiled;
}
