import { api, ApiError, formError, type FormFeedback } from './api.server';
import { redirectWithFlash } from './flash.server';
import { safeRedirectPath, type Auth } from './session.server';
import type { SignOffDecision } from './types';
import { zonedLocalToUtcIso } from './zoned-time';

// The supervisor's three actions (sign off, record a handoff review, issue a certificate), shared by
// the queue and the trainee page. Each either redirects back with a flash message or returns what
// the form shows beside its fields.

export type SupervisionIntent = 'signOff' | 'recordReview' | 'issueCertificate' | 'startRecertification';

export interface SupervisionActionResult {
  intent: SupervisionIntent;
  enrollmentId: string;
  /** The sign-off form's activity, so the message lands beside the right form. */
  activityKey: string | null;
  feedback: FormFeedback;
  /** What was typed, to fill the form again. */
  values: Record<string, string>;
  /** REQUIREMENTS_UNMET: each thing still missing before a certificate. */
  unmet: string[];
}

const NAME_AND_ZONE = /* GraphQL */ `
  query SupervisionTarget($id: ID!) {
    enrollment(id: $id) {
      id
      trainee { name }
      cohort { timeZone }
      handoffReviews { externalId }
      certification { unmet }
    }
  }
`;

interface Target {
  id: string;
  trainee: { name: string };
  cohort: { timeZone: string };
  handoffReviews: { externalId: string }[];
  certification: { unmet: string[] };
}

async function target(request: Request, auth: Auth, enrollmentId: string): Promise<Target> {
  const { enrollment } = await api<{ enrollment: Target | null }>(request, auth, NAME_AND_ZONE, { id: enrollmentId });
  if (!enrollment) throw new Response('There is no enrollment with this id in your cohorts.', { status: 404, statusText: 'Not Found' });
  return enrollment;
}

const SIGN_OFF = /* GraphQL */ `
  mutation SignOff($input: SignOffInput!) {
    signOff(input: $input) { id decision activity { key title } }
  }
`;

const RECORD_REVIEW = /* GraphQL */ `
  mutation RecordHandoffReview($input: HandoffReviewInput!) {
    recordHandoffReview(input: $input) { id externalId mode qaScore qaPassed }
  }
`;

const START_RECERTIFICATION = /* GraphQL */ `
  mutation StartRecertification($enrollmentId: ID!) {
    startRecertification(enrollmentId: $enrollmentId)
  }
`;

const ISSUE_CERTIFICATE = /* GraphQL */ `
  mutation IssueCertificate($enrollmentId: ID!) {
    issueCertificate(enrollmentId: $enrollmentId) { id code traineeName issuedAt }
  }
`;

export const REVIEW_FIELDS = [
  'externalId',
  'mode',
  'handedOffAt',
  'firstResponseAt',
  'contextItemsAvailable',
  'contextItemsUsed',
  'customerRepeated',
  'csat',
  'resolved',
  'notes',
] as const;

/** The API names input fields in its messages ("csat must be …"); people read the form's words. */
const FIELD_WORDS: Record<string, string> = {
  externalId: 'the conversation id',
  handedOffAt: 'the handoff time',
  firstResponseAt: 'the first response time',
  contextItemsAvailable: 'the number of context items available',
  contextItemsUsed: 'the number of context items used',
  csat: 'CSAT',
  notes: 'the notes',
};

export function humanizeFieldNames(message: string): string {
  const text = message.replace(/\b(externalId|handedOffAt|firstResponseAt|contextItemsAvailable|contextItemsUsed|csat|notes)\b/g, (name) => FIELD_WORDS[name]);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function problem(intent: SupervisionIntent, enrollmentId: string, field: string | null, message: string, values: Record<string, string>, activityKey: string | null = null): SupervisionActionResult {
  return { intent, enrollmentId, activityKey, feedback: { ok: false, field, message }, values, unmet: [] };
}

function wholeNumber(value: string): number | null {
  return /^-?\d+$/.test(value) ? Number(value) : null;
}

/**
 * Runs the form's `intent` for `enrollmentId`. Success redirects to the form's `returnTo` (a local
 * path) or `fallback`, with a flash message; a problem the person can fix comes back as a result.
 * Returns null for an unknown intent.
 */
export async function runSupervisionAction(
  request: Request,
  auth: Auth,
  form: FormData,
  fallback: string,
): Promise<Response | SupervisionActionResult | null> {
  const intent = String(form.get('intent') ?? '') as SupervisionIntent;
  const enrollmentId = String(form.get('enrollmentId') ?? '').trim();
  const back = safeRedirectPath(form.get('returnTo')) ?? fallback;
  if (!enrollmentId) return null;

  switch (intent) {
    case 'signOff': {
      const activityKey = String(form.get('activityKey') ?? '').trim();
      const decision = String(form.get('decision') ?? '');
      const comment = String(form.get('comment') ?? '').trim();
      const values = { decision, comment };
      if (decision !== 'APPROVED' && decision !== 'CHANGES_REQUESTED') {
        return problem(intent, enrollmentId, 'decision', 'Choose Approve or Request changes.', values, activityKey);
      }
      const who = await target(request, auth, enrollmentId);
      try {
        const { signOff } = await api<{ signOff: { decision: SignOffDecision; activity: { title: string } } }>(request, auth, SIGN_OFF, {
          input: { enrollmentId, activityKey, decision, comment: comment || null },
        });
        const message =
          signOff.decision === 'APPROVED'
            ? `Signed off ${signOff.activity.title} for ${who.trainee.name}.`
            : `Asked ${who.trainee.name} for changes to ${signOff.activity.title}.`;
        return redirectWithFlash(back, { message });
      } catch (error) {
        const feedback = formError(error, ['decision', 'comment']);
        return { intent, enrollmentId, activityKey, feedback, values, unmet: [] };
      }
    }

    case 'recordReview': {
      const values: Record<string, string> = {};
      for (const field of REVIEW_FIELDS) values[field] = String(form.get(field) ?? '').trim();
      const fail = (field: string, message: string) => problem(intent, enrollmentId, field, message, values);

      if (!values.externalId) return fail('externalId', 'Enter the conversation id from the help desk.');
      if (values.mode !== 'SOLO' && values.mode !== 'SUPERVISED') return fail('mode', 'Choose whether the handoff was solo or supervised.');
      if (!values.handedOffAt) return fail('handedOffAt', 'Enter the date and time the assistant handed the conversation over.');
      if (!values.firstResponseAt) return fail('firstResponseAt', "Enter the date and time of the trainee's first message.");
      const available = wholeNumber(values.contextItemsAvailable);
      if (available === null) return fail('contextItemsAvailable', 'Enter how many context items the handoff carried, as a whole number.');
      const used = wholeNumber(values.contextItemsUsed);
      if (used === null) return fail('contextItemsUsed', 'Enter how many of them the trainee used, as a whole number.');
      const csat = values.csat === '' ? null : wholeNumber(values.csat);
      if (values.csat !== '' && csat === null) return fail('csat', 'Enter CSAT as a whole number from 1 to 5, or leave it empty.');

      const who = await target(request, auth, enrollmentId);
      const handedOffAt = zonedLocalToUtcIso(values.handedOffAt, who.cohort.timeZone);
      if (!handedOffAt) return fail('handedOffAt', 'Enter the handoff time as a date and a time, such as 2026-11-20 14:05:30.');
      const firstResponseAt = zonedLocalToUtcIso(values.firstResponseAt, who.cohort.timeZone);
      if (!firstResponseAt) return fail('firstResponseAt', 'Enter the first response time as a date and a time, such as 2026-11-20 14:06:10.');

      // The QA scorecard: "scorecard.KEY" = pass | fail, "scorecard.KEY.note" = text.
      const scorecard: { key: string; passed: boolean; note: string | null }[] = [];
      const notes = new Map<string, string>();
      for (const [name, raw] of form.entries()) {
        const m = /^scorecard\.([A-Z0-9_]+)(\.note)?$/.exec(name);
        if (!m || typeof raw !== 'string') continue;
        values[name] = raw.trim();
        if (m[2]) {
          if (raw.trim()) notes.set(m[1], raw.trim());
        } else if (raw === 'pass' || raw === 'fail') scorecard.push({ key: m[1], passed: raw === 'pass', note: null });
      }
      for (const key of notes.keys()) {
        if (!scorecard.some((a) => a.key === key)) return fail('scorecard', 'A scorecard question has a note but no answer: choose Pass or Fail for it.');
      }
      for (const a of scorecard) a.note = notes.get(a.key) ?? null;

      const replaces = who.handoffReviews.some((r) => r.externalId === values.externalId);
      try {
        const { recordHandoffReview: review } = await api<{
          recordHandoffReview: { externalId: string; mode: string; qaScore: number | null; qaPassed: boolean | null };
        }>(request, auth, RECORD_REVIEW, {
          input: {
            enrollmentId,
            externalId: values.externalId,
            mode: values.mode,
            handedOffAt,
            firstResponseAt,
            contextItemsAvailable: available,
            contextItemsUsed: used,
            customerRepeated: values.customerRepeated === 'on',
            csat,
            resolved: values.resolved === 'on',
            notes: values.notes || null,
            scorecard: scorecard.length > 0 ? scorecard : null,
          },
        });
        const mode = review.mode === 'SOLO' ? 'solo' : 'supervised';
        const qa = review.qaScore == null ? '' : ` QA: ${review.qaScore}%, ${review.qaPassed ? 'passed' : 'failed'}.`;
        const message = replaces
          ? `Replaced the earlier review of conversation ${review.externalId} for ${who.trainee.name} (${mode}).${qa}`
          : `Recorded a ${mode} handoff review of conversation ${review.externalId} for ${who.trainee.name}.${qa}`;
        return redirectWithFlash(back, { message });
      } catch (error) {
        const feedback = formError(error, [...REVIEW_FIELDS, 'scorecard']);
        return { intent, enrollmentId, activityKey: null, feedback: { ...feedback, message: humanizeFieldNames(feedback.message) }, values, unmet: [] };
      }
    }

    case 'issueCertificate': {
      try {
        const { issueCertificate: certificate } = await api<{ issueCertificate: { code: string; traineeName: string } }>(
          request,
          auth,
          ISSUE_CERTIFICATE,
          { enrollmentId },
        );
        return redirectWithFlash(back, {
          message: `Issued certificate ${certificate.code} to ${certificate.traineeName}.`,
          link: { href: `/verify/${encodeURIComponent(certificate.code)}`, text: `Open the public verification page of ${certificate.code}` },
        });
      } catch (error) {
        const feedback = formError(error);
        let unmet: string[] = [];
        if (error instanceof ApiError && error.code === 'REQUIREMENTS_UNMET') {
          const who = await target(request, auth, enrollmentId);
          unmet = who.certification.unmet;
          feedback.message = `${who.trainee.name} is not eligible for a certificate yet.`;
        }
        return { intent, enrollmentId, activityKey: null, feedback, values: {}, unmet };
      }
    }

    case 'startRecertification': {
      try {
        const who = await target(request, auth, enrollmentId);
        await api(request, auth, START_RECERTIFICATION, { enrollmentId });
        return redirectWithFlash(back, {
          message: `Started a new certification cycle for ${who.trainee.name}: the next certificate needs new solo handoffs that meet the targets.`,
        });
      } catch (error) {
        return { intent, enrollmentId, activityKey: null, feedback: formError(error), values: {}, unmet: [] };
      }
    }

    default:
      return null;
  }
}
