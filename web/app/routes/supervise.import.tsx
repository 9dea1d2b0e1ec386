import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { csrfProtected } from '~/lib/csrf.server';
import { requireRole } from '~/lib/session.server';
import { importHandoffs, type ImportResult } from './supervise.import.server';

export const meta: MetaFunction = () => [{ title: 'Import handoffs · Supervision · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  return null;
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs): Promise<ImportResult> {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    throw new Response('Send the form with its file.', { status: 400, statusText: 'Bad Request' });
  }
  return importHandoffs(request, auth);
});

const F = 'import';
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function Outcome({ result }: { result: ImportResult }) {
  if (result.ok) {
    const s = result.summary;
    return (
      <section className="panel" aria-labelledby="result-heading" role="status">
        <h2 id="result-heading">
          {s.dryRun ? `Checked ${result.fileName}: nothing was imported` : `Imported ${result.fileName}`}
        </h2>
        <p>
          {s.dryRun
            ? `The file is fine. Importing it would record ${plural(s.imported, 'new review')} and replace ${plural(s.replaced, 'review')}.`
            : `${plural(s.rows, 'row')} read.`}
        </p>
        <dl className="facts" aria-label="Import counts">
          <div>
            <dt>Rows</dt>
            <dd data-count="rows">{s.rows}</dd>
          </div>
          <div>
            <dt>New reviews</dt>
            <dd data-count="imported">{s.imported}</dd>
          </div>
          <div>
            <dt>Replaced</dt>
            <dd data-count="replaced">{s.replaced}</dd>
          </div>
          <div>
            <dt>Unchanged</dt>
            <dd data-count="unchanged">{s.unchanged}</dd>
          </div>
          <div>
            <dt>Trainees updated</dt>
            <dd data-count="enrollmentsUpdated">{s.enrollmentsUpdated}</dd>
          </div>
        </dl>
        {s.ignoredColumns.length > 0 ? (
          <p className="small muted">Columns not read (check the spelling if one should have been): {s.ignoredColumns.join(', ')}.</p>
        ) : null}
      </section>
    );
  }
  return (
    <section className="panel panel--error" aria-labelledby="result-heading" role="alert">
      <h2 id="result-heading">{result.fileName ? `${result.fileName} was not imported` : 'Nothing was imported'}</h2>
      <p>{result.message}</p>
      {result.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="compact">
            <caption>
              {plural(result.rowsWithProblems, 'row')} with problems{result.rows.length < result.rowsWithProblems ? `; the first ${result.rows.length} are listed` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <th scope="row">Line {r.line}</th>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result.ignoredColumns.length > 0 ? <p className="small muted">Columns not read: {result.ignoredColumns.join(', ')}.</p> : null}
    </section>
  );
}

const COLUMNS: [string, string, string][] = [
  ['conversation_id', 'yes', "the help desk's conversation id (at most 200 characters); sending it again replaces that review"],
  ['agent_email', 'yes', "the trainee's email in Baton; the handoff goes to their one active enrollment"],
  ['handed_off_at', 'yes', 'ISO 8601 date and time with a zone, e.g. 2026-03-09T13:40:00Z'],
  ['first_response_at', 'unless there is a transcript', 'as above, not before handed_off_at'],
  ['csat', 'no', 'whole number 1 to 5; empty when the customer did not answer'],
  ['resolved', 'yes', 'true/false, yes/no or 1/0'],
  ['known_facts', 'no', 'what the AI collected: label=value; label=value (or JSON)'],
  ['issue_summary, customer_name', 'with a transcript', "the AI's summary of the issue, and the customer's name"],
  ['transcript', 'no', 'a JSON list of turns { at, speaker: CUSTOMER | AI | AGENT, text }; pre-fills the QA scorecard'],
  ['context_items_available', 'no', 'whole number; defaults to the known facts + 1'],
  ['context_items_used', 'unless there is a transcript', 'whole number from 0 to context_items_available'],
  ['customer_repeated', 'unless there is a transcript', 'boolean, as for resolved'],
  ['notes', 'no', 'at most 10,000 characters'],
  ['mode', 'no', "SOLO or SUPERVISED; overrides the form's mode for this row"],
];

export default function ImportHandoffs() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const fieldError = result && !result.ok && result.field ? result : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/supervise">Supervision</Link> <span aria-hidden="true">›</span> <span aria-current="page">Import handoffs</span>
      </nav>
      <h1>Import handoffs</h1>
      <p className="lead">
        Record many QA-reviewed handoffs at once from your help desk's export: a CSV or JSON file with one handoff per row. The whole file is
        imported or nothing is; every row with a problem is listed with its line. See <a href="#columns">the columns a file can have</a>.
      </p>

      {result ? <Outcome result={result} /> : null}

      <section className="panel" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a file</h2>
        <Form method="post" encType="multipart/form-data" className="form" aria-labelledby="upload-heading" noValidate>
          <CsrfField />
          {/* mode and dryRun come before the file: the server reads them before the file's bytes start to flow. */}
          <div className="field">
            <label htmlFor={`${F}-mode`}>Mode of rows without a mode column</label>
            <select id={`${F}-mode`} name="mode" defaultValue="SOLO" aria-describedby={`${F}-mode-hint`}>
              <option value="SOLO">Solo (week 3, counts towards certification)</option>
              <option value="SUPERVISED">Supervised (week 2)</option>
            </select>
            <p id={`${F}-mode-hint`} className="hint">
              A <code>mode</code> column in the file wins over this choice.
            </p>
          </div>
          <div className="checkbox">
            <input type="checkbox" id={`${F}-dryRun`} name="dryRun" value="1" aria-describedby={`${F}-dryRun-hint`} />
            <label htmlFor={`${F}-dryRun`}>Check only (change nothing)</label>
            <p id={`${F}-dryRun-hint`} className="hint">
              Reads the whole file and reports the counts or the problems, without recording anything.
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${F}-file`}>File</label>
            <p id={`${F}-file-hint`} className="hint">
              .csv (first row names the columns), .json (a list of handoffs) or .jsonl / .ndjson (one handoff per line), UTF-8.
            </p>
            <input
              type="file"
              id={`${F}-file`}
              name="file"
              accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json"
              aria-describedby={[`${F}-file-hint`, fieldError ? `${F}-file-error` : null].filter(Boolean).join(' ')}
              aria-invalid={fieldError ? true : undefined}
            />
            {fieldError ? (
              <p id={`${F}-file-error`} className="field-error">
                <span aria-hidden="true">⚠ </span>
                {fieldError.message}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Sending…' : 'Send the file'}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="columns-heading" id="columns">
        <h2 id="columns-heading">Columns</h2>
        <p>
          CSV columns and JSON keys have the same names; case, spaces and hyphens in header names do not matter (<code>Handed off at</code> ={' '}
          <code>handed_off_at</code>). Other columns are ignored and listed back. An empty cell means "not given". The full reference is{' '}
          <code>docs/handoff-import.md</code> in the Baton repository.
        </p>
        <div className="table-wrap">
          <table className="compact">
            <caption>What each handoff can carry</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Required</th>
                <th scope="col">Format</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map(([name, required, format]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>{required}</td>
                  <td>{format}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small">
          With a transcript, Baton measures what the columns leave out (first response, context used, customer repeats) and pre-fills the QA
          scorecard; without one, <code>context_items_used</code> and <code>customer_repeated</code> must be given. Sending the same
          conversation again with the same values changes nothing; with different values it replaces the review.
        </p>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
