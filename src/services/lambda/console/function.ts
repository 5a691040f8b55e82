// One function: configuration, environment, event source mappings, and an invoke (RequestResponse with
// `X-Amz-Log-Type: Tail`) showing status, payload, function error and the last 4 KB of its log.

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import {
  ActionButton,
  arnName,
  Json,
  KeyValues,
  PageTitle,
  Section,
  Show,
  Table,
  TextArea,
  useLoad,
} from '../../../console/ui.js';
import { type FunctionConfiguration, lambda } from './functions.js';

interface Mapping {
  UUID: string;
  EventSourceArn?: string;
  State?: string;
  BatchSize?: number;
}
interface Invoked {
  status: number;
  error?: string;
  payload: string;
  log: string;
  version?: string;
}

export function FunctionPage({ params, ctx }: PageProps) {
  const name = params.name!;
  const loaded = useLoad(async () => {
    const path = `/2015-03-31/functions/${name}`;
    const [fn, mappings] = await Promise.all([
      lambda<{ Configuration: FunctionConfiguration }>(ctx, 'GET', path),
      ctx.aws
        .rest('lambda', {
          method: 'GET',
          path: '/2015-03-31/event-source-mappings/',
          query: [['FunctionName', name]],
        })
        .then(async (r) => ((await r.json()) as { EventSourceMappings: Mapping[] }).EventSourceMappings),
    ]);
    return { config: fn.Configuration, mappings };
  }, [name, ctx.account, ctx.region]);
  return html`<${PageTitle} kind="AWS Lambda function" title=${name} />
    <${Show} loaded=${loaded} render=${({
      config,
      mappings,
    }: {
      config: FunctionConfiguration;
      mappings: Mapping[];
    }) => {
      const logGroup = config.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`;
      return html`
      <${Section} title="Configuration">
        <${KeyValues} entries=${[
          ['ARN', config.FunctionArn],
          ['Runtime', config.Runtime ?? config.PackageType],
          ['Handler', config.Handler],
          ['Memory', `${config.MemorySize} MB`],
          ['Timeout', `${config.Timeout} s`],
          ['State', config.State],
          ['Role', config.Role],
          ['Dead-letter target', config.DeadLetterConfig?.TargetArn ?? '—'],
          ['Logs', html`<a href=${ctx.href('logs', 'group', logGroup)}>${logGroup}</a>`],
        ]} />
        <details><summary>Environment variables</summary><${Json} value=${config.Environment?.Variables ?? {}} /></details>
      </${Section}>
      <${Section} title="Event sources">
        <${Table} label="Event source mappings" rows=${mappings} empty="No event source mappings."
          columns=${[
            { title: 'Source', cell: (m: Mapping) => sourceLink(ctx, m.EventSourceArn) },
            { title: 'State', cell: (m: Mapping) => m.State },
            { title: 'Batch size', numeric: true, cell: (m: Mapping) => m.BatchSize },
          ]} />
      </${Section}>
      <${Invoke} ctx=${ctx} name=${name} />`;
    }} />`;
}

function Invoke(props: { ctx: PageProps['ctx']; name: string }) {
  const [payload, setPayload] = useState('{}');
  const [result, setResult] = useState<Invoked | undefined>();
  const invoke = async () => {
    const response = await props.ctx.aws.rest('lambda', {
      method: 'POST',
      path: `/2015-03-31/functions/${props.name}/invocations`,
      headers: {
        'x-amz-log-type': 'Tail',
        'x-amz-invocation-type': 'RequestResponse',
        'content-type': 'application/json',
      },
      body: payload,
    });
    const log = response.headers.get('x-amz-log-result');
    setResult({
      status: response.status,
      error: response.headers.get('x-amz-function-error') ?? undefined,
      payload: await response.text(),
      log: log ? new TextDecoder().decode(Uint8Array.from(atob(log), (c) => c.charCodeAt(0))) : '',
      version: response.headers.get('x-amz-executed-version') ?? undefined,
    });
    return undefined;
  };
  return html`<${Section} title="Invoke">
    <${TextArea} id="invoke-payload" label="Event payload (JSON)" value=${payload} onInput=${setPayload} rows=${6} />
    <${ActionButton} label="Invoke" run=${invoke} />
    ${
      result
        ? html`<div class="invoke-result" aria-live="polite">
      <p>Status <strong>${result.status}</strong>${result.error ? html` · <span class="error">function error: ${result.error}</span>` : null}
        ${result.version ? ` · version ${result.version}` : ''}</p>
      <h3>Result</h3><${Json} value=${result.payload} label="Invocation result" />
      <h3>Log tail</h3><pre class="json" tabindex="0" aria-label="Log tail">${result.log}</pre>
    </div>`
        : null
    }
  </${Section}>`;
}

function sourceLink(ctx: PageProps['ctx'], arn: string | undefined) {
  if (!arn) return '—';
  if (arn.startsWith('arn:aws:sqs:'))
    return html`<a href=${ctx.href('sqs', 'queue', arnName(arn))}>${arnName(arn)}</a>`;
  const table = /:table\/([^/]+)/.exec(arn)?.[1];
  if (table) return html`<a href=${ctx.href('dynamodb', 'table', table)}>${table} (stream)</a>`;
  return arn;
}
