// One table: its key schema, indexes and stream, and its items a page at a time — a Scan, or a Query by
// partition key (and optionally a sort key condition) — each item viewable and editable as DynamoDB JSON.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import { formatBytes, KeyValues, PageTitle, Section, Show, TextInput, useLoad } from '../../../console/ui.js';
import { dynamodb, type Item, type TableDescription } from './api.js';
import { Items } from './items.js';

export function TablePage({ params, ctx }: PageProps) {
  const name = params.name!;
  const loaded = useLoad(
    async () =>
      (await dynamodb<{ Table: TableDescription }>(ctx, 'DescribeTable', { TableName: name })).Table,
    [name, ctx.account, ctx.region],
  );
  return html`<${PageTitle} kind="Amazon DynamoDB table" title=${name} />
    <${Show} loaded=${loaded} render=${(table: TableDescription) => html`
      <${Section} title="Table">
        <${KeyValues} entries=${[
          ['Status', table.TableStatus],
          ['ARN', table.TableArn],
          ['Partition key', keyOf(table, 'HASH')],
          ['Sort key', keyOf(table, 'RANGE') ?? '—'],
          ['Items', String(table.ItemCount ?? 0)],
          ['Size', formatBytes(table.TableSizeBytes)],
          ['Billing', table.BillingModeSummary?.BillingMode ?? 'PROVISIONED'],
          [
            'Stream',
            table.StreamSpecification?.StreamEnabled
              ? `${table.StreamSpecification.StreamViewType} · ${table.LatestStreamArn}`
              : 'off',
          ],
          [
            'Indexes',
            [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]
              .map((i) => i.IndexName)
              .join(', ') || '—',
          ],
        ]} />
      </${Section}>
      <${Browse} ctx=${ctx} table=${table} />`} />`;
}

function Browse(props: { ctx: PageProps['ctx']; table: TableDescription }) {
  const { table } = props;
  const hash = table.KeySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const range = table.KeySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const [mode, setMode] = useState<'scan' | 'query'>('scan');
  const [form, setForm] = useState({ pk: '', sk: '', op: '=' });
  const [asked, setAsked] = useState(form);
  const [starts, setStarts] = useState<(Item | undefined)[]>([undefined]);
  const [edits, setEdits] = useState(0);
  const start = starts[starts.length - 1];
  // A query needs its partition key value: until one is asked for, nothing is sent.
  const waiting = mode === 'query' && asked.pk === '';
  const loaded = useLoad(
    (): Promise<{ items: Item[]; next?: Item }> =>
      waiting ? Promise.resolve({ items: [] }) : page(props.ctx, table, mode, asked, start),
    [mode, asked, start, edits],
  );
  const typeOf = (attribute: string) =>
    table.AttributeDefinitions.find((d) => d.AttributeName === attribute)?.AttributeType ?? 'S';
  const run = (event: Event) => {
    event.preventDefault();
    setAsked(form);
    setStarts([undefined]);
  };
  return html`<${Section} title="Items">
    <form class="actions" onSubmit=${run} aria-label="Scan or query">
      <label>Operation <select value=${mode} onChange=${(e: Event) => {
        setMode((e.target as HTMLSelectElement).value as 'scan' | 'query');
        setStarts([undefined]);
      }}>
        <option value="scan">Scan</option><option value="query">Query</option></select></label>
      ${
        mode === 'query'
          ? html`
        <${TextInput} id="pk" label=${`${hash} (${typeOf(hash)}) =`} value=${form.pk} onInput=${(pk: string) => setForm({ ...form, pk })} />
        ${
          range
            ? html`<label>Sort key <select value=${form.op} onChange=${(e: Event) => setForm({ ...form, op: (e.target as HTMLSelectElement).value })}>
            ${['=', '<', '<=', '>', '>=', 'begins_with'].map((op) => html`<option value=${op}>${op}</option>`)}</select></label>
          <${TextInput} id="sk" label=${`${range} (${typeOf(range)})`} value=${form.sk} onInput=${(sk: string) => setForm({ ...form, sk })} placeholder="(any)" />`
            : null
        }`
          : null
      }
      <button type="submit">${mode === 'scan' ? 'Scan' : 'Run query'}</button>
    </form>
    ${waiting ? html`<p class="muted">Enter the partition key value and run the query.</p>` : null}
    <${Show} loaded=${loaded} render=${(result: { items: Item[]; next?: Item }) => html`
      <${Items} ctx=${props.ctx} table=${table} items=${result.items} onSaved=${() => setEdits((n) => n + 1)} />
      <div class="actions" aria-label="Pages">
        <button type="button" class="link" disabled=${starts.length < 2} onClick=${() => setStarts(starts.slice(0, -1))}>Previous page</button>
        <span class="muted">Page ${starts.length}</span>
        <button type="button" class="link" disabled=${!result.next} onClick=${() => setStarts([...starts, result.next])}>Next page</button>
      </div>`} />
  </${Section}>`;
}

const PAGE = 25;

async function page(
  ctx: PageProps['ctx'],
  table: TableDescription,
  mode: 'scan' | 'query',
  form: { pk: string; sk: string; op: string },
  start: Item | undefined,
): Promise<{ items: Item[]; next?: Item }> {
  const common = { TableName: table.TableName, Limit: PAGE, ExclusiveStartKey: start };
  if (mode === 'scan') {
    const out = await dynamodb<{ Items: Item[]; LastEvaluatedKey?: Item }>(ctx, 'Scan', common);
    return { items: out.Items, next: out.LastEvaluatedKey };
  }
  const value = (attribute: string, text: string) => {
    const type = table.AttributeDefinitions.find((d) => d.AttributeName === attribute)?.AttributeType ?? 'S';
    return { [type]: text };
  };
  const hash = table.KeySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const range = table.KeySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  let condition = '#pk = :pk';
  const names: Record<string, string> = { '#pk': hash };
  const values: Record<string, unknown> = { ':pk': value(hash, form.pk) };
  if (range && form.sk !== '') {
    names['#sk'] = range;
    values[':sk'] = value(range, form.sk);
    condition += form.op === 'begins_with' ? ' AND begins_with(#sk, :sk)' : ` AND #sk ${form.op} :sk`;
  }
  const out = await dynamodb<{ Items: Item[]; LastEvaluatedKey?: Item }>(ctx, 'Query', {
    ...common,
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return { items: out.Items, next: out.LastEvaluatedKey };
}

function keyOf(table: TableDescription, type: 'HASH' | 'RANGE'): string | undefined {
  const name = table.KeySchema.find((k) => k.KeyType === type)?.AttributeName;
  if (!name) return undefined;
  return `${name} (${table.AttributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType ?? '?'})`;
}
