import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

const cells = (text: string) => readCsv(text).records.map((r) => r.cells);
const lines = (text: string) => readCsv(text).records.map((r) => r.line);

describe('readCsv (RFC 4180)', () => {
  it('reads plain rows with LF, CRLF or CR line ends, with or without a final line end', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(cells(`a,b,c${eol}1,2,3${eol}`)).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
      expect(cells(`a,b,c${eol}1,2,3`)).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    }
  });

  it('reads quoted cells: commas, doubled quotes and line breaks inside, empty quoted cells', () => {
    expect(cells('name,note\n"Okafor, Maya","said ""hi"""\n"",x\n')).toEqual([
      ['name', 'note'],
      ['Okafor, Maya', 'said "hi"'],
      ['', 'x'],
    ]);
    expect(cells('a,b\n"two\r\nlines",x\n')).toEqual([['a', 'b'], ['two\nlines', 'x']]);
  });

  it('keeps empty cells, strips a byte-order mark and keeps spaces for the caller to trim', () => {
    expect(cells('\uFEFFa,b,c\n,, x \n')).toEqual([['a', 'b', 'c'], ['', '', ' x ']]);
    expect(cells('a\n""\n')).toEqual([['a'], ['']]);
  });

  it('skips blank lines and numbers each record by the line it starts on', () => {
    const text = 'h1,h2\r\n\r\n"multi\r\nline",1\r\n\r\n\r\nlast,2\r\n';
    expect(cells(text)).toEqual([['h1', 'h2'], ['multi\nline', '1'], ['last', '2']]);
    expect(lines(text)).toEqual([1, 3, 7]);
    expect(lines('a\n"x\ny\nz"\nb\n')).toEqual([1, 2, 5]);
  });

  it('reports a quote inside an unquoted cell and text after a closing quote on their line, and goes on', () => {
    const r = readCsv('a,b\n1,x"y\n2,"q"z\n3,ok\n');
    expect(r.records.map((x) => x.cells)).toEqual([['a', 'b'], ['3', 'ok']]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(r.problems[0].reason).toMatch(/double quote inside an unquoted cell/);
    expect(r.problems[1].reason).toMatch(/text follows a closing quote/);
  });

  it('stops at a quote that is never closed, naming the line it opened on', () => {
    const r = readCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(r.records.map((x) => x.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(r.problems).toEqual([{ line: 3, reason: expect.stringMatching(/closing quote is missing/) }]);
  });

  it('reads what csv-parse reads for well-formed files', () => {
    const samples = [
      'email,name\nana@x.test,Ana\n',
      'a,b,c\n"1,1","2""2","3\n3"\n,,\nx,y,z',
      'h\n"only"\n""\n',
      'ü,é\n"Zoë ""Z"" Ünal",日本\n',
    ];
    for (const text of samples) {
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
      expect(cells(text)).toEqual(expected);
    }
  });

  it('reads an empty input as no records', () => {
    expect(readCsv('')).toEqual({ records: [], problems: [] });
    expect(readCsv('\n\n')).toEqual({ records: [], problems: [] });
  });
});
