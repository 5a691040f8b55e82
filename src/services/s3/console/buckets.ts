// The buckets, and one bucket's keys under a prefix: folders (common prefixes) and objects, 100 a page,
// with the continuation tokens S3 hands back for the pages after.

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { xmlItems, xmlText } from '../../../console/aws/client.js';
import type { PageProps } from '../../../console/contract.js';
import { formatBytes, formatTime, PageTitle, Section, Show, Table, useLoad } from '../../../console/ui.js';

const PAGE = 100;

interface Bucket {
  name: string;
  created?: string;
  region?: string;
}
interface Listing {
  folders: string[];
  objects: { key: string; size: number; modified?: string }[];
  next?: string;
}

export function BucketsPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const response = await ctx.aws.rest('s3', { method: 'GET', path: '/' });
    const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
    return xmlItems(doc, 'Buckets', 'Bucket').map(
      (b): Bucket => ({
        name: xmlText(b, 'Name') ?? '',
        created: xmlText(b, 'CreationDate'),
        region: xmlText(b, 'BucketRegion'),
      }),
    );
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon S3" title="Buckets" />
    <${Section} title="Buckets"><${Show} loaded=${loaded} render=${(rows: Bucket[]) =>
      html`<${Table} label="Buckets" rows=${rows} empty="No buckets in this account."
        columns=${[
          {
            title: 'Name',
            cell: (b: Bucket) => html`<a href=${ctx.href('s3', 'bucket', b.name)}>${b.name}</a>`,
          },
          { title: 'Region', cell: (b: Bucket) => b.region ?? '—' },
          { title: 'Created', cell: (b: Bucket) => formatTime(b.created) },
        ]} />`} /></${Section}>`;
}

export function BucketPage({ params, ctx }: PageProps) {
  const bucket = params.bucket!;
  const prefix = params.prefix ?? '';
  // Tokens of the pages before this one, so Previous goes back without S3 listing backwards.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const loaded = useLoad(() => list(ctx, bucket, prefix, token), [bucket, prefix, token, ctx.account]);
  const parent = prefix.replace(/[^/]*\/$/, '');
  return html`<${PageTitle} kind="Amazon S3 bucket" title=${bucket}>
      <p class="crumbs" aria-label="Folder"><a href=${ctx.href('s3', 'bucket', bucket)}>${bucket}</a>
        ${prefix ? html` / <span class="mono">${prefix}</span> · <a href=${parent ? ctx.href('s3', 'bucket', bucket, 'prefix', parent) : ctx.href('s3', 'bucket', bucket)}>Up</a>` : null}</p>
    </${PageTitle}>
    <${Section} title=${prefix ? `Objects under ${prefix}` : 'Objects'}><${Show} loaded=${loaded} render=${(
      l: Listing,
    ) => html`
      ${l.folders.length ? html`<ul class="folders" aria-label="Folders">${l.folders.map((f) => html`<li><a href=${ctx.href('s3', 'bucket', bucket, 'prefix', f)}>${f.slice(prefix.length)}</a></li>`)}</ul>` : null}
      <${Table} label="Objects" rows=${l.objects} empty=${l.folders.length ? 'No objects at this level.' : 'No objects.'}
        columns=${[
          {
            title: 'Key',
            cell: (o: Listing['objects'][0]) =>
              html`<a href=${ctx.href('s3', 'object', bucket, o.key)}>${o.key.slice(prefix.length)}</a>`,
          },
          { title: 'Size', numeric: true, cell: (o: Listing['objects'][0]) => formatBytes(o.size) },
          { title: 'Last modified', cell: (o: Listing['objects'][0]) => formatTime(o.modified) },
        ]} />
      <div class="actions" aria-label="Pages">
        <button type="button" class="link" disabled=${tokens.length < 2} onClick=${() => setTokens(tokens.slice(0, -1))}>Previous page</button>
        <span class="muted">Page ${tokens.length}</span>
        <button type="button" class="link" disabled=${!l.next} onClick=${() => setTokens([...tokens, l.next])}>Next page</button>
      </div>`} /></${Section}>`;
}

async function list(
  ctx: PageProps['ctx'],
  bucket: string,
  prefix: string,
  token: string | undefined,
): Promise<Listing> {
  const query: [string, string][] = [
    ['list-type', '2'],
    ['delimiter', '/'],
    ['max-keys', String(PAGE)],
    ['prefix', prefix],
  ];
  if (token) query.push(['continuation-token', token]);
  const response = await ctx.aws.rest('s3', { method: 'GET', path: `/${bucket}`, query });
  const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
  const root = doc.documentElement;
  return {
    folders: [...root.children]
      .filter((c) => c.localName === 'CommonPrefixes')
      .map((c) => xmlText(c, 'Prefix') ?? ''),
    objects: [...root.children]
      .filter((c) => c.localName === 'Contents')
      .map((c) => ({
        key: xmlText(c, 'Key') ?? '',
        size: Number(xmlText(c, 'Size') ?? 0),
        modified: xmlText(c, 'LastModified'),
      })),
    next: xmlText(doc, 'NextContinuationToken'),
  };
}
