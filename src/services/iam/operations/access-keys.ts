// Access keys: CreateAccessKey (the secret is shown this once), ListAccessKeys, UpdateAccessKey (Active /
// Inactive), DeleteAccessKey. With no UserName AWS acts on the signer's own user.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/iam.js';
import type { RequestContext } from '../../../core/service.js';
import type { Iam } from '../iam.js';
import { operation } from './operation.js';

export const createAccessKey = operation({
  input: model.CreateAccessKeyRequest,
  output: model.CreateAccessKeyResponse,
  run: (input, iam, ctx) => {
    const userName = input.UserName ?? signerName(iam, ctx);
    const key = iam.users.createAccessKey(ctx.account, userName);
    return {
      AccessKey: {
        UserName: userName,
        AccessKeyId: key.access_key_id,
        Status: key.status,
        SecretAccessKey: key.secret,
        CreateDate: key.created_at,
      },
    };
  },
});

export const listAccessKeys = operation({
  input: model.ListAccessKeysRequest,
  output: model.ListAccessKeysResponse,
  run: (input, iam, ctx) => {
    const userName = input.UserName ?? signerName(iam, ctx);
    const keys = iam.users.accessKeys(ctx.account, userName);
    return {
      AccessKeyMetadata: keys.map((k) => ({
        UserName: userName,
        AccessKeyId: k.access_key_id,
        Status: k.status,
        CreateDate: k.created_at,
      })),
      IsTruncated: false,
    };
  },
});

export const updateAccessKey = operation({
  input: model.UpdateAccessKeyRequest,
  run: (input, iam, ctx) => {
    iam.users.updateAccessKey(
      ctx.account,
      input.UserName ?? signerName(iam, ctx),
      input.AccessKeyId,
      input.Status,
    );
    return undefined;
  },
});

export const deleteAccessKey = operation({
  input: model.DeleteAccessKeyRequest,
  run: (input, iam, ctx) => {
    iam.users.deleteAccessKey(ctx.account, input.UserName ?? signerName(iam, ctx), input.AccessKeyId);
    return undefined;
  },
});

/** The signer's user name; the root user has none, and AWS then asks for one. */
function signerName(iam: Iam, ctx: RequestContext): string {
  const credential = iam.credential(ctx.accessKeyId);
  if (credential) return credential.principal.name;
  throw new ServiceError('ValidationError', 'Must specify userName when calling with non-User credentials');
}
