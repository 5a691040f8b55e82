// CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool, ListUserPools and AddCustomAttributes.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html

import { epochSeconds } from '../../../core/clock.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { invalidParameter } from '../errors.js';
import { newPoolId, poolArn } from '../names.js';
import { newPoolDoc, updatedPoolDoc } from '../pools/pool.js';
import { customAttribute, type SchemaAttribute } from '../pools/schema.js';
import { afterToken, describePool, operation, page, poolOf } from './operation.js';

export const createUserPool = operation({
  input: model.CreateUserPoolRequest,
  run: async (input, cognito, ctx) => {
    if (input.UsernameAttributes?.length && input.AliasAttributes?.length) {
      throw invalidParameter('Only one of the following may be set: UsernameAttributes, AliasAttributes');
    }
    const id = newPoolId(ctx.region);
    const doc = newPoolDoc(
      input,
      { id, arn: poolArn({ id, account: ctx.account, region: ctx.region }) },
      cognito.clock.now(),
    );
    const pool = await cognito.createPool(ctx.account, ctx.region, doc, input.UserPoolTags ?? {});
    return { UserPool: describePool(cognito, pool) };
  },
});

export const describeUserPool = operation({
  input: model.DescribeUserPoolRequest,
  run: (input, cognito, ctx) => ({ UserPool: describePool(cognito, poolOf(cognito, input.UserPoolId, ctx)) }),
});

export const updateUserPool = operation({
  input: model.UpdateUserPoolRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    cognito.savePool(pool, updatedPoolDoc(pool.doc, input, cognito.clock.now()));
    return {};
  },
});

export const deleteUserPool = operation({
  input: model.DeleteUserPoolRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    if (pool.doc.DeletionProtection === 'ACTIVE') {
      throw invalidParameter(
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
    }
    cognito.deletePool(pool.row.id);
    return {};
  },
});

export const listUserPools = operation({
  input: model.ListUserPoolsRequest,
  run: (input, cognito, ctx) => {
    const after = afterToken('pools', input.NextToken);
    const rows = cognito.pools(ctx.account, ctx.region, after, input.MaxResults + 1);
    const { items, next } = page(rows, input.MaxResults, 'pools', (row) => row.id);
    return {
      UserPools: items.map((row) => {
        const doc = JSON.parse(row.doc) as ReturnType<typeof newPoolDoc>;
        return {
          Id: doc.Id,
          Name: doc.Name,
          LambdaConfig: doc.LambdaConfig,
          LastModifiedDate: epochSeconds(doc.LastModifiedDate),
          CreationDate: epochSeconds(doc.CreationDate),
        };
      }),
      ...(next ? { NextToken: next } : {}),
    };
  },
});

export const addCustomAttributes = operation({
  input: model.AddCustomAttributesRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const schema: SchemaAttribute[] = [...pool.doc.SchemaAttributes];
    for (const requested of input.CustomAttributes) {
      const attribute = customAttribute(requested as Partial<SchemaAttribute>);
      if (schema.some((existing) => existing.Name === attribute.Name)) {
        throw invalidParameter(`${attribute.Name} : Existing attribute already has name ${attribute.Name}.`);
      }
      schema.push(attribute);
    }
    if (schema.filter((attribute) => attribute.Name.includes('custom:')).length > 50) {
      throw invalidParameter('A user pool can have a maximum of 50 custom attributes.');
    }
    cognito.savePool(pool, { ...pool.doc, SchemaAttributes: schema, LastModifiedDate: cognito.clock.now() });
    return {};
  },
});
