// How Lambda names things: function names, the forms a FunctionName parameter may take (name, partial
// ARN, full ARN, each with an optional qualifier), and the ARNs Lambda hands out.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax

import { ServiceError } from '../../core/errors.js';
import type { RequestContext } from '../../core/service.js';

export const LATEST = '$LATEST';

/** A function as a request names it, resolved against the caller's account and region. */
export interface FunctionRef {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** `$LATEST`, a version number or an alias name; undefined when the request gives none. */
  readonly qualifier: string | undefined;
}

// AWS's FunctionName pattern, with the pieces captured.
const FUNCTION_NAME =
  /^(?:arn:(?:aws[a-zA-Z-]*):lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

/** Reads a FunctionName parameter; `qualifier` (the `Qualifier` parameter) must agree with one in the name. */
export function parseFunctionName(text: string, ctx: RequestContext, qualifier?: string): FunctionRef {
  const match = FUNCTION_NAME.exec(text);
  if (!match || !/^[a-zA-Z0-9-_]{1,64}$/.test(match[3]!)) {
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${text}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    );
  }
  const [, region, account, name, inName] = match;
  if (region && region !== ctx.region) {
    throw new ServiceError(
      'AccessDeniedException',
      `The region in the function ARN (${region}) does not match the region of the request (${ctx.region}).`,
      { status: 403 },
    );
  }
  if (inName !== undefined && qualifier !== undefined && inName !== qualifier) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  return { account: account ?? ctx.account, region: ctx.region, name: name!, qualifier: inName ?? qualifier };
}

/** A FunctionName that must not carry a qualifier (CreateFunction, PublishVersion, aliases…). */
export function parseUnqualifiedName(text: string, ctx: RequestContext): FunctionRef {
  const ref = parseFunctionName(text, ctx);
  if (ref.qualifier !== undefined) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'Unqualified function name is expected for this operation.',
    );
  }
  return ref;
}

export function functionArn(
  ref: Pick<FunctionRef, 'account' | 'region' | 'name'>,
  qualifier?: string,
): string {
  const base = `arn:aws:lambda:${ref.region}:${ref.account}:function:${ref.name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

export function functionNotFound(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>, qualifier?: string) {
  return new ServiceError('ResourceNotFoundException', `Function not found: ${functionArn(ref, qualifier)}`, {
    status: 404,
  });
}

/** Lambda's timestamp format: `2024-05-01T12:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
