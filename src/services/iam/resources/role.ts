// AWS::IAM::Role: a role made with CreateRole, with its attached managed policies and inline policies,
// changed in place with UpdateRole, UpdateAssumeRolePolicy, Attach/DetachRolePolicy, Put/DeleteRolePolicy
// and TagRole/UntagRole.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html

import {
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagChanges,
} from '../../../core/resources.js';

/** Role names are at most 64 characters. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
const MAX_NAME = 64;
/** What MaxSessionDuration goes back to when removed: IAM's default, one hour. */
const DEFAULT_SESSION_SECONDS = 3600;

export const role: ResourceType = {
  type: 'AWS::IAM::Role',

  async create(properties, ctx) {
    const RoleName = stringProperty(properties.RoleName) ?? ctx.physicalName({ maxLength: MAX_NAME });
    const { Role } = await ctx.call('iam', 'CreateRole', {
      RoleName,
      AssumeRolePolicyDocument: stringProperty(properties.AssumeRolePolicyDocument),
      Path: stringProperty(properties.Path),
      Description: stringProperty(properties.Description),
      MaxSessionDuration: numberProperty(properties.MaxSessionDuration),
      PermissionsBoundary: stringProperty(properties.PermissionsBoundary),
      Tags: tagList(properties),
    });
    for (const PolicyArn of managedPolicyArns(properties)) {
      await ctx.call('iam', 'AttachRolePolicy', { RoleName, PolicyArn });
    }
    for (const [PolicyName, PolicyDocument] of inlinePolicies(properties)) {
      await ctx.call('iam', 'PutRolePolicy', { RoleName, PolicyName, PolicyDocument });
    }
    return state(Role as Record<string, string>);
  },

  async update(current, properties, previous, ctx) {
    const RoleName = current.physicalId;
    if (stringProperty(properties.PermissionsBoundary) !== stringProperty(previous.PermissionsBoundary)) {
      // Put/DeleteRolePermissionsBoundary are not served by Nimbus's IAM yet.
      throw new Error('AWS::IAM::Role: changing PermissionsBoundary is not supported by Nimbus');
    }
    const trust = stringProperty(properties.AssumeRolePolicyDocument);
    if (trust !== stringProperty(previous.AssumeRolePolicyDocument)) {
      await ctx.call('iam', 'UpdateAssumeRolePolicy', { RoleName, PolicyDocument: trust });
    }
    const description = stringProperty(properties.Description);
    const duration = numberProperty(properties.MaxSessionDuration);
    if (
      description !== stringProperty(previous.Description) ||
      duration !== numberProperty(previous.MaxSessionDuration)
    ) {
      await ctx.call('iam', 'UpdateRole', {
        RoleName,
        Description: description ?? '',
        MaxSessionDuration: duration ?? DEFAULT_SESSION_SECONDS,
      });
    }
    await updateManagedPolicies(ctx, RoleName, managedPolicyArns(properties), managedPolicyArns(previous));
    await updateInlinePolicies(ctx, RoleName, inlinePolicies(properties), inlinePolicies(previous));
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0) await ctx.call('iam', 'UntagRole', { RoleName, TagKeys: tags.removed });
    const Tags = Object.entries(tags.set).map(([Key, Value]) => ({ Key, Value }));
    if (Tags.length > 0) await ctx.call('iam', 'TagRole', { RoleName, Tags });
    const { Role } = await ctx.call('iam', 'GetRole', { RoleName });
    return state(Role as Record<string, string>);
  },

  // IAM refuses to delete a role with policies, so all go first, whoever put them there (as CloudFormation
  // does: a policy of another stack's making would otherwise block the delete forever).
  async delete(current, _properties, ctx) {
    const RoleName = current.physicalId;
    try {
      const { AttachedPolicies } = await ctx.call('iam', 'ListAttachedRolePolicies', {
        RoleName,
        MaxItems: 1000,
      });
      for (const { PolicyArn } of (AttachedPolicies ?? []) as { PolicyArn: string }[]) {
        await ctx.call('iam', 'DetachRolePolicy', { RoleName, PolicyArn });
      }
      const { PolicyNames } = await ctx.call('iam', 'ListRolePolicies', { RoleName, MaxItems: 1000 });
      for (const PolicyName of (PolicyNames ?? []) as string[]) {
        await ctx.call('iam', 'DeleteRolePolicy', { RoleName, PolicyName });
      }
      await ctx.call('iam', 'DeleteRole', { RoleName });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchEntity'])) throw error;
    }
  },
};

async function updateManagedPolicies(
  ctx: ResourceContext,
  RoleName: string,
  now: string[],
  before: string[],
): Promise<void> {
  for (const PolicyArn of before.filter((arn) => !now.includes(arn))) {
    try {
      await ctx.call('iam', 'DetachRolePolicy', { RoleName, PolicyArn });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchEntity'])) throw error;
    }
  }
  for (const PolicyArn of now.filter((arn) => !before.includes(arn))) {
    await ctx.call('iam', 'AttachRolePolicy', { RoleName, PolicyArn });
  }
}

async function updateInlinePolicies(
  ctx: ResourceContext,
  RoleName: string,
  now: Map<string, string>,
  before: Map<string, string>,
): Promise<void> {
  for (const PolicyName of before.keys()) {
    if (!now.has(PolicyName)) await ctx.call('iam', 'DeleteRolePolicy', { RoleName, PolicyName });
  }
  for (const [PolicyName, PolicyDocument] of now) {
    if (before.get(PolicyName) !== PolicyDocument) {
      await ctx.call('iam', 'PutRolePolicy', { RoleName, PolicyName, PolicyDocument });
    }
  }
}

function managedPolicyArns(properties: ResourceProperties): string[] {
  return Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns.map(String) : [];
}

/** `Policies: [{ PolicyName, PolicyDocument }]` by name, documents as the JSON IAM takes. */
function inlinePolicies(properties: ResourceProperties): Map<string, string> {
  const policies = new Map<string, string>();
  if (!Array.isArray(properties.Policies)) return policies;
  for (const policy of properties.Policies as Record<string, unknown>[]) {
    policies.set(String(policy?.PolicyName), stringProperty(policy?.PolicyDocument) ?? '');
  }
  return policies;
}

function tagList(properties: ResourceProperties): { Key: string; Value: string }[] | undefined {
  if (!Array.isArray(properties.Tags)) return undefined;
  return (properties.Tags as Record<string, unknown>[]).map((tag) => ({
    Key: String(tag?.Key),
    Value: stringProperty(tag?.Value) ?? '',
  }));
}

/** Ref is the role's name; GetAtt gives Arn and RoleId. */
function state(Role: Record<string, string>) {
  return { physicalId: Role.RoleName, attributes: { Arn: Role.Arn, RoleId: Role.RoleId } };
}
