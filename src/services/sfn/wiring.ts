// Step Functions on the console's map: state machines, and every Task state's resource (a function, or
// the resource an SDK integration's parameters name) as an edge.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

import type { WiringEdge, WiringNode, WiringSource } from '../../core/ports/wiring.js';
import { allPages, wiringCall } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

interface Listed {
  name: string;
  stateMachineArn: string;
}

export function sfnWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'sfn', account, region };
      const machines = await allPages<{ stateMachines?: Listed[]; nextToken?: string }, Listed>(
        at,
        'ListStateMachines',
        { maxResults: 1000 },
        (page) => page.stateMachines,
        (page) => page.nextToken,
        'nextToken',
      );
      const nodes: WiringNode[] = [];
      const edges: WiringEdge[] = [];
      for (const machine of machines) {
        const arn = machine.stateMachineArn;
        nodes.push({ arn, type: 'AWS::StepFunctions::StateMachine', name: machine.name, aliases: [arn] });
        const { definition } = await wiringCall<{ definition?: string }>(at, 'DescribeStateMachine', {
          stateMachineArn: arn,
        });
        for (const target of taskTargets(definition)) {
          edges.push({ from: arn, to: target.arn, kind: 'task', label: target.state });
        }
      }
      return { nodes, edges };
    },
  };
}

/** The ARNs a definition's Task states call: `Resource` when it is a function's ARN, else the ARN-valued
 * `FunctionName`, `QueueUrl`-free `TopicArn`, `StateMachineArn` parameters of integrations. */
function taskTargets(definition: string | undefined): { state: string; arn: string }[] {
  const found: { state: string; arn: string }[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition ?? '{}');
  } catch {
    return found;
  }
  const visit = (states: unknown) => {
    if (typeof states !== 'object' || states === null) return;
    for (const [name, state] of Object.entries(states as Record<string, Record<string, unknown>>)) {
      if (state?.Type === 'Task') {
        const resource = String(state.Resource ?? '');
        const params = (state.Parameters ?? state.Arguments ?? {}) as Record<string, unknown>;
        const candidates = [resource, params.FunctionName, params.TopicArn, params.StateMachineArn];
        const arn = candidates.find(
          (value): value is string =>
            typeof value === 'string' &&
            /^arn:aws:(lambda|sns|states):/.test(value) &&
            !value.startsWith('arn:aws:states:::'),
        );
        if (arn) found.push({ state: name, arn: arn.split(':').slice(0, 7).join(':') });
      }
      if (state?.Iterator) visit((state.Iterator as { States?: unknown }).States);
      if (state?.ItemProcessor) visit((state.ItemProcessor as { States?: unknown }).States);
      for (const branch of (state?.Branches as { States?: unknown }[] | undefined) ?? [])
        visit(branch.States);
    }
  };
  visit((parsed as { States?: unknown }).States);
  return found;
}
