// CreateDeliveryStream: a stream with exactly one destination, CREATING until the cloud's clock has moved
// on, then ACTIVE. AWS's rules run here in the order AWS reports them.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html

import * as model from '../../../core/generated/firehose.js';
import { checkDestination } from '../checks.js';
import { destinationsIn, newDestination } from '../destinations.js';
import { invalidArgument, limitExceeded, streamExists } from '../errors.js';
import { encryptionFrom } from './encryption.js';
import { operation } from './operation.js';

/** "By default, you can create up to 5,000 Firehose streams per AWS Region" (limits.html). */
export const MAX_STREAMS = 5000;

export const createDeliveryStream = operation({
  input: model.CreateDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const type = input.DeliveryStreamType ?? 'DirectPut';
    // Both wordings as AWS answers them (moto reproduces the first).
    if (input.KinesisStreamSourceConfiguration && type !== 'KinesisStreamAsSource') {
      throw invalidArgument(
        'KinesisSourceStreamConfig is only applicable for KinesisStreamAsSource stream type',
      );
    }
    if (type === 'KinesisStreamAsSource' && !input.KinesisStreamSourceConfiguration) {
      throw invalidArgument('KinesisSourceStreamConfig is required for KinesisStreamAsSource stream type');
    }
    const found = destinationsIn(input as Record<string, unknown>);
    if (found.length !== 1)
      throw invalidArgument('Exactly one destination configuration is supported for a Firehose');
    if (firehose.find(ctx.account, ctx.region, input.DeliveryStreamName)) {
      throw streamExists(input.DeliveryStreamName, ctx.account);
    }
    if (firehose.count(ctx.account, ctx.region) >= MAX_STREAMS) {
      throw limitExceeded(`You have already consumed your firehose quota of ${MAX_STREAMS} hoses.`);
    }
    const destination = newDestination(found[0]!.kind, found[0]!.config);
    checkDestination(destination);
    const encryptionInput = input.DeliveryStreamEncryptionConfigurationInput;
    if (encryptionInput && type === 'KinesisStreamAsSource') {
      // SSE applies to Direct PUT streams; a Kinesis source is encrypted by Kinesis (encryption.html).
      throw invalidArgument(
        'DeliveryStreamEncryptionConfigurationInput is not supported for a Firehose with KinesisStreamAsSource type.',
      );
    }
    const source = input.KinesisStreamSourceConfiguration;
    const stream = firehose.create({
      account: ctx.account,
      region: ctx.region,
      name: input.DeliveryStreamName,
      type,
      source: source
        ? {
            KinesisStreamARN: source.KinesisStreamARN,
            RoleARN: source.RoleARN,
            DeliveryStartTimestamp: firehose.clock.now(),
          }
        : undefined,
      destination,
      encryption: encryptionInput ? encryptionFrom(encryptionInput) : { Status: 'DISABLED' },
      tags: input.Tags ?? [],
    });
    return { DeliveryStreamARN: stream.row.arn };
  },
});
