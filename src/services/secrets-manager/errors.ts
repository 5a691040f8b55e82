// Secrets Manager's errors as the service words them. Statuses and faults come from the model; the
// messages are the ones AWS answers with, as quoted in its API reference and observed from the service
// (moto's tests, checked against AWS, and the boto3 / Terraform issue threads cited beside each).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';

/** Observed: `ResourceNotFoundException: Secrets Manager can't find the specified secret.`
 * (hashicorp/terraform-provider-aws and lgallard/terraform-aws-secrets-manager#24 quote it verbatim). */
export function secretNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

/** A secret with no version under that label or id (boto/boto3#2794: the same exception for a secret
 * that exists without a value). */
export function valueNotFound(kind: 'staging label' | 'VersionId', value: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for ${kind}: ${value}`,
  );
}

/** Observed (hashicorp/terraform-provider-aws#23998): reading a secret scheduled for deletion. */
export function markedForDeletion(): ServiceError {
  return new ServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

export function invalidRequest(message: string): ServiceError {
  return new ServiceError('InvalidRequestException', message);
}

export function resourceExists(message: string): ServiceError {
  return new ServiceError('ResourceExistsException', message);
}

export function limitExceeded(message: string): ServiceError {
  return new ServiceError('LimitExceededException', message);
}

export function malformedPolicy(message: string): ServiceError {
  return new ServiceError('MalformedPolicyDocumentException', message);
}
