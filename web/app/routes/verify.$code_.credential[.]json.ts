import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyCertificateFile } from './verify.$code.server';

// GET /verify/:code/credential.json : the Open Badges 3.0 credential (public), streamed from the API.
export function loader({ request, params }: LoaderFunctionArgs) {
  return proxyCertificateFile(request, params.code, 'credential.json');
}
