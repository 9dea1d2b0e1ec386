import type { ReactNode } from 'react';
import type { AnswerInput } from '~/lib/attempts';
import type { ActionFeedback } from '../FormBits';

/** What every kind's attempt form gets from the attempt page. */
export interface AttemptFormProps<P> {
  prompt: P;
  /** Markdown of the prompt already rendered (and sanitised) on the server. */
  html: RenderedHtml;
  /** The answers sent with a refused submission, to fill the form again. */
  values: AnswerInput[];
  /** The submit button with the message beside it; each kind places it where it fits. */
  submit: ReactNode;
  feedback: ActionFeedback | undefined;
  clock: AttemptClock;
}

/** What every kind's results view gets once the attempt is submitted. */
export interface AttemptResultsProps<P> {
  /** The attempt's material, or null when it was recorded without any (the demo history). */
  prompt: P | null;
  review: unknown;
  answers: AnswerInput[];
  feedback: string[];
  durationSeconds: number | null;
  html: RenderedHtml;
}

export interface RenderedHtml {
  body: string | null;
  instructions: string | null;
}

export interface AttemptClock {
  startedAt: string;
  /** Seconds since the start when the server rendered the page (the server keeps the clock). */
  elapsedAtRender: number;
}

/** HTML the server produced from Markdown and sanitised (lib/markdown.server.ts). */
export function RichText({ html, className = 'prose' }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The grader's feedback, one line each; the lines carry their own ✓ and ✗ marks. */
export function FeedbackLines({ lines, label = 'Feedback' }: { lines: string[]; label?: string }) {
  if (lines.length === 0) return null;
  return (
    <ul className="feedback-lines" aria-label={label}>
      {lines.map((line, i) => (
        <li key={i} className={line.startsWith('✗') ? 'feedback-lines__bad' : line.startsWith('✓') ? 'feedback-lines__good' : undefined}>
          {line}
        </li>
      ))}
    </ul>
  );
}

export function NoReview() {
  return <p className="muted">No detailed review was kept for this attempt; the feedback above is all there is.</p>;
}

/** Values sent for one question key (several for checkboxes). */
export function valuesOf(values: AnswerInput[], questionKey: string): string[] {
  return values.filter((v) => v.questionKey === questionKey).flatMap((v) => v.value.split(',').map((x) => x.trim()).filter(Boolean));
}
