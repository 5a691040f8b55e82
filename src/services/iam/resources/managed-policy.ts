// AWS::IAM::ManagedPolicy: a customer managed policy made with CreatePolicy and attached to roles; a new
// document becomes a new default policy version, as CloudFormation does.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

/** Managed policy names are at most 128 characters. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html */
const MAX_NAME = 128;
/** IAM keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;

export const managedPolicy: ResourceType = {
  type: 'AWS::IAM::ManagedPolicy',

  async create(properties, ctx) {
    checkPrincipals(properties);
    const { Policy } = await ctx.call('iam', 'CreatePolicy', {
      PolicyName: stringProperty(properties.ManagedPolicyName) ?? ctx.physicalName({ maxLength: MAX_NAME }),
      Path: stringProperty(properties.Path),
      Description: stringProperty(properties.Description),
      PolicyDocument: stringProperty(properties.PolicyDocument),
    });
    const PolicyArn = String((Policy as Record<string, unknown>).Arn);
    for (const RoleName of roles(properties))
      await ctx.call('iam', 'AttachRolePolicy', { RoleName, PolicyArn });
    return state(ctx, PolicyArn);
  },

  async update(current, properties, previous, ctx) {
    checkPrincipals(properties);
    const PolicyArn = current.physicalId;
    const document = stringProperty(properties.PolicyDocument);
    if (document !== stringProperty(previous.PolicyDocument)) await newVersion(ctx, PolicyArn, document);
    const now = roles(properties);
    const before = roles(previous);
    for (const RoleName of before.filter((name) => !now.includes(name)))
      await detach(ctx, RoleName, PolicyArn);
    for (const RoleName of now.filter((name) => !before.includes(name))) {
      await ctx.call('iam', 'AttachRolePolicy', { RoleName, PolicyArn });
    }
    return state(ctx, PolicyArn);
  },

  // IAM deletes a policy only once it is detached and has no versions but the default.
  async delete(current, properties, ctx) {
    const PolicyArn = current.physicalId;
    for (const RoleName of roles(properties)) await detach(ctx, RoleName, PolicyArn);
    try {
      for (const version of await versions(ctx, PolicyArn)) {
        if (!version.IsDefaultVersion) {
          await ctx.call('iam', 'DeletePolicyVersion', { PolicyArn, VersionId: version.VersionId });
        }
      }
      await ctx.call('iam', 'DeletePolicy', { PolicyArn });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchEntity'])) throw error;
    }
  },
};

/** The new document as the default version; at IAM's five, the oldest other version makes room. */
async function newVersion(ctx: ResourceContext, PolicyArn: string, PolicyDocument: string | undefined) {
  const existing = await versions(ctx, PolicyArn);
  if (existing.length >= MAX_VERSIONS) {
    const oldest = existing
      .filter((version) => !version.IsDefaultVersion)
      .sort((a, b) => Number(a.VersionId.slice(1)) - Number(b.VersionId.slice(1)))[0];
    await ctx.call('iam', 'DeletePolicyVersion', { PolicyArn, VersionId: oldest.VersionId });
  }
  await ctx.call('iam', 'CreatePolicyVersion', { PolicyArn, PolicyDocument, SetAsDefault: true });
}

async function versions(ctx: ResourceContext, PolicyArn: string) {
  const { Versions } = await ctx.call('iam', 'ListPolicyVersions', { PolicyArn });
  return (Versions ?? []) as { VersionId: string; IsDefaultVersion: boolean }[];
}

async function detach(ctx: ResourceContext, RoleName: string, PolicyArn: string): Promise<void> {
  try {
    await ctx.call('iam', 'DetachRolePolicy', { RoleName, PolicyArn });
  } catch (error) {
    if (!isNotFound(error, ['NoSuchEntity'])) throw error;
  }
}

function roles(properties: ResourceProperties): string[] {
  return Array.isArray(properties.Roles) ? properties.Roles.map(String) : [];
}

/** Nimbus's IAM has no users or groups to attach to. */
function checkPrincipals(properties: ResourceProperties): void {
  for (const kind of ['Users', 'Groups']) {
    const value = properties[kind];
    if (Array.isArray(value) && value.length > 0) {
      throw new Error(`AWS::IAM::ManagedPolicy: ${kind} are not supported by Nimbus (IAM serves roles only)`);
    }
  }
}

/** Ref is the policy ARN; GetAtt reads the schema's attributes from GetPolicy. */
async function state(ctx: ResourceContext, PolicyArn: string) {
  const { Policy } = await ctx.call('iam', 'GetPolicy', { PolicyArn });
  const policy = Policy as Record<string, unknown>;
  return {
    physicalId: PolicyArn,
    attributes: {
      PolicyArn,
      PolicyId: policy.PolicyId,
      DefaultVersionId: policy.DefaultVersionId,
      AttachmentCount: policy.AttachmentCount,
      PermissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount,
      IsAttachable: policy.IsAttachable,
      CreateDate: isoDate(policy.CreateDate),
      UpdateDate: isoDate(policy.UpdateDate),
    },
  };
}

/** Timestamps come back from an in-process call as epoch milliseconds (or Dates); GetAtt gives them as
 * IAM's wire does, ISO-8601 in whole seconds (`2024-01-01T00:00:00Z`). */
function isoDate(value: unknown): string | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : undefined;
  if (ms === undefined) return typeof value === 'string' ? value : undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
