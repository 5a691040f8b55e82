// What a Task state's Resource names: an optimized integration (`arn:aws:states:::sqs:sendMessage`), an
// AWS SDK integration (`arn:aws:states:::aws-sdk:dynamodb:getItem`), a Lambda function by its ARN, or an
// activity; and the integration pattern (`.sync`, `.sync:2`, `.waitForTaskToken`).
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

import { parseArn } from '../../../../core/arn.js';

export type Pattern = 'response' | 'sync' | 'sync2' | 'token';

export interface TaskTarget {
  /** The event family: Task* events, LambdaFunction* (a function ARN as the Resource), Activity*. */
  readonly family: 'task' | 'lambda' | 'activity';
  /** As the history names it: `resourceType: "lambda", resource: "invoke.waitForTaskToken"`;
   * `aws-sdk:dynamodb` / `getItem` for SDK integrations. */
  readonly resourceType: string;
  readonly resource: string;
  /** `lambda`, `sqs`, `aws-sdk:s3`, `states`…, and the action (`invoke`, `sendMessage`, `getObject`). */
  readonly service: string;
  readonly action: string;
  readonly pattern: Pattern;
  /** The function or activity ARN, for those families. */
  readonly arn?: string;
}

const STATES_PREFIX = /^arn:aws[a-z-]*:states:[a-z0-9-]*:[0-9]*:(.+)$/;

/** The target, or undefined when the Resource is no ARN Step Functions can run. */
export function parseResource(resource: string): TaskTarget | undefined {
  const arn = parseArn(resource);
  if (!arn) return undefined;
  if (arn.service === 'lambda' && arn.resource.startsWith('function:')) {
    return {
      family: 'lambda',
      resourceType: 'lambda',
      resource,
      service: 'lambda',
      action: 'invoke',
      pattern: 'response',
      arn: resource,
    };
  }
  if (arn.service !== 'states') return undefined;
  if (arn.resource.startsWith('activity:')) {
    return {
      family: 'activity',
      resourceType: 'activity',
      resource,
      service: 'states',
      action: 'activity',
      pattern: 'token',
      arn: resource,
    };
  }
  const rest = STATES_PREFIX.exec(resource)?.[1];
  if (!rest) return undefined;
  const { name, pattern } = splitPattern(rest);
  const parts = name.split(':');
  if (parts[0] === 'aws-sdk' && parts.length === 3) {
    return {
      family: 'task',
      resourceType: `aws-sdk:${parts[1]}`,
      resource: resourceName(parts[2]!, pattern),
      service: `aws-sdk:${parts[1]}`,
      action: parts[2]!,
      pattern,
    };
  }
  if (parts.length !== 2) return undefined;
  return {
    family: 'task',
    resourceType: parts[0]!,
    resource: resourceName(parts[1]!, pattern),
    service: parts[0]!,
    action: parts[1]!,
    pattern,
  };
}

function splitPattern(text: string): { name: string; pattern: Pattern } {
  if (text.endsWith('.waitForTaskToken'))
    return { name: text.slice(0, -'.waitForTaskToken'.length), pattern: 'token' };
  if (text.endsWith('.sync:2')) return { name: text.slice(0, -'.sync:2'.length), pattern: 'sync2' };
  if (text.endsWith('.sync')) return { name: text.slice(0, -'.sync'.length), pattern: 'sync' };
  return { name: text, pattern: 'response' };
}

function resourceName(action: string, pattern: Pattern): string {
  const suffix = { response: '', sync: '.sync', sync2: '.sync:2', token: '.waitForTaskToken' }[pattern];
  return `${action}${suffix}`;
}
