import { api, formError, type FormFeedback } from '~/lib/api.server';
import {
  readErrorSpottingPrompt,
  readFirstMessagePrompt,
  readQuizPrompt,
  readSpeedReadingPrompt,
  type AnswerInput,
} from '~/lib/attempts';
import type { Auth } from '~/lib/session.server';
import type { ActivityKind } from '~/lib/types';
import { withLead } from './activities.$key.server';

// Reading a submitted form back into the API's answers (the formats are documented at the top of
// api/src/learning/domain/activity-graders.ts). Each reader takes only the keys the attempt's own
// prompt asks for, so stray fields never reach the API. A reader answers either the answers or a
// message for the trainee when the form is plainly incomplete.

type ReadResult = { ok: true; answers: AnswerInput[] } | { ok: false; answers: AnswerInput[]; message: string };
type AnswerReader = (form: FormData, prompt: unknown) => ReadResult;

function strings(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

function listNumbers(numbers: number[]): string {
  if (numbers.length === 1) return `question ${numbers[0]} has`;
  return `questions ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]} have`;
}

const readChoices: AnswerReader = (form, raw) => {
  const prompt = readQuizPrompt(raw);
  if (!prompt) return { ok: true, answers: [] };
  const answers: AnswerInput[] = [];
  const missing: number[] = [];
  prompt.questions.forEach((q, i) => {
    const chosen = strings(form, `q:${q.key}`);
    if (chosen.length === 0) missing.push(i + 1);
    else answers.push({ questionKey: q.key, value: chosen.join(',') });
  });
  if (missing.length > 0) {
    return { ok: false, answers, message: `Answer every question before you submit: ${listNumbers(missing)} no answer yet.` };
  }
  return { ok: true, answers };
};

// A question left open counts as wrong; the clock is running, so nothing holds the submission back.
const readSpeedReading: AnswerReader = (form, raw) => {
  const prompt = readSpeedReadingPrompt(raw);
  const answers: AnswerInput[] = [];
  for (const q of prompt?.questions ?? []) {
    const [chosen] = strings(form, `q:${q.key}`);
    if (chosen) answers.push({ questionKey: q.key, value: chosen });
  }
  return { ok: true, answers };
};

const readFirstMessage: AnswerReader = (form, raw) => {
  const prompt = readFirstMessagePrompt(raw);
  const value = form.get('message');
  const message = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
  const answers = message ? [{ questionKey: 'message', value: message }] : [];
  if (!message) return { ok: false, answers, message: 'Write your opening message before you submit.' };
  const max = prompt?.maxLength ?? 2000;
  if ([...message].length > max) {
    return { ok: false, answers, message: `Your opening is ${[...message].length} characters long; keep it to ${max}.` };
  }
  return { ok: true, answers };
};

const readErrorSpotting: AnswerReader = (form, raw) => {
  const prompt = readErrorSpottingPrompt(raw);
  if (!prompt) return { ok: true, answers: [] };
  const codes = new Set(prompt.mistakeTypes.map((m) => m.code));
  const answers: AnswerInput[] = [];
  for (const turn of prompt.turns) {
    if (turn.speaker !== 'AGENT') continue;
    const questionKey = `turn:${turn.index}`;
    for (const code of new Set(strings(form, questionKey))) {
      if (codes.has(code)) answers.push({ questionKey, value: code });
    }
  }
  return { ok: true, answers };
};

/** Answer readers by kind; a kind with a kit in components/activities/kits.ts needs one here. */
const READERS: Partial<Record<ActivityKind, AnswerReader>> = {
  LESSON: readChoices,
  QUIZ: readChoices,
  SPEED_READING: readSpeedReading,
  FIRST_MESSAGE: readFirstMessage,
  ERROR_SPOTTING: readErrorSpotting,
};

export function readSubmittedAnswers(kind: ActivityKind, form: FormData, prompt: unknown): ReadResult | null {
  const reader = READERS[kind];
  return reader ? reader(form, prompt) : null;
}

const SUBMIT = /* GraphQL */ `
  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {
    submitAttempt(attemptId: $attemptId, answers: $answers) { id }
  }
`;

const SUBMIT_LEADS = {
  BAD_USER_INPUT: 'Your answers could not be graded.',
  FORBIDDEN: 'This attempt cannot be submitted.',
  NOT_FOUND: 'This attempt could not be found.',
};

/** Submits the answers (the API grades them and stops the clock); a refusal becomes a message beside the form. */
export async function submitAttempt(request: Request, auth: Auth, attemptId: string, answers: AnswerInput[]): Promise<FormFeedback> {
  try {
    await api(request, auth, SUBMIT, { attemptId, answers }, { formCodes: ['FORBIDDEN'] });
    return { ok: true, message: 'Submitted.', field: null };
  } catch (error) {
    return withLead(formError(error, [], ['FORBIDDEN']), error, SUBMIT_LEADS);
  }
}
