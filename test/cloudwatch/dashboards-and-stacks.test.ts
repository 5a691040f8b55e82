// CloudWatch dashboards (Put/Get/List/DeleteDashboards, DashboardValidationMessages for bad bodies), tags on
// alarms and dashboards, and AWS::CloudWatch::Alarm / AWS::CloudWatch::Dashboard deployed from a template
// (Ref, GetAtt Arn, an in-place update, deletion with the stack).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;
const BODY = JSON.stringify({
  widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 3, properties: { markdown: '# Hi' } }],
});

describe('CloudWatch dashboards, tags and templates', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
  });
  after(() => cloud?.stop());

  it('puts, gets, lists and deletes dashboards, refusing bad bodies with validation messages', async () => {
    const put = await cw.send(new PutDashboardCommand({ DashboardName: 'ops', DashboardBody: BODY }));
    assert.deepEqual(put.DashboardValidationMessages, []);
    const got = await cw.send(new GetDashboardCommand({ DashboardName: 'ops' }));
    assert.equal(got.DashboardBody, BODY);
    assert.equal(got.DashboardArn, 'arn:aws:cloudwatch::000000000000:dashboard/ops');
    const listed = await cw.send(new ListDashboardsCommand({ DashboardNamePrefix: 'o' }));
    assert.deepEqual(
      listed.DashboardEntries?.map((d) => [d.DashboardName, d.Size]),
      [['ops', BODY.length]],
    );
    await assert.rejects(
      cw.send(new PutDashboardCommand({ DashboardName: 'bad', DashboardBody: '{"widgets":[{"x":1}]}' })),
      (error: Error & { dashboardValidationMessages?: unknown }) => {
        assert.equal(error.name, 'DashboardInvalidInputError');
        assert.deepEqual(error.dashboardValidationMessages, [
          { DataPath: '/widgets/0', Message: "Should have required property 'type'" },
        ]);
        return true;
      },
    );
    await assert.rejects(
      cw.send(new PutDashboardCommand({ DashboardName: 'bad', DashboardBody: 'not json' })),
      { name: 'DashboardInvalidInputError' },
    );
    await assert.rejects(cw.send(new DeleteDashboardsCommand({ DashboardNames: ['ops', 'missing'] })), {
      name: 'ResourceNotFound',
    });
    await cw.send(new DeleteDashboardsCommand({ DashboardNames: ['ops'] }));
    await assert.rejects(cw.send(new GetDashboardCommand({ DashboardName: 'ops' })), {
      name: 'ResourceNotFound',
    });
  });

  it('tags alarms by ARN and refuses unknown resources', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'tagged',
        Namespace: 'N',
        MetricName: 'M',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    const ResourceARN = 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:tagged';
    await cw.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await cw.send(new UntagResourceCommand({ ResourceARN, TagKeys: ['team'] }));
    const { Tags } = await cw.send(new ListTagsForResourceCommand({ ResourceARN }));
    assert.deepEqual(Tags, [{ Key: 'env', Value: 'prod' }]);
    await assert.rejects(cw.send(new ListTagsForResourceCommand({ ResourceARN: `${ResourceARN}-nope` })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('deploys, updates and deletes an alarm and a dashboard from a template', async () => {
    const cfn = client(cloud, CloudFormationClient);
    const template = (threshold: string) =>
      JSON.stringify({
        Resources: {
          High: {
            Type: 'AWS::CloudWatch::Alarm',
            Properties: {
              AlarmName: 'cfn-high',
              Namespace: 'App',
              MetricName: 'Errors',
              Statistic: 'Sum',
              Period: '60',
              EvaluationPeriods: '1',
              Threshold: threshold,
              ComparisonOperator: 'GreaterThanThreshold',
              TreatMissingData: 'notBreaching',
            },
          },
          Board: {
            Type: 'AWS::CloudWatch::Dashboard',
            Properties: { DashboardName: 'cfn-board', DashboardBody: BODY },
          },
        },
        Outputs: {
          Name: { Value: { Ref: 'High' } },
          Arn: { Value: { 'Fn::GetAtt': ['High', 'Arn'] } },
          Board: { Value: { Ref: 'Board' } },
        },
      });
    await cfn.send(new CreateStackCommand({ StackName: 'alarms', TemplateBody: template('5') }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'alarms' });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'alarms' }));
    const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    assert.deepEqual(outputs, {
      Name: 'cfn-high',
      Arn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:cfn-high',
      Board: 'cfn-board',
    });
    await cfn.send(new UpdateStackCommand({ StackName: 'alarms', TemplateBody: template('9') }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'alarms' });
    const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['cfn-high'] }));
    assert.equal(MetricAlarms?.[0]?.Threshold, 9);
    await cfn.send(new DeleteStackCommand({ StackName: 'alarms' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'alarms' });
    assert.deepEqual(
      (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['cfn-high'] }))).MetricAlarms,
      [],
    );
    assert.deepEqual((await cw.send(new ListDashboardsCommand({}))).DashboardEntries, []);
  });
});
