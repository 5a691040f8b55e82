// Groups and membership: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups,
// AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser and ListUsersInGroup. A user's
// groups reach its tokens as cognito:groups, and their roles as cognito:roles / cognito:preferred_role.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html

import { epochSeconds } from '../../../core/clock.js';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { groupNotFound } from '../errors.js';
import type { UserRow } from '../store.js';
import { groupsOf } from '../tokens/tokens.js';
import { requireUser, userType } from '../users/users.js';
import { afterToken, operation, page, poolOf } from './operation.js';

type GroupDoc = Record<string, unknown> & {
  GroupName: string;
  CreationDate: number;
  LastModifiedDate: number;
};

function groupOutput(group: GroupDoc): Record<string, unknown> {
  return {
    ...group,
    CreationDate: epochSeconds(group.CreationDate),
    LastModifiedDate: epochSeconds(group.LastModifiedDate),
  };
}

function requireGroup(cognito: CognitoIdp, pool: Pool, name: string): GroupDoc {
  const row = cognito.sql.group.get(pool.row.id, name) as { doc: string } | undefined;
  if (!row) throw groupNotFound();
  return JSON.parse(row.doc) as GroupDoc;
}

export const createGroup = operation({
  input: model.CreateGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    if (cognito.sql.group.get(pool.row.id, input.GroupName)) {
      throw new ServiceError(
        'GroupExistsException',
        `A group with the name ${input.GroupName} already exists.`,
      );
    }
    const now = cognito.clock.now();
    const group: GroupDoc = {
      GroupName: input.GroupName,
      UserPoolId: pool.row.id,
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { RoleArn: input.RoleArn } : {}),
      ...(input.Precedence !== undefined ? { Precedence: input.Precedence } : {}),
      LastModifiedDate: now,
      CreationDate: now,
    };
    cognito.sql.putGroup.run(pool.row.id, group.GroupName, JSON.stringify(group));
    return { Group: groupOutput(group) };
  },
});

export const getGroup = operation({
  input: model.GetGroupRequest,
  run: (input, cognito, ctx) => ({
    Group: groupOutput(requireGroup(cognito, poolOf(cognito, input.UserPoolId, ctx), input.GroupName)),
  }),
});

export const updateGroup = operation({
  input: model.UpdateGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const group: GroupDoc = {
      ...requireGroup(cognito, pool, input.GroupName),
      LastModifiedDate: cognito.clock.now(),
    };
    if (input.Description !== undefined) group.Description = input.Description;
    if (input.RoleArn !== undefined) group.RoleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.Precedence = input.Precedence;
    cognito.sql.putGroup.run(pool.row.id, group.GroupName, JSON.stringify(group));
    return { Group: groupOutput(group) };
  },
});

export const deleteGroup = operation({
  input: model.DeleteGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    requireGroup(cognito, pool, input.GroupName);
    cognito.sql.deleteGroup.run(pool.row.id, input.GroupName);
    return {};
  },
});

export const listGroups = operation({
  input: model.ListGroupsRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const limit = input.Limit ?? 60;
    const rows = cognito.sql.groupsAfter.all(
      pool.row.id,
      afterToken('groups', input.NextToken),
      limit + 1,
    ) as { doc: string }[];
    const { items, next } = page(
      rows.map((row) => JSON.parse(row.doc) as GroupDoc),
      limit,
      'groups',
      (group) => group.GroupName,
    );
    return { Groups: items.map(groupOutput), ...(next ? { NextToken: next } : {}) };
  },
});

export const adminAddUserToGroup = operation({
  input: model.AdminAddUserToGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    requireGroup(cognito, pool, input.GroupName);
    cognito.sql.addMember.run(pool.row.id, input.GroupName, user.username_key);
    return {};
  },
});

export const adminRemoveUserFromGroup = operation({
  input: model.AdminRemoveUserFromGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    requireGroup(cognito, pool, input.GroupName);
    cognito.sql.removeMember.run(pool.row.id, input.GroupName, user.username_key);
    return {};
  },
});

export const adminListGroupsForUser = operation({
  input: model.AdminListGroupsForUserRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    const limit = input.Limit ?? 60;
    const after = afterToken('user-groups', input.NextToken);
    const groups = (groupsOf(cognito, user) as GroupDoc[]).filter((group) => group.GroupName > after);
    const { items, next } = page(groups, limit, 'user-groups', (group) => group.GroupName);
    return { Groups: items.map(groupOutput), ...(next ? { NextToken: next } : {}) };
  },
});

export const listUsersInGroup = operation({
  input: model.ListUsersInGroupRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    requireGroup(cognito, pool, input.GroupName);
    const limit = input.Limit ?? 60;
    const rows = cognito.sql.membersAfter.all(
      pool.row.id,
      input.GroupName,
      afterToken('members', input.NextToken),
      limit + 1,
    ) as UserRow[];
    const { items, next } = page(rows, limit, 'members', (user) => user.username_key);
    return { Users: items.map((user) => userType(user)), ...(next ? { NextToken: next } : {}) };
  },
});
