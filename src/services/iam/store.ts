// IAM's tables. IAM is global: rows are keyed by account only, never by region. Role and policy names
// are unique per account regardless of case, as in AWS, so the name columns collate NOCASE.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const IAM_MIGRATIONS: readonly string[] = [
  `CREATE TABLE iam_roles (
     pk INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     name TEXT NOT NULL COLLATE NOCASE,
     role_id TEXT NOT NULL,
     path TEXT NOT NULL,
     assume_role_policy TEXT NOT NULL,
     description TEXT,
     max_session_duration INTEGER NOT NULL,
     permissions_boundary TEXT,
     tags TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (account, name));
   CREATE TABLE iam_role_policies (
     role_pk INTEGER NOT NULL REFERENCES iam_roles(pk) ON DELETE CASCADE,
     name TEXT NOT NULL COLLATE NOCASE,
     document TEXT NOT NULL,
     PRIMARY KEY (role_pk, name));
   CREATE TABLE iam_role_attachments (
     role_pk INTEGER NOT NULL REFERENCES iam_roles(pk) ON DELETE CASCADE,
     policy_arn TEXT NOT NULL,
     attached_at INTEGER NOT NULL,
     PRIMARY KEY (role_pk, policy_arn));
   CREATE INDEX iam_role_attachments_by_policy ON iam_role_attachments (policy_arn);
   CREATE TABLE iam_policies (
     pk INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     name TEXT NOT NULL COLLATE NOCASE,
     policy_id TEXT NOT NULL,
     path TEXT NOT NULL,
     arn TEXT NOT NULL UNIQUE,
     description TEXT,
     default_version TEXT NOT NULL,
     next_version INTEGER NOT NULL,
     tags TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (account, name));
   CREATE TABLE iam_policy_versions (
     policy_pk INTEGER NOT NULL REFERENCES iam_policies(pk) ON DELETE CASCADE,
     version_id TEXT NOT NULL,
     number INTEGER NOT NULL,
     document TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (policy_pk, version_id));`,
  // Users, their inline and attached policies, and their access keys (users.ts).
  `CREATE TABLE iam_users (
     pk INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     name TEXT NOT NULL COLLATE NOCASE,
     user_id TEXT NOT NULL,
     path TEXT NOT NULL,
     permissions_boundary TEXT,
     tags TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (account, name));
   CREATE TABLE iam_user_policies (
     user_pk INTEGER NOT NULL REFERENCES iam_users(pk) ON DELETE CASCADE,
     name TEXT NOT NULL COLLATE NOCASE,
     document TEXT NOT NULL,
     PRIMARY KEY (user_pk, name));
   CREATE TABLE iam_user_attachments (
     user_pk INTEGER NOT NULL REFERENCES iam_users(pk) ON DELETE CASCADE,
     policy_arn TEXT NOT NULL,
     attached_at INTEGER NOT NULL,
     PRIMARY KEY (user_pk, policy_arn));
   CREATE TABLE iam_access_keys (
     access_key_id TEXT PRIMARY KEY,
     user_pk INTEGER NOT NULL REFERENCES iam_users(pk) ON DELETE CASCADE,
     secret TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL);
   CREATE INDEX iam_access_keys_by_user ON iam_access_keys (user_pk);`,
];

export interface UserRow {
  pk: number;
  account: string;
  name: string;
  user_id: string;
  path: string;
  permissions_boundary: string | null;
  tags: string;
  created_at: number;
}

export interface AccessKeyRow {
  access_key_id: string;
  user_pk: number;
  secret: string;
  status: string;
  created_at: number;
}

export interface RoleRow {
  pk: number;
  account: string;
  name: string;
  role_id: string;
  path: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary: string | null;
  tags: string;
  created_at: number;
}

export interface PolicyRow {
  pk: number;
  account: string;
  name: string;
  policy_id: string;
  path: string;
  arn: string;
  description: string | null;
  default_version: string;
  next_version: number;
  tags: string;
  created_at: number;
  updated_at: number;
}

export interface PolicyVersionRow {
  policy_pk: number;
  version_id: string;
  number: number;
  document: string;
  created_at: number;
}

const IAM_SQL = {
  insertRole: `INSERT INTO iam_roles (account, name, role_id, path, assume_role_policy, description,
         max_session_duration, permissions_boundary, tags, created_at)
       VALUES (@account, @name, @role_id, @path, @assume_role_policy, @description, @max_session_duration,
         @permissions_boundary, @tags, @created_at) RETURNING *`,
  role: 'SELECT * FROM iam_roles WHERE account = ? AND name = ?',
  roles: 'SELECT * FROM iam_roles WHERE account = ? ORDER BY name',
  updateRole: `UPDATE iam_roles SET description = @description, max_session_duration = @max_session_duration,
         assume_role_policy = @assume_role_policy, tags = @tags WHERE pk = @pk`,
  deleteRole: 'DELETE FROM iam_roles WHERE pk = ?',
  boundaryUsage: 'SELECT COUNT(*) AS n FROM iam_roles WHERE permissions_boundary = ?',

  putRolePolicy: `INSERT INTO iam_role_policies (role_pk, name, document) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET document = excluded.document`,
  rolePolicy: 'SELECT * FROM iam_role_policies WHERE role_pk = ? AND name = ?',
  rolePolicies: 'SELECT * FROM iam_role_policies WHERE role_pk = ? ORDER BY name',
  deleteRolePolicy: 'DELETE FROM iam_role_policies WHERE role_pk = ? AND name = ?',

  attach:
    'INSERT INTO iam_role_attachments (role_pk, policy_arn, attached_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  detach: 'DELETE FROM iam_role_attachments WHERE role_pk = ? AND policy_arn = ?',
  attachments:
    'SELECT policy_arn FROM iam_role_attachments WHERE role_pk = ? ORDER BY attached_at, policy_arn',
  // AWS-managed ARNs are shared by every account, so counts are taken within one account.
  attachmentCount: `SELECT COUNT(*) AS n FROM iam_role_attachments a JOIN iam_roles r ON r.pk = a.role_pk
       WHERE r.account = ? AND a.policy_arn = ?`,
  attachedAwsPolicies: `SELECT DISTINCT a.policy_arn FROM iam_role_attachments a JOIN iam_roles r ON r.pk = a.role_pk
       WHERE r.account = ? AND a.policy_arn LIKE 'arn:aws:iam::aws:policy/%'`,

  insertPolicy: `INSERT INTO iam_policies (account, name, policy_id, path, arn, description, default_version,
         next_version, tags, created_at, updated_at)
       VALUES (@account, @name, @policy_id, @path, @arn, @description, 'v1', 2, @tags, @created_at, @created_at)
       RETURNING *`,
  policyByArn: 'SELECT * FROM iam_policies WHERE account = ? AND arn = ?',
  policyByName: 'SELECT * FROM iam_policies WHERE account = ? AND name = ?',
  policies: 'SELECT * FROM iam_policies WHERE account = ? ORDER BY name',
  setDefaultVersion: 'UPDATE iam_policies SET default_version = ?, updated_at = ? WHERE pk = ?',
  takeVersionNumber:
    'UPDATE iam_policies SET next_version = next_version + 1 WHERE pk = ? RETURNING next_version - 1 AS n',
  deletePolicy: 'DELETE FROM iam_policies WHERE pk = ?',

  insertVersion: `INSERT INTO iam_policy_versions (policy_pk, version_id, number, document, created_at)
       VALUES (?, ?, ?, ?, ?)`,
  version: 'SELECT * FROM iam_policy_versions WHERE policy_pk = ? AND version_id = ?',
  versions: 'SELECT * FROM iam_policy_versions WHERE policy_pk = ? ORDER BY number DESC',
  countVersions: 'SELECT COUNT(*) AS n FROM iam_policy_versions WHERE policy_pk = ?',
  deleteVersion: 'DELETE FROM iam_policy_versions WHERE policy_pk = ? AND version_id = ?',

  insertUser: `INSERT INTO iam_users (account, name, user_id, path, permissions_boundary, tags, created_at)
       VALUES (@account, @name, @user_id, @path, @permissions_boundary, @tags, @created_at) RETURNING *`,
  user: 'SELECT * FROM iam_users WHERE account = ? AND name = ?',
  userByPk: 'SELECT * FROM iam_users WHERE pk = ?',
  users: 'SELECT * FROM iam_users WHERE account = ? ORDER BY name',
  deleteUser: 'DELETE FROM iam_users WHERE pk = ?',
  putUserPolicy: `INSERT INTO iam_user_policies (user_pk, name, document) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET document = excluded.document`,
  userPolicy: 'SELECT * FROM iam_user_policies WHERE user_pk = ? AND name = ?',
  userPolicies: 'SELECT * FROM iam_user_policies WHERE user_pk = ? ORDER BY name',
  deleteUserPolicy: 'DELETE FROM iam_user_policies WHERE user_pk = ? AND name = ?',
  attachUser:
    'INSERT INTO iam_user_attachments (user_pk, policy_arn, attached_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  detachUser: 'DELETE FROM iam_user_attachments WHERE user_pk = ? AND policy_arn = ?',
  userAttachments:
    'SELECT policy_arn FROM iam_user_attachments WHERE user_pk = ? ORDER BY attached_at, policy_arn',
  insertAccessKey: `INSERT INTO iam_access_keys (access_key_id, user_pk, secret, status, created_at)
       VALUES (?, ?, ?, 'Active', ?)`,
  accessKey: 'SELECT * FROM iam_access_keys WHERE access_key_id = ?',
  accessKeys: 'SELECT * FROM iam_access_keys WHERE user_pk = ? ORDER BY created_at',
  updateAccessKey: 'UPDATE iam_access_keys SET status = ? WHERE access_key_id = ? AND user_pk = ?',
  deleteAccessKey: 'DELETE FROM iam_access_keys WHERE access_key_id = ? AND user_pk = ?',
  deleteAllUsers: 'DELETE FROM iam_users',

  deleteAllRoles: 'DELETE FROM iam_roles',
  deleteAllPolicies: 'DELETE FROM iam_policies',
};

export type IamStatements = { readonly [K in keyof typeof IAM_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function iamStatements(store: Store): IamStatements {
  return prepareAll(store, IAM_SQL);
}
