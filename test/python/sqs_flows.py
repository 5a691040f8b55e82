"""SQS flows driven through boto3 the way Python users write them, run by test/sqs-boto3.test.ts.

Usage: sqs_flows.py [--endpoint URL] FLOW...   (without --endpoint, boto3 must find AWS_ENDPOINT_URL)

Prints exactly one JSON line on stdout:
  {"versions": {...}, "flows": {"<flow>": {"failures": ["..."], "error": "traceback or null", "seconds": 0.1}}}
and exits 0 (the Node test decides pass or fail from that line).

boto3, unlike the Java and JavaScript SDKs, does not verify SQS's MD5OfMessageBody and
MD5OfMessageAttributes itself, so the flows below recompute them as AWS documents:
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
Error codes are read as boto3 users read them, `e.response['Error']['Code']`: for SQS (awsJson,
awsQueryCompatible) botocore reports the awsQuery code from the `x-amzn-query-error` header, e.g.
`AWS.SimpleQueueService.NonExistentQueue`, and keeps the JSON shape name in `QueryErrorCode`.
"""

import hashlib
import json
import os
import struct
import sys
import threading
import time
import traceback
import urllib.request

import boto3
import botocore
import botocore.config
from botocore.exceptions import ClientError

ACCOUNT = '000000000000'
REGION = 'us-east-1'
TRACE = {'AWSTraceHeader': {'DataType': 'String', 'StringValue': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'}}
# One attempt per call: a retried request would hide the error it got.
CONFIG = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'})


class Checks:
    """Collects failed expectations instead of stopping at the first one."""

    def __init__(self):
        self.failures = []

    def equal(self, actual, expected, label):
        if actual != expected:
            self.failures.append(f'{label}: expected {expected!r}, got {actual!r}')

    def true(self, condition, label):
        if not condition:
            self.failures.append(label)

    def error_code(self, call, expected_code, label, status=None):
        """Runs `call`, expecting a ClientError with this code (and HTTP status); returns the error."""
        try:
            call()
        except ClientError as error:
            self.equal(error.response['Error']['Code'], expected_code, f'{label}: error code')
            if status is not None:
                self.equal(
                    error.response['ResponseMetadata']['HTTPStatusCode'], status, f'{label}: HTTP status'
                )
            return error
        self.failures.append(f'{label}: expected {expected_code}, but the call succeeded')
        return None


# --- MD5s as AWS computes them --------------------------------------------------------------------


def md5_of_body(body):
    return hashlib.md5(body.encode('utf-8')).hexdigest()


def md5_of_attributes(attributes):
    """Sorted by name; each: length-prefixed name, data type, transport byte (1 string, 2 binary), value."""
    digest = hashlib.md5()
    for name in sorted(attributes):
        value = attributes[name]
        digest.update(length_prefixed(name.encode('utf-8')))
        digest.update(length_prefixed(value['DataType'].encode('utf-8')))
        if 'BinaryValue' in value:
            digest.update(b'\x02')
            digest.update(length_prefixed(bytes(value['BinaryValue'])))
        else:
            digest.update(b'\x01')
            digest.update(length_prefixed(value['StringValue'].encode('utf-8')))
    return digest.hexdigest()


def length_prefixed(data):
    return struct.pack('>I', len(data)) + data


# --- helpers ----------------------------------------------------------------------------------------


def queue_arn(name):
    return f'arn:aws:sqs:{REGION}:{ACCOUNT}:{name}'


def counts(sqs, url):
    attributes = sqs.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=[
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
        ],
    )['Attributes']
    return (
        int(attributes['ApproximateNumberOfMessages']),
        int(attributes['ApproximateNumberOfMessagesNotVisible']),
        int(attributes['ApproximateNumberOfMessagesDelayed']),
    )


def receive(sqs, url, **kwargs):
    return sqs.receive_message(QueueUrl=url, **kwargs).get('Messages', [])


def receive_all(sqs, url, expected, **kwargs):
    """Standard queues may answer with fewer messages than are visible; ask a few times."""
    messages = []
    for _ in range(5):
        messages += receive(sqs, url, MaxNumberOfMessages=10, **kwargs)
        if len(messages) >= expected:
            break
    return messages


def advance_clock(endpoint, seconds):
    """Moves Nimbus's virtual clock forward (POST /_nimbus/clock), so nothing here sleeps."""
    request = urllib.request.Request(
        f'{endpoint}/_nimbus/clock',
        data=json.dumps({'advanceSeconds': seconds}).encode(),
        headers={'content-type': 'application/json'},
        method='POST',
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


class Background:
    """Runs a blocking boto3 call on a thread and times it."""

    def __init__(self, call):
        self.started = time.monotonic()
        self.finished = None
        self.value = None
        self.error = None
        self.thread = threading.Thread(target=self.run, args=(call,), daemon=True)
        self.thread.start()

    def run(self, call):
        try:
            self.value = call()
        except Exception as error:  # noqa: BLE001 - re-raised by result()
            self.error = error
        self.finished = time.monotonic()

    def done(self, wait):
        self.thread.join(wait)
        return not self.thread.is_alive()

    @property
    def seconds(self):
        return (self.finished or time.monotonic()) - self.started

    def result(self, timeout):
        self.thread.join(timeout)
        if self.thread.is_alive():
            raise TimeoutError(f'still waiting after {timeout} s')
        if self.error is not None:
            raise self.error
        return self.value


# --- flows ------------------------------------------------------------------------------------------


def flow_create_find_list(sqs, endpoint, check):
    standard_attributes = {
        'VisibilityTimeout': '45',
        'MessageRetentionPeriod': '3600',
        'MaximumMessageSize': '2048',
        'DelaySeconds': '0',
        'ReceiveMessageWaitTimeSeconds': '0',
    }
    standard = sqs.create_queue(QueueName='orders-standard', Attributes=standard_attributes)['QueueUrl']
    check.true(standard.endswith(f'/{ACCOUNT}/orders-standard'), f'standard queue url {standard}')
    fifo_attributes = {
        'FifoQueue': 'true',
        'ContentBasedDeduplication': 'true',
        'DeduplicationScope': 'messageGroup',
        'FifoThroughputLimit': 'perMessageGroupId',
    }
    fifo = sqs.create_queue(QueueName='orders-events.fifo', Attributes=fifo_attributes)['QueueUrl']
    check.true(fifo.endswith(f'/{ACCOUNT}/orders-events.fifo'), f'fifo queue url {fifo}')

    check.equal(sqs.get_queue_url(QueueName='orders-standard')['QueueUrl'], standard, 'get_queue_url standard')
    check.equal(sqs.get_queue_url(QueueName='orders-events.fifo')['QueueUrl'], fifo, 'get_queue_url fifo')
    again = sqs.create_queue(QueueName='orders-standard', Attributes=standard_attributes)['QueueUrl']
    check.equal(again, standard, 'create_queue with the same attributes returns the same url')
    error = check.error_code(
        lambda: sqs.create_queue(QueueName='orders-standard', Attributes={'VisibilityTimeout': '46'}),
        'QueueAlreadyExists',
        'create_queue with a different attribute value',
        status=400,
    )
    check.true(
        error is None or isinstance(error, sqs.exceptions.QueueNameExists),
        'the error is boto3\'s modeled QueueNameExists',
    )

    got = sqs.get_queue_attributes(QueueUrl=standard, AttributeNames=['All'])['Attributes']
    for name, value in standard_attributes.items():
        check.equal(got.get(name), value, f'standard {name}')
    check.equal(got.get('QueueArn'), queue_arn('orders-standard'), 'standard QueueArn')
    check.true(got.get('CreatedTimestamp', '').isdigit(), f'CreatedTimestamp in seconds: {got.get("CreatedTimestamp")}')
    check.true('FifoQueue' not in got, 'a standard queue has no FifoQueue attribute')
    got = sqs.get_queue_attributes(QueueUrl=fifo, AttributeNames=['All'])['Attributes']
    for name, value in fifo_attributes.items():
        check.equal(got.get(name), value, f'fifo {name}')
    some = sqs.get_queue_attributes(QueueUrl=standard, AttributeNames=['VisibilityTimeout', 'QueueArn'])
    check.equal(
        some['Attributes'],
        {'VisibilityTimeout': '45', 'QueueArn': queue_arn('orders-standard')},
        'get_queue_attributes returns only the names asked for',
    )

    check.equal(
        sorted(sqs.list_queues(QueueNamePrefix='orders-')['QueueUrls']),
        sorted([standard, fifo]),
        'list_queues by prefix',
    )
    check.equal(sqs.list_queues(QueueNamePrefix='orders-e')['QueueUrls'], [fifo], 'list_queues by longer prefix')
    check.true(
        'QueueUrls' not in sqs.list_queues(QueueNamePrefix='no-such-prefix'),
        'list_queues leaves QueueUrls out when nothing matches',
    )
    first_page = sqs.list_queues(QueueNamePrefix='orders-', MaxResults=1)
    check.equal(len(first_page.get('QueueUrls', [])), 1, 'list_queues MaxResults=1 page size')
    check.true('NextToken' in first_page, 'list_queues MaxResults=1 gives a NextToken')
    paged = []
    for page in sqs.get_paginator('list_queues').paginate(
        QueueNamePrefix='orders-', PaginationConfig={'PageSize': 1}
    ):
        paged += page.get('QueueUrls', [])
    check.equal(sorted(paged), sorted([standard, fifo]), 'list_queues paginator with PageSize=1')

    check.error_code(
        lambda: sqs.create_queue(QueueName='not-fifo-suffix', Attributes={'FifoQueue': 'true'}),
        'InvalidParameterValue',
        'a FIFO queue whose name lacks .fifo',
    )
    check.error_code(
        lambda: sqs.create_queue(QueueName='bad name!'), 'InvalidParameterValue', 'an invalid queue name'
    )


def flow_message_attributes(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='attributes-q')['QueueUrl']
    body = 'Grüße, 世界 🌍 — order #1'
    attributes = {
        'Author': {'DataType': 'String', 'StringValue': 'Ada Lovelace'},
        'Note': {'DataType': 'String', 'StringValue': 'héllo ✓ 🚀'},
        'Priority': {'DataType': 'Number', 'StringValue': '42'},
        'Temperature': {'DataType': 'Number.float', 'StringValue': '-3.75e2'},
        'Payload': {'DataType': 'Binary', 'BinaryValue': b'\x00\x01\xfe\xff nimbus'},
        'Thumbnail': {'DataType': 'Binary.png', 'BinaryValue': bytes(range(256))},
        # Names sort by their bytes: digits, then upper case, then '_', then lower case.
        '0-first': {'DataType': 'String', 'StringValue': 'zero'},
        '_private': {'DataType': 'String.internal', 'StringValue': 'underscore'},
        'lower.case': {'DataType': 'Number.int', 'StringValue': '7'},
        'Zulu': {'DataType': 'String', 'StringValue': 'z'},
    }
    trace = TRACE
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=attributes, MessageSystemAttributes=trace)
    check.equal(sent['MD5OfMessageBody'], md5_of_body(body), 'send MD5OfMessageBody')
    check.equal(sent.get('MD5OfMessageAttributes'), md5_of_attributes(attributes), 'send MD5OfMessageAttributes')
    check.equal(
        sent.get('MD5OfMessageSystemAttributes'), md5_of_attributes(trace), 'send MD5OfMessageSystemAttributes'
    )

    messages = receive(
        sqs, url, MessageAttributeNames=['All'], MessageSystemAttributeNames=['All'], AttributeNames=['All']
    )
    check.equal(len(messages), 1, 'one message received')
    if not messages:
        return
    message = messages[0]
    check.equal(message['MessageId'], sent['MessageId'], 'received MessageId')
    check.equal(message['Body'], body, 'received Body')
    check.equal(message['MD5OfBody'], md5_of_body(body), 'received MD5OfBody')
    received = message.get('MessageAttributes', {})
    check.equal(received, attributes, 'received MessageAttributes (binary values as bytes)')
    check.equal(message.get('MD5OfMessageAttributes'), md5_of_attributes(received), 'received MD5OfMessageAttributes')
    check.equal(
        message.get('MD5OfMessageAttributes'), sent.get('MD5OfMessageAttributes'), 'receive and send MD5s agree'
    )
    check.equal(
        message.get('Attributes', {}).get('AWSTraceHeader'),
        trace['AWSTraceHeader']['StringValue'],
        'AWSTraceHeader comes back as a system attribute',
    )
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message['ReceiptHandle'])

    # Asking for some attributes returns those, with the MD5 of what is returned.
    sqs.send_message(QueueUrl=url, MessageBody='second', MessageAttributes=attributes)
    messages = receive(sqs, url, MessageAttributeNames=['Author', 'Payload'])
    subset = {name: attributes[name] for name in ('Author', 'Payload')}
    check.equal(messages[0].get('MessageAttributes') if messages else None, subset, 'named MessageAttributeNames')
    check.equal(
        messages[0].get('MD5OfMessageAttributes') if messages else None,
        md5_of_attributes(subset),
        'MD5OfMessageAttributes of the named subset',
    )
    check.true(not messages or 'Attributes' not in messages[0], 'no system attributes unless asked for')


def flow_batch(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='batch-q')['QueueUrl']
    color = {'color': {'DataType': 'String', 'StringValue': 'blue'}, 'size': {'DataType': 'Number', 'StringValue': '3'}}
    entries = [
        {'Id': 'first', 'MessageBody': 'one'},
        {'Id': 'second', 'MessageBody': 'two ✓', 'MessageAttributes': color},
        {'Id': 'third', 'MessageBody': 'three', 'DelaySeconds': 0, 'MessageSystemAttributes': TRACE},
    ]
    result = sqs.send_message_batch(QueueUrl=url, Entries=entries)
    check.equal(result.get('Failed', []), [], 'send_message_batch Failed')
    successful = {entry['Id']: entry for entry in result.get('Successful', [])}
    check.equal(sorted(successful), ['first', 'second', 'third'], 'send_message_batch Successful ids')
    for entry in entries:
        got = successful.get(entry['Id'], {})
        check.equal(got.get('MD5OfMessageBody'), md5_of_body(entry['MessageBody']), f'{entry["Id"]} MD5OfMessageBody')
        if 'MessageAttributes' in entry:
            check.equal(
                got.get('MD5OfMessageAttributes'),
                md5_of_attributes(entry['MessageAttributes']),
                f'{entry["Id"]} MD5OfMessageAttributes',
            )
        else:
            check.true('MD5OfMessageAttributes' not in got, f'{entry["Id"]} has no MD5OfMessageAttributes')
        if 'MessageSystemAttributes' in entry:
            check.equal(
                got.get('MD5OfMessageSystemAttributes'),
                md5_of_attributes(entry['MessageSystemAttributes']),
                f'{entry["Id"]} MD5OfMessageSystemAttributes',
            )
    check.equal(counts(sqs, url), (3, 0, 0), 'counts after the batch')

    messages = receive_all(sqs, url, 3, MessageAttributeNames=['All'])
    check.equal(sorted(m['Body'] for m in messages), ['one', 'three', 'two ✓'], 'bodies received')
    for message in messages:
        check.equal(message['MD5OfBody'], md5_of_body(message['Body']), f'{message["Body"]} MD5OfBody')
        if 'MessageAttributes' in message:
            check.equal(
                message.get('MD5OfMessageAttributes'),
                md5_of_attributes(message['MessageAttributes']),
                f'{message["Body"]} MD5OfMessageAttributes',
            )
    check.equal(
        [m['MessageId'] for m in messages if m['Body'] == 'two ✓'],
        [successful.get('second', {}).get('MessageId')],
        'the batch entry\'s MessageId is the received one',
    )
    changed = sqs.change_message_visibility_batch(
        QueueUrl=url,
        Entries=[
            {'Id': f'm{i}', 'ReceiptHandle': m['ReceiptHandle'], 'VisibilityTimeout': 120}
            for i, m in enumerate(messages)
        ],
    )
    check.equal(len(changed.get('Successful', [])), len(messages), 'change_message_visibility_batch Successful')
    deleted = sqs.delete_message_batch(
        QueueUrl=url, Entries=[{'Id': f'm{i}', 'ReceiptHandle': m['ReceiptHandle']} for i, m in enumerate(messages)]
    )
    check.equal(len(deleted.get('Successful', [])), 3, 'delete_message_batch Successful')
    check.equal(deleted.get('Failed', []), [], 'delete_message_batch Failed')
    check.equal(counts(sqs, url), (0, 0, 0), 'counts after deleting the batch')


def flow_visibility(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='visibility-q', Attributes={'VisibilityTimeout': '30'})['QueueUrl']
    sqs.send_message(QueueUrl=url, MessageBody='a')
    sqs.send_message(QueueUrl=url, MessageBody='b')
    sqs.send_message(QueueUrl=url, MessageBody='delayed', DelaySeconds=120)
    check.equal(counts(sqs, url), (2, 0, 1), 'counts: 2 visible, 1 delayed')

    first = receive(sqs, url, AttributeNames=['All'], MessageSystemAttributeNames=['All'])
    check.equal(len(first), 1, 'MaxNumberOfMessages defaults to 1')
    if not first:
        return
    attributes = first[0].get('Attributes', {})
    for name in ('SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'):
        check.true(name in attributes, f'system attribute {name} with All (got {sorted(attributes)})')
    check.equal(attributes.get('SenderId'), ACCOUNT, 'SenderId is the sending account')
    check.equal(attributes.get('ApproximateReceiveCount'), '1', 'first ApproximateReceiveCount')
    sent_at = attributes.get('SentTimestamp', '')
    check.true(sent_at.isdigit() and len(sent_at) == 13, f'SentTimestamp in milliseconds: {sent_at}')
    check.equal(counts(sqs, url), (1, 1, 1), 'counts: 1 visible, 1 in flight, 1 delayed')

    second = receive(sqs, url, MaxNumberOfMessages=10)
    other = [body for body in ('a', 'b') if body != first[0]['Body']]
    check.equal([m['Body'] for m in second], other, 'only the other visible one')
    check.equal(counts(sqs, url), (0, 2, 1), 'counts: 2 in flight, 1 delayed')
    check.equal(receive(sqs, url, MaxNumberOfMessages=10), [], 'nothing visible while in flight')

    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first[0]['ReceiptHandle'], VisibilityTimeout=0)
    again = receive(sqs, url, AttributeNames=['ApproximateReceiveCount'])
    check.equal([m['MessageId'] for m in again], [first[0]['MessageId']], 'visible again after VisibilityTimeout=0')
    if not again:
        return
    check.equal(again[0].get('Attributes'), {'ApproximateReceiveCount': '2'}, 'only the attribute asked for, count 2')
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again[0]['ReceiptHandle'], VisibilityTimeout=600)

    advance_clock(endpoint, 121)  # past b's 30 s and the 120 s delay, not past the 600 s
    check.equal(counts(sqs, url), (2, 1, 0), 'counts after 121 s: 2 visible, 1 still in flight')
    expected = sorted([second[0]['Body'] if second else 'b', 'delayed'])
    zero = receive(sqs, url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    check.equal(sorted(m['Body'] for m in zero), expected, 'visible after 121 s')
    check.equal(counts(sqs, url), (2, 1, 0), 'a receive with VisibilityTimeout=0 leaves messages visible')

    sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]['ReceiptHandle'])
    check.equal(counts(sqs, url), (2, 0, 0), 'counts after deleting the in-flight message')


def flow_redrive(sqs, endpoint, check):
    dlq = sqs.create_queue(QueueName='jobs-dlq')['QueueUrl']
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
    check.equal(dlq_arn, queue_arn('jobs-dlq'), 'dead-letter queue ARN')
    policy = json.dumps({'deadLetterTargetArn': dlq_arn, 'maxReceiveCount': 2})
    source = sqs.create_queue(QueueName='jobs', Attributes={'RedrivePolicy': policy})['QueueUrl']
    stored = json.loads(
        sqs.get_queue_attributes(QueueUrl=source, AttributeNames=['RedrivePolicy'])['Attributes']['RedrivePolicy']
    )
    check.equal(stored, {'deadLetterTargetArn': dlq_arn, 'maxReceiveCount': 2}, 'RedrivePolicy read back')
    check.equal(
        sqs.list_dead_letter_source_queues(QueueUrl=dlq).get('queueUrls'), [source], 'list_dead_letter_source_queues'
    )

    attributes = {'kind': {'DataType': 'String', 'StringValue': 'poison'}}
    sent = sqs.send_message(QueueUrl=source, MessageBody='poison pill', MessageAttributes=attributes)
    for attempt in (1, 2):
        got = receive(sqs, source, VisibilityTimeout=0, AttributeNames=['ApproximateReceiveCount'])
        check.equal(
            [m.get('Attributes', {}).get('ApproximateReceiveCount') for m in got],
            [str(attempt)],
            f'receive {attempt} of maxReceiveCount 2',
        )
    check.equal(receive(sqs, source, VisibilityTimeout=0), [], 'the receive past maxReceiveCount gets nothing')
    check.equal(counts(sqs, source), (0, 0, 0), 'source queue counts after the move')
    check.equal(counts(sqs, dlq), (1, 0, 0), 'dead-letter queue counts after the move')

    dead = receive(sqs, dlq, MessageSystemAttributeNames=['All'], MessageAttributeNames=['All'])
    check.equal(len(dead), 1, 'the message is in the dead-letter queue')
    if not dead:
        return
    check.equal(dead[0]['MessageId'], sent['MessageId'], 'same MessageId in the dead-letter queue')
    check.equal(dead[0]['Body'], 'poison pill', 'same body in the dead-letter queue')
    check.equal(dead[0].get('MessageAttributes'), attributes, 'message attributes kept')
    check.equal(dead[0].get('MD5OfMessageAttributes'), md5_of_attributes(attributes), 'MD5OfMessageAttributes kept')
    check.equal(
        dead[0].get('Attributes', {}).get('DeadLetterQueueSourceArn'),
        queue_arn('jobs'),
        'DeadLetterQueueSourceArn names the source queue',
    )

    # Redrive back: a message move task returns the dead letters to the queue they came from.
    sqs.change_message_visibility(QueueUrl=dlq, ReceiptHandle=dead[0]['ReceiptHandle'], VisibilityTimeout=0)
    handle = sqs.start_message_move_task(SourceArn=dlq_arn).get('TaskHandle')
    check.true(handle, 'start_message_move_task returns a TaskHandle')
    tasks = []
    for _ in range(40):
        tasks = sqs.list_message_move_tasks(SourceArn=dlq_arn).get('Results', [])
        if tasks and tasks[0].get('Status') != 'RUNNING':
            break
        advance_clock(endpoint, 1)
        time.sleep(0.025)
    check.equal([t.get('Status') for t in tasks], ['COMPLETED'], 'the move task completes')
    check.equal([t.get('ApproximateNumberOfMessagesMoved') for t in tasks], [1], 'ApproximateNumberOfMessagesMoved')
    back = receive(sqs, source)
    check.equal([m['MessageId'] for m in back], [sent['MessageId']], 'the message is back in its source queue')
    check.equal(counts(sqs, dlq), (0, 0, 0), 'the dead-letter queue is empty after the move task')


def flow_dead_letter_retention(sqs, endpoint, check):
    """Standard queues: "the expiration of a message is always based on its original enqueue timestamp".
    https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html"""
    dlq, source, send_args = dead_letter_pair(sqs, 'retention', fifo=False)
    sqs.send_message(QueueUrl=source, MessageBody='ages', **send_args)
    advance_clock(endpoint, 50)
    moved = move_to_dead_letter_queue(sqs, source)
    check.equal(moved, [], 'the receive past maxReceiveCount gets nothing')
    check.equal(counts(sqs, dlq), (1, 0, 0), 'moved to the dead-letter queue 50 s after it was sent')
    advance_clock(endpoint, 20)
    check.equal(counts(sqs, dlq), (0, 0, 0), 'expired 60 s after it was first sent, not after the move')


def flow_fifo_dead_letter_retention(sqs, endpoint, check):
    """FIFO queues: "the enqueue timestamp resets when the message is moved to a dead-letter queue".
    https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html"""
    dlq, source, send_args = dead_letter_pair(sqs, 'retention', fifo=True)
    sqs.send_message(QueueUrl=source, MessageBody='ages', **send_args)
    advance_clock(endpoint, 50)
    moved = move_to_dead_letter_queue(sqs, source)
    check.equal(moved, [], 'the receive past maxReceiveCount gets nothing')
    check.equal(counts(sqs, dlq), (1, 0, 0), 'moved to the dead-letter queue 50 s after it was sent')
    advance_clock(endpoint, 20)
    check.equal(counts(sqs, dlq), (1, 0, 0), 'still there 20 s after the move (its retention restarted)')
    advance_clock(endpoint, 45)
    check.equal(counts(sqs, dlq), (0, 0, 0), 'expired 60 s after the move')


def dead_letter_pair(sqs, name, fifo):
    """A dead-letter queue keeping messages 60 s and a source queue with maxReceiveCount 1."""
    suffix = '.fifo' if fifo else ''
    fifo_attributes = {'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'} if fifo else {}
    dlq = sqs.create_queue(
        QueueName=f'{name}-dlq{suffix}', Attributes={**fifo_attributes, 'MessageRetentionPeriod': '60'}
    )['QueueUrl']
    policy = json.dumps({'deadLetterTargetArn': queue_arn(f'{name}-dlq{suffix}'), 'maxReceiveCount': 1})
    source = sqs.create_queue(
        QueueName=f'{name}{suffix}', Attributes={**fifo_attributes, 'RedrivePolicy': policy}
    )['QueueUrl']
    return dlq, source, ({'MessageGroupId': 'g'} if fifo else {})


def move_to_dead_letter_queue(sqs, source):
    """Receives once (maxReceiveCount 1), then once more, which moves the message; returns what that got."""
    receive(sqs, source, VisibilityTimeout=0)
    return receive(sqs, source, VisibilityTimeout=0)


def flow_errors(sqs, endpoint, check):
    missing_url = f'{endpoint}/{ACCOUNT}/ghost-queue'
    error = check.error_code(
        lambda: sqs.get_queue_url(QueueName='ghost-queue'),
        'AWS.SimpleQueueService.NonExistentQueue',
        'get_queue_url of an unknown queue',
        status=400,
    )
    if error is not None:
        check.true(isinstance(error, sqs.exceptions.QueueDoesNotExist), 'modeled QueueDoesNotExist exception')
        check.equal(error.response['Error'].get('QueryErrorCode'), 'QueueDoesNotExist', 'QueryErrorCode')
        check.equal(error.response['Error'].get('Type'), 'Sender', 'error Type')
        check.equal(error.response['Error'].get('Message'), 'The specified queue does not exist.', 'message')
        check.true(error.response['ResponseMetadata'].get('RequestId'), 'errors carry a request id')
    check.error_code(
        lambda: sqs.send_message(QueueUrl=missing_url, MessageBody='x'),
        'AWS.SimpleQueueService.NonExistentQueue',
        'send_message to an unknown queue url',
    )

    url = sqs.create_queue(QueueName='errors-q')['QueueUrl']
    check.error_code(
        lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11),
        'InvalidParameterValue',
        'MaxNumberOfMessages 11',
        status=400,
    )
    check.error_code(
        lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle='not-a-receipt-handle'),
        'ReceiptHandleIsInvalid',
        'delete_message with a made-up receipt handle',
    )
    sqs.send_message(QueueUrl=url, MessageBody='x')
    visible = receive(sqs, url, VisibilityTimeout=0)
    if visible:
        check.error_code(
            lambda: sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=visible[0]['ReceiptHandle'], VisibilityTimeout=10
            ),
            'AWS.SimpleQueueService.MessageNotInflight',
            'change_message_visibility of a message not in flight',
        )
    check.error_code(
        lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['NoSuchAttribute']),
        'InvalidAttributeName',
        'get_queue_attributes with an unknown name',
    )
    check.error_code(
        lambda: sqs.send_message_batch(
            QueueUrl=url, Entries=[{'Id': 'same', 'MessageBody': '1'}, {'Id': 'same', 'MessageBody': '2'}]
        ),
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
        'send_message_batch with repeated ids',
    )
    check.error_code(
        lambda: sqs.send_message_batch(
            QueueUrl=url, Entries=[{'Id': f'e{i}', 'MessageBody': str(i)} for i in range(11)]
        ),
        'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        'send_message_batch with 11 entries',
    )
    fifo = sqs.create_queue(
        QueueName='errors-q.fifo', Attributes={'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'}
    )['QueueUrl']
    check.error_code(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody='x'),
        'MissingParameter',
        'send_message to a FIFO queue without MessageGroupId',
    )

    sqs.delete_queue(QueueUrl=url)
    check.true(
        url not in sqs.list_queues(QueueNamePrefix='errors-').get('QueueUrls', []), 'a deleted queue is not listed'
    )
    check.error_code(
        lambda: sqs.get_queue_url(QueueName='errors-q'),
        'AWS.SimpleQueueService.NonExistentQueue',
        'get_queue_url of a deleted queue',
    )


def flow_tags(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='tagged-q', tags={'team': 'payments', 'env': 'test'})['QueueUrl']
    check.equal(
        sqs.list_queue_tags(QueueUrl=url).get('Tags'), {'team': 'payments', 'env': 'test'}, 'tags from create_queue'
    )
    sqs.tag_queue(QueueUrl=url, Tags={'env': 'prod', 'cost-center': '42'})
    check.equal(
        sqs.list_queue_tags(QueueUrl=url).get('Tags'),
        {'team': 'payments', 'env': 'prod', 'cost-center': '42'},
        'tag_queue adds and overwrites',
    )
    sqs.untag_queue(QueueUrl=url, TagKeys=['team', 'cost-center', 'never-set'])
    check.equal(sqs.list_queue_tags(QueueUrl=url).get('Tags'), {'env': 'prod'}, 'untag_queue removes')
    sqs.untag_queue(QueueUrl=url, TagKeys=['env'])
    check.equal(sqs.list_queue_tags(QueueUrl=url).get('Tags', {}), {}, 'no tags left')
    check.error_code(
        lambda: sqs.tag_queue(QueueUrl=f'{endpoint}/{ACCOUNT}/untagged-ghost', Tags={'a': 'b'}),
        'AWS.SimpleQueueService.NonExistentQueue',
        'tag_queue on an unknown queue',
    )


def flow_purge(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='purge-q')['QueueUrl']
    sqs.send_message_batch(QueueUrl=url, Entries=[{'Id': str(i), 'MessageBody': f'm{i}'} for i in range(3)])
    receive(sqs, url)  # one in flight: purge deletes those too
    check.equal(counts(sqs, url), (2, 1, 0), 'counts before purge')
    sqs.purge_queue(QueueUrl=url)
    check.equal(counts(sqs, url), (0, 0, 0), 'counts after purge')
    check.equal(receive(sqs, url, MaxNumberOfMessages=10), [], 'nothing to receive after purge')
    check.error_code(
        lambda: sqs.purge_queue(QueueUrl=url),
        'AWS.SimpleQueueService.PurgeQueueInProgress',
        'a second purge within 60 seconds',
        status=403,
    )
    advance_clock(endpoint, 61)
    sqs.send_message(QueueUrl=url, MessageBody='after')
    sqs.purge_queue(QueueUrl=url)
    check.equal(counts(sqs, url), (0, 0, 0), 'purge allowed again after 60 seconds')


def flow_fifo(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='fifo-orders.fifo', Attributes={'FifoQueue': 'true'})['QueueUrl']
    sequence_numbers = []
    for index, body in enumerate(['g1-first', 'g1-second', 'g1-third']):
        sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId='g1', MessageDeduplicationId=f'd{index}')
        sequence_numbers.append(sent.get('SequenceNumber', ''))
    sent = sqs.send_message(QueueUrl=url, MessageBody='g2-only', MessageGroupId='g2', MessageDeduplicationId='d9')
    sequence_numbers.append(sent.get('SequenceNumber', ''))
    check.true(all(s.isdigit() for s in sequence_numbers), f'SequenceNumbers are digits: {sequence_numbers}')
    check.true(
        all(s.isdigit() for s in sequence_numbers)
        and [int(s) for s in sequence_numbers] == sorted({int(s) for s in sequence_numbers}),
        f'SequenceNumbers strictly increase: {sequence_numbers}',
    )
    duplicate = sqs.send_message(QueueUrl=url, MessageBody='g1-first', MessageGroupId='g1', MessageDeduplicationId='d0')
    check.true('MessageId' in duplicate, 'a duplicate send is accepted')
    check.equal(counts(sqs, url), (4, 0, 0), 'the duplicate is not enqueued')

    messages = receive_all(sqs, url, 4, MessageSystemAttributeNames=['All'])
    group_one = [m['Body'] for m in messages if m['Body'].startswith('g1')]
    check.equal(group_one, ['g1-first', 'g1-second', 'g1-third'], 'order within message group g1')
    check.equal(len(messages), 4, 'every message received once')
    for message in messages:
        attributes = message.get('Attributes', {})
        for name in ('MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber'):
            check.true(name in attributes, f'{message["Body"]} has {name}')
    check.equal(receive(sqs, url, MaxNumberOfMessages=10), [], 'groups are blocked while their messages are in flight')

    dedup = sqs.create_queue(
        QueueName='fifo-content.fifo', Attributes={'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'}
    )['QueueUrl']
    one = sqs.send_message(QueueUrl=dedup, MessageBody='same body', MessageGroupId='g')
    two = sqs.send_message(QueueUrl=dedup, MessageBody='same body', MessageGroupId='g')
    check.true('MessageId' in one and 'MessageId' in two, 'content-based duplicates are accepted')
    check.equal(counts(sqs, dedup)[0], 1, 'content-based deduplication keeps one copy')

    scoped = sqs.create_queue(
        QueueName='fifo-scoped.fifo', Attributes={'FifoQueue': 'true', 'DeduplicationScope': 'messageGroup'}
    )['QueueUrl']
    for group in ('g1', 'g2', 'g1'):
        sqs.send_message(QueueUrl=scoped, MessageBody=group, MessageGroupId=group, MessageDeduplicationId='same')
    check.equal(counts(sqs, scoped)[0], 2, 'DeduplicationScope messageGroup deduplicates within each group only')


def flow_long_poll(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='long-poll-q')['QueueUrl']

    poll = Background(lambda: receive(sqs, url, WaitTimeSeconds=20))
    time.sleep(0.1)  # let the receive reach Nimbus first
    sqs.send_message(QueueUrl=url, MessageBody='wake up')
    got = poll.result(timeout=5)
    check.equal([m['Body'] for m in got or []], ['wake up'], 'a send ends a 20 s long poll with its message')
    check.true(poll.seconds < 5, f'the long poll ended on the send, after {poll.seconds:.1f} s')

    poll = Background(lambda: receive(sqs, url, WaitTimeSeconds=20))
    while not poll.done(0.05) and poll.seconds < 5:
        advance_clock(endpoint, 20)  # the virtual clock ends the wait; no one sleeps 20 s
    check.equal(poll.result(timeout=5), [], 'an empty long poll returns no messages when its 20 s pass')
    check.true(poll.seconds < 5, f'the virtual clock ended the long poll after {poll.seconds:.1f} s')

    waiting = sqs.create_queue(
        QueueName='long-poll-default-q', Attributes={'ReceiveMessageWaitTimeSeconds': '20'}
    )['QueueUrl']
    sqs.send_message(QueueUrl=waiting, MessageBody='later', DelaySeconds=10)
    poll = Background(lambda: receive(sqs, waiting))  # the queue's ReceiveMessageWaitTimeSeconds applies
    while not poll.done(0.05) and poll.seconds < 5:
        advance_clock(endpoint, 10)
    got = poll.result(timeout=5)
    check.equal([m['Body'] for m in got or []], ['later'], 'a delayed message ends the queue-default long poll')
    check.true(poll.seconds < 5, f'the delay ran on the virtual clock, {poll.seconds:.1f} s')


def flow_limits(sqs, endpoint, check):
    url = sqs.create_queue(QueueName='limits-q')['QueueUrl']
    largest = 'x' * 1_048_576  # 1 MiB, SQS's maximum since August 2025
    sent = sqs.send_message(QueueUrl=url, MessageBody=largest)
    check.equal(sent.get('MD5OfMessageBody'), md5_of_body(largest), 'a 1 MiB message is accepted')
    got = receive(sqs, url)
    check.equal([len(m['Body']) for m in got], [1_048_576], 'the 1 MiB message comes back whole')
    check.error_code(
        lambda: sqs.send_message(QueueUrl=url, MessageBody=largest + 'x'),
        'InvalidParameterValue',
        'a message one byte over 1 MiB',
    )
    check.error_code(
        lambda: sqs.send_message(QueueUrl=url, MessageBody='nul \x00 inside'),
        'InvalidMessageContents',
        'a body with a character outside the allowed set',
    )
    check.error_code(
        lambda: sqs.send_message(QueueUrl=url, MessageBody='x', DelaySeconds=901),
        'InvalidParameterValue',
        'DelaySeconds 901',
    )
    check.error_code(
        lambda: sqs.send_message(
            QueueUrl=url, MessageBody='x', MessageAttributes={'n': {'DataType': 'Number', 'StringValue': 'twelve'}}
        ),
        'InvalidParameterValue',
        'a Number attribute that is not a number',
    )


def flow_endpoint_from_environment(sqs, endpoint, check):
    check.equal(sqs.meta.endpoint_url, os.environ.get('AWS_ENDPOINT_URL'), 'client endpoint from AWS_ENDPOINT_URL')
    url = sqs.create_queue(QueueName='env-q')['QueueUrl']
    check.equal(sqs.get_queue_url(QueueName='env-q')['QueueUrl'], url, 'get_queue_url')
    sqs.send_message(QueueUrl=url, MessageBody='through AWS_ENDPOINT_URL')
    got = receive(sqs, url)
    check.equal([m['Body'] for m in got], ['through AWS_ENDPOINT_URL'], 'client round trip')

    resource = boto3.resource('sqs', config=CONFIG)
    queue = resource.create_queue(QueueName='env-resource-q')
    queue.send_message(MessageBody='via the resource API')
    check.equal(queue.attributes.get('ApproximateNumberOfMessages'), '1', 'Queue.attributes')
    messages = queue.receive_messages(MaxNumberOfMessages=10)
    check.equal([m.body for m in messages], ['via the resource API'], 'Queue.receive_messages')
    for message in messages:
        message.delete()
    queue.reload()
    check.equal(
        queue.attributes.get('ApproximateNumberOfMessagesNotVisible'), '0', 'Message.delete removed the message'
    )
    check.true(
        any(q.url == queue.url for q in resource.queues.filter(QueueNamePrefix='env-')), 'resource.queues.filter'
    )

    identity = boto3.client('sts', config=CONFIG).get_caller_identity()
    check.equal(identity.get('Account'), ACCOUNT, 'sts get_caller_identity through AWS_ENDPOINT_URL')


FLOWS = {
    'create_find_list': flow_create_find_list,
    'message_attributes': flow_message_attributes,
    'batch': flow_batch,
    'visibility': flow_visibility,
    'redrive': flow_redrive,
    'dead_letter_retention': flow_dead_letter_retention,
    'fifo_dead_letter_retention': flow_fifo_dead_letter_retention,
    'errors': flow_errors,
    'tags': flow_tags,
    'purge': flow_purge,
    'fifo': flow_fifo,
    'long_poll': flow_long_poll,
    'limits': flow_limits,
    'endpoint_from_environment': flow_endpoint_from_environment,
}


def main(argv):
    endpoint = None
    if len(argv) >= 2 and argv[0] == '--endpoint':
        endpoint, argv = argv[1], argv[2:]
    unknown = [name for name in argv if name not in FLOWS]
    if not argv or unknown:
        print(f'usage: sqs_flows.py [--endpoint URL] FLOW...; unknown {unknown}, known {list(FLOWS)}', file=sys.stderr)
        return 2
    # Only the endpoint argument or AWS_ENDPOINT_URL points boto3 at Nimbus.
    sqs = boto3.client('sqs', endpoint_url=endpoint, config=CONFIG)
    base = endpoint or os.environ.get('AWS_ENDPOINT_URL', '')
    report = {
        'versions': {'python': sys.version.split()[0], 'boto3': boto3.__version__, 'botocore': botocore.__version__},
        'flows': {},
    }
    for name in argv:
        check = Checks()
        error = None
        started = time.monotonic()
        try:
            FLOWS[name](sqs, base, check)
        except Exception:  # noqa: BLE001 - reported to the Node test, which fails the flow
            error = traceback.format_exc()
        seconds = round(time.monotonic() - started, 3)
        report['flows'][name] = {'failures': check.failures, 'error': error, 'seconds': seconds}
    print(json.dumps(report))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
