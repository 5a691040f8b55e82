// EventBridge's errors: the shape names and statuses of the API model, and helpers that word them as
// EventBridge does. https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

export const EVENTS_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ConcurrentModificationException: { status: 400 },
  IllegalStatusException: { status: 400 },
  InternalException: { status: 500 },
  InvalidEventPatternException: { status: 400 },
  InvalidStateException: { status: 400 },
  LimitExceededException: { status: 400 },
  ManagedRuleException: { status: 400 },
  OperationDisabledException: { status: 400 },
  ResourceAlreadyExistsException: { status: 400 },
  ResourceNotFoundException: { status: 400 },
  ValidationException: { status: 400 },
};

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

export function notFound(message: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', message);
}

export function busNotFound(name: string): ServiceError {
  return notFound(`Event bus ${name} does not exist.`);
}

export function ruleNotFound(rule: string, bus: string): ServiceError {
  return notFound(`Rule ${rule} does not exist on EventBus ${bus}.`);
}

export function alreadyExists(message: string): ServiceError {
  return new ServiceError('ResourceAlreadyExistsException', message);
}
