// A field's failure as AppSync reports it: `errorType`, `errorInfo` and `data` beside the message, and
// the `Unauthorized` error of a field the caller may not read.
// https://docs.aws.amazon.com/appsync/latest/devguide/troubleshooting-and-common-mistakes.html
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html

import type { ResolverError } from '../resolvers/contract.js';

export class FieldFailure extends Error {
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;

  constructor(error: ResolverError) {
    super(error.message);
    this.name = 'FieldFailure';
    this.errorType = error.errorType ?? null;
    this.data = error.data ?? null;
    this.errorInfo = error.errorInfo ?? null;
  }
}

export function unauthorizedField(fieldName: string, typeName: string): FieldFailure {
  return new FieldFailure({
    message: `Not Authorized to access ${fieldName} on type ${typeName}`,
    errorType: 'Unauthorized',
  });
}
