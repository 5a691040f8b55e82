// SNS on the console's map: topics, and each confirmed subscription to a queue or function as an edge.
// https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html

import type { WiringEdge, WiringSource } from '../../core/ports/wiring.js';
import { allPages } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

export function snsWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'sns', account, region };
      const topics = await allPages<
        { Topics?: { TopicArn: string }[]; NextToken?: string },
        { TopicArn: string }
      >(
        at,
        'ListTopics',
        {},
        (page) => page.Topics,
        (page) => page.NextToken,
        'NextToken',
      );
      type Subscription = { TopicArn: string; Protocol: string; Endpoint: string; SubscriptionArn: string };
      const subscriptions = await allPages<
        { Subscriptions?: Subscription[]; NextToken?: string },
        Subscription
      >(
        at,
        'ListSubscriptions',
        {},
        (page) => page.Subscriptions,
        (page) => page.NextToken,
        'NextToken',
      );
      const edges: WiringEdge[] = subscriptions
        .filter((entry) => entry.Endpoint.startsWith('arn:'))
        .map((entry) => ({
          from: entry.TopicArn,
          to: entry.Endpoint,
          kind: 'subscription',
          label: entry.Protocol,
        }));
      const nodes = topics.map(({ TopicArn }) => ({
        arn: TopicArn,
        type: 'AWS::SNS::Topic',
        name: TopicArn.split(':').pop()!,
      }));
      return { nodes, edges };
    },
  };
}
