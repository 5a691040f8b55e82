// The CloudFormation operation factory and what several operations share: reading a template from the
// request (TemplateBody, or TemplateURL naming an object in Nimbus's S3), building a stack request, and
// rendering stacks, resources and events as the API returns them.

import { ServiceError } from '../../../core/errors.js';
import type { RequestContext } from '../../../core/service.js';
import { operationFor } from '../../../core/service.js';
import type { CloudFormation, StackOutput, StackRequest, StoredParameters } from '../cloudformation.js';
import type { EventRow, ResourceRow, StackRow } from '../store.js';
import type { GivenParameter } from '../template/parameters.js';

export const operation = operationFor<CloudFormation>();

interface TemplateSource {
  TemplateBody?: string;
  TemplateURL?: string;
}

/** The template a request carries; exactly one of TemplateBody and TemplateURL (unless the caller may
 * reuse the previous template). */
export async function templateBody(
  input: TemplateSource,
  call: (service: string, operation: string, input: Record<string, unknown>) => Promise<unknown>,
): Promise<string> {
  if (input.TemplateBody !== undefined && input.TemplateURL !== undefined) {
    throw new ServiceError('ValidationError', 'You cannot specify both TemplateURL and TemplateBody');
  }
  if (input.TemplateBody !== undefined) return input.TemplateBody;
  if (input.TemplateURL === undefined) {
    throw new ServiceError('ValidationError', 'Either Template URL or Template Body must be specified.');
  }
  const location = s3Location(input.TemplateURL);
  if (!location) {
    throw new ServiceError('ValidationError', 'TemplateURL must be a supported URL.');
  }
  try {
    const object = (await call('s3', 'GetObject', { Bucket: location.bucket, Key: location.key })) as {
      Body: AsyncIterable<Buffer> | Buffer;
    };
    if (Buffer.isBuffer(object.Body)) return object.Body.toString('utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of object.Body) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    // CloudFormation passes S3's own message on ("S3 error: Access Denied", "S3 error: The specified key
    // does not exist.").
    throw new ServiceError('ValidationError', `S3 error: ${error.message}`);
  }
}

/** Bucket and key of an S3 URL: path style (`https://s3.amazonaws.com/bucket/key`, Nimbus's
 * `http://127.0.0.1:4566/bucket/key`) or virtual-hosted (`https://bucket.s3.us-east-1.amazonaws.com/key`,
 * `http://bucket.s3.localhost:4566/key`). */
export function s3Location(url: string): { bucket: string; key: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(parsed.pathname.slice(1));
  const virtual = /^(.+?)\.s3[.-]/.exec(parsed.hostname) ?? /^(.+)\.localhost$/.exec(parsed.hostname);
  if (virtual && virtual[1] !== 's3') return path ? { bucket: virtual[1]!, key: path } : undefined;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

interface StackRequestInput {
  StackName: string;
  Parameters?: { ParameterKey?: string; ParameterValue?: string; UsePreviousValue?: boolean }[];
  Capabilities?: string[];
  Tags?: { Key: string; Value: string }[];
  DisableRollback?: boolean;
  ClientRequestToken?: string;
}

export function stackRequest(input: StackRequestInput, body: string, ctx: RequestContext): StackRequest {
  return {
    account: ctx.account,
    region: ctx.region,
    name: input.StackName,
    body,
    parameters: (input.Parameters ?? []).map(
      (p): GivenParameter => ({
        ParameterKey: p.ParameterKey ?? '',
        ParameterValue: p.ParameterValue,
        UsePreviousValue: p.UsePreviousValue,
      }),
    ),
    capabilities: input.Capabilities ?? [],
    tags: input.Tags ?? [],
    disableRollback: input.DisableRollback ?? false,
    clientRequestToken: input.ClientRequestToken,
  };
}

/** A stack as DescribeStacks shows it; NoEcho parameters are masked. */
export function stackOutput(stack: StackRow) {
  const parameters = JSON.parse(stack.parameters) as StoredParameters;
  const outputs = JSON.parse(stack.outputs) as StackOutput[];
  const tags = JSON.parse(stack.tags) as { Key: string; Value: string }[];
  const capabilities = JSON.parse(stack.capabilities) as string[];
  return {
    StackId: stack.stack_id,
    StackName: stack.name,
    Description: stack.description ?? undefined,
    Parameters: parameterList(parameters),
    CreationTime: stack.created_at,
    DeletionTime: stack.deleted_at ?? undefined,
    LastUpdatedTime: stack.updated_at ?? undefined,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.status_reason ?? undefined,
    DisableRollback: stack.disable_rollback === 1,
    NotificationARNs: [],
    Capabilities: capabilities.length > 0 ? capabilities : undefined,
    Outputs: outputs.length > 0 ? outputs : undefined,
    Tags: tags,
    EnableTerminationProtection: stack.termination_protection === 1,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function parameterList(parameters: StoredParameters) {
  const entries = Object.entries(parameters.values);
  if (entries.length === 0) return undefined;
  const text = (value: string | string[]) => (Array.isArray(value) ? value.join(',') : value);
  return entries.map(([key, value]) => {
    // An SSM-typed parameter reports the name it was given and, as ResolvedValue, what that read.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
    const ssmName = parameters.ssmNames?.[key];
    if (ssmName !== undefined)
      return { ParameterKey: key, ParameterValue: ssmName, ResolvedValue: text(value) };
    return { ParameterKey: key, ParameterValue: parameters.noEcho.includes(key) ? '****' : text(value) };
  });
}

export function resourceOutput(stack: StackRow, row: ResourceRow) {
  return {
    StackName: stack.name,
    StackId: stack.stack_id,
    LogicalResourceId: row.logical_id,
    PhysicalResourceId: row.physical_id ?? undefined,
    ResourceType: row.type,
    Timestamp: row.updated_at,
    LastUpdatedTimestamp: row.updated_at,
    ResourceStatus: row.status,
    ResourceStatusReason: row.status_reason ?? undefined,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function eventOutput(stack: StackRow, event: EventRow) {
  return {
    StackId: stack.stack_id,
    EventId: event.event_id,
    StackName: stack.name,
    LogicalResourceId: event.logical_id,
    PhysicalResourceId: event.physical_id ?? '',
    ResourceType: event.type,
    Timestamp: event.at,
    ResourceStatus: event.status,
    ResourceStatusReason: event.status_reason ?? undefined,
    ResourceProperties: event.properties ?? undefined,
    ClientRequestToken: event.client_request_token ?? undefined,
  };
}

/** A page of `items` from `NextToken` (an offset CloudFormation would keep opaque). */
export function page<T>(items: readonly T[], nextToken: string | undefined, size = 100) {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ServiceError('ValidationError', 'Invalid NextToken');
  const slice = items.slice(start, start + size);
  const next =
    start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { items: slice, nextToken: next };
}
