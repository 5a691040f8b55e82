// The tables of the account and region.

import { html } from 'htm/preact';
import type { PageProps } from '../../../console/contract.js';
import { PageTitle, Section, Show, Table, useLoad } from '../../../console/ui.js';
import { dynamodb } from './api.js';

export function TablesPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await dynamodb<{ TableNames?: string[]; LastEvaluatedTableName?: string }>(
        ctx,
        'ListTables',
        {
          Limit: 100,
          ExclusiveStartTableName: start,
        },
      );
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start && names.length < 5000);
    return names;
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon DynamoDB" title="Tables" />
    <${Section} title="Tables"><${Show} loaded=${loaded} render=${(names: string[]) =>
      html`<${Table} label="Tables" rows=${names} empty="No tables in this account and region."
        columns=${[{ title: 'Name', cell: (n: string) => html`<a href=${ctx.href('dynamodb', 'table', n)}>${n}</a>` }]} />`} /></${Section}>`;
}
