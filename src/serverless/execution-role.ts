// The log groups of the service's functions and the execution role they share (`IamRoleLambdaExecution`):
// the right to write their own logs, `provider.iam.role.statements` (or v2's `iamRoleStatements`) and
// managed policies. Events add their own statements later (reading a queue, a stream).
// https://www.serverless.com/framework/docs/providers/aws/guide/iam

import { type Compilation, isExistingRole, isObject, type Json, type JsonObject } from './compilation.js';
import { naming, ROLE_LOGICAL_ID } from './naming.js';

export function addLogGroupsAndRole(compilation: Compilation): void {
  const { provider, functions, resources } = compilation;
  if (functions.length === 0) return;
  for (const fn of functions) {
    if (fn.config.disableLogs) continue;
    const properties: JsonObject = { LogGroupName: naming.logGroupName(fn.name) };
    const retention = fn.config.logRetentionInDays ?? provider.logRetentionInDays;
    if (retention) properties.RetentionInDays = retention;
    const protection = fn.config.logDataProtectionPolicy ?? provider.logDataProtectionPolicy;
    if (protection) properties.DataProtectionPolicy = protection;
    resources[naming.logGroupLogicalId(fn.key)] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: properties,
      ...(typeof fn.config.condition === 'string' ? { Condition: fn.config.condition } : {}),
    };
  }

  const iam = isObject(provider.iam) ? provider.iam : {};
  const role = iam.role ?? {};
  if (isExistingRole(role) || 'role' in provider) return;
  if (functions.every((fn) => 'role' in fn.config)) return;
  const roleConfig = isObject(role) ? role : {};

  const createLogs: Json[] = [];
  const putLogs: Json[] = [];
  const statements: Json[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
      Resource: createLogs,
    },
    { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: putLogs },
  ];
  const properties: JsonObject = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
      ],
    },
    Policies: [
      {
        PolicyName: { 'Fn::Join': ['-', [compilation.service, compilation.stage, 'lambda']] },
        PolicyDocument: { Version: '2012-10-17', Statement: statements },
      },
    ],
    Path: typeof roleConfig.path === 'string' ? roleConfig.path : '/',
    RoleName: roleConfig.name ?? {
      'Fn::Join': ['-', [compilation.service, compilation.stage, { Ref: 'AWS::Region' }, 'lambdaRole']],
    },
  };
  if (isObject(roleConfig.tags))
    properties.Tags = Object.entries(roleConfig.tags).map(([Key, Value]) => ({ Key, Value }));
  const boundary =
    roleConfig.permissionsBoundary ?? roleConfig.permissionBoundary ?? provider.rolePermissionsBoundary;
  if (boundary) properties.PermissionsBoundary = boundary;
  resources[ROLE_LOGICAL_ID] = { Type: 'AWS::IAM::Role', Properties: properties };

  // Functions named the default way share one wildcard; custom-named ones get their own log group.
  const prefix = naming.logGroupName(`${compilation.service}-${compilation.stage}`);
  const logGroupArn = (group: string, suffix: string) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${group}${suffix}`,
  });
  let canonical = false;
  const silencedCanonical: string[] = [];
  for (const fn of functions) {
    if (fn.name.startsWith(`${compilation.service}-${compilation.stage}`)) {
      if (fn.config.disableLogs) silencedCanonical.push(fn.name);
      else canonical = true;
      continue;
    }
    if (fn.config.disableLogs) continue;
    createLogs.push(logGroupArn(naming.logGroupName(fn.name), ':*'));
    putLogs.push(logGroupArn(naming.logGroupName(fn.name), ':*:*'));
  }
  if (canonical) {
    createLogs.push(logGroupArn(prefix, '*:*'));
    putLogs.push(logGroupArn(prefix, '*:*:*'));
    if (silencedCanonical.length > 0)
      statements.push({
        Effect: 'Deny',
        Action: 'logs:PutLogEvents',
        Resource: silencedCanonical.map((name) => logGroupArn(naming.logGroupName(name), ':*')),
      });
  }
  const custom = roleConfig.statements ?? provider.iamRoleStatements;
  if (Array.isArray(custom)) statements.push(...custom.map(normalizeStatement));
  const managed = roleConfig.managedPolicies ?? provider.iamManagedPolicies;
  if (Array.isArray(managed) && managed.length > 0) properties.ManagedPolicyArns = [...managed];
  const vpc = provider.vpc !== undefined || functions.some((fn) => 'vpc' in fn.config);
  if (vpc) {
    const arns = Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns : [];
    arns.push({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
      ],
    });
    properties.ManagedPolicyArns = arns;
  }
}

/** A statement as the Framework's configuration schema leaves it: a single Action or NotAction string
 * becomes a list (the schema declares them as arrays and coerces), the rest is kept. */
function normalizeStatement(statement: Json): Json {
  if (!isObject(statement)) return statement;
  const normalized = { ...statement };
  for (const key of ['Action', 'NotAction'])
    if (typeof normalized[key] === 'string') normalized[key] = [normalized[key] as string];
  return normalized;
}
