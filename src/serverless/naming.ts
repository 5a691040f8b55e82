// The Serverless Framework's names: logical ids, function names, log groups and stack names, spelled as
// the Framework spells them so that a template written against `HelloLambdaFunction` or
// `IamRoleLambdaExecution` finds them. https://www.serverless.com/framework/docs/providers/aws/guide/resources#aws-cloudformation-resource-reference

/** `hello-world_fn` → `HelloDashworldUnderscorefn`: a function (or event bus) name as a logical id part. */
export function normalizedName(name: string): string {
  return upperFirst(name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore'));
}

/** A bucket, topic or queue name as a logical id part: alphanumerics only, first letter upper-cased. */
export function alphanumericName(name: string): string {
  return upperFirst(name.replace(/[^0-9A-Za-z]/g, ''));
}

export function upperFirst(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : '';
}

export const ROLE_LOGICAL_ID = 'IamRoleLambdaExecution';
export const DEPLOYMENT_BUCKET_LOGICAL_ID = 'ServerlessDeploymentBucket';
export const DEPLOYMENT_BUCKET_POLICY_LOGICAL_ID = 'ServerlessDeploymentBucketPolicy';
export const DEPLOYMENT_BUCKET_OUTPUT = 'ServerlessDeploymentBucketName';
export const COMPILED_TEMPLATE_FILE = 'cloudformation-template-update-stack.json';
export const CORE_TEMPLATE_FILE = 'cloudformation-template-create-stack.json';
export const STATE_FILE = 'serverless-state.json';

export const naming = {
  functionLogicalId: (fn: string) => `${normalizedName(fn)}LambdaFunction`,
  logGroupLogicalId: (fn: string) => `${normalizedName(fn)}LogGroup`,
  logGroupName: (functionName: string) => `/aws/lambda/${functionName}`,
  versionLogicalId: (fn: string, digest: string) =>
    `${normalizedName(fn)}LambdaVersion${digest.replace(/[^0-9a-z]/gi, '')}`,
  versionOutputLogicalId: (fn: string) => `${normalizedName(fn)}LambdaFunctionQualifiedArn`,
  eventInvokeConfigLogicalId: (fn: string) => `${normalizedName(fn)}LambdaEvConf`,
  functionUrlLogicalId: (fn: string) => `${normalizedName(fn)}LambdaFunctionUrl`,
  functionUrlPermissionLogicalId: (fn: string) => `${normalizedName(fn)}LambdaPermissionFnUrl`,
  functionUrlInvokePermissionLogicalId: (fn: string) => `${normalizedName(fn)}LambdaPermissionFn`,
  layerLogicalId: (layer: string) => `${normalizedName(layer)}LambdaLayer`,
  layerOutputLogicalId: (layer: string) => `${normalizedName(layer)}LambdaLayerQualifiedArn`,
  provisionedAliasLogicalId: (fn: string) => `${normalizedName(fn)}ProvConcLambdaAlias`,
  sqsMappingLogicalId: (fn: string, queue: string) =>
    `${normalizedName(fn)}EventSourceMappingSQS${alphanumericName(queue)}`,
  streamMappingLogicalId: (fn: string, type: string, stream: string) =>
    `${normalizedName(fn)}EventSourceMapping${upperFirst(type)}${alphanumericName(stream)}`,
  bucketLogicalId: (bucket: string) => `S3Bucket${alphanumericName(bucket)}`,
  s3PermissionLogicalId: (fn: string, bucket: string) =>
    `${normalizedName(fn)}LambdaPermission${alphanumericName(bucket)}S3`,
  topicLogicalId: (topic: string) => `SNSTopic${alphanumericName(topic)}`,
  snsPermissionLogicalId: (fn: string, topic: string) =>
    `${normalizedName(fn)}LambdaPermission${alphanumericName(topic)}SNS`,
  snsSubscriptionLogicalId: (fn: string, topic: string) =>
    `${normalizedName(fn)}SnsSubscription${alphanumericName(topic)}`,
  topicDlqPolicyLogicalId: (fn: string, topic: string) =>
    `${alphanumericName(topic)}To${normalizedName(fn)}DLQPolicy`,
  scheduleLogicalId: (fn: string, index: number) => `${normalizedName(fn)}EventsRuleSchedule${index}`,
  schedulePermissionLogicalId: (fn: string, index: number) =>
    `${normalizedName(fn)}LambdaPermissionEventsRuleSchedule${index}`,
  eventBusLogicalId: (bus: string) => `${normalizedName(bus)}EventBridgeEventBus`,
  eventBridgeRuleLogicalId: (rule: string) => `${alphanumericName(rule)}EventBridgeRule`,
  eventBridgePermissionLogicalId: (fn: string, index: number) =>
    `${normalizedName(fn)}EventBridgeLambdaPermission${index}`,
  streamConsumerLogicalId: (consumer: string) => `${normalizedName(consumer)}StreamConsumer`,
  // The 1 stays for compatibility: the Framework once numbered several per function.
  customS3LogicalId: (fn: string) => `${normalizedName(fn)}CustomS31`,
  cloudWatchEventLogicalId: (fn: string, index: number) =>
    `${normalizedName(fn)}EventsRuleCloudWatchEvent${index}`,
  cloudWatchEventPermissionLogicalId: (fn: string, index: number) =>
    `${normalizedName(fn)}LambdaPermissionEventsRuleCloudWatchEvent${index}`,
  /** serverless-iam-roles-per-function's role for one function. */
  functionRoleLogicalId: (fn: string) => `${normalizedName(fn)}${ROLE_LOGICAL_ID}`,
  cloudWatchLogLogicalId: (fn: string, index: number) =>
    `${normalizedName(fn)}LogsSubscriptionFilterCloudWatchLog${index}`,
  cloudWatchLogPermissionLogicalId: (fn: string) =>
    `${normalizedName(fn)}LambdaPermissionLogsSubscriptionFilterCloudWatchLog`,
};
