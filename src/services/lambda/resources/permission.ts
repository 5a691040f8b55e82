// AWS::Lambda::Permission: one statement of a function's resource-based policy, added with AddPermission
// under a generated statement id and removed with RemovePermission. Every property is create-only, so a
// change replaces it. The physical id is the schema's primary identifier, `<function ARN>|<statement id>`
// (as Cloud Control reports it); Fn::GetAtt Id is the statement id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html

import { booleanProperty, isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';
import { defined, type Json, NOT_FOUND } from './properties.js';

export const lambdaPermission: ResourceType = {
  type: 'AWS::Lambda::Permission',

  async create(properties, ctx) {
    // Statement ids are at most 100 characters of [a-zA-Z0-9-_.].
    const statementId = ctx.physicalName({ maxLength: 100 });
    const functionName = stringProperty(properties.FunctionName);
    await ctx.call(
      'lambda',
      'AddPermission',
      defined({
        FunctionName: functionName,
        StatementId: statementId,
        Action: stringProperty(properties.Action),
        Principal: stringProperty(properties.Principal),
        SourceArn: stringProperty(properties.SourceArn),
        SourceAccount: stringProperty(properties.SourceAccount),
        PrincipalOrgID: stringProperty(properties.PrincipalOrgID),
        EventSourceToken: stringProperty(properties.EventSourceToken),
        FunctionUrlAuthType: stringProperty(properties.FunctionUrlAuthType),
        InvokedViaFunctionUrl: booleanProperty(properties.InvokedViaFunctionUrl),
      }),
    );
    const config = (await ctx.call('lambda', 'GetFunctionConfiguration', {
      FunctionName: functionName,
    })) as Json;
    return { physicalId: `${String(config.FunctionArn)}|${statementId}`, attributes: { Id: statementId } };
  },

  async delete(state, properties, ctx) {
    try {
      await ctx.call('lambda', 'RemovePermission', {
        FunctionName: stringProperty(properties.FunctionName),
        StatementId: String(state.attributes.Id ?? state.physicalId.split('|').pop()),
      });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};
