// Task tokens: opaque to workers, but readable by Nimbus, so that a token that was once handed out and whose
// task has ended is told apart (TaskTimedOut) from one that never was (InvalidToken).
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token

import { randomBytes } from 'node:crypto';

export function newTaskToken(executionArn: string): string {
  const body = JSON.stringify({ e: executionArn, r: randomBytes(24).toString('base64url') });
  return `AQ${Buffer.from(body, 'utf8').toString('base64url')}`;
}

/** The execution a token of ours belongs to, or undefined for text that is no token of ours. */
export function tokenExecution(token: string): string | undefined {
  if (!token.startsWith('AQ')) return undefined;
  try {
    const body = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as { e?: unknown };
    return typeof body.e === 'string' ? body.e : undefined;
  } catch {
    return undefined;
  }
}
