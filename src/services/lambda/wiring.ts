// Lambda on the console's map: functions; event source mappings as edges from their queue, stream or
// table; asynchronous invocation destinations and dead-letter queues as edges from the function.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html

import type { WiringEdge, WiringNode, WiringSource } from '../../core/ports/wiring.js';
import { allPages } from '../../core/ports/wiring-pages.js';
import type { ServiceDeps } from '../../core/service.js';

interface Destinations {
  OnSuccess?: { Destination?: string };
  OnFailure?: { Destination?: string };
}
interface FunctionEntry {
  FunctionName: string;
  FunctionArn: string;
  DeadLetterConfig?: { TargetArn?: string };
}
interface Mapping {
  EventSourceArn?: string;
  FunctionArn: string;
  State?: string;
  DestinationConfig?: Destinations;
}
interface InvokeConfig {
  FunctionArn: string;
  DestinationConfig?: Destinations;
}

export function lambdaWiring(deps: ServiceDeps): WiringSource {
  return {
    async wiring(account, region) {
      const at = { call: deps.call, service: 'lambda', account, region };
      const functions = await allPages<{ Functions?: FunctionEntry[]; NextMarker?: string }, FunctionEntry>(
        at,
        'ListFunctions',
        { MaxItems: 50 },
        (page) => page.Functions,
        (page) => page.NextMarker,
        'Marker',
      );
      const mappings = await allPages<{ EventSourceMappings?: Mapping[]; NextMarker?: string }, Mapping>(
        at,
        'ListEventSourceMappings',
        { MaxItems: 100 },
        (page) => page.EventSourceMappings,
        (page) => page.NextMarker,
        'Marker',
      );
      const nodes: WiringNode[] = [];
      const edges: WiringEdge[] = [];
      for (const fn of functions) {
        nodes.push({
          arn: fn.FunctionArn,
          type: 'AWS::Lambda::Function',
          name: fn.FunctionName,
          aliases: [fn.FunctionName],
        });
        const dlq = fn.DeadLetterConfig?.TargetArn;
        if (dlq)
          edges.push({ from: fn.FunctionArn, to: dlq, kind: 'dead-letter', label: 'DeadLetterConfig' });
        const configs = await allPages<
          { FunctionEventInvokeConfigs?: InvokeConfig[]; NextMarker?: string },
          InvokeConfig
        >(
          at,
          'ListFunctionEventInvokeConfigs',
          { FunctionName: fn.FunctionName },
          (page) => page.FunctionEventInvokeConfigs,
          (page) => page.NextMarker,
          'Marker',
        );
        for (const config of configs) destinations(fn.FunctionArn, config.DestinationConfig, edges);
      }
      for (const mapping of mappings) {
        const source = mapping.EventSourceArn;
        if (!source) continue;
        const to = unqualified(mapping.FunctionArn);
        edges.push({ from: tableOf(source), to, kind: 'event-source-mapping', label: mapping.State });
        destinations(to, mapping.DestinationConfig, edges);
      }
      return { nodes, edges };
    },
  };
}

function destinations(from: string, config: Destinations | undefined, edges: WiringEdge[]): void {
  for (const [label, destination] of [
    ['OnSuccess', config?.OnSuccess?.Destination],
    ['OnFailure', config?.OnFailure?.Destination],
  ] as const) {
    if (destination) edges.push({ from, to: destination, kind: 'destination', label });
  }
}

/** A DynamoDB stream's ARN names its table (`…:table/T/stream/2024-…`): the map shows the table. */
function tableOf(arn: string): string {
  return arn.replace(/^(arn:aws:dynamodb:[^:]*:\d+:table\/[^/]+)\/stream\/.*$/, '$1');
}

/** A mapping to an alias or version still draws to the function. */
function unqualified(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}
