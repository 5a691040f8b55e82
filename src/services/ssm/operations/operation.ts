// The Parameter Store operation factory and what several operations share: page tokens, the caller as
// LastModifiedUser, and finding the parameter a request names.

import { operationFor, type RequestContext } from '../../../core/service.js';
import { invalidNextToken, parameterNotFound, versionNotFound } from '../errors.js';
import { type ParameterReference, parseReference } from '../names.js';
import type { ParameterStore } from '../ssm.js';
import type { ParameterRow, VersionRow } from '../store.js';

export const operation = operationFor<ParameterStore>();

/** Tokens carry the last key (or version) of the page before, so a deletion between pages never skips
 * or repeats an entry. Opaque to callers; the operation's name is in it so one cannot be replayed on
 * another. */
export function encodeToken(kind: string, after: string | number): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

export function decodeToken<T extends string | number>(kind: string, token: string | undefined, start: T): T {
  if (token === undefined) return start;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      a?: unknown;
    };
    if (parsed.k === kind && typeof parsed.a === typeof start) return parsed.a as T;
  } catch {
    // Falls through to the error below.
  }
  throw invalidNextToken();
}

/** Who made a version, as LastModifiedUser shows it: every caller is the account's root user here. */
export function callerArn(ctx: RequestContext): string {
  return `arn:aws:iam::${ctx.account}:root`;
}

export interface Resolved {
  readonly parameter: ParameterRow;
  readonly version: VersionRow;
  readonly reference: ParameterReference;
}

/** The parameter and version a Get names (`name`, `name:3`, `name:label`, or an ARN of them), or AWS's
 * error: ParameterNotFound for an unknown name or label, ParameterVersionNotFound for an unknown version. */
export function resolve(ssm: ParameterStore, text: string, ctx: RequestContext): Resolved {
  const reference = parseReference(text, ctx.account, ctx.region);
  const parameter = reference && ssm.find(ctx.account, ctx.region, reference.name);
  if (!reference || !parameter) throw parameterNotFound();
  let number = reference.version ?? parameter.version;
  if (reference.label !== undefined) {
    const labelled = ssm.labelVersion(parameter, reference.label);
    if (labelled === undefined) throw parameterNotFound();
    number = labelled;
  }
  const version = ssm.version(parameter, number);
  if (!version) throw versionNotFound(reference.name, number);
  return { parameter, version, reference };
}
