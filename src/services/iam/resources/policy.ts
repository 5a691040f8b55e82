// AWS::IAM::Policy: one inline policy document put into each listed role with PutRolePolicy.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const policy: ResourceType = {
  type: 'AWS::IAM::Policy',

  async create(properties, ctx) {
    const { name, document } = parts(properties);
    for (const RoleName of list(properties.Roles)) await put(ctx, RoleName, name, document);
    // The policy has no identity of its own in IAM; CloudFormation gives it a generated id as Ref.
    return { physicalId: ctx.physicalName(), attributes: { Id: ctx.physicalName() } };
  },

  // PolicyName is not create-only: a renamed policy is removed under its old name and put under the new.
  async update(current, properties, previous, ctx) {
    const now = parts(properties);
    const before = parts(previous);
    const roles = list(properties.Roles);
    for (const RoleName of list(previous.Roles)) {
      if (!roles.includes(RoleName) || before.name !== now.name) await remove(ctx, RoleName, before.name);
    }
    for (const RoleName of roles) await put(ctx, RoleName, now.name, now.document);
    return current;
  },

  async delete(_current, properties, ctx) {
    const { name } = parts(properties);
    for (const RoleName of list(properties.Roles)) await remove(ctx, RoleName, name);
  },
};

/** The name and document; users and groups are refused, since Nimbus's IAM has neither. */
function parts(properties: ResourceProperties): { name: string; document: string } {
  for (const kind of ['Users', 'Groups']) {
    if (list(properties[kind]).length > 0) {
      throw new Error(`AWS::IAM::Policy: ${kind} are not supported by Nimbus (IAM serves roles only)`);
    }
  }
  return {
    name: String(properties.PolicyName),
    document: stringProperty(properties.PolicyDocument) ?? '',
  };
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

async function put(ctx: ResourceContext, RoleName: string, PolicyName: string, PolicyDocument: string) {
  await ctx.call('iam', 'PutRolePolicy', { RoleName, PolicyName, PolicyDocument });
}

/** A role (or its policy) already gone has nothing left to remove. */
async function remove(ctx: ResourceContext, RoleName: string, PolicyName: string): Promise<void> {
  try {
    await ctx.call('iam', 'DeleteRolePolicy', { RoleName, PolicyName });
  } catch (error) {
    if (!isNotFound(error, ['NoSuchEntity'])) throw error;
  }
}
