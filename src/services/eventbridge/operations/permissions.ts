// Event bus policies and settings: PutPermission, RemovePermission (the bus's resource policy, shown by
// DescribeEventBus; stored, not enforced) and UpdateEventBus.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateEventBus.html

import * as model from '../../../core/generated/eventbridge.js';
import { alreadyExists, notFound, validation } from '../errors.js';
import type { EventBridge } from '../eventbridge.js';
import { busNameOf } from '../names.js';
import type { BusRow } from '../store.js';
import { operation } from './operation.js';

interface PolicyDocument {
  Version: string;
  Statement: Record<string, unknown>[];
}

export const putPermission = operation({
  input: model.PutPermissionRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    if (input.Policy !== undefined) {
      let document: unknown;
      try {
        document = JSON.parse(input.Policy);
      } catch {
        throw validation('Policy is not valid JSON.');
      }
      if (
        typeof document !== 'object' ||
        document === null ||
        !Array.isArray((document as PolicyDocument).Statement)
      )
        throw validation('Policy is not valid.');
      setPolicy(engine, bus, document as PolicyDocument);
      return {};
    }
    if (input.Action === undefined || input.Principal === undefined || input.StatementId === undefined)
      throw validation('Parameter(s) Action, Principal and StatementId must be specified.');
    if (input.Action !== 'events:PutEvents')
      throw validation(`Provided action ${input.Action} is not supported.`);
    if (input.Principal !== '*' && !/^\d{12}$/.test(input.Principal))
      throw validation(`Provided principal ${input.Principal} is not valid.`);
    const document = policyOf(bus) ?? { Version: '2012-10-17', Statement: [] };
    if (document.Statement.some((statement) => statement.Sid === input.StatementId))
      throw alreadyExists('Statement with the provided id already exists.');
    const statement: Record<string, unknown> = {
      Sid: input.StatementId,
      Effect: 'Allow',
      Principal: input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.Principal}:root` },
      Action: 'events:PutEvents',
      Resource: bus.arn,
    };
    if (input.Condition) {
      statement.Condition = { [input.Condition.Type]: { [input.Condition.Key]: input.Condition.Value } };
    }
    document.Statement.push(statement);
    setPolicy(engine, bus, document);
    return {};
  },
});

export const removePermission = operation({
  input: model.RemovePermissionRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const document = policyOf(bus);
    if (input.RemoveAllPermissions) {
      engine.sql.updateBusPolicy.run(null, engine.clock.now(), bus.arn);
      return {};
    }
    if (input.StatementId === undefined) throw validation('Parameter StatementId must be specified.');
    const kept = document?.Statement.filter((statement) => statement.Sid !== input.StatementId);
    if (!document || !kept || kept.length === document.Statement.length)
      throw notFound('Statement with the provided id does not exist.');
    setPolicy(engine, bus, kept.length > 0 ? { ...document, Statement: kept } : undefined);
    return {};
  },
});

export const updateEventBus = operation({
  input: model.UpdateEventBusRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.Name));
    const description = input.Description ?? bus.description;
    engine.sql.updateBusDescription.run(description, engine.clock.now(), bus.arn);
    return {
      Arn: bus.arn,
      Name: bus.name,
      ...(description !== null ? { Description: description } : {}),
      ...(input.KmsKeyIdentifier !== undefined ? { KmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
      ...(input.DeadLetterConfig !== undefined ? { DeadLetterConfig: input.DeadLetterConfig } : {}),
    };
  },
});

function policyOf(bus: BusRow): PolicyDocument | undefined {
  return bus.policy === null ? undefined : (JSON.parse(bus.policy) as PolicyDocument);
}

function setPolicy(engine: EventBridge, bus: BusRow, document: PolicyDocument | undefined): void {
  engine.sql.updateBusPolicy.run(document ? JSON.stringify(document) : null, engine.clock.now(), bus.arn);
}
