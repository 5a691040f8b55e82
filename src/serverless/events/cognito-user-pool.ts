// `cognitoUserPool` events: each pool a service's functions name is created once
// (CognitoUserPool<Pool>, an AWS::Cognito::UserPool named as the event names it) with every trigger in its
// LambdaConfig (PreTokenGeneration with a lambdaVersion goes in PreTokenGenerationConfig), depending on
// its functions, and Cognito is allowed to invoke each one. A pool of the same logical id under
// `resources:` is merged over it, as the Framework merges it. `existing: true` pools are not compiled yet.
// https://www.serverless.com/framework/docs/providers/aws/events/cognito-user-pool

import { type Compilation, isObject, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { alphanumericName, naming, normalizedName } from '../naming.js';
import { eventsOfType } from './each.js';
import { eventPath, invokePermission, rejectUnknownProperties } from './shared.js';

const KNOWN = ['pool', 'trigger', 'existing', 'forceDeploy', 'kmsKeyId', 'lambdaVersion'];
const TRIGGERS = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'PreTokenGeneration',
  'CustomMessage',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'UserMigration',
  'CustomSMSSender',
  'CustomEmailSender',
];
const SENDERS = ['CustomSMSSender', 'CustomEmailSender'];

export function compileCognitoUserPoolEvents(compilation: Compilation): void {
  for (const { fn, event, position } of eventsOfType(compilation, 'cognitoUserPool')) {
    const path = eventPath(fn, position, 'cognitoUserPool');
    if (!isObject(event))
      throw new ServerlessError(
        `${path}: must be an object with "pool" and "trigger"`,
        'COGNITO_INVALID_EVENT',
      );
    rejectUnknownProperties(event, KNOWN, path);
    const pool = typeof event.pool === 'string' ? event.pool : '';
    const trigger = typeof event.trigger === 'string' ? event.trigger : '';
    if (!pool || !/^[\w\s+=,.@-]+$/.test(pool))
      throw new ServerlessError(`${path}.pool: must be a pool name`, 'COGNITO_INVALID_EVENT');
    if (!TRIGGERS.includes(trigger)) {
      throw new ServerlessError(
        `${path}.trigger: must be one of ${TRIGGERS.join(', ')}`,
        'COGNITO_INVALID_EVENT',
      );
    }
    if (event.existing === true) {
      throw new ServerlessError(
        `${path}: "existing: true" pools are not compiled by Nimbus yet; declare the pool in the service instead`,
        'NIMBUS_EVENT_TYPE_NOT_SUPPORTED',
      );
    }
    const poolId = `CognitoUserPool${alphanumericName(pool)}`;
    compilation.resources[poolId] ??= {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UserPoolName: pool, LambdaConfig: {} },
      DependsOn: [],
    };
    const resource = compilation.resources[poolId]!;
    const target = compilation.functionTarget(fn);
    const config = resource.Properties!.LambdaConfig as JsonObject;
    if (SENDERS.includes(trigger)) {
      if (!event.kmsKeyId) {
        throw new ServerlessError(
          `KMS Key must be set when using a Custom Sender Source Trigger (CustomSMSSender and/or CustomEmailSender). Affected Cognito User Pool: "${pool}".`,
          'COGNITO_KMS_KEY_NOT_SET',
        );
      }
      config[trigger] = { LambdaArn: target, LambdaVersion: (event.lambdaVersion as string) ?? 'V1_0' };
      config.KMSKeyID = event.kmsKeyId;
    } else if (trigger === 'PreTokenGeneration' && typeof event.lambdaVersion === 'string') {
      config.PreTokenGenerationConfig = { LambdaArn: target, LambdaVersion: event.lambdaVersion };
    } else {
      config[trigger] = target;
    }
    const dependsOn = resource.DependsOn as string[];
    const functionId = fn.targetAlias?.logicalId ?? naming.functionLogicalId(fn.key);
    if (!dependsOn.includes(functionId)) dependsOn.push(functionId);
    compilation.resources[
      `${normalizedName(fn.key)}LambdaPermissionCognitoUserPool${alphanumericName(pool)}TriggerSource${trigger}`
    ] = invokePermission(
      target,
      'cognito-idp.amazonaws.com',
      { 'Fn::GetAtt': [poolId, 'Arn'] },
      fn.targetAlias?.logicalId,
    );
  }
}
