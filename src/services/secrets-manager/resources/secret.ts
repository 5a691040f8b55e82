// AWS::SecretsManager::Secret: a secret made with CreateSecret, its value given (SecretString) or
// generated (GenerateSecretString, through GetRandomPassword); changed in place with UpdateSecret,
// TagResource/UntagResource and the replication operations; deleted without a recovery window.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-secretsmanager-secret-generatesecretstring.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagChanges,
} from '../../../core/resources.js';
import { isPlainObject } from '../../../core/validate.js';

const TYPE = 'AWS::SecretsManager::Secret';
const SERVICE = 'secrets-manager';

export const secret: ResourceType = {
  type: 'AWS::SecretsManager::Secret',

  async create(properties, ctx) {
    const created = await ctx.call(SERVICE, 'CreateSecret', {
      Name: stringProperty(properties.Name) ?? generatedName(ctx),
      Description: stringProperty(properties.Description),
      KmsKeyId: stringProperty(properties.KmsKeyId),
      Type: stringProperty(properties.Type),
      SecretString: await secretString(properties, ctx),
      Tags: tagList(properties.Tags),
      AddReplicaRegions: replicaList(properties.ReplicaRegions),
    });
    return state(String(created.ARN));
  },

  async update(current, properties, previous, ctx) {
    const SecretId = current.physicalId;
    const changes: Record<string, unknown> = {};
    for (const name of ['Description', 'KmsKeyId']) {
      const value = stringProperty(properties[name]);
      if (value !== stringProperty(previous[name])) changes[name] = value ?? '';
    }
    const valueChanged =
      stringProperty(properties.SecretString) !== stringProperty(previous.SecretString) ||
      JSON.stringify(properties.GenerateSecretString) !== JSON.stringify(previous.GenerateSecretString);
    if (valueChanged) changes.SecretString = await secretString(properties, ctx);
    if (Object.keys(changes).length > 0) await ctx.call(SERVICE, 'UpdateSecret', { SecretId, ...changes });
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0)
      await ctx.call(SERVICE, 'UntagResource', { SecretId, TagKeys: tags.removed });
    const set = Object.entries(tags.set).map(([Key, Value]) => ({ Key, Value }));
    if (set.length > 0) await ctx.call(SERVICE, 'TagResource', { SecretId, Tags: set });
    await updateReplicas(SecretId, properties, previous, ctx);
    return state(SecretId);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call(SERVICE, 'DeleteSecret', {
        SecretId: current.physicalId,
        ForceDeleteWithoutRecovery: true,
      });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

/** Ref and GetAtt Id are both the secret's ARN. */
function state(arn: string) {
  return { physicalId: arn, attributes: { Id: arn } };
}

/** The name CloudFormation gives an unnamed secret: the logical id, a hyphen and 12 random characters
 * (to which Secrets Manager adds its own six in the ARN), as names like `SecretA720EF05-kXDwaLzRMFI4` show. */
function generatedName(ctx: ResourceContext): string {
  return `${ctx.logicalId}-${ctx.physicalName().slice(-12)}`;
}

/** SecretString as given, or generated: a password alone, or the template's JSON with the password under
 * GenerateStringKey. */
async function secretString(
  properties: ResourceProperties,
  ctx: ResourceContext,
): Promise<string | undefined> {
  const given = stringProperty(properties.SecretString);
  const generate = properties.GenerateSecretString;
  if (generate === undefined) return given;
  if (given !== undefined)
    throw new Error(`${TYPE}: SecretString and GenerateSecretString are mutually exclusive`);
  if (!isPlainObject(generate)) throw new Error(`${TYPE}: GenerateSecretString must be an object`);
  const { RandomPassword } = await ctx.call(SERVICE, 'GetRandomPassword', passwordOptions(generate));
  const template = stringProperty(generate.SecretStringTemplate);
  const key = stringProperty(generate.GenerateStringKey);
  if ((template === undefined) !== (key === undefined)) {
    throw new Error(`${TYPE}: SecretStringTemplate and GenerateStringKey must be given together`);
  }
  if (template === undefined || key === undefined) return String(RandomPassword);
  let document: unknown;
  try {
    document = JSON.parse(template);
  } catch {
    throw new Error(`${TYPE}: SecretStringTemplate is not valid JSON`);
  }
  if (!isPlainObject(document)) throw new Error(`${TYPE}: SecretStringTemplate must be a JSON object`);
  return JSON.stringify({ ...document, [key]: RandomPassword });
}

function passwordOptions(generate: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {
    PasswordLength: numberProperty(generate.PasswordLength),
    ExcludeCharacters: stringProperty(generate.ExcludeCharacters),
  };
  for (const flag of [
    'ExcludeLowercase',
    'ExcludeNumbers',
    'ExcludePunctuation',
    'ExcludeUppercase',
    'IncludeSpace',
    'RequireEachIncludedType',
  ]) {
    options[flag] = booleanProperty(generate[flag]);
  }
  return options;
}

/** Secrets Manager takes tags as the same `[{ Key, Value }]` list templates write. */
function tagList(tags: unknown): { Key: string; Value: string }[] | undefined {
  if (!Array.isArray(tags)) return undefined;
  return (tags as { Key?: unknown; Value?: unknown }[]).map((tag) => ({
    Key: String(tag?.Key),
    Value: stringProperty(tag?.Value) ?? '',
  }));
}

function replicaList(replicas: unknown): { Region: string; KmsKeyId?: string }[] | undefined {
  if (!Array.isArray(replicas) || replicas.length === 0) return undefined;
  return (replicas as { Region?: unknown; KmsKeyId?: unknown }[]).map((replica) => ({
    Region: String(replica?.Region),
    KmsKeyId: stringProperty(replica?.KmsKeyId),
  }));
}

async function updateReplicas(
  SecretId: string,
  properties: ResourceProperties,
  previous: ResourceProperties,
  ctx: ResourceContext,
): Promise<void> {
  const now = replicaList(properties.ReplicaRegions) ?? [];
  const before = replicaList(previous.ReplicaRegions) ?? [];
  const removed = before.filter((old) => !now.some((r) => r.Region === old.Region)).map((r) => r.Region);
  const added = now.filter(
    (r) => !before.some((old) => old.Region === r.Region && old.KmsKeyId === r.KmsKeyId),
  );
  if (removed.length > 0) {
    await ctx.call(SERVICE, 'RemoveRegionsFromReplication', { SecretId, RemoveReplicaRegions: removed });
  }
  if (added.length > 0)
    await ctx.call(SERVICE, 'ReplicateSecretToRegions', { SecretId, AddReplicaRegions: added });
}
