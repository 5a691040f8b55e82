// The console used as a developer would, on examples/upload-pipeline deployed with `nimbus deploy`: the
// map shows the stack's resources and wiring, the stack's page links its resources, a queue is opened,
// a message sent and peeked, a function invoked with its result and log tail shown, a table's item
// edited as JSON, the clock advanced; each page type passes axe-core with no serious violation.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { copyExample, nimbusIn } from '../flows/examples.js';
import { client, startTestCloud } from '../support/helpers.js';
import {
  type Browser,
  browserSkip,
  openBrowser,
  SCREENSHOTS,
  seriousViolations,
  watchErrors,
} from './browser.js';

const STACK = 'upload-pipeline-dev';
const DLQ = 'upload-pipeline-dev-jobs-dlq';
const JOBS_TABLE = 'upload-pipeline-dev-jobs';

describe('the console on the upload pipeline', { skip: browserSkip }, () => {
  let cloud: Cloud;
  let dir: string;
  let browser: Browser;
  let errors: string[];
  let stackLink: string;
  const axe: Record<string, unknown[]> = {};
  const base = () => `${cloud.endpoint}/_nimbus/#/000000000000/us-east-1`;
  const checkA11y = async (pageType: string) => {
    axe[pageType] = await seriousViolations(browser.page);
  };

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('upload-pipeline');
    const deployed = await nimbusIn(cloud, dir)('deploy');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    stackLink = /^Console: (\S+)$/m.exec(deployed.stdout)?.[1] ?? '';
    browser = await openBrowser();
    errors = watchErrors(browser.page);
  });
  after(async () => {
    process.stderr.write(`console screenshots: ${SCREENSHOTS}\n`);
    await browser?.close();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens at /_nimbus/ on the architecture map, with the stack grouped and its wiring drawn', async () => {
    const { page } = browser;
    const started = Date.now();
    await page.goto(`${cloud.endpoint}/_nimbus/`);
    await page.getByRole('heading', { name: 'Architecture map' }).waitFor();
    const interactiveMs = Date.now() - started;
    const summary = page.getByTestId('map-summary');
    await summary.waitFor({ timeout: 20_000 });
    const readyMs = await page.evaluate(() => document.documentElement.dataset.ready);
    process.stderr.write(
      `console: first render ${readyMs} ms after navigation start, heading visible ${interactiveMs} ms after goto; map: ${await summary.textContent()}\n`,
    );
    assert.match((await page.locator('svg.map').textContent()) ?? '', new RegExp(`stack ${STACK}`));
    for (const name of [
      'upload-pipeline-dev-jobs',
      DLQ,
      'upload-pipeline-dev-worker',
      'upload-pipeline-dev-uploads-000000000000',
    ]) {
      assert.ok(
        await page.locator('svg.map .node', { hasText: name.slice(0, 25) }).count(),
        `the map shows ${name}`,
      );
    }
    await page.getByText('Connections as a table').click();
    const connections = (await page.getByRole('table', { name: 'Connections' }).textContent()) ?? '';
    for (const kind of ['event-source-mapping', 'notification', 'dead-letter'])
      assert.match(connections, new RegExp(kind));
    await browser.shot('01-map');
    await checkA11y('map');
    // The target is 1 s on an idle machine; this guards against a regression without flaking under load.
    assert.ok(interactiveMs < 10_000, `interactive in ${interactiveMs} ms`);
  });

  it('finds the stack, with its outputs and resources linked to their pages', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'CloudFormation stacks' }).click();
    await page.getByRole('link', { name: STACK }).click();
    // `nimbus deploy` printed this page's address.
    assert.equal(stackLink, page.url());
    await page.getByRole('table', { name: 'Outputs' }).getByText('JobsQueueUrl').waitFor();
    await page.getByRole('table', { name: 'Stack events' }).getByText('CREATE_COMPLETE').first().waitFor();
    await browser.shot('02-stack');
    await checkA11y('stack');
    await page
      .getByRole('table', { name: 'Resources' })
      .getByRole('link', { name: new RegExp(`${DLQ}$`) })
      .click();
    await page.getByRole('heading', { name: DLQ }).waitFor();
    assert.match(page.url(), new RegExp(`#/000000000000/us-east-1/sqs/queue/${DLQ}$`));
  });

  it('opens the dead-letter queue, sends a message, peeks it, and links the source queue', async () => {
    const { page } = browser;
    await page.getByText('Dead-letter source of').waitFor();
    assert.ok(await page.getByRole('link', { name: 'upload-pipeline-dev-jobs', exact: true }).count());
    await page.getByLabel('Message body').fill('{"task":"unknown","text":"from the console"}');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText(/^Sent [0-9a-f-]{36}$/).waitFor();
    await page.getByRole('button', { name: 'Peek messages' }).click();
    await page.getByText('1 message', { exact: true }).waitFor();
    const peeked = (await page.getByRole('list', { name: 'Peeked messages' }).textContent()) ?? '';
    assert.match(peeked, /"task": "unknown"/);
    await browser.shot('03-queue');
    // The dead-letter queue's messages go back to the queue that dead-lettered them.
    await page.getByRole('button', { name: 'Start redrive to source queues' }).click();
    await page.getByText(/^Redrive started/).waitFor();
    await checkA11y('queue');
    await page.goto(`${base()}/sqs`);
    await page.getByRole('table', { name: 'Queues' }).getByRole('link', { name: DLQ }).first().waitFor();
    await checkA11y('queues');
  });

  it('invokes a function with a payload and shows the result and the log tail', async () => {
    const { page } = browser;
    await page.goto(`${base()}/lambda`);
    await page.getByRole('link', { name: `${STACK}-createUpload` }).click();
    await page.getByText('src/create-upload.handler').waitFor();
    await page.getByLabel('Event payload (JSON)').fill('{"requestContext":{"http":{"method":"POST"}}}');
    await page.getByRole('button', { name: 'Invoke' }).click();
    const result = page.getByLabel('Invocation result');
    await result.waitFor({ timeout: 30_000 });
    assert.match((await result.textContent()) ?? '', /"statusCode": 201/);
    assert.match((await page.getByLabel('Log tail').textContent()) ?? '', /REPORT RequestId/);
    await browser.shot('04-function');
    await checkA11y('function');
  });

  it('edits an item of the jobs table as JSON, and the table has it', async () => {
    const { page } = browser;
    await page.goto(`${base()}/dynamodb/table/${JOBS_TABLE}`);
    await page.getByRole('button', { name: 'Create item' }).click();
    await page
      .getByLabel('Item (DynamoDB JSON)')
      .fill('{"uploadId":{"S":"console-1"},"jobIndex":{"N":"0"},"status":{"S":"new"}}');
    await page.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('list', { name: 'Items' }).getByText('uploadId="console-1"').waitFor();
    await page.getByRole('button', { name: 'Edit item 1' }).click();
    const editor = page.getByLabel('Item (DynamoDB JSON)');
    const edited = JSON.parse(await editor.inputValue());
    edited.status = { S: 'edited in the console' };
    await editor.fill(JSON.stringify(edited));
    await page.getByRole('button', { name: 'Save item' }).click();
    await page.getByText('"status": "edited in the console"').waitFor();
    const db = client(cloud, DynamoDBClient);
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: JOBS_TABLE,
        Key: { uploadId: { S: 'console-1' }, jobIndex: { N: '0' } },
      }),
    );
    db.destroy();
    assert.equal(Item?.status?.S, 'edited in the console');
    await page.getByLabel('Operation').selectOption('query');
    await page.getByLabel('uploadId (S) =').fill('console-1');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.getByText('Page 1').waitFor();
    // The list is rendered again for the query's page: wait for its row before counting.
    const rows = page.getByRole('list', { name: 'Items' }).locator('> li');
    await rows.filter({ hasText: 'uploadId="console-1"' }).waitFor();
    assert.equal(await rows.count(), 1);
    await browser.shot('05-table');
    await checkA11y('table');
  });

  it('shows the bucket, the function logs and the tables list', async () => {
    const { page } = browser;
    await page.goto(`${base()}/s3`);
    await page.getByRole('link', { name: 'upload-pipeline-dev-uploads-000000000000' }).click();
    await page.getByText('No objects.').waitFor();
    await checkA11y('bucket');
    await page.goto(`${base()}/logs/group/${encodeURIComponent(`/aws/lambda/${STACK}-createUpload`)}`);
    await page
      .getByRole('table', { name: 'Log events' })
      .getByText(/REPORT RequestId/)
      .first()
      .waitFor();
    await page.getByLabel('Filter pattern').fill('REPORT');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="Log events"] tbody tr')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('REPORT'));
    });
    await browser.shot('06-logs');
    await checkA11y('logs');
  });

  it('advances the cloud clock from the header', async () => {
    const { page } = browser;
    const clock = page.getByTestId('clock');
    const before = Date.parse((await clock.getAttribute('datetime'))!);
    await page.getByLabel('Advance by').fill('3600');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await page.waitForFunction(
      (t) =>
        Date.parse(document.querySelector('[data-testid="clock"]')!.getAttribute('datetime')!) >=
        t + 3_600_000,
      before,
    );
    const now = cloud.clock.now();
    assert.ok(now >= before + 3_600_000, `cloud clock ${new Date(now).toISOString()}`);
  });

  it('has no serious accessibility violations on any page type, and no page errors', () => {
    process.stderr.write(`axe (serious/critical) per page type: ${JSON.stringify(axe)}\n`);
    for (const [pageType, violations] of Object.entries(axe)) assert.deepEqual(violations, [], pageType);
    assert.ok(Object.keys(axe).length >= 8);
    assert.deepEqual(errors, []);
  });
});
