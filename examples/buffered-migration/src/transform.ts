// Version 1 of the record mapping: profiles and workouts. The legacy system also has goals, which this
// version does not know: they throw, are retried, and wait in the dead-letter queue (see fix/transform.ts).

import { type LegacyRecord, number, text, UnsupportedRecordError, type UserItem } from './records';

export function toItem(record: LegacyRecord): UserItem {
  switch (record.type) {
    case 'profile':
      return { sk: 'PROFILE', attributes: { name: text(record, 'name'), email: text(record, 'email') } };
    case 'workout':
      // Sorted by time within the user's partition; the routine is copied in as it was when completed.
      return {
        sk: `WORKOUT#${record.completedAt}#${record.id}`,
        attributes: {
          completedAt: text(record, 'completedAt'),
          routine: text(record, 'routine'),
          minutes: number(record, 'minutes'),
        },
      };
    default:
      throw new UnsupportedRecordError(record.type);
  }
}
