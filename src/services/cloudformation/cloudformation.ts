// The CloudFormation engine: stacks and their operations. An operation is accepted once its template is
// prepared (a bad template is the caller's ValidationError), then runs in the background, recording every
// status in the store as it goes, so DescribeStacks and the SDK's and CLI's waiters see what AWS's would.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { generatedPhysicalName, type ResourceContext, type ResourceType } from '../../core/resources.js';
import type { InProcessCall, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import {
  type DeployedResource,
  type DeploymentIo,
  deleteAll,
  deploy,
  type StackEventInput,
  scopeFor,
} from './deployment.js';
import { type PreparedTemplate, prepareTemplate } from './prepare.js';
import { customResourceType } from './resources/custom-resource.js';
import { placeholderType } from './resources/placeholder.js';
import type { SsmParameterValues } from './ssm-parameters.js';
import {
  CLOUDFORMATION_MIGRATIONS,
  CLOUDFORMATION_RESET,
  type CloudFormationStatements,
  cloudFormationStatements,
  type ResourceRow,
  type StackRow,
} from './store.js';
import { referencedResources } from './template/dependencies.js';
import { resolveValue } from './template/intrinsics.js';
import type { GivenParameter } from './template/parameters.js';
import { parseTemplate, type Template } from './template/parse.js';

export interface StackRequest {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly body: string;
  readonly parameters: readonly GivenParameter[];
  readonly capabilities: readonly string[];
  readonly tags: readonly { Key: string; Value: string }[];
  readonly disableRollback: boolean;
  readonly clientRequestToken?: string;
  /** What the template's SSM-typed parameters name, read from SSM when the operation was requested. */
  readonly ssmParameters?: SsmParameterValues;
}

/** What a stack's parameters and outputs are stored as. */
export interface StoredParameters {
  readonly values: Record<string, string | string[]>;
  readonly noEcho: string[];
  /** SSM-typed parameters' given values (the parameter names); absent in stacks kept by older Nimbus. */
  readonly ssmNames?: Readonly<Record<string, string>>;
}

export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

export class CloudFormation implements ServiceEngine {
  readonly sql: CloudFormationStatements;
  readonly clock: Clock;
  private readonly store: Store;
  private readonly call: InProcessCall;
  private readonly resourceType: (type: string) => ResourceType | undefined;
  private readonly log: (message: string) => void;
  private readonly endpoint: () => string;
  /** Aborted at stop, so resources still waiting (custom resources, wait conditions) give up. */
  private readonly stopping = new AbortController();
  /** Resource event ids handed out in the current millisecond of the cloud clock. */
  private eventIds = { at: 0, ids: new Set<string>() };
  /** Operations running, by stack id: one at a time per stack. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    // `Custom::<Name>` is any name a template chooses, each a custom resource (CloudFormation finds no
    // registry type for it); the type is made per name because the request carries the name.
    const customTypes = new Map<string, ResourceType>();
    this.resourceType = (type) => {
      const found = deps.resourceType(type);
      if (found) return found;
      const custom = /^Custom::[A-Za-z0-9_@-]{1,60}$/.test(type);
      if (
        !custom &&
        !(deps.settings.skipUnsupportedResources && /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(type))
      ) {
        return undefined;
      }
      const made =
        customTypes.get(type) ?? (custom ? customResourceType(type) : placeholderType(type, deps.log));
      customTypes.set(type, made);
      return made;
    };
    this.log = deps.log;
    this.endpoint = deps.endpoint;
    deps.store.migrate('cloudformation', CLOUDFORMATION_MIGRATIONS);
    this.sql = cloudFormationStatements(deps.store);
  }

  /** An operation a restart interrupted ends in a status CloudFormation itself could reach: the stack's
   * *_IN_PROGRESS becomes the matching failure, and so do its resources'. */
  started(): void {
    const reason = 'Nimbus stopped while the operation was in progress';
    for (const stack of this.sql.inProgress.all() as StackRow[]) {
      this.store.transaction(() => {
        this.sql.failInProgressResources.run(reason, stack.stack_id);
        const status = interruptedStatus(stack.status);
        this.sql.setStatus.run(status, reason, stack.stack_id);
        this.recordEvent(stack, {
          logicalId: stack.name,
          type: STACK_TYPE,
          physicalId: stack.stack_id,
          status,
          reason,
        });
      });
    }
  }

  reset(): void {
    this.store.db.exec(CLOUDFORMATION_RESET);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled(this.running.values());
  }

  /** Waits for the stack's running operation, if any (tests, and the CLI's deploy). */
  async settled(stackId: string): Promise<void> {
    await this.running.get(stackId);
  }

  /** An export's value for Fn::ImportValue, or CloudFormation's error for a name no stack exports. */
  exportValue(account: string, region: string, name: string): string {
    const found = this.sql.exportByName.get(account, region, name) as { value: string } | undefined;
    if (!found) throw new ServiceError('ValidationError', `No export named ${name} found.`);
    return found.value;
  }

  /** Calls another service as this account and region (reading a TemplateURL from S3). */
  callAs(account: string, region: string) {
    return (service: string, operation: string, input: Record<string, unknown>) =>
      this.call(service, operation, input, { account, region, caller: 'cloudformation' });
  }

  // --- reading ---------------------------------------------------------------------------------------

  findStack(account: string, region: string, nameOrId: string): StackRow | undefined {
    if (nameOrId.startsWith('arn:'))
      return this.sql.stackById.get(account, region, nameOrId) as StackRow | undefined;
    return this.sql.liveStackByName.get(account, region, nameOrId) as StackRow | undefined;
  }

  requireStack(account: string, region: string, nameOrId: string): StackRow {
    const stack = this.findStack(account, region, nameOrId);
    if (!stack) throw new ServiceError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  resources(stackId: string): ResourceRow[] {
    return this.sql.resources.all(stackId) as ResourceRow[];
  }

  // --- operations ------------------------------------------------------------------------------------

  /** Prepares a template for a stack of this account and region (throws the template's errors). */
  prepare(
    request: StackRequest,
    stackId: string,
    previous?: StoredParameters,
    direct = true,
  ): PreparedTemplate {
    return prepareTemplate({
      body: request.body,
      parameters: request.parameters,
      // An SSM-typed parameter's previous value is the name it was given, read again.
      previousParameters: previous && { ...previous.values, ...previous.ssmNames },
      pseudo: { accountId: request.account, region: request.region, stackName: request.name, stackId },
      capabilities: request.capabilities,
      direct,
      resourceType: this.resourceType,
      ssmParameters: request.ssmParameters,
    });
  }

  createStack(request: StackRequest, prepared?: PreparedTemplate): string {
    const existing = this.findStack(request.account, request.region, request.name);
    // A stack a CREATE change set made waits in REVIEW_IN_PROGRESS; executing the change set creates it.
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw new ServiceError('AlreadyExistsException', `Stack [${request.name}] already exists`);
    }
    const stackId = existing?.stack_id ?? newStackId(request);
    const ready = prepared ?? this.prepare(request, stackId);
    const stack = this.newStackRow(request, stackId, 'CREATE_IN_PROGRESS', ready);
    this.store.transaction(() => {
      if (existing) {
        this.sql.setDeployment.run({ ...stack, updated_at: null });
        this.sql.setStatus.run('CREATE_IN_PROGRESS', 'User Initiated', stackId);
      } else this.sql.insertStack.run(stack);
      this.recordEvent(
        stack,
        stackEvent(stack, 'CREATE_IN_PROGRESS', 'User Initiated'),
        request.clientRequestToken,
      );
    });
    this.startOperation(stack, () => this.runDeployment(stack, 'create', ready, new Map(), request));
    return stackId;
  }

  /** The stack a CREATE change set makes: REVIEW_IN_PROGRESS, no resources, until the change set runs. */
  createReviewStack(request: StackRequest): StackRow {
    const stack = this.newStackRow(request, newStackId(request), 'REVIEW_IN_PROGRESS');
    this.store.transaction(() => {
      this.sql.insertStack.run(stack);
      this.recordEvent(
        stack,
        stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated'),
        request.clientRequestToken,
      );
    });
    return stack;
  }

  private newStackRow(
    request: StackRequest,
    stackId: string,
    status: string,
    prepared?: PreparedTemplate,
  ): StackRow {
    return {
      stack_id: stackId,
      account: request.account,
      region: request.region,
      name: request.name,
      status,
      status_reason: 'User Initiated',
      description: prepared?.template.Description ?? null,
      template: prepared ? request.body : '{"Resources": {}}',
      parameters: JSON.stringify(prepared ? storedParameters(prepared) : { values: {}, noEcho: [] }),
      outputs: '[]',
      tags: JSON.stringify(request.tags),
      capabilities: JSON.stringify(request.capabilities),
      disable_rollback: request.disableRollback ? 1 : 0,
      termination_protection: 0,
      stack_policy: null,
      imports: '[]',
      created_at: this.clock.now(),
      updated_at: null,
      deleted_at: null,
    };
  }

  updateStack(stack: StackRow, request: StackRequest, prepared: PreparedTemplate): void {
    const now = this.clock.now();
    this.store.transaction(() => {
      this.sql.setStatus.run('UPDATE_IN_PROGRESS', 'User Initiated', stack.stack_id);
      this.recordEvent(
        stack,
        stackEvent(stack, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        request.clientRequestToken,
      );
    });
    const previous = new Map(this.resources(stack.stack_id).map((row) => [row.logical_id, deployedOf(row)]));
    const updated: StackRow = {
      ...stack,
      template: request.body,
      parameters: JSON.stringify(storedParameters(prepared)),
      description: prepared.template.Description ?? null,
      tags: JSON.stringify(request.tags),
      capabilities: JSON.stringify(request.capabilities),
      disable_rollback: request.disableRollback ? 1 : 0,
      updated_at: now,
    };
    // A rolled-back update leaves the stack's template and parameters as they were (runDeployment writes
    // them only on success).
    this.startOperation(stack, () => this.runDeployment(updated, 'update', prepared, previous, request));
  }

  deleteStack(stack: StackRow, clientRequestToken?: string): void {
    if (stack.termination_protection) {
      throw new ServiceError(
        'ValidationError',
        `Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`,
      );
    }
    this.store.transaction(() => {
      this.sql.setStatus.run('DELETE_IN_PROGRESS', 'User Initiated', stack.stack_id);
      this.recordEvent(stack, stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated'), clientRequestToken);
    });
    this.startOperation(stack, () => this.runDelete(stack, clientRequestToken));
  }

  // --- running ---------------------------------------------------------------------------------------

  private startOperation(stack: StackRow, operation: () => Promise<unknown>): void {
    const previous = this.running.get(stack.stack_id) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(async () => {
        await operation();
      })
      .catch((error: unknown) => {
        // Only a bug gets here: the stack must still end in a status CloudFormation could reach.
        this.log(`cloudformation: ${stack.name}: ${(error as Error)?.stack ?? error}`);
        const current = this.findStack(stack.account, stack.region, stack.stack_id);
        if (current?.status.endsWith('IN_PROGRESS')) {
          const status = interruptedStatus(current.status);
          this.sql.setStatus.run(status, 'Internal failure', stack.stack_id);
          this.recordEvent(stack, stackEvent(stack, status, 'Internal failure'));
        }
      })
      .finally(() => {
        if (this.running.get(stack.stack_id) === next) this.running.delete(stack.stack_id);
      });
    this.running.set(stack.stack_id, next);
  }

  /** Runs a create or update; true when it succeeded (the stack row then holds the new deployment). */
  private async runDeployment(
    stack: StackRow,
    kind: 'create' | 'update',
    prepared: PreparedTemplate,
    previous: Map<string, DeployedResource>,
    request: StackRequest,
  ): Promise<boolean> {
    const imports = new Set<string>();
    const io = this.io(stack, imports, request.clientRequestToken);
    const result = await deploy(kind, prepared, previous, io, { disableRollback: request.disableRollback });
    if (!result.succeeded) return false;
    const outputs = this.resolveOutputs(stack, prepared, result.resources, io);
    this.store.transaction(() => {
      if (kind === 'update') this.sql.setDeployment.run(stack);
      this.sql.setOutputs.run(JSON.stringify(outputs), JSON.stringify([...imports]), stack.stack_id);
      this.sql.deleteStackExports.run(stack.stack_id);
      for (const output of outputs) {
        if (output.ExportName) {
          this.sql.insertExport.run(
            stack.account,
            stack.region,
            output.ExportName,
            output.OutputValue,
            stack.stack_id,
          );
        }
      }
      const status = kind === 'create' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
      this.sql.setStatus.run(status, null, stack.stack_id);
      this.recordEvent(stack, stackEvent(stack, status), request.clientRequestToken);
    });
    return true;
  }

  private async runDelete(stack: StackRow, clientRequestToken?: string): Promise<void> {
    const importers = this.importersOf(stack);
    if (importers.length > 0) {
      const reason = `Export ${importers[0]!.exportName} cannot be deleted as it is in use by ${importers[0]!.stack}`;
      this.sql.setStatus.run('DELETE_FAILED', reason, stack.stack_id);
      this.recordEvent(stack, stackEvent(stack, 'DELETE_FAILED', reason), clientRequestToken);
      return;
    }
    const template = parseStoredTemplate(stack);
    const resources = new Map(this.resources(stack.stack_id).map((row) => [row.logical_id, deployedOf(row)]));
    const graph = storedGraph(template, resources);
    const io = this.io(stack, new Set(), clientRequestToken);
    const failed = await deleteAll(resources, graph, io, template?.Resources ?? {});
    if (failed.length > 0) {
      const reason = `The following resource(s) failed to delete: [${failed.sort().join(', ')}]. `;
      this.sql.setStatus.run('DELETE_FAILED', reason, stack.stack_id);
      this.recordEvent(stack, stackEvent(stack, 'DELETE_FAILED', reason), clientRequestToken);
      return;
    }
    this.store.transaction(() => {
      this.sql.deleteStackExports.run(stack.stack_id);
      this.sql.deleteChangeSets.run(stack.stack_id);
      this.sql.setDeleted.run(this.clock.now(), stack.stack_id);
      this.recordEvent(stack, stackEvent(stack, 'DELETE_COMPLETE'), clientRequestToken);
    });
  }

  private importersOf(stack: StackRow): { exportName: string; stack: string }[] {
    const found: { exportName: string; stack: string }[] = [];
    const outputs = JSON.parse(stack.outputs) as StackOutput[];
    for (const output of outputs) {
      if (!output.ExportName) continue;
      const like = `%${JSON.stringify(output.ExportName)}%`;
      for (const importer of this.sql.importers.all(stack.account, stack.region, like) as StackRow[]) {
        if (importer.stack_id !== stack.stack_id)
          found.push({ exportName: output.ExportName, stack: importer.name });
      }
    }
    return found;
  }

  private resolveOutputs(
    stack: StackRow,
    prepared: PreparedTemplate,
    resources: ReadonlyMap<string, DeployedResource>,
    io: DeploymentIo,
  ): StackOutput[] {
    const outputs: StackOutput[] = [];
    const scope = scopeFor(prepared, resources, io);
    for (const [key, output] of Object.entries(prepared.template.Outputs ?? {})) {
      if (output.Condition && !prepared.conditions[output.Condition]) continue;
      const value = resolveValue(output.Value, scope);
      const exportName = output.Export ? resolveValue(output.Export.Name, scope) : undefined;
      if (typeof exportName === 'string') {
        const existing = this.sql.exportByName.get(stack.account, stack.region, exportName) as
          | { stack_id: string }
          | undefined;
        if (existing && existing.stack_id !== stack.stack_id) {
          throw new ServiceError(
            'ValidationError',
            `Export with name ${exportName} is already exported by stack ${existing.stack_id}`,
          );
        }
      }
      outputs.push({
        OutputKey: key,
        OutputValue: Array.isArray(value) ? value.join(',') : String(value),
        Description: output.Description,
        ExportName: typeof exportName === 'string' ? exportName : undefined,
      });
    }
    return outputs;
  }

  private io(stack: StackRow, imports: Set<string>, clientRequestToken?: string): DeploymentIo {
    const names = new Map<string, string>();
    return {
      pseudo: {
        accountId: stack.account,
        region: stack.region,
        stackName: stack.name,
        stackId: stack.stack_id,
      },
      resourceType: this.resourceType,
      context: (logicalId) => this.resourceContext(stack, logicalId, names),
      importValue: (name) => {
        const found = this.sql.exportByName.get(stack.account, stack.region, name) as
          | { value: string }
          | undefined;
        if (!found) throw new ServiceError('ValidationError', `No export named ${name} found.`);
        imports.add(name);
        return found.value;
      },
      event: (event) => this.recordEvent(stack, event, clientRequestToken),
      save: (resource) =>
        this.sql.upsertResource.run({
          stack_id: stack.stack_id,
          logical_id: resource.logicalId,
          type: resource.type,
          physical_id: resource.physicalId ?? null,
          status: resource.status,
          status_reason: null,
          properties: JSON.stringify(resource.properties),
          attributes: JSON.stringify(resource.attributes),
          updated_at: this.clock.now(),
        }),
      drop: (logicalId) => this.sql.deleteResource.run(stack.stack_id, logicalId),
      stackStatus: (status, reason) => {
        this.sql.setStatus.run(status, reason ?? null, stack.stack_id);
        this.recordEvent(stack, stackEvent(stack, status, reason), clientRequestToken);
      },
    };
  }

  private resourceContext(stack: StackRow, logicalId: string, names: Map<string, string>): ResourceContext {
    return {
      account: stack.account,
      region: stack.region,
      stackName: stack.name,
      stackId: stack.stack_id,
      logicalId,
      physicalName: (options = {}) => {
        const key = `${logicalId} ${JSON.stringify(options)}`;
        let name = names.get(key);
        if (!name) {
          name = generatedPhysicalName(stack.name, logicalId, Math.random, options);
          names.set(key, name);
        }
        return name;
      },
      call: async (service, operation, input) =>
        ((await this.call(service, operation, input, {
          account: stack.account,
          region: stack.region,
          caller: 'cloudformation',
        })) ?? {}) as Record<string, unknown>,
      endpoint: this.endpoint(),
      clock: this.clock,
      signal: this.stopping.signal,
    };
  }

  /** `<LogicalId>-<Status>-<ISO time>`, as CloudFormation names resource events; Nimbus works fast enough
   * to record one resource's status twice in a millisecond, so a repeat gets a counter, keeping ids unique
   * (clients such as `nimbus deploy` tell events apart by id). */
  private resourceEventId(event: StackEventInput): string {
    const now = this.clock.now();
    if (now !== this.eventIds.at) this.eventIds = { at: now, ids: new Set() };
    const base = `${event.logicalId}-${event.status}-${new Date(now).toISOString()}`;
    let id = base;
    for (let repeat = 1; this.eventIds.ids.has(id); repeat++) id = `${base}-${repeat}`;
    this.eventIds.ids.add(id);
    return id;
  }

  recordEvent(stack: StackRow, event: StackEventInput, clientRequestToken?: string): void {
    this.sql.insertEvent.run({
      stack_id: stack.stack_id,
      event_id: event.type === STACK_TYPE ? randomUUID() : this.resourceEventId(event),
      logical_id: event.logicalId,
      physical_id: event.physicalId ?? null,
      type: event.type,
      status: event.status,
      status_reason: event.reason ?? null,
      properties: event.properties ? JSON.stringify(event.properties) : null,
      client_request_token: clientRequestToken ?? null,
      at: this.clock.now(),
    });
  }
}

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`, as CloudFormation names stacks. */
export function newStackId(request: { account: string; region: string; name: string }): string {
  return `arn:aws:cloudformation:${request.region}:${request.account}:stack/${request.name}/${randomUUID()}`;
}

export function storedParameters(prepared: PreparedTemplate): StoredParameters {
  return {
    values: prepared.parameters,
    noEcho: [...prepared.noEcho],
    ...(Object.keys(prepared.ssmNames).length > 0 ? { ssmNames: prepared.ssmNames } : {}),
  };
}

/** The stack's template, parsed again for its declarations (DeletionPolicy, DependsOn) at delete time. */
export function parseStoredTemplate(stack: StackRow): Template | undefined {
  try {
    return parseTemplate(stack.template);
  } catch {
    return undefined;
  }
}

/** Delete order from what a stack recorded: each resource's references among the resources that exist. */
function storedGraph(template: Template | undefined, resources: ReadonlyMap<string, DeployedResource>) {
  const graph = new Map<string, Set<string>>();
  for (const id of resources.keys()) {
    const declaration = template?.Resources[id];
    const dependsOn = declaration?.DependsOn;
    const refs =
      declaration && template
        ? referencedResources(declaration.Properties ?? {}, template)
        : new Set<string>();
    for (const name of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : []) refs.add(name);
    graph.set(id, new Set([...refs].filter((ref) => resources.has(ref) && ref !== id)));
  }
  return graph;
}

/** A stored resource row as the deployment works with it. */
export function deployedOf(row: ResourceRow): DeployedResource {
  return {
    logicalId: row.logical_id,
    type: row.type,
    physicalId: row.physical_id ?? undefined,
    status: row.status,
    properties: JSON.parse(row.properties),
    attributes: JSON.parse(row.attributes),
  };
}

function stackEvent(stack: StackRow, status: string, reason?: string): StackEventInput {
  return { logicalId: stack.name, type: STACK_TYPE, physicalId: stack.stack_id, status, reason };
}

/** The failure status an interrupted operation ends in. */
function interruptedStatus(status: string): string {
  switch (status) {
    case 'CREATE_IN_PROGRESS':
      return 'CREATE_FAILED';
    case 'ROLLBACK_IN_PROGRESS':
      return 'ROLLBACK_FAILED';
    case 'DELETE_IN_PROGRESS':
      return 'DELETE_FAILED';
    case 'UPDATE_ROLLBACK_IN_PROGRESS':
    case 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS':
      return 'UPDATE_ROLLBACK_FAILED';
    case 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS':
      // The update itself was done; only its cleanup was cut short.
      return 'UPDATE_COMPLETE';
    default:
      return 'UPDATE_FAILED';
  }
}
