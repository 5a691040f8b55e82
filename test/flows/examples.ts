// Shared pieces of the reference applications' tests (examples/): an example copied to a scratch
// directory, the bundled CLI run in it as its README runs it, polling for a result, emptying a bucket
// before `nimbus remove`, and cfn-lint.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, type ProcessResult, runProcess } from '../support/helpers.js';

export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** An example copied into a fresh directory (without what a run there leaves: `.serverless/`,
 * `node_modules/`), so the tests never write into the tree. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nimbus-example-${name}-`));
  cpSync(join(EXAMPLES, name), dir, {
    recursive: true,
    filter: (source) => !/[/\\](\.serverless|node_modules)$/.test(source),
  });
  return dir;
}

/** `nimbus <args>` in `dir` against the cloud, as a user runs it (the bundled CLI, AWS_ENDPOINT_URL). */
export function nimbusIn(cloud: Cloud, dir: string): (...args: string[]) => Promise<ProcessResult> {
  return (...args) =>
    runProcess(process.execPath, [NIMBUS_CLI, ...args], { AWS_ENDPOINT_URL: cloud.endpoint }, 60_000, dir);
}

/** The stack's outputs by key. */
export async function stackOutputs(cloud: Cloud, stackName: string): Promise<Map<string, string>> {
  const { Stacks } = await client(cloud, CloudFormationClient).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  return new Map((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey!, output.OutputValue!]));
}

/** Polls `probe` every `everyMs` until it returns a value, for at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Deletes what a bucket holds (one page, as the examples' buckets hold): as on AWS, a bucket with objects
 * in it cannot be deleted, so a stack that owns one is removed only after this (the READMEs'
 * `aws s3 rm --recursive`). */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  if (Contents.length === 0) return;
  await s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: Contents.map((object) => ({ Key: object.Key })) },
    }),
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Why a cfn-lint test is skipped, or false when `cfn-lint` is on PATH. */
export function cfnLintSkip(): string | false {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? false : 'cfn-lint is not on PATH (pip install cfn-lint): template not linted';
}

/** cfn-lint over a template. Its exit code ORs 2 (an error), 4 (a warning) and 8 (informational); 1 is
 * cfn-lint itself failing. https://github.com/aws-cloudformation/cfn-lint#exit-codes */
export function cfnLint(templatePath: string): Promise<{ code: number; errors: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('cfn-lint', ['--', templatePath]);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = code ?? 1;
      resolve({ code: exit, errors: (exit & 0b11) !== 0, output });
    });
  });
}
