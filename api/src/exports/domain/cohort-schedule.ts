// A cohort's schedule as iCalendar (CONTRACT.md, "Exports": GET /cohorts/{id}/schedule.ics), pure.
//
// What is in it, kept deliberately small:
// - each program week as an all-day event from the cohort's start date: week N runs from
//   start + 7(N−1) days for 7 days (DTEND is exclusive), titled with the program's week title and
//   described with the week's summary and its activities;
// - one planned session per week: a 30-minute supervisor check-in at 15:00 cohort time on the
//   week's last working day (Monday to Friday), timed with the cohort's TZID, to go over what is
//   done and what is waiting for sign-off.
// UIDs depend only on the cohort and the event (`cohort-<id>-week-<n>@baton`), so a calendar that
// subscribes to the file updates the same events when the schedule changes.
import { ICalCalendar, type ICalDayJsStub } from 'ical-generator';
import { plannedWeeks } from '../../cohorts/domain/calendar.js';
import { addDays, vtimezone, weekday, zonedWallClockToUtc } from './time-zones.js';

export const CHECK_IN_TIME = '15:00';
export const CHECK_IN_MINUTES = 30;

export interface ScheduleWeek {
  number: number;
  title: string;
  summary: string;
  activities: { title: string; minutes: number; requiresSignOff: boolean }[];
}

export interface ScheduleInput {
  cohortId: string;
  cohortName: string;
  /** YYYY-MM-DD, in the cohort's time zone. */
  startsOn: string;
  timeZone: string;
  programTitle: string;
  weeks: ScheduleWeek[];
}

/** A local date, or a local date and time in the schedule's time zone. */
export interface LocalTime {
  date: string;
  time?: string;
}

export interface PlannedEvent {
  uid: string;
  summary: string;
  description: string;
  allDay: boolean;
  start: LocalTime;
  /** Exclusive, as in iCalendar. */
  end: LocalTime;
  categories: string[];
}

export function planSchedule(input: ScheduleInput): PlannedEvent[] {
  const byNumber = new Map(input.weeks.map((w) => [w.number, w]));
  const events: PlannedEvent[] = [];
  for (const planned of plannedWeeks(input.startsOn, input.weeks.map((w) => w.number))) {
    const week = byNumber.get(planned.number)!;
    const minutes = week.activities.reduce((sum, a) => sum + a.minutes, 0);
    const description = [
      week.summary.trim(),
      '',
      `Activities (about ${formatMinutes(minutes)} in all):`,
      ...week.activities.map((a) => `- ${a.title} (${formatMinutes(a.minutes)}${a.requiresSignOff ? ', supervisor sign-off' : ''})`),
    ].join('\n');
    events.push({
      uid: `cohort-${input.cohortId}-week-${planned.number}@baton`,
      summary: `Week ${planned.number}: ${week.title}`,
      description,
      allDay: true,
      start: { date: planned.startsOn },
      end: { date: addDays(planned.endsOn, 1) },
      categories: ['Program week'],
    });

    const checkInDay = lastWorkingDay(planned.startsOn, planned.endsOn);
    if (checkInDay) {
      const signOffs = week.activities.filter((a) => a.requiresSignOff).map((a) => a.title);
      events.push({
        uid: `cohort-${input.cohortId}-week-${planned.number}-check-in@baton`,
        summary: `Week ${planned.number} check-in with your supervisor`,
        description: [
          `End-of-week check-in for ${input.cohortName}: what is done, what is waiting for sign-off and what comes next.`,
          ...(signOffs.length ? ['', `Sign-offs this week: ${signOffs.join(', ')}.`] : []),
        ].join('\n'),
        allDay: false,
        start: { date: checkInDay, time: CHECK_IN_TIME },
        end: { date: checkInDay, time: addMinutes(CHECK_IN_TIME, CHECK_IN_MINUTES) },
        categories: ['Check-in'],
      });
    }
  }
  return events;
}

/** The last Monday-to-Friday date in [from, to], or null when there is none. */
export function lastWorkingDay(from: string, to: string): string | null {
  for (let day = to; day >= from; day = addDays(day, -1)) {
    const wd = weekday(day);
    if (wd >= 1 && wd <= 5) return day;
  }
  return null;
}

/**
 * The iCalendar text. Timed events carry the cohort's TZID with a VTIMEZONE for it (UTC cohorts
 * get plain UTC times instead); all-day events are dates, which calendars show on those days
 * wherever the reader is.
 */
export function renderScheduleIcs(input: ScheduleInput, events: PlannedEvent[], now: Date = new Date()): string {
  const zone = input.timeZone === 'UTC' || input.timeZone === 'Etc/UTC' ? 'UTC' : input.timeZone;
  const years = events.map((e) => Number(e.start.date.slice(0, 4)));
  const [fromYear, toYear] = [Math.min(...years, now.getUTCFullYear()), Math.max(...years, now.getUTCFullYear())];
  const calendar = new ICalCalendar({
    prodId: { company: 'Baton', product: 'Cohort schedule', language: 'EN' },
    name: `${input.cohortName}: ${input.programTitle}`,
    description: `The weeks and check-ins of ${input.cohortName} (${input.programTitle}), in ${zone}.`,
    // The calendar-level name stays unset on purpose: ical-generator would then write DTSTAMP in
    // local time; the generator alone adds the VTIMEZONE for the events' TZID.
    timezone: { name: null, generator: (tz) => vtimezone(tz, fromYear, toYear) },
  });
  if (zone !== 'UTC') calendar.x([['X-WR-TIMEZONE', zone]]);
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      summary: e.summary,
      description: e.description,
      allDay: e.allDay,
      // All-day dates are floating (the same days everywhere): carried as UTC so nothing shifts them.
      start: wallClock(e.allDay ? 'UTC' : zone, e.start),
      end: wallClock(e.allDay ? 'UTC' : zone, e.end),
      timezone: e.allDay || zone === 'UTC' ? null : zone,
      stamp: now,
      categories: e.categories.map((name) => ({ name })),
    });
  }
  return calendar.toString();
}

/**
 * A time as ical-generator's date-library interface (ICalDayJsStub) sees it: formatted as the
 * wall clock of the zone, with the real instant behind it. ical-generator formats a native Date
 * with a TZID in the server process's own zone, which would be wrong here.
 */
export function wallClock(timeZone: string, local: LocalTime): ICalDayJsStub {
  const time = local.time ?? '00:00';
  const instant = zonedWallClockToUtc(timeZone, local.date, time);
  const stub = (date: string, hhmm: string, instantMs: number): ICalDayJsStub => ({
    format(pattern?: string) {
      const [y, m, d] = date.split('-');
      const [h, mi] = hhmm.split(':');
      if (pattern === 'YYYYMMDD') return `${y}${m}${d}`;
      if (pattern === 'HHmmss') return `${h}${mi}00`;
      return `${date}T${hhmm}:00`;
    },
    isValid: () => true,
    toDate: () => new Date(instantMs),
    toJSON: () => new Date(instantMs).toISOString(),
    tz: () => stub(date, hhmm, instantMs),
    utc: () => {
      const iso = new Date(instantMs).toISOString();
      return stub(iso.slice(0, 10), iso.slice(11, 16), instantMs);
    },
  });
  return stub(local.date, time, instant.getTime());
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
