// Whether a request carries the authentication AWS requires before any operation runs: an Authorization
// header with the SigV4 parts, or a presigned query, scoped to the service it reaches. Signatures are not
// verified here (any secret works); what AWS refuses without looking at the secret is refused the same way.
// S3 is exempt: it serves anonymous requests a bucket policy could allow. Unsigned requests to other
// services are refused unless the cloud allows them (`--allow-unsigned`, for scripts that speak plain HTTP).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html

import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../core/errors.js';
import type { Route } from './identify-service.js';
import type { CredentialScope } from './sigv4.js';

export function authenticationError(
  headers: IncomingHttpHeaders,
  search: URLSearchParams,
  route: Route,
  scope: CredentialScope | undefined,
  allowUnsigned: boolean,
): ServiceError | undefined {
  if (route.protocol === 'rest-xml') return undefined;
  const query = route.protocol === 'query';
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    const missing = missingParts(authorization);
    if (missing.length > 0) {
      // "Authorization header requires 'Credential' parameter. … Authorization=<the header>" (400).
      return new ServiceError(
        query ? 'IncompleteSignature' : 'IncompleteSignatureException',
        `${missing.join(' ')} Authorization=${authorization}`,
      );
    }
  } else if (!search.has('X-Amz-Credential')) {
    if (allowUnsigned || route.service.definition.anonymousOperations?.includes(route.operation))
      return undefined;
    if (query) {
      return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const message =
      route.protocol === 'rest-json'
        ? 'Missing Authentication Token'
        : 'Request is missing Authentication Token';
    return new ServiceError('MissingAuthenticationTokenException', message);
  }
  const signingName = route.service.definition.signingName;
  // Observed (EMR, SageMaker): HTTP 400, "Credential should be scoped to correct service: 'sagemaker'. ".
  if (scope && scope.service !== signingName) {
    return new ServiceError(
      query ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
      `Credential should be scoped to correct service: '${signingName}'. `,
    );
  }
  return undefined;
}

/** The SigV4 parts, each with the check that finds it in a header (compiled once: every request pays it). */
const PARTS = ['Credential', 'Signature', 'SignedHeaders'].map((part) => ({
  part,
  present: new RegExp(`(^|[\\s,])${part}=[^,\\s]+`),
}));

/** The SigV4 parts an Authorization header lacks, in AWS's words and order. */
function missingParts(authorization: string): string[] {
  return PARTS.filter(({ present }) => !present.test(authorization)).map(
    ({ part }) => `Authorization header requires '${part}' parameter.`,
  );
}
