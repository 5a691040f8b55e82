// Amazon CloudWatch Logs: the service's table of contents (awsJson 1.1, `Logs_20140328.*`).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html

import * as model from '../../core/generated/cloudwatch-logs.js';
import { defineService } from '../../core/service.js';
import { LOGS_ERRORS, logsValidationError } from './errors.js';
import { CloudWatchLogs } from './logs.js';
import {
  deleteDestination,
  describeDestinations,
  putDestination,
  putDestinationPolicy,
} from './operations/destinations.js';
import { filterLogEvents } from './operations/filter-log-events.js';
import { getLogEvents } from './operations/get-log-events.js';
import { createLogGroup, deleteLogGroup, describeLogGroups } from './operations/log-groups.js';
import { createLogStream, deleteLogStream, describeLogStreams } from './operations/log-streams.js';
import {
  deleteMetricFilter,
  describeMetricFilters,
  putMetricFilter,
  testMetricFilter,
} from './operations/metric-filters.js';
import { putLogEvents } from './operations/put-log-events.js';
import { deleteRetentionPolicy, putRetentionPolicy } from './operations/retention.js';
import {
  deleteSubscriptionFilter,
  describeSubscriptionFilters,
  putSubscriptionFilter,
} from './operations/subscription-filters.js';
import {
  listTagsForResource,
  listTagsLogGroup,
  tagLogGroup,
  tagResource,
  untagLogGroup,
  untagResource,
} from './operations/tags.js';
import { destination } from './resources/destination.js';
import { logGroup } from './resources/log-group.js';
import { logStream } from './resources/log-stream.js';
import { subscriptionFilter } from './resources/subscription-filter.js';

export const cloudWatchLogsService = defineService<CloudWatchLogs>({
  name: 'cloudwatch-logs',
  signingName: 'logs',
  json: { targetPrefix: 'Logs_20140328', version: '1.1' },
  errorNamespace: 'com.amazonaws.logs',
  model,
  errors: LOGS_ERRORS,
  validationError: logsValidationError,
  resources: [logGroup, logStream, subscriptionFilter, destination],
  operations: {
    CreateLogGroup: createLogGroup,
    CreateLogStream: createLogStream,
    DeleteDestination: deleteDestination,
    DeleteLogGroup: deleteLogGroup,
    DeleteLogStream: deleteLogStream,
    DeleteMetricFilter: deleteMetricFilter,
    DeleteRetentionPolicy: deleteRetentionPolicy,
    DeleteSubscriptionFilter: deleteSubscriptionFilter,
    DescribeDestinations: describeDestinations,
    DescribeLogGroups: describeLogGroups,
    DescribeLogStreams: describeLogStreams,
    DescribeMetricFilters: describeMetricFilters,
    DescribeSubscriptionFilters: describeSubscriptionFilters,
    FilterLogEvents: filterLogEvents,
    GetLogEvents: getLogEvents,
    ListTagsForResource: listTagsForResource,
    ListTagsLogGroup: listTagsLogGroup,
    PutDestination: putDestination,
    PutDestinationPolicy: putDestinationPolicy,
    PutLogEvents: putLogEvents,
    PutMetricFilter: putMetricFilter,
    PutRetentionPolicy: putRetentionPolicy,
    PutSubscriptionFilter: putSubscriptionFilter,
    TagLogGroup: tagLogGroup,
    TagResource: tagResource,
    TestMetricFilter: testMetricFilter,
    UntagLogGroup: untagLogGroup,
    UntagResource: untagResource,
  },
  create: ({ store, clock, call, log, metrics }) => new CloudWatchLogs(store, clock, call, log, metrics),
});
