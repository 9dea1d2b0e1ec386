import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireRole } from '~/lib/session.server';
import { TEMPLATE_CSV } from './admin.import.server';

// A resource route: the import's header row and two example rows, to fill in and upload.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  return new Response(`${TEMPLATE_CSV}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="baton-users-template.csv"',
      'Cache-Control': 'no-store',
    },
  });
}
