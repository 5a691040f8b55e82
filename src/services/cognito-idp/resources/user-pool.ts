// AWS::Cognito::UserPool: CreateUserPool from the template's properties (UserPoolName and UserPoolTags
// renamed to the API's PoolName and map), changed in place with UpdateUserPool, which resets what the
// update leaves out, as CloudFormation's full-replacement update does. Ref is the pool id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html

import {
  isNotFound,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

/** Template properties passed to CreateUserPool / UpdateUserPool under the same name. */
const SAME = [
  'Policies',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'AdminCreateUserConfig',
  'Schema',
  'UserPoolAddOns',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'DeletionProtection',
  'UserAttributeUpdateSettings',
  'UserPoolTier',
];

/** Create-only at the API (UpdateUserPool has no such members): a change replaces the pool. */
const NOT_UPDATABLE = new Set(['AliasAttributes', 'UsernameAttributes', 'Schema', 'UsernameConfiguration']);

export const userPool: ResourceType = {
  type: 'AWS::Cognito::UserPool',
  replacementProperties: [...NOT_UPDATABLE],

  async create(properties, ctx) {
    const output = (await ctx.call('cognito-idp', 'CreateUserPool', {
      ...members(properties, () => true),
      PoolName: stringProperty(properties.UserPoolName) ?? ctx.physicalName({ maxLength: 128 }),
      UserPoolTags: tags(properties.UserPoolTags),
    })) as { UserPool: { Id: string; Arn: string } };
    return state(output.UserPool.Id, output.UserPool.Arn, ctx.region);
  },

  async update(current, properties, _previous, ctx) {
    const UserPoolId = current.physicalId;
    await ctx.call('cognito-idp', 'UpdateUserPool', {
      ...members(properties, (name) => !NOT_UPDATABLE.has(name)),
      UserPoolId,
      UserPoolTags: tags(properties.UserPoolTags),
    });
    return state(UserPoolId, current.attributes.Arn as string, ctx.region);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cognito-idp', 'DeleteUserPool', { UserPoolId: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function members(properties: ResourceProperties, keep: (name: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(
    SAME.filter((name) => properties[name] !== undefined && keep(name)).map((name) => [
      name,
      properties[name],
    ]),
  );
}

/** UserPoolTags is a map in the template, as in the API. */
function tags(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, stringProperty(v) ?? '']),
  );
}

/** "Fn::GetAtt returns Arn, ProviderName, ProviderURL and UserPoolId." */
function state(id: string, arn: string, region: string) {
  return {
    physicalId: id,
    attributes: {
      Arn: arn,
      UserPoolId: id,
      ProviderName: `cognito-idp.${region}.amazonaws.com/${id}`,
      ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${id}`,
    },
  };
}
