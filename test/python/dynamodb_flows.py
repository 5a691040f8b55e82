"""DynamoDB flows driven through boto3 the way Python users write them, run by test/dynamodb-boto3.test.ts.

Usage: dynamodb_flows.py --endpoint URL FLOW...

Prints exactly one JSON line on stdout:
  {"flows": {"<flow>": {"failures": ["..."], "error": "traceback or null"}}}
and exits 0 (the Node test decides pass or fail from that line).
"""

import json
import sys
import traceback
from decimal import Decimal

import boto3
import botocore.config
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

CONFIG = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'})


class Checks:
    def __init__(self):
        self.failures = []

    def equal(self, actual, expected, label):
        if actual != expected:
            self.failures.append(f'{label}: expected {expected!r}, got {actual!r}')


def clients(endpoint):
    kwargs = dict(endpoint_url=endpoint, region_name='us-east-1', config=CONFIG)
    return boto3.client('dynamodb', **kwargs), boto3.resource('dynamodb', **kwargs), boto3.client('dynamodbstreams', **kwargs)


def resource_api(endpoint, checks):
    """The resource API with Decimal numbers, conditions built with Key/Attr, and a waiter."""
    client, resource, _ = clients(endpoint)
    table = resource.create_table(
        TableName='py-orders',
        KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'sk', 'KeyType': 'RANGE'}],
        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}, {'AttributeName': 'sk', 'AttributeType': 'N'}],
        BillingMode='PAY_PER_REQUEST',
    )
    table.wait_until_exists()
    for i in range(5):
        table.put_item(Item={'pk': 'p', 'sk': i, 'price': Decimal('19.99') * i, 'tags': {'a', 'b'}})
    got = table.get_item(Key={'pk': 'p', 'sk': 3})['Item']
    checks.equal(got['price'], Decimal('59.97'), 'exact decimal price')
    checks.equal(got['tags'], {'a', 'b'}, 'string set')
    page = table.query(KeyConditionExpression=Key('pk').eq('p') & Key('sk').between(1, 3), ScanIndexForward=False)
    checks.equal([item['sk'] for item in page['Items']], [3, 2, 1], 'query between, descending')
    filtered = table.scan(FilterExpression=Attr('price').gt(Decimal('40')))
    checks.equal(filtered['Count'], 2, 'scan filter count')
    updated = table.update_item(
        Key={'pk': 'p', 'sk': 0},
        UpdateExpression='SET price = price + :d, #n = :n',
        ExpressionAttributeNames={'#n': 'name'},
        ExpressionAttributeValues={':d': Decimal('0.01'), ':n': 'zero'},
        ReturnValues='ALL_NEW',
    )['Attributes']
    checks.equal(updated['price'], Decimal('0.01'), 'arithmetic update')
    checks.equal(client.describe_table(TableName='py-orders')['Table']['ItemCount'], 5, 'item count')


def errors(endpoint, checks):
    """Modeled exceptions: ConditionalCheckFailedException, TransactionCanceledException, ValidationException."""
    client, resource, _ = clients(endpoint)
    table = resource.Table('py-orders')
    try:
        table.put_item(Item={'pk': 'p', 'sk': 1}, ConditionExpression='attribute_not_exists(pk)')
        checks.failures.append('conditional put succeeded')
    except client.exceptions.ConditionalCheckFailedException as error:
        checks.equal(error.response['Error']['Message'], 'The conditional request failed', 'condition message')
    try:
        client.transact_write_items(TransactItems=[
            {'ConditionCheck': {'TableName': 'py-orders', 'Key': {'pk': {'S': 'p'}, 'sk': {'N': '1'}},
                                'ConditionExpression': 'attribute_not_exists(pk)'}},
            {'Put': {'TableName': 'py-orders', 'Item': {'pk': {'S': 'q'}, 'sk': {'N': '1'}}}},
        ])
        checks.failures.append('transaction succeeded')
    except client.exceptions.TransactionCanceledException as error:
        reasons = [reason['Code'] for reason in error.response['CancellationReasons']]
        checks.equal(reasons, ['ConditionalCheckFailed', 'None'], 'cancellation reasons')
    try:
        client.get_item(TableName='missing-table', Key={'pk': {'S': 'x'}})
        checks.failures.append('get on a missing table succeeded')
    except client.exceptions.ResourceNotFoundException:
        pass
    try:
        table.update_item(Key={'pk': 'p', 'sk': 1}, UpdateExpression='SET status = :s', ExpressionAttributeValues={':s': 'x'})
        checks.failures.append('reserved word accepted')
    except ClientError as error:
        checks.equal(error.response['Error']['Code'], 'ValidationException', 'reserved word code')
        checks.equal(error.response['Error']['Message'],
                     'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status',
                     'reserved word message')


def streams(endpoint, checks):
    """A stream read with the dynamodbstreams client from TRIM_HORIZON."""
    client, resource, streams_client = clients(endpoint)
    described = client.create_table(
        TableName='py-stream',
        KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],
        AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}],
        BillingMode='PAY_PER_REQUEST',
        StreamSpecification={'StreamEnabled': True, 'StreamViewType': 'NEW_IMAGE'},
    )['TableDescription']
    arn = described['LatestStreamArn']
    resource.Table('py-stream').put_item(Item={'id': 'one', 'n': 1})
    resource.Table('py-stream').delete_item(Key={'id': 'one'})
    shard = streams_client.describe_stream(StreamArn=arn)['StreamDescription']['Shards'][0]['ShardId']
    iterator = streams_client.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType='TRIM_HORIZON')['ShardIterator']
    records = streams_client.get_records(ShardIterator=iterator)['Records']
    checks.equal([r['eventName'] for r in records], ['INSERT', 'REMOVE'], 'stream events')
    checks.equal(records[0]['dynamodb']['NewImage'], {'id': {'S': 'one'}, 'n': {'N': '1'}}, 'new image')


FLOWS = {'resource_api': resource_api, 'errors': errors, 'streams': streams}


def main():
    args = sys.argv[1:]
    endpoint = args[args.index('--endpoint') + 1]
    names = [a for a in args if a in FLOWS]
    result = {}
    for name in names:
        checks = Checks()
        error = None
        try:
            FLOWS[name](endpoint, checks)
        except Exception:  # noqa: BLE001 - reported to the Node test
            error = traceback.format_exc()
        result[name] = {'failures': checks.failures, 'error': error}
    print(json.dumps({'flows': result}))


main()
