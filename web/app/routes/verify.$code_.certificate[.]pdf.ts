import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyCertificateFile } from './verify.$code.server';

// GET /verify/:code/certificate.pdf : the printable certificate (public), streamed from the API.
export function loader({ request, params }: LoaderFunctionArgs) {
  return proxyCertificateFile(request, params.code, 'certificate.pdf');
}
