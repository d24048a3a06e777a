/**
 * CSV as RFC 4180 writes it (commas, double quotes doubled inside quoted fields, CRLF or LF line ends), for the user
 * import and its error report. Parsing stops at `maxRows` records so a huge paste costs no more than that.
 */
import { fail, type Outcome, succeed } from "./outcome.js";

export type CsvProblem = "unclosed_quote" | "too_many_rows";

/** The records of `text` (a trailing line end makes no empty record); "too_many_rows" past `maxRows`. */
export function parseCsv(text: string, maxRows: number): Outcome<string[][], CsvProblem> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let index = text.startsWith("\uFEFF") ? 1 : 0;
  const endRow = (): boolean => {
    row.push(field);
    field = "";
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    return rows.length > maxRows;
  };
  for (; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (quoted) {
      if (character !== '"') field += character;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (character === '"' && field === "") quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && text[index + 1] === "\n") index += 1;
      if (endRow()) return fail("too_many_rows");
    } else field += character;
  }
  if (quoted) return fail("unclosed_quote");
  if ((field !== "" || row.length > 0) && endRow()) return fail("too_many_rows");
  return succeed(rows);
}

/** One CSV line (no line end): fields quoted when they hold a comma, quote or line end, or could start a formula. */
export function csvLine(values: readonly (string | number)[]): string {
  return values
    .map((value) => {
      const text = String(value);
      // A leading = + - @ is read as a formula by spreadsheets (CSV injection): quote it and prefix an apostrophe.
      const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(",");
}
