// SQS on the console's map: its queues, and each redrive policy as an edge to the dead-letter queue.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html

import type { WiringEdge, WiringNode, WiringSource } from '../../core/ports/wiring.js';
import { allPages, wiringCall } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

export function sqsWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'sqs', account, region };
      const urls = await allPages<{ QueueUrls?: string[]; NextToken?: string }, string>(
        at,
        'ListQueues',
        { MaxResults: 1000 },
        (page) => page.QueueUrls,
        (page) => page.NextToken,
        'NextToken',
      );
      const nodes: WiringNode[] = [];
      const edges: WiringEdge[] = [];
      for (const url of urls) {
        const { Attributes = {} } = await wiringCall<{ Attributes?: Record<string, string> }>(
          at,
          'GetQueueAttributes',
          { QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] },
        );
        const arn = Attributes.QueueArn;
        if (!arn) continue;
        nodes.push({ arn, type: 'AWS::SQS::Queue', name: arn.split(':').pop()!, aliases: [url] });
        const target = redriveTarget(Attributes.RedrivePolicy);
        if (target) edges.push({ from: arn, to: target, kind: 'dead-letter', label: 'redrive' });
      }
      return { nodes, edges };
    },
  };
}

function redriveTarget(policy: string | undefined): string | undefined {
  if (!policy) return undefined;
  try {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: unknown };
    return typeof parsed.deadLetterTargetArn === 'string' ? parsed.deadLetterTargetArn : undefined;
  } catch {
    return undefined;
  }
}
