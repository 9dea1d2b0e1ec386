import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter, jsonRecords, type JsonRecordEvent } from './json-records.js';

/** Feeds the text in chunks of every size from 1 up, and checks each split gives the same events. */
function split(text: string, max?: number): JsonRecordEvent[] {
  let reference: JsonRecordEvent[] | null = null;
  for (const size of [1, 2, 3, 7, 64, text.length || 1]) {
    const s = new JsonRecordSplitter(max);
    const events: JsonRecordEvent[] = [];
    for (let i = 0; i < text.length; i += size) events.push(...s.push(text.slice(i, i + size)));
    events.push(...s.end());
    if (reference) expect(events).toEqual(reference);
    reference = events;
  }
  return reference!;
}

describe('splitting a JSON body into records', () => {
  it('reads an array, with the line each element starts on', () => {
    const text = '\uFEFF[\n  {"a": 1, "s": "}{]["},\n  {"b": {"c": [1, 2]},\n   "d": "x\\"}"}\n]\n';
    expect(split(text)).toEqual([
      { line: 2, value: { a: 1, s: '}{][' } },
      { line: 3, value: { b: { c: [1, 2] }, d: 'x"}' } },
    ]);
    expect(split('[]')).toEqual([]);
    expect(split('')).toEqual([]);
  });

  it('reads JSON Lines, skipping blank lines', () => {
    expect(split('{"a":1}\n\n{"a":2}\r\n{"a":\n3}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, value: { a: 3 } },
    ]);
  });

  it('reports a record that is not JSON and goes on', () => {
    const events = split('[{"a":1},\n{"a":},\n{"a":3}]');
    expect(events).toHaveLength(3);
    expect(events[1]).toMatchObject({ line: 2, fatal: false });
    expect((events[1] as { problem: string }).problem).toMatch(/^not valid JSON/);
    expect(events[2]).toEqual({ line: 3, value: { a: 3 } });
  });

  it('stops at a broken structure, naming the line', () => {
    expect(split('[{"a":1}\n{"a":2}]')).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, problem: 'expected "," or "]" after an element of the array', fatal: true }]);
    expect(split('[{"a":1},\n]')).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, problem: 'a "," must be followed by another object (no trailing comma)', fatal: true }]);
    expect(split('[1, 2]')).toEqual([{ line: 1, problem: 'each element of the array must be an object {…}', fatal: true }]);
    expect(split('[{"a":1}')).toEqual([{ line: 1, value: { a: 1 } }, { line: 1, problem: 'the JSON array is not closed with "]"', fatal: true }]);
    expect(split('{"a":1}\n{"a":\n')).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, problem: 'the object starting on this line is not closed', fatal: true }]);
    expect(split('[{"a":1}] x')).toEqual([{ line: 1, value: { a: 1 } }, { line: 1, problem: 'unexpected text after the closing "]" of the array', fatal: true }]);
    expect(split('a,b\n1,2')).toEqual([{ line: 1, problem: 'the body must be a JSON array of handoffs, or one JSON object per line (JSON Lines)', fatal: true }]);
  });

  it('refuses a record longer than the limit, so memory stays bounded', () => {
    const s = new JsonRecordSplitter(100);
    const events = [...s.push('[{"a":1},\n{"long": "'), ...s.push('x'.repeat(200)), ...s.push('"}]')];
    expect(events).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, problem: 'the record is longer than 100 characters', fatal: true }]);
  });

  it('streams: records come out while the input is still arriving', async () => {
    const seen: string[] = [];
    async function* chunks() {
      seen.push('chunk 1');
      yield '[{"n":1},';
      seen.push('chunk 2');
      yield '{"n":2}]';
    }
    for await (const e of jsonRecords(chunks())) seen.push(`record ${JSON.stringify((e as { value: unknown }).value)}`);
    expect(seen).toEqual(['chunk 1', 'record {"n":1}', 'chunk 2', 'record {"n":2}']);
  });
});
