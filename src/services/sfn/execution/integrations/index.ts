// Calling a Task state's integration in process: which module answers a resource, and the context every
// call carries. The executor handles what needs its own engine (states:startExecution, activities, task
// tokens); everything here is one request to another service and its answer.
// https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html

import type { InProcessCall } from '../../../../core/service.js';
import type { Json } from '../../language/index.js';
import { invokeFunction, invokeOptimized } from './lambda.js';
import { callOptimized, isOptimized } from './optimized.js';
import type { TaskTarget } from './resource.js';
import { callSdk, isSdkServiceServed } from './sdk.js';
import { TaskError } from './task-error.js';

export interface IntegrationContext {
  readonly call: InProcessCall;
  /** The execution's account and region; `caller` is `states`. */
  readonly where: { account: string; region: string; caller: string };
}

/** Whether Nimbus can call this target (the executor's own targets aside). */
export function isServed(target: TaskTarget): boolean {
  if (target.family !== 'task') return true;
  if (target.service === 'lambda' && target.action === 'invoke') return true;
  if (target.service.startsWith('aws-sdk:'))
    return isSdkServiceServed(target.service.slice('aws-sdk:'.length));
  return isOptimized(target.service, target.action);
}

/** Makes the call; rejects with a TaskError naming the failure as Step Functions would. */
export async function callIntegration(
  target: TaskTarget,
  parameters: Json,
  ctx: IntegrationContext,
): Promise<Json> {
  if (target.family === 'lambda') return invokeFunction(target.arn!, parameters, ctx);
  if (target.service === 'lambda' && target.action === 'invoke') return invokeOptimized(parameters, ctx);
  if (target.service.startsWith('aws-sdk:')) {
    return callSdk(target.service.slice('aws-sdk:'.length), target.action, parameters, ctx);
  }
  if (isOptimized(target.service, target.action))
    return callOptimized(target.service, target.action, parameters, ctx);
  throw new TaskError(
    'States.Runtime',
    `The resource '${target.resourceType}:${target.resource}' is not supported by Nimbus`,
  );
}

export { parseResource, type TaskTarget } from './resource.js';
export { TaskError } from './task-error.js';
