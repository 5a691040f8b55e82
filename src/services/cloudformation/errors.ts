// CloudFormation's errors: codes and statuses from the API reference. Most failures are ValidationError
// (HTTP 400) with CloudFormation's own message; the rest are named exceptions.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html

import type { ErrorInfo } from '../../core/service.js';

export const CLOUDFORMATION_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ValidationError: { status: 400 },
  AlreadyExistsException: { status: 400 },
  ChangeSetNotFound: { status: 404 },
  InsufficientCapabilitiesException: { status: 400 },
  InvalidChangeSetStatus: { status: 400 },
  LimitExceededException: { status: 400 },
  TokenAlreadyExistsException: { status: 400 },
};
