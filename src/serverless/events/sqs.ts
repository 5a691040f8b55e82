// `sqs` events: an event source mapping per queue, and the right to read and delete its messages on the
// shared role. https://www.serverless.com/framework/docs/providers/aws/events/sqs

import { type Compilation, isObject, type Json, type JsonObject } from '../compilation.js';
import { naming } from '../naming.js';
import { eventsOfType } from './each.js';

export function compileSqsEvents(compilation: Compilation): void {
  const queues: Json[] = [];
  for (const { fn, event } of eventsOfType(compilation, 'sqs')) {
    const options = isObject(event) ? event : {};
    const arn = isObject(event) ? event.arn! : event;
    const dependsOn: string[] = [];
    const role = compilation.roleResourceOf(fn);
    if (role) dependsOn.push(role);
    if (fn.targetAlias) dependsOn.push(fn.targetAlias.logicalId);
    const properties: JsonObject = {
      BatchSize: (options.batchSize || 10) as Json,
      EventSourceArn: arn,
      FunctionName: compilation.functionTarget(fn),
      Enabled: options.enabled ?? true,
    };
    if (options.maximumBatchingWindow !== undefined && options.maximumBatchingWindow !== null)
      properties.MaximumBatchingWindowInSeconds = options.maximumBatchingWindow;
    if (options.functionResponseType) properties.FunctionResponseTypes = [options.functionResponseType];
    if (Array.isArray(options.filterPatterns))
      properties.FilterCriteria = {
        Filters: options.filterPatterns.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
      };
    if (options.maximumConcurrency)
      properties.ScalingConfig = { MaximumConcurrency: options.maximumConcurrency };
    queues.push(arn);
    compilation.resources[naming.sqsMappingLogicalId(fn.key, resourceNameOf(arn))] = {
      Type: 'AWS::Lambda::EventSourceMapping',
      DependsOn: dependsOn,
      Properties: properties,
    };
  }
  if (queues.length > 0)
    compilation.roleStatements?.push({
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: queues,
    });
}

/** The name a queue or stream ARN gives a logical id: the resource of a GetAtt, an import's name, the last
 * part of a Join, or the last `:` segment of a literal ARN. */
export function resourceNameOf(arn: Json): string {
  if (isObject(arn)) {
    const getAtt = arn['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return String(getAtt[0]);
    if (arn['Fn::ImportValue'] !== undefined) return String(arn['Fn::ImportValue']);
    const join = arn['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) return String(join[1].at(-1));
  }
  return String(arn).split(':').pop()!;
}
