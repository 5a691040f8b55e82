// Each request's IAM action and resource ARNs: the action is `<service prefix>:<OperationName>` except where
// AWS names it otherwise (S3's `s3:ListBucket` for ListObjectsV2, Lambda's `lambda:InvokeFunction`), and the
// resource is read from the input for the common resources (SQS queues, DynamoDB tables and indexes, S3
// buckets and objects, SNS topics, Lambda functions, EventBridge buses and rules, Kinesis streams, IAM roles
// and users). Every other operation is authorised on `*` (README.md lists them).
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html

/** Where the request runs. */
export interface ActionScope {
  readonly account: string;
  readonly region: string;
}

/** IAM prefixes that differ from the SigV4 signing name. */
const PREFIXES: Readonly<Record<string, string>> = { monitoring: 'cloudwatch' };

/** S3 operations whose action is not `s3:<Operation>`. https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListObjectVersions: 'ListBucketVersions',
  HeadBucket: 'ListBucket',
  HeadObject: 'GetObject',
  ListBuckets: 'ListAllMyBuckets',
  DeleteObjects: 'DeleteObject',
  CopyObject: 'PutObject',
  CreateMultipartUpload: 'PutObject',
  UploadPart: 'PutObject',
  UploadPartCopy: 'PutObject',
  CompleteMultipartUpload: 'PutObject',
  AbortMultipartUpload: 'AbortMultipartUpload',
  ListParts: 'ListMultipartUploadParts',
  ListMultipartUploads: 'ListBucketMultipartUploads',
  GetObjectAttributes: 'GetObject',
  DeleteBucketPolicy: 'DeleteBucketPolicy',
};

const LAMBDA_ACTIONS: Readonly<Record<string, string>> = {
  Invoke: 'InvokeFunction',
  InvokeAsync: 'InvokeFunction',
};

export function actionOf(signingName: string, operation: string): string {
  const prefix = PREFIXES[signingName] ?? signingName;
  const name = (signingName === 's3' ? S3_ACTIONS : signingName === 'lambda' ? LAMBDA_ACTIONS : undefined)?.[
    operation
  ];
  return `${prefix}:${name ?? operation}`;
}

/** The resource ARNs an operation acts on; `['*']` where it is on none or Nimbus does not say. */
export function resourcesOf(
  signingName: string,
  operation: string,
  input: Readonly<Record<string, unknown>>,
  scope: ActionScope,
): string[] {
  const found = RESOURCES[signingName]?.(operation, input, scope) ?? [];
  return found.length > 0 ? [...new Set(found)] : ['*'];
}

type Finder = (operation: string, input: Readonly<Record<string, unknown>>, scope: ActionScope) => string[];

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const RESOURCES: Readonly<Record<string, Finder>> = {
  sqs: (operation, input, { account, region }) => {
    const url = text(input.QueueUrl);
    if (url) {
      const [, owner, name] = /\/(\d{12})\/([^/?]+)\/?$/.exec(url) ?? [];
      if (owner && name) return [`arn:aws:sqs:${region}:${owner}:${name}`];
    }
    const name = text(input.QueueName);
    return operation === 'CreateQueue' && name ? [`arn:aws:sqs:${region}:${account}:${name}`] : [];
  },
  dynamodb: (_operation, input, { account, region }) => {
    const table = (name: string) =>
      name.startsWith('arn:') ? name : `arn:aws:dynamodb:${region}:${account}:table/${name}`;
    const arns: string[] = [];
    const name = text(input.TableName) ?? text(input.ResourceArn) ?? text(input.StreamArn);
    if (name) {
      const index = text(input.IndexName);
      arns.push(index ? `${table(name)}/index/${index}` : table(name));
    }
    if (input.RequestItems && typeof input.RequestItems === 'object')
      arns.push(...Object.keys(input.RequestItems).map(table));
    for (const item of Array.isArray(input.TransactItems) ? input.TransactItems : []) {
      for (const part of Object.values((item ?? {}) as Record<string, unknown>)) {
        const inner = text((part as Record<string, unknown> | undefined)?.TableName);
        if (inner) arns.push(table(inner));
      }
    }
    return arns;
  },
  s3: (_operation, input) => {
    const bucket = text(input.Bucket);
    if (!bucket) return [];
    const key = text(input.Key);
    return [key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`];
  },
  sns: (operation, input, { account, region }) => {
    const arn = text(input.TopicArn) ?? text(input.TargetArn) ?? text(input.ResourceArn);
    if (arn) return [arn];
    const subscription = text(input.SubscriptionArn);
    if (subscription) return [subscription.split(':').slice(0, 6).join(':')];
    const name = text(input.Name);
    return operation === 'CreateTopic' && name ? [`arn:aws:sns:${region}:${account}:${name}`] : [];
  },
  lambda: (_operation, input, { account, region }) => {
    const name = text(input.FunctionName) ?? text(input.Resource);
    if (!name) return [];
    if (name.startsWith('arn:')) return [name];
    // `my-fn`, `my-fn:alias` or the partial ARN `123456789012:function:my-fn`.
    const partial = /^(\d{12}):function:(.+)$/.exec(name);
    return [`arn:aws:lambda:${region}:${partial?.[1] ?? account}:function:${partial?.[2] ?? name}`];
  },
  events: (operation, input, { account, region }) => {
    const busArn = (bus: string) =>
      bus.startsWith('arn:') ? bus : `arn:aws:events:${region}:${account}:event-bus/${bus}`;
    const busName = text(input.EventBusName) ?? 'default';
    const rule = text(input.Rule) ?? (/Rule|Targets/.test(operation) ? text(input.Name) : undefined);
    if (rule) {
      const bus = busName.split('/').pop() ?? 'default';
      return [`arn:aws:events:${region}:${account}:rule/${bus === 'default' ? '' : `${bus}/`}${rule}`];
    }
    if (operation === 'PutEvents' && Array.isArray(input.Entries)) {
      return input.Entries.map((entry) =>
        busArn(text((entry as Record<string, unknown>)?.EventBusName) ?? 'default'),
      );
    }
    if (/EventBus|Permission/.test(operation)) return [busArn(text(input.Name) ?? busName)];
    return [];
  },
  kinesis: (_operation, input, { account, region }) => {
    const arn = text(input.StreamARN);
    if (arn) return [arn];
    const name = text(input.StreamName);
    return name ? [`arn:aws:kinesis:${region}:${account}:stream/${name}`] : [];
  },
  sts: (operation, input) => {
    const role = text(input.RoleArn);
    return operation.startsWith('AssumeRole') && role ? [role] : [];
  },
  iam: (operation, input, { account }) => {
    const role = text(input.RoleName);
    if (role) return [`arn:aws:iam::${account}:role/${role}`];
    const user = text(input.UserName);
    if (user) return [`arn:aws:iam::${account}:user/${user}`];
    const policy = text(input.PolicyArn);
    return policy && /Policy/.test(operation) ? [policy] : [];
  },
};
