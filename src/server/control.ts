// Nimbus's own endpoints under /_nimbus/: health, reset and the virtual clock, for test suites in any
// language. /_localstack/health answers too, so scripts written to wait for other local clouds work.

import type { IncomingHttpHeaders } from 'node:http';
import type { WireResponse } from '../protocols/wire.js';
import { answerConsole, type ConsoleBackend } from './console.js';
import { landingPage, wantsHtml } from './landing-page.js';
import type { RequestTarget } from './request-target.js';

export interface ControlPlane extends ConsoleBackend {
  readonly version: string;
  services(): string[];
  reset(): void;
  now(): number;
  advanceClock(ms: number): void;
  /** Fault injection rules (server/faults.ts): GET, POST and DELETE /_nimbus/faults. */
  readonly faults?: { handle(method: string, path: string, body: Buffer | undefined): WireResponse };
}

export function isControlPath(pathname: string): boolean {
  return pathname === '/_nimbus' || pathname.startsWith('/_nimbus/') || pathname.startsWith('/_localstack/');
}

export async function handleControl(
  control: ControlPlane,
  method: string,
  url: RequestTarget,
  headers: IncomingHttpHeaders,
  body: Buffer | undefined,
): Promise<WireResponse> {
  // `/_nimbus` is a name a person types: it goes where the page is, as a directory's name does.
  if (url.pathname === '/_nimbus') {
    return {
      status: 301,
      headers: { location: '/_nimbus/', 'content-type': 'text/plain' },
      body: 'See /_nimbus/\n',
    };
  }
  // The console (its page, assets and graph API) and, beyond loopback, the token every other path needs.
  const consoleAnswer = await answerConsole(control, method, url, headers);
  if (consoleAnswer) return consoleAnswer;
  if (url.pathname === '/_nimbus/' && (method === 'GET' || method === 'HEAD')) {
    if (wantsHtml(headers)) return landingPage(control, headers.host);
    return json(200, {
      version: control.version,
      endpoints: [
        'GET /_nimbus/health',
        'POST /_nimbus/reset',
        'GET /_nimbus/clock',
        'POST /_nimbus/clock',
        'GET /_nimbus/console/graph',
      ],
    });
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (
    (path === '/_nimbus/health' || path === '/_localstack/health') &&
    (method === 'GET' || method === 'HEAD')
  ) {
    const services = Object.fromEntries(control.services().map((name) => [name, 'running']));
    return json(200, { version: control.version, edition: 'nimbus', services });
  }
  if (path === '/_nimbus/reset' && method === 'POST') {
    control.reset();
    return json(200, { reset: true });
  }
  if (path === '/_nimbus/clock') {
    if (method === 'GET') return json(200, clockState(control));
    if (method === 'POST') {
      const ms = advanceFrom(body);
      if (ms === undefined) {
        return json(400, {
          error: 'Send {"advanceSeconds": N} or {"advanceMilliseconds": N} with N >= 0.',
        });
      }
      control.advanceClock(ms);
      return json(200, clockState(control));
    }
  }
  if ((path === '/_nimbus/faults' || path.startsWith('/_nimbus/faults/')) && control.faults) {
    return control.faults.handle(method, path, body);
  }
  return json(404, { error: `No Nimbus endpoint ${method} ${url.pathname}` });
}

function advanceFrom(body: Buffer | undefined): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body && body.length > 0 ? body.toString('utf8') : '{}');
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { advanceSeconds, advanceMilliseconds } = parsed as Record<string, unknown>;
  const ms =
    typeof advanceSeconds === 'number'
      ? advanceSeconds * 1000
      : typeof advanceMilliseconds === 'number'
        ? advanceMilliseconds
        : undefined;
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function clockState(control: ControlPlane) {
  const now = control.now();
  return { now: new Date(now).toISOString(), epochMilliseconds: now };
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
