// The console's frame: the header (account, region, the cloud clock, reset), the navigation of every
// service's pages (pages.ts) and the hash router. A route is `#/<account>/<region>/<service>/<segments…>`,
// so every view is a link that can be shared in a bug report.

import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Aws } from './aws/client.js';
import type { ConsoleContext, ConsoleRoute, ServiceConsole } from './contract.js';
import { ArchitectureMap } from './map.js';
import { CONSOLES } from './pages.js';
import { ErrorNote, formatTime } from './ui.js';

const DEFAULT_ACCOUNT = '000000000000';
const DEFAULT_REGION = 'us-east-1';

interface Location {
  readonly account: string;
  readonly region: string;
  readonly segments: readonly string[];
}

export function parseHash(hash: string): Location {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decode);
  const [account, region, ...segments] = parts;
  if (!account || !/^\d{12}$/.test(account) || !region) {
    return { account: DEFAULT_ACCOUNT, region: DEFAULT_REGION, segments: ['map'] };
  }
  return { account, region, segments: segments.length ? segments : ['map'] };
}

export function hashFor(account: string, region: string, segments: readonly string[]): string {
  return `#/${[account, region, ...segments].map(encodeURIComponent).join('/')}`;
}

export function App() {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const onHash = () => setLocation(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const aws = useMemo(() => new Aws(location.account, location.region), [location.account, location.region]);
  const ctx: ConsoleContext = {
    aws,
    account: location.account,
    region: location.region,
    generation,
    href: (...segments) => hashFor(location.account, location.region, segments),
    link: (type, id) => {
      for (const c of CONSOLES) {
        const segments = c.links?.[type]?.(id);
        if (segments) return hashFor(location.account, location.region, [c.service, ...segments]);
      }
      return undefined;
    },
  };
  const go = (account: string, region: string) => {
    window.location.hash = hashFor(account, region, location.segments);
  };
  const [service] = location.segments;
  return html`<a class="skip" href="#main" onClick=${skip}>Skip to content</a>
    <header class="top">
      <a class="brand" href=${ctx.href('map')}>Nimbus</a>
      <${Scope} account=${location.account} region=${location.region} onChange=${go} />
      <${ClockControls} aws=${aws} onChange=${() => setGeneration((n) => n + 1)} />
    </header>
    <div class="body">
      <nav aria-label="Services"><ul>
        <li><a href=${ctx.href('map')} aria-current=${service === 'map' ? 'page' : undefined}>Architecture map</a></li>
        ${CONSOLES.map(
          (c) =>
            html`<li><a href=${ctx.href(c.service)} aria-current=${service === c.service ? 'page' : undefined}>${c.title}</a></li>`,
        )}
      </ul></nav>
      <main id="main" tabindex="-1">${route(location.segments, ctx)}</main>
    </div>`;
}

function route(segments: readonly string[], ctx: ConsoleContext) {
  const [service, ...rest] = segments;
  if (service === 'map') return html`<${ArchitectureMap} ctx=${ctx} key=${ctx.generation} />`;
  const found = CONSOLES.find((c) => c.service === service);
  const matched = found && match(found, rest);
  if (!matched)
    return html`<${ErrorNote} error=${{ code: 'NotFound', message: `No console page #/${segments.join('/')}` }} />`;
  const View = matched.route.view;
  return html`<${View} params=${matched.params} ctx=${ctx} key=${`${segments.join('/')}#${ctx.generation}`} />`;
}

function match(c: ServiceConsole, segments: readonly string[]) {
  for (const candidate of c.routes) {
    const pattern = candidate.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (fits) return { route: candidate as ConsoleRoute, params };
  }
  return undefined;
}

function Scope(props: {
  account: string;
  region: string;
  onChange: (account: string, region: string) => void;
}) {
  const [account, setAccount] = useState(props.account);
  const [region, setRegion] = useState(props.region);
  useEffect(() => {
    setAccount(props.account);
    setRegion(props.region);
  }, [props.account, props.region]);
  const submit = (event: Event) => {
    event.preventDefault();
    if (/^\d{12}$/.test(account) && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) props.onChange(account, region);
  };
  return html`<form class="scope" onSubmit=${submit} aria-label="Account and region">
    <label>Account <input name="account" value=${account} inputmode="numeric" pattern="\\d{12}" size="13"
      onInput=${(e: Event) => setAccount((e.target as HTMLInputElement).value)} /></label>
    <label>Region <input name="region" value=${region} size="11"
      onInput=${(e: Event) => setRegion((e.target as HTMLInputElement).value)} /></label>
    <button type="submit">Switch</button>
  </form>`;
}

/** The cloud clock (GET/POST /_nimbus/clock) and reset (POST /_nimbus/reset). */
function ClockControls(props: { aws: Aws; onChange: () => void }) {
  const [now, setNow] = useState<number | undefined>();
  const [seconds, setSeconds] = useState('60');
  const [error, setError] = useState<unknown>();
  const apply = (clock: { epochMilliseconds: number }) => {
    props.aws.clockOffsetMs = clock.epochMilliseconds - Date.now();
    setNow(clock.epochMilliseconds);
  };
  const control = async (path: string, body?: object) => {
    setError(undefined);
    try {
      const response = await fetch(path, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const parsed = await response.json();
      if (!response.ok) throw { code: String(response.status), message: parsed.error };
      return parsed;
    } catch (caught) {
      setError(caught);
      return undefined;
    }
  };
  useEffect(() => {
    control('/_nimbus/clock').then((clock) => clock && apply(clock));
  }, [props.aws]);
  const advance = async (event: Event) => {
    event.preventDefault();
    const clock = await control('/_nimbus/clock', { advanceSeconds: Number(seconds) });
    if (clock) {
      apply(clock);
      props.onChange();
    }
  };
  const reset = async () => {
    if (!window.confirm('Reset the cloud? Every resource of every account is deleted.')) return;
    if (await control('/_nimbus/reset', {})) props.onChange();
  };
  return html`<form class="clock" onSubmit=${advance} aria-label="Cloud clock">
    <span>Cloud time <time data-testid="clock" datetime=${now ? new Date(now).toISOString() : ''}>${formatTime(now)}</time></span>
    <label>Advance by <input name="seconds" type="number" min="0" value=${seconds} size="6"
      onInput=${(e: Event) => setSeconds((e.target as HTMLInputElement).value)} /> s</label>
    <button type="submit">Advance clock</button>
    <button type="button" class="danger" onClick=${reset}>Reset cloud</button>
    ${error ? html`<${ErrorNote} error=${error} />` : null}
  </form>`;
}

function skip(event: Event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
