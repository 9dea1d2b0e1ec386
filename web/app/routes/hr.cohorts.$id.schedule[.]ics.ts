import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyExport } from './hr.exports.server';

// GET /hr/cohorts/:id/schedule.ics : the cohort's weeks and planned sessions as iCalendar, from
// the API with the session's token (HR and ADMIN here; supervisors and trainees have their own pages).
export function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  return proxyExport(request, {
    path: `/cohorts/${encodeURIComponent(id)}/schedule.ics`,
    accept: 'text/calendar',
    contentType: 'text/calendar; charset=utf-8',
    disposition: `attachment; filename="baton-cohort-${id.toLowerCase().replace(/[^a-z0-9-]/g, '')}.ics"`,
    what: 'the cohort calendar',
    filters: false,
    cacheControl: 'private, no-cache',
  });
}
