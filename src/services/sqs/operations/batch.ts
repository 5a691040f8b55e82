// What the three batch operations share: entry validation with SQS's errors, and collecting per-entry
// results into Successful and Failed.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html

import { ServiceError } from '../../../core/errors.js';
import type * as model from '../../../core/generated/sqs.js';
import type { Infer } from '../../../core/shapes.js';

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

type BatchResultErrorEntry = Infer<typeof model.BatchResultErrorEntry>;

/** Whole-request checks, in the order SQS applies them. `entryName` is the awsQuery entry name. */
export function checkBatch(entries: readonly { Id: string }[] | undefined, entryName: string): void {
  if (!entries || entries.length === 0) {
    throw new ServiceError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  }
  if (entries.length > MAX_ENTRIES) {
    throw new ServiceError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (seen.has(Id)) throw new ServiceError('BatchEntryIdsNotDistinct', `Id ${Id} repeated.`);
    seen.add(Id);
  }
  for (const { Id } of entries) {
    if (!ENTRY_ID.test(Id)) {
      throw new ServiceError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
  }
}

/** Runs `run` per entry; a ServiceError fails only that entry, as AWS reports it. */
export function runEntries<E extends { Id: string }, R>(
  entries: readonly E[],
  run: (entry: E) => R,
): { Successful: (R & { Id: string })[]; Failed: BatchResultErrorEntry[] } {
  const Successful: (R & { Id: string })[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      Failed.push({
        Id: entry.Id,
        SenderFault: error.fault === 'Sender',
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return { Successful, Failed };
}
