// The pool's child resources: AWS::Cognito::UserPoolClient (Ref the client id; GetAtt ClientId, Name,
// ClientSecret), UserPoolGroup (Ref the group name), UserPoolDomain (Ref the domain; GetAtt
// CloudFrontDistribution), UserPoolUser (Ref the username) and UserPoolUserToGroupAttachment. Each calls
// the pool's own operations, so a template's client is the one CreateUserPoolClient would make.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_Cognito.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

const GONE = ['ResourceNotFoundException', 'UserNotFoundException', 'InvalidParameterException'];

/** Every template property but the named ones, as the API takes them. */
function rest(properties: ResourceProperties, ...without: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([name]) => !without.includes(name)));
}

async function quietly(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!isNotFound(error, GONE)) throw error;
  }
}

export const userPoolClient: ResourceType = {
  type: 'AWS::Cognito::UserPoolClient',
  async create(properties, ctx) {
    const output = (await ctx.call('cognito-idp', 'CreateUserPoolClient', {
      ...rest(properties),
      ClientName: stringProperty(properties.ClientName) ?? ctx.physicalName({ maxLength: 128 }),
    })) as { UserPoolClient: Record<string, string> };
    return clientState(output.UserPoolClient);
  },
  async update(current, properties, _previous, ctx) {
    const output = (await ctx.call('cognito-idp', 'UpdateUserPoolClient', {
      ...rest(properties, 'GenerateSecret'),
      ClientId: current.physicalId,
      ClientName: stringProperty(properties.ClientName) ?? current.attributes.Name,
    })) as { UserPoolClient: Record<string, string> };
    return clientState(output.UserPoolClient);
  },
  async delete(current, properties, ctx) {
    await quietly(
      ctx.call('cognito-idp', 'DeleteUserPoolClient', {
        UserPoolId: properties.UserPoolId,
        ClientId: current.physicalId,
      }),
    );
  },
};

function clientState(client: Record<string, string>) {
  return {
    physicalId: client.ClientId!,
    attributes: {
      ClientId: client.ClientId,
      Name: client.ClientName,
      ...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
    },
  };
}

export const userPoolGroup: ResourceType = {
  type: 'AWS::Cognito::UserPoolGroup',
  async create(properties, ctx) {
    const GroupName = stringProperty(properties.GroupName) ?? ctx.physicalName({ maxLength: 128 });
    await ctx.call('cognito-idp', 'CreateGroup', { ...rest(properties), GroupName });
    return { physicalId: GroupName, attributes: {} };
  },
  async update(current, properties, _previous, ctx) {
    await ctx.call('cognito-idp', 'UpdateGroup', { ...rest(properties), GroupName: current.physicalId });
    return current;
  },
  async delete(current, properties, ctx) {
    await quietly(
      ctx.call('cognito-idp', 'DeleteGroup', {
        UserPoolId: properties.UserPoolId,
        GroupName: current.physicalId,
      }),
    );
  },
};

export const userPoolDomain: ResourceType = {
  type: 'AWS::Cognito::UserPoolDomain',
  async create(properties, ctx) {
    await ctx.call('cognito-idp', 'CreateUserPoolDomain', rest(properties));
    return domainState(properties, ctx);
  },
  async update(_current, properties, _previous, ctx) {
    await ctx.call('cognito-idp', 'UpdateUserPoolDomain', rest(properties));
    return domainState(properties, ctx);
  },
  async delete(current, properties, ctx) {
    await quietly(
      ctx.call('cognito-idp', 'DeleteUserPoolDomain', {
        UserPoolId: properties.UserPoolId,
        Domain: current.physicalId,
      }),
    );
  },
};

function domainState(properties: ResourceProperties, ctx: ResourceContext) {
  const domain = stringProperty(properties.Domain) ?? '';
  return {
    physicalId: domain,
    attributes: {
      CloudFrontDistribution: `${domain}.auth.${ctx.region}.amazoncognito.com`,
      ManagedLoginVersion: properties.ManagedLoginVersion ?? 1,
    },
  };
}

export const userPoolUser: ResourceType = {
  type: 'AWS::Cognito::UserPoolUser',
  async create(properties, ctx) {
    const Username = stringProperty(properties.Username) ?? ctx.physicalName({ maxLength: 128 });
    const output = (await ctx.call('cognito-idp', 'AdminCreateUser', { ...rest(properties), Username })) as {
      User: { Username: string };
    };
    return { physicalId: output.User.Username, attributes: {} };
  },
  async delete(current, properties, ctx) {
    await quietly(
      ctx.call('cognito-idp', 'AdminDeleteUser', {
        UserPoolId: properties.UserPoolId,
        Username: current.physicalId,
      }),
    );
  },
};

export const userPoolUserToGroupAttachment: ResourceType = {
  type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
  async create(properties, ctx) {
    await ctx.call('cognito-idp', 'AdminAddUserToGroup', rest(properties));
    return {
      physicalId: `${properties.UserPoolId}-${properties.GroupName}-${properties.Username}`,
      attributes: {},
    };
  },
  async delete(_current, properties, ctx) {
    await quietly(ctx.call('cognito-idp', 'AdminRemoveUserFromGroup', rest(properties)));
  },
};
