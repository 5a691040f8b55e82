// Serving function URLs: the mount Lambda declares, claiming `<url-id>.lambda-url.<region>.localhost` and
// `….on.aws` hosts and the path form `/_nimbus/lambda-url/<url-id>/…` on the main port; it checks the auth
// type and resource policy, answers CORS preflights, invokes the function and maps the result.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html

import { ServiceError } from '../../core/errors.js';
import type { Mount, MountRequest, MountResponse } from '../../core/service.js';
import { corsHeaders, isPreflight } from '../../lib/cors.js';
import { type FunctionUrl, URL_PATH_PREFIX } from './function-urls.js';
import type { Lambda } from './lambda.js';
import { functionArn } from './names.js';
import { type IamCaller, type UrlTarget, urlEvent, urlResponse } from './url-events.js';

const URL_HOST = /^([a-z0-9]{32})\.lambda-url\.([a-z0-9-]+)\.(?:localhost|on\.aws)$/;
// Invoke's synchronous payload limit applies to the event the URL builds.
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

export const functionUrlMount: Mount<Lambda> = {
  hosts: [URL_HOST],
  pathPrefixes: [URL_PATH_PREFIX],
  handle: (request, lambda) => serveFunctionUrl(lambda, request),
};

async function serveFunctionUrl(lambda: Lambda, request: MountRequest): Promise<MountResponse> {
  const target = urlTarget(request);
  const url = target && lambda.urls.byId(target.urlId);
  if (!target || !url || (request.hostMatch && request.hostMatch[2] !== url.region)) return forbidden();
  const cors = url.settings.Cors;
  if (cors && isPreflight(request)) {
    return { status: 200, headers: corsHeaders(cors, request, true), body: '' };
  }
  const caller = url.settings.AuthType === 'AWS_IAM' ? signedCaller(request, lambda) : undefined;
  if (url.settings.AuthType === 'AWS_IAM' ? !caller : !allowsPublicInvoke(lambda, url)) return forbidden();
  // The path form has no host of the URL's own: the function sees the name AWS would give it.
  const domainName = target.domainName || `${url.urlId}.lambda-url.${url.region}.on.aws`;
  const response = await invokeThroughUrl(lambda, url, request, { ...target, domainName }, caller);
  if (!cors) return response;
  return { ...response, headers: { ...response.headers, ...corsHeaders(cors, request, false) } };
}

async function invokeThroughUrl(
  lambda: Lambda,
  url: FunctionUrl,
  request: MountRequest,
  target: UrlTarget,
  caller: IamCaller | undefined,
): Promise<MountResponse> {
  const event = Buffer.from(JSON.stringify(urlEvent(request, target, lambda.clock.now(), caller)));
  if (event.length > MAX_EVENT_BYTES) {
    return message(
      413,
      `Request must be smaller than ${MAX_EVENT_BYTES} bytes for the InvokeFunction operation`,
    );
  }
  try {
    const resolved = lambda.functions.resolve({
      account: url.account,
      region: url.region,
      name: url.name,
      qualifier: url.qualifier,
    });
    const result = await lambda.invoke(resolved, {
      account: url.account,
      region: url.region,
      requestId: request.requestId,
      payload: event,
      logTail: false,
    });
    const mapped = result.functionError ? undefined : urlResponse(result.payload);
    // A function error, or a result that is not a response, is Lambda's bare 502.
    return (
      mapped ?? {
        status: 502,
        headers: { 'content-type': 'application/json' },
        body: 'Internal Server Error',
      }
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.code === 'TooManyRequestsException') return message(429, 'Rate Exceeded.');
    if (error.code === 'ResourceNotFoundException') return forbidden();
    throw error;
  }
}

/** Which URL and path a request names: the host form keeps its path, the path form drops the prefix
 * and the url-id (`/_nimbus/lambda-url/<id>` alone is the root). */
function urlTarget(request: MountRequest): UrlTarget | undefined {
  if (request.hostMatch) {
    const [domainName, urlId] = request.hostMatch;
    return { urlId: urlId!, rawPath: request.path, domainName: domainName! };
  }
  const rest = request.path.slice(URL_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  const urlId = slash === -1 ? rest : rest.slice(0, slash);
  if (!/^[a-z0-9]{32}$/.test(urlId)) return undefined;
  return { urlId, rawPath: slash === -1 ? '/' : rest.slice(slash), domainName: '' };
}

/** AWS_IAM: the caller of a SigV4-signed request (header or presigned query). Nimbus does not verify
 * signatures by default, so a signed request is taken at its word, as every API call is. */
function signedCaller(request: MountRequest, lambda: Lambda): IamCaller | undefined {
  const header = request.headers.authorization;
  const query = new URLSearchParams(request.rawQuery);
  const credential =
    typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')
      ? /Credential=([^/,\s]+)\//.exec(header)?.[1]
      : query.get('X-Amz-Signature')
        ? query.get('X-Amz-Credential')?.split('/')[0]
        : undefined;
  if (!credential) return undefined;
  const accountId = /^\d{12}$/.test(credential) ? credential : lambda.defaultAccount;
  return { accessKey: credential, accountId };
}

/** NONE: the function's resource-based policy must let everyone invoke through the URL. Since October
 * 2025 a new URL needs both lambda:InvokeFunctionUrl (with lambda:FunctionUrlAuthType NONE, when the
 * statement has that condition) and lambda:InvokeFunction. https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html */
function allowsPublicInvoke(lambda: Lambda, url: FunctionUrl): boolean {
  const fn = lambda.functions.find(url);
  if (!fn?.policy) return false;
  const statements = (JSON.parse(fn.policy) as { Statement: PolicyStatement[] }).Statement;
  const resources = new Set([functionArn(url), functionArn(url, url.qualifier), `${functionArn(url)}:*`]);
  const grants = (action: string) =>
    statements.some(
      (st) =>
        st.Effect === 'Allow' &&
        (st.Principal === '*' || (typeof st.Principal === 'object' && st.Principal?.AWS === '*')) &&
        (st.Action === action || st.Action === 'lambda:*') &&
        resources.has(st.Resource) &&
        (st.Condition?.StringEquals?.['lambda:FunctionUrlAuthType'] ?? 'NONE') === 'NONE',
    );
  return grants('lambda:InvokeFunctionUrl') && grants('lambda:InvokeFunction');
}

interface PolicyStatement {
  Effect: string;
  Principal: string | { AWS?: string; Service?: string };
  Action: string;
  Resource: string;
  Condition?: { StringEquals?: Record<string, string> };
}

/** What a function URL answers a request it refuses (no permission, no signature, no such URL). */
function forbidden(): MountResponse {
  return message(403, 'Forbidden');
}

function message(status: number, text: string): MountResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Message: text }) };
}
