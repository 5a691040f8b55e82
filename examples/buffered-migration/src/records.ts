// The legacy records the old onboarding service exported, and the item each becomes in the users table.

import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One message on the queue: `{ "type": "workout", "userId": "ana", "id": "w-1", ... }`. */
export interface LegacyRecord {
  readonly type: string;
  readonly userId: string;
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Where a record goes in the user's partition (`pk = USER#<userId>`), and what it holds. */
export interface UserItem {
  readonly sk: string;
  readonly attributes: Record<string, AttributeValue>;
}

/** Thrown for a record this version of the migration does not know how to migrate. */
export class UnsupportedRecordError extends Error {
  constructor(type: string) {
    super(`Unsupported record type "${type}"`);
    this.name = 'UnsupportedRecordError';
  }
}

export function text(record: LegacyRecord, field: string): AttributeValue {
  const value = record[field];
  if (typeof value !== 'string') throw new Error(`${record.type} ${record.id}: "${field}" is not a string`);
  return { S: value };
}

export function number(record: LegacyRecord, field: string): AttributeValue {
  const value = record[field];
  if (typeof value !== 'number') throw new Error(`${record.type} ${record.id}: "${field}" is not a number`);
  return { N: String(value) };
}
