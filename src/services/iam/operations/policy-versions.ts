// Managed policy versions: CreatePolicyVersion (at most five), GetPolicyVersion (document URL-encoded),
// ListPolicyVersions, DeletePolicyVersion (never the default), SetDefaultPolicyVersion.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html

import { s } from '../../../core/shapes.js';
import {
  marker,
  maxItems,
  policyArn,
  policyDocument,
  policyVersion,
  truncation,
  versionId,
} from '../shapes.js';
import { operation, versionOutput } from './operation.js';

export const createPolicyVersion = operation({
  input: s.structure({
    PolicyArn: policyArn,
    PolicyDocument: policyDocument,
    SetAsDefault: s.optional(s.boolean()),
  }),
  output: s.structure({ PolicyVersion: s.required(policyVersion) }),
  run: (input, iam, ctx) => {
    const created = iam.policies.createVersion(
      ctx.account,
      input.PolicyArn,
      input.PolicyDocument,
      input.SetAsDefault ?? false,
    );
    return { PolicyVersion: versionOutput(created, false) };
  },
});

export const getPolicyVersion = operation({
  input: s.structure({ PolicyArn: policyArn, VersionId: versionId }),
  output: s.structure({ PolicyVersion: s.required(policyVersion) }),
  run: (input, iam, ctx) => {
    return {
      PolicyVersion: versionOutput(
        iam.policies.getVersion(ctx.account, input.PolicyArn, input.VersionId),
        true,
      ),
    };
  },
});

export const listPolicyVersions = operation({
  input: s.structure({ PolicyArn: policyArn, Marker: marker, MaxItems: maxItems }),
  output: s.structure({ Versions: s.required(s.list(policyVersion)), ...truncation }),
  run: (input, iam, ctx) => {
    // Five versions at most: one page always holds them all.
    const versions = iam.policies.listVersions(ctx.account, input.PolicyArn);
    return { Versions: versions.map((v) => versionOutput(v, false)), IsTruncated: false };
  },
});

export const deletePolicyVersion = operation({
  input: s.structure({ PolicyArn: policyArn, VersionId: versionId }),
  run: (input, iam, ctx) => {
    iam.policies.deleteVersion(ctx.account, input.PolicyArn, input.VersionId);
    return undefined;
  },
});

export const setDefaultPolicyVersion = operation({
  input: s.structure({ PolicyArn: policyArn, VersionId: versionId }),
  run: (input, iam, ctx) => {
    iam.policies.setDefaultVersion(ctx.account, input.PolicyArn, input.VersionId);
    return undefined;
  },
});
