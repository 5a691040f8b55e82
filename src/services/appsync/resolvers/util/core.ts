// The utilities both runtimes share, bound to one evaluation's Session: `$util.*` in VTL, `util.*` in
// APPSYNC_JS (each runtime adds its own few: `qr`/`toJson` in VTL, `runtime`/`console` in JS).
// https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html
// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html

import { commonUtil } from '../../../../lib/vtl/index.js';
import type { ResolverContext } from '../contract.js';
import { listUtils, mapUtils, mathUtils, strUtils, xmlUtils } from './collections.js';
import { dynamodbUtils } from './dynamodb.js';
import { autoId, autoKsuid, autoUlid } from './ids.js';
import { ErrorSignal, type Session, UnauthorizedSignal, utilError } from './signals.js';
import { timeUtils } from './time.js';
import { toDynamoDBExpression, toSubscriptionFilter } from './transform.js';

/** Headers `$util.http.copyHeaders` leaves out (hop-by-hop and AppSync's own). */
const UNCOPIED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'x-forwarded-for',
  'transfer-encoding',
]);

/** `$util.authType()`: the names AppSync gives each authorization mode. */
export function authType(identity: ResolverContext['identity']): string {
  if (!identity) return 'API Key Authorization';
  switch (identity.kind) {
    case 'AWS_IAM':
      return 'IAM Authorization';
    case 'AMAZON_COGNITO_USER_POOLS':
      return 'User Pool Authorization';
    case 'OPENID_CONNECT':
      return 'Open ID Connect Authorization';
    default:
      return 'Lambda Authorization';
  }
}

export function sharedUtils(session: Session, context: ResolverContext, json: boolean) {
  const now = session.now;
  const logLine = (args: unknown[]) =>
    session.logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return {
    ...commonUtil,
    autoId,
    autoUlid: () => autoUlid(now()),
    autoKsuid: () => autoKsuid(now()),
    error: (message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never => {
      throw new ErrorSignal(utilError(message, errorType, data, errorInfo));
    },
    appendError: (message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown) => {
      session.appendedErrors.push(utilError(message, errorType, data, errorInfo));
      return '';
    },
    unauthorized: (): never => {
      throw new UnauthorizedSignal();
    },
    authType: () => authType(context.identity),
    log: {
      info: (...args: unknown[]) => {
        logLine(args);
        return '';
      },
      error: (...args: unknown[]) => {
        logLine(args);
        return '';
      },
    },
    time: timeUtils(now),
    dynamodb: dynamodbUtils(json),
    list: listUtils,
    map: mapUtils,
    str: strUtils,
    math: mathUtils,
    xml: xmlUtils,
    transform: {
      toDynamoDBFilterExpression: (filter: unknown) => JSON.stringify(toDynamoDBExpression(filter)),
      toDynamoDBConditionExpression: (condition: unknown) => JSON.stringify(toDynamoDBExpression(condition)),
      toSubscriptionFilter,
    },
    http: {
      copyHeaders: (headers: unknown) =>
        Object.fromEntries(
          Object.entries((headers ?? {}) as Record<string, unknown>).filter(
            ([k]) => !UNCOPIED_HEADERS.has(k.toLowerCase()),
          ),
        ),
      addResponseHeader: (name: unknown, value: unknown) => {
        session.responseHeaders[String(name)] = String(value);
        return '';
      },
      addResponseHeaders: (headers: unknown) => {
        for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
          session.responseHeaders[k] = String(v);
        }
        return '';
      },
    },
  };
}
