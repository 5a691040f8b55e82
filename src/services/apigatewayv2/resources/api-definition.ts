// AWS::ApiGatewayV2::Api with an OpenAPI `Body` or `BodyS3Location` (read from S3 in process): created by
// ImportApi and updated by ReimportApi (Basepath, FailOnWarnings), then the template's own Name,
// Description, Version, CorsConfiguration, DisableExecuteApiEndpoint and Tags over the definition's, as
// CloudFormation documents ("If you specify … with Body, the value overrides the OpenAPI definition").
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html

import { booleanProperty, type ResourceContext } from '../../../core/resources.js';
import { definitionText } from '../../../lib/openapi/template-body.js';
import { apiArn } from '../names.js';
import { inputOf, syncTags } from './properties.js';

const OVERRIDES = ['Name', 'Description', 'Version', 'CorsConfiguration', 'DisableExecuteApiEndpoint'];

/** The API ImportApi (no `apiId`) or ReimportApi made from the definition, or undefined without one. */
export async function apiFromDefinition(
  properties: Record<string, unknown>,
  ctx: ResourceContext,
  existing?: { apiId: string; previousTags: unknown },
): Promise<Record<string, unknown> | undefined> {
  const Body = await definitionText(properties, ctx);
  if (Body === undefined) return undefined;
  const flags = {
    Body,
    ...(typeof properties.Basepath === 'string' ? { Basepath: properties.Basepath } : {}),
    ...(properties.FailOnWarnings !== undefined
      ? { FailOnWarnings: booleanProperty(properties.FailOnWarnings) }
      : {}),
  };
  let api = existing
    ? await ctx.call('apigatewayv2', 'ReimportApi', { ApiId: existing.apiId, ...flags })
    : await ctx.call('apigatewayv2', 'ImportApi', flags);
  const ApiId = String(api.ApiId);
  const overrides = inputOf(properties, OVERRIDES);
  if (Object.keys(overrides).length > 0)
    api = await ctx.call('apigatewayv2', 'UpdateApi', { ApiId, ...overrides });
  await syncTags(ctx, apiArn(ctx.region, ApiId), properties.Tags, existing?.previousTags);
  return api;
}
