// AWS::Serverless::Api and AWS::Serverless::HttpApi defined by OpenAPI (DefinitionBody, or DefinitionUri as
// `s3://bucket/key`, {Bucket, Key, Version} or a local file read in place) → the resources SAM's translator
// makes: for Api an AWS::ApiGateway::RestApi with the Body, a Deployment `<Id>Deployment<sha1 of the
// definition>` (so a changed definition is a new deployment) and the `<Id><StageName>Stage` stage; for
// HttpApi an AWS::ApiGatewayV2::Api and its auto-deploying stage (`<Id>ApiGatewayDefaultStage` for `$default`).
// APIs SAM would generate from functions' Api/HttpApi events (no definition) are not translated.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html

import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ResourceDeclaration } from '../../template/parse.js';
import { InvalidResource, notServed } from './errors.js';
import { resourceAttributes } from './function.js';
import { stableLogicalId } from './logical-ids.js';
import { defined, isRecord, type Properties, ref } from './values.js';

export function translateApi(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
  templateDirectory: string | undefined,
): Record<string, ResourceDeclaration> {
  const definition = definitionOf(logicalId, properties, templateDirectory);
  const stageName = properties.StageName;
  if (stageName === undefined) throw new InvalidResource(logicalId, "Missing required property 'StageName'.");
  const endpoint = properties.EndpointConfiguration;
  const endpointType = isRecord(endpoint) ? endpoint.Type : endpoint;
  const deploymentId = stableLogicalId(
    `${logicalId}Deployment`,
    definition.Body ?? definition.BodyS3Location,
  );
  const stageId = `${logicalId}${typeof stageName === 'string' ? stageName.replace(/[^A-Za-z0-9]/g, '') : ''}Stage`;
  return {
    [logicalId]: {
      Type: 'AWS::ApiGateway::RestApi',
      ...resourceAttributes(declaration),
      Properties: defined({
        ...definition,
        Name: properties.Name,
        Description: properties.Description,
        BinaryMediaTypes: properties.BinaryMediaTypes,
        MinimumCompressionSize: properties.MinimumCompressionSize,
        Mode: properties.Mode,
        FailOnWarnings: properties.FailOnWarnings,
        DisableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint,
        EndpointConfiguration: endpointType === undefined ? undefined : { Types: [endpointType] },
        Parameters: endpointType === undefined ? undefined : { endpointConfigurationTypes: endpointType },
      }),
    },
    [deploymentId]: {
      Type: 'AWS::ApiGateway::Deployment',
      Properties: {
        RestApiId: ref(logicalId),
        Description: `RestApi deployment id: ${deploymentId.slice(-10)}`,
        StageName: 'Stage',
      },
    },
    [stageId]: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: defined({
        RestApiId: ref(logicalId),
        DeploymentId: ref(deploymentId),
        StageName: stageName,
        Variables: properties.Variables,
        MethodSettings: properties.MethodSettings,
        TracingEnabled: properties.TracingEnabled,
        CacheClusterEnabled: properties.CacheClusterEnabled,
        CacheClusterSize: properties.CacheClusterSize,
        AccessLogSetting: properties.AccessLogSetting,
      }),
    },
  };
}

export function translateHttpApi(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
  templateDirectory: string | undefined,
): Record<string, ResourceDeclaration> {
  const definition = definitionOf(logicalId, properties, templateDirectory);
  const stageName = properties.StageName ?? '$default';
  const stageId =
    stageName === '$default'
      ? `${logicalId}ApiGatewayDefaultStage`
      : `${logicalId}${String(stageName).replace(/[^A-Za-z0-9]/g, '')}Stage`;
  return {
    [logicalId]: {
      Type: 'AWS::ApiGatewayV2::Api',
      ...resourceAttributes(declaration),
      Properties: defined({
        ...definition,
        Name: properties.Name,
        Description: properties.Description,
        FailOnWarnings: properties.FailOnWarnings,
        DisableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint,
        CorsConfiguration: isRecord(properties.CorsConfiguration) ? properties.CorsConfiguration : undefined,
        Tags: isRecord(properties.Tags) ? { ...properties.Tags, 'httpapi:createdBy': 'SAM' } : undefined,
      }),
    },
    [stageId]: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: defined({
        ApiId: ref(logicalId),
        StageName: stageName,
        AutoDeploy: true,
        StageVariables: properties.StageVariables,
        DefaultRouteSettings: properties.DefaultRouteSettings,
        RouteSettings: properties.RouteSettings,
        AccessLogSettings: properties.AccessLogSettings,
      }),
    },
  };
}

/** `Body` or `BodyS3Location` for the API resource. */
function definitionOf(
  logicalId: string,
  properties: Properties,
  templateDirectory: string | undefined,
): { Body?: unknown; BodyS3Location?: Properties } {
  if (properties.DefinitionBody !== undefined) return { Body: properties.DefinitionBody };
  const uri = properties.DefinitionUri;
  if (isRecord(uri))
    return { BodyS3Location: defined({ Bucket: uri.Bucket, Key: uri.Key, Version: uri.Version }) };
  if (typeof uri === 'string') {
    const s3 = /^s3:\/\/([^/]+)\/(.+?)(?:\?versionId=(.+))?$/.exec(uri);
    if (s3) return { BodyS3Location: defined({ Bucket: s3[1], Key: s3[2], Version: s3[3] }) };
    const path = isAbsolute(uri) ? uri : resolve(templateDirectory ?? process.cwd(), uri);
    try {
      return { Body: parseYaml(readFileSync(path, 'utf8')) as unknown };
    } catch (error) {
      throw new InvalidResource(
        logicalId,
        `DefinitionUri ${uri} could not be read: ${(error as Error).message}`,
      );
    }
  }
  throw new InvalidResource(
    logicalId,
    notServed('An API without DefinitionBody or DefinitionUri (generated from function events)'),
  );
}
