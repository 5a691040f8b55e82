// S3's errors: codes, HTTP statuses and the messages AWS sends, with the extra elements (BucketName,
// Key, …) S3 puts beside them. https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, type ValidationProblem } from '../../core/shapes.js';

const status = (code: number): ErrorInfo => ({ status: code });

export const S3_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  AccessDenied: status(403),
  AuthorizationHeaderMalformed: status(400),
  AuthorizationQueryParametersError: status(400),
  BadDigest: status(400),
  BucketAlreadyExists: status(409),
  BucketAlreadyOwnedByYou: status(409),
  BucketNotEmpty: status(409),
  EntityTooLarge: status(400),
  EntityTooSmall: status(400),
  IllegalLocationConstraintException: status(400),
  IncompleteBody: status(400),
  InvalidArgument: status(400),
  InvalidBucketName: status(400),
  InvalidDigest: status(400),
  InvalidLocationConstraint: status(400),
  InvalidObjectState: status(403),
  InvalidPart: status(400),
  InvalidPartOrder: status(400),
  InvalidRange: status(416),
  InvalidRequest: status(400),
  InvalidStorageClass: status(400),
  InvalidTag: status(400),
  KeyTooLongError: status(400),
  MalformedPolicy: status(400),
  MalformedXML: status(400),
  MethodNotAllowed: status(405),
  MissingContentLength: status(411),
  NoSuchBucket: status(404),
  NoSuchBucketPolicy: status(404),
  NoSuchCORSConfiguration: status(404),
  NoSuchKey: status(404),
  NoSuchLifecycleConfiguration: status(404),
  NoSuchPublicAccessBlockConfiguration: status(404),
  NoSuchTagSet: status(404),
  NoSuchUpload: status(404),
  NoSuchVersion: status(404),
  NotImplemented: status(501),
  NotModified: status(304),
  OwnershipControlsNotFoundError: status(404),
  PreconditionFailed: status(412),
  RestoreAlreadyInProgress: status(409),
  SignatureDoesNotMatch: status(403),
  ConditionalRequestConflict: status(409),
};

export function noSuchBucket(bucket: string): ServiceError {
  return new ServiceError('NoSuchBucket', 'The specified bucket does not exist', {
    fields: { BucketName: bucket },
  });
}

export function noSuchKey(key: string): ServiceError {
  return new ServiceError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: key } });
}

export function noSuchVersion(key: string, versionId: string): ServiceError {
  return new ServiceError('NoSuchVersion', 'The specified version does not exist.', {
    fields: { Key: key, VersionId: versionId },
  });
}

export function noSuchUpload(uploadId: string): ServiceError {
  return new ServiceError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    { fields: { UploadId: uploadId } },
  );
}

export function preconditionFailed(condition: string): ServiceError {
  return new ServiceError(
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    {
      fields: { Condition: condition },
    },
  );
}

export function invalidArgument(message: string, name: string, value: string | undefined): ServiceError {
  return new ServiceError('InvalidArgument', message, {
    fields: { ArgumentName: name, ArgumentValue: value ?? '' },
  });
}

export function invalidRequest(message: string): ServiceError {
  return new ServiceError('InvalidRequest', message);
}

/** S3 words shape problems as InvalidArgument (or MalformedXML for an XML payload that does not fit). */
export function s3ValidationError(problems: ValidationProblem[]): ServiceError {
  const first = problems[0]!;
  if (first.kind === 'missing' && first.member === 'Bucket') {
    return new ServiceError('InvalidBucketName', 'The specified bucket is not valid.');
  }
  return new ServiceError('InvalidArgument', describeProblems(problems), {
    fields: { ArgumentName: first.member, ArgumentValue: String(first.value ?? '') },
  });
}
