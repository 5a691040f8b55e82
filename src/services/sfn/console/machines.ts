// State machines, and one machine: its definition drawn, its executions, and starting a new one.

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import {
  ActionButton,
  formatTime,
  Json,
  KeyValues,
  PageTitle,
  Section,
  Show,
  Table,
  TextArea,
  useLoad,
} from '../../../console/ui.js';
import { DefinitionGraph } from './graph.js';

export interface Execution {
  executionArn: string;
  name: string;
  status: string;
  startDate?: number;
  stopDate?: number;
}

export function sfn<T>(ctx: PageProps['ctx'], operation: string, input: object): Promise<T> {
  return ctx.aws.json<T>('states', `AWSStepFunctions.${operation}`, '1.0', input);
}

export function machineArn(ctx: PageProps['ctx'], name: string): string {
  return `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:${name}`;
}

export function MachinesPage({ ctx }: PageProps) {
  const loaded = useLoad(
    async () =>
      (
        await sfn<{ stateMachines: { name: string; type: string; creationDate: number }[] }>(
          ctx,
          'ListStateMachines',
          { maxResults: 1000 },
        )
      ).stateMachines,
    [ctx.account, ctx.region],
  );
  type Row = { name: string; type: string; creationDate: number };
  return html`<${PageTitle} kind="AWS Step Functions" title="State machines" />
    <${Section} title="State machines"><${Show} loaded=${loaded} render=${(rows: Row[]) =>
      html`<${Table} label="State machines" rows=${rows} empty="No state machines in this account and region."
        columns=${[
          {
            title: 'Name',
            cell: (m: Row) => html`<a href=${ctx.href('states', 'machine', m.name)}>${m.name}</a>`,
          },
          { title: 'Type', cell: (m: Row) => m.type },
          { title: 'Created', cell: (m: Row) => formatTime(m.creationDate) },
        ]} />`} /></${Section}>`;
}

export function MachinePage({ params, ctx }: PageProps) {
  const name = params.name!;
  const arn = machineArn(ctx, name);
  const loaded = useLoad(async () => {
    const [machine, executions] = await Promise.all([
      sfn<{ definition: string; type: string; roleArn: string; status?: string }>(
        ctx,
        'DescribeStateMachine',
        { stateMachineArn: arn },
      ),
      sfn<{ executions: Execution[] }>(ctx, 'ListExecutions', { stateMachineArn: arn, maxResults: 100 }),
    ]);
    return { machine, executions: executions.executions };
  }, [arn]);
  const [input, setInput] = useState('{}');
  const start = async () => {
    const { executionArn } = await sfn<{ executionArn: string }>(ctx, 'StartExecution', {
      stateMachineArn: arn,
      input,
    });
    loaded.reload();
    return `Started ${executionArn.split(':').pop()}`;
  };
  type Loaded = { machine: { definition: string; type: string; roleArn: string }; executions: Execution[] };
  return html`<${PageTitle} kind="Step Functions state machine" title=${name} />
    <${Show} loaded=${loaded} render=${({ machine, executions }: Loaded) => html`
      <${Section} title="Definition">
        <${KeyValues} entries=${[['ARN', arn], ['Type', machine.type], ['Role', machine.roleArn]]} />
        <${DefinitionGraph} definition=${machine.definition} />
        <details><summary>Definition as JSON</summary><${Json} value=${machine.definition} /></details>
      </${Section}>
      <${Section} title="Executions" actions=${html`<button type="button" onClick=${loaded.reload}>Refresh</button>`}>
        <${Table} label="Executions" rows=${executions} empty="No executions yet."
          columns=${[
            {
              title: 'Name',
              cell: (e: Execution) =>
                html`<a href=${ctx.href('states', 'execution', name, e.name)}>${e.name}</a>`,
            },
            { title: 'Status', cell: (e: Execution) => e.status },
            { title: 'Started', cell: (e: Execution) => formatTime(e.startDate) },
            { title: 'Stopped', cell: (e: Execution) => formatTime(e.stopDate) },
          ]} />
        <${TextArea} id="execution-input" label="Input of a new execution" value=${input} onInput=${setInput} rows=${4} />
        <${ActionButton} label="Start execution" run=${start} />
      </${Section}>`} />`;
}
