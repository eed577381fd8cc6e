/**
 * The subset of Go's encoding/csv that kube-apiserver's token file reader uses: comma separated, quoted
 * fields with "" for a quote, leading spaces trimmed (TrimLeadingSpace), blank lines skipped, any number
 * of fields per record.
 *
 * @module
 */

/** One record and the line it starts on (1-based), for error messages. */
export type CsvRecord = { line: number; fields: string[] };

/** Parses CSV text; throws with the line number on a stray or unterminated quote. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = 0, line = 1;
  while (i < text.length) {
    const start = line;
    // Blank lines are skipped entirely, as Go does.
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n")) {
      i += text[i] === "\r" ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      while (text[i] === " " || text[i] === "\t") i++;
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new SyntaxError(`line ${start}: unterminated quoted field`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === "\n") line++;
          field += text[i++];
        }
        if (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new SyntaxError(`line ${line}: unexpected text after a quoted field`);
        }
      } else {
        while (
          i < text.length && text[i] !== "," && text[i] !== "\n" &&
          !(text[i] === "\r" && text[i + 1] === "\n")
        ) {
          if (text[i] === '"') throw new SyntaxError(`line ${line}: bare " in an unquoted field`);
          field += text[i++];
        }
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    records.push({ line: start, fields });
  }
  return records;
}

/** One CSV line (with trailing newline), quoting fields the way Go's csv.Writer does. */
export function formatCsvLine(fields: string[]): string {
  return fields.map((f) => /[",\r\n]|^[ \t]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f).join(",") + "\n";
}
