// ARN forms the registry reads: a state machine ARN with or without its version or alias qualifier, and
// how InvalidArn words an ARN of the wrong kind.

import { parseStateMachineArn } from '../names.js';

/** The machine ARN without its version or alias qualifier. */
export function unqualified(arn: string): string {
  const parts = parseStateMachineArn(arn);
  return parts?.qualifier ? arn.slice(0, arn.length - parts.qualifier.length - 1) : arn;
}

/** Whether the ARN names a version (`…:stateMachine:orders:7`). */
export function isVersionArn(arn: string): boolean {
  return /^\d+$/.test(parseStateMachineArn(arn)?.qualifier ?? '');
}

/** Whether the ARN names an alias (`…:stateMachine:orders:prod`). */
export function isAliasArn(arn: string): boolean {
  const qualifier = parseStateMachineArn(arn)?.qualifier;
  return qualifier !== undefined && !/^\d+$/.test(qualifier);
}

/** InvalidArn's detail as the service words it: "Invalid ARN prefix: foo" for what is not an ARN at all,
 * "Resource type not valid in this context: activity" for another resource's ARN. */
export function arnProblem(arn: string): string {
  if (!arn.startsWith('arn:')) return `Invalid ARN prefix: ${arn}`;
  const type = arn.split(':')[5];
  return type ? `Resource type not valid in this context: ${type}` : `Invalid Arn: ${arn}`;
}
