// One execution: status, input and output, the definition with the path it took highlighted, and each
// state it entered with that state's input and output, from its history.

import { html } from 'htm/preact';
import type { PageProps } from '../../../console/contract.js';
import {
  formatTime,
  Json,
  KeyValues,
  PageTitle,
  Section,
  Show,
  Table,
  useLoad,
} from '../../../console/ui.js';
import { DefinitionGraph, type Transition } from './graph.js';
import { machineArn, sfn } from './machines.js';

interface HistoryEvent {
  id: number;
  type: string;
  timestamp: number;
  stateEnteredEventDetails?: { name: string; input?: string };
  stateExitedEventDetails?: { name: string; output?: string };
  executionFailedEventDetails?: { error?: string; cause?: string };
}
interface Step {
  name: string;
  entered: number;
  input?: string;
  output?: string;
}

export function ExecutionPage({ params, ctx }: PageProps) {
  const arn = `${machineArn(ctx, params.machine!).replace(':stateMachine:', ':execution:')}:${params.name}`;
  const loaded = useLoad(async () => {
    const execution = await sfn<{
      status: string;
      input?: string;
      output?: string;
      error?: string;
      cause?: string;
      startDate: number;
      stopDate?: number;
    }>(ctx, 'DescribeExecution', { executionArn: arn });
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn<{ events: HistoryEvent[]; nextToken?: string }>(ctx, 'GetExecutionHistory', {
        executionArn: arn,
        maxResults: 1000,
        nextToken,
      });
      events.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken && events.length < 20000);
    const { definition } = await sfn<{ definition: string }>(ctx, 'DescribeStateMachineForExecution', {
      executionArn: arn,
    });
    return { execution, steps: stepsOf(events), definition };
  }, [arn]);
  type Loaded = {
    execution: {
      status: string;
      input?: string;
      output?: string;
      error?: string;
      cause?: string;
      startDate: number;
      stopDate?: number;
    };
    steps: Step[];
    definition: string;
  };
  return html`<${PageTitle} kind="Step Functions execution" title=${params.name!}>
      <p class="crumbs"><a href=${ctx.href('states', 'machine', params.machine!)}>${params.machine}</a></p></${PageTitle}>
    <${Show} loaded=${loaded} render=${({ execution, steps, definition }: Loaded) => {
      const path: Transition[] = [];
      const names = ['Start', ...steps.map((s) => s.name)];
      if (execution.status === 'SUCCEEDED') names.push('End');
      for (let i = 1; i < names.length; i++) path.push({ from: names[i - 1]!, to: names[i]! });
      const failed = execution.status === 'FAILED' ? steps[steps.length - 1]?.name : undefined;
      return html`
      <${Section} title="Execution">
        <${KeyValues} entries=${[['Status', execution.status], ['Started', formatTime(execution.startDate)], ['Stopped', formatTime(execution.stopDate)], ['Error', execution.error ?? '—'], ['Cause', execution.cause ?? '—']]} />
        <h3>Input</h3><${Json} value=${execution.input ?? ''} label="Execution input" />
        ${execution.output !== undefined ? html`<h3>Output</h3><${Json} value=${execution.output} label="Execution output" />` : null}
      </${Section}>
      <${Section} title="Path"><${DefinitionGraph} definition=${definition} visited=${new Set(names)} failed=${failed} path=${path} /></${Section}>
      <${Section} title="States entered">
        <${Table} label="States entered" rows=${steps} empty="No state entered yet."
          columns=${[
            { title: 'State', cell: (s: Step) => s.name },
            { title: 'Entered', cell: (s: Step) => formatTime(s.entered) },
            {
              title: 'Input',
              cell: (s: Step) => html`<${Json} value=${s.input ?? ''} label=${`Input of ${s.name}`} />`,
            },
            {
              title: 'Output',
              cell: (s: Step) =>
                s.output === undefined
                  ? '—'
                  : html`<${Json} value=${s.output} label=${`Output of ${s.name}`} />`,
            },
          ]} />
      </${Section}>`;
    }} />`;
}

/** Each state entered, in order, with the output of its matching exit. */
function stepsOf(events: HistoryEvent[]): Step[] {
  const steps: Step[] = [];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    if (entered) steps.push({ name: entered.name, entered: event.timestamp, input: entered.input });
    const exited = event.stateExitedEventDetails;
    if (exited) {
      const open = [...steps].reverse().find((s) => s.name === exited.name && s.output === undefined);
      if (open) open.output = exited.output;
    }
  }
  return steps;
}
