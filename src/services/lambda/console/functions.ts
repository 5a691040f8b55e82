// The functions of the account and region.

import { html } from 'htm/preact';
import type { PageProps } from '../../../console/contract.js';
import { formatTime, PageTitle, Section, Show, Table, useLoad } from '../../../console/ui.js';

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Handler?: string;
  MemorySize?: number;
  Timeout?: number;
  LastModified?: string;
  State?: string;
  Role?: string;
  PackageType?: string;
  Environment?: { Variables?: Record<string, string> };
  DeadLetterConfig?: { TargetArn?: string };
  LoggingConfig?: { LogGroup?: string };
}

export async function lambda<T>(
  ctx: PageProps['ctx'],
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const response = await ctx.aws.rest('lambda', {
    method,
    path,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}

export function FunctionsPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const all: FunctionConfiguration[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.aws.rest('lambda', {
        method: 'GET',
        path: '/2015-03-31/functions/',
        query: marker
          ? [
              ['MaxItems', '50'],
              ['Marker', marker],
            ]
          : [['MaxItems', '50']],
      });
      const parsed = (await page.json()) as { Functions: FunctionConfiguration[]; NextMarker?: string };
      all.push(...parsed.Functions);
      marker = parsed.NextMarker;
    } while (marker && all.length < 5000);
    return all;
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="AWS Lambda" title="Functions" />
    <${Section} title="Functions"><${Show} loaded=${loaded} render=${(rows: FunctionConfiguration[]) =>
      html`<${Table} label="Functions" rows=${rows} empty="No functions in this account and region."
        columns=${[
          {
            title: 'Name',
            cell: (f: FunctionConfiguration) =>
              html`<a href=${ctx.href('lambda', 'function', f.FunctionName)}>${f.FunctionName}</a>`,
          },
          { title: 'Runtime', cell: (f: FunctionConfiguration) => f.Runtime ?? f.PackageType },
          { title: 'Memory', numeric: true, cell: (f: FunctionConfiguration) => `${f.MemorySize} MB` },
          { title: 'Timeout', numeric: true, cell: (f: FunctionConfiguration) => `${f.Timeout} s` },
          { title: 'Last modified', cell: (f: FunctionConfiguration) => formatTime(f.LastModified) },
        ]} />`} /></${Section}>`;
}
