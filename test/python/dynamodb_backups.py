"""DynamoDB backups, point-in-time recovery and exports driven through boto3, run by
test/dynamodb/backups-boto3.test.ts.

Usage: dynamodb_backups.py --endpoint URL FLOW...

Prints exactly one JSON line on stdout:
  {"flows": {"<flow>": {"failures": ["..."], "error": "traceback or null"}}}
and exits 0 (the Node test decides pass or fail from that line).
"""

import gzip
import json
import sys
import traceback

import boto3
import botocore.config
from botocore.exceptions import ClientError

CONFIG = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'})


class Checks:
    def __init__(self):
        self.failures = []

    def equal(self, actual, expected, label):
        if actual != expected:
            self.failures.append(f'{label}: expected {expected!r}, got {actual!r}')

    def error(self, fn, code, message, label):
        try:
            fn()
        except ClientError as e:
            self.equal(e.response['Error']['Code'], code, f'{label} code')
            if message is not None:
                self.equal(e.response['Error']['Message'], message, f'{label} message')
            return
        self.failures.append(f'{label}: no error raised')


def client(endpoint, service='dynamodb'):
    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1', config=CONFIG)


def make_table(ddb, name):
    ddb.create_table(
        TableName=name,
        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
        KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
        BillingMode='PAY_PER_REQUEST',
    )


def backups(endpoint, checks):
    """CreateBackup, DescribeBackup, ListBackups, RestoreTableFromBackup, DeleteBackup and their errors."""
    ddb = client(endpoint)
    make_table(ddb, 'py-backups')
    for i in range(3):
        ddb.put_item(TableName='py-backups', Item={'pk': {'S': f'k{i}'}})
    arn = ddb.create_backup(TableName='py-backups', BackupName='py-first')['BackupDetails']['BackupArn']
    ddb.delete_item(TableName='py-backups', Key={'pk': {'S': 'k0'}})
    described = ddb.describe_backup(BackupArn=arn)['BackupDescription']
    checks.equal(described['BackupDetails']['BackupStatus'], 'AVAILABLE', 'describe status')
    checks.equal(described['SourceTableDetails']['ItemCount'], 3, 'describe item count')
    listed = ddb.list_backups(TableName='py-backups')['BackupSummaries']
    checks.equal([b['BackupArn'] for b in listed], [arn], 'list')
    restored = ddb.restore_table_from_backup(TargetTableName='py-restored', BackupArn=arn)['TableDescription']
    checks.equal(restored['RestoreSummary']['RestoreInProgress'], True, 'restore in progress')
    ddb.get_waiter('table_exists').wait(TableName='py-restored')
    checks.equal(ddb.scan(TableName='py-restored')['Count'], 3, 'restored items')
    checks.error(
        lambda: ddb.restore_table_from_backup(TargetTableName='py-backups', BackupArn=arn),
        'TableAlreadyExistsException', 'Table already exists: py-backups', 'restore onto a table')
    deleted = ddb.delete_backup(BackupArn=arn)['BackupDescription']
    checks.equal(deleted['BackupDetails']['BackupStatus'], 'DELETED', 'delete status')
    checks.error(lambda: ddb.describe_backup(BackupArn=arn), 'BackupNotFoundException', f'Backup not found: {arn}',
                 'describe deleted')
    checks.error(lambda: ddb.create_backup(TableName='py-none', BackupName='bak'), 'TableNotFoundException',
                 'Table not found: py-none', 'backup of a missing table')
    try:
        ddb.describe_backup(BackupArn=arn)
    except ddb.exceptions.BackupNotFoundException:
        pass  # the modeled exception class, as boto3 users catch it
    except ClientError:
        checks.failures.append('BackupNotFoundException is not raised as its modeled class')


def pitr_export(endpoint, checks):
    """UpdateContinuousBackups, RestoreTableToPointInTime and an export read back from S3."""
    ddb, s3 = client(endpoint), client(endpoint, 's3')
    make_table(ddb, 'py-pitr')
    ddb.put_item(TableName='py-pitr', Item={'pk': {'S': 'a'}, 'n': {'N': '1'}})
    checks.error(
        lambda: ddb.restore_table_to_point_in_time(SourceTableName='py-pitr', TargetTableName='py-pitr-2',
                                                   UseLatestRestorableTime=True),
        'PointInTimeRecoveryUnavailableException', "Point in time recovery is not enabled for table 'py-pitr'",
        'restore without PITR')
    out = ddb.update_continuous_backups(
        TableName='py-pitr',
        PointInTimeRecoverySpecification={'PointInTimeRecoveryEnabled': True, 'RecoveryPeriodInDays': 10})
    pitr = out['ContinuousBackupsDescription']['PointInTimeRecoveryDescription']
    checks.equal(pitr['PointInTimeRecoveryStatus'], 'ENABLED', 'pitr status')
    checks.equal(pitr['RecoveryPeriodInDays'], 10, 'pitr period')
    ddb.put_item(TableName='py-pitr', Item={'pk': {'S': 'b'}})
    ddb.restore_table_to_point_in_time(SourceTableName='py-pitr', TargetTableName='py-pitr-2',
                                       UseLatestRestorableTime=True)
    # The latest restorable time is the start of PITR for its first five minutes: 'b' came after.
    checks.equal(sorted(i['pk']['S'] for i in ddb.scan(TableName='py-pitr-2')['Items']), ['a'], 'restored')
    s3.create_bucket(Bucket='py-exports')
    table_arn = ddb.describe_table(TableName='py-pitr')['Table']['TableArn']
    export = ddb.export_table_to_point_in_time(TableArn=table_arn, S3Bucket='py-exports', S3Prefix='px')
    arn = export['ExportDescription']['ExportArn']
    for _ in range(200):
        described = ddb.describe_export(ExportArn=arn)['ExportDescription']
        if described['ExportStatus'] != 'IN_PROGRESS':
            break
    checks.equal(described['ExportStatus'], 'COMPLETED', 'export status')
    checks.equal(described['ItemCount'], 2, 'export item count')
    manifest = s3.get_object(Bucket='py-exports', Key=described['ExportManifest'])['Body'].read()
    files_key = json.loads(manifest)['manifestFilesS3Key']
    files = [json.loads(line) for line in s3.get_object(Bucket='py-exports', Key=files_key)['Body'].read().splitlines()]
    data = gzip.decompress(s3.get_object(Bucket='py-exports', Key=files[0]['dataFileS3Key'])['Body'].read())
    rows = sorted(json.loads(line)['Item']['pk']['S'] for line in data.decode().splitlines())
    checks.equal(rows, ['a', 'b'], 'exported rows')
    checks.equal([e['ExportArn'] for e in ddb.list_exports(TableArn=table_arn)['ExportSummaries']], [arn], 'list')


FLOWS = {'backups': backups, 'pitr_export': pitr_export}


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
