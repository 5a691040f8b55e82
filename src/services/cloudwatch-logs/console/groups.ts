// Log groups, and one group: its streams and its events, newest last, filtered by a pattern and by
// stream, optionally followed live (polled every two seconds from the last event seen).

import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import {
  ErrorNote,
  formatBytes,
  formatTime,
  PageTitle,
  Section,
  Show,
  Table,
  TextInput,
  useLoad,
} from '../../../console/ui.js';

interface Group {
  logGroupName: string;
  storedBytes?: number;
  retentionInDays?: number;
  creationTime?: number;
}
interface Stream {
  logStreamName: string;
  lastEventTimestamp?: number;
}
interface Event {
  timestamp: number;
  message: string;
  logStreamName: string;
  eventId: string;
}

function logs<T>(ctx: PageProps['ctx'], operation: string, input: object): Promise<T> {
  return ctx.aws.json<T>('logs', `Logs_20140328.${operation}`, '1.1', input);
}

export function GroupsPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const groups: Group[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs<{ logGroups: Group[]; nextToken?: string }>(ctx, 'DescribeLogGroups', {
        limit: 50,
        nextToken,
      });
      groups.push(...page.logGroups);
      nextToken = page.nextToken;
    } while (nextToken && groups.length < 5000);
    return groups;
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon CloudWatch Logs" title="Log groups" />
    <${Section} title="Log groups"><${Show} loaded=${loaded} render=${(rows: Group[]) =>
      html`<${Table} label="Log groups" rows=${rows} empty="No log groups in this account and region."
        columns=${[
          {
            title: 'Name',
            cell: (g: Group) =>
              html`<a href=${ctx.href('logs', 'group', g.logGroupName)}>${g.logGroupName}</a>`,
          },
          { title: 'Stored', numeric: true, cell: (g: Group) => formatBytes(g.storedBytes) },
          {
            title: 'Retention',
            cell: (g: Group) => (g.retentionInDays ? `${g.retentionInDays} days` : 'never expires'),
          },
          { title: 'Created', cell: (g: Group) => formatTime(g.creationTime) },
        ]} />`} /></${Section}>`;
}

export function GroupPage({ params, ctx }: PageProps) {
  const name = params.name!;
  const streams = useLoad(
    async () =>
      (
        await logs<{ logStreams: Stream[] }>(ctx, 'DescribeLogStreams', {
          logGroupName: name,
          orderBy: 'LastEventTime',
          descending: true,
          limit: 50,
        })
      ).logStreams,
    [name, ctx.account, ctx.region],
  );
  const [pattern, setPattern] = useState('');
  const [stream, setStream] = useState('');
  const [asked, setAsked] = useState({ pattern: '', stream: '' });
  const [live, setLive] = useState(false);
  const [events, setEvents] = useState<Event[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let stopped = false;
    let after: number | undefined;
    const seen = new Set<string>();
    const poll = async () => {
      try {
        const found: Event[] = [];
        let nextToken: string | undefined;
        do {
          const page = await logs<{ events: Event[]; nextToken?: string }>(ctx, 'FilterLogEvents', {
            logGroupName: name,
            filterPattern: asked.pattern || undefined,
            logStreamNames: asked.stream ? [asked.stream] : undefined,
            startTime: after,
            limit: 500,
            nextToken,
          });
          found.push(...page.events.filter((e) => !seen.has(e.eventId)));
          nextToken = page.nextToken;
        } while (nextToken && !stopped);
        for (const e of found) seen.add(e.eventId);
        const first = after === undefined;
        if (found.length) after = Math.max(after ?? 0, ...found.map((e) => e.timestamp));
        if (!stopped) setEvents((previous) => (first ? found : [...previous, ...found].slice(-2000)));
        setError(undefined);
      } catch (caught) {
        setError(caught);
      }
    };
    setEvents([]);
    void poll();
    const timer = live ? setInterval(poll, 2000) : undefined;
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
    };
  }, [name, asked, live, ctx.account, ctx.region, ctx.generation]);
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    setAsked({ pattern, stream });
  };
  return html`<${PageTitle} kind="CloudWatch Logs group" title=${name} />
    <${Section} title="Events">
      <form class="actions" onSubmit=${apply} aria-label="Filter events">
        <${TextInput} id="filter-pattern" label="Filter pattern" value=${pattern} onInput=${setPattern} placeholder='ERROR or { $.level = "error" }' />
        <label>Stream <select value=${stream} onChange=${(e: Event & { target: HTMLSelectElement }) => setStream(e.target.value)}>
          <option value="">All streams</option>
          ${(streams.data ?? []).map((s) => html`<option value=${s.logStreamName}>${s.logStreamName}</option>`)}
        </select></label>
        <button type="submit">Filter</button>
        <label><input type="checkbox" checked=${live} onChange=${(e: Event & { target: HTMLInputElement }) => setLive(e.target.checked)} /> Follow live</label>
      </form>
      ${error ? html`<${ErrorNote} error=${error} />` : null}
      <${Table} label="Log events" rows=${events} empty="No events match."
        columns=${[
          { title: 'Time', cell: (e: Event) => html`<span class="mono">${formatTime(e.timestamp)}</span>` },
          { title: 'Message', cell: (e: Event) => html`<span class="mono pre">${e.message}</span>` },
          { title: 'Stream', cell: (e: Event) => html`<span class="mono">${e.logStreamName}</span>` },
        ]} />
    </${Section}>
    <${Section} title="Streams"><${Show} loaded=${streams} render=${(rows: Stream[]) =>
      html`<${Table} label="Log streams" rows=${rows} empty="No streams."
        columns=${[
          { title: 'Stream', cell: (s: Stream) => s.logStreamName },
          { title: 'Last event', cell: (s: Stream) => formatTime(s.lastEventTimestamp) },
        ]} />`} /></${Section}>`;
}
