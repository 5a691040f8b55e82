// The execution role SAM generates for a function without `Role` (`<Function>Role`): Lambda's trust policy, the
// basic execution managed policy, the function's `Policies` (managed policy names or ARNs, inline documents, policy
// templates), a DeadLetterQueue statement, and what its event sources add later (e.g. the SQS poller policy).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies

import { InvalidResource } from './errors.js';
import { expandPolicyTemplate, isPolicyTemplateName } from './policy-templates.js';
import { isIf, isIntrinsic, isNoValue, isRecord, type Properties, samTags } from './values.js';

export interface RoleDraft {
  readonly logicalId: string;
  readonly managedPolicyArns: unknown[];
  readonly policies: Record<string, unknown>[];
  readonly properties: Properties;
}

/** Builds the role of function `functionId` from its (globals-merged) properties. */
export function draftRole(functionId: string, properties: Properties, partition: string): RoleDraft {
  const logicalId = `${functionId}Role`;
  const managedPolicyArns: unknown[] = [
    managedPolicyArn('service-role/AWSLambdaBasicExecutionRole', partition),
  ];
  if (properties.Tracing !== undefined && properties.Tracing !== 'Disabled') {
    managedPolicyArns.push(managedPolicyArn('AWSXrayWriteOnlyAccess', partition));
  }
  if (properties.VpcConfig !== undefined) {
    managedPolicyArns.push(managedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole', partition));
  }
  const policies: Record<string, unknown>[] = [];
  const dlq = properties.DeadLetterQueue;
  if (isRecord(dlq)) {
    policies.push({
      PolicyName: 'DeadLetterQueuePolicy',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: dlq.Type === 'SNS' ? 'sns:Publish' : 'sqs:SendMessage',
            Resource: dlq.TargetArn,
            Effect: 'Allow',
          },
        ],
      },
    });
  }
  const entries =
    properties.Policies === undefined
      ? []
      : Array.isArray(properties.Policies)
        ? properties.Policies
        : [properties.Policies];
  entries.forEach((entry, index) => {
    const name = `${logicalId}Policy${index}`;
    const kind = policyKind(functionId, entry, index);
    if (kind === 'statement' || kind === 'template') {
      const document = (value: unknown) => (kind === 'template' ? expandTemplate(functionId, value) : value);
      if (isIf(entry)) {
        const [condition, yes, no] = entry['Fn::If'];
        const wrap = (value: unknown) =>
          isNoValue(value) ? value : { PolicyName: name, PolicyDocument: document(value) };
        policies.push({ 'Fn::If': [condition, wrap(yes), wrap(no)] });
      } else {
        policies.push({ PolicyName: name, PolicyDocument: document(entry) });
      }
      return;
    }
    let arn: unknown = entry;
    if (typeof entry === 'string') arn = managedPolicyArn(entry, partition);
    else if (isIf(entry)) {
      const [condition, yes, no] = entry['Fn::If'];
      const convert = (value: unknown) =>
        typeof value === 'string' ? managedPolicyArn(value, partition) : value;
      arn = { 'Fn::If': [condition, convert(yes), convert(no)] };
    }
    if (!managedPolicyArns.some((known) => JSON.stringify(known) === JSON.stringify(arn)))
      managedPolicyArns.push(arn);
  });
  const roleProperties: Properties = {
    AssumeRolePolicyDocument: properties.AssumeRolePolicyDocument ?? {
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
      ],
    },
    Path: properties.RolePath,
    PermissionsBoundary: properties.PermissionsBoundary,
    Tags: samTags(properties.Tags),
  };
  return { logicalId, managedPolicyArns, policies, properties: roleProperties };
}

/** The role's final properties, once every event source has added its policies. */
export function roleProperties(role: RoleDraft): Properties {
  return Object.fromEntries(
    Object.entries({
      ...role.properties,
      ManagedPolicyArns: [...role.managedPolicyArns],
      Policies: role.policies.length > 0 ? [...role.policies] : undefined,
    }).filter(([, value]) => value !== undefined),
  );
}

/** An event source's managed policy, added once. */
export function addManagedPolicy(role: RoleDraft | undefined, arn: string): void {
  if (role && !role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
}

/** An event source's inline policy, added unless the same document is already there. */
export function addInlinePolicy(role: RoleDraft | undefined, policy: Record<string, unknown>): void {
  if (!role) return;
  const document = JSON.stringify(policy.PolicyDocument);
  if (!role.policies.some((known) => JSON.stringify(known.PolicyDocument) === document))
    role.policies.push(policy);
}

/** The ARN of an AWS managed policy. A name is resolved as SAM's bundled list resolves it (the policies that live
 *  under a path are listed here; the others sit at the root); an ARN or an intrinsic is kept. */
export function managedPolicyArn(name: string, partition: string): string {
  if (name.startsWith('arn:')) return name;
  if (name.includes('/')) return `arn:${partition}:iam::aws:policy/${name}`;
  const path = SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : '';
  return `arn:${partition}:iam::aws:policy/${path}${name}`;
}

/** AWS managed policies a Lambda function is commonly given whose ARN has the `service-role/` path. */
const SERVICE_ROLE_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaBasicDurableExecutionRolePolicy',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaENIManagementAccess',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSCodeDeployRoleForLambda',
  'AWSCodeDeployRoleForLambdaLimited',
  'AWSIoTRuleActions',
  'AWSConfigRulesExecutionRole',
  'AWSGlueServiceRole',
  'AmazonAPIGatewayPushToCloudWatchLogs',
  'AWSAppSyncPushToCloudWatchLogs',
  'AmazonS3ObjectLambdaExecutionRolePolicy',
  'AWSIoTLogging',
  'AWSLambdaReplicator',
  'AmazonEC2RoleforSSM',
  'AWSBatchServiceRole',
  'AmazonECSTaskExecutionRolePolicy',
]);

function policyKind(functionId: string, entry: unknown, index: number): 'managed' | 'statement' | 'template' {
  if (typeof entry === 'string') return 'managed';
  if (isIf(entry)) {
    const [, yes, no] = entry['Fn::If'];
    if (isNoValue(yes)) return policyKind(functionId, no, index);
    if (isNoValue(no)) return policyKind(functionId, yes, index);
    const kinds = [policyKind(functionId, yes, index), policyKind(functionId, no, index)];
    if (kinds[0] !== kinds[1]) {
      throw new InvalidResource(
        functionId,
        'Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements',
      );
    }
    return kinds[0]!;
  }
  if (isIntrinsic(entry)) return 'managed';
  if (isRecord(entry) && 'Statement' in entry) return 'statement';
  if (isRecord(entry) && Object.keys(entry).length === 1 && isPolicyTemplateName(Object.keys(entry)[0]!))
    return 'template';
  throw new InvalidResource(functionId, `Policy at index ${index} in the 'Policies' property is not valid`);
}

function expandTemplate(functionId: string, entry: unknown): unknown {
  const [name, values] = Object.entries(entry as Properties)[0]!;
  const expanded = expandPolicyTemplate(name, values);
  if (typeof expanded === 'string') throw new InvalidResource(functionId, expanded);
  return expanded;
}
