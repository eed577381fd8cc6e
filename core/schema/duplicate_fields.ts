/**
 * Duplicate keys in a JSON request body. Kubernetes' JSON decoder (sigs.k8s.io/json) records each
 * repeated key as a strict error, `duplicate field "spec.replicas"`, which fieldValidation=Strict refuses
 * and Warn reports; JSON.parse silently keeps the last value, so the raw text has to be scanned.
 *
 * @module
 */

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const SCALAR_END = new Set([",", "}", "]", " ", "\t", "\n", "\r"]);

/**
 * The paths of keys repeated within one object of `json`, each once, in the order they occur, in the
 * decoder's form ("spec.replicas", "spec.containers[0].name"). Text that is not valid JSON yields the
 * duplicates found before the error; parsing errors are the JSON parser's to report.
 *
 * @example
 * ```ts
 * import { duplicateFields } from "./duplicate_fields.ts";
 * duplicateFields('{"spec": {"replicas": 1, "replicas": 2}}'); // ["spec.replicas"]
 * ```
 */
export function duplicateFields(json: string): string[] {
  const out: string[] = [];
  const reported = new Set<string>();
  let i = 0;

  const skipSpace = () => {
    while (i < json.length && WHITESPACE.has(json[i])) i++;
  };
  const readString = (): string => {
    const start = i++;
    let escaped = false;
    while (i < json.length && json[i] !== '"') {
      if (json[i] === "\\") {
        escaped = true;
        i++;
      }
      i++;
    }
    i++;
    const raw = json.slice(start + 1, i - 1);
    return escaped ? JSON.parse(json.slice(start, i)) : raw;
  };
  const value = (path: string): void => {
    skipSpace();
    const c = json[i];
    if (c === "{") {
      i++;
      skipSpace();
      if (json[i] === "}") {
        i++;
        return;
      }
      const keys = new Set<string>();
      while (i < json.length) {
        skipSpace();
        if (json[i] !== '"') throw new SyntaxError("expected a key");
        const key = readString();
        skipSpace();
        i++; // the colon
        const p = path ? `${path}.${key}` : key;
        if (!keys.has(key)) keys.add(key);
        else if (!reported.has(p)) {
          reported.add(p);
          out.push(p);
        }
        value(p);
        skipSpace();
        if (json[i++] !== ",") return;
      }
    } else if (c === "[") {
      i++;
      skipSpace();
      if (json[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; i < json.length; n++) {
        value(`${path}[${n}]`);
        skipSpace();
        if (json[i++] !== ",") return;
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < json.length && !SCALAR_END.has(json[i])) i++;
    }
  };

  try {
    value("");
  } catch {
    // Malformed JSON: keep what was found; the parser reports the syntax error itself.
  }
  return out;
}
