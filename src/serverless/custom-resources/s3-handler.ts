// The handler of the Framework's `Custom::S3` resource, as the source of `s3/handler.js` in
// custom-resources.zip (Nimbus's own, written to the behaviour the Framework documents for existing
// buckets): on Create it lets S3 invoke the function and adds the function's notification configurations
// to the bucket; on Update it moves them (and the permission) to what the properties now say; on Delete it
// takes them away, leaving every other configuration of the bucket as it was. A configuration is the
// function's when its Id is `<function name>-<md5 of the event config>`, the Framework's scheme, so a bucket
// configured by either handler is recognised by both.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html

export const S3_HANDLER = `'use strict';
const crypto = require('crypto');
const {
  S3Client,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
} = require('@aws-sdk/client-s3');
const { LambdaClient, AddPermissionCommand, RemovePermissionCommand } = require('@aws-sdk/client-lambda');

// Path-style requests when pointed at a local endpoint (AWS_ENDPOINT_URL), whose host has no bucket names.
const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
const lambda = new LambdaClient({});

exports.handler = async (event, context) => {
  const [, partition, , region, accountId] = context.invokedFunctionArn.split(':');
  const env = { partition, region, accountId };
  try {
    const target = targetOf(event.ResourceProperties, env);
    const old = event.OldResourceProperties && targetOf(event.OldResourceProperties, env);
    if (event.RequestType === 'Create') {
      await allowS3(target, env);
      await configure(target);
    } else if (event.RequestType === 'Update') {
      if (!old || statementId(old) !== statementId(target) || old.qualifier !== target.qualifier) {
        await allowS3(target, env);
        if (old) await disallowS3(old);
      }
      await configure(target, old && old.functionName !== target.functionName ? old.functionName : undefined);
      if (old && old.bucket !== target.bucket) await unconfigure(old).catch(ignoreMissingBucket);
    } else if (event.RequestType === 'Delete') {
      await disallowS3(target);
      await unconfigure(target).catch(ignoreMissingBucket);
    }
    await respond(event, context, 'SUCCESS');
  } catch (error) {
    console.error(error);
    await respond(event, context, 'FAILED', error.message || String(error));
  }
};

function targetOf(properties, env) {
  const arn = 'arn:' + env.partition + ':lambda:' + env.region + ':' + env.accountId + ':function:' + properties.FunctionName;
  return {
    functionName: properties.FunctionName,
    qualifier: properties.FunctionQualifier,
    bucket: properties.BucketName,
    configs: properties.BucketConfigs || [],
    lambdaArn: properties.FunctionQualifier ? arn + ':' + properties.FunctionQualifier : arn,
  };
}

/** The permission's statement id: the function and bucket names, within Lambda's 100 characters. */
function statementId(target) {
  return (target.functionName + '-' + target.bucket.replace(/[.:*]/g, '')).slice(0, 100);
}

async function allowS3(target, env) {
  const add = () =>
    lambda.send(
      new AddPermissionCommand({
        FunctionName: target.functionName,
        Qualifier: target.qualifier,
        StatementId: statementId(target),
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:' + env.partition + ':s3:::' + target.bucket,
        SourceAccount: env.accountId,
      }),
    );
  try {
    await add();
  } catch (error) {
    // A statement left by an earlier deployment: replaced.
    if (error.name !== 'ResourceConflictException') throw error;
    await disallowS3(target);
    await add();
  }
}

async function disallowS3(target) {
  try {
    await lambda.send(
      new RemovePermissionCommand({
        FunctionName: target.functionName,
        Qualifier: target.qualifier,
        StatementId: statementId(target),
      }),
    );
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') throw error;
  }
}

function ownedBy(config, functionName) {
  const prefix = functionName + '-';
  return Boolean(config.Id) && config.Id.startsWith(prefix) && /^[a-f0-9]{32}$/.test(config.Id.slice(prefix.length));
}

async function configure(target, previousFunctionName) {
  const current = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: target.bucket }));
  const { $metadata, ...configuration } = current;
  const others = (configuration.LambdaFunctionConfigurations || []).filter(
    (config) => !ownedBy(config, target.functionName) && !(previousFunctionName && ownedBy(config, previousFunctionName)),
  );
  const mine = target.configs.map((config) => {
    const rules = (config.Rules || []).map((rule) => {
      const [name, value] = Object.entries(rule)[0];
      return { Name: name.toLowerCase(), Value: value };
    });
    return {
      Id: target.functionName + '-' + crypto.createHash('md5').update(JSON.stringify(config)).digest('hex'),
      LambdaFunctionArn: target.lambdaArn,
      Events: [config.Event],
      ...(rules.length > 0 ? { Filter: { Key: { FilterRules: rules } } } : {}),
    };
  });
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: target.bucket,
      NotificationConfiguration: { ...configuration, LambdaFunctionConfigurations: [...others, ...mine] },
    }),
  );
}

async function unconfigure(target) {
  const current = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: target.bucket }));
  const { $metadata, ...configuration } = current;
  configuration.LambdaFunctionConfigurations = (configuration.LambdaFunctionConfigurations || []).filter(
    (config) => !ownedBy(config, target.functionName),
  );
  await s3.send(
    new PutBucketNotificationConfigurationCommand({ Bucket: target.bucket, NotificationConfiguration: configuration }),
  );
}

function ignoreMissingBucket(error) {
  if (error.name !== 'NoSuchBucket') throw error;
}

/** The custom-resource response, PUT to the presigned ResponseURL CloudFormation sent. */
async function respond(event, context, status, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason ? reason + ' See details in CloudWatch Log: ' + context.logStreamName : undefined,
    PhysicalResourceId: event.PhysicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: {},
  });
  const response = await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
  if (!response.ok) throw new Error('The response to CloudFormation was refused: ' + response.status);
}
`;
