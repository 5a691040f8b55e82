// Amazon CloudWatch (metrics, alarms, dashboards): the service's table of contents. Current SDKs, boto3 and the
// CLI speak smithy RPC v2 CBOR to it (`/service/GraniteServiceVersion20100801/operation/<Op>`); older ones
// awsQuery (`Action=PutMetricData`) or awsJson 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.<Op>`).
// Errors carry awsQuery's codes in `x-amzn-query-error` (awsQueryCompatible).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/Welcome.html

import * as model from '../../core/generated/cloudwatch.js';
import { defineService } from '../../core/service.js';
import { CloudWatch } from './cloudwatch.js';
import { CLOUDWATCH_ERRORS } from './errors.js';
import {
  deleteAlarms,
  disableAlarmActions,
  enableAlarmActions,
  setAlarmState,
} from './operations/alarm-state.js';
import { deleteDashboards, getDashboard, listDashboards, putDashboard } from './operations/dashboards.js';
import { describeAlarmHistory } from './operations/describe-alarm-history.js';
import { describeAlarms, describeAlarmsForMetric } from './operations/describe-alarms.js';
import { getMetricData } from './operations/get-metric-data.js';
import { getMetricStatistics } from './operations/get-metric-statistics.js';
import { listMetrics } from './operations/list-metrics.js';
import { putMetricAlarm } from './operations/put-metric-alarm.js';
import { putMetricData } from './operations/put-metric-data.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import { alarm } from './resources/alarm.js';
import { dashboard } from './resources/dashboard.js';

export const cloudWatchService = defineService<CloudWatch>({
  name: 'cloudwatch',
  signingName: 'monitoring',
  rpcv2Cbor: { serviceName: 'GraniteServiceVersion20100801' },
  json: { targetPrefix: 'GraniteServiceVersion20100801', version: '1.0' },
  query: { xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/' },
  errorNamespace: 'com.amazonaws.cloudwatch',
  queryCompatible: true,
  model,
  errors: CLOUDWATCH_ERRORS,
  resources: [alarm, dashboard],
  operations: {
    DeleteAlarms: deleteAlarms,
    DeleteDashboards: deleteDashboards,
    DescribeAlarmHistory: describeAlarmHistory,
    DescribeAlarms: describeAlarms,
    DescribeAlarmsForMetric: describeAlarmsForMetric,
    DisableAlarmActions: disableAlarmActions,
    EnableAlarmActions: enableAlarmActions,
    GetDashboard: getDashboard,
    GetMetricData: getMetricData,
    GetMetricStatistics: getMetricStatistics,
    ListDashboards: listDashboards,
    ListMetrics: listMetrics,
    ListTagsForResource: listTagsForResource,
    PutDashboard: putDashboard,
    PutMetricAlarm: putMetricAlarm,
    PutMetricData: putMetricData,
    SetAlarmState: setAlarmState,
    TagResource: tagResource,
    UntagResource: untagResource,
  },
  metricWriter: (engine) => engine,
  create: (deps) => new CloudWatch(deps),
});
