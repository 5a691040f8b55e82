// IAM users and what hangs off them: inline and attached managed policies, a permissions boundary and
// access keys (at most two per user, as AWS allows). The secret is kept so signatures can be verified
// (`--verify-signatures`); AWS shows it once, at CreateAccessKey, and so does Nimbus.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html

import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { deleteConflict, limitExceeded } from './errors.js';
import { checkDocument, checkQuota, parsePolicyArn, policySize, uniqueId } from './names.js';
import type { ManagedPolicies } from './policies.js';
import type { Tag } from './shapes.js';
import type { AccessKeyRow, IamStatements, UserRow } from './store.js';

export interface NewUser {
  readonly name: string;
  readonly path: string;
  readonly permissionsBoundary?: string;
  readonly tags: readonly Tag[];
}

const ACCESS_KEYS_PER_USER = 2;
const INLINE_POLICY_CHARS_PER_USER = 2048;
const MANAGED_POLICIES_PER_USER = 10;

export class Users {
  constructor(
    private readonly sql: IamStatements,
    private readonly clock: Clock,
    private readonly policies: ManagedPolicies,
  ) {}

  create(account: string, user: NewUser): UserRow {
    if (user.permissionsBoundary !== undefined)
      this.policies.requireBoundary(account, user.permissionsBoundary);
    checkQuota('TagsPerUser', user.tags.length, 50);
    if (this.find(account, user.name)) {
      throw new ServiceError('EntityAlreadyExists', `User with name ${user.name} already exists.`);
    }
    return this.sql.insertUser.get({
      account,
      name: user.name,
      user_id: uniqueId('AIDA'),
      path: user.path,
      permissions_boundary: user.permissionsBoundary ?? null,
      tags: JSON.stringify(user.tags),
      created_at: this.clock.now(),
    }) as UserRow;
  }

  find(account: string, name: string): UserRow | undefined {
    return this.sql.user.get(account, name) as UserRow | undefined;
  }

  require(account: string, name: string): UserRow {
    const user = this.find(account, name);
    if (!user) throw new ServiceError('NoSuchEntity', `The user with name ${name} cannot be found.`);
    return user;
  }

  list(account: string, pathPrefix = '/'): UserRow[] {
    return (this.sql.users.all(account) as UserRow[]).filter((user) => user.path.startsWith(pathPrefix));
  }

  /** AWS refuses while keys, attached or inline policies remain, naming what to remove first. */
  delete(account: string, name: string): void {
    const user = this.require(account, name);
    if (this.sql.accessKeys.all(user.pk).length > 0)
      throw deleteConflict('Cannot delete entity, must delete access keys first.');
    if (this.sql.userAttachments.all(user.pk).length > 0)
      throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (this.sql.userPolicies.all(user.pk).length > 0)
      throw deleteConflict('Cannot delete entity, must delete policies first.');
    this.sql.deleteUser.run(user.pk);
  }

  putPolicy(account: string, userName: string, policyName: string, document: string): void {
    const user = this.require(account, userName);
    checkDocument(document, 'permissions');
    const others = (this.sql.userPolicies.all(user.pk) as { name: string; document: string }[])
      .filter((p) => p.name.toLowerCase() !== policyName.toLowerCase())
      .reduce((sum, p) => sum + policySize(p.document), 0);
    if (others + policySize(document) > INLINE_POLICY_CHARS_PER_USER) {
      throw limitExceeded(
        `Maximum policy size of ${INLINE_POLICY_CHARS_PER_USER} bytes exceeded for user ${user.name}`,
      );
    }
    this.sql.putUserPolicy.run(user.pk, policyName, document);
  }

  getPolicy(
    account: string,
    userName: string,
    policyName: string,
  ): { user: UserRow; name: string; document: string } {
    const user = this.require(account, userName);
    const row = this.sql.userPolicy.get(user.pk, policyName) as
      | { name: string; document: string }
      | undefined;
    if (!row)
      throw new ServiceError('NoSuchEntity', `The user policy with name ${policyName} cannot be found.`);
    return { user, name: row.name, document: row.document };
  }

  policyNames(account: string, userName: string): string[] {
    const user = this.require(account, userName);
    return (this.sql.userPolicies.all(user.pk) as { name: string }[]).map((p) => p.name);
  }

  deletePolicy(account: string, userName: string, policyName: string): void {
    const user = this.require(account, userName);
    if (this.sql.deleteUserPolicy.run(user.pk, policyName).changes === 0)
      throw new ServiceError('NoSuchEntity', `The user policy with name ${policyName} cannot be found.`);
  }

  attach(account: string, userName: string, policyArn: string): void {
    const user = this.require(account, userName);
    this.policies.requireAttachable(account, policyArn);
    const attached = this.attachedArns(user);
    if (attached.includes(policyArn)) return;
    checkQuota('PoliciesPerUser', attached.length + 1, MANAGED_POLICIES_PER_USER);
    this.sql.attachUser.run(user.pk, policyArn, this.clock.now());
  }

  detach(account: string, userName: string, policyArn: string): void {
    const user = this.require(account, userName);
    parsePolicyArn(policyArn);
    if (this.sql.detachUser.run(user.pk, policyArn).changes === 0)
      throw new ServiceError('NoSuchEntity', `Policy ${policyArn} was not found.`);
  }

  attached(account: string, userName: string): { name: string; arn: string }[] {
    const user = this.require(account, userName);
    return this.attachedArns(user)
      .map((arn) => ({ arn, name: parsePolicyArn(arn).name }))
      .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  }

  /** Inline documents and attached ARNs of a user, for the policy evaluator. */
  policiesOf(user: UserRow): { inline: string[]; attached: string[] } {
    const inline = (this.sql.userPolicies.all(user.pk) as { document: string }[]).map((p) => p.document);
    return { inline, attached: this.attachedArns(user) };
  }

  createAccessKey(account: string, userName: string): AccessKeyRow {
    const user = this.require(account, userName);
    if (this.sql.accessKeys.all(user.pk).length >= ACCESS_KEYS_PER_USER)
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    const row: AccessKeyRow = {
      access_key_id: `AKIA${randomId(16)}`,
      user_pk: user.pk,
      secret: randomBytes(30).toString('base64').replace(/[+/]/g, 'x').slice(0, 40),
      status: 'Active',
      created_at: this.clock.now(),
    };
    this.sql.insertAccessKey.run(row.access_key_id, row.user_pk, row.secret, row.created_at);
    return row;
  }

  accessKeys(account: string, userName: string): AccessKeyRow[] {
    return this.sql.accessKeys.all(this.require(account, userName).pk) as AccessKeyRow[];
  }

  updateAccessKey(account: string, userName: string, accessKeyId: string, status: string): void {
    const user = this.require(account, userName);
    if (this.sql.updateAccessKey.run(status, accessKeyId, user.pk).changes === 0)
      throw noSuchKey(accessKeyId);
  }

  deleteAccessKey(account: string, userName: string, accessKeyId: string): void {
    const user = this.require(account, userName);
    if (this.sql.deleteAccessKey.run(accessKeyId, user.pk).changes === 0) throw noSuchKey(accessKeyId);
  }

  /** The key and its user, whichever account they are in (access key ids are unique across AWS). */
  byAccessKey(accessKeyId: string): { key: AccessKeyRow; user: UserRow } | undefined {
    const key = this.sql.accessKey.get(accessKeyId) as AccessKeyRow | undefined;
    const user = key && (this.sql.userByPk.get(key.user_pk) as UserRow | undefined);
    return key && user ? { key, user } : undefined;
  }

  reset(): void {
    this.sql.deleteAllUsers.run();
  }

  private attachedArns(user: UserRow): string[] {
    return (this.sql.userAttachments.all(user.pk) as { policy_arn: string }[]).map((a) => a.policy_arn);
  }
}

function noSuchKey(accessKeyId: string): ServiceError {
  return new ServiceError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
}

function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
