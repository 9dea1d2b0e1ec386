// A small RFC 4180 reader that knows on which line each record starts, pure.
//
// Written here rather than taken from csv-parse because the import reports problems by line, and
// csv-parse counts a CRLF inside a quoted cell as two lines. Accepted: comma separator, cells in
// double quotes (with "" for a quote, and line breaks inside), CRLF, LF or CR line ends, a UTF-8
// byte-order mark, a missing final line end. Blank lines are skipped. Anything else a spreadsheet
// would misread (a quote inside an unquoted cell, text after a closing quote) is a problem of
// that line; a quote that is never closed ends the reading.

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvReading {
  records: CsvRecord[];
  problems: CsvProblem[];
}

export function readCsv(input: string): CsvReading {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  /** Consumes one line end at i (CRLF, LF or CR), if there is one. */
  const lineEnd = (): boolean => {
    if (text[i] === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
      line++;
      return true;
    }
    if (text[i] === '\n') {
      i++;
      line++;
      return true;
    }
    return false;
  };
  /** After a problem: drop the rest of the physical line. */
  const skipLine = () => {
    while (i < n && text[i] !== '\r' && text[i] !== '\n') i++;
    lineEnd();
  };

  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let quotedAny = false;
    let failed: string | null = null;

    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        quotedAny = true;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            // A line break inside quotes belongs to the cell; it is kept as LF.
            lineEnd();
            cell += '\n';
            continue;
          }
          cell += c;
          i++;
        }
        if (!closed) {
          problems.push({ line: start, reason: 'a quoted cell starts here and its closing quote is missing, so the rest of the file cannot be read' });
          return { records, problems };
        }
        if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          failed = 'text follows a closing quote; a quoted cell must end right before the next comma or the line end';
        }
      } else {
        const from = i;
        while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') i++;
        cell = text.slice(from, i);
        if (cell.includes('"')) {
          failed = 'a double quote inside an unquoted cell; put the whole cell in double quotes and write the quote twice ("")';
        }
      }
      if (failed) break;
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      lineEnd();
      break;
    }

    if (failed) {
      problems.push({ line: start, reason: failed });
      skipLine();
      continue;
    }
    // A blank line reads as one empty, unquoted cell: skip it.
    if (cells.length === 1 && cells[0] === '' && !quotedAny) continue;
    records.push({ line: start, cells });
  }
  return { records, problems };
}
