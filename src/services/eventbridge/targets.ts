// Rule targets as stored (the wire `Target`, checked), and the checks PutTargets makes on each one.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html

import { parseArn } from '../../core/arn.js';
import { PREDEFINED_VARIABLES, templatePlaceholders } from './transform.js';

/** The event as targets receive it, keys in AWS's order. */
export interface EventEnvelope {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  'replay-name'?: string;
}

export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
  KinesisParameters?: { PartitionKeyPath: string };
  [other: string]: unknown;
}

/** Why a target cannot be added: AWS's per-entry code and message, or a whole-request ValidationException. */
export interface TargetProblem {
  readonly code: string;
  readonly message: string;
}

/** Checks one target the way PutTargets does; returns the problem, or undefined when it is fine. */
export function checkTarget(target: Target): TargetProblem | undefined {
  const invalid = (message: string) => ({ code: 'ValidationException', message });
  const arn = parseArn(target.Arn);
  if (!arn?.service) return invalid(`Parameter ${target.Arn} is not valid.`);
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((x) => x !== undefined);
  if (inputs.length > 1)
    return invalid(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`,
    );
  if (target.Input !== undefined && !isJson(target.Input))
    return invalid(`Input for target ${target.Id} must be a valid JSON text.`);
  if (target.InputPath !== undefined && !target.InputPath.startsWith('$'))
    return invalid(`Target ${target.Id}: InputPath is not a valid JSON path.`);
  const transformer = target.InputTransformer;
  if (transformer) {
    const paths = transformer.InputPathsMap ?? {};
    for (const [name, path] of Object.entries(paths)) {
      if (PREDEFINED_VARIABLES.includes(name) || /^aws/i.test(name))
        return invalid(`Target ${target.Id}: InputPathsMap key ${name} is reserved.`);
      if (!path.startsWith('$')) return invalid(`Target ${target.Id}: ${path} is not a valid JSON path.`);
    }
    for (const name of templatePlaceholders(transformer.InputTemplate)) {
      if (!Object.hasOwn(paths, name) && !PREDEFINED_VARIABLES.includes(name))
        return invalid(`InputTemplate for target ${target.Id} contains invalid placeholder ${name}.`);
    }
  }
  if (arn.service === 'sqs' && arn.resource.endsWith('.fifo') && !target.SqsParameters?.MessageGroupId)
    return invalid(`Parameter(s) SqsParameters must be specified for target: ${target.Id}.`);
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined) {
    const queue = parseArn(dlq);
    if (queue?.service !== 'sqs') return invalid(`Parameter ${dlq} is not valid.`);
    // "Only standard queues are supported … You can't use a FIFO queue for a DLQ in EventBridge."
    if (queue.resource.endsWith('.fifo')) return invalid('DeadLetterConfig: FIFO queues are not supported.');
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
