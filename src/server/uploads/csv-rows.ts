/**
 * CSV (RFC 4180, as Excel and WPS save it) read record by record with the record's number — blank records included,
 * so that a problem's row is the row the user sees when the file is opened in Excel. Quoted fields may hold commas,
 * quotes ("") and line breaks; CRLF, LF and CR all end a record.
 *
 * Why not uDSV (the anchor): it infers a fixed column count and silently drops blank lines and records with
 * fewer fields, which would shift every row number after them and lose rows without a word — an all-or-nothing
 * import must see every record. This loop reads about as fast for files of this shape (see docs/benchmarks.md).
 */
export class CsvProblem extends Error {
  readonly row: number;
  constructor(row: number, message: string) {
    super(message);
    this.row = row;
  }
}

/**
 * Calls `onRecord(cells, row)` for every record of `text` (row 1 is the first). A quote left open at the end is a
 * `CsvProblem` naming the row where the field began.
 *
 * @example readCsv('a,b\n"x,1",""""\n', (cells, row) => …) // → (['a', 'b'], 1), (['x,1', '"'], 2)
 */
export function readCsv(text: string, onRecord: (cells: string[], row: number) => void): number {
  return readCsvPart(text, { at: 0, row: 0 }, Infinity, onRecord).row;
}

/**
 * {@link readCsv} a slice at a time: reads up to `limit` records from `from` and answers where to go on, so that a
 * long file can be read between turns of the event loop (progress, cancellation) without blocking the server.
 */
export function readCsvPart(
  text: string,
  from: { at: number; row: number },
  limit: number,
  onRecord: (cells: string[], row: number) => void,
): { at: number; row: number; done: boolean } {
  const n = text.length;
  let i = from.at;
  let row = from.row;
  const last = row + limit;
  while (i < n && row < last) {
    row++;
    const cells: string[] = [];
    let start = i;
    for (;;) {
      if (i < n && text.charCodeAt(i) === 34) {
        // A quoted field: up to the closing quote, "" standing for one quote.
        const openedAt = row;
        let value = '';
        i++;
        let from = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvProblem(openedAt, 'unclosed quote');
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            i = q + 2;
            from = i;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Characters between the closing quote and the delimiter are kept, as Excel does.
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 44 || c === 10 || c === 13) break;
          end++;
        }
        value += text.slice(i, end);
        i = end;
        cells.push(value);
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 44 || c === 10 || c === 13) break;
          end++;
        }
        cells.push(text.slice(start, end));
        i = end;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === 44) {
        start = i;
        continue;
      }
      if (c === 13 && text.charCodeAt(i) === 10) i++;
      break;
    }
    onRecord(cells, row);
  }
  return { at: i, row, done: i >= n };
}
