// Reading one field of an imported handoff, pure. CSV cells arrive as strings; JSON values arrive
// typed (numbers, booleans, arrays) or as the same strings a CSV would hold. Each reader returns
// the value, or throws a FieldProblem whose message names what is wrong (the caller prefixes the
// column name and the line).

import type { HandoffMode } from '../../supervision/entities/handoff-review.entity.js';

export class FieldProblem extends Error {}

const fail = (message: string): never => {
  throw new FieldProblem(message);
};

/** Absent: undefined, null, or a string of blanks. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function readText(v: unknown, max: number): string {
  if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
  if (typeof v !== 'string') return fail('must be text');
  const s = v.trim();
  if (s.length > max) fail(`can be at most ${max.toLocaleString('en-US')} characters`);
  return s;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readEmail(v: unknown): string {
  const s = readText(v, 320).toLowerCase();
  if (!EMAIL.test(s)) fail(`"${clip(s)}" is not an email address`);
  return s;
}

// Date and time, seconds optional, any fraction, and a zone: Z, +hh, +hhmm or +hh:mm. A space may
// stand for the T. A time without a zone is refused: its meaning would depend on where the file
// was made.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

export function readTimestamp(v: unknown): Date {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? fail('is not a valid time') : v;
  if (typeof v !== 'string') return fail('must be an ISO 8601 time such as 2026-03-02T10:00:00Z');
  const s = v.trim();
  const m = TIMESTAMP.exec(s);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(s)) {
      return fail(`"${clip(s)}" has no time zone: add Z for UTC or an offset such as +01:00`);
    }
    return fail(`"${clip(s)}" is not an ISO 8601 time such as 2026-03-02T10:00:00Z`);
  }
  const [, y, mo, d, h, mi, sec = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return fail(`"${clip(s)}" is not a real date and time`);
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 18 || om > 59) return fail(`"${clip(s)}" has an impossible offset`);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12), as Date.UTC counts them (it reads the years 0–99 as 1900–1999). */
function daysIn(year: number, month: number): number {
  const y = year < 100 ? year + 1900 : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

export function readBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  return fail(`must be true or false (also yes/no or 1/0), got ${describe(v)}`);
}

export function readCount(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 10_000) return fail(`must be a whole number from 0 to 10,000, got ${describe(v)}`);
  return n;
}

export function readCsat(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.0+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    return fail(`must be a whole number from 1 to 5, or empty when the customer did not answer; got ${describe(v)}`);
  }
  return n;
}

export function readMode(v: unknown): HandoffMode {
  const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
  if (s === 'SOLO' || s === 'SUPERVISED') return s;
  return fail(`must be SOLO or SUPERVISED, got ${describe(v)}`);
}

export interface KnownFact {
  label: string;
  value: string;
}

export const MAX_FACTS = 50;

/**
 * The facts the AI collected: a JSON array of {label, value}, a JSON object {label: value}, or the
 * CSV-friendly `label=value; label=value` (use JSON when a value holds a semicolon).
 */
export function readFacts(v: unknown): KnownFact[] {
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[') || s.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        return fail('starts like JSON but is not valid JSON');
      }
      return readFacts(parsed);
    }
    const facts: KnownFact[] = [];
    for (const part of s.split(';')) {
      if (!part.trim()) continue;
      const eq = part.indexOf('=');
      if (eq < 0) fail(`"${clip(part.trim())}" is not label=value`);
      facts.push({ label: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
    }
    return checkFacts(facts);
  }
  if (Array.isArray(v)) {
    return checkFacts(
      v.map((f, i) => {
        if (f === null || typeof f !== 'object' || Array.isArray(f)) return fail(`fact ${i + 1} must be an object {label, value}`);
        const { label, value } = f as Record<string, unknown>;
        if (typeof label !== 'string') return fail(`fact ${i + 1} needs a text label`);
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          return fail(`fact ${i + 1} ("${clip(label)}") needs a text value`);
        }
        return { label: label.trim(), value: String(value).trim() };
      }),
    );
  }
  if (v !== null && typeof v === 'object') {
    return checkFacts(Object.entries(v).map(([label, value]) => ({ label: label.trim(), value: typeof value === 'string' ? value.trim() : JSON.stringify(value) })));
  }
  return fail('must be a JSON array of {label, value} or label=value; label=value');
}

function checkFacts(facts: KnownFact[]): KnownFact[] {
  if (facts.length > MAX_FACTS) fail(`can hold at most ${MAX_FACTS} facts, got ${facts.length}`);
  facts.forEach((f, i) => {
    if (!f.label) fail(`fact ${i + 1} has an empty label`);
    if (f.label.length > 200) fail(`fact ${i + 1} has a label longer than 200 characters`);
    if (f.value.length > 1000) fail(`fact ${i + 1} ("${clip(f.label)}") has a value longer than 1,000 characters`);
  });
  return facts;
}

export type Speaker = 'CUSTOMER' | 'AI' | 'AGENT';

export interface Turn {
  at: Date;
  speaker: Speaker;
  text: string;
}

export const MAX_TURNS = 2000;

/** The conversation: a JSON array (or JSON text of one) of {at, speaker, text}. */
export function readTranscript(v: unknown): Turn[] {
  if (typeof v === 'string') {
    const s = v.trim();
    if (!s.startsWith('[')) return fail('must be a JSON array of turns {at, speaker, text}');
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      return fail('is not valid JSON');
    }
    return readTranscript(parsed);
  }
  if (!Array.isArray(v)) return fail('must be a JSON array of turns {at, speaker, text}');
  if (v.length > MAX_TURNS) fail(`can hold at most ${MAX_TURNS} turns, got ${v.length}`);
  return v.map((t, i) => {
    const where = `turn ${i + 1}`;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) return fail(`${where} must be an object {at, speaker, text}`);
    const r = t as Record<string, unknown>;
    let at: Date;
    try {
      at = readTimestamp(r.at);
    } catch (e) {
      return fail(`${where}: at ${(e as Error).message}`);
    }
    const speaker = typeof r.speaker === 'string' ? r.speaker.trim().toUpperCase() : '';
    if (speaker !== 'CUSTOMER' && speaker !== 'AI' && speaker !== 'AGENT') {
      return fail(`${where}: speaker must be CUSTOMER, AI or AGENT, got ${describe(r.speaker)}`);
    }
    if (typeof r.text !== 'string') return fail(`${where}: text must be a string`);
    if (r.text.length > 20_000) return fail(`${where}: text can be at most 20,000 characters`);
    return { at, speaker, text: r.text };
  });
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
