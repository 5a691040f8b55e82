// Shared test setup: a fresh in-memory cloud on a free port and SDK v3 clients pointed at it.

import { type ChildProcess, spawn } from 'node:child_process';
import { devNull } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../../src/index.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function startTestCloud(): Promise<Cloud> {
  return startCloud({ port: 0, inMemory: true, log: process.env.NIMBUS_TEST_LOG ? undefined : () => {} });
}

interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Any SDK v3 client pointed at the cloud with the test credentials: `client(cloud, SNSClient)`; the one
 * place tests build clients, so a change of endpoint or credentials is made once. */
export function client<C>(
  cloud: Cloud | string,
  Client: new (config: ClientConfig) => C,
  options: { region?: string; accessKeyId?: string } = {},
): C {
  return new Client({
    endpoint: typeof cloud === 'string' ? cloud : cloud.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { ...TEST_CREDENTIALS, accessKeyId: options.accessKeyId ?? TEST_CREDENTIALS.accessKeyId },
  });
}

export function sqsClient(cloud: Cloud, options: { accessKeyId?: string; region?: string } = {}): SQSClient {
  return new SQSClient({
    endpoint: cloud.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { ...TEST_CREDENTIALS, accessKeyId: options.accessKeyId ?? 'test' },
  });
}

/** Posts a raw request to the cloud, for protocol-level checks the SDKs would never send. */
/**
 * Everything that arrives within a few one-second long polls, stopping once `expected` messages came.
 * Received messages stay hidden for 12 hours, so a test's clock advances do not bring them back.
 */
export async function receiveMessages(
  sqs: SQSClient,
  QueueUrl: string,
  expected = 1,
  maxPolls = 5,
): Promise<Message[]> {
  const messages: Message[] = [];
  for (let polls = 0; polls < maxPolls && messages.length < expected; polls++) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 43_200,
        MessageAttributeNames: ['All'],
        AttributeNames: ['All'],
      }),
    );
    messages.push(...(Messages ?? []));
  }
  return messages;
}

export async function rawRequest(
  cloud: Cloud,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${cloud.endpoint}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The authorization header an SDK would send for `service` (signature not checked by Nimbus). */
export function sigv4Header(service: string, accessKeyId = 'test', region = 'us-east-1'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

/** The caller's environment without its AWS settings (profiles, endpoints, credentials), plus test ones,
 * for clients run as child processes (boto3, the AWS CLI). */
export function awsEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

/** A seeded pseudo-random source (mulberry32) for fuzz tests, so a failure reproduces. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a client (the AWS CLI, python3, nimbus) as a child process with test AWS settings; never sync,
 * so the cloud in this process keeps answering it. */
export function runProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  cwd?: string,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: awsEnvironment(env), timeout: timeoutMs, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The bundled CLI, as `npm start` and an install run it. */
export const NIMBUS_CLI = fileURLToPath(new URL('../../cli/nimbus.mjs', import.meta.url));

/** `nimbus start` as users run it (the bundled CLI), on a free port with `dataDir` (or, with none, the
 * default `.nimbus` under `cwd`); resolves once ready. */
export function startNimbusProcess(
  dataDir: string | undefined,
  options: { cwd?: string; port?: number } = {},
): Promise<{ child: ChildProcess; endpoint: string }> {
  const args = [
    NIMBUS_CLI,
    'start',
    '--port',
    String(options.port ?? 0),
    ...(dataDir === undefined ? [] : ['--data-dir', dataDir]),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, endpoint: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`nimbus exited (${code}) before it was ready: ${output}`)));
  });
}

/** Kills a process the hard way and waits for it to be gone. */
export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
