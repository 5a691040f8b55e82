// DescribeDeliveryStream: the stream, its status on the cloud's clock, its source and its one destination
// (Limit and ExclusiveStartDestinationId page over that list of one).
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html

import * as model from '../../../core/generated/firehose.js';
import { describeDestination } from '../destinations.js';
import { DESTINATION_ID } from '../names.js';
import { statusOf } from '../streams.js';
import { operation, requireStream, seconds } from './operation.js';

export const describeDeliveryStream = operation({
  input: model.DescribeDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const { row, destination, source, encryption } = requireStream(firehose, input.DeliveryStreamName, ctx);
    const skip =
      input.ExclusiveStartDestinationId !== undefined && input.ExclusiveStartDestinationId >= DESTINATION_ID;
    const description: Record<string, unknown> = {
      DeliveryStreamName: row.name,
      DeliveryStreamARN: row.arn,
      DeliveryStreamStatus: statusOf(row, firehose.clock.now()),
      DeliveryStreamEncryptionConfiguration: encryption,
      DeliveryStreamType: row.type,
      VersionId: String(row.version),
      CreateTimestamp: seconds(row.created_at),
      Destinations: skip ? [] : [describeDestination(destination)],
      HasMoreDestinations: false,
    };
    if (row.updated_at !== row.created_at) description.LastUpdateTimestamp = seconds(row.updated_at);
    if (source) {
      description.Source = {
        KinesisStreamSourceDescription: {
          KinesisStreamARN: source.KinesisStreamARN,
          RoleARN: source.RoleARN,
          DeliveryStartTimestamp: seconds(source.DeliveryStartTimestamp),
        },
      };
    }
    return { DeliveryStreamDescription: description };
  },
});
