// DeleteDeliveryStream: the stream and what it still buffers are gone at once. "You can't delete a Firehose
// stream that is in the CREATING state" (ResourceInUseException). AllowForceDelete, about KMS grants that
// cannot be retired, changes nothing here: Nimbus holds no grants.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html

import * as model from '../../../core/generated/firehose.js';
import { resourceInUse } from '../errors.js';
import { statusOf } from '../streams.js';
import { operation, requireStream } from './operation.js';

export const deleteDeliveryStream = operation({
  input: model.DeleteDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    if (statusOf(stream.row, firehose.clock.now()) === 'CREATING') {
      throw resourceInUse(
        `Firehose ${input.DeliveryStreamName} under account ${ctx.account} is in the CREATING state and cannot be deleted.`,
      );
    }
    firehose.delete(stream);
    return {};
  },
});
