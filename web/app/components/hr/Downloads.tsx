import { ENROLLMENT_STATUS_LABEL, formatCalendarDate } from '~/lib/format';
import { exportQuery, type HrFilters } from './filters';

/** The filters a download applies, in words. */
export function describeExportFilters(filters: HrFilters, cohortName: string | null): string {
  const parts: string[] = [];
  parts.push(cohortName ? `cohort ${cohortName}` : 'every cohort');
  parts.push(filters.status ? `status ${ENROLLMENT_STATUS_LABEL[filters.status]}` : 'any status');
  if (filters.from && filters.to) parts.push(`enrolled ${formatCalendarDate(filters.from)} to ${formatCalendarDate(filters.to)}`);
  else if (filters.from) parts.push(`enrolled on or after ${formatCalendarDate(filters.from)}`);
  else if (filters.to) parts.push(`enrolled on or before ${formatCalendarDate(filters.to)}`);
  if (filters.q) parts.push(`matching “${filters.q}”`);
  return parts.join(', ');
}

/** The CSV and xAPI downloads, carrying the list's filters, search included: the files hold the rows shown. */
export function Downloads({ filters, cohortName, shown }: { filters: HrFilters; cohortName: string | null; shown: number }) {
  const query = exportQuery(filters);
  const rows = `${shown} ${shown === 1 ? 'enrollment' : 'enrollments'}`;
  return (
    <>
      <p>
        For {describeExportFilters(filters, cohortName)}: <strong>{rows}</strong>. Dates in the files are ISO 8601, UTC.
      </p>
      <ul className="hr-downloads">
        <li>
          <a className="button" href={`/hr/completions.csv${query}`} download>
            Download CSV<span className="visually-hidden">, completions, {rows}</span>
          </a>
          <span className="hint">One row per enrollment, for spreadsheets and HR systems.</span>
        </li>
        <li>
          <a className="button hr-button--outline" href={`/hr/xapi.json${query}`} download>
            Download xAPI JSON<span className="visually-hidden">, learning records of {rows}</span>
          </a>
          <span className="hint">The learning records as xAPI 1.0.3 statements, for a learning record store.</span>
        </li>
      </ul>
    </>
  );
}
