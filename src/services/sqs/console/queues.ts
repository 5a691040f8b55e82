// The queues of the account and region, with their depth (visible, in flight, delayed).

import { html } from 'htm/preact';
import type { PageProps } from '../../../console/contract.js';
import { PageTitle, Section, Show, Table, useLoad } from '../../../console/ui.js';
import { attributes, nameOfUrl, sqs } from './api.js';

interface Row {
  name: string;
  attributes: Record<string, string>;
}

export function QueuesPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const urls: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sqs<{ QueueUrls?: string[]; NextToken?: string }>(ctx, 'ListQueues', {
        MaxResults: 1000,
        NextToken,
      });
      urls.push(...(page.QueueUrls ?? []));
      NextToken = page.NextToken;
    } while (NextToken && urls.length < 5000);
    return Promise.all(
      urls.map(
        async (url): Promise<Row> => ({ name: nameOfUrl(url), attributes: await attributes(ctx, url) }),
      ),
    );
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon SQS" title="Queues" />
    <${Section} title="Queues"><${Show} loaded=${loaded} render=${(rows: Row[]) =>
      html`<${Table} label="Queues" rows=${rows} empty="No queues in this account and region."
        columns=${[
          {
            title: 'Name',
            cell: (r: Row) => html`<a href=${ctx.href('sqs', 'queue', r.name)}>${r.name}</a>`,
          },
          { title: 'Visible', numeric: true, cell: (r: Row) => r.attributes.ApproximateNumberOfMessages },
          {
            title: 'In flight',
            numeric: true,
            cell: (r: Row) => r.attributes.ApproximateNumberOfMessagesNotVisible,
          },
          {
            title: 'Delayed',
            numeric: true,
            cell: (r: Row) => r.attributes.ApproximateNumberOfMessagesDelayed,
          },
          { title: 'Dead-letter queue', cell: (r: Row) => dlqLink(ctx, r.attributes.RedrivePolicy) },
        ]} />`} /></${Section}>`;
}

export function dlqLink(ctx: PageProps['ctx'], policy: string | undefined) {
  if (!policy) return '—';
  try {
    const arn = String(JSON.parse(policy).deadLetterTargetArn ?? '');
    const name = arn.split(':').pop() ?? arn;
    return html`<a href=${ctx.href('sqs', 'queue', name)}>${name}</a>`;
  } catch {
    return policy;
  }
}
