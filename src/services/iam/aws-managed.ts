// AWS managed policies (`arn:aws:iam::aws:policy/...`): they exist in every account without being created.
// Nimbus does not vendor AWS's catalogue of about a thousand; it knows the documents of the few that
// serverless deployments attach, and accepts any other AWS-managed ARN as existing, so templates that
// attach them deploy. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies

import { createHash } from 'node:crypto';

export interface AwsManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  /** Undefined for ARNs outside the catalogue: the policy is accepted, its content is unknown. */
  readonly document?: string;
}

/** The AWS managed policy an ARN names (assumed to exist; see the module comment). */
export function awsManagedPolicy(arn: string, path: string, name: string): AwsManagedPolicy {
  const statements = CATALOGUE[arn.slice(AWS_POLICY_PREFIX.length)];
  return {
    arn,
    name,
    path,
    // Stable across restarts and clouds, as AWS's ids are, without storing anything.
    id: `ANPA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`,
    document: statements && JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  };
}

/** ARNs of the catalogue, for ListPolicies with Scope AWS or All. */
export function catalogueArns(): string[] {
  return Object.keys(CATALOGUE).map((key) => AWS_POLICY_PREFIX + key);
}

/** The AWS-managed policies' default version; AWS's are often later than v1, which Nimbus does not track. */
export const AWS_MANAGED_VERSION = 'v1';

const AWS_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

function allow(actions: string | string[]): Record<string, unknown> {
  return { Effect: 'Allow', Action: actions, Resource: '*' };
}

/** Documents as AWS publishes them (AWS Managed Policy Reference Guide), keyed by path and name. */
const CATALOGUE: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  AdministratorAccess: [allow('*')],
  ReadOnlyAccess: [allow(['*:Describe*', '*:Get*', '*:List*'])],
  'service-role/AWSLambdaBasicExecutionRole': [allow(LOGS)],
  'service-role/AWSLambdaSQSQueueExecutionRole': [
    allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS]),
  ],
  'service-role/AWSLambdaDynamoDBExecutionRole': [
    allow([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      ...LOGS,
    ]),
  ],
  'service-role/AWSLambdaKinesisExecutionRole': [
    allow([
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
      'kinesis:ListStreams',
      'kinesis:SubscribeToShard',
      ...LOGS,
    ]),
  ],
};
