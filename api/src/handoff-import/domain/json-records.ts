// Splits a JSON body into records as it streams in, so a file of any length is read with memory
// for one record at a time. Accepted shapes:
//  - a JSON array of objects: [ {...}, {...} ]
//  - JSON Lines / NDJSON: one object per line (objects separated by any whitespace, so a
//    pretty-printed object per record works too).
// The splitter only finds where each object starts and ends (counting braces outside strings) and
// the line it starts on; JSON.parse reads each one. A record that is not valid JSON is a problem of
// that record; a broken structure around the records (no closing bracket, text between records)
// stops the reading.

export type JsonRecordEvent =
  | { line: number; value: unknown }
  | { line: number; problem: string; fatal: boolean };

const enum Mode {
  Start,
  /** In an array, before an element (after "[" or ","). */
  ArrayValue,
  /** In an array, after an element: "," or "]". */
  ArrayNext,
  /** After the array's "]": only whitespace. */
  Done,
  /** Between objects of a sequence (JSON Lines). */
  Sequence,
  /** Inside an object. */
  Object,
  Failed,
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const BOM = 0xfeff;

export class JsonRecordSplitter {
  private mode = Mode.Start;
  private inArray = false;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private size = 0;
  private startLine = 1;
  private seenElement = false;

  /** @param maxRecordChars a record longer than this stops the reading (memory stays bounded). */
  constructor(private readonly maxRecordChars = 1_000_000) {}

  push(chunk: string): JsonRecordEvent[] {
    const out: JsonRecordEvent[] = [];
    if (this.mode === Mode.Failed) return out;
    let segmentStart = this.mode === Mode.Object ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.mode === Mode.Object) {
        if (c === LF) this.line++;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
        } else if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--this.depth === 0) {
            this.parts.push(chunk.slice(segmentStart, i + 1));
            out.push(this.finishRecord());
            segmentStart = -1;
            this.mode = this.inArray ? Mode.ArrayNext : Mode.Sequence;
          }
        }
        continue;
      }
      if (c === LF) {
        this.line++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR || (c === BOM && this.mode === Mode.Start)) continue;
      switch (this.mode) {
        case Mode.Start:
          if (c === OPEN_BRACKET) {
            this.inArray = true;
            this.mode = Mode.ArrayValue;
            continue;
          }
          if (c === OPEN_BRACE) break;
          return this.fail(out, 'the body must be a JSON array of handoffs, or one JSON object per line (JSON Lines)');
        case Mode.ArrayValue:
          if (c === OPEN_BRACE) break;
          if (c === CLOSE_BRACKET && !this.seenElement) {
            this.mode = Mode.Done;
            continue;
          }
          if (c === CLOSE_BRACKET) return this.fail(out, 'a "," must be followed by another object (no trailing comma)');
          return this.fail(out, 'each element of the array must be an object {…}');
        case Mode.ArrayNext:
          if (c === COMMA) {
            this.mode = Mode.ArrayValue;
            continue;
          }
          if (c === CLOSE_BRACKET) {
            this.mode = Mode.Done;
            continue;
          }
          return this.fail(out, 'expected "," or "]" after an element of the array');
        case Mode.Sequence:
          if (c === OPEN_BRACE) break;
          return this.fail(out, 'expected the next object {…} (one JSON object per line)');
        case Mode.Done:
          return this.fail(out, 'unexpected text after the closing "]" of the array');
      }
      // c opens an object
      this.mode = Mode.Object;
      this.seenElement = true;
      this.depth = 1;
      this.inString = false;
      this.escaped = false;
      this.parts = [];
      this.size = 0;
      this.startLine = this.line;
      segmentStart = i;
    }
    if (this.mode === Mode.Object && segmentStart >= 0) {
      const rest = chunk.slice(segmentStart);
      this.size += rest.length;
      if (this.size > this.maxRecordChars) {
        this.line = this.startLine;
        return this.fail(out, `the record is longer than ${this.maxRecordChars.toLocaleString('en-US')} characters`);
      }
      this.parts.push(rest);
    }
    return out;
  }

  end(): JsonRecordEvent[] {
    const out: JsonRecordEvent[] = [];
    switch (this.mode) {
      case Mode.Object:
        this.line = this.startLine;
        return this.fail(out, 'the object starting on this line is not closed');
      case Mode.ArrayValue:
      case Mode.ArrayNext:
        return this.fail(out, 'the JSON array is not closed with "]"');
      default:
        return out;
    }
  }

  private finishRecord(): JsonRecordEvent {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    try {
      return { line: this.startLine, value: JSON.parse(text) };
    } catch (e) {
      return { line: this.startLine, problem: `not valid JSON (${(e as Error).message})`, fatal: false };
    }
  }

  private fail(out: JsonRecordEvent[], problem: string): JsonRecordEvent[] {
    this.mode = Mode.Failed;
    out.push({ line: this.line, problem, fatal: true });
    return out;
  }
}

/** The records of a stream of text chunks, with the line each starts on. */
export async function* jsonRecords(chunks: AsyncIterable<string>, maxRecordChars?: number): AsyncGenerator<JsonRecordEvent> {
  const splitter = new JsonRecordSplitter(maxRecordChars);
  for await (const chunk of chunks) {
    for (const event of splitter.push(chunk)) {
      yield event;
      if ('fatal' in event && event.fatal) return;
    }
  }
  yield* splitter.end();
}
