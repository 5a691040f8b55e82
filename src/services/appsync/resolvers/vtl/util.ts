// `$util` for VTL mapping templates: the shared utilities plus the Velocity-only ones (`qr`, `quiet`,
// `toJson`, the null and type tests, `validate`, `matches`, `typeOf`) and `$extensions`.
// https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html

import type { ResolverContext } from '../contract.js';
import { sharedUtils } from '../util/core.js';
import { ErrorSignal, type Session, utilError } from '../util/signals.js';

const isBlank = (v: unknown) => typeof v === 'string' && v.trim() === '';
const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `$util.typeOf`: the Java type names AppSync reports. */
function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'List';
  if (typeof value === 'object') return 'Map';
  return 'Object';
}

export function vtlUtil(session: Session, context: ResolverContext) {
  return {
    ...sharedUtils(session, context, true),
    qr: () => '',
    quiet: () => '',
    toJson: (value: unknown) => (value === undefined ? 'null' : JSON.stringify(value)),
    isNull: (v: unknown) => v === null || v === undefined,
    isNullOrEmpty: (v: unknown) => v === null || v === undefined || v === '',
    isNullOrBlank: (v: unknown) => v === null || v === undefined || isBlank(v),
    defaultIfNull: (v: unknown, d: unknown) => (v === null || v === undefined ? d : v),
    defaultIfNullOrEmpty: (v: unknown, d: unknown) => (v === null || v === undefined || v === '' ? d : v),
    defaultIfNullOrBlank: (v: unknown, d: unknown) => (v === null || v === undefined || isBlank(v) ? d : v),
    isString: (v: unknown) => typeof v === 'string',
    isNumber: (v: unknown) => typeof v === 'number',
    isBoolean: (v: unknown) => typeof v === 'boolean',
    isList: (v: unknown) => Array.isArray(v),
    isMap,
    typeOf,
    /** Java's String.matches: the whole string must match. */
    matches: (pattern: unknown, text: unknown) =>
      new RegExp(`^(?:${String(pattern)})$`).test(String(text ?? '')),
    validate: (condition: unknown, message: unknown, errorType?: unknown, data?: unknown) => {
      if (!condition) throw new ErrorSignal(utilError(message, errorType, data));
      return '';
    },
  };
}

export function vtlExtensions(session: Session) {
  return {
    setSubscriptionFilter: (filter: unknown) => {
      session.subscriptionFilter = filter;
      return '';
    },
    setSubscriptionInvalidationFilter: (filter: unknown) => {
      session.subscriptionInvalidationFilter = filter;
      return '';
    },
    invalidateSubscriptions: (invalidation: unknown) => {
      session.invalidations.push(invalidation);
      return '';
    },
    evictFromApiCache: (typeName: unknown, fieldName: unknown, keys: unknown) => {
      session.evictions.push({ typeName, fieldName, keys });
      return '';
    },
  };
}
