// SQS through boto3, as Python users drive it: test/python/sqs_flows.py runs each flow against a fresh
// cloud and prints one JSON line with every failed expectation per flow; the tests here assert on it.
// boto3 does not check SQS's MD5s itself (the Java and JavaScript SDKs do), so the script recomputes
// them as AWS documents:
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/sqs_flows.py', import.meta.url));
const PYTHON = 'python3';
const SKIP = probeBoto3();

/** The flows one run of the script covers, each asserted by one test below. */
const FLOWS = [
  'create_find_list',
  'message_attributes',
  'batch',
  'visibility',
  'redrive',
  'dead_letter_retention',
  'fifo_dead_letter_retention',
  'errors',
  'tags',
  'purge',
  'fifo',
  'long_poll',
  'limits',
] as const;

interface FlowResult {
  failures: string[];
  error: string | null;
  seconds: number;
}

interface Report {
  versions: Record<string, string>;
  flows: Record<string, FlowResult>;
}

describe('SQS through boto3', { skip: SKIP }, () => {
  let cloud: Cloud | undefined;
  let report: Promise<Report> | undefined;
  // One python process runs every flow (boto3 takes half a second to import); the first test starts it.
  const flow = async (name: (typeof FLOWS)[number]): Promise<FlowResult> => {
    report ??= (async () => {
      cloud = await startTestCloud();
      return runFlows(['--endpoint', cloud.endpoint, ...FLOWS], {});
    })();
    const result = (await report).flows[name];
    assert.ok(result, `the script reported no result for ${name}`);
    return result;
  };
  after(() => cloud?.stop());

  it('boto3 creates standard and FIFO queues with attributes, finds them by name and lists them by prefix', async () => {
    assertPassed(await flow('create_find_list'));
  });

  it("boto3 sends with String, Number and Binary message attributes and the MD5s match AWS's computation", async () => {
    assertPassed(await flow('message_attributes'));
  });

  it('boto3 sends, changes visibility and deletes in batches, with MD5s for every entry', async () => {
    assertPassed(await flow('batch'));
  });

  it('boto3 receives with all system attributes, and visibility changes move the approximate counts', async () => {
    assertPassed(await flow('visibility'));
  });

  it('boto3 sees a message received past maxReceiveCount land in the dead-letter queue and moves it back', async () => {
    assertPassed(await flow('redrive'));
  });

  it('boto3 sees a standard dead letter expire by its original enqueue time, not by its move', async () => {
    assertPassed(await flow('dead_letter_retention'));
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
  it("boto3 sees a FIFO dead letter's retention restart when it moves to the dead-letter queue", async () => {
    assertPassed(await flow('fifo_dead_letter_retention'));
  });

  it('boto3 reads awsQuery error codes such as AWS.SimpleQueueService.NonExistentQueue and raises modeled exceptions', async () => {
    assertPassed(await flow('errors'));
  });

  it('boto3 tags a queue on creation, retags and untags it', async () => {
    assertPassed(await flow('tags'));
  });

  it('boto3 purges a queue, and a second purge within 60 seconds fails with PurgeQueueInProgress', async () => {
    assertPassed(await flow('purge'));
  });

  it('boto3 gets FIFO order per message group, increasing sequence numbers and deduplication by id, content and group', async () => {
    assertPassed(await flow('fifo'));
  });

  it('boto3 long polls end on a send, a delayed message or the virtual clock, without waiting 20 seconds', async () => {
    assertPassed(await flow('long_poll'));
  });

  it('boto3 sends a 1 MiB message and gets InvalidParameterValue or InvalidMessageContents past the limits', async () => {
    assertPassed(await flow('limits'));
  });

  it('boto3 reaches Nimbus with only AWS_ENDPOINT_URL set, through the client, resource and STS APIs', async () => {
    const own = await startTestCloud();
    try {
      const { flows } = await runFlows(['endpoint_from_environment'], { AWS_ENDPOINT_URL: own.endpoint });
      assertPassed(flows.endpoint_from_environment);
    } finally {
      await own.stop();
    }
  });
});

function assertPassed(result: FlowResult | undefined): void {
  assert.ok(result, 'the flow did not run');
  assert.equal(result.error, null, `the flow raised:\n${result.error}`);
  assert.deepEqual(result.failures, [], `failed expectations:\n  ${result.failures.join('\n  ')}`);
}

/** Runs the script; asynchronously, since the cloud it talks to serves from this process's event loop. */
function runFlows(args: string[], env: Record<string, string>): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, ...args], { env: awsEnvironment(env), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Report);
      } catch {
        reject(
          new Error(
            `sqs_flows.py exited with ${code ?? signal} and no JSON report.\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
      }
    });
  });
}

function probeBoto3(): string | false {
  const probe = spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 });
  return probe.status === 0 ? false : 'python3 with boto3 is not installed';
}
