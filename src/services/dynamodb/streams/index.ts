// Amazon DynamoDB Streams: its own service definition (awsJson 1.0, `DynamoDBStreams_20120810.*`),
// signed as `dynamodb` like DynamoDB itself, so the X-Amz-Target prefix is what routes it here.
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/Welcome.html

import * as model from '../../../core/generated/dynamodb-streams.js';
import { defineService } from '../../../core/service.js';
import { DYNAMODB_ERRORS, dynamodbValidationError } from '../errors.js';
import { StreamWrites } from '../stream-writes.js';
import { DynamoDbStreams } from './engine.js';
import { describeStream, getRecords, getShardIterator, listStreams } from './operations.js';
import { StreamReader } from './stream-reader.js';
import { dynamodbStreamSource } from './stream-source.js';

export const dynamodbStreamsService = defineService<DynamoDbStreams>({
  name: 'dynamodb-streams',
  signingName: 'dynamodb',
  json: { targetPrefix: 'DynamoDBStreams_20120810', version: '1.0' },
  errorNamespace: 'com.amazonaws.dynamodb.v20120810',
  model,
  errors: DYNAMODB_ERRORS,
  validationError: dynamodbValidationError,
  operations: {
    DescribeStream: describeStream,
    GetRecords: getRecords,
    GetShardIterator: getShardIterator,
    ListStreams: listStreams,
  },
  create: ({ store, clock }) => new DynamoDbStreams(store, clock),
  streamSource: (engine, { call, store }) => dynamodbStreamSource(engine, call, StreamWrites.of(store)),
});

export { lambdaEventRecord } from '../stream-records.js';
export { sequenceNumber } from './stream-reader.js';
export { StreamReader };
