import { Link } from '@remix-run/react';
import { ProgressBar } from '~/components/ProgressBar';
import { ENROLLMENT_STATUS_LABEL, formatDate } from '~/lib/format';
import type { EnrollmentStatus } from '~/lib/types';

export interface EnrollmentRowView {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  enrolledAt: string;
  currentWeek: number;
  behindSchedule: boolean;
  cohortName: string;
  trainee: { name: string; email: string; employeeId: string | null };
  certificate: { code: string; issuedAt: string; revokedAt: string | null; expired: boolean; valid: boolean } | null;
}

const ICON: Record<EnrollmentStatus, string> = { ACTIVE: '◐', COMPLETED: '○', CERTIFIED: '✓', WITHDRAWN: '⊘' };

/** An enrollment status as a mark plus words (never colour alone). */
export function EnrollmentStatusTag({ status }: { status: EnrollmentStatus }) {
  return (
    <span className={`hr-status hr-status--${status.toLowerCase()}`}>
      <span aria-hidden="true">{ICON[status]} </span>
      {ENROLLMENT_STATUS_LABEL[status] ?? status}
    </span>
  );
}

/** The certificate's state in words: valid, expired or revoked. */
export function certificateState(c: { revokedAt: string | null; expired: boolean; valid: boolean }): 'valid' | 'expired' | 'revoked' {
  return c.revokedAt ? 'revoked' : c.expired || !c.valid ? 'expired' : 'valid';
}

/** The filtered enrollments, one per row, each name linking to the trainee's page. Dates in UTC, as in the CSV. */
export function EnrollmentTable({ rows, caption }: { rows: EnrollmentRowView[]; caption: string }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="enrollments-caption" tabIndex={0}>
      <table className="hr-table">
        <caption id="enrollments-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Trainee</th>
            <th scope="col">Employee ID</th>
            <th scope="col">Cohort, enrolled</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Week</th>
            <th scope="col">Certified on</th>
            <th scope="col">Certificate code</th>
            <th scope="col">Schedule</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const state = e.certificate ? certificateState(e.certificate) : null;
            return (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/hr/enrollments/${encodeURIComponent(e.id)}`}>{e.trainee.name}</Link>
                </th>
                <td>{e.trainee.employeeId ?? <span className="muted">none</span>}</td>
                <td className="hr-cohort-cell">
                  {e.cohortName}
                  <span className="block small muted">
                    enrolled <time dateTime={e.enrolledAt}>{formatDate(e.enrolledAt)}</time>
                  </span>
                </td>
                <td>
                  <EnrollmentStatusTag status={e.status} />
                </td>
                <td className="cell-progress">
                  <ProgressBar value={e.percentComplete} label={`Progress of ${e.trainee.name}`} size="small" />
                </td>
                <td className="nowrap">Week {e.currentWeek}</td>
                <td className="nowrap">
                  {e.certificate ? (
                    <time dateTime={e.certificate.issuedAt}>{formatDate(e.certificate.issuedAt)}</time>
                  ) : (
                    <span className="muted">
                      —<span className="visually-hidden">not certified</span>
                    </span>
                  )}
                </td>
                <td>
                  {e.certificate ? (
                    <>
                      <code>{e.certificate.code}</code>
                      {state !== 'valid' ? (
                        <span className="block small hr-cert-state">
                          <span aria-hidden="true">✗ </span>
                          {state === 'revoked' ? 'Revoked' : 'Expired'}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">
                      —<span className="visually-hidden">no certificate</span>
                    </span>
                  )}
                </td>
                <td>
                  {e.status === 'WITHDRAWN' ? (
                    <span className="muted">
                      —<span className="visually-hidden">not applicable, withdrawn</span>
                    </span>
                  ) : e.status !== 'ACTIVE' ? (
                    <span className="muted">Finished</span>
                  ) : e.behindSchedule ? (
                    <span className="flag flag--behind">
                      <span aria-hidden="true">⚠ </span>Behind schedule
                    </span>
                  ) : (
                    'On schedule'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
