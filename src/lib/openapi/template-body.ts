// The OpenAPI definition a CloudFormation resource carries: `Body` (an object, or JSON/YAML text) or
// `BodyS3Location` ({Bucket, Key, Version}) read through S3's GetObject in process. Shared by
// AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api (and SAM's DefinitionBody/DefinitionUri through them).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-restapi-s3location.html

import type { ResourceContext } from '../../core/resources.js';

/** The definition's text, or undefined when the resource has neither property. */
export async function definitionText(
  properties: Record<string, unknown>,
  ctx: Pick<ResourceContext, 'call'>,
): Promise<string | undefined> {
  const body = properties.Body;
  if (body !== undefined) return typeof body === 'string' ? body : JSON.stringify(body);
  const location = properties.BodyS3Location as Record<string, unknown> | undefined;
  if (location === undefined) return undefined;
  if (typeof location.Bucket !== 'string' || typeof location.Key !== 'string') {
    throw new Error('BodyS3Location needs a Bucket and a Key');
  }
  const object = await ctx.call('s3', 'GetObject', {
    Bucket: location.Bucket,
    Key: location.Key,
    ...(typeof location.Version === 'string' ? { VersionId: location.Version } : {}),
  });
  const content = object.Body as AsyncIterable<Buffer> | Buffer | string;
  if (typeof content === 'string') return content;
  if (Buffer.isBuffer(content)) return content.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
