// Version 2 of the record mapping, the fix: goals are migrated too. It belongs in src/ (its import is
// relative to it): deploy it with
// `cp fix/transform.ts src/transform.ts && nimbus deploy`, then redrive the dead-letter queue.

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
    case 'goal':
      return {
        sk: `GOAL#${record.id}`,
        attributes: { target: text(record, 'target'), due: text(record, 'due') },
      };
    default:
      throw new UnsupportedRecordError(record.type);
  }
}
