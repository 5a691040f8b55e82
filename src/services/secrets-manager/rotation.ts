// Rotation with a Lambda function: RotateSecret prepares an AWSPENDING version named by the token and
// invokes the function once per step (createSecret, setSecret, testSecret, finishSecret) with the event
// AWS sends; the function's finishSecret moves AWSCURRENT to the new version.
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html

import { ServiceError } from '../../core/errors.js';
import type { RotationConfig } from './describe.js';
import { invalidRequest } from './errors.js';
import type { SecretsManager } from './secrets-manager.js';
import type { SecretRow } from './store.js';
import { CURRENT, hasValue, PENDING } from './versions.js';

export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

export interface RotationRequest {
  readonly lambdaArn?: string;
  readonly rules?: RotationConfig['rules'];
}

/** Records the rotation configuration (the function and schedule), turning rotation on. */
export function configureRotation(
  secrets: SecretsManager,
  secret: SecretRow,
  request: RotationRequest,
): RotationConfig {
  const previous = secret.rotation ? (JSON.parse(secret.rotation) as RotationConfig) : undefined;
  const lambdaArn = request.lambdaArn || previous?.lambdaArn;
  if (!lambdaArn) {
    // The API reference's wording for this InvalidRequestException.
    throw invalidRequest(
      "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured and you didn't include such an ARN as a parameter in this call.",
    );
  }
  const config: RotationConfig = { lambdaArn, rules: request.rules ?? previous?.rules, enabled: true };
  secrets.sql.updateRotation.run(JSON.stringify(config), secrets.clock.now(), secret.id);
  return config;
}

/** Runs one rotation to its end. A step whose function fails ends the rotation there with AWSPENDING left
 * on the new version, as on AWS, where the next RotateSecret then reports the unfinished rotation. */
export async function rotate(
  secrets: SecretsManager,
  secret: SecretRow,
  lambdaArn: string,
  token: string,
  where: { account: string; region: string },
): Promise<void> {
  secrets.store.transaction(() => {
    const pending = secrets.versions.byStage(secret, PENDING);
    const current = secrets.versions.byStage(secret, CURRENT);
    if (pending && pending.version_id !== token && pending.version_id !== current?.version_id) {
      // The API reference's wording for this InvalidRequestException.
      throw invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
    }
    secrets.versions.preparePending(secret, token);
  });
  for (const step of ROTATION_STEPS) {
    const event = { Step: step, SecretId: secret.arn, ClientRequestToken: token, RotationToken: token };
    let result: Record<string, unknown>;
    try {
      result = (await secrets.call(
        'lambda',
        'Invoke',
        { FunctionName: lambdaArn, Payload: Buffer.from(JSON.stringify(event)).toString('base64') },
        { ...where, caller: 'secretsmanager' },
      )) as Record<string, unknown>;
    } catch (error) {
      if (step === 'createSecret') abandon(secrets, secret, token);
      throw error instanceof ServiceError
        ? new ServiceError(
            'InvalidRequestException',
            `Secrets Manager cannot invoke the specified Lambda function: ${error.message}`,
          )
        : error;
    }
    if (result.FunctionError !== undefined) {
      secrets.log(
        `secrets-manager: rotation of ${secret.arn} failed at ${step}: ${payloadText(result.Payload)}`,
      );
      return;
    }
  }
  secrets.store.transaction(() => {
    if (secrets.versions.byStage(secret, CURRENT)?.version_id !== token) return;
    // "When rotation is successful, the AWSPENDING staging label might be attached to the same version as
    // the AWSCURRENT version, or it might not be attached to any version": Nimbus takes it off.
    secrets.versions.detach(secret, PENDING);
    const now = secrets.clock.now();
    secrets.sql.markRotated.run(now, now, secret.id);
  });
}

/** CancelRotateSecret: turns automatic rotation off; a rotation in progress keeps its AWSPENDING version
 * (the API reference: "You might need to remove the staging label AWSPENDING from the partially created
 * version"). */
export function cancelRotation(secrets: SecretsManager, secret: SecretRow): string | undefined {
  const config = secret.rotation ? (JSON.parse(secret.rotation) as RotationConfig) : undefined;
  if (!config) {
    throw invalidRequest(
      "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured and you didn't include such an ARN as a parameter in this call.",
    );
  }
  secrets.sql.updateRotation.run(
    JSON.stringify({ ...config, enabled: false }),
    secrets.clock.now(),
    secret.id,
  );
  const pending = secrets.versions.byStage(secret, PENDING);
  const current = secrets.versions.byStage(secret, CURRENT);
  return pending && pending.version_id !== current?.version_id ? pending.version_id : undefined;
}

/** A function that cannot be invoked at all leaves nothing behind: the empty AWSPENDING version goes. */
function abandon(secrets: SecretsManager, secret: SecretRow, token: string): void {
  const version = secrets.versions.find(secret, token);
  if (version && !hasValue(version)) {
    secrets.versions.detach(secret, PENDING);
    secrets.sql.deleteVersion.run(secret.id, token);
  }
}

function payloadText(payload: unknown): string {
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
