// Rules of every event bus, and one rule: its pattern or schedule, its targets, and a tester that asks
// EventBridge whether a sample event matches the pattern.

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import {
  ActionButton,
  Json,
  KeyValues,
  PageTitle,
  Section,
  Show,
  Table,
  TextArea,
  useLoad,
} from '../../../console/ui.js';

interface Rule {
  Name: string;
  Arn: string;
  EventBusName?: string;
  State?: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  Description?: string;
}
interface Target {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
}

function events<T>(ctx: PageProps['ctx'], operation: string, input: object): Promise<T> {
  return ctx.aws.json<T>('events', `AWSEvents.${operation}`, '1.1', input);
}

export function RulesPage({ ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const { EventBuses } = await events<{ EventBuses: { Name: string }[] }>(ctx, 'ListEventBuses', {});
    const rules = await Promise.all(
      EventBuses.map(async (bus) =>
        (await events<{ Rules: Rule[] }>(ctx, 'ListRules', { EventBusName: bus.Name })).Rules.map((r) => ({
          ...r,
          EventBusName: bus.Name,
        })),
      ),
    );
    return rules.flat();
  }, [ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon EventBridge" title="Rules" />
    <${Section} title="Rules"><${Show} loaded=${loaded} render=${(rows: Rule[]) =>
      html`<${Table} label="Rules" rows=${rows} empty="No rules in this account and region."
        columns=${[
          {
            title: 'Name',
            cell: (r: Rule) =>
              html`<a href=${ctx.href('events', 'rule', r.EventBusName ?? 'default', r.Name)}>${r.Name}</a>`,
          },
          { title: 'Bus', cell: (r: Rule) => r.EventBusName },
          { title: 'State', cell: (r: Rule) => r.State },
          {
            title: 'Pattern or schedule',
            cell: (r: Rule) =>
              html`<span class="mono">${r.ScheduleExpression ?? r.EventPattern ?? ''}</span>`,
          },
        ]} />`} /></${Section}>`;
}

export function RulePage({ params, ctx }: PageProps) {
  const bus = params.bus!;
  const name = params.name!;
  const loaded = useLoad(async () => {
    const [rule, targets] = await Promise.all([
      events<Rule>(ctx, 'DescribeRule', { Name: name, EventBusName: bus }),
      events<{ Targets: Target[] }>(ctx, 'ListTargetsByRule', { Rule: name, EventBusName: bus }),
    ]);
    return { rule, targets: targets.Targets };
  }, [bus, name, ctx.account, ctx.region]);
  return html`<${PageTitle} kind="EventBridge rule" title=${name} />
    <${Show} loaded=${loaded} render=${({ rule, targets }: { rule: Rule; targets: Target[] }) => html`
      <${Section} title="Rule">
        <${KeyValues} entries=${[['Bus', bus], ['State', rule.State], ['ARN', rule.Arn], ['Schedule', rule.ScheduleExpression ?? '—'], ['Description', rule.Description ?? '—']]} />
        ${rule.EventPattern ? html`<h3>Event pattern</h3><${Json} value=${rule.EventPattern} label="Event pattern" />` : null}
      </${Section}>
      <${Section} title="Targets">
        <${Table} label="Targets" rows=${targets} empty="No targets."
          columns=${[
            { title: 'Id', cell: (t: Target) => t.Id },
            { title: 'Target', cell: (t: Target) => html`<span class="mono">${t.Arn}</span>` },
            { title: 'Input', cell: (t: Target) => t.Input ?? t.InputPath ?? 'the matched event' },
          ]} />
      </${Section}>
      ${rule.EventPattern ? html`<${Tester} ctx=${ctx} pattern=${rule.EventPattern} />` : null}`} />`;
}

function Tester(props: { ctx: PageProps['ctx']; pattern: string }) {
  // TestEventPattern needs a whole event: these are the fields EventBridge requires of one.
  const [event, setEvent] = useState(
    JSON.stringify(
      {
        id: '1',
        'detail-type': 'Example',
        source: 'example.source',
        account: props.ctx.account,
        time: new Date(0).toISOString(),
        region: props.ctx.region,
        resources: [],
        detail: {},
      },
      null,
      2,
    ),
  );
  const test = async () => {
    const { Result } = await events<{ Result: boolean }>(props.ctx, 'TestEventPattern', {
      EventPattern: props.pattern,
      Event: event,
    });
    return Result ? 'The event matches the pattern.' : 'The event does not match the pattern.';
  };
  return html`<${Section} title="Test the pattern">
    <${TextArea} id="sample-event" label="Sample event" value=${event} onInput=${setEvent} rows=${12} />
    <${ActionButton} label="Test pattern" run=${test} />
  </${Section}>`;
}
