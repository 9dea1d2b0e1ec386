import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { csrfProtected } from '~/lib/csrf.server';
import { requireRole } from '~/lib/session.server';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, runImport, type ImportActionResult, type UserImportResult } from './admin.import.server';

export const meta: MetaFunction = () => [{ title: 'Import users · Administration · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  return { maxRows: MAX_IMPORT_ROWS, maxKiB: MAX_IMPORT_BYTES / 1024 };
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['ADMIN']);
  const result = await runImport(request, auth);
  const failed = result.kind === 'problem' || result.result.errors.length > 0;
  // The answer may carry initial passwords: no cache may keep it.
  return data(result, { status: failed ? 400 : 200, headers: { 'Cache-Control': 'no-store' } });
});

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function summary(r: UserImportResult): string {
  const parts = [
    `${r.dryRun ? 'create' : 'created'} ${plural(r.created, 'account')}`,
    `${r.dryRun ? 'update' : 'updated'} ${plural(r.updated, 'account')}`,
    `${r.dryRun ? 'leave' : 'left'} ${plural(r.unchanged, 'account')} unchanged`,
    `${r.dryRun ? 'make' : 'made'} ${plural(r.enrolled, 'enrolment')}`,
  ];
  if (r.supervisorsAssigned) parts.push(`${r.dryRun ? 'assign' : 'assigned'} ${plural(r.supervisorsAssigned, 'supervisor')} to a cohort`);
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export default function ImportUsers() {
  const { maxRows, maxKiB } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ImportActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null;
  const outcome = result?.kind === 'result' ? result.result : null;
  const pasted = result?.pasted ?? '';
  // A new key after each answer refills (or empties) the form from the answer.
  const formKey = result?.kind === 'result' ? `form-${result.at}` : 'form';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">Administration</Link> › Import users
      </p>
      <h1>Import users from a CSV file</h1>
      <p className="lead">Create or update many accounts at once and enrol trainees in their cohorts.</p>

      <section className="panel" aria-labelledby="file-heading">
        <h2 id="file-heading">The file</h2>
        <p>
          A CSV file in UTF-8 whose first row names the columns <code>email</code>, <code>name</code>, <code>employee_id</code>,{' '}
          <code>role</code> and <code>cohort</code>. <a href="/admin/import/template.csv" download>Download the template</a> to start from.
        </p>
        <ul>
          <li>
            <strong>role</strong> is TRAINEE, SUPERVISOR, HR or ADMIN.
          </li>
          <li>
            <strong>cohort</strong> is the cohort's name or id. Trainees need one and are enrolled in it; a supervisor with a cohort is
            assigned to it; HR and administrators leave it empty.
          </li>
          <li>
            <strong>employee_id</strong> is optional; an empty cell keeps the id an existing account has.
          </li>
          <li>
            An email that already has an account (in any letter case) updates that account's name, role and employee id; an existing
            enrolment in the cohort is left as it is. Importing the same file twice changes nothing the second time.
          </li>
          <li>
            If any row has a problem, nothing is imported: every problem is listed with its line so you can fix the file. At most{' '}
            {maxRows.toLocaleString('en')} rows and {maxKiB} KiB per file.
          </li>
        </ul>

        <Form method="post" encType="multipart/form-data" className="form" key={formKey}>
          <CsrfField />
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className="field field--full">
            <label htmlFor="import-csv">Or paste the rows, header row first</label>
            <p id="import-csv-hint" className="hint">
              Used when no file is chosen.
            </p>
            <textarea id="import-csv" name="csv" rows={8} spellCheck={false} aria-describedby="import-csv-hint" defaultValue={pasted} />
          </div>
          <div>
            <button type="submit" name="intent" value="check" className="button button--quiet" disabled={busy !== null}>
              {busy === 'check' ? 'Checking…' : 'Check the file'}
            </button>{' '}
            <button type="submit" name="intent" value="import" className="button" disabled={busy !== null}>
              {busy === 'import' ? 'Importing…' : 'Import'}
            </button>
          </div>
        </Form>
      </section>

      <div aria-live="polite">
        {result?.kind === 'problem' ? (
          <div className="error-summary" role="alert">
            <h2>
              <span aria-hidden="true">⚠ </span>Nothing was imported
            </h2>
            <p>{result.message}</p>
          </div>
        ) : null}

        {outcome && outcome.errors.length > 0 ? <ImportErrors errors={outcome.errors} /> : null}

        {outcome && outcome.errors.length === 0 && outcome.dryRun && result?.kind === 'result' ? (
          <section className="panel" aria-labelledby="checked-heading">
            <h2 id="checked-heading">The file is ready</h2>
            <p role="status">Importing it would {summary(outcome)}. Nothing has changed yet.</p>
            <Form method="post" encType="multipart/form-data">
              <CsrfField />
              <input type="hidden" name="csv" value={result.checkedCsv ?? ''} />
              <button type="submit" name="intent" value="import" className="button" disabled={busy !== null}>
                {busy === 'import' ? 'Importing…' : 'Import it now'}
              </button>
            </Form>
          </section>
        ) : null}

        {outcome && outcome.applied ? <Imported outcome={outcome} /> : null}
      </div>
    </>
  );
}

function ImportErrors({ errors }: { errors: UserImportResult['errors'] }) {
  const lines = new Set(errors.map((e) => e.line)).size;
  return (
    <section className="panel" aria-labelledby="errors-heading">
      <div className="error-summary" role="alert">
        <h2 id="errors-heading">
          <span aria-hidden="true">⚠ </span>Nothing was imported: {plural(lines, 'line needs', 'lines need')} fixing
        </h2>
        <p>Fix these lines in the file (line 1 is the header row) and try again. No account or enrolment was changed.</p>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Problems in the file, by line</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.line}-${i}`}>
                <th scope="row">{e.line}</th>
                <td>{e.column ?? <span className="muted">whole row</span>}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Imported({ outcome }: { outcome: UserImportResult }) {
  return (
    <section className="panel" aria-labelledby="imported-heading">
      <h2 id="imported-heading">Imported</h2>
      <p className="notice notice--success" role="status">
        <span aria-hidden="true">✓ </span>Baton {summary(outcome)}.
      </p>
      {outcome.credentials.length > 0 ? (
        <>
          <h3>Initial passwords</h3>
          <div className="notice notice--warning">
            <p>
              <strong>These passwords are shown only this once.</strong> Baton keeps no copy it could show again, so note them now and
              hand each one to its owner securely: in person, or through a channel only that person reads. Never send them in a group
              message or a shared document.
            </p>
          </div>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Initial password of each new account</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Initial password</th>
                </tr>
              </thead>
              <tbody>
                {outcome.credentials.map((c) => (
                  <tr key={c.email}>
                    <th scope="row">{c.name}</th>
                    <td>{c.email}</td>
                    <td>
                      <code>{c.initialPassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>No account was created, so there are no new passwords.</p>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
