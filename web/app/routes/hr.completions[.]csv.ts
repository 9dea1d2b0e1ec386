import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyExport } from './hr.exports.server';

// GET /hr/completions.csv?cohort=&status=&from=&to= : the API's completions export, streamed
// through with the session's token. One row per enrollment, the contract's columns.
export function loader({ request }: LoaderFunctionArgs) {
  return proxyExport(request, {
    path: '/exports/completions.csv',
    accept: 'text/csv',
    contentType: 'text/csv; charset=utf-8',
    disposition: 'attachment; filename="completions.csv"',
    what: 'the completions export',
    filters: true,
  });
}
