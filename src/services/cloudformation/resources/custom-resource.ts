// AWS::CloudFormation::CustomResource and every `Custom::<Name>`: the request CloudFormation sends to the
// ServiceToken (a Lambda function, invoked asynchronously, or an SNS topic) for Create, Update and Delete,
// and the response the provider PUTs to the presigned ResponseURL, waited for until ServiceTimeout.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html

import { randomUUID } from 'node:crypto';
import { parseArn } from '../../../core/arn.js';
import {
  isNotFound,
  numberProperty,
  type ResourceContext,
  ResourceFailure,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { ensureResponseBucket, pause, presignedPutUrl, readObject } from './responses.js';

/** CloudFormation's default and largest ServiceTimeout, in seconds; `NIMBUS_CUSTOM_RESOURCE_TIMEOUT`
 * lowers the default for a local cloud where a provider that never answers should fail sooner. */
export const MAX_SERVICE_TIMEOUT = 3600;

/** The custom resource type for `typeName` (`AWS::CloudFormation::CustomResource`, `Custom::Orders`): the
 * request carries the name the template gave. */
export function customResourceType(typeName: string): ResourceType {
  return {
    type: typeName,
    async create(properties, ctx) {
      const answer = await send(ctx, typeName, 'Create', properties);
      return state(answer);
    },
    async update(current, properties, previous, ctx) {
      if (stringProperty(properties.ServiceToken) !== stringProperty(previous.ServiceToken)) {
        throw new ResourceFailure('Modifying service token is not allowed.');
      }
      const answer = await send(ctx, typeName, 'Update', properties, current.physicalId, previous);
      const next = state(answer, current.physicalId);
      return next.physicalId === current.physicalId ? next : { ...next, replacement: true };
    },
    async delete(current, properties, ctx) {
      try {
        await send(ctx, typeName, 'Delete', properties, current.physicalId);
      } catch (error) {
        // A provider deleted before its resource cannot answer; CloudFormation would wait an hour and fail.
        if (!isNotFound(error, ['ResourceNotFoundException', 'NotFound'])) throw error;
      }
    },
  };
}

interface Answer {
  readonly Status?: unknown;
  readonly Reason?: unknown;
  readonly PhysicalResourceId?: unknown;
  readonly Data?: unknown;
  readonly NoEcho?: unknown;
}

/** The response body's limit. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html */
const MAX_RESPONSE_BYTES = 4096;

async function send(
  ctx: ResourceContext,
  typeName: string,
  requestType: 'Create' | 'Update' | 'Delete',
  properties: ResourceProperties,
  physicalId?: string,
  previous?: ResourceProperties,
): Promise<Answer> {
  const token = stringProperty(properties.ServiceToken);
  if (!token) throw new ResourceFailure('ServiceToken is required for a custom resource');
  const timeout = serviceTimeout(properties.ServiceTimeout);
  const requestId = randomUUID();
  const bucket = await ensureResponseBucket(ctx);
  const key = `custom-resources/${ctx.stackName}/${ctx.logicalId}/${requestId}`;
  // AWS's ResponseURL stays valid for two hours, past the longest ServiceTimeout.
  const request: Record<string, unknown> = {
    RequestType: requestType,
    ServiceToken: token,
    ResponseURL: presignedPutUrl(ctx, bucket, key, 7200),
    StackId: ctx.stackId,
    RequestId: requestId,
    LogicalResourceId: ctx.logicalId,
    ...(physicalId !== undefined ? { PhysicalResourceId: physicalId } : {}),
    ResourceType: typeName,
    ResourceProperties: asStrings(properties),
    ...(previous ? { OldResourceProperties: asStrings(previous) } : {}),
    ...(properties.ServiceTimeout !== undefined ? { ServiceTimeout: String(timeout) } : {}),
  };
  await deliver(ctx, token, JSON.stringify(request));
  const deadline = ctx.clock.now() + timeout * 1000;
  for (;;) {
    const body = await readObject(ctx, bucket, key);
    if (body !== undefined) return check(body, requestType, requestId);
    if (ctx.clock.now() >= deadline) {
      // The message CloudFormation records when no response arrives in time.
      throw new ResourceFailure(
        `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${requestId}]. If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.`,
      );
    }
    await pause(ctx);
  }
}

/** Lambda is invoked asynchronously and SNS gets the request as its message, as CloudFormation sends it. */
async function deliver(ctx: ResourceContext, token: string, request: string): Promise<void> {
  const service = parseArn(token)?.service;
  if (service === 'lambda') {
    await ctx.call('lambda', 'Invoke', {
      FunctionName: token,
      InvocationType: 'Event',
      Payload: Buffer.from(request, 'utf8').toString('base64'),
    });
  } else if (service === 'sns') {
    await ctx.call('sns', 'Publish', { TopicArn: token, Message: request });
  } else {
    throw new ResourceFailure(`Invalid service token: ${token} is not a Lambda function or SNS topic ARN`);
  }
}

function check(body: string, requestType: string, requestId: string): Answer {
  if (Buffer.byteLength(body) > MAX_RESPONSE_BYTES) throw new ResourceFailure('Response object is too long.');
  let answer: Answer;
  try {
    answer = JSON.parse(body) as Answer;
  } catch {
    throw new ResourceFailure(`Invalid response object: the response is not JSON (RequestId: ${requestId})`);
  }
  if (answer?.Status === 'FAILED') {
    throw new ResourceFailure(
      `Received response status [FAILED] from custom resource. Message returned: ${stringProperty(answer.Reason) ?? ''} (RequestId: ${requestId})`,
    );
  }
  if (answer?.Status !== 'SUCCESS') {
    throw new ResourceFailure(
      `Invalid response object: Status must be SUCCESS or FAILED (RequestId: ${requestId})`,
    );
  }
  if (requestType === 'Create' && !stringProperty(answer.PhysicalResourceId)) {
    throw new ResourceFailure(`Invalid PhysicalResourceId (RequestId: ${requestId})`);
  }
  return answer;
}

/** Ref is the PhysicalResourceId; each Data member is an attribute for Fn::GetAtt. */
function state(answer: Answer, physicalId = ''): ResourceState {
  const data =
    answer.Data && typeof answer.Data === 'object' && !Array.isArray(answer.Data)
      ? (answer.Data as Record<string, unknown>)
      : {};
  return { physicalId: stringProperty(answer.PhysicalResourceId) || physicalId, attributes: { ...data } };
}

function serviceTimeout(value: unknown): number {
  const given = numberProperty(value);
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1 || given > MAX_SERVICE_TIMEOUT) {
      throw new ResourceFailure(
        `ServiceTimeout must be an integer from 1 to ${MAX_SERVICE_TIMEOUT} (was ${String(value)})`,
      );
    }
    return given;
  }
  const configured = numberProperty(process.env.NIMBUS_CUSTOM_RESOURCE_TIMEOUT);
  return configured !== undefined && configured > 0
    ? Math.min(configured, MAX_SERVICE_TIMEOUT)
    : MAX_SERVICE_TIMEOUT;
}

/** CloudFormation passes the provider every scalar of the properties as a string (`5` → `"5"`). */
function asStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, asStrings(member)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
