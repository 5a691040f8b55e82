// One object: its metadata as HeadObject answers it, and a presigned GET URL to download it.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html

import { html } from 'htm/preact';
import type { PageProps } from '../../../console/contract.js';
import { formatBytes, KeyValues, PageTitle, Section, Show, useLoad } from '../../../console/ui.js';

export function ObjectPage({ params, ctx }: PageProps) {
  const bucket = params.bucket!;
  const key = params.key!;
  const loaded = useLoad(async () => {
    const response = await ctx.aws.rest('s3', { method: 'HEAD', path: `/${bucket}/${key}` });
    const headers = [...response.headers.entries()];
    const download = await ctx.aws.presign('s3', `/${bucket}/${key}`, 3600);
    return { headers, download, size: Number(response.headers.get('content-length') ?? 0) };
  }, [bucket, key, ctx.account]);
  const folder = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
  return html`<${PageTitle} kind="Amazon S3 object" title=${key}>
      <p class="crumbs"><a href=${ctx.href('s3', 'bucket', bucket)}>${bucket}</a>
        ${folder ? html` / <a href=${ctx.href('s3', 'bucket', bucket, 'prefix', folder)}>${folder}</a>` : null}</p>
    </${PageTitle}>
    <${Show} loaded=${loaded} render=${(o: {
      headers: [string, string][];
      download: string;
      size: number;
    }) => html`
      <${Section} title="Object">
        <${KeyValues} entries=${[
          ['Bucket', bucket],
          ['Key', key],
          ['Size', formatBytes(o.size)],
          ['S3 URI', `s3://${bucket}/${key}`],
        ]} />
        <p><a class="download" href=${o.download} download=${key.split('/').pop()}>Download</a>
          <span class="muted"> (a presigned URL, valid one hour)</span></p>
      </${Section}>
      <${Section} title="Metadata and headers">
        <${KeyValues} entries=${o.headers.filter(([name]) => !/^(x-amzn-requestid|x-amz-request-id|x-amz-id-2|connection|keep-alive|date)$/.test(name))} />
      </${Section}>`} />`;
}
