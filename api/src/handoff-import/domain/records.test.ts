import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords, jsonSourceRecords, type SourceEvent } from './records.js';

async function all(source: AsyncIterable<SourceEvent>) {
  const out: SourceEvent[] = [];
  for await (const e of source) out.push(e);
  return out;
}
const stream = (text: string, chunk = 5) => Readable.from(Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) => Buffer.from(text.slice(i * chunk, i * chunk + chunk))));

const HEADER = 'conversation_id,agent_email,handed_off_at,first_response_at,resolved,Tags';

describe('CSV records', () => {
  it('gives each row its fields and the line it starts on, across multi-line cells and CRLF', async () => {
    const csv = `${HEADER}\r\nc1,a@x.example,t1,t2,yes,vip\r\n\r\n"c2","a@x.example","multi\r\nline",t2,no,\r\n,,,,,\r\nc3,a@x.example,t1,t2,1,x\r\n`;
    const events = await all(csvRecords(stream(csv)));
    expect(events).toEqual([
      { kind: 'ignored', names: ['Tags'] },
      { kind: 'record', line: 2, fields: { conversation_id: 'c1', agent_email: 'a@x.example', handed_off_at: 't1', first_response_at: 't2', resolved: 'yes' } },
      { kind: 'record', line: 4, fields: { conversation_id: 'c2', agent_email: 'a@x.example', handed_off_at: 'multi\r\nline', first_response_at: 't2', resolved: 'no' } },
      { kind: 'record', line: 7, fields: { conversation_id: 'c3', agent_email: 'a@x.example', handed_off_at: 't1', first_response_at: 't2', resolved: '1' } },
    ]);
  });

  it('reports a row with the wrong number of cells and goes on', async () => {
    const events = await all(csvRecords(stream(`${HEADER}\nc1,a@x.example,t1\nc2,a@x.example,t1,t2,no,\n`)));
    expect(events[1]).toEqual({ kind: 'problem', line: 2, problem: 'expected 6 cells like the header row, found 3', fatal: false });
    expect(events[2]).toMatchObject({ kind: 'record', line: 3 });
  });

  it('stops at a missing header column or an unclosed quote', async () => {
    expect(await all(csvRecords(stream('id,email\n1,2\n')))).toEqual([
      { kind: 'ignored', names: ['id', 'email'] },
      expect.objectContaining({ kind: 'problem', line: 1, fatal: true }),
    ]);
    const events = await all(csvRecords(stream(`${HEADER}\nc1,a@x.example,t1,t2,yes,\n"c2,a@x.example\n`)));
    expect(events).toEqual([
      { kind: 'ignored', names: ['Tags'] },
      expect.objectContaining({ kind: 'record', line: 2 }),
      { kind: 'problem', line: 3, problem: 'the CSV cannot be read from here: a quoted cell is never closed', fatal: true },
    ]);
  });
});

describe('JSON records', () => {
  it('reads objects and reports other values', async () => {
    const events = await all(jsonSourceRecords(stream('[{"conversation_id":"c1"},\n"text"]', 3)));
    expect(events).toEqual([
      { kind: 'record', line: 1, fields: { conversation_id: 'c1' } },
      { kind: 'problem', line: 2, problem: 'each element of the array must be an object {…}', fatal: true },
    ]);
    const lines = await all(jsonSourceRecords(stream('{"a":"é"}\n[1]\n', 1)));
    expect(lines[0]).toEqual({ kind: 'record', line: 1, fields: { a: 'é' } });
    expect(lines[1]).toMatchObject({ kind: 'problem', line: 2, fatal: true });
  });
});
