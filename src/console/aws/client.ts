// The console's AWS client: each call signed (aws/sigv4.ts) and sent to the Nimbus that served the page,
// in the protocol the service speaks (awsJson, awsQuery, restJson, restXml). Account and region come from
// the access key (a 12-digit account id is a test credential) and the credential scope, as for any client.

import { encodePath, encodeRfc3986, presignQuery, signHeaders } from './sigv4.js';

export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message || code);
  }
}

export interface RestRequest {
  readonly method: string;
  /** Raw (unencoded) path: `/bucket/a key/with slashes`. */
  readonly path: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

export class Aws {
  /** Cloud time minus browser time: signatures carry the cloud's time (a presigned URL's expiry is
   * checked against the cloud clock, which tests move forward). */
  clockOffsetMs = 0;

  constructor(
    readonly account: string,
    readonly region: string,
  ) {}

  /** awsJson (SQS, DynamoDB, Logs, EventBridge, Step Functions). */
  async json<T>(service: string, target: string, version: '1.0' | '1.1', input: object): Promise<T> {
    const response = await this.send(service, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const code = String(parsed.__type ?? response.headers.get('x-amzn-errortype') ?? 'Error')
        .split('#')
        .pop()!;
      throw new AwsError(code.split(':')[0]!, parsed.message ?? parsed.Message ?? '', response.status);
    }
    return parsed as T;
  }

  /** awsQuery (CloudFormation, SNS): the response as an XML document. */
  async query(
    service: string,
    version: string,
    action: string,
    params: Record<string, string>,
  ): Promise<Document> {
    const body = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
    const response = await this.send(service, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
    if (!response.ok) throw xmlError(doc, response.status);
    return doc;
  }

  /** restJson / restXml: the raw response, errors thrown as AwsError. */
  async rest(service: string, request: RestRequest): Promise<Response> {
    const response = await this.send(service, request);
    if (response.ok) return response;
    const text = await response.text();
    if (text.trimStart().startsWith('<')) {
      throw xmlError(new DOMParser().parseFromString(text, 'application/xml'), response.status);
    }
    const parsed = text ? JSON.parse(text) : {};
    const code = response.headers.get('x-amzn-errortype') ?? parsed.__type ?? parsed.code ?? 'Error';
    throw new AwsError(String(code).split(':')[0]!, parsed.message ?? parsed.Message ?? '', response.status);
  }

  /** A presigned GET URL (an S3 download the browser follows itself). */
  async presign(service: string, path: string, expiresSeconds = 900): Promise<string> {
    const encoded = encodePath(path);
    const query = await presignQuery(
      this.signInput(service, { method: 'GET', path }, encoded, new Uint8Array()),
      expiresSeconds,
    );
    return `${encoded}?${query}`;
  }

  private async send(service: string, request: RestRequest): Promise<Response> {
    const body =
      typeof request.body === 'string'
        ? new TextEncoder().encode(request.body)
        : (request.body ?? new Uint8Array());
    const encoded = encodePath(request.path);
    const headers = await signHeaders(this.signInput(service, request, encoded, body));
    const search = (request.query ?? []).map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
    return fetch(`${encoded}${search ? `?${search}` : ''}`, {
      method: request.method,
      headers,
      body:
        request.method === 'GET' || request.method === 'HEAD' ? undefined : (body as Uint8Array<ArrayBuffer>),
      credentials: 'same-origin',
    });
  }

  private signInput(service: string, request: RestRequest, encodedPath: string, body: Uint8Array) {
    return {
      method: request.method,
      path: encodedPath,
      query: request.query ?? [],
      headers: request.headers ?? {},
      body,
      host: location.host,
      service,
      region: this.region,
      credentials: { accessKeyId: this.account, secretAccessKey: 'test' },
      now: new Date(Date.now() + this.clockOffsetMs),
    };
  }
}

/** The text of the first element named `name` under `parent`. */
export function xmlText(parent: Document | Element, name: string): string | undefined {
  return parent.getElementsByTagName(name)[0]?.textContent ?? undefined;
}

/** The child elements named `name` of the first `container` element. */
export function xmlItems(parent: Document | Element, container: string, name = 'member'): Element[] {
  const root = parent.getElementsByTagName(container)[0];
  return root ? [...root.children].filter((child) => child.localName === name) : [];
}

function xmlError(doc: Document, status: number): AwsError {
  return new AwsError(xmlText(doc, 'Code') ?? 'Error', xmlText(doc, 'Message') ?? '', status);
}
