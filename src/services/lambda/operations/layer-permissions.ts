// AddLayerVersionPermission, RemoveLayerVersionPermission, GetLayerVersionPolicy: a layer version's
// resource-based policy, built as AWS builds it (stored, not enforced: every account may use any layer).
// https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html

import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import { layerArnOf, newLayerPolicy } from '../layers.js';
import { layerRef } from './layers.js';
import { operation } from './operation.js';

export const addLayerVersionPermission = operation({
  http: model.operations.AddLayerVersionPermission.http,
  input: model.AddLayerVersionPermissionRequest,
  run: (input, lambda, ctx) => {
    const ref = layerRef(input.LayerName, ctx);
    const policy = lambda.layers.policy(ref, input.VersionNumber) ?? newLayerPolicy();
    if (input.RevisionId !== undefined && input.RevisionId !== policy.RevisionId) throw revisionMismatch();
    if (policy.Statement.some((statement) => statement.Sid === input.StatementId)) {
      throw new ServiceError(
        'ResourceConflictException',
        `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        { status: 409 },
      );
    }
    const statement: Record<string, unknown> = {
      Sid: input.StatementId,
      Effect: 'Allow',
      // An account id becomes its root ARN, as AWS rewrites it; `*` stays.
      Principal: input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.Principal}:root` },
      Action: input.Action,
      Resource: `${layerArnOf(ref)}:${input.VersionNumber}`,
    };
    if (input.OrganizationId)
      statement.Condition = { StringEquals: { 'aws:PrincipalOrgID': input.OrganizationId } };
    const next = { ...policy, Statement: [...policy.Statement, statement], RevisionId: randomUUID() };
    lambda.layers.setPolicy(ref, input.VersionNumber, next);
    return { Statement: JSON.stringify(statement), RevisionId: next.RevisionId };
  },
});

export const removeLayerVersionPermission = operation({
  http: model.operations.RemoveLayerVersionPermission.http,
  input: model.RemoveLayerVersionPermissionRequest,
  run: (input, lambda, ctx) => {
    const ref = layerRef(input.LayerName, ctx);
    const policy = lambda.layers.policy(ref, input.VersionNumber);
    if (input.RevisionId !== undefined && input.RevisionId !== policy?.RevisionId) throw revisionMismatch();
    const remaining = policy?.Statement.filter((statement) => statement.Sid !== input.StatementId);
    if (!policy || !remaining || remaining.length === policy.Statement.length) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `Statement ${input.StatementId} is not found in resource policy.`,
        { status: 404 },
      );
    }
    lambda.layers.setPolicy(ref, input.VersionNumber, {
      ...policy,
      Statement: remaining,
      RevisionId: randomUUID(),
    });
    return undefined;
  },
});

export const getLayerVersionPolicy = operation({
  http: model.operations.GetLayerVersionPolicy.http,
  input: model.GetLayerVersionPolicyRequest,
  run: (input, lambda, ctx) => {
    const policy = lambda.layers.policy(layerRef(input.LayerName, ctx), input.VersionNumber);
    if (!policy) {
      throw new ServiceError(
        'ResourceNotFoundException',
        'No policy is associated with the given resource.',
        {
          status: 404,
        },
      );
    }
    const { RevisionId, ...document } = policy;
    return { Policy: JSON.stringify(document), RevisionId };
  },
});

function revisionMismatch(): ServiceError {
  return new ServiceError(
    'PreconditionFailedException',
    'The RevisionId provided does not match the latest RevisionId for the Lambda function or alias. Call the GetFunction or the GetAlias API to retrieve the latest RevisionId for your resource.',
    { status: 412 },
  );
}
