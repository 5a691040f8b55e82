// AWS::CloudFormation::WaitConditionHandle (Ref: a presigned URL to PUT signals to) and
// AWS::CloudFormation::WaitCondition, which waits for Count SUCCESS signals on its Handle within Timeout
// seconds; GetAtt Data is the signals' Data by UniqueId, as a JSON object.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html

import { randomUUID } from 'node:crypto';
import {
  numberProperty,
  type ResourceContext,
  ResourceFailure,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { s3Location } from '../operations/operation.js';
import { ensureResponseBucket, pause, presignedPutUrl, readObject } from './responses.js';

/** A wait condition's longest Timeout: 12 hours. */
const MAX_TIMEOUT_SECONDS = 43_200;

export const waitConditionHandle: ResourceType = {
  type: 'AWS::CloudFormation::WaitConditionHandle',
  async create(_properties, ctx) {
    const bucket = await ensureResponseBucket(ctx);
    const key = `wait-conditions/${ctx.stackName}/${ctx.logicalId}/${randomUUID()}`;
    // Valid for a day, past the longest Timeout a wait condition can wait.
    const url = presignedPutUrl(ctx, bucket, key, 86_400);
    return { physicalId: url, attributes: { Id: url } };
  },
  async delete(current, _properties, ctx) {
    const location = s3Location(current.physicalId);
    if (!location) return;
    const versions = await signalVersions(ctx, location.bucket, location.key).catch(() => []);
    for (const VersionId of versions) {
      await ctx
        .call('s3', 'DeleteObject', { Bucket: location.bucket, Key: location.key, VersionId })
        .catch(() => undefined);
    }
  },
};

interface Signal {
  readonly Status?: unknown;
  readonly UniqueId?: unknown;
  readonly Data?: unknown;
  readonly Reason?: unknown;
}

export const waitCondition: ResourceType = {
  type: 'AWS::CloudFormation::WaitCondition',
  async create(properties, ctx) {
    const handle = stringProperty(properties.Handle);
    const location = handle ? s3Location(handle) : undefined;
    if (!location)
      throw new ResourceFailure('Handle must be the Ref of an AWS::CloudFormation::WaitConditionHandle');
    const count = numberProperty(properties.Count) ?? 1;
    const timeout = numberProperty(properties.Timeout);
    if (timeout === undefined || timeout < 0 || timeout > MAX_TIMEOUT_SECONDS) {
      throw new ResourceFailure(`Timeout must be a number of seconds from 0 to ${MAX_TIMEOUT_SECONDS}`);
    }
    const deadline = ctx.clock.now() + timeout * 1000;
    const signals = new Map<string, Signal>();
    const read = new Set<string>();
    for (;;) {
      for (const versionId of (await signalVersions(ctx, location.bucket, location.key)).reverse()) {
        if (read.has(versionId)) continue;
        read.add(versionId);
        const signal = parse(await readObject(ctx, location.bucket, location.key, versionId));
        // A signal with a UniqueId already received replaces the earlier one.
        signals.set(stringProperty(signal.UniqueId) ?? versionId, signal);
        if (signal.Status === 'FAILURE') {
          throw new ResourceFailure(
            `WaitCondition received failed message: '${stringProperty(signal.Reason) ?? ''}' for uniqueId: ${stringProperty(signal.UniqueId) ?? ''}`,
          );
        }
      }
      const succeeded = [...signals].filter(([, signal]) => signal.Status === 'SUCCESS');
      if (succeeded.length >= count) {
        const data = Object.fromEntries(
          succeeded.map(([id, signal]) => [id, stringProperty(signal.Data) ?? '']),
        );
        return {
          physicalId: `${ctx.stackId}/${ctx.logicalId}`,
          attributes: { Data: JSON.stringify(data), Id: `${ctx.stackId}/${ctx.logicalId}` },
        };
      }
      if (ctx.clock.now() >= deadline) {
        throw new ResourceFailure(
          `WaitCondition timed out. Received ${succeeded.length} conditions when expecting ${count}`,
        );
      }
      await pause(ctx);
    }
  },
  // Nothing outside the stack holds a wait condition.
  async delete() {},
};

/** The versions PUT to the handle's key, newest first (each signal is one PUT to the same URL). */
async function signalVersions(ctx: ResourceContext, bucket: string, key: string): Promise<string[]> {
  const listed = await ctx.call('s3', 'ListObjectVersions', { Bucket: bucket, Prefix: key });
  // S3's restXml output keeps its result element (ListVersionsResult) in-process too.
  const result = (listed.ListVersionsResult ?? listed) as { Versions?: unknown };
  const versions = (result.Versions ?? []) as { Key?: string; VersionId?: string }[];
  return versions
    .filter((version) => version.Key === key && version.VersionId)
    .map((version) => version.VersionId!);
}

function parse(body: string | undefined): Signal {
  try {
    const signal = JSON.parse(body ?? '') as unknown;
    return signal && typeof signal === 'object' ? (signal as Signal) : {};
  } catch {
    // A signal that is not JSON counts as none; CloudFormation ignores it too.
    return {};
  }
}
