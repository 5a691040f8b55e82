// SQS's tables. Messages are rows; a receive is one transaction that picks visible rows and moves their
// visibility forward, so two receivers never get the same message within its visibility timeout.
// Every index costs a page write per send, so there are only the ones a query needs: message ids are
// plain rowids (no AUTOINCREMENT bookkeeping; a reused id cannot match an old receipt handle's token) and
// the group index only holds messages that have a group.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const SQS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sqs_queues (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     attributes TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL,
     purged_at INTEGER,
     next_sequence INTEGER NOT NULL DEFAULT 0,
     UNIQUE (account, region, name));
   CREATE TABLE sqs_messages (
     id INTEGER PRIMARY KEY,
     queue_id INTEGER NOT NULL REFERENCES sqs_queues(id) ON DELETE CASCADE,
     message_id TEXT NOT NULL,
     body TEXT NOT NULL,
     message_attributes TEXT,
     system_attributes TEXT,
     md5_body TEXT NOT NULL,
     sender_id TEXT NOT NULL,
     sent_at INTEGER NOT NULL,
     enqueued_at INTEGER NOT NULL,
     visible_at INTEGER NOT NULL,
     receive_count INTEGER NOT NULL DEFAULT 0,
     first_received_at INTEGER,
     received_at INTEGER,
     receipt_token TEXT,
     group_id TEXT,
     dedup_id TEXT,
     sequence_number TEXT,
     dead_letter_source_arn TEXT);
   CREATE INDEX sqs_messages_by_visibility ON sqs_messages (queue_id, visible_at, id);
   CREATE INDEX sqs_messages_by_group ON sqs_messages (queue_id, group_id, id) WHERE group_id IS NOT NULL;
   CREATE INDEX sqs_messages_by_age ON sqs_messages (queue_id, enqueued_at);
   CREATE TABLE sqs_deduplication (
     queue_id INTEGER NOT NULL REFERENCES sqs_queues(id) ON DELETE CASCADE,
     scope TEXT NOT NULL,
     dedup_id TEXT NOT NULL,
     message_id TEXT NOT NULL,
     sequence_number TEXT,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (queue_id, scope, dedup_id));
   CREATE TABLE sqs_move_tasks (
     task_id TEXT PRIMARY KEY,
     source_arn TEXT NOT NULL,
     destination_arn TEXT,
     max_per_second INTEGER,
     status TEXT NOT NULL,
     moved INTEGER NOT NULL DEFAULT 0,
     to_move INTEGER NOT NULL,
     failure_reason TEXT,
     started_at INTEGER NOT NULL);`,
];

export interface QueueRow {
  id: number;
  account: string;
  region: string;
  name: string;
  attributes: string;
  tags: string;
  created_at: number;
  modified_at: number;
  purged_at: number | null;
  next_sequence: number;
}

export interface MessageRow {
  id: number;
  queue_id: number;
  message_id: string;
  body: string;
  message_attributes: string | null;
  system_attributes: string | null;
  md5_body: string;
  sender_id: string;
  sent_at: number;
  enqueued_at: number;
  visible_at: number;
  receive_count: number;
  first_received_at: number | null;
  received_at: number | null;
  receipt_token: string | null;
  group_id: string | null;
  dedup_id: string | null;
  sequence_number: string | null;
  dead_letter_source_arn: string | null;
}

export interface MoveTaskRow {
  task_id: string;
  source_arn: string;
  destination_arn: string | null;
  max_per_second: number | null;
  status: string;
  moved: number;
  to_move: number;
  failure_reason: string | null;
  started_at: number;
}

export type NewMessage = Omit<
  MessageRow,
  'id' | 'receive_count' | 'first_received_at' | 'received_at' | 'receipt_token'
>;

const SQS_SQL = {
  allQueues: 'SELECT * FROM sqs_queues',
  insertQueue: `INSERT INTO sqs_queues (account, region, name, attributes, tags, created_at, modified_at)
       VALUES (@account, @region, @name, @attributes, @tags, @created_at, @modified_at)`,
  updateQueueAttributes: 'UPDATE sqs_queues SET attributes = ?, modified_at = ? WHERE id = ?',
  updateQueueTags: 'UPDATE sqs_queues SET tags = ? WHERE id = ?',
  updateQueuePurgedAt: 'UPDATE sqs_queues SET purged_at = ? WHERE id = ?',
  nextSequence:
    'UPDATE sqs_queues SET next_sequence = next_sequence + 1 WHERE id = ? RETURNING next_sequence',
  deleteQueue: 'DELETE FROM sqs_queues WHERE id = ?',
  deleteAllQueues: 'DELETE FROM sqs_queues',

  insertMessage: `INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, system_attributes, md5_body,
         sender_id, sent_at, enqueued_at, visible_at, group_id, dedup_id, sequence_number, dead_letter_source_arn)
       VALUES (@queue_id, @message_id, @body, @message_attributes, @system_attributes, @md5_body, @sender_id,
         @sent_at, @enqueued_at, @visible_at, @group_id, @dedup_id, @sequence_number, @dead_letter_source_arn)`,
  visibleMessages:
    'SELECT * FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? ORDER BY visible_at, id LIMIT ?',
  // FIFO: a message is available only when no earlier message of its group is invisible (in flight or delayed).
  visibleFifoMessages: `SELECT m.* FROM sqs_messages m WHERE m.queue_id = @queue AND m.visible_at <= @now
         AND NOT EXISTS (SELECT 1 FROM sqs_messages b WHERE b.queue_id = m.queue_id AND b.group_id = m.group_id
                         AND b.id < m.id AND b.visible_at > @now)
       ORDER BY m.id LIMIT @limit`,
  nextVisibleAt: 'SELECT MIN(visible_at) AS at FROM sqs_messages WHERE queue_id = ? AND visible_at > ?',
  markReceived: `UPDATE sqs_messages SET visible_at = ?, receive_count = receive_count + 1,
         first_received_at = COALESCE(first_received_at, ?), received_at = ?, receipt_token = ? WHERE id = ?`,
  messageById: 'SELECT * FROM sqs_messages WHERE id = ? AND queue_id = ?',
  setVisibleAt: 'UPDATE sqs_messages SET visible_at = ? WHERE id = ?',
  deleteMessage: 'DELETE FROM sqs_messages WHERE id = ?',
  deleteReceived: 'DELETE FROM sqs_messages WHERE id = ? AND queue_id = ? AND receipt_token = ?',
  deleteExpired: 'DELETE FROM sqs_messages WHERE queue_id = ? AND enqueued_at <= ?',
  purge: 'DELETE FROM sqs_messages WHERE queue_id = ?',
  counts: `SELECT COALESCE(SUM(visible_at <= @now), 0) AS visible,
              COALESCE(SUM(visible_at > @now AND receive_count > 0), 0) AS inflight,
              COALESCE(SUM(visible_at > @now AND receive_count = 0), 0) AS delayed
       FROM sqs_messages WHERE queue_id = @queue`,
  countMessages: 'SELECT COUNT(*) AS n FROM sqs_messages WHERE queue_id = ?',
  oldestEnqueuedAt: 'SELECT MIN(enqueued_at) AS at FROM sqs_messages WHERE queue_id = ?',
  oldestMessages: 'SELECT * FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? ORDER BY id LIMIT ?',

  findDuplicate:
    'SELECT message_id, sequence_number FROM sqs_deduplication WHERE queue_id = ? AND scope = ? AND dedup_id = ? AND expires_at > ?',
  recordDeduplication: `INSERT INTO sqs_deduplication (queue_id, scope, dedup_id, message_id, sequence_number, expires_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET message_id = excluded.message_id,
         sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`,
  deleteExpiredDeduplication: 'DELETE FROM sqs_deduplication WHERE queue_id = ? AND expires_at <= ?',

  insertMoveTask: `INSERT INTO sqs_move_tasks (task_id, source_arn, destination_arn, max_per_second, status, to_move, started_at)
       VALUES (@task_id, @source_arn, @destination_arn, @max_per_second, @status, @to_move, @started_at)`,
  updateMoveTask: 'UPDATE sqs_move_tasks SET status = ?, moved = ?, failure_reason = ? WHERE task_id = ?',
  moveTask: 'SELECT * FROM sqs_move_tasks WHERE task_id = ?',
  moveTasksBySource:
    'SELECT * FROM sqs_move_tasks WHERE source_arn = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
  runningMoveTasks: "SELECT * FROM sqs_move_tasks WHERE status IN ('RUNNING', 'CANCELLING')",
  deleteAllMoveTasks: 'DELETE FROM sqs_move_tasks',
};

export type SqsStatements = { readonly [K in keyof typeof SQS_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function sqsStatements(store: Store): SqsStatements {
  return prepareAll(store, SQS_SQL);
}
