"""EventBridge driven through boto3 the way Python users write it, run by test/eventbridge-boto3.test.ts.

Usage: eventbridge_flows.py --endpoint URL

Prints exactly one JSON line on stdout: {"failures": ["..."], "error": "traceback or null"} and exits 0
(the Node test decides pass or fail from that line).
"""

import json
import sys
import traceback

import boto3
import botocore.config
from botocore.exceptions import ClientError

REGION = 'us-east-1'
CONFIG = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'})


def main():
    endpoint = sys.argv[sys.argv.index('--endpoint') + 1]
    failures = []
    error = None

    def equal(actual, expected, label):
        if actual != expected:
            failures.append(f'{label}: expected {expected!r}, got {actual!r}')

    try:
        events = boto3.client('events', endpoint_url=endpoint, region_name=REGION, config=CONFIG)
        sqs = boto3.client('sqs', endpoint_url=endpoint, region_name=REGION, config=CONFIG)
        queue_url = sqs.create_queue(QueueName='boto3-target')['QueueUrl']
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']

        rule_arn = events.put_rule(
            Name='boto3-rule',
            EventPattern=json.dumps({'source': ['py.app'], 'detail': {'amount': [{'numeric': ['>=', 10]}]}}),
        )['RuleArn']
        equal(rule_arn, 'arn:aws:events:us-east-1:000000000000:rule/boto3-rule', 'RuleArn')
        put = events.put_targets(
            Rule='boto3-rule',
            Targets=[{
                'Id': 'q',
                'Arn': queue_arn,
                'InputTransformer': {
                    'InputPathsMap': {'amount': '$.detail.amount', 'who': '$.detail.who'},
                    'InputTemplate': '{"amount": <amount>, "text": "<who> paid <amount>"}',
                },
            }],
        )
        equal(put['FailedEntryCount'], 0, 'PutTargets FailedEntryCount')

        result = events.put_events(Entries=[
            {'Source': 'py.app', 'DetailType': 'Paid', 'Detail': json.dumps({'amount': 5, 'who': 'ann'})},
            {'Source': 'py.app', 'DetailType': 'Paid', 'Detail': json.dumps({'amount': 12, 'who': 'bob'})},
            {'Source': 'py.app', 'DetailType': 'Paid', 'Detail': 'not json'},
        ])
        equal(result['FailedEntryCount'], 1, 'PutEvents FailedEntryCount')
        equal(result['Entries'][2].get('ErrorCode'), 'MalformedDetail', 'third entry ErrorCode')

        received = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=5, MaxNumberOfMessages=10)
        bodies = [json.loads(m['Body']) for m in received.get('Messages', [])]
        equal(bodies, [{'amount': 12, 'text': 'bob paid 12'}], 'transformed bodies')

        rules = events.list_rules(NamePrefix='boto3-')['Rules']
        equal([r['Name'] for r in rules], ['boto3-rule'], 'ListRules')

        try:
            events.describe_rule(Name='missing')
            failures.append('DescribeRule of a missing rule did not fail')
        except ClientError as e:
            equal(e.response['Error']['Code'], 'ResourceNotFoundException', 'missing rule code')
            equal(e.response['ResponseMetadata']['HTTPStatusCode'], 400, 'missing rule status')

        try:
            events.put_rule(Name='bad', EventPattern='{"source": "x"}')
            failures.append('an invalid pattern was accepted')
        except events.exceptions.InvalidEventPatternException as e:
            equal(e.response['Error']['Message'].startswith('Event pattern is not valid. Reason: '), True,
                  'InvalidEventPatternException message')

        match = events.test_event_pattern(
            EventPattern=json.dumps({'detail-type': [{'prefix': 'Pa'}]}),
            Event=json.dumps({'id': '1', 'account': '000000000000', 'source': 's', 'time': '2026-01-01T00:00:00Z',
                              'region': REGION, 'resources': [], 'detail-type': 'Paid', 'detail': {}}),
        )
        equal(match['Result'], True, 'TestEventPattern')
    except Exception:
        error = traceback.format_exc()
    print(json.dumps({'failures': failures, 'error': error}))


if __name__ == '__main__':
    main()
