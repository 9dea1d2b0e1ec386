import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyExport } from './hr.exports.server';

// GET /hr/xapi.json?cohort=&status=&from=&to= : the learning records as xAPI 1.0.3 statements
// (a JSON array), streamed through from the API with the session's token.
export function loader({ request }: LoaderFunctionArgs) {
  return proxyExport(request, {
    path: '/exports/xapi.json',
    accept: 'application/json',
    contentType: 'application/json; charset=utf-8',
    disposition: 'attachment; filename="xapi.json"',
    what: 'the xAPI export',
    filters: true,
  });
}
