// The console's shared building blocks: loading data, tables, key/value lists, JSON blocks, forms and
// async actions. Every value goes into the page as text (Preact escapes it); nothing is parsed as HTML.

import { html } from 'htm/preact';
import type { ComponentChild, ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change (or on reload), keeping the last answer while the next loads. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** What a load shows while it has no answer: progress or the error; else `render(data)`. */
export function Show<T>(props: { loaded: Loaded<T>; render: (data: T) => ComponentChild }) {
  const { loaded } = props;
  if (loaded.error !== undefined) return html`<${ErrorNote} error=${loaded.error} />`;
  if (loaded.data === undefined) return html`<p class="muted" role="status">Loading…</p>`;
  return props.render(loaded.data);
}

export function ErrorNote(props: { error: unknown }) {
  const error = props.error as { code?: string; message?: string };
  return html`<p class="error" role="alert"><strong>${error?.code ?? 'Error'}</strong> ${error?.message ?? String(props.error)}</p>`;
}

export interface Column<R> {
  readonly title: string;
  readonly cell: (row: R) => ComponentChild;
  readonly numeric?: boolean;
}

export function Table<R>(props: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  empty: string;
  label: string;
}) {
  if (props.rows.length === 0) return html`<p class="muted">${props.empty}</p>`;
  return html`<div class="table-wrap"><table aria-label=${props.label}>
    <thead><tr>${props.columns.map((column) => html`<th scope="col" class=${column.numeric ? 'num' : ''}>${column.title}</th>`)}</tr></thead>
    <tbody>${props.rows.map(
      (row) =>
        html`<tr>${props.columns.map((column) => html`<td class=${column.numeric ? 'num' : ''}>${column.cell(row)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}

export function KeyValues(props: { entries: readonly (readonly [string, ComponentChild])[] }) {
  return html`<dl class="kv">${props.entries.map(([key, value]) => html`<div><dt>${key}</dt><dd>${value ?? '—'}</dd></div>`)}</dl>`;
}

/** A JSON value (or a string that is JSON) pretty-printed as text. */
export function Json(props: { value: unknown; label?: string }) {
  return html`<pre class="json" tabindex="0" aria-label=${props.label ?? 'JSON'}>${pretty(props.value)}</pre>`;
}

export function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function Section(props: { title: string; children?: ComponentChildren; actions?: ComponentChild }) {
  return html`<section class="card"><header class="card-head"><h2>${props.title}</h2>${props.actions}</header>${props.children}</section>`;
}

export function PageTitle(props: { title: string; kind: string; children?: ComponentChildren }) {
  return html`<header class="page-head"><p class="kind">${props.kind}</p><h1>${props.title}</h1>${props.children}</header>`;
}

/** A button running an async action, showing its outcome (or error) beside it. */
export function ActionButton(props: {
  label: string;
  run: () => Promise<string | undefined>;
  danger?: boolean;
  confirm?: string;
}) {
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: unknown }>({ busy: false });
  const click = async () => {
    if (props.confirm && !window.confirm(props.confirm)) return;
    setState({ busy: true });
    try {
      setState({ busy: false, message: await props.run() });
    } catch (error) {
      setState({ busy: false, error });
    }
  };
  return html`<span class="action">
    <button type="button" class=${props.danger ? 'danger' : ''} disabled=${state.busy} onClick=${click}>${props.label}</button>
    ${state.message ? html`<span class="ok" role="status">${state.message}</span>` : null}
    ${state.error ? html`<${ErrorNote} error=${state.error} />` : null}
  </span>`;
}

/** A labelled text area whose value the caller holds. */
export function TextArea(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  id: string;
}) {
  return html`<label class="field" for=${props.id}><span>${props.label}</span>
    <textarea id=${props.id} rows=${props.rows ?? 6} spellcheck="false" value=${props.value}
      onInput=${(event: Event) => props.onInput((event.target as HTMLTextAreaElement).value)}></textarea></label>`;
}

export function TextInput(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  id: string;
  placeholder?: string;
}) {
  return html`<label class="field" for=${props.id}><span>${props.label}</span>
    <input id=${props.id} type="text" value=${props.value} placeholder=${props.placeholder ?? ''}
      onInput=${(event: Event) => props.onInput((event.target as HTMLInputElement).value)} /></label>`;
}

/** A link for a route of the console. */
export function Link(props: { href: string; children?: ComponentChildren; label?: string }) {
  return html`<a href=${props.href} aria-label=${props.label}>${props.children}</a>`;
}

export function formatTime(epoch: number | string | undefined): string {
  if (epoch === undefined || epoch === '') return '—';
  const ms = typeof epoch === 'number' ? (epoch < 1e11 ? epoch * 1000 : epoch) : Date.parse(epoch);
  return Number.isFinite(ms)
    ? new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
    : String(epoch);
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The last part of an ARN (`…:function:name` → name). */
export function arnName(arn: string): string {
  return arn.split(/[:/]/).pop() ?? arn;
}
