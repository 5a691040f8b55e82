// A minimal client for the CLI's own commands (`logs`, `invoke`): requests to a running Nimbus with a
// credential scope naming the region, so they land where an SDK's would. Signatures are not checked.

export interface Target {
  readonly endpoint: string;
  readonly region: string;
}

export function targetFrom(values: { endpoint?: string; region?: string }): Target {
  return {
    endpoint: (values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566').replace(/\/$/, ''),
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
}

export function authorization(target: Target, service: string): string {
  const key = process.env.AWS_ACCESS_KEY_ID ?? 'test';
  return `AWS4-HMAC-SHA256 Credential=${key}/20260101/${target.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** Calls an awsJson 1.1 operation (CloudWatch Logs); throws with AWS's message on an error answer. */
export async function callJson(
  target: Target,
  service: string,
  amzTarget: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': amzTarget,
      authorization: authorization(target, service),
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `${String(body.__type ?? response.status)
        .split('#')
        .pop()}: ${body.message}`,
    );
  return body;
}

/** Invokes a function synchronously; returns the status, the function error (if any) and the payload. */
export async function invokeFunction(
  target: Target,
  name: string,
  payload: string,
): Promise<{ status: number; functionError: string | null; payload: string; logResult: string | null }> {
  const response = await fetch(
    `${target.endpoint}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
    {
      method: 'POST',
      headers: { authorization: authorization(target, 'lambda'), 'x-amz-log-type': 'Tail' },
      body: payload,
    },
  );
  const text = await response.text();
  if (!response.ok) {
    const error = JSON.parse(text) as { message?: string };
    throw new Error(`${response.headers.get('x-amzn-errortype')}: ${error.message}`);
  }
  return {
    status: response.status,
    functionError: response.headers.get('x-amz-function-error'),
    payload: text,
    logResult: response.headers.get('x-amz-log-result'),
  };
}
