// AWS Signature Version 4 in the browser with WebCrypto: header signing for API calls and query
// signing (presigned URLs) for downloads, with the local test credentials.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SignInput {
  readonly method: string;
  /** Path already percent-encoded per RFC 3986 (`encodePath`). */
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
  readonly host: string;
  readonly service: string;
  readonly region: string;
  readonly credentials: Credentials;
  readonly now: Date;
}

const encoder = new TextEncoder();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A path from raw segments (an S3 key keeps its slashes). */
export function encodePath(raw: string): string {
  return raw.split('/').map(encodeRfc3986).join('/');
}

/** The headers to add (`authorization`, `x-amz-date`, `x-amz-content-sha256`) to send `input` signed. */
export async function signHeaders(input: SignInput): Promise<Record<string, string>> {
  const { amzDate, scope } = stamp(input);
  const payloadHash = await hex(input.body);
  const headers: Record<string, string> = {
    ...lower(input.headers),
    host: input.host,
    'x-amz-date': amzDate,
  };
  if (input.service === 's3') headers['x-amz-content-sha256'] = payloadHash;
  const names = Object.keys(headers).sort();
  const canonical = [
    input.method,
    canonicalPath(input),
    canonicalQuery(input.query),
    names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    names.join(';'),
    payloadHash,
  ].join('\n');
  const signature = await sign(input, canonical, amzDate, scope);
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** A presigned GET URL's query (S3), valid for `expiresSeconds`. */
export async function presignQuery(input: SignInput, expiresSeconds: number): Promise<string> {
  const { amzDate, scope } = stamp(input);
  const query: (readonly [string, string])[] = [
    ...input.query,
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${input.credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(expiresSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const canonical = [
    input.method,
    canonicalPath(input),
    canonicalQuery(query),
    `host:${input.host}\n`,
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const signature = await sign(input, canonical, amzDate, scope);
  return `${canonicalQuery(query)}&X-Amz-Signature=${signature}`;
}

function stamp(input: SignInput): { amzDate: string; scope: string } {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return { amzDate, scope: `${amzDate.slice(0, 8)}/${input.region}/${input.service}/aws4_request` };
}

/** S3 signs the path as sent; every other service encodes each segment once more. */
function canonicalPath(input: SignInput): string {
  return input.service === 's3' ? input.path : input.path.split('/').map(encodeRfc3986).join('/');
}

function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

async function sign(input: SignInput, canonical: string, amzDate: string, scope: string): Promise<string> {
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await hex(encoder.encode(canonical))].join('\n');
  let key: ArrayBuffer = encoder.encode(`AWS4${input.credentials.secretAccessKey}`).buffer as ArrayBuffer;
  for (const part of [amzDate.slice(0, 8), input.region, input.service, 'aws4_request']) {
    key = await hmac(key, part);
  }
  return toHex(await hmac(key, toSign));
}

async function hmac(key: ArrayBuffer, text: string): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

async function hex(data: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}
