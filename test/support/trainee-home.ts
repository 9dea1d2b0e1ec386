import { readFileSync } from 'node:fs';

/**
 * The web trainee home's own GraphQL document (TraineeHome with its EnrollmentDetail fragment),
 * read from the web app's source, so API tests measure exactly what the home page sends and
 * cannot drift from it. The bench reads it the same way (scripts/bench/run.mjs).
 */
const WEB_SOURCE = readFileSync(new URL('../../web/app/lib/enrollment.server.ts', import.meta.url), 'utf8');
const ENROLLMENT_DETAIL = /export const ENROLLMENT_DETAIL = \/\* GraphQL \*\/ `([\s\S]*?)`;/.exec(WEB_SOURCE)?.[1];
if (!ENROLLMENT_DETAIL) throw new Error('The EnrollmentDetail fragment was not found in web/app/lib/enrollment.server.ts');
const TRAINEE_HOME = /export const TRAINEE_HOME = \/\* GraphQL \*\/ `([\s\S]*?)\$\{ENROLLMENT_DETAIL\}/.exec(WEB_SOURCE)?.[1];
if (!TRAINEE_HOME) throw new Error('The TraineeHome query was not found in web/app/lib/enrollment.server.ts');

export const TRAINEE_HOME_DOCUMENT = `${TRAINEE_HOME} ${ENROLLMENT_DETAIL}`;
