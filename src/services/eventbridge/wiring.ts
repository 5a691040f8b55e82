// EventBridge on the console's map: event buses and rules (each on its bus), and every rule's targets as
// edges. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html

import type { WiringEdge, WiringNode, WiringSource } from '../../core/ports/wiring.js';
import { allPages } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

interface Bus {
  Name: string;
  Arn: string;
}
interface Rule {
  Name: string;
  Arn: string;
  EventBusName?: string;
}
interface Target {
  Id: string;
  Arn: string;
  DeadLetterConfig?: { Arn?: string };
}

export function eventBridgeWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'eventbridge', account, region };
      const buses = await allPages<{ EventBuses?: Bus[]; NextToken?: string }, Bus>(
        at,
        'ListEventBuses',
        {},
        (page) => page.EventBuses,
        (page) => page.NextToken,
        'NextToken',
      );
      const nodes: WiringNode[] = [];
      const edges: WiringEdge[] = [];
      for (const bus of buses) {
        nodes.push({ arn: bus.Arn, type: 'AWS::Events::EventBus', name: bus.Name, aliases: [bus.Name] });
        const rules = await allPages<{ Rules?: Rule[]; NextToken?: string }, Rule>(
          at,
          'ListRules',
          { EventBusName: bus.Name },
          (page) => page.Rules,
          (page) => page.NextToken,
          'NextToken',
        );
        for (const rule of rules) {
          // CloudFormation names a rule on the default bus by its name, on another bus by `bus|name`.
          const aliases = [rule.Name, `${bus.Name}|${rule.Name}`];
          nodes.push({ arn: rule.Arn, type: 'AWS::Events::Rule', name: rule.Name, aliases });
          edges.push({ from: bus.Arn, to: rule.Arn, kind: 'rule-target', label: 'rule' });
          const targets = await allPages<{ Targets?: Target[]; NextToken?: string }, Target>(
            at,
            'ListTargetsByRule',
            { Rule: rule.Name, EventBusName: bus.Name },
            (page) => page.Targets,
            (page) => page.NextToken,
            'NextToken',
          );
          for (const target of targets) {
            edges.push({ from: rule.Arn, to: target.Arn, kind: 'rule-target', label: target.Id });
            const dlq = target.DeadLetterConfig?.Arn;
            if (dlq) edges.push({ from: rule.Arn, to: dlq, kind: 'dead-letter', label: target.Id });
          }
        }
      }
      return { nodes, edges };
    },
  };
}
