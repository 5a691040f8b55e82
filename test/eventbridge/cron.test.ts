// Table-driven tests of lib/aws-cron: which schedule expressions AWS accepts, and when each fires next.
// Cases come from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// (the cron and rate sections and their examples).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextFire, parseSchedule, ScheduleError } from '../../src/lib/aws-cron/index.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('aws-cron', () => {
  const valid = [
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0/30 20-2 ? * MON-FRI *)',
    'cron(0 12 * * ? *)',
    'cron(5,35 14 * * ? *)',
    'cron(15 10 ? * 6L 2019-2022)',
    'cron(0 9 L * ? *)',
    'cron(0 9 3W * ? *)',
    'cron(0 9 ? * 3#2 *)',
    'cron(0 0 1 JAN-MAR ? 2030)',
  ];
  for (const expression of valid) {
    it(`accepts ${expression}`, () => {
      parseSchedule(expression);
    });
  }

  const invalid = [
    'rate(1 minutes)', // "If the value is equal to 1, then the unit must be singular"
    'rate(5 minute)', // "If the value is greater than 1, the unit must be plural"
    'rate(0 minutes)',
    'rate(1 second)',
    'rate(-1 days)',
    'rate(1.5 hours)',
    'cron(0 12 * * * *)', // one of day-of-month and day-of-week must be ?
    'cron(0 12 ? * ? *)',
    'cron(0 12 * * ?)', // six fields
    'cron(60 12 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 12 32 * ? *)',
    'cron(0 12 ? * 8 *)',
    'cron(0 12 * 13 ? *)',
    'cron(0 12 * * ? 2200)',
    'cron(0 12 * FOO ? *)',
    'every 5 minutes',
  ];
  for (const expression of invalid) {
    it(`refuses ${expression}`, () => {
      assert.throws(() => parseSchedule(expression), ScheduleError);
    });
  }

  const next: readonly { expression: string; after: string; next: string | undefined; start?: string }[] = [
    { expression: 'rate(5 minutes)', after: '2026-01-01T00:00:00Z', next: '2026-01-01T00:05:00.000Z' },
    {
      expression: 'rate(5 minutes)',
      start: '2026-01-01T00:00:00Z',
      after: '2026-01-01T00:07:30Z',
      next: '2026-01-01T00:10:00.000Z',
    },
    { expression: 'rate(1 day)', after: '2026-01-01T13:00:00Z', next: '2026-01-02T13:00:00.000Z' },
    { expression: 'cron(0 10 * * ? *)', after: '2026-01-01T09:59:59Z', next: '2026-01-01T10:00:00.000Z' },
    { expression: 'cron(0 10 * * ? *)', after: '2026-01-01T10:00:00Z', next: '2026-01-02T10:00:00.000Z' },
    { expression: 'cron(15 12 * * ? *)', after: '2026-01-01T12:15:30Z', next: '2026-01-02T12:15:00.000Z' },
    // 2026-01-03 is a Saturday: MON-FRI skips to Monday the 5th.
    {
      expression: 'cron(0 18 ? * MON-FRI *)',
      after: '2026-01-02T18:00:00Z',
      next: '2026-01-05T18:00:00.000Z',
    },
    { expression: 'cron(0 8 1 * ? *)', after: '2026-01-01T08:00:00Z', next: '2026-02-01T08:00:00.000Z' },
    { expression: 'cron(0/15 * * * ? *)', after: '2026-01-01T00:16:00Z', next: '2026-01-01T00:30:00.000Z' },
    { expression: 'cron(1/10 * * * ? *)', after: '2026-01-01T00:02:00Z', next: '2026-01-01T00:11:00.000Z' },
    // Hours 20-2 wrap past midnight.
    {
      expression: 'cron(0/30 20-2 ? * MON-FRI *)',
      after: '2026-01-06T02:30:00Z',
      next: '2026-01-06T20:00:00.000Z',
    },
    {
      expression: 'cron(0/30 20-2 ? * MON-FRI *)',
      after: '2026-01-06T23:30:00Z',
      next: '2026-01-07T00:00:00.000Z',
    },
    { expression: 'cron(5,35 14 * * ? *)', after: '2026-01-01T14:05:00Z', next: '2026-01-01T14:35:00.000Z' },
    // Last Friday of the month, 2019-2022: after the last one there is no next.
    {
      expression: 'cron(15 10 ? * 6L 2019-2022)',
      after: '2019-01-01T00:00:00Z',
      next: '2019-01-25T10:15:00.000Z',
    },
    { expression: 'cron(15 10 ? * 6L 2019-2022)', after: '2022-12-30T10:15:00Z', next: undefined },
    { expression: 'cron(0 9 L * ? *)', after: '2028-02-01T00:00:00Z', next: '2028-02-29T09:00:00.000Z' },
    // The weekday nearest the 3rd: 2026-01-03 is a Saturday, so Friday the 2nd.
    { expression: 'cron(0 9 3W * ? *)', after: '2026-01-01T00:00:00Z', next: '2026-01-02T09:00:00.000Z' },
    // 3#2: the second Tuesday; January 2026's is the 13th.
    { expression: 'cron(0 9 ? * 3#2 *)', after: '2026-01-01T00:00:00Z', next: '2026-01-13T09:00:00.000Z' },
    { expression: 'cron(0 0 1 JAN-MAR ? 2030)', after: '2030-03-01T00:00:00Z', next: undefined },
  ];
  for (const { expression, after, next: expected, start } of next) {
    it(`${expression} after ${after} fires at ${expected ?? 'no time'}`, () => {
      const schedule = parseSchedule(expression);
      assert.equal(iso(nextFire(schedule, at(after), start ? at(start) : undefined)), expected);
    });
  }
});
