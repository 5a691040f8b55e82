// A short fuzz of the REST services (S3's restXml, Lambda's restJson1), driven by their own operation
// tables: for every operation, requests built from its HTTP trait with random labels, query parameters,
// bound headers and bodies — some well-formed, most not. Each must get an AWS answer in the protocol's
// shape (an error with a code, or a success), never a 5xx other than 501, a dropped connection or a hang.
// Seeded, so a failure reproduces; REST_FUZZ_ROUNDS and REST_FUZZ_SEED make longer or other runs.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HttpTrait, ServiceDefinition } from '../../src/core/service.js';
import type { Member, Shape, StructureShape } from '../../src/core/shapes.js';
import type { Cloud } from '../../src/index.js';
import { lambdaService } from '../../src/services/lambda/index.js';
import { s3Service } from '../../src/services/s3/index.js';
import { random, sigv4Header, startTestCloud } from '../support/helpers.js';

const ROUNDS = Number(process.env.REST_FUZZ_ROUNDS) || 6;
const SEED = Number(process.env.REST_FUZZ_SEED) || 0;
/** Resources that exist, so some requests get past "no such bucket/function" into the operation. */
const BUCKET = 'fuzz-bucket';
const KEY = 'some/key.txt';
const FUNCTION = 'fuzz-function';

type Random = () => number;

const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'transfer-encoding', 'expect', 'connection']);

const STRINGS = [
  '',
  'a',
  ' ',
  'x'.repeat(1100),
  '../..',
  '%00',
  '%ZZ',
  'ünïcødé',
  '\u{1F600}',
  '<x>&amp;</x>',
  '"quoted"',
  'a,b;c=d',
  '-1',
  '0',
  '99999999999999999999999',
  '1e309',
  'NaN',
  'true',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  '2026-13-45T99:99:99Z',
  'bytes=5-2',
  'bytes=-0',
  '*',
  '{"a":1}',
];

describe('REST services under random requests', () => {
  let cloud: Cloud;

  before(async () => {
    cloud = await startTestCloud();
    await send('PUT', `/${BUCKET}`, { authorization: sigv4Header('s3') });
    await send('PUT', `/${BUCKET}/${KEY}`, { authorization: sigv4Header('s3') }, Buffer.from('hello'));
  });
  after(() => cloud.stop());

  const send = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<{ status: number; contentType: string; text: string }> => {
    const response = await fetch(`${cloud.endpoint}${path}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' || !body ? undefined : new Uint8Array(body),
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };

  it('answers a request whose echoed value cannot be an HTTP header (it used to hang)', async () => {
    // DeleteObject echoes the version id into x-amz-version-id; an emoji cannot be written into a header.
    const response = await send('DELETE', `/${BUCKET}/${KEY}?versionId=%F0%9F%98%80`, {
      authorization: sigv4Header('s3'),
    });
    assert.ok(response.status < 500, `status ${response.status}`);
  });

  for (const [service, definition] of [
    ['s3', s3Service],
    ['lambda', lambdaService],
  ] as const) {
    it(`${service}: every operation answers random input with an AWS answer`, async () => {
      const rand = random((service === 's3' ? 0x53 : 0x1a) + SEED);
      const failures: string[] = [];
      for (const [name, operation] of Object.entries((definition as ServiceDefinition).operations)) {
        if (!operation.http) continue;
        for (let round = 0; round < ROUNDS; round++) {
          const request = randomRequest(rand, service, operation.http, operation.input);
          const described = `${name} round ${round}: ${request.method} ${request.path} ${JSON.stringify(request.headers).slice(0, 300)}`;
          let response: Awaited<ReturnType<typeof send>>;
          try {
            response = await send(request.method, request.path, request.headers, request.body);
          } catch (error) {
            failures.push(`${described} → no answer: ${(error as Error).message}`);
            continue;
          }
          if (response.status >= 500 && response.status !== 501) {
            failures.push(`${described} → ${response.status} ${response.text.slice(0, 300)}`);
          } else if (
            response.status >= 400 &&
            request.method !== 'HEAD' &&
            !wellFormedError(service, response)
          ) {
            failures.push(
              `${described} → ${response.status} malformed error: ${response.text.slice(0, 300)}`,
            );
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

function wellFormedError(service: string, response: { contentType: string; text: string }): boolean {
  if (service === 's3') return /<Error>[\s\S]*<Code>[^<]+<\/Code>/.test(response.text);
  try {
    const body = JSON.parse(response.text) as { message?: unknown; Message?: unknown };
    return typeof (body.message ?? body.Message) === 'string';
  } catch {
    return false;
  }
}

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

function randomRequest(rand: Random, service: string, http: HttpTrait, input: StructureShape): FuzzRequest {
  const [template = '/', fixedQuery] = http.uri.split('?');
  const path = template.replace(/\{(\w+)(\+?)\}/g, (_, label: string) =>
    encodeLabel(labelValue(rand, label)),
  );
  const query = new URLSearchParams(fixedQuery ?? '');
  const headers: Record<string, string> = { authorization: sigv4Header(service) };
  for (const [name, member] of Object.entries(input.members) as [string, Member][]) {
    const binding = member.http;
    if (!binding || rand() < 0.4) continue;
    if ('querystring' in binding) query.set(binding.querystring, scalar(rand, member.shape));
    else if ('header' in binding) {
      const value = scalar(rand, member.shape);
      const header = binding.header.toLowerCase();
      // The transport's own headers (Content-Length…) are the HTTP client's to set; values fetch cannot send
      // (control characters, non-Latin-1) never reach a server.
      if (!TRANSPORT_HEADERS.has(header) && /^[\x20-\x7e]*$/.test(value)) headers[header] = value;
    } else if ('headerPrefix' in binding)
      headers[`${binding.headerPrefix}${name.toLowerCase()}`] = pick(rand, STRINGS.slice(0, 4));
  }
  const search = query.toString();
  return {
    method: http.method,
    path: `${path}${search ? `?${search}` : ''}`,
    headers,
    body: randomBody(rand, service, input),
  };
}

function labelValue(rand: Random, label: string): string {
  const real: Record<string, string> = { Bucket: BUCKET, Key: KEY, FunctionName: FUNCTION };
  if (real[label] && rand() < 0.6) return real[label];
  return pick(rand, [
    ...STRINGS.filter((value) => value !== ''),
    'x',
    'My_Bucket',
    'a'.repeat(64),
    'arn:aws:lambda:us-east-1:000000000000:function:f',
  ]);
}

function encodeLabel(value: string): string {
  // Half the time as a client would encode it; otherwise raw, as a hand-written request might.
  return value
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function scalar(rand: Random, shape: Shape): string {
  if (rand() < 0.5) return pick(rand, STRINGS);
  switch (shape.kind) {
    case 'integer':
    case 'double':
      return String(Math.floor(rand() * 2 ** 33) - 2 ** 31);
    case 'boolean':
      return rand() < 0.5 ? 'true' : 'false';
    case 'timestamp':
      return new Date(Math.floor(rand() * 4e12)).toUTCString();
    case 'string':
      return shape.enum && shape.enum.length > 0 ? pick(rand, shape.enum) : pick(rand, STRINGS);
    default:
      return pick(rand, STRINGS);
  }
}

function randomBody(rand: Random, service: string, input: StructureShape): Buffer | undefined {
  const roll = rand();
  if (roll < 0.25) return undefined;
  if (roll < 0.4)
    return Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
  const names = Object.entries(input.members)
    .filter(([, member]) => !member.http)
    .map(([name]) => name);
  if (service === 'lambda') {
    const body: Record<string, unknown> = {};
    for (const name of names)
      if (rand() < 0.6) body[name] = pick(rand, [1, 'x', true, null, [], {}, pick(rand, STRINGS)]);
    return Buffer.from(rand() < 0.1 ? '{"unterminated' : JSON.stringify(body));
  }
  // S3's XML bodies: a random element tree, sometimes malformed.
  const root = pick(rand, [
    'Tagging',
    'CORSConfiguration',
    'Delete',
    'CompleteMultipartUpload',
    'VersioningConfiguration',
    'X',
  ]);
  const children = Array.from({ length: Math.floor(rand() * 4) }, () => {
    const name = pick(rand, [
      'TagSet',
      'Tag',
      'Key',
      'Value',
      'Object',
      'Part',
      'PartNumber',
      'ETag',
      'Status',
      'CORSRule',
      'AllowedMethod',
      'Quiet',
    ]);
    return `<${name}>${escapeXml(pick(rand, STRINGS))}</${name}>`;
  }).join('');
  const xml = `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${children}</${root}>`;
  return Buffer.from(rand() < 0.15 ? xml.slice(0, Math.floor(xml.length / 2)) : xml);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pick<T>(rand: Random, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)]!;
}
