import type { ComponentType } from 'react';
import type { ActivityKind } from '~/lib/types';
import { errorSpottingKit } from './ErrorSpottingKit';
import { firstMessageKit } from './FirstMessageKit';
import type { AttemptFormProps, AttemptResultsProps } from './parts';
import { quizKit } from './QuizKit';
import { speedReadingKit } from './SpeedReadingKit';

/**
 * What the activity pages need to let a trainee work on one kind of activity: read the attempt's
 * prompt, show it as a form, and show the results once submitted. The route's action reads the
 * answers back with the matching reader in `activities.$key_.attempts.$attemptId.server.ts`.
 *
 * A kind without a kit (SHADOWING and ROLE_PLAY until their pages land; SUPERVISED_HANDOFFS and
 * SOLO_HANDOFFS, which supervisors record) keeps the read-only activity page. To plug one in, add
 * its kit here and its answer reader there.
 */
export interface ActivityKit<P> {
  readPrompt(raw: unknown): P | null;
  Form: ComponentType<AttemptFormProps<P>>;
  Results: ComponentType<AttemptResultsProps<P>>;
}

// Each kit is typed by its own prompt (hence `any` here): the page always hands a kit's Form and
// Results the prompt that the same kit's readPrompt produced.
const KITS: Partial<Record<ActivityKind, ActivityKit<any>>> = {
  LESSON: quizKit,
  QUIZ: quizKit,
  SPEED_READING: speedReadingKit,
  FIRST_MESSAGE: firstMessageKit,
  ERROR_SPOTTING: errorSpottingKit,
};

export function kitFor(kind: ActivityKind): ActivityKit<unknown> | null {
  return KITS[kind] ?? null;
}

/** Kinds a trainee works on in Baton itself (the others are read-only pages). */
export function isAttemptable(kind: ActivityKind): boolean {
  return kind in KITS;
}
