// Start/StopStreamEncryption: server-side encryption with a KMS key is a setting Nimbus keeps (type and
// KeyId, shown by DescribeStream and on each record as EncryptionType) without encrypting anything; the
// stream is UPDATING meanwhile, as on AWS.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html

import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument } from '../errors.js';
import { operation, requireActive } from './operation.js';

export const startStreamEncryption = operation({
  input: model.StartStreamEncryptionInput,
  run: (input, kinesis, ctx) => {
    const stream = requireActive(kinesis, input, ctx);
    if (input.EncryptionType !== 'KMS') {
      throw invalidArgument(
        `Encryption type ${input.EncryptionType} is not valid for StartStreamEncryption; use KMS.`,
      );
    }
    kinesis.store.transaction(() => {
      kinesis.sql.setEncryption.run('KMS', input.KeyId, stream.id);
      kinesis.beginUpdate(stream);
    });
    return {};
  },
});

export const stopStreamEncryption = operation({
  input: model.StopStreamEncryptionInput,
  run: (input, kinesis, ctx) => {
    const stream = requireActive(kinesis, input, ctx);
    kinesis.store.transaction(() => {
      kinesis.sql.setEncryption.run('NONE', null, stream.id);
      kinesis.beginUpdate(stream);
    });
    return {};
  },
});
