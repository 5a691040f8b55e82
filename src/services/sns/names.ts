// SNS names and ARNs: topic names, `arn:aws:sns:region:account:topic[:subscription-id]`, page tokens.
// https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html

import { randomUUID } from 'node:crypto';
import { formatArn, parseArn } from '../../core/arn.js';
import { invalidParameter } from './errors.js';

export interface TopicPlace {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export function topicArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'sns', region, account, resource: name });
}

export function newSubscriptionArn(topic: string): string {
  return `${topic}:${randomUUID()}`;
}

/** Checks a CreateTopic name against its kind; AWS words the two failures differently. */
export function checkTopicName(name: string, fifo: boolean): void {
  if (fifo && !FIFO_TOPIC_NAME.test(name)) {
    throw invalidParameter(
      'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
    );
  }
  if (!fifo && !TOPIC_NAME.test(name)) throw invalidParameter('Topic Name');
}

/** Reads a topic ARN the way SNS does: a malformed one is an InvalidParameter naming the parameter. */
export function parseTopicArn(arn: string, parameter = 'TopicArn'): TopicPlace {
  const parts = arn.split(':');
  if (parts.length < 6) {
    throw invalidParameter(`${parameter} Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  }
  const parsed = parseArn(arn);
  if (parsed?.service !== 'sns' || parts.length !== 6 || !parsed.resource) {
    throw invalidParameter(parameter);
  }
  return { account: parsed.account, region: parsed.region, name: parsed.resource };
}

/** A subscription ARN is its topic's ARN plus one more element. */
export function parseSubscriptionArn(arn: string, parameter = 'SubscriptionArn'): string {
  const parts = arn.split(':');
  if (parts.length < 6) {
    throw invalidParameter(`${parameter} Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  }
  if (parts.length !== 7 || parts[2] !== 'sns') throw invalidParameter(parameter);
  return parts.slice(0, 6).join(':');
}

/** Page tokens carry the last row id seen; opaque to clients, as AWS's are. */
export function encodeToken(lastId: number): string {
  return Buffer.from(`sns:${lastId}`).toString('base64');
}

export function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const match = /^sns:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw invalidParameter('NextToken');
  return Number(match[1]);
}

/** One page of rows after the token, and the token for the next page when there is one. */
export function page<T extends { id: number }>(
  fetch: (afterId: number, limit: number) => T[],
  token: string | undefined,
  size: number,
): { rows: T[]; NextToken?: string } {
  const rows = fetch(decodeToken(token), size + 1);
  if (rows.length <= size) return { rows };
  const shown = rows.slice(0, size);
  return { rows: shown, NextToken: encodeToken(shown[shown.length - 1]!.id) };
}
