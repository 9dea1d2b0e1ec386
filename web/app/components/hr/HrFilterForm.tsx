import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ENROLLMENT_STATUS_LABEL } from '~/lib/format';
import { HR_STATUSES, type HrFilterName, type HrFilters } from './filters';

export interface FilterProblemView {
  field: HrFilterName;
  message: string;
}

const FORM_ID = 'hr-filter';

/** A labelled control with its hint and error, wired up for screen readers. */
function FilterField({
  name,
  label,
  hint,
  problem,
  children,
}: {
  name: HrFilterName;
  label: string;
  hint?: string;
  problem: FilterProblemView | undefined;
  children: (props: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = `${FORM_ID}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-describedby': describedBy, 'aria-invalid': problem ? true : undefined })}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {problem.message}
        </p>
      ) : null}
    </div>
  );
}

export function filterFieldId(name: HrFilterName): string {
  return `${FORM_ID}-${name}`;
}

/**
 * The list's filters as a GET form: the address holds them, so a filtered list can be bookmarked
 * or shared, and it works without JavaScript. `values` is what was asked for, valid or not.
 */
export function HrFilterForm({
  cohorts,
  values,
  problems,
  filtered,
}: {
  cohorts: { id: string; name: string }[];
  values: HrFilters;
  problems: FilterProblemView[];
  filtered: boolean;
}) {
  const problemOf = (name: HrFilterName) => problems.find((p) => p.field === name);
  return (
    <Form method="get" action="/hr" className="form hr-filters" aria-labelledby="filters-heading">
      <div className="hr-filters__fields">
        <FilterField name="q" label="Name, email or employee ID" hint="Part of it is enough." problem={problemOf('q')}>
          {(props) => <input {...props} type="search" defaultValue={values.q} maxLength={100} autoComplete="off" />}
        </FilterField>
        <FilterField name="cohort" label="Cohort" problem={problemOf('cohort')}>
          {(props) => (
            <select {...props} defaultValue={values.cohort}>
              <option value="">All cohorts</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="status" label="Status" problem={problemOf('status')}>
          {(props) => (
            <select {...props} defaultValue={values.status}>
              <option value="">Any status</option>
              {HR_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ENROLLMENT_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="from" label="Enrolled from" hint="A day in UTC, included." problem={problemOf('from')}>
          {(props) => <input {...props} type="date" defaultValue={values.from} />}
        </FilterField>
        <FilterField name="to" label="Enrolled to" hint="A day in UTC, included." problem={problemOf('to')}>
          {(props) => <input {...props} type="date" defaultValue={values.to} />}
        </FilterField>
      </div>
      <div className="hr-filters__actions">
        <button type="submit" className="button">
          Show enrollments
        </button>
        {filtered ? (
          <Link to="/hr" className="button button--quiet">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
