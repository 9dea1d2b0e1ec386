import type { EnrollmentStatus } from '~/lib/types';

// The HR list's filters, shared by the page (links that keep them) and its loader (which checks
// them). `cohort`, `status`, `from` and `to` are the export's own parameters (CONTRACT.md,
// "Exports"); `q` (search) narrows the list only, the exports have no such parameter.

export const HR_STATUSES: readonly EnrollmentStatus[] = ['ACTIVE', 'COMPLETED', 'CERTIFIED', 'WITHDRAWN'];

export type HrFilterName = 'cohort' | 'status' | 'from' | 'to' | 'q';

export interface HrFilters {
  cohort: string;
  status: EnrollmentStatus | '';
  /** YYYY-MM-DD, a UTC day, inclusive. */
  from: string;
  /** YYYY-MM-DD, a UTC day, inclusive. */
  to: string;
  q: string;
}

export const NO_FILTERS: HrFilters = { cohort: '', status: '', from: '', to: '', q: '' };

/** The parameters the API's exports understand, in the order they are written. */
export const EXPORT_PARAMS = ['cohort', 'status', 'from', 'to'] as const;

function queryOf(filters: HrFilters, names: readonly HrFilterName[]): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = filters[name].trim();
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `?cohort=…&status=…&from=…&to=…` (only those set), or '' : what the downloads carry. */
export function exportQuery(filters: HrFilters): string {
  return queryOf(filters, [...EXPORT_PARAMS, 'q']);
}

/** Every filter that is set, search included: a link back to the same list. */
export function listQuery(filters: HrFilters): string {
  return queryOf(filters, [...EXPORT_PARAMS, 'q']);
}

export function hasAnyFilter(filters: HrFilters): boolean {
  return Object.values(filters).some((v) => v.trim() !== '');
}
