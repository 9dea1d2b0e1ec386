import { describe, expect, it } from 'vitest';
import { parseBound, parseExportFilters } from './export-filters.js';

const COHORT = '0b7c6c5e-2f1a-4c3d-9e8f-1a2b3c4d5e6f';

describe('export filters', () => {
  it('reads every filter, normalising case', () => {
    const { filters, problems } = parseExportFilters({ cohort: COHORT.toUpperCase(), status: 'certified', from: '2026-03-01', to: '2026-03-31' });
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      cohortId: COHORT,
      status: 'CERTIFIED',
      enrolledFrom: new Date('2026-03-01T00:00:00Z'),
      enrolledBefore: new Date('2026-04-01T00:00:00Z'),
    });
  });

  it('treats absent and empty values as no filter, and ignores other parameters', () => {
    expect(parseExportFilters({})).toEqual({ filters: {}, problems: [] });
    expect(parseExportFilters({ cohort: '', status: ' ', page: '2' })).toEqual({ filters: {}, problems: [] });
  });

  it('keeps a date-time `to` inclusive as written and honours offsets', () => {
    const { filters } = parseExportFilters({ from: '2026-03-02T10:00:00+02:00', to: '2026-03-02T10:00:00.250Z' });
    expect(filters.enrolledFrom).toEqual(new Date('2026-03-02T08:00:00Z'));
    expect(filters.enrolledUntil).toEqual(new Date('2026-03-02T10:00:00.250Z'));
    expect(filters.enrolledBefore).toBeUndefined();
  });

  it('names the parameter of every bad value', () => {
    const { problems } = parseExportFilters({ cohort: 'abc', status: 'DONE', from: '2026-02-30', to: 'yesterday' });
    expect(problems.map((p) => p.parameter)).toEqual(['cohort', 'status', 'from', 'to']);
    for (const p of problems) expect(p.message).toContain(`"${p.parameter}"`);
    expect(problems[1].message).toMatch(/ACTIVE, COMPLETED, CERTIFIED, WITHDRAWN/);
  });

  it('refuses repeated parameters and a `to` before `from`', () => {
    expect(parseExportFilters({ status: ['ACTIVE', 'CERTIFIED'] }).problems[0].parameter).toBe('status');
    expect(parseExportFilters({ from: '2026-03-02', to: '2026-03-01' }).problems[0].parameter).toBe('to');
    expect(parseExportFilters({ from: '2026-03-02', to: '2026-03-02' }).problems).toEqual([]);
  });

  it('parses only real dates and times', () => {
    expect(parseBound('2028-02-29')).toEqual({ at: new Date('2028-02-29T00:00:00Z'), dateOnly: true });
    for (const bad of ['2026-02-29', '2026-1-01', '2026-03-02T24:00:00Z', '2026-03-02T10:60Z', '2026-03-02 10:00', '2026-03-02T10:00:00+25:00', '0099-01-01']) {
      expect(parseBound(bad), bad).toBeNull();
    }
    expect(parseBound('2026-03-02T10:00')).toEqual({ at: new Date('2026-03-02T10:00:00Z'), dateOnly: false });
  });
});
