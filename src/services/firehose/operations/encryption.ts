// StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: server-side encryption's state, kept and
// described (records are not encrypted at rest by Nimbus; PutRecord reports Encrypted as AWS would).
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html
// https://docs.aws.amazon.com/firehose/latest/dev/encryption.html

import * as model from '../../../core/generated/firehose.js';
import { invalidArgument } from '../errors.js';
import type { Encryption } from '../streams.js';
import { operation, requireStream } from './operation.js';

export const startDeliveryStreamEncryption = operation({
  input: model.StartDeliveryStreamEncryptionInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    if (stream.row.type === 'KinesisStreamAsSource') {
      throw invalidArgument(
        `Firehose ${input.DeliveryStreamName} has a Kinesis data stream as its source: server-side encryption is configured on the Kinesis stream.`,
      );
    }
    firehose.setEncryption(
      stream,
      encryptionFrom(input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: 'AWS_OWNED_CMK' }),
    );
    return {};
  },
});

export const stopDeliveryStreamEncryption = operation({
  input: model.StopDeliveryStreamEncryptionInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    firehose.setEncryption(stream, { Status: 'DISABLED' });
    return {};
  },
});

/** "If you set KeyType to CUSTOMER_MANAGED_CMK, you must specify the ARN of the CMK"; with AWS_OWNED_CMK
 * no ARN is allowed (API_DeliveryStreamEncryptionConfigurationInput.html). */
export function encryptionFrom(input: { KeyType: string; KeyARN?: string }): Encryption {
  if (input.KeyType === 'CUSTOMER_MANAGED_CMK' && !input.KeyARN) {
    throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
  }
  if (input.KeyType === 'AWS_OWNED_CMK' && input.KeyARN) {
    throw invalidArgument('KeyARN must not be specified when KeyType is AWS_OWNED_CMK.');
  }
  return input.KeyARN
    ? { Status: 'ENABLED', KeyType: input.KeyType, KeyARN: input.KeyARN }
    : { Status: 'ENABLED', KeyType: input.KeyType };
}
