// PutBucketNotificationConfiguration / GetBucketNotificationConfiguration. Saving a configuration checks
// that its destinations exist (destinations.ts) and sends queues and topics the `s3:TestEvent`, as S3 does.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html

import { s } from '../../../core/shapes.js';
import { validateDestinations } from '../destinations.js';
import { checkNotificationRules } from '../notification-rules.js';
import type { NotificationConfig } from '../notifications.js';
import { bucketLabel } from '../shapes.js';
import { operation } from './operation.js';

const filter = s.optional(
  s.structure({
    Key: s.optional(
      s.structure({
        FilterRules: s.optional(
          s.list(s.structure({ Name: s.optional(s.string()), Value: s.optional(s.string()) }), {
            flattened: true,
          }),
          'FilterRule',
        ),
      }),
      'S3Key',
    ),
  }),
);
const events = s.required(s.list(s.string(), { flattened: true }), 'Event');
const destination = (member: string, xmlName: string) =>
  s.structure({
    Id: s.optional(s.string()),
    [member]: s.required(s.string(), xmlName),
    Events: events,
    Filter: filter,
  });

const configurationShape = s.structure({
  TopicConfigurations: s.optional(
    s.list(destination('TopicArn', 'Topic'), { flattened: true }),
    'TopicConfiguration',
  ),
  QueueConfigurations: s.optional(
    s.list(destination('QueueArn', 'Queue'), { flattened: true }),
    'QueueConfiguration',
  ),
  LambdaFunctionConfigurations: s.optional(
    s.list(destination('LambdaFunctionArn', 'CloudFunction'), { flattened: true }),
    'CloudFunctionConfiguration',
  ),
  EventBridgeConfiguration: s.optional(s.structure({})),
});

export const putBucketNotificationConfiguration = operation({
  http: { method: 'PUT', uri: '/{Bucket}?notification' },
  input: s.structure({
    Bucket: bucketLabel,
    NotificationConfiguration: s.required(configurationShape, { payload: true }),
    SkipDestinationValidation: s.optional(s.boolean(), { header: 'x-amz-skip-destination-validation' }),
  }),
  async run(input, s3, ctx) {
    const bucket = s3.requireBucket(input.Bucket);
    const config = input.NotificationConfiguration as NotificationConfig;
    checkNotificationRules(config);
    if (input.SkipDestinationValidation !== true) await validateDestinations(s3.call, config, bucket.region);
    s3.store.transaction(() => {
      s3.updateConfig(input.Bucket, (stored) => {
        stored.notification = config;
      });
      s3.notifications.recordTestEvent(input.Bucket, config, ctx.requestId);
    });
    return {};
  },
});

export const getBucketNotificationConfiguration = operation({
  http: { method: 'GET', uri: '/{Bucket}?notification' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({ NotificationConfiguration: s.optional(configurationShape, { payload: true }) }),
  run(input, s3) {
    const config = s3.config(s3.requireBucket(input.Bucket)).notification ?? {};
    return { NotificationConfiguration: config };
  },
});
