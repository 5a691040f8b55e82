import * as model from '../../../core/generated/iam.js';
import { operation, versionOutput } from './operation.js';

export const createPolicyVersion = operation({
  input: model.CreatePolicyVersionRequest,
  output: model.CreatePolicyVersionResponse,
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
  input: model.GetPolicyVersionRequest,
  output: model.GetPolicyVersionResponse,
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
  input: model.ListPolicyVersionsRequest,
  output: model.ListPolicyVersionsResponse,
  run: (input, iam, ctx) => {
    // Five versions at most: one page always holds them all.
    const versions = iam.policies.listVersions(ctx.account, input.PolicyArn);
    return { Versions: versions.map((v) => versionOutput(v, false)), IsTruncated: false };
  },
});

export const deletePolicyVersion = operation({
  input: model.DeletePolicyVersionRequest,
  run: (input, iam, ctx) => {
    iam.policies.deleteVersion(ctx.account, input.PolicyArn, input.VersionId);
    return undefined;
  },
});

export const setDefaultPolicyVersion = operation({
  input: model.SetDefaultPolicyVersionRequest,
  run: (input, iam, ctx) => {
    iam.policies.setDefaultVersion(ctx.account, input.PolicyArn, input.VersionId);
    return undefined;
  },
});
