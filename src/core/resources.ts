// The contract between the CloudFormation engine and the services: a resource type is a small object in
// its service's `resources/` folder that creates, updates and deletes one kind of resource by calling the
// service's own operations in-process, so a resource a template makes is the one the API would have made.
// The engine knows no service; facts about a type (create-only properties, attributes, identifiers) come
// from AWS's resource schemas (core/generated/resource-schemas.ts), not from the type.
// https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html

import type { Clock } from './clock.js';

/** A template's properties for one resource, after intrinsics are resolved: plain JSON values. */
export type ResourceProperties = Readonly<Record<string, unknown>>;

/** What a resource type may use while it works. */
export interface ResourceContext {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  readonly stackId: string;
  /** The resource's logical id in the template (`OrdersQueue`). */
  readonly logicalId: string;
  /** The name CloudFormation gives a resource whose template names none: `<stack>-<logicalId>-<SUFFIX>`,
   * with a random 12-character suffix, shortened to `maxLength` as CloudFormation shortens it (the stack
   * name and logical id are truncated, the suffix is kept). Stable for one resource within one deploy. */
  physicalName(options?: { maxLength?: number; lowercase?: boolean; separator?: string }): string;
  /** Calls any service's operation in-process: the same validation, events and errors as over HTTP. */
  call(service: string, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The cloud's endpoint (`http://127.0.0.1:4566`): the host of URLs a type hands out for others to call
   * back (a custom resource's presigned ResponseURL). */
  readonly endpoint: string;
  /** The cloud's clock: types that wait (custom resources, wait conditions) time out on it, so a test that
   * advances it sees the timeout without sleeping. */
  readonly clock: Clock;
  /** Aborted when the cloud stops: a type still waiting gives up rather than hold the shutdown. */
  readonly signal?: AbortSignal;
}

/** What CloudFormation knows of a resource once made: `Ref` gives `physicalId`, `Fn::GetAtt` the
 * attributes (by the names the schema's readOnlyProperties give, `Arn`, `QueueUrl`, `StreamArn`). */
export interface ResourceState {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Set by `update` when it made a new physical resource instead of changing the old one (a custom
   * resource answering an Update with another PhysicalResourceId): the engine then treats the update as a
   * replacement, deleting the old resource at cleanup (or the new one if the stack rolls back). */
  readonly replacement?: boolean;
}

/** A failure whose message is the status reason exactly as CloudFormation shows it (a custom resource's
 * "Received response status [FAILED]…"), not wrapped as a resource handler's message. */
export class ResourceFailure extends Error {}

export interface ResourceType {
  /** `AWS::SQS::Queue`. */
  readonly type: string;
  /** Properties whose change replaces the resource although the schema does not mark them create-only,
   * where CloudFormation's documentation says "Update requires: Replacement" (DynamoDB's KeySchema). */
  readonly replacementProperties?: readonly string[];
  /** Attributes Fn::GetAtt reads beyond the schema's read-only properties, where CloudFormation documents
   * them as return values (SQS's QueueName, SNS's TopicName). */
  readonly attributes?: readonly string[];
  /** A stand-in for a type Nimbus does not serve (`--skip-unsupported`): every GetAtt of it resolves to a
   * placeholder string instead of failing. */
  readonly placeholder?: boolean;
  create(properties: ResourceProperties, ctx: ResourceContext): Promise<ResourceState>;
  /** An in-place update from `previous` to `properties`. The engine calls it only when no create-only
   * property changed (those changes replace the resource); a type without `update` is replaced on any
   * change. */
  update?(
    state: ResourceState,
    properties: ResourceProperties,
    previous: ResourceProperties,
    ctx: ResourceContext,
  ): Promise<ResourceState>;
  /** Deletes the resource; one already gone (deleted by hand) is not an error, as on CloudFormation. */
  delete(state: ResourceState, properties: ResourceProperties, ctx: ResourceContext): Promise<void>;
}

/** A property CloudFormation accepts as a number or a numeric string (`VisibilityTimeout: "30"`). */
export function numberProperty(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A property CloudFormation accepts as a boolean or `"true"`/`"false"`. */
export function booleanProperty(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/** A scalar property as the string a service's API takes (`30` → `"30"`); objects are JSON. */
export function stringProperty(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/** CloudFormation `Tags` (`[{ Key, Value }]`) as the map most APIs take. */
export function tagMap(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags)) return undefined;
  const map: Record<string, string> = {};
  for (const tag of tags as { Key?: unknown; Value?: unknown }[]) {
    if (typeof tag?.Key === 'string') map[tag.Key] = stringProperty(tag.Value) ?? '';
  }
  return map;
}

/** Whether an error from `ctx.call` says the resource is already gone (its service's not-found codes). */
export function isNotFound(error: unknown, codes: readonly string[]): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' &&
    codes.includes((error as { code: string }).code)
  );
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The name CloudFormation generates for an unnamed resource: `<stack>-<logicalId>-<SUFFIX>`, the suffix
 * 12 random characters ([A-Z0-9], lower-cased where the service wants lower case); when that is longer
 * than `maxLength`, the stack name and logical id are shortened, the suffix kept.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html */
export function generatedPhysicalName(
  stackName: string,
  logicalId: string,
  random: () => number,
  options: { maxLength?: number; lowercase?: boolean; separator?: string } = {},
): string {
  const separator = options.separator ?? '-';
  let suffix = '';
  for (let i = 0; i < 12; i++) suffix += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)];
  let stack = stackName;
  let logical = logicalId;
  const max = options.maxLength ?? 255;
  const room = max - suffix.length - 2 * separator.length;
  if (stack.length + logical.length > room) {
    // Each part keeps at least half the room (or all of its own length, if shorter), as CloudFormation
    // keeps both recognisable.
    const half = Math.floor(room / 2);
    if (stack.length > half && logical.length > room - half) {
      stack = stack.slice(0, half);
      logical = logical.slice(0, room - half);
    } else if (stack.length > half) stack = stack.slice(0, room - logical.length);
    else logical = logical.slice(0, room - stack.length);
  }
  const name = `${stack}${separator}${logical}${separator}${suffix}`;
  return options.lowercase ? name.toLowerCase() : name;
}

/** What an in-place update must do to a resource's tags: compares the template's `Tags` before and
 * after, so only real changes reach the service's tag and untag operations. */
export function tagChanges(
  properties: ResourceProperties,
  previous: ResourceProperties,
): { set: Record<string, string>; removed: string[] } {
  const now = tagMap(properties.Tags) ?? {};
  const before = tagMap(previous.Tags) ?? {};
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(now)) if (before[key] !== value) set[key] = value;
  return { set, removed: Object.keys(before).filter((key) => !Object.hasOwn(now, key)) };
}

/** A resource type that sets one policy document on each resource a list names (SQS's QueuePolicy and
 * its `Queues`, SNS's TopicPolicy and its `Topics`): the policy has no identity of its own in the
 * service, so its Ref is a generated id, as CloudFormation gives it. */
export function listedPolicyType(definition: {
  readonly type: string;
  /** The property listing the resources (`Queues`). */
  readonly targets: string;
  setPolicy(ctx: ResourceContext, target: string, policy: string): Promise<void>;
  /** Takes the policy off again; a target already deleted must not be an error. */
  clearPolicy(ctx: ResourceContext, target: string): Promise<void>;
}): ResourceType {
  const targets = (properties: ResourceProperties): string[] => {
    const list = properties[definition.targets];
    return Array.isArray(list) ? list.map(String) : [];
  };
  const document = (properties: ResourceProperties) => stringProperty(properties.PolicyDocument) ?? '';
  return {
    type: definition.type,
    async create(properties, ctx) {
      for (const target of targets(properties)) await definition.setPolicy(ctx, target, document(properties));
      return { physicalId: ctx.physicalName(), attributes: { Id: ctx.physicalName() } };
    },
    async update(current, properties, previous, ctx) {
      const now = targets(properties);
      for (const target of targets(previous))
        if (!now.includes(target)) await definition.clearPolicy(ctx, target);
      for (const target of now) await definition.setPolicy(ctx, target, document(properties));
      return current;
    },
    async delete(_current, properties, ctx) {
      for (const target of targets(properties)) await definition.clearPolicy(ctx, target);
    },
  };
}
