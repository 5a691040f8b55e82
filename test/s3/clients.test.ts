// S3 through the clients people use besides the SDK v3: the AWS CLI's high-level `aws s3 cp/ls/sync/rm`
// (multipart above 8 MiB) and `aws s3api`, and boto3's upload_file/download_file (test/python/s3_flows.py).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/s3_flows.py', import.meta.url));
const NO_CLI = spawnSync('aws', ['--version']).status !== 0 && 'the AWS CLI is not installed';
const NO_BOTO3 = spawnSync('python3', ['-c', 'import boto3']).status !== 0 && 'boto3 is not installed';

let cloud: Cloud;
let work: string;

before(async () => {
  cloud = await startTestCloud();
  work = mkdtempSync(join(tmpdir(), 'nimbus-s3-clients-'));
});
after(async () => {
  await cloud.stop();
  rmSync(work, { recursive: true, force: true });
});

function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: awsEnvironment({}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const aws = async (...args: string[]) => {
  const result = await run('aws', ['--endpoint-url', cloud.endpoint, ...args]);
  assert.equal(result.code, 0, `aws ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
};

describe('S3 through the AWS CLI', { skip: NO_CLI }, () => {
  it('copies, lists, syncs and removes with aws s3, multipart above 8 MiB', async () => {
    await aws('s3', 'mb', 's3://cli-bucket');
    const big = join(work, 'big.bin');
    const data = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 1000) data[i] = i % 256;
    writeFileSync(big, data);
    await aws('s3', 'cp', big, 's3://cli-bucket/files/big.bin');
    const head = JSON.parse(
      await aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'files/big.bin'),
    ) as {
      ETag: string;
      ContentLength: number;
    };
    assert.equal(head.ContentLength, data.length);
    assert.match(head.ETag, /-2"$/);
    const back = join(work, 'back.bin');
    await aws('s3', 'cp', 's3://cli-bucket/files/big.bin', back);
    assert.ok(readFileSync(back).equals(data));
    const tree = join(work, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'a.txt'), 'a');
    writeFileSync(join(tree, 'sub', 'b.txt'), 'b b');
    await aws('s3', 'sync', tree, 's3://cli-bucket/tree');
    const listing = await aws('s3', 'ls', 's3://cli-bucket/tree/', '--recursive');
    assert.match(listing, /tree\/a\.txt/);
    assert.match(listing, /tree\/sub\/b\.txt/);
    const top = await aws('s3', 'ls', 's3://cli-bucket/');
    assert.match(top, /PRE files\//);
    assert.match(top, /PRE tree\//);
    await aws('s3', 'rm', 's3://cli-bucket/tree', '--recursive');
    assert.doesNotMatch(await aws('s3', 'ls', 's3://cli-bucket/', '--recursive'), /tree\//);
    const put = JSON.parse(
      await aws(
        's3api',
        'put-object',
        '--bucket',
        'cli-bucket',
        '--key',
        'api.txt',
        '--body',
        join(tree, 'a.txt'),
      ),
    ) as { ETag: string };
    assert.equal(put.ETag, '"0cc175b9c0f1b6a831c399e269772661"');
    // CLI v1 presigns with SigV2 (`Expires` an epoch second): honoured until the cloud's clock passes it.
    const url = (await aws('s3', 'presign', 's3://cli-bucket/api.txt', '--expires-in', '60')).trim();
    assert.equal(await (await fetch(url)).text(), 'a');
    cloud.clock.advance(120_000);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /Request has expired/);
  });
});

describe('S3 through boto3', { skip: NO_BOTO3 }, () => {
  it('uploads and downloads with upload_file/download_file (multipart), puts with checksums, presigns', async () => {
    // A cloud of its own: the CLI test moves its clock past the real one, and boto3 presigns with real time.
    const own = await startTestCloud();
    const result = await run('python3', [SCRIPT, own.endpoint, work]).finally(() => own.stop());
    const line = result.stdout.trim().split('\n').pop() ?? '';
    assert.ok(line.startsWith('{'), `no result from s3_flows.py:\n${result.stdout}\n${result.stderr}`);
    const { failures, error } = JSON.parse(line) as { failures: string[]; error: string | null };
    assert.equal(error, null, error ?? '');
    assert.deepEqual(failures, []);
  });
});
