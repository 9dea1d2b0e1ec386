import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { lastWorkingDay, planSchedule, renderScheduleIcs, type ScheduleInput } from './cohort-schedule.js';

const input = (extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  cohortId: 'c0h0r7',
  cohortName: 'March intake',
  startsOn: '2026-03-02',
  timeZone: 'Europe/Berlin',
  programTitle: 'AI Handoff Certification',
  weeks: [1, 2, 3].map((n) => ({
    number: n,
    title: `Title ${n}`,
    summary: `Summary ${n}`,
    activities: [
      { title: `Lesson ${n}`, minutes: 20, requiresSignOff: false },
      { title: `Practice ${n}`, minutes: 90, requiresSignOff: n > 1 },
    ],
  })),
  ...extra,
});

function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('cohort schedule', () => {
  it('plans three 7-day weeks from the start date and a check-in on each last working day', () => {
    const events = planSchedule(input());
    expect(events.map((e) => [e.uid, e.start, e.end])).toEqual([
      ['cohort-c0h0r7-week-1@baton', { date: '2026-03-02' }, { date: '2026-03-09' }],
      ['cohort-c0h0r7-week-1-check-in@baton', { date: '2026-03-06', time: '15:00' }, { date: '2026-03-06', time: '15:30' }],
      ['cohort-c0h0r7-week-2@baton', { date: '2026-03-09' }, { date: '2026-03-16' }],
      ['cohort-c0h0r7-week-2-check-in@baton', { date: '2026-03-13', time: '15:00' }, { date: '2026-03-13', time: '15:30' }],
      ['cohort-c0h0r7-week-3@baton', { date: '2026-03-16' }, { date: '2026-03-23' }],
      ['cohort-c0h0r7-week-3-check-in@baton', { date: '2026-03-20', time: '15:00' }, { date: '2026-03-20', time: '15:30' }],
    ]);
    expect(events[0].summary).toBe('Week 1: Title 1');
    expect(events[0].description).toContain('- Lesson 1 (20 min)');
    expect(events[2].description).toContain('- Practice 2 (1 h 30 min, supervisor sign-off)');
    expect(events[3].description).toContain('Sign-offs this week: Practice 2.');
  });

  it('finds the last working day of weeks that do not start on a Monday', () => {
    expect(lastWorkingDay('2026-03-04', '2026-03-10')).toBe('2026-03-10'); // Wed..Tue
    expect(lastWorkingDay('2026-03-07', '2026-03-13')).toBe('2026-03-13'); // Sat..Fri
    expect(lastWorkingDay('2026-03-03', '2026-03-09')).toBe('2026-03-09'); // Tue..Mon
    expect(lastWorkingDay('2026-03-07', '2026-03-08')).toBeNull();
  });

  it('renders RFC 5545 that ical.js reads back, with the TZID and its VTIMEZONE', () => {
    const ics = renderScheduleIcs(input(), planSchedule(input()), new Date('2026-02-01T12:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTAMP:20260201T120000Z');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260302');
    expect(ics).toContain('DTEND;VALUE=DATE:20260309');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260306T150000');
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Berlin');
    const { component, events } = parse(ics);
    expect(component.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin']);
    expect(events).toHaveLength(6);
    const week1 = events[0];
    expect(week1.startDate.isDate).toBe(true);
    expect(week1.startDate.toString()).toBe('2026-03-02');
    expect(week1.endDate.toString()).toBe('2026-03-09');
    const checkIn = events[1];
    expect(checkIn.startDate.zone.tzid).toBe('Europe/Berlin');
    expect(checkIn.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(checkIn.startDate.toJSDate().toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(events[5].startDate.toJSDate().toISOString()).toBe('2026-03-20T14:00:00.000Z');
  });

  it('converts across a DST change with the generated VTIMEZONE', () => {
    const schedule = input({ startsOn: '2026-03-23' });
    const { events } = parse(renderScheduleIcs(schedule, planSchedule(schedule)));
    expect(events[1].startDate.toJSDate().toISOString()).toBe('2026-03-27T14:00:00.000Z'); // CET
    expect(events[3].startDate.toJSDate().toISOString()).toBe('2026-04-03T13:00:00.000Z'); // CEST
  });

  it('uses plain UTC times for a UTC cohort', () => {
    const schedule = input({ timeZone: 'UTC' });
    const ics = renderScheduleIcs(schedule, planSchedule(schedule));
    expect(ics).toContain('DTSTART:20260306T150000Z');
    expect(ics).not.toContain('TZID');
    expect(ics).not.toContain('VTIMEZONE');
  });
});
