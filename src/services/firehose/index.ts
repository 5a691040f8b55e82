// Amazon Data Firehose: the service's table of contents (awsJson 1.1, `Firehose_20150804.*`).
// https://docs.aws.amazon.com/firehose/latest/APIReference/Welcome.html
// https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html

import * as model from '../../core/generated/firehose.js';
import { defineService } from '../../core/service.js';
import { FIREHOSE_ERRORS } from './errors.js';
import { Firehose } from './firehose.js';
import { firehoseInputRules } from './input-rules.js';
import { createDeliveryStream } from './operations/create-delivery-stream.js';
import { deleteDeliveryStream } from './operations/delete-delivery-stream.js';
import { describeDeliveryStream } from './operations/describe-delivery-stream.js';
import { startDeliveryStreamEncryption, stopDeliveryStreamEncryption } from './operations/encryption.js';
import { listDeliveryStreams } from './operations/list-delivery-streams.js';
import { putRecord, putRecordBatch } from './operations/put-record.js';
import { listTagsForDeliveryStream, tagDeliveryStream, untagDeliveryStream } from './operations/tags.js';
import { updateDestination } from './operations/update-destination.js';
import { deliveryStream } from './resources/delivery-stream.js';

export const firehoseService = defineService<Firehose>({
  name: 'firehose',
  signingName: 'firehose',
  json: { targetPrefix: 'Firehose_20150804', version: '1.1' },
  errorNamespace: 'com.amazonaws.firehose',
  model,
  errors: FIREHOSE_ERRORS,
  inputRules: firehoseInputRules,
  resources: [deliveryStream],
  operations: {
    CreateDeliveryStream: createDeliveryStream,
    DeleteDeliveryStream: deleteDeliveryStream,
    DescribeDeliveryStream: describeDeliveryStream,
    ListDeliveryStreams: listDeliveryStreams,
    ListTagsForDeliveryStream: listTagsForDeliveryStream,
    PutRecord: putRecord,
    PutRecordBatch: putRecordBatch,
    StartDeliveryStreamEncryption: startDeliveryStreamEncryption,
    StopDeliveryStreamEncryption: stopDeliveryStreamEncryption,
    TagDeliveryStream: tagDeliveryStream,
    UntagDeliveryStream: untagDeliveryStream,
    UpdateDestination: updateDestination,
  },
  create: (deps) => new Firehose(deps),
});
