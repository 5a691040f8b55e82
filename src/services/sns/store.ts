// SNS's tables. Topics and subscriptions are rows keyed by their ARNs (rowids give list order and page
// tokens); deliveries waiting to go out are rows too, written in the same transaction as the Publish that
// made them, so a message acknowledged to a publisher survives a kill and is delivered after a restart.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const SNS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sns_topics (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     attributes TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '{}',
     subscriptions_deleted INTEGER NOT NULL DEFAULT 0,
     next_sequence INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL);
   CREATE INDEX sns_topics_by_place ON sns_topics (account, region, id);
   CREATE TABLE sns_subscriptions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     topic_arn TEXT NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     owner TEXT NOT NULL,
     protocol TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     attributes TEXT NOT NULL,
     confirmed INTEGER NOT NULL,
     created_at INTEGER NOT NULL);
   CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (topic_arn, id);
   CREATE INDEX sns_subscriptions_by_place ON sns_subscriptions (account, region, id);
   CREATE TABLE sns_deduplication (
     topic_arn TEXT NOT NULL,
     dedup_id TEXT NOT NULL,
     message_id TEXT NOT NULL,
     sequence_number TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (topic_arn, dedup_id));
   CREATE TABLE sns_deliveries (
     id INTEGER PRIMARY KEY,
     subscription_arn TEXT NOT NULL,
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at INTEGER NOT NULL);
   CREATE INDEX sns_deliveries_by_due ON sns_deliveries (due_at, id);`,
  `CREATE TABLE sns_confirmations (
     token TEXT PRIMARY KEY,
     subscription_arn TEXT NOT NULL,
     topic_arn TEXT NOT NULL,
     expires_at INTEGER NOT NULL);
   CREATE INDEX sns_confirmations_by_subscription ON sns_confirmations (subscription_arn);`,
];

export interface TopicRow {
  id: number;
  arn: string;
  account: string;
  region: string;
  name: string;
  attributes: string;
  tags: string;
  subscriptions_deleted: number;
  next_sequence: number;
  created_at: number;
}

export interface SubscriptionRow {
  id: number;
  arn: string;
  topic_arn: string;
  account: string;
  region: string;
  owner: string;
  protocol: string;
  endpoint: string;
  attributes: string;
  confirmed: number;
  created_at: number;
}

export interface DeliveryRow {
  id: number;
  subscription_arn: string;
  payload: string;
  attempts: number;
  due_at: number;
}

const SNS_SQL = {
  topic: 'SELECT * FROM sns_topics WHERE arn = ?',
  topicsPage: 'SELECT * FROM sns_topics WHERE account = ? AND region = ? AND id > ? ORDER BY id LIMIT ?',
  insertTopic: `INSERT INTO sns_topics (arn, account, region, name, attributes, tags, created_at)
       VALUES (@arn, @account, @region, @name, @attributes, @tags, @created_at) RETURNING *`,
  updateTopicAttributes: 'UPDATE sns_topics SET attributes = ? WHERE arn = ?',
  updateTopicTags: 'UPDATE sns_topics SET tags = ? WHERE arn = ?',
  countDeletedSubscription:
    'UPDATE sns_topics SET subscriptions_deleted = subscriptions_deleted + 1 WHERE arn = ?',
  nextSequence:
    'UPDATE sns_topics SET next_sequence = next_sequence + 1 WHERE arn = ? RETURNING next_sequence',
  deleteTopic: 'DELETE FROM sns_topics WHERE arn = ?',

  subscription: 'SELECT * FROM sns_subscriptions WHERE arn = ?',
  subscriptionsOfTopic: 'SELECT * FROM sns_subscriptions WHERE topic_arn = ? ORDER BY id',
  subscriptionsOfTopicPage:
    'SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND id > ? ORDER BY id LIMIT ?',
  subscriptionsPage:
    'SELECT * FROM sns_subscriptions WHERE account = ? AND region = ? AND id > ? ORDER BY id LIMIT ?',
  subscriptionCounts: `SELECT COALESCE(SUM(confirmed = 1), 0) AS confirmed, COALESCE(SUM(confirmed = 0), 0) AS pending
       FROM sns_subscriptions WHERE topic_arn = ?`,
  insertSubscription: `INSERT INTO sns_subscriptions (arn, topic_arn, account, region, owner, protocol, endpoint,
         attributes, confirmed, created_at)
       VALUES (@arn, @topic_arn, @account, @region, @owner, @protocol, @endpoint, @attributes, @confirmed,
         @created_at) RETURNING *`,
  updateSubscriptionAttributes: 'UPDATE sns_subscriptions SET attributes = ? WHERE arn = ?',
  deleteSubscription: 'DELETE FROM sns_subscriptions WHERE arn = ?',
  deleteSubscriptionsOfTopic: 'DELETE FROM sns_subscriptions WHERE topic_arn = ?',

  findDuplicate:
    'SELECT message_id, sequence_number FROM sns_deduplication WHERE topic_arn = ? AND dedup_id = ? AND expires_at > ?',
  recordDeduplication: `INSERT INTO sns_deduplication (topic_arn, dedup_id, message_id, sequence_number, expires_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET message_id = excluded.message_id,
         sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`,
  deleteExpiredDeduplication: 'DELETE FROM sns_deduplication WHERE topic_arn = ? AND expires_at <= ?',

  insertDelivery: 'INSERT INTO sns_deliveries (subscription_arn, payload, due_at) VALUES (?, ?, ?)',
  dueDeliveries: 'SELECT * FROM sns_deliveries WHERE due_at <= ? ORDER BY id LIMIT ?',
  nextDueAfter: 'SELECT MIN(due_at) AS at FROM sns_deliveries WHERE due_at > ?',
  retryDelivery: 'UPDATE sns_deliveries SET attempts = ?, due_at = ? WHERE id = ?',
  deleteDelivery: 'DELETE FROM sns_deliveries WHERE id = ?',

  insertConfirmation:
    'INSERT INTO sns_confirmations (token, subscription_arn, topic_arn, expires_at) VALUES (?, ?, ?, ?)',
  confirmation: 'SELECT * FROM sns_confirmations WHERE token = ? AND topic_arn = ? AND expires_at > ?',
  deleteConfirmationsOf: 'DELETE FROM sns_confirmations WHERE subscription_arn = ?',
  confirmSubscription: 'UPDATE sns_subscriptions SET confirmed = 1 WHERE arn = ?',
  deleteAllConfirmations: 'DELETE FROM sns_confirmations',

  deleteAllTopics: 'DELETE FROM sns_topics',
  deleteAllSubscriptions: 'DELETE FROM sns_subscriptions',
  deleteAllDeduplication: 'DELETE FROM sns_deduplication',
  deleteAllDeliveries: 'DELETE FROM sns_deliveries',
};

export type SnsStatements = { readonly [K in keyof typeof SNS_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function snsStatements(store: Store): SnsStatements {
  return prepareAll(store, SNS_SQL);
}
