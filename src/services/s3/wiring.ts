// S3 on the console's map: the account's buckets in the region, and each notification configuration's
// queues, topics and functions as edges. https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html

import type { WiringEdge, WiringNode, WiringSource } from '../../core/ports/wiring.js';
import { wiringCall } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

interface Destination {
  Events?: string[];
  QueueArn?: string;
  TopicArn?: string;
  LambdaFunctionArn?: string;
}
interface Notification {
  QueueConfigurations?: Destination[];
  TopicConfigurations?: Destination[];
  LambdaFunctionConfigurations?: Destination[];
  EventBridgeConfiguration?: object;
}

export function s3Wiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 's3', account, region };
      const listed = await wiringCall<{
        ListAllMyBucketsResult?: { Buckets?: { Name: string; BucketRegion?: string }[] };
      }>(at, 'ListBuckets', { BucketRegion: region });
      const nodes: WiringNode[] = [];
      const edges: WiringEdge[] = [];
      for (const { Name } of listed.ListAllMyBucketsResult?.Buckets ?? []) {
        const arn = `arn:aws:s3:::${Name}`;
        nodes.push({ arn, type: 'AWS::S3::Bucket', name: Name, aliases: [Name] });
        const { NotificationConfiguration: config = {} } = await wiringCall<{
          NotificationConfiguration?: Notification;
        }>(at, 'GetBucketNotificationConfiguration', { Bucket: Name });
        const all = [
          ...(config.QueueConfigurations ?? []),
          ...(config.TopicConfigurations ?? []),
          ...(config.LambdaFunctionConfigurations ?? []),
        ];
        for (const destination of all) {
          const to = destination.QueueArn ?? destination.TopicArn ?? destination.LambdaFunctionArn;
          if (to) edges.push({ from: arn, to, kind: 'notification', label: destination.Events?.join(', ') });
        }
        if (config.EventBridgeConfiguration) {
          const bus = `arn:aws:events:${region}:${account}:event-bus/default`;
          edges.push({ from: arn, to: bus, kind: 'notification', label: 'EventBridge' });
        }
      }
      return { nodes, edges };
    },
  };
}
