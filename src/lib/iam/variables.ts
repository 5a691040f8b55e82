// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}` … replaced by the
// request's value of that key in Resource and Condition values; `${*}`, `${?}` and `${$}` stand for the
// literal characters; a variable with no value makes the element match nothing, unless it names a default
// (`${aws:username, 'anonymous'}`). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

import type { ConditionContext } from './conditions.js';

/** A string no ARN or value contains: what an unset variable becomes, so that nothing matches. */
const UNMATCHABLE = '\u0000';

export function substituteVariables(text: string, context: ConditionContext): string {
  if (!text.includes('${')) return text;
  return text.replace(/\$\{([^}]+)\}/g, (_whole, inner: string) => {
    if (inner === '*') return '*';
    if (inner === '?') return '?';
    if (inner === '$') return '$';
    const [key, fallback] = inner.split(',').map((part) => part.trim());
    const value = context.get((key ?? '').toLowerCase());
    if (typeof value === 'string') return value;
    const quoted = fallback && /^'(.*)'$/.exec(fallback)?.[1];
    return quoted ?? UNMATCHABLE;
  });
}
