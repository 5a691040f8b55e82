// Attacker-controlled values (a message body, an object key, an item value, a log line, an execution's
// input, a rule's pattern) with HTML and script payloads are shown as text: nothing they carry runs or
// becomes markup. The page's Content-Security-Policy is bypassed here, so escaping alone is what is tested.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { type Browser, browserSkip, openBrowser, watchErrors } from './browser.js';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '<script>window.__pwned=(window.__pwned||0)+1</script>',
  '"><svg onload="window.__pwned=(window.__pwned||0)+1">',
];
const MARK = PAYLOADS.join(' ');

describe('the console shows hostile values as text', { skip: browserSkip }, () => {
  let cloud: Cloud;
  let browser: Browser;
  let errors: string[];
  const base = () => `${cloud.endpoint}/_nimbus/#/000000000000/us-east-1`;

  before(async () => {
    cloud = await startTestCloud();
    const sqs = client(cloud, SQSClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'hostile' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: MARK }));
    const s3 = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'hostile' }));
    await s3.send(new PutObjectCommand({ Bucket: 'hostile', Key: `dir/${PAYLOADS[0]}`, Body: 'x' }));
    const db = client(cloud, DynamoDBClient);
    await db.send(
      new CreateTableCommand({
        TableName: 'hostile',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await db.send(
      new PutItemCommand({ TableName: 'hostile', Item: { id: { S: PAYLOADS[1]! }, note: { S: MARK } } }),
    );
    const logs = client(cloud, CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'hostile' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'hostile', logStreamName: 's' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'hostile',
        logStreamName: 's',
        logEvents: [{ timestamp: cloud.clock.now(), message: MARK }],
      }),
    );
    const events = client(cloud, EventBridgeClient);
    await events.send(
      new PutRuleCommand({
        Name: 'hostile',
        EventPattern: JSON.stringify({ source: [MARK] }),
        Description: MARK,
      }),
    );
    for (const sdk of [sqs, s3, db, logs, events]) sdk.destroy();
    // The CSP off: the page's escaping must hold without it.
    browser = await openBrowser({ bypassCSP: true });
    errors = watchErrors(browser.page);
  });
  after(async () => {
    await browser?.close();
    await cloud?.stop();
  });

  const pwned = () => browser.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
  const noMarkup = () =>
    browser.page.evaluate(
      () =>
        document.querySelectorAll(
          'main img, main script, main svg:not(.map):not(.graph) [onload], main [onerror]',
        ).length,
    );

  it('shows a message body with markup as text when peeked', async () => {
    const { page } = browser;
    await page.goto(`${base()}/sqs/queue/hostile`);
    await page.getByRole('button', { name: 'Peek messages' }).click();
    await page.getByText('1 message', { exact: true }).waitFor();
    assert.ok(((await page.getByLabel('Message body').first().textContent()) ?? '').includes(PAYLOADS[1]!));
    assert.equal(await pwned(), undefined);
    assert.equal(await noMarkup(), 0);
  });

  it('shows an object key with markup as text in the listing and on its page', async () => {
    const { page } = browser;
    await page.goto(`${base()}/s3/bucket/hostile/prefix/${encodeURIComponent('dir/')}`);
    const link = page.getByRole('link', { name: PAYLOADS[0] });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name: `dir/${PAYLOADS[0]}` }).waitFor();
    const download = page.getByRole('link', { name: 'Download' });
    await download.waitFor();
    // The presigned URL the page signed holds for Nimbus's check, key escapes and all.
    const href = (await download.getAttribute('href'))!;
    assert.deepEqual(
      await page.evaluate(async (url) => {
        const response = await fetch(url);
        return [response.status, await response.text()];
      }, href),
      [200, 'x'],
    );
    assert.equal(await pwned(), undefined);
    assert.equal(await noMarkup(), 0);
  });

  it('shows item values, log lines and rule patterns with markup as text', async () => {
    const { page } = browser;
    await page.goto(`${base()}/dynamodb/table/hostile`);
    await page.getByRole('list', { name: 'Items' }).waitFor();
    // Shown as JSON, so its quotes are escaped.
    assert.ok(
      ((await page.getByRole('list', { name: 'Items' }).textContent()) ?? '').includes(
        JSON.stringify(PAYLOADS[2]).slice(1, -1),
      ),
    );
    await page.goto(`${base()}/logs/group/hostile`);
    await page.getByRole('table', { name: 'Log events' }).waitFor();
    assert.ok(
      ((await page.getByRole('table', { name: 'Log events' }).textContent()) ?? '').includes(PAYLOADS[0]!),
    );
    await page.goto(`${base()}/events/rule/default/hostile`);
    await page.getByLabel('Event pattern').waitFor();
    assert.ok(((await page.getByLabel('Event pattern').textContent()) ?? '').includes('<script>'));
    await page.goto(`${base()}/events`);
    await page.getByRole('table', { name: 'Rules' }).waitFor();
    assert.equal(await pwned(), undefined);
    assert.equal(await noMarkup(), 0);
    assert.deepEqual(errors, []);
  });
});
