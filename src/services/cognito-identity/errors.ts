// Cognito identity's errors as AWS words them: each helper cites where the message comes from (AWS's
// answers as users quote them in the issues linked, or the API reference). Statuses come from the model.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error is in the model with its status. */
export const COGNITO_IDENTITY_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function poolNotFound(poolId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
}

export function identityNotFound(identityId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

/** GetId and GetCredentialsForIdentity without logins on a pool that allows no guests
 * (github.com/aws-amplify/amplify-js/issues/8644). */
export function unauthenticatedNotSupported(): ServiceError {
  return new ServiceError(
    'NotAuthorizedException',
    'Unauthenticated access is not supported for this identity pool.',
  );
}

/** "Invalid login token. Token expired: 1667365798 >= 1667235770", "Invalid login token. Couldn't verify
 * signed token.", "Invalid login token. Issuer doesn't match providerName", "Invalid login token. Missing
 * a required claim: aud" (github.com/qqaatw/JciHitachiHA/issues/33, amazon-archives/amazon-cognito-
 * identity-js issues 91, 40 and 12). */
export function invalidLoginToken(reason: string): ServiceError {
  return new ServiceError('NotAuthorizedException', `Invalid login token. ${reason}`);
}

/** A login from a provider the pool does not list, or for an app client it does not list
 * (amazon-archives/amazon-cognito-identity-js#7). */
export function unsupportedProvider(): ServiceError {
  return new ServiceError(
    'NotAuthorizedException',
    'Token is not from a supported provider of this identity pool.',
  );
}

/** An authenticated identity asked for without any of its logins (amazon-cognito-identity-js#68). */
export function loginsDoNotMatch(): ServiceError {
  return new ServiceError(
    'NotAuthorizedException',
    "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  );
}

/** No role for the identity, or one STS refuses to assume (danilop/LambdAuth#4; the API reference's
 * InvalidIdentityPoolConfigurationException: "If you provided authentication information in the request,
 * the identity pool has no authenticated role configured, or STS returned an error response"). */
export function invalidPoolConfiguration(): ServiceError {
  return new ServiceError(
    'InvalidIdentityPoolConfigurationException',
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
  );
}

/** A role mapping whose AmbiguousRoleResolution is Deny, when no rule matched (amplify-js#8644). */
export function ambiguousRoleDenied(): ServiceError {
  return new ServiceError('NotAuthorizedException', 'The ambiguous role mapping rules denied this request.');
}

export function invalidNextToken(): ServiceError {
  return invalidParameter('The pagination token is invalid.');
}
