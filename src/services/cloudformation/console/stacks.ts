// Stacks (DescribeStacks), and one stack: outputs, parameters, resources and events (awsQuery, XML).

import { html } from 'htm/preact';
import { xmlItems, xmlText } from '../../../console/aws/client.js';
import type { PageProps } from '../../../console/contract.js';
import { formatTime, KeyValues, PageTitle, Section, Show, Table, useLoad } from '../../../console/ui.js';

const VERSION = '2010-05-15';

interface Stack {
  name: string;
  id: string;
  status: string;
  reason?: string;
  created?: string;
  outputs: { key: string; value: string; description?: string }[];
  parameters: [string, string][];
}
interface Resource {
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
}
interface StackEvent {
  time?: string;
  logicalId?: string;
  type?: string;
  status?: string;
  reason?: string;
}

function cfn(ctx: PageProps['ctx'], action: string, params: Record<string, string> = {}) {
  return ctx.aws.query('cloudformation', VERSION, action, params);
}

function stackOf(member: Element): Stack {
  return {
    name: xmlText(member, 'StackName') ?? '',
    id: xmlText(member, 'StackId') ?? '',
    status: xmlText(member, 'StackStatus') ?? '',
    reason: xmlText(member, 'StackStatusReason'),
    created: xmlText(member, 'CreationTime'),
    outputs: xmlItems(member, 'Outputs').map((o) => ({
      key: xmlText(o, 'OutputKey') ?? '',
      value: xmlText(o, 'OutputValue') ?? '',
      description: xmlText(o, 'Description'),
    })),
    parameters: xmlItems(member, 'Parameters').map((p) => [
      xmlText(p, 'ParameterKey') ?? '',
      xmlText(p, 'ParameterValue') ?? '',
    ]),
  };
}

export function StacksPage({ ctx }: PageProps) {
  const loaded = useLoad(
    async () => xmlItems(await cfn(ctx, 'DescribeStacks'), 'Stacks').map(stackOf),
    [ctx.account, ctx.region],
  );
  return html`<${PageTitle} kind="AWS CloudFormation" title="Stacks" />
    <${Section} title="Stacks"><${Show} loaded=${loaded} render=${(rows: Stack[]) =>
      html`<${Table} label="Stacks" rows=${rows} empty="No stacks: deploy one with nimbus deploy."
        columns=${[
          {
            title: 'Name',
            cell: (s: Stack) => html`<a href=${ctx.href('cloudformation', 'stack', s.name)}>${s.name}</a>`,
          },
          { title: 'Status', cell: (s: Stack) => s.status },
          { title: 'Created', cell: (s: Stack) => formatTime(s.created) },
        ]} />`} /></${Section}>`;
}

export function StackPage({ params, ctx }: PageProps) {
  const name = params.name!;
  const loaded = useLoad(async () => {
    const [described, listed, events] = await Promise.all([
      cfn(ctx, 'DescribeStacks', { StackName: name }),
      cfn(ctx, 'ListStackResources', { StackName: name }),
      cfn(ctx, 'DescribeStackEvents', { StackName: name }),
    ]);
    const resources = xmlItems(listed, 'StackResourceSummaries').map(
      (r): Resource => ({
        logicalId: xmlText(r, 'LogicalResourceId') ?? '',
        physicalId: xmlText(r, 'PhysicalResourceId'),
        type: xmlText(r, 'ResourceType') ?? '',
        status: xmlText(r, 'ResourceStatus') ?? '',
        reason: xmlText(r, 'ResourceStatusReason'),
      }),
    );
    const history = xmlItems(events, 'StackEvents').map(
      (e): StackEvent => ({
        time: xmlText(e, 'Timestamp'),
        logicalId: xmlText(e, 'LogicalResourceId'),
        type: xmlText(e, 'ResourceType'),
        status: xmlText(e, 'ResourceStatus'),
        reason: xmlText(e, 'ResourceStatusReason'),
      }),
    );
    return { stack: stackOf(xmlItems(described, 'Stacks')[0]!), resources, history };
  }, [name, ctx.account, ctx.region]);
  return html`<${PageTitle} kind="CloudFormation stack" title=${name} />
    <${Show} loaded=${loaded} render=${({
      stack,
      resources,
      history,
    }: {
      stack: Stack;
      resources: Resource[];
      history: StackEvent[];
    }) => html`
      <${Section} title="Stack">
        <${KeyValues} entries=${[['Status', stack.status], ['Reason', stack.reason], ['Stack id', stack.id], ['Created', formatTime(stack.created)], ...stack.parameters]} />
      </${Section}>
      <${Section} title="Outputs">
        <${Table} label="Outputs" rows=${stack.outputs} empty="No outputs."
          columns=${[
            { title: 'Key', cell: (o: Stack['outputs'][0]) => o.key },
            { title: 'Value', cell: (o: Stack['outputs'][0]) => html`<span class="mono">${o.value}</span>` },
            { title: 'Description', cell: (o: Stack['outputs'][0]) => o.description ?? '' },
          ]} />
      </${Section}>
      <${Section} title="Resources">
        <${Table} label="Resources" rows=${resources} empty="No resources."
          columns=${[
            { title: 'Logical id', cell: (r: Resource) => r.logicalId },
            { title: 'Type', cell: (r: Resource) => r.type },
            {
              title: 'Physical id',
              cell: (r: Resource) => {
                const link = r.physicalId ? ctx.link(r.type, r.physicalId) : undefined;
                return link
                  ? html`<a href=${link}>${r.physicalId}</a>`
                  : html`<span class="mono">${r.physicalId ?? '—'}</span>`;
              },
            },
            { title: 'Status', cell: (r: Resource) => r.status },
          ]} />
      </${Section}>
      <${Section} title="Events">
        <${Table} label="Stack events" rows=${history} empty="No events."
          columns=${[
            { title: 'Time', cell: (e: StackEvent) => formatTime(e.time) },
            { title: 'Logical id', cell: (e: StackEvent) => e.logicalId },
            { title: 'Type', cell: (e: StackEvent) => e.type },
            { title: 'Status', cell: (e: StackEvent) => e.status },
            { title: 'Reason', cell: (e: StackEvent) => e.reason ?? '' },
          ]} />
      </${Section}>`} />`;
}
