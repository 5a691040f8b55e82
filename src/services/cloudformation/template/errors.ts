// The ValidationError CloudFormation answers for every template problem, and the wordings shared by several files.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html

import { ServiceError } from '../../../core/errors.js';

/** CloudFormation answers template and parameter problems with code ValidationError (HTTP 400). */
export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationError', message);
}

/** `Template format error: <message>` */
export function formatError(message: string): ServiceError {
  return validationError(`Template format error: ${message}`);
}

/** `Template error: <message>` (problems found while evaluating intrinsic functions). */
export function templateError(message: string): ServiceError {
  return validationError(`Template error: ${message}`);
}

/** A Ref, GetAtt, Sub variable or DependsOn naming nothing the block can see.
 *  https://repost.aws/knowledge-center/cloudformation-template-validation */
export function unresolvedDependencies(
  names: Iterable<string>,
  block: 'Resources' | 'Outputs',
): ServiceError {
  return formatError(
    `Unresolved resource dependencies [${[...names].join(', ')}] in the ${block} block of the template`,
  );
}

/** The names that belong to no resource: the pseudo parameters. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
