// AWS Secrets Manager: the service's table of contents (awsJson 1.1, `secretsmanager.*`, signing name
// `secretsmanager`).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/Welcome.html

import * as model from '../../core/generated/secrets-manager.js';
import { defineService } from '../../core/service.js';
import { batchGetSecretValue } from './operations/batch-get-secret-value.js';
import { createSecret } from './operations/create-secret.js';
import { deleteSecret, restoreSecret } from './operations/delete-secret.js';
import { describeSecret } from './operations/describe-secret.js';
import { getRandomPassword } from './operations/get-random-password.js';
import { getSecretValue } from './operations/get-secret-value.js';
import { listSecretVersionIds } from './operations/list-secret-version-ids.js';
import { listSecrets } from './operations/list-secrets.js';
import { putSecretValue } from './operations/put-secret-value.js';
import { removeRegionsFromReplication, replicateSecretToRegions } from './operations/replication.js';
import {
  deleteResourcePolicy,
  getResourcePolicy,
  putResourcePolicy,
  validateResourcePolicy,
} from './operations/resource-policy.js';
import { cancelRotateSecret, rotateSecret } from './operations/rotate-secret.js';
import { tagResource, untagResource } from './operations/tags.js';
import { updateSecret } from './operations/update-secret.js';
import { updateSecretVersionStage } from './operations/update-secret-version-stage.js';
import { resourcePolicy } from './resources/resource-policy.js';
import { secret } from './resources/secret.js';
import { SecretsManager } from './secrets-manager.js';

export const secretsManagerService = defineService<SecretsManager>({
  name: 'secrets-manager',
  signingName: 'secretsmanager',
  json: { targetPrefix: 'secretsmanager', version: '1.1' },
  errorNamespace: 'com.amazonaws.secretsmanager',
  model,
  // The model's errors (statuses and faults) are Secrets Manager's own; validation failures are the generic
  // ValidationException with AWS's wording ("1 validation error detected: … at 'passwordLength' …").
  errors: {},
  resources: [secret, resourcePolicy],
  operations: {
    BatchGetSecretValue: batchGetSecretValue,
    CancelRotateSecret: cancelRotateSecret,
    CreateSecret: createSecret,
    DeleteResourcePolicy: deleteResourcePolicy,
    DeleteSecret: deleteSecret,
    DescribeSecret: describeSecret,
    GetRandomPassword: getRandomPassword,
    GetResourcePolicy: getResourcePolicy,
    GetSecretValue: getSecretValue,
    ListSecrets: listSecrets,
    ListSecretVersionIds: listSecretVersionIds,
    PutResourcePolicy: putResourcePolicy,
    PutSecretValue: putSecretValue,
    RemoveRegionsFromReplication: removeRegionsFromReplication,
    ReplicateSecretToRegions: replicateSecretToRegions,
    RestoreSecret: restoreSecret,
    RotateSecret: rotateSecret,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateSecret: updateSecret,
    UpdateSecretVersionStage: updateSecretVersionStage,
    ValidateResourcePolicy: validateResourcePolicy,
  },
  create: ({ store, clock, call, log }) => new SecretsManager(store, clock, call, log),
});
