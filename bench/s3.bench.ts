// The S3 benchmark: PutObject/GetObject of 1 KiB (ops/s, concurrency 1 and 16) and of 64 MiB (MB/s) through
// the AWS SDK v3, against Nimbus (`nimbus start`, file-backed) and moto_server in the same run, with the
// disk's own write rate (`dd … conv=fdatasync`) as the floor for large writes; and Nimbus's resident
// memory while a 1 GiB object streams in and out. Run: node dist/bench/s3.bench.js (after npm run build).
// It reports; it never fails. See bench/README.md.

import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { median } from './lib/measure.js';
import { startS3rver } from './lib/npm-peers.js';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup, peerTable, resultsTable } from './lib/report.js';
import { type Budget, type Operation, runSuite } from './lib/suite.js';
import { formatTable, num, times } from './lib/table.js';
import { startCompared, startFloor, type Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS) || 3;
const MiB = 1024 * 1024;
const LARGE = 64 * MiB;
/** The object streamed to watch Nimbus's memory; BENCH_S3_STREAM_MIB=0 skips it. */
const STREAM_MIB = Number(process.env.BENCH_S3_STREAM_MIB ?? 1024);
/** `WHEN_REQUIRED`: the SDK sends no CRC32 with its PUTs, so the server computes S3's default CRC64NVME. */
const CHECKSUM = process.env.BENCH_S3_CHECKSUM === 'WHEN_REQUIRED' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 3000, maxMs: 1500 },
  moto: { maxOps: 300, maxMs: 1000 },
};
const SMALL = Buffer.alloc(1024, 0x61);

/** The floor answers as Nimbus does (same headers, so the SDK does the same work on each response, the
 * CRC32 check of a GET included); its PUT reads and drops any body, so it also gives the client's own
 * ceiling for large uploads. Its GET only ever returns SMALL. */
const OBJECT_HEADERS = {
  etag: '"c9a34cfc85d982698c6ac89f76071abd"',
  'x-amz-server-side-encryption': 'AES256',
  'x-amz-checksum-crc32': 'fFWXuQ==',
  'x-amz-checksum-type': 'FULL_OBJECT',
  'x-amz-request-id': '4cf5f75c-0e89-4473-bb46-8e0221b411ad',
  'x-amz-id-2': '4cf5f75c-0e89-4473-bb46-8e0221b411ad',
};
const FLOOR_RESPONSES = {
  'PUT *': { headers: OBJECT_HEADERS, body: '' },
  'GET *': {
    headers: {
      ...OBJECT_HEADERS,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'last-modified': 'Sun, 22 Nov 2026 10:22:08 GMT',
    },
    body: SMALL.toString('latin1'),
  },
};

interface BucketState {
  client: S3Client;
  bucket: string;
  next: number;
}

const OPERATIONS: readonly Operation<BucketState>[] = [
  {
    name: 'PutObject 1 KiB',
    run: (state) =>
      state.client.send(
        new PutObjectCommand({ Bucket: state.bucket, Key: `small-${state.next++ % 500}`, Body: SMALL }),
      ),
  },
  {
    name: 'GetObject 1 KiB',
    beforeRound: async (state) => {
      if (state.next > 0) return;
      for (let i = 0; i < 100; i++) {
        await state.client.send(
          new PutObjectCommand({ Bucket: state.bucket, Key: `read-${i}`, Body: SMALL }),
        );
      }
      state.next = 1;
    },
    run: async (state) => {
      const got = await state.client.send(
        new GetObjectCommand({ Bucket: state.bucket, Key: `read-${state.next++ % 100}` }),
      );
      await got.Body!.transformToByteArray();
    },
  },
];

async function main(): Promise<void> {
  const began = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    await startCompared(targets, print, { name: 's3rver', start: startS3rver });
    targets.push(await startFloor(FLOOR_RESPONSES));
    print(
      describeSetup('S3 benchmark', targets, [
        `Small cells: the median of ${ROUNDS} rounds after a warm-up round; large: the median of ${LARGE_ROUNDS} transfers.`,
        ...Object.entries(BUDGETS).map(([name, b]) => `  round (${name}): ${b.maxOps} ops or ${b.maxMs} ms`),
        '',
      ]),
    );
    let phase = 0;
    const cells = await runSuite({
      targets,
      operations: OPERATIONS,
      concurrencies: [1, 16],
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp: (target) => setUpBucket(target, `bench-${phase++}`),
      tearDown: (state) => state.client.destroy(),
      log: print,
      verbose: process.env.BENCH_VERBOSE === '1',
    });
    print(`\nSmall objects (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable(cells)}`);
    for (const peer of targets.filter((t) => t.name !== 'nimbus' && t.name !== 'floor')) {
      print(`\nNimbus against ${peer.name}\n\n${peerTable(cells, 'nimbus', peer.name, 5, 'floor')}`);
    }
    const disk = await ddRate();
    const large = [];
    for (const target of targets) large.push({ target: target.name, ...(await largeTransfers(target)) });
    print(`\nLarge objects (${LARGE / MiB} MiB, median of ${LARGE_ROUNDS})\n`);
    print(
      formatTable(
        [
          { header: 'target', align: 'left' },
          { header: 'PutObject MB/s' },
          { header: 'GetObject MB/s' },
          { header: 'put ÷ disk (dd)' },
        ],
        large.map((row) => [row.target, num(row.putMBps), num(row.getMBps), times(row.putMBps / disk, 2)]),
      ),
    );
    print(`Disk write floor (dd, 256 MiB, conv=fdatasync): ${num(disk)} MB/s`);
    print(
      "The floor's PutObject rate is the client's own ceiling: the SDK sending to a server that drops the bytes.",
    );
    if (STREAM_MIB > 0) await memoryWhileStreaming(targets[0]!);
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

function client(target: Target): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region: 'us-east-1',
    // s3rver checks signatures, with its own fixed key pair.
    credentials:
      target.name === 's3rver'
        ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
        : { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
    maxAttempts: 1,
    requestChecksumCalculation: CHECKSUM,
  });
}

async function setUpBucket(target: Target, bucket: string): Promise<BucketState> {
  const state = { client: client(target), bucket, next: 0 };
  await state.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return state;
}

/** PutObject then GetObject of a 64 MiB buffer, LARGE_ROUNDS times each; MB/s medians (1 MB = 10^6 bytes). */
async function largeTransfers(target: Target): Promise<{ putMBps: number; getMBps: number }> {
  const s3 = client(target);
  const body = Buffer.alloc(LARGE, 0x62);
  const bucket = `large-${target.name}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const puts: number[] = [];
  const gets: number[] = [];
  for (let round = 0; round < LARGE_ROUNDS; round++) {
    let t = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'large', Body: body }));
    puts.push(LARGE / 1e6 / ((performance.now() - t) / 1000));
    if (target.name === 'floor') continue; // its GET returns 1 KiB
    t = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'large' }));
    await pipeline(got.Body as Readable, discard());
    gets.push(LARGE / 1e6 / ((performance.now() - t) / 1000));
  }
  s3.destroy();
  print(`  measured large transfers on ${target.name}`);
  return { putMBps: median(puts), getMBps: median(gets) };
}

/** Streams a STREAM_MIB object into Nimbus and back, sampling its resident set every 50 ms. */
async function memoryWhileStreaming(target: Target): Promise<void> {
  const s3 = client(target);
  await s3.send(new CreateBucketCommand({ Bucket: 'stream' }));
  const before = rssMiB(target.child.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(target.child.pid));
  }, 50);
  const size = STREAM_MIB * MiB;
  const chunk = Buffer.alloc(MiB, 0x63);
  try {
    let t = performance.now();
    const source = Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += MiB) yield chunk;
      })(),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'stream', Key: 'huge', Body: source, ContentLength: size }));
    const putSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'stream', Key: 'huge' }));
    await pipeline(got.Body as Readable, discard());
    const getSeconds = (performance.now() - t) / 1000;
    print(
      `\nNimbus memory while a ${STREAM_MIB} MiB object streams in (${num(size / 1e6 / putSeconds)} MB/s) and out ` +
        `(${num(size / 1e6 / getSeconds)} MB/s): RSS ${num(before)} MiB before, ${num(peak)} MiB peak.`,
    );
  } finally {
    clearInterval(sampler);
    s3.destroy();
  }
}

/** The disk's sequential write rate with the data flushed, in MB/s, from dd's own report. */
function ddRate(): Promise<number> {
  const file = join(tmpdir(), `nimbus-dd-${process.pid}`);
  return new Promise((resolve) => {
    const child = spawn('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', 'count=256', 'conv=fdatasync']);
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child.on('close', () => {
      rmSync(file, { force: true });
      const match = /(\d+) bytes.*copied, ([\d.]+) s/.exec(stderr);
      resolve(match ? Number(match[1]) / 1e6 / Number(match[2]) : Number.NaN);
    });
  });
}

function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`s3 bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exitCode = 1;
});
