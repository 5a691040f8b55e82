// One stack operation carried out: resources created, updated in place or replaced in dependency order
// (each as soon as what it refers to is done, independent ones in parallel), the old ones deleted at
// cleanup, and on failure the rollback CloudFormation performs, with the events it records.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stack-failure-options.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ServiceError } from '../../core/errors.js';
import { RESOURCE_SCHEMAS } from '../../core/generated/resource-schemas.js';
import {
  type ResourceContext,
  ResourceFailure,
  type ResourceState,
  type ResourceType,
} from '../../core/resources.js';
import { resolveDynamicReferences } from './dynamic-references.js';
import type { PreparedTemplate } from './prepare.js';
import { availabilityZones } from './prepare.js';
import { placeholderValue } from './resources/placeholder.js';
import { type PseudoParameters, resolveValue, type Scope } from './template/intrinsics.js';
import type { ResourceDeclaration } from './template/parse.js';

/** A resource as the stack records it. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string | undefined;
  readonly status: string;
  readonly properties: Record<string, unknown>;
  readonly attributes: Record<string, unknown>;
}

export interface StackEventInput {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  readonly status: string;
  readonly reason?: string;
  readonly properties?: Record<string, unknown>;
}

/** What a deployment reads and writes; the engine backs it with the store and the services. */
export interface DeploymentIo {
  readonly pseudo: PseudoParameters;
  resourceType(type: string): ResourceType | undefined;
  context(logicalId: string): ResourceContext;
  importValue(name: string): unknown;
  /** Records a stack event. */
  event(event: StackEventInput): void;
  /** Records a resource's row (status, physical id, properties, attributes). */
  save(resource: DeployedResource): void;
  /** Forgets a resource that is gone. */
  drop(logicalId: string): void;
  stackStatus(status: string, reason?: string): void;
}

export interface DeploymentResult {
  readonly succeeded: boolean;
  readonly resources: Map<string, DeployedResource>;
}

type Action = 'create' | 'update' | 'replace';

interface Done {
  readonly logicalId: string;
  readonly action: Action | 'none';
  /** What the resource was before (update and replace), to restore or clean up. */
  readonly before?: DeployedResource;
}

/** Creates (no `previous`) or updates a stack's resources to `prepared`. Stack statuses before the
 * operation's own first one are the caller's; this records everything from the first resource event. */
export async function deploy(
  kind: 'create' | 'update',
  prepared: PreparedTemplate,
  previous: ReadonlyMap<string, DeployedResource>,
  io: DeploymentIo,
  options: { disableRollback: boolean },
): Promise<DeploymentResult> {
  const resources = new Map(previous);
  const declarations = prepared.template.Resources;
  const done: Done[] = [];
  const failed: string[] = [];
  const scope = scopeFor(prepared, resources, io);
  const started = new Map<string, Promise<void>>();
  let stopping = false;

  const run = (logicalId: string): Promise<void> => {
    let promise = started.get(logicalId);
    if (promise) return promise;
    promise = (async () => {
      const dependencies = [...(prepared.graph.get(logicalId) ?? [])];
      await Promise.all(dependencies.map(run));
      if (stopping || dependencies.some((id) => !isSettled(resources.get(id)))) return;
      const declaration = declarations[logicalId]!;
      try {
        done.push(await apply(logicalId, declaration, resources, scope, io));
      } catch (error) {
        stopping = true;
        failed.push(logicalId);
        const before = resources.get(logicalId);
        const status = before?.physicalId ? 'UPDATE_FAILED' : 'CREATE_FAILED';
        const failedResource: DeployedResource = {
          logicalId,
          type: declaration.Type,
          physicalId: before?.physicalId,
          status,
          properties: before?.properties ?? {},
          attributes: before?.attributes ?? {},
        };
        if (!before?.physicalId) resources.set(logicalId, failedResource);
        record(
          io,
          {
            logicalId,
            type: declaration.Type,
            physicalId: before?.physicalId,
            status,
            reason: failureReason(error),
          },
          before?.physicalId ? { ...before, status } : failedResource,
        );
      }
    })();
    started.set(logicalId, promise);
    return promise;
  };
  await Promise.all([...prepared.graph.keys()].map(run));

  if (failed.length === 0) {
    if (kind === 'update') {
      io.stackStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
      await cleanUp(done, prepared, previous, resources, io);
    }
    return { succeeded: true, resources };
  }
  // Resources that never started are reported cancelled only where CloudFormation reports them: those in
  // progress; here nothing is left in progress, so the rollback starts at once.
  const reason = `The following resource(s) failed to ${kind === 'create' ? 'create' : 'update'}: [${failed.sort().join(', ')}]. `;
  if (kind === 'create') {
    if (options.disableRollback) {
      io.stackStatus('CREATE_FAILED', reason);
      return { succeeded: false, resources };
    }
    io.stackStatus('ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`);
    await deleteAll(resources, prepared.graph, io);
    io.stackStatus('ROLLBACK_COMPLETE');
    return { succeeded: false, resources };
  }
  if (options.disableRollback) {
    io.stackStatus('UPDATE_FAILED', reason);
    return { succeeded: false, resources };
  }
  io.stackStatus('UPDATE_ROLLBACK_IN_PROGRESS', reason);
  await rollBackUpdate(done, resources, io);
  io.stackStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  io.stackStatus('UPDATE_ROLLBACK_COMPLETE');
  return { succeeded: false, resources };
}

/** Deletes every resource of a stack in reverse dependency order (DeleteStack, and a create's rollback),
 * keeping those whose DeletionPolicy is Retain. Returns the logical ids that could not be deleted. */
export async function deleteAll(
  resources: Map<string, DeployedResource>,
  graph: ReadonlyMap<string, ReadonlySet<string>>,
  io: DeploymentIo,
  policies: Readonly<Record<string, ResourceDeclaration>> = {},
): Promise<string[]> {
  const failed: string[] = [];
  const dependents = new Map<string, string[]>();
  for (const [id, dependencies] of graph) {
    for (const dependency of dependencies)
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), id]);
  }
  const started = new Map<string, Promise<void>>();
  const remove = (logicalId: string): Promise<void> => {
    let promise = started.get(logicalId);
    if (promise) return promise;
    promise = (async () => {
      await Promise.all((dependents.get(logicalId) ?? []).filter((id) => resources.has(id)).map(remove));
      const resource = resources.get(logicalId);
      if (!resource) return;
      if (failed.some((id) => (dependents.get(logicalId) ?? []).includes(id))) return;
      if (policies[logicalId]?.DeletionPolicy === 'Retain') {
        record(io, { ...eventOf(resource), status: 'DELETE_SKIPPED' }, null);
        resources.delete(logicalId);
        return;
      }
      try {
        await deleteOne(resource, io);
        resources.delete(logicalId);
      } catch (error) {
        failed.push(logicalId);
        const stuck = { ...resource, status: 'DELETE_FAILED' };
        resources.set(logicalId, stuck);
        record(io, { ...eventOf(resource), status: 'DELETE_FAILED', reason: failureReason(error) }, stuck);
      }
    })();
    started.set(logicalId, promise);
    return promise;
  };
  await Promise.all([...resources.keys()].map(remove));
  return failed;
}

async function apply(
  logicalId: string,
  declaration: ResourceDeclaration,
  resources: Map<string, DeployedResource>,
  scope: Scope,
  io: DeploymentIo,
): Promise<Done> {
  const type = io.resourceType(declaration.Type)!;
  const properties = (resolveValue(declaration.Properties ?? {}, scope) ?? {}) as Record<string, unknown>;
  const before = resources.get(logicalId);
  const ctx = io.context(logicalId);
  // The handlers see dynamic references' values; the stack keeps (and compares) the references.
  const live = () => resolveDynamicReferences(properties, declaration.Type, ctx.call);
  if (!before?.physicalId || before.status === 'CREATE_FAILED') {
    checkProperties(logicalId, declaration.Type, properties);
    const created = await create(logicalId, declaration.Type, type, properties, ctx, io, live);
    resources.set(logicalId, created);
    return { logicalId, action: 'create' };
  }
  if (before.type === declaration.Type && isDeepStrictEqual(before.properties, properties)) {
    return { logicalId, action: 'none' };
  }
  checkProperties(logicalId, declaration.Type, properties);
  if (
    before.type === declaration.Type &&
    type.update &&
    !requiresReplacement(declaration.Type, before.properties, properties, type.replacementProperties)
  ) {
    record(
      io,
      { ...eventOf(before), status: 'UPDATE_IN_PROGRESS', properties },
      { ...before, status: 'UPDATE_IN_PROGRESS' },
    );
    const previous = await knownValues(before.properties, declaration.Type, ctx);
    const state = await type.update(stateOf(before), await live(), previous, ctx);
    const updated = deployed(logicalId, declaration.Type, state, properties, 'UPDATE_COMPLETE');
    resources.set(logicalId, updated);
    record(io, eventOf(updated), updated);
    // An update that made a new physical resource is a replacement after the fact: the old one goes at
    // cleanup, as CloudFormation deletes a custom resource whose Update answered a new PhysicalResourceId.
    return { logicalId, action: state.replacement ? 'replace' : 'update', before };
  }
  // Replacement: the new resource first; the old one goes at cleanup, once nothing refers to it. A name the
  // template gives and keeps would be taken twice, so CloudFormation refuses the update instead.
  const keptName = customName(declaration.Type, before.properties, properties);
  if (before.type === declaration.Type && keptName) {
    throw new ResourceFailure(
      `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${keptName} and update the stack again.`,
    );
  }
  record(
    io,
    {
      ...eventOf(before),
      status: 'UPDATE_IN_PROGRESS',
      reason: 'Requested update requires the creation of a new physical resource; hence creating one.',
      properties,
    },
    { ...before, status: 'UPDATE_IN_PROGRESS' },
  );
  const state = await type.create(await live(), ctx);
  const replaced = deployed(logicalId, declaration.Type, state, properties, 'UPDATE_COMPLETE');
  resources.set(logicalId, replaced);
  record(io, eventOf(replaced), replaced);
  return { logicalId, action: 'replace', before };
}

async function create(
  logicalId: string,
  typeName: string,
  type: ResourceType,
  properties: Record<string, unknown>,
  ctx: ResourceContext,
  io: DeploymentIo,
  live: () => Promise<Record<string, unknown>>,
): Promise<DeployedResource> {
  record(
    io,
    { logicalId, type: typeName, status: 'CREATE_IN_PROGRESS', properties },
    {
      logicalId,
      type: typeName,
      physicalId: undefined,
      status: 'CREATE_IN_PROGRESS',
      properties,
      attributes: {},
    },
  );
  const state = await type.create(await live(), ctx);
  const created = deployed(logicalId, typeName, state, properties, 'CREATE_COMPLETE');
  record(
    io,
    { ...eventOf(created), reason: 'Resource creation Initiated' },
    { ...created, status: 'CREATE_IN_PROGRESS' },
  );
  record(io, eventOf(created), created);
  return created;
}

/** A deployed resource's properties with its dynamic references' values where they can still be read (a
 * parameter deleted since leaves its reference as written): what delete and update handlers are told the
 * resource was. */
function knownValues(
  properties: Record<string, unknown>,
  type: string,
  ctx: ResourceContext,
): Promise<Record<string, unknown>> {
  return resolveDynamicReferences(properties, type, ctx.call).catch(() => properties);
}

/** Deletes one resource; `replaced` is the old half of a replacement, whose row is the new half's. */
async function deleteOne(resource: DeployedResource, io: DeploymentIo, replaced = false): Promise<void> {
  record(
    io,
    { ...eventOf(resource), status: 'DELETE_IN_PROGRESS' },
    replaced ? undefined : { ...resource, status: 'DELETE_IN_PROGRESS' },
  );
  const type = io.resourceType(resource.type);
  if (resource.physicalId && type) {
    const ctx = io.context(resource.logicalId);
    await type.delete(stateOf(resource), await knownValues(resource.properties, resource.type, ctx), ctx);
  }
  record(io, { ...eventOf(resource), status: 'DELETE_COMPLETE' }, replaced ? undefined : null);
}

/** After a successful update: old halves of replacements, and resources the new template dropped. */
async function cleanUp(
  done: readonly Done[],
  prepared: PreparedTemplate,
  previous: ReadonlyMap<string, DeployedResource>,
  resources: Map<string, DeployedResource>,
  io: DeploymentIo,
): Promise<void> {
  for (const step of done) {
    if (step.action !== 'replace' || !step.before) continue;
    const policy = prepared.template.Resources[step.logicalId]?.UpdateReplacePolicy;
    if (policy === 'Retain') continue;
    // A failure to delete the old half does not fail the update: CloudFormation reports it and goes on.
    await deleteOne(step.before, io, true).catch((error: unknown) =>
      record(io, { ...eventOf(step.before!), status: 'DELETE_FAILED', reason: failureReason(error) }),
    );
  }
  const removed = new Map<string, DeployedResource>();
  for (const [id, resource] of previous) if (!prepared.graph.has(id)) removed.set(id, resource);
  for (const id of removed.keys()) resources.delete(id);
  await deleteAll(removed, new Map(), io);
}

/** Undoes an update: resources updated in place go back to their old properties, replacements' new halves
 * and added resources are deleted. */
async function rollBackUpdate(
  done: readonly Done[],
  resources: Map<string, DeployedResource>,
  io: DeploymentIo,
) {
  for (const step of [...done].reverse()) {
    const current = resources.get(step.logicalId);
    if (!current) continue;
    try {
      if (step.action === 'update' && step.before) {
        const type = io.resourceType(step.before.type)!;
        record(
          io,
          { ...eventOf(current), status: 'UPDATE_IN_PROGRESS' },
          { ...current, status: 'UPDATE_IN_PROGRESS' },
        );
        const ctx = io.context(step.logicalId);
        const state = await type.update!(
          stateOf(current),
          await resolveDynamicReferences(step.before.properties, step.before.type, ctx.call),
          await knownValues(current.properties, current.type, ctx),
          ctx,
        );
        const restored = deployed(
          step.logicalId,
          step.before.type,
          state,
          step.before.properties,
          'UPDATE_COMPLETE',
        );
        resources.set(step.logicalId, restored);
        record(io, eventOf(restored), restored);
      } else if (step.action === 'replace' && step.before) {
        await deleteOne(current, io);
        resources.set(step.logicalId, step.before);
        record(io, { ...eventOf(step.before), status: 'UPDATE_COMPLETE' }, step.before);
      } else if (step.action === 'create') {
        await deleteOne(current, io);
        resources.delete(step.logicalId);
      }
    } catch (error) {
      record(io, { ...eventOf(current), status: 'UPDATE_FAILED', reason: failureReason(error) }, current);
    }
  }
  // A resource whose create failed during the update is gone with the rollback.
  for (const [id, resource] of resources) {
    if (resource.status === 'CREATE_FAILED' && !resource.physicalId) {
      resources.delete(id);
      record(io, { ...eventOf(resource), status: 'DELETE_COMPLETE' }, null);
    }
  }
}

/** The scope intrinsics resolve in during a stack operation: resources' Ref and GetAtt from what is made
 * so far. Outputs resolve in it too, once everything is made. */
export function scopeFor(
  prepared: PreparedTemplate,
  resources: ReadonlyMap<string, DeployedResource>,
  io: DeploymentIo,
): Scope {
  return {
    parameters: prepared.parameters,
    pseudo: io.pseudo,
    mappings: prepared.template.Mappings,
    conditions: prepared.conditions,
    ref: (logicalId) => resources.get(logicalId)?.physicalId,
    getAtt: (logicalId, attribute) => {
      const resource = resources.get(logicalId);
      const value = resource?.attributes[attribute];
      if (value === undefined && resource && io.resourceType(resource.type)?.placeholder) {
        return placeholderValue(logicalId, attribute);
      }
      if (value === undefined && resource) {
        throw new ServiceError(
          'ValidationError',
          `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`,
        );
      }
      return value;
    },
    importValue: (name) => io.importValue(name),
    azs: (region) => availabilityZones(region || io.pseudo.region),
  };
}

/** Properties the schema requires, and no property it does not know, in CloudFormation's words for
 * registry types ("#: required key [X] not found", "#: extraneous key [Y] is not permitted"). */
function checkProperties(logicalId: string, type: string, properties: Record<string, unknown>): void {
  const schema = RESOURCE_SCHEMAS[type];
  if (!schema) return;
  const problems: string[] = [];
  for (const required of schema.required) {
    if (properties[required] === undefined) problems.push(`#: required key [${required}] not found`);
  }
  for (const name of Object.keys(properties)) {
    if (!schema.properties.includes(name)) problems.push(`#: extraneous key [${name}] is not permitted`);
  }
  if (problems.length > 0) {
    throw new PropertiesError(
      `Properties validation failed for resource ${logicalId} with message:\n[${problems.join(', ')}]`,
    );
  }
}

class PropertiesError extends Error {}

/** Whether the change touches a property the schema says cannot change in place. */
export function requiresReplacement(
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  extra: readonly string[] = [],
): boolean {
  const createOnly = [...(RESOURCE_SCHEMAS[type]?.createOnly ?? []), ...extra];
  return createOnly.some((path) => !isDeepStrictEqual(valueAt(before, path), valueAt(after, path)));
}

/** The name a template sets on a resource (a create-only `…Name` property such as QueueName, or `Name`),
 * when it is the same before and after: the resource cannot be replaced under it. */
function customName(
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string | undefined {
  const names = (RESOURCE_SCHEMAS[type]?.createOnly ?? []).filter(
    (path) => !path.includes('.') && /Name$/.test(path),
  );
  for (const name of names) {
    const value = after[name];
    if (typeof value === 'string' && value === before[name]) return value;
  }
  return undefined;
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A failed resource's status reason, as CloudFormation words a resource handler's failure. */
function failureReason(error: unknown): string {
  if (error instanceof PropertiesError || error instanceof ResourceFailure) return error.message;
  const token = randomUUID();
  if (error instanceof ServiceError) {
    return `Resource handler returned message: "${error.message}" (RequestToken: ${token}, HandlerErrorCode: ${handlerErrorCode(error.code)})`;
  }
  // A resource type's own refusal (a property it cannot change in place) is the request's fault; a
  // TypeError and its kind are Nimbus's, reported as CloudFormation reports its internal failures.
  if (error instanceof Error && error.constructor === Error) {
    return `Resource handler returned message: "${error.message}" (RequestToken: ${token}, HandlerErrorCode: InvalidRequest)`;
  }
  return `Internal Failure: ${error instanceof Error ? error.message : String(error)}`;
}

/** The handler error code CloudFormation reports for a service's error code.
 * https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-test-contract-errors.html */
function handlerErrorCode(code: string): string {
  if (/NotFound|NonExistent|NoSuch/.test(code)) return 'NotFound';
  if (/AlreadyExist|InUse|Conflict/.test(code)) return 'AlreadyExists';
  if (/Throttl|TooMany/.test(code)) return 'Throttling';
  if (/AccessDenied|Unauthorized/.test(code)) return 'AccessDenied';
  if (/Validation|Invalid|Malformed|Missing/.test(code)) return 'InvalidRequest';
  return 'GeneralServiceException';
}

/** An event, and what it means for the resource's row: saved, dropped (`null`) or untouched (absent). */
function record(io: DeploymentIo, event: StackEventInput, resource?: DeployedResource | null): void {
  io.event(event);
  if (resource === null) io.drop(event.logicalId);
  else if (resource) io.save(resource);
}

function isSettled(resource: DeployedResource | undefined): boolean {
  return resource !== undefined && resource.physicalId !== undefined && !resource.status.endsWith('FAILED');
}

function deployed(
  logicalId: string,
  type: string,
  state: ResourceState,
  properties: Record<string, unknown>,
  status: string,
): DeployedResource {
  return {
    logicalId,
    type,
    physicalId: state.physicalId,
    status,
    properties,
    attributes: { ...state.attributes },
  };
}

function stateOf(resource: DeployedResource): ResourceState {
  return { physicalId: resource.physicalId ?? '', attributes: resource.attributes };
}

function eventOf(resource: DeployedResource): StackEventInput {
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    physicalId: resource.physicalId,
    status: resource.status,
  };
}
