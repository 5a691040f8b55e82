// Create/Get/Update/Delete/ListEventSourceMappings.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html

import type { RequestContext } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import type { EventSourceMapping } from '../event-source-mappings.js';
import type { Lambda } from '../lambda.js';
import { functionArn, parseFunctionName } from '../names.js';
import { destinationConfigShape } from '../shapes.js';
import { operation } from './operation.js';
import { page, pageMembers } from './paging.js';

const mappingMembers = {
  Enabled: s.optional(s.boolean()),
  BatchSize: s.optional(s.integer({ min: 1, max: 10000 })),
  MaximumBatchingWindowInSeconds: s.optional(s.integer({ min: 0, max: 300 })),
  FunctionResponseTypes: s.optional(s.list(s.string({ enum: ['ReportBatchItemFailures'] }), { max: 1 })),
  FilterCriteria: s.optional(
    s.structure({
      Filters: s.optional(s.list(s.structure({ Pattern: s.optional(s.string({ max: 4096 })) }))),
    }),
  ),
  ScalingConfig: s.optional(
    s.structure({ MaximumConcurrency: s.optional(s.integer({ min: 2, max: 1000 })) }),
  ),
  DestinationConfig: s.optional(destinationConfigShape),
  StartingPosition: s.optional(s.string({ enum: ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] })),
  ParallelizationFactor: s.optional(s.integer({ min: 1, max: 10 })),
  BisectBatchOnFunctionError: s.optional(s.boolean()),
  MaximumRetryAttempts: s.optional(s.integer({ min: -1, max: 10000 })),
  MaximumRecordAgeInSeconds: s.optional(s.integer({ min: -1, max: 604800 })),
  TumblingWindowInSeconds: s.optional(s.integer({ min: 0, max: 900 })),
};
const uuidInPath = s.required(s.string(), { uri: 'UUID' });

export const createEventSourceMapping = operation({
  http: { method: 'POST', uri: '/2015-03-31/event-source-mappings/', code: 202 },
  input: s.structure({
    EventSourceArn: s.optional(s.string()),
    FunctionName: s.required(s.string({ min: 1, max: 140 })),
    ...mappingMembers,
  }),
  run: (input, lambda, ctx) =>
    lambda.mappings
      .create(ctx.account, ctx.region, targetArn(lambda, ctx, input.FunctionName), input)
      .then(render),
});

export const getEventSourceMapping = operation({
  http: { method: 'GET', uri: '/2015-03-31/event-source-mappings/{UUID}' },
  input: s.structure({ UUID: uuidInPath }),
  run: (input, lambda) => render(lambda.mappings.get(input.UUID).mapping),
});

export const updateEventSourceMapping = operation({
  http: { method: 'PUT', uri: '/2015-03-31/event-source-mappings/{UUID}', code: 202 },
  input: s.structure({
    UUID: uuidInPath,
    FunctionName: s.optional(s.string({ min: 1, max: 140 })),
    ...mappingMembers,
  }),
  run: (input, lambda, ctx) => {
    const arn = input.FunctionName === undefined ? undefined : targetArn(lambda, ctx, input.FunctionName);
    return lambda.mappings.update(input.UUID, arn, input).then(render);
  },
});

export const deleteEventSourceMapping = operation({
  http: { method: 'DELETE', uri: '/2015-03-31/event-source-mappings/{UUID}', code: 202 },
  input: s.structure({ UUID: uuidInPath }),
  run: (input, lambda) => render(lambda.mappings.delete(input.UUID)),
});

export const listEventSourceMappings = operation({
  http: { method: 'GET', uri: '/2015-03-31/event-source-mappings/' },
  input: s.structure({
    EventSourceArn: s.optional(s.string(), { querystring: 'EventSourceArn' }),
    FunctionName: s.optional(s.string(), { querystring: 'FunctionName' }),
    ...pageMembers,
  }),
  run: (input, lambda, ctx) => {
    const fn = input.FunctionName === undefined ? undefined : parseFunctionName(input.FunctionName, ctx);
    const mappings = lambda.mappings
      .list(ctx.account, ctx.region)
      .filter((m) => input.EventSourceArn === undefined || m.EventSourceArn === input.EventSourceArn)
      .filter((m) => !fn || m.FunctionArn === functionArn(fn, fn.qualifier));
    const { items, next } = page(mappings, input, (m) => m.UUID);
    return { EventSourceMappings: items.map(render), NextMarker: next };
  },
});

/** The function a mapping invokes (it must exist), as the ARN the mapping reports. */
function targetArn(lambda: Lambda, ctx: RequestContext, name: string): string {
  const ref = parseFunctionName(name, ctx);
  lambda.functions.resolve(ref);
  return functionArn(ref, ref.qualifier);
}

/** LastModified travels as epoch seconds. */
function render(mapping: EventSourceMapping): Record<string, unknown> {
  return { ...mapping, LastModified: mapping.LastModified / 1000 };
}
