// The SAM policy templates Nimbus supports: each a policy document whose `Ref: <Parameter>` is replaced by the value
// the function gives (`DynamoDBCrudPolicy: {TableName: !Ref Table}`), as SAM's policy template list defines them.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings (and SAM's own message) use ${} */

import { isRecord } from './values.js';

type Statement = Record<string, unknown>;

/** `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<resource>` with one variable bound to a parameter. */
function regional(service: string, resource: string, bindings: Record<string, string>): unknown {
  const text = `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`;
  return {
    'Fn::Sub': [
      text,
      Object.fromEntries(Object.entries(bindings).map(([name, parameter]) => [name, { Ref: parameter }])),
    ],
  };
}

function bucket(suffix: string): unknown {
  return {
    'Fn::Sub': [`arn:\${AWS::Partition}:s3:::\${bucketName}${suffix}`, { bucketName: { Ref: 'BucketName' } }],
  };
}

const table = (suffix: string) =>
  regional('dynamodb', `table/\${tableName}${suffix}`, { tableName: 'TableName' });
const tableAndIndexes = () => [table(''), table('/index/*')];
const statement = (Action: unknown, Resource: unknown): Statement => ({ Action, Effect: 'Allow', Resource });

interface PolicyTemplate {
  readonly parameters: readonly string[];
  readonly statements: () => Statement[];
}

const TEMPLATES: Record<string, PolicyTemplate> = {
  SQSPollerPolicy: {
    parameters: ['QueueName'],
    statements: () => [
      statement(
        [
          'sqs:ChangeMessageVisibility',
          'sqs:ChangeMessageVisibilityBatch',
          'sqs:DeleteMessage',
          'sqs:DeleteMessageBatch',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        regional('sqs', '${queueName}', { queueName: 'QueueName' }),
      ),
    ],
  },
  SQSSendMessagePolicy: {
    parameters: ['QueueName'],
    statements: () => [
      statement(['sqs:SendMessage*'], regional('sqs', '${queueName}', { queueName: 'QueueName' })),
    ],
  },
  DynamoDBCrudPolicy: {
    parameters: ['TableName'],
    statements: () => [
      statement(
        [
          'dynamodb:GetItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        tableAndIndexes(),
      ),
    ],
  },
  DynamoDBReadPolicy: {
    parameters: ['TableName'],
    statements: () => [
      statement(
        [
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
        ],
        tableAndIndexes(),
      ),
    ],
  },
  DynamoDBWritePolicy: {
    parameters: ['TableName'],
    statements: () => [
      statement(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], tableAndIndexes()),
    ],
  },
  DynamoDBStreamReadPolicy: {
    parameters: ['StreamName', 'TableName'],
    statements: () => [
      statement(
        ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        regional('dynamodb', 'table/${tableName}/stream/${streamName}', {
          streamName: 'StreamName',
          tableName: 'TableName',
        }),
      ),
      statement(['dynamodb:ListStreams'], table('/stream/*')),
    ],
  },
  S3ReadPolicy: {
    parameters: ['BucketName'],
    statements: () => [
      statement(
        [
          's3:GetObject',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetObjectVersion',
          's3:GetLifecycleConfiguration',
        ],
        [bucket(''), bucket('/*')],
      ),
    ],
  },
  S3WritePolicy: {
    parameters: ['BucketName'],
    statements: () => [
      statement(
        ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'],
        [bucket(''), bucket('/*')],
      ),
    ],
  },
  S3CrudPolicy: {
    parameters: ['BucketName'],
    statements: () => [
      statement(
        [
          's3:GetObject',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:PutObjectAcl',
          's3:GetLifecycleConfiguration',
          's3:PutLifecycleConfiguration',
          's3:DeleteObject',
        ],
        [bucket(''), bucket('/*')],
      ),
    ],
  },
  SNSPublishMessagePolicy: {
    parameters: ['TopicName'],
    statements: () => [
      statement(['sns:Publish'], regional('sns', '${topicName}', { topicName: 'TopicName' })),
    ],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    statements: () => [
      statement(
        ['lambda:InvokeFunction'],
        regional('lambda', 'function:${functionName}*', { functionName: 'FunctionName' }),
      ),
    ],
  },
  EventBridgePutEventsPolicy: {
    parameters: ['EventBusName'],
    statements: () => [
      statement(
        'events:PutEvents',
        regional('events', 'event-bus/${eventBusName}', { eventBusName: 'EventBusName' }),
      ),
    ],
  },
  KinesisStreamReadPolicy: {
    parameters: ['StreamName'],
    statements: () => [
      statement(['kinesis:ListStreams', 'kinesis:DescribeLimits'], {
        'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*',
      }),
      statement(
        [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
        ],
        regional('kinesis', 'stream/${streamName}', { streamName: 'StreamName' }),
      ),
    ],
  },
};

/** SAM's other templates: recognised (so the message says Nimbus lacks them, not that the policy is malformed). */
const UNSUPPORTED = new Set([
  'AMIDescribePolicy',
  'AWSSecretsManagerGetSecretValuePolicy',
  'AWSSecretsManagerRotationPolicy',
  'AthenaQueryPolicy',
  'CloudFormationDescribeStacksPolicy',
  'CloudWatchDashboardPolicy',
  'CloudWatchDescribeAlarmHistoryPolicy',
  'CloudWatchPutMetricPolicy',
  'DynamoDBBackupFullAccessPolicy',
  'DynamoDBReconfigurePolicy',
  'DynamoDBRestoreFromBackupPolicy',
  'EC2DescribePolicy',
  'ElasticsearchHttpPostPolicy',
  'FilterLogEventsPolicy',
  'KinesisCrudPolicy',
  'KMSDecryptPolicy',
  'KMSEncryptPolicy',
  'RekognitionDetectOnlyPolicy',
  'SESCrudPolicy',
  'SESSendBouncePolicy',
  'SNSCrudPolicy',
  'SSMParameterReadPolicy',
  'StepFunctionsExecutionPolicy',
  'VPCAccessPolicy',
  'S3FullAccessPolicy',
  'SSMParameterWithSlashPrefixReadPolicy',
]);

export function isPolicyTemplateName(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name) || UNSUPPORTED.has(name);
}

/** The policy document a template expands to, or the reason it cannot (SAM's wording where SAM has one). */
export function expandPolicyTemplate(name: string, values: unknown): { Statement: Statement[] } | string {
  const template = TEMPLATES[name];
  if (!template) return `Policy template '${name}' is not supported by Nimbus yet.`;
  if (!isRecord(values)) return `Must specify valid parameter values for policy template '${name}'`;
  const missing = template.parameters.filter((parameter) => !Object.hasOwn(values, parameter));
  if (missing.length > 0) {
    return `Following required parameters of template '${name}' don't have values: [${missing.map((m) => `'${m}'`).join(', ')}]`;
  }
  return { Statement: template.statements().map((item) => bind(item, values) as Statement) };
}

/** Replaces `Ref: <Parameter>` by its value; only the template's own references exist at this point. */
function bind(value: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => bind(item, values));
  if (!isRecord(value)) return value;
  if (Object.keys(value).length === 1 && typeof value.Ref === 'string' && Object.hasOwn(values, value.Ref)) {
    return structuredClone(values[value.Ref]);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bind(item, values)]));
}
