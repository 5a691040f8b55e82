// Create/Get/Update/Delete/ListEventSourceMappings.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html

import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import type { EventSourceMapping } from '../event-source-mappings.js';
import type { Lambda } from '../lambda.js';
import { functionArn, parseFunctionName } from '../names.js';
import { operation } from './operation.js';
import { page } from './paging.js';

export const createEventSourceMapping = operation({
  http: model.operations.CreateEventSourceMapping.http,
  input: model.CreateEventSourceMappingRequest,
  run: async (input, lambda, ctx) => {
    const mapping = await lambda.mappings.create(
      ctx.account,
      ctx.region,
      targetArn(lambda, ctx, input.FunctionName),
      input,
    );
    // The mapping's tags, read and changed after with ListTags/TagResource on its ARN.
    if (input.Tags) lambda.sql.setMappingTags.run(JSON.stringify(input.Tags), mapping.UUID);
    return render(mapping);
  },
});

export const getEventSourceMapping = operation({
  http: model.operations.GetEventSourceMapping.http,
  input: model.GetEventSourceMappingRequest,
  run: (input, lambda) => render(lambda.mappings.get(input.UUID).mapping),
});

export const updateEventSourceMapping = operation({
  http: model.operations.UpdateEventSourceMapping.http,
  input: model.UpdateEventSourceMappingRequest,
  run: (input, lambda, ctx) => {
    const arn = input.FunctionName === undefined ? undefined : targetArn(lambda, ctx, input.FunctionName);
    return lambda.mappings.update(input.UUID, arn, input).then(render);
  },
});

export const deleteEventSourceMapping = operation({
  http: model.operations.DeleteEventSourceMapping.http,
  input: model.DeleteEventSourceMappingRequest,
  run: (input, lambda) => render(lambda.mappings.delete(input.UUID)),
});

export const listEventSourceMappings = operation({
  http: model.operations.ListEventSourceMappings.http,
  input: model.ListEventSourceMappingsRequest,
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

/** LastModified and StartingPositionTimestamp (kept in epoch ms, as validated input carries timestamps)
 * travel as epoch seconds. */
function render(mapping: EventSourceMapping): Record<string, unknown> {
  return {
    ...mapping,
    LastModified: mapping.LastModified / 1000,
    ...(mapping.StartingPositionTimestamp !== undefined
      ? { StartingPositionTimestamp: mapping.StartingPositionTimestamp / 1000 }
      : {}),
  };
}
