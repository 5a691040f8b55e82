// The console's side of /_nimbus/: the token check for a Nimbus reachable beyond loopback, the built page
// (dist/console/, made by `npm run build`) and its assets, and the read-only JSON API for what AWS has no
// API for (the wiring graph). The page itself talks to the AWS APIs like any other client.

import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Wiring } from '../core/ports/wiring.js';
import type { WireResponse } from '../protocols/wire.js';
import { wantsHtml } from './landing-page.js';
import type { RequestTarget } from './request-target.js';

export interface ConsoleBackend {
  /** Set when Nimbus listens beyond loopback: every /_nimbus/ request but the health check must carry it. */
  readonly consoleToken?: string;
  readonly defaultAccount?: string;
  graph?(
    account: string,
    region: string,
  ): Promise<Wiring & { errors: { service: string; message: string }[] }>;
}

const COOKIE = 'nimbus_console_token';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};
// The page's own code only; data is fetched by it. `connect-src 'self'` keeps it talking to this Nimbus.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The console's answer to a /_nimbus/ request, or undefined when it is not the console's to answer. */
export async function answerConsole(
  backend: ConsoleBackend,
  method: string,
  url: RequestTarget,
  headers: IncomingHttpHeaders,
): Promise<WireResponse | undefined> {
  const path = url.pathname;
  if (path === '/_nimbus/health' || path === '/_nimbus/health/' || path.startsWith('/_localstack/')) return;
  const token = backend.consoleToken;
  if (token !== undefined) {
    const offered = url.searchParams.get('token');
    if (offered !== null && same(offered, token) && (method === 'GET' || method === 'HEAD')) {
      // The token leaves the address bar (and the history) for a cookie only this path is sent.
      return {
        status: 303,
        headers: {
          location: path,
          'set-cookie': `${COOKIE}=${token}; Path=/_nimbus; HttpOnly; SameSite=Strict`,
          'content-type': 'text/plain',
        },
        body: `See ${path}\n`,
      };
    }
    if (!presented(headers, token)) return refusal(headers);
  }
  if (method !== 'GET' && method !== 'HEAD') return;
  if (path === '/_nimbus/' && wantsHtml(headers)) return asset('index.html', headers);
  if (path.startsWith('/_nimbus/assets/')) {
    const name = path.slice('/_nimbus/assets/'.length);
    return /^[A-Za-z0-9_-]+\.(js|css|svg|map)$/.test(name) ? asset(name, headers) : notFound(path);
  }
  if (path === '/_nimbus/console/graph') {
    if (!backend.graph) return notFound(path);
    const account = url.searchParams.get('account') ?? backend.defaultAccount ?? '000000000000';
    const region = url.searchParams.get('region') ?? 'us-east-1';
    if (!/^\d{12}$/.test(account) || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      return json(400, { error: 'account must be 12 digits and region an AWS region name (us-east-1).' });
    }
    return json(200, await backend.graph(account, region));
  }
  return;
}

let dir: string | null | undefined;
const cache = new Map<string, { raw: Buffer; gzip: Buffer }>();

function assetsDir(): string | undefined {
  if (dir === undefined) {
    // From dist/src/server/ (tsc) or dist/cli/ (the bundled CLI), the build's dist/console/.
    const candidates = [
      process.env.NIMBUS_CONSOLE_DIR,
      fileURLToPath(new URL('../../console/', import.meta.url)),
      fileURLToPath(new URL('../console/', import.meta.url)),
    ];
    dir = candidates.find((candidate) => candidate && existsSync(`${candidate}/index.html`)) ?? null;
  }
  return dir ?? undefined;
}

function asset(name: string, headers: IncomingHttpHeaders): WireResponse | undefined {
  const root = assetsDir();
  if (!root) return name === 'index.html' ? undefined : notFound(name);
  let entry = cache.get(name);
  if (!entry) {
    const file = `${root}/${name}`;
    if (!existsSync(file)) return notFound(name);
    const raw = readFileSync(file);
    entry = { raw, gzip: gzipSync(raw, { level: 9 }) };
    cache.set(name, entry);
  }
  const gzip = /\bgzip\b/.test(String(headers['accept-encoding'] ?? ''));
  return {
    status: 200,
    headers: {
      'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': CSP,
      'referrer-policy': 'no-referrer',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    },
    body: gzip ? entry.gzip : entry.raw,
  };
}

function presented(headers: IncomingHttpHeaders, token: string): boolean {
  const header = headers['x-nimbus-token'];
  if (typeof header === 'string' && same(header, token)) return true;
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined && same(bearer, token)) return true;
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === COOKIE && value !== undefined && same(value, token)) return true;
  }
  return false;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refusal(headers: IncomingHttpHeaders): WireResponse {
  const message =
    'This Nimbus listens beyond loopback, so /_nimbus/ needs the console token printed at start: open /_nimbus/?token=<token>, or send it as X-Nimbus-Token.';
  if (wantsHtml(headers)) {
    return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
  }
  return json(401, { error: message });
}

function notFound(path: string): WireResponse {
  return json(404, { error: `No Nimbus console file ${path}` });
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
