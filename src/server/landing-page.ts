// The page a browser gets at Nimbus's endpoint: what this is, which services run, the control endpoints
// and how to point a client here. Only a visit is answered so: a GET of `/` with no credentials that asks
// for HTML (an S3 client's ListBuckets is signed, and curl asks for */*), or of `/_nimbus/`.

import type { IncomingHttpHeaders } from 'node:http';
import type { WireResponse } from '../protocols/wire.js';
import type { ControlPlane } from './control.js';
import type { RequestTarget } from './request-target.js';

/** Whether this request is a person's browser visiting the endpoint's root. */
export function isBrowserVisit(method: string, headers: IncomingHttpHeaders, target: RequestTarget): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (target.pathname !== '/' || target.searchParams.size > 0) return false;
  if (headers.authorization !== undefined) return false;
  return wantsHtml(headers);
}

/** An `Accept` that names text/html (browsers send `text/html,application/xhtml+xml,...`). */
export function wantsHtml(headers: IncomingHttpHeaders): boolean {
  return /\btext\/html\b/i.test(headers.accept ?? '');
}

export function landingPage(control: ControlPlane, host: string | undefined): WireResponse {
  const endpoint = `http://${host ?? '127.0.0.1:4566'}`;
  const services = control
    .services()
    .map((name) => `<li><code>${escapeHtml(name)}</code> <span class="ok">running</span></li>`)
    .join('');
  const now = new Date(control.now()).toISOString();
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nimbus ${escapeHtml(control.version)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
  h1 { font-size: 1.6rem; margin-bottom: 0; } h2 { font-size: 1.1rem; margin-top: 1.8rem; }
  code, pre { font: 13px/1.45 ui-monospace, monospace; background: #f2f4f8; border-radius: 4px; }
  code { padding: 0 .25rem; } pre { padding: .7rem .9rem; overflow-x: auto; }
  ul.services { columns: 3; padding-left: 1.1rem; } .ok { color: #16794a; font-size: .85em; }
  table { border-collapse: collapse; } td { padding: .2rem .8rem .2rem 0; vertical-align: top; }
  .muted { color: #5b6475; }
</style>
</head>
<body>
<h1>Nimbus ${escapeHtml(control.version)}</h1>
<p class="muted">A local serverless cloud: AWS's wire protocols in one Node.js process, at <code>${escapeHtml(endpoint)}</code>.</p>

<h2>Services</h2>
<ul class="services">${services}</ul>
<p class="muted">Other AWS services answer <code>501 NotImplemented</code> naming the service.</p>

<h2>Point a client here</h2>
<pre>export AWS_ENDPOINT_URL=${escapeHtml(endpoint)} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
aws sqs create-queue --queue-name jobs --endpoint-url ${escapeHtml(endpoint)}</pre>
<p class="muted">Any credentials work, but a request must carry some, as on AWS. The AWS CLI v1 ignores
<code>AWS_ENDPOINT_URL</code>: pass <code>--endpoint-url</code>.</p>

<h2>Control endpoints</h2>
<table>
<tr><td><a href="/_nimbus/health"><code>GET /_nimbus/health</code></a></td><td>version and services (also <code>/_localstack/health</code>)</td></tr>
<tr><td><code>POST /_nimbus/reset</code></td><td>empties every service</td></tr>
<tr><td><a href="/_nimbus/clock"><code>GET /_nimbus/clock</code></a></td><td>the cloud clock, now <code>${escapeHtml(now)}</code></td></tr>
<tr><td><code>POST /_nimbus/clock</code></td><td><code>{"advanceSeconds": N}</code> moves it forward</td></tr>
</table>

<h2>Documentation</h2>
<p>The project's <code>README.md</code> lists every command and every supported operation; each service's own
README (<code>src/services/&lt;service&gt;/README.md</code>) its operations and gaps. AWS's behaviour is specified in
the <a href="https://docs.aws.amazon.com/">AWS documentation</a>. The console is at <a href="/_nimbus/"><code>/_nimbus/</code></a>.</p>
</body>
</html>
`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
