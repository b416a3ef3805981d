/** A sheet read into plain text cells, before anything knows what its columns mean. */
export interface Grid {
  name: string;
  /** Non-empty rows only, each with the row number the spreadsheet shows (1-based). */
  rows: { row: number; cells: string[] }[];
}

export const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CR/LF inside quotes. The delimiter is guessed from
 * the first line (Excel in a Vietnamese locale may save with ";").
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = guessDelimiter(body);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const count = (d: string) => firstLine.split(d).length - 1;
  return [",", ";", "\t"].reduce((best, d) => (count(d) > count(best) ? d : best), ",");
}

/** CSV text → one grid; line numbers as the spreadsheet would show them. */
export function csvGrid(name: string, text: string): Grid {
  return {
    name,
    rows: parseCsv(text)
      .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }))
      .filter((r) => !isBlank(r.cells)),
  };
}
