// Lambda triggers: the event AWS sends a pool's function (version, triggerSource, region, userPoolId,
// userName, callerContext, request, response), invoked synchronously when AWS invokes it, and the
// function's answer, or the error the client sees when it fails: UserLambdaValidationException
// "<Trigger> failed with error <message>." for a thrown error, InvalidLambdaResponseException for an
// answer that is not the event.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html

import { ServiceError } from '../../../core/errors.js';
import type { CognitoIdp, Pool } from '../cognito.js';

export type TriggerName =
  | 'PreSignUp'
  | 'CustomMessage'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'UserMigration';

export interface TriggerEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** The function a trigger names, if the pool has one (PreTokenGeneration may be set by its V2 config). */
export function triggerFunction(pool: Pool, name: TriggerName): { arn: string; version: string } | undefined {
  const config = pool.doc.LambdaConfig;
  if (name === 'PreTokenGeneration') {
    const v2 = config.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
    if (v2?.LambdaArn) return { arn: v2.LambdaArn, version: v2.LambdaVersion ?? 'V1_0' };
  }
  const arn = config[name];
  return typeof arn === 'string' ? { arn, version: 'V1_0' } : undefined;
}

/** Runs the trigger if the pool has it: its answer's `response`, or undefined when there is no trigger. */
export async function runTrigger(
  cognito: CognitoIdp,
  pool: Pool,
  name: TriggerName,
  event: {
    triggerSource: string;
    userName: string;
    clientId?: string;
    request: Record<string, unknown>;
    response?: Record<string, unknown>;
  },
): Promise<Record<string, unknown> | undefined> {
  const fn = triggerFunction(pool, name);
  if (!fn) return undefined;
  const payload: TriggerEvent = {
    version: fn.version === 'V2_0' || fn.version === 'V3_0' ? '2' : '1',
    triggerSource: event.triggerSource,
    region: pool.row.region,
    userPoolId: pool.row.id,
    userName: event.userName,
    callerContext: {
      awsSdkVersion: 'aws-sdk-unknown-unknown',
      clientId: event.clientId ?? 'CLIENT_ID_NOT_APPLICABLE',
    },
    request: event.request,
    response: event.response ?? {},
  };
  let output: { FunctionError?: string; Payload?: Buffer };
  try {
    output = (await cognito.call(
      'lambda',
      'Invoke',
      { FunctionName: fn.arn, Payload: Buffer.from(JSON.stringify(payload)).toString('base64') },
      { account: pool.row.account, region: pool.row.region, caller: 'cognito-idp' },
    )) as typeof output;
  } catch (error) {
    throw new ServiceError(
      'UnexpectedLambdaException',
      `${name} invocation failed due to error ${(error as Error).message}.`,
    );
  }
  const text = output.Payload?.toString('utf8') ?? '';
  if (output.FunctionError) {
    const message = errorMessage(text);
    throw new ServiceError('UserLambdaValidationException', `${name} failed with error ${message}.`);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
  }
  const response = (answer as { response?: unknown }).response;
  return response && typeof response === 'object' ? (response as Record<string, unknown>) : {};
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessage?: unknown };
    if (typeof body.errorMessage === 'string') return body.errorMessage;
  } catch {
    // Not JSON: the text is the message.
  }
  return text;
}
