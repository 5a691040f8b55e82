// `s3` events on buckets the service does not create (`existing: true`): one `Custom::S3` resource per
// function, whose handler (custom-resources.ts) adds the function's notification configurations to the
// bucket, keeping everyone else's, and lets S3 invoke the function. The template is the Framework's.
// https://www.serverless.com/framework/docs/providers/aws/events/s3#using-existing-buckets

import { type Compilation, isObject, type Json, type JsonObject } from '../compilation.js';
import { addCustomResourceFunction, S3_HANDLER_LOGICAL_ID } from '../custom-resources.js';
import { ServerlessError } from '../errors.js';
import { naming, upperFirst } from '../naming.js';
import { eventList } from './each.js';

/** Compiles the existing-bucket events; `now` is what `forceDeploy: true` stamps on the resource. */
export function compileExistingS3Events(compilation: Compilation, now: () => number = Date.now): void {
  const statements: Json[] = [];
  // The custom resources run one after another (the Framework chains them all): each reads and rewrites a
  // bucket's whole notification configuration, so two at once on one bucket would lose one's change.
  const byBucket = new Map<string, string[]>();
  for (const fn of compilation.functions) {
    let bucketOfFunction: string | undefined;
    let resource: { Properties: JsonObject } | undefined;
    for (const event of eventList(fn)) {
      if (!isObject(event) || !isObject(event.s3) || !event.s3.existing) continue;
      const options = event.s3;
      const bucket = options.bucket as Json;
      const key = isObject(bucket) ? JSON.stringify(bucket) : String(bucket);
      bucketOfFunction ??= key;
      if (key !== bucketOfFunction)
        throw new ServerlessError(
          `Only one S3 Bucket can be configured per function. In "${fn.name}" you're attempting to configure "${bucketOfFunction}" and "${key}" at the same time.`,
          'S3_MULTIPLE_BUCKETS_PER_FUNCTION',
        );
      const rules = (Array.isArray(options.rules) ? options.rules : []).filter(isObject).map((rule) => {
        const [name, value] = Object.entries(rule)[0] ?? ['', ''];
        return { [upperFirst(name)]: value } as JsonObject;
      });
      const config: JsonObject = { Event: (options.event ?? 's3:ObjectCreated:*') as Json, Rules: rules };
      const logicalId = naming.customS3LogicalId(fn.key);
      const ids = byBucket.get(key) ?? [];
      if (!ids.includes(logicalId)) ids.push(logicalId);
      byBucket.set(key, ids);
      if (resource) {
        (resource.Properties.BucketConfigs as Json[]).push(config);
        continue;
      }
      resource = {
        Properties: {
          ServiceToken: { 'Fn::GetAtt': [S3_HANDLER_LOGICAL_ID, 'Arn'] },
          FunctionName: fn.name,
          ...(fn.targetAlias ? { FunctionQualifier: fn.targetAlias.name } : {}),
          BucketName: bucket,
          BucketConfigs: [config],
          ...(options.forceDeploy ? { ForceDeploy: now() } : {}),
        },
      };
      compilation.resources[logicalId] = {
        Type: 'Custom::S3',
        Version: 1.0,
        DependsOn: [
          naming.functionLogicalId(fn.key),
          fn.targetAlias?.logicalId,
          S3_HANDLER_LOGICAL_ID,
        ].filter((id): id is string => id !== undefined),
        ...resource,
      };
      statements.push({
        Effect: 'Allow',
        Resource: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 's3', '', '', bucket]] },
        Action: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
      });
    }
  }
  if (byBucket.size === 0) return;
  statements.push({
    Effect: 'Allow',
    Resource: {
      'Fn::Join': [
        ':',
        [
          'arn',
          { Ref: 'AWS::Partition' },
          'lambda',
          { Ref: 'AWS::Region' },
          { Ref: 'AWS::AccountId' },
          'function',
          '*',
        ],
      ],
    },
    Action: ['lambda:AddPermission', 'lambda:RemovePermission'],
  });
  const all = [...new Set([...byBucket.values()].flat())];
  all.forEach((id, index) => {
    if (index > 0) (compilation.resources[id]!.DependsOn as string[]).push(all[index - 1]!);
  });
  addCustomResourceFunction(compilation, 's3', statements);
}
