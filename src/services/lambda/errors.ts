// Lambda's errors and their HTTP statuses.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors

import type { ErrorInfo } from '../../core/service.js';

export const LAMBDA_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ResourceNotFoundException: { status: 404 },
  ResourceConflictException: { status: 409 },
  ResourceInUseException: { status: 400 },
  InvalidParameterValueException: { status: 400 },
  InvalidRequestContentException: { status: 400 },
  RequestTooLargeException: { status: 413 },
  UnsupportedMediaTypeException: { status: 415 },
  TooManyRequestsException: { status: 429 },
  PreconditionFailedException: { status: 412 },
  PolicyLengthExceededException: { status: 400 },
  CodeStorageExceededException: { status: 400 },
  ServiceException: { status: 500 },
  AccessDeniedException: { status: 403 },
  ValidationException: { status: 400 },
};
