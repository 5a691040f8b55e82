// The AWS/Events metrics, recorded through the metrics port when EventBridge counts them: MatchedEvents and
// TriggeredRules when an event (or a schedule's tick) matches a rule, Invocations for each attempt to reach a
// target, FailedInvocations once a delivery has failed for good. Each is published for the account, for the
// RuleName, and for EventBusName + RuleName.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html

import type { MetricDimension, MetricSink } from '../../core/ports/metrics.js';

const NAMESPACE = 'AWS/Events';

export class EventsMetrics {
  constructor(private readonly sink: MetricSink | undefined) {}

  matched(ruleArn: string): void {
    this.put(ruleArn, 'MatchedEvents');
    this.put(ruleArn, 'TriggeredRules');
  }

  invoked(ruleArn: string): void {
    this.put(ruleArn, 'Invocations');
  }

  failed(ruleArn: string): void {
    this.put(ruleArn, 'FailedInvocations');
  }

  /** `arn:aws:events:region:account:rule/[bus/]name`: rules of the default bus have no bus in their ARN. */
  private put(ruleArn: string, name: string): void {
    if (!this.sink) return;
    const [, , , region = '', account = '', resource = ''] = ruleArn.split(':');
    const path = resource.split('/').slice(1);
    const rule = path[path.length - 1] ?? '';
    const bus = path.length > 1 ? path.slice(0, -1).join('/') : 'default';
    const ruleName = { Name: 'RuleName', Value: rule };
    const sets: MetricDimension[][] = [[], [ruleName], [{ Name: 'EventBusName', Value: bus }, ruleName]];
    for (const dimensions of sets) {
      this.sink.record(
        { account, region },
        { namespace: NAMESPACE, name, dimensions, value: 1, unit: 'Count' },
      );
    }
  }
}
