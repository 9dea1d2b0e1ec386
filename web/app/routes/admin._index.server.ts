import { api, formError, type FormFeedback } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { CohortSummary, Program, Role, User } from '~/lib/types';

const ADMIN_DATA = /* GraphQL */ `
  query AdminData {
    programs { key title version }
    cohorts {
      id name startsOn timeZone
      program { title version }
      supervisors { id name }
      enrollments { id }
    }
    users { id email name role employeeId }
  }
`;

export interface AdminCohort extends CohortSummary {
  program: Pick<Program, 'title' | 'version'>;
  supervisors: Pick<User, 'id' | 'name'>[];
  enrollments: { id: string }[];
}

export interface AdminData {
  programs: Pick<Program, 'key' | 'title' | 'version'>[];
  cohorts: AdminCohort[];
  users: User[];
}

const ROLE_ORDER: Role[] = ['ADMIN', 'HR', 'SUPERVISOR', 'TRAINEE'];

export async function adminData(request: Request, auth: Auth): Promise<AdminData> {
  const data = await api<AdminData>(request, auth, ADMIN_DATA);
  return {
    ...data,
    cohorts: [...data.cohorts].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name)),
    users: [...data.users].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name)),
  };
}

export const INTENTS = ['createUser', 'createCohort', 'assignSupervisor', 'enroll'] as const;
export type Intent = (typeof INTENTS)[number];

export interface AdminActionResult {
  intent: Intent;
  feedback: FormFeedback;
  /** What was typed, to fill the form again after an error (never the password). */
  values: Record<string, string>;
  /** Distinguishes two successes in a row, so the page can clear the form each time. */
  at: number;
}

const ROLES: Role[] = ['TRAINEE', 'SUPERVISOR', 'HR', 'ADMIN'];

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id name role } }
`;
const CREATE_COHORT = /* GraphQL */ `
  mutation CreateCohort($input: CreateCohortInput!) { createCohort(input: $input) { id name } }
`;
const ASSIGN_SUPERVISOR = /* GraphQL */ `
  mutation AssignSupervisor($cohortId: ID!, $supervisorId: ID!) {
    assignSupervisor(cohortId: $cohortId, supervisorId: $supervisorId) { id name supervisors { id name } }
  }
`;
const ENROLL = /* GraphQL */ `
  mutation Enroll($cohortId: ID!, $traineeId: ID!) {
    enroll(cohortId: $cohortId, traineeId: $traineeId) { id trainee { name } cohort { name } }
  }
`;

const FIELDS: Record<Intent, string[]> = {
  createUser: ['email', 'name', 'role', 'employeeId', 'password'],
  createCohort: ['name', 'programKey', 'startsOn', 'timeZone'],
  assignSupervisor: ['cohortId', 'supervisorId'],
  enroll: ['cohortId', 'traineeId'],
};

const REQUIRED_MESSAGE: Record<string, string> = {
  email: 'Enter an email address.',
  name: 'Enter a name.',
  role: 'Choose a role.',
  password: 'Enter a starting password.',
  programKey: 'Choose a program.',
  startsOn: 'Enter the start date.',
  timeZone: 'Enter a time zone.',
  cohortId: 'Choose a cohort.',
  supervisorId: 'Choose a supervisor.',
  traineeId: 'Choose a trainee.',
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Local checks before the API sees the input; the API's own checks come back through formError. */
function localProblem(intent: Intent, v: Record<string, string>): FormFeedback | null {
  const optional = new Set(['employeeId']);
  for (const field of FIELDS[intent]) {
    if (!optional.has(field) && !v[field]) return { ok: false, field, message: REQUIRED_MESSAGE[field] ?? 'This field is needed.' };
  }
  if (intent === 'createUser' && !ROLES.includes(v.role as Role)) return { ok: false, field: 'role', message: 'Choose one of the listed roles.' };
  if (intent === 'createCohort') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.startsOn)) return { ok: false, field: 'startsOn', message: 'Enter the date as YYYY-MM-DD.' };
    if (!isTimeZone(v.timeZone)) {
      return { ok: false, field: 'timeZone', message: `"${v.timeZone}" is not a time zone name; use one such as Europe/Berlin or UTC.` };
    }
  }
  return null;
}

async function perform(request: Request, auth: Auth, intent: Intent, v: Record<string, string>): Promise<string> {
  switch (intent) {
    case 'createUser': {
      const input = { email: v.email, name: v.name, role: v.role, password: v.password, employeeId: v.employeeId || null };
      const { createUser } = await api<{ createUser: Pick<User, 'id' | 'name' | 'role'> }>(request, auth, CREATE_USER, { input });
      return `Created ${createUser.name} (${createUser.role.toLowerCase()}).`;
    }
    case 'createCohort': {
      const input = { name: v.name, programKey: v.programKey, startsOn: v.startsOn, timeZone: v.timeZone };
      const { createCohort } = await api<{ createCohort: { name: string } }>(request, auth, CREATE_COHORT, { input });
      return `Created cohort ${createCohort.name}.`;
    }
    case 'assignSupervisor': {
      const { assignSupervisor } = await api<{ assignSupervisor: { name: string; supervisors: { id: string; name: string }[] } }>(
        request,
        auth,
        ASSIGN_SUPERVISOR,
        { cohortId: v.cohortId, supervisorId: v.supervisorId },
      );
      const who = assignSupervisor.supervisors.find((s) => s.id === v.supervisorId)?.name ?? 'The supervisor';
      return `${who} now supervises ${assignSupervisor.name}.`;
    }
    case 'enroll': {
      const { enroll } = await api<{ enroll: { trainee: { name: string }; cohort: { name: string } } }>(request, auth, ENROLL, {
        cohortId: v.cohortId,
        traineeId: v.traineeId,
      });
      return `Enrolled ${enroll.trainee.name} in ${enroll.cohort.name}.`;
    }
  }
}

/** Runs one of the admin forms. Returns what the form shows: success, or the error beside its field. */
export async function runAdminAction(request: Request, auth: Auth, form: FormData): Promise<AdminActionResult | null> {
  const intent = String(form.get('intent') ?? '') as Intent;
  if (!INTENTS.includes(intent)) return null;
  const values: Record<string, string> = {};
  for (const field of FIELDS[intent]) values[field] = String(form.get(field) ?? '').trim();
  if (intent === 'createUser') values.password = String(form.get('password') ?? '');
  const { password: _password, ...echo } = values;

  const problem = localProblem(intent, values);
  if (problem) return { intent, feedback: problem, values: echo, at: Date.now() };
  try {
    const message = await perform(request, auth, intent, values);
    return { intent, feedback: { ok: true, message, field: null }, values: {}, at: Date.now() };
  } catch (error) {
    return { intent, feedback: formError(error, FIELDS[intent]), values: echo, at: Date.now() };
  }
}
