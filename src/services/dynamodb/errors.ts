// DynamoDB's errors: the shape names and statuses from the API model, and the helpers that word them as
// DynamoDB does. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import {
  describeProblems,
  lowerFirst,
  serializationMessage,
  type ValidationProblem,
} from '../../core/shapes.js';

export const DYNAMODB_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ConditionalCheckFailedException: { status: 400 },
  DuplicateItemException: { status: 400 },
  IdempotentParameterMismatchException: { status: 400 },
  InternalServerError: { status: 500 },
  ItemCollectionSizeLimitExceededException: { status: 400 },
  LimitExceededException: { status: 400 },
  ProvisionedThroughputExceededException: { status: 400 },
  RequestLimitExceeded: { status: 400 },
  ResourceInUseException: { status: 400 },
  ResourceNotFoundException: { status: 400 },
  TransactionCanceledException: { status: 400 },
  TransactionConflictException: { status: 400 },
  TransactionInProgressException: { status: 400 },
  // DynamoDB answers `{"__type":"com.amazon.coral.validate#ValidationException",…}` (a real response is
  // quoted in github.com/AdRoll/goamz/issues/15).
  ValidationException: { status: 400, namespace: 'com.amazon.coral.validate' },
  ExpiredIteratorException: { status: 400 },
  TrimmedDataAccessException: { status: 400 },
};

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

/** "One or more parameter values were invalid: …", DynamoDB's prefix for semantic input problems. */
export function invalidParameter(detail: string): ServiceError {
  return validation(`One or more parameter values were invalid: ${detail}`);
}

export function tableNotFound(name?: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    name === undefined
      ? 'Requested resource not found'
      : `Requested resource not found: Table: ${name} not found`,
  );
}

/** What the backup, PITR and export operations answer for a missing table, naming it as it was given.
 * Observed: "Table not found: <name>" (DescribeContinuousBackups, github.com/nccgroup/ScoutSuite/issues/1533),
 * "Table not found: <arn>" (ExportTableToPointInTime, moto's AWS-verified test_export_from_missing_table). */
export function tableNotFoundException(nameOrArn: string): ServiceError {
  return new ServiceError('TableNotFoundException', `Table not found: ${nameOrArn}`);
}

export function resourceInUse(message: string): ServiceError {
  return new ServiceError('ResourceInUseException', message);
}

export function conditionalCheckFailed(item?: Record<string, unknown>): ServiceError {
  return new ServiceError('ConditionalCheckFailedException', 'The conditional request failed', {
    fields: item ? { Item: item } : undefined,
  });
}

export function keySchemaMismatch(): ServiceError {
  return validation('The provided key element does not match the schema');
}

/** Shape problems in DynamoDB's generic wording; a wrong JSON type is a SerializationException. */
export function dynamodbValidationError(problems: ValidationProblem[]): ServiceError {
  const typeProblem = problems.find((p) => p.kind === 'type');
  if (typeProblem)
    return new ServiceError('SerializationException', serializationMessage(typeProblem, 'bare'));
  return validation(describeProblems(problems));
}

/** A TableName member takes a table name or ARN; a name must meet the name's own rules, which AWS states in
 * the model's wording with the length first (observed: DescribeTable with TableName '' answers "2 validation
 * errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater
 * than or equal to 3; Value '' at 'tableName' failed to satisfy constraint: Member must satisfy regular
 * expression pattern: [a-zA-Z0-9_.-]+"). */
export function tableNameProblems(operation: string, input: Record<string, unknown>): ValidationProblem[] {
  const problems = operation === 'CreateTable' ? createTableProblems(input) : [];
  const name = input.TableName;
  if (typeof name !== 'string') return problems;
  const problem = (constraint: string): ValidationProblem => ({
    kind: 'constraint',
    path: 'tableName',
    member: 'TableName',
    value: name,
    constraint,
  });
  if (name.startsWith('arn:')) {
    if (name.length > 1024) problems.push(problem('Member must have length less than or equal to 1024'));
    return problems;
  }
  if (name.length < 3) problems.push(problem('Member must have length greater than or equal to 3'));
  if (name.length > 255) problems.push(problem('Member must have length less than or equal to 255'));
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    problems.push(problem('Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  }
  return problems;
}

/** The model makes CreateTable's KeySchema and AttributeDefinitions optional only because a table created
 * from a global table's source (`GlobalTableSourceArn`) takes them from there; without it AWS requires both
 * ("Value null at 'keySchema' failed to satisfy constraint: Member must not be null"). */
function createTableProblems(input: Record<string, unknown>): ValidationProblem[] {
  if (input.GlobalTableSourceArn !== undefined) return [];
  return (['AttributeDefinitions', 'KeySchema'] as const)
    .filter((member) => input[member] === undefined)
    .map((member) => ({
      kind: 'missing',
      path: lowerFirst(member),
      member,
      value: null,
      constraint: 'Member must not be null',
    }));
}
