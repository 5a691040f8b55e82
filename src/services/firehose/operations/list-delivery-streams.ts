// ListDeliveryStreams: names in alphabetical order after ExclusiveStartDeliveryStreamName, of one
// DeliveryStreamType when asked, "The default value is 10", and whether more are left.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListDeliveryStreams.html

import * as model from '../../../core/generated/firehose.js';
import { operation } from './operation.js';

export const listDeliveryStreams = operation({
  input: model.ListDeliveryStreamsInput,
  run: (input, firehose, ctx) => {
    const limit = input.Limit ?? 10;
    const names: string[] = [];
    let more = false;
    for (const name of firehose.names(
      ctx.account,
      ctx.region,
      input.ExclusiveStartDeliveryStreamName ?? '',
      input.DeliveryStreamType,
    )) {
      if (names.length === limit) {
        more = true;
        break;
      }
      names.push(name);
    }
    return { DeliveryStreamNames: names, HasMoreDeliveryStreams: more };
  },
});
