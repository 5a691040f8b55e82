// Event bus operations: CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html

import * as model from '../../../core/generated/eventbridge.js';
import { validation } from '../errors.js';
import { busNameOf, epochSeconds, paginate } from '../names.js';
import type { BusRow } from '../store.js';
import { operation, tagsToRecord } from './operation.js';

export const createEventBus = operation({
  input: model.CreateEventBusRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.create(
      ctx.account,
      ctx.region,
      input.Name,
      input.Description,
      tagsToRecord(input.Tags),
    );
    return { EventBusArn: bus.arn, ...(bus.description !== null ? { Description: bus.description } : {}) };
  },
});

export const describeEventBus = operation({
  input: model.DescribeEventBusRequest,
  run: (input, engine, ctx) =>
    describeBus(engine.buses.require(ctx.account, ctx.region, busNameOf(input.Name))),
});

export const listEventBuses = operation({
  input: model.ListEventBusesRequest,
  run: (input, engine, ctx) => {
    const buses = engine.buses
      .list(ctx.account, ctx.region)
      .filter((bus) => input.NamePrefix === undefined || bus.name.startsWith(input.NamePrefix));
    const { page, nextToken } = paginate(buses, input.Limit, input.NextToken, () =>
      validation('The NextToken provided is invalid.'),
    );
    return { EventBuses: page.map(describeBus), NextToken: nextToken };
  },
});

export const deleteEventBus = operation({
  input: model.DeleteEventBusRequest,
  run: (input, engine, ctx) => {
    // Deleting a bus that does not exist succeeds, as in AWS.
    const bus = engine.buses.find(ctx.account, ctx.region, input.Name);
    if (bus) engine.deleteBus(bus);
    return {};
  },
});

function describeBus(bus: BusRow) {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== null ? { Description: bus.description } : {}),
    ...(bus.policy !== null ? { Policy: bus.policy } : {}),
    CreationTime: epochSeconds(bus.created_at),
    LastModifiedTime: epochSeconds(bus.modified_at),
  };
}
