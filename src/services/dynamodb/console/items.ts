// A page of items: each shown as plain JSON, with an editor taking DynamoDB JSON (types kept) that saves
// with PutItem; a new item is added the same way. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import { ErrorNote, Json, TextArea } from '../../../console/ui.js';
import { dynamodb, type Item, plain, type TableDescription } from './api.js';

export function Items(props: {
  ctx: PageProps['ctx'];
  table: TableDescription;
  items: Item[];
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  const keys = props.table.KeySchema.map((k) => k.AttributeName);
  const template: Item = Object.fromEntries(
    keys.map((k) => [
      k,
      { [props.table.AttributeDefinitions.find((d) => d.AttributeName === k)?.AttributeType ?? 'S']: '' },
    ]),
  );
  return html`<div>
    <p><button type="button" class="link" onClick=${() => setEditing('new')}>Create item</button></p>
    ${
      editing === 'new'
        ? html`<${Editor} ctx=${props.ctx} table=${props.table} item=${template} onDone=${(
            saved: boolean,
          ) => {
            setEditing(undefined);
            if (saved) props.onSaved();
          }} />`
        : null
    }
    ${
      props.items.length === 0
        ? html`<p class="muted">No items.</p>`
        : html`<ol class="items" aria-label="Items">${props.items.map(
            (item, i) => html`<li>
      <div class="card-head"><span class="mono">${keys.map((k) => `${k}=${JSON.stringify(plain(item[k] ?? {}))}`).join(' · ')}</span>
        <button type="button" class="link" onClick=${() => setEditing(i)} aria-label=${`Edit item ${i + 1}`}>Edit</button></div>
      ${
        editing === i
          ? html`<${Editor} ctx=${props.ctx} table=${props.table} item=${item} onDone=${(saved: boolean) => {
              setEditing(undefined);
              if (saved) props.onSaved();
            }} />`
          : html`<${Json} value=${Object.fromEntries(Object.entries(item).map(([k, v]) => [k, plain(v)]))} label="Item" />`
      }
    </li>`,
          )}</ol>`
    }
  </div>`;
}

function Editor(props: {
  ctx: PageProps['ctx'];
  table: TableDescription;
  item: Item;
  onDone: (saved: boolean) => void;
}) {
  const [text, setText] = useState(JSON.stringify(props.item, null, 2));
  const [error, setError] = useState<unknown>();
  const save = async (event: Event) => {
    event.preventDefault();
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (caught) {
      setError({ code: 'InvalidJson', message: (caught as Error).message });
      return;
    }
    try {
      await dynamodb(props.ctx, 'PutItem', { TableName: props.table.TableName, Item: item });
      props.onDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return html`<form class="editor" onSubmit=${save} aria-label="Edit item">
    <${TextArea} id="item-json" label="Item (DynamoDB JSON)" value=${text} onInput=${setText} rows=${Math.min(24, text.split('\n').length + 1)} />
    ${error ? html`<${ErrorNote} error=${error} />` : null}
    <div class="actions"><button type="submit">Save item</button>
      <button type="button" class="link" onClick=${() => props.onDone(false)}>Cancel</button></div>
  </form>`;
}
