// Users: CreateUser, GetUser (the caller when no name is given), ListUsers, DeleteUser.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html

import * as model from '../../../core/generated/iam.js';
import type { RequestContext } from '../../../core/service.js';
import type { Iam } from '../iam.js';
import { paginate, userArn } from '../names.js';
import type { UserRow } from '../store.js';
import { operation } from './operation.js';

export const createUser = operation({
  input: model.CreateUserRequest,
  output: model.CreateUserResponse,
  run: (input, iam, ctx) => {
    const user = iam.users.create(ctx.account, {
      name: input.UserName,
      path: input.Path ?? '/',
      permissionsBoundary: input.PermissionsBoundary,
      tags: input.Tags ?? [],
    });
    return { User: userOutput(user, true) };
  },
});

export const getUser = operation({
  input: model.GetUserRequest,
  output: model.GetUserResponse,
  run: (input, iam, ctx) => {
    if (input.UserName !== undefined)
      return { User: userOutput(iam.users.require(ctx.account, input.UserName), true) };
    return { User: callerUser(iam, ctx) };
  },
});

export const listUsers = operation({
  input: model.ListUsersRequest,
  output: model.ListUsersResponse,
  run: (input, iam, ctx) => {
    const { page, ...more } = paginate(iam.users.list(ctx.account, input.PathPrefix), (u) => u.name, input);
    return { Users: page.map((u) => userOutput(u, false)), ...more };
  },
});

export const deleteUser = operation({
  input: model.DeleteUserRequest,
  run: (input, iam, ctx) => {
    iam.users.delete(ctx.account, input.UserName);
    return undefined;
  },
});

export function userOutput(user: UserRow, full: boolean) {
  const tags = JSON.parse(user.tags) as { Key: string; Value: string }[];
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.user_id,
    Arn: userArn(user.account, user.path, user.name),
    CreateDate: user.created_at,
    PermissionsBoundary:
      full && user.permissions_boundary
        ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: user.permissions_boundary }
        : undefined,
    Tags: full && tags.length > 0 ? tags : undefined,
  };
}

/** GetUser with no name describes the signer: its IAM user, or the root user ("the AWS account root user"
 * answers with the account id as UserId and the root ARN). */
function callerUser(iam: Iam, ctx: RequestContext) {
  const credential = iam.credential(ctx.accessKeyId);
  const user = credential && iam.users.find(credential.principal.account, credential.principal.name);
  if (user) return userOutput(user, true);
  return {
    Path: '/',
    UserName: undefined,
    UserId: ctx.account,
    Arn: `arn:aws:iam::${ctx.account}:root`,
    CreateDate: 0,
  };
}
