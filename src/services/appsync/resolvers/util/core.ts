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

/** Headers `util.http.copyHeaders` leaves out, as AppSync lists them.
 * https://docs.aws.amazon.com/appsync/latest/devguide/http-helpers-in-utils-http-js.html */
const UNCOPIED_HEADERS = new Set([
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
]);

/** Names `util.http.addResponseHeader` refuses besides those: CORS and the content's own headers. */
const UNADDABLE_HEADERS = new Set([
  ...UNCOPIED_HEADERS,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

/** Custom response headers, names and values together, stay under 4 KB. */
const MAX_RESPONSE_HEADER_BYTES = 4096;

/** `$util.dynamodb`, built once per form: it holds no state of an evaluation. */
const DYNAMODB_JSON = dynamodbUtils(true);
const DYNAMODB_PLAIN = dynamodbUtils(false);

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
  // Read at each call: a loaded APPSYNC_JS code's utilities outlive one session (resolvers/js).
  const now = () => session.now();
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
    dynamodb: json ? DYNAMODB_JSON : DYNAMODB_PLAIN,
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
        addResponseHeader(session, name, value);
        return '';
      },
      addResponseHeaders: (headers: unknown) => {
        for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
          addResponseHeader(session, k, v);
        }
        return '';
      },
    },
  };
}

/** A header for the GraphQL answer; one AppSync refuses (empty or restricted name, null value, over the
 * size limit) is left out with a ResponseHeaderError added to the operation's errors. The error's message
 * is ours: AppSync's documentation names only its type. */
function addResponseHeader(session: Session, name: unknown, value: unknown): void {
  const key = typeof name === 'string' ? name : '';
  const lower = key.toLowerCase();
  const refused =
    key === '' ||
    value === null ||
    value === undefined ||
    UNADDABLE_HEADERS.has(lower) ||
    lower.startsWith('x-amzn-') ||
    lower.startsWith('x-amz-');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const size = Object.entries({ ...session.responseHeaders, [key]: text }).reduce(
    (total, [k, v]) => total + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );
  if (refused || size > MAX_RESPONSE_HEADER_BYTES) {
    session.appendedErrors.push(
      utilError(
        refused
          ? `Response header '${key}' cannot be set.`
          : `Custom response headers exceed ${MAX_RESPONSE_HEADER_BYTES} bytes.`,
        'ResponseHeaderError',
      ),
    );
    return;
  }
  session.responseHeaders[key] = text;
}
