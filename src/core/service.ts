// defineService: a service's table of contents (wire identity, errors, operations, engine factory),
// and `invoke`, the one path every call takes — from HTTP or from another service — through
// validation, the operation, and the operation event stream.

import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock.js';
import { ServiceError } from './errors.js';
import type { EventBus } from './events.js';
import type { ModelError, ModelOperation } from './model.js';
import type { CredentialSource, PolicySource, Principal } from './ports/identity.js';
import type { MetricSink, MetricWriter } from './ports/metrics.js';
import type { StreamSource } from './ports/stream-source.js';
import type { WiringSource } from './ports/wiring.js';
import type { ResourceType } from './resources.js';
import {
  describeProblems,
  type Infer,
  type StructureShape,
  serializationMessage,
  type ValidationProblem,
} from './shapes.js';
import type { Store } from './store.js';
import { type InputSource, validateInput } from './validate.js';

/** Who is asking, where, and how to reach back to them. */
export interface RequestContext {
  readonly requestId: string;
  readonly account: string;
  readonly region: string;
  /** The access key the caller signed with (or a fixed test key for in-process calls). */
  readonly accessKeyId: string;
  /** `Host` the client used, so URLs we hand out (queue URLs) route back to this endpoint. */
  readonly host: string;
  /** Aborted when the client disconnects (long polls stop waiting). */
  readonly signal?: AbortSignal;
  /** Set for in-process calls: the service (or function) that made the call. */
  readonly caller?: string;
  /** Who signed, when the edge identified the signer (`--verify-signatures` or `--iam`): core/ports/identity.ts. */
  readonly principal?: Principal;
}

export interface Operation<E, S extends StructureShape = StructureShape> {
  readonly input: S;
  /** Needed for awsQuery/XML output (names of flattened lists and maps) and for REST outputs that
   * bind members to headers, the payload or the status code. */
  readonly output?: StructureShape;
  /** REST protocols: the operation's method and URI template (AWS's `http` trait). */
  readonly http?: HttpTrait;
  run(input: Infer<S>, engine: E, ctx: RequestContext): unknown;
}

/** Binds the engine type once per service: `const operation = operationFor<Sqs>()`. */
export function operationFor<E>() {
  return <S extends StructureShape>(definition: Operation<E, S>): Operation<E, S> => definition;
}

/** `uri` labels are `{Name}`, or `{Name+}` for a greedy label spanning several segments.
 * https://smithy.io/2.0/spec/http-bindings.html#http-trait */
export interface HttpTrait {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD' | 'PATCH' | 'OPTIONS';
  readonly uri: string;
  /** Status of a successful response; default 200. */
  readonly code?: number;
}

export interface RestService {
  readonly protocol: 'json' | 'xml';
  readonly pathPrefixes: readonly string[];
  /** Takes the unsigned requests no other service claims (S3, whose paths are bucket names). */
  readonly takesUnclaimed?: boolean;
  /** restXml: the namespace of response documents. */
  readonly xmlNamespace?: string;
  /** For operations AWS tells apart by a header rather than the URI (S3's CopyObject is a PutObject
   * with `x-amz-copy-source`): the operation actually meant. */
  readonly refineOperation?: (operation: string, headers: Readonly<Record<string, unknown>>) => string;
}

export interface ErrorInfo {
  readonly status: number;
  /** awsQuery error code when it differs from the JSON shape name (AWS's `awsQueryError`). */
  readonly queryCode?: string;
  /** JSON `__type` namespace when AWS answers with another than the service's (DynamoDB's
   * ValidationException is `com.amazon.coral.validate#…`). */
  readonly namespace?: string;
}

/** What every service engine can be asked by the cloud. */
export interface ServiceEngine {
  /** Empties the service's state (POST /_nimbus/reset). */
  reset(): void;
  /** Stops timers, wakes waiters and ends child processes; the store is closed after. */
  stop(): void | Promise<void>;
  /** Called once every service exists and the cloud listens: work that calls other services (resuming
   * pollers, sending what was queued before a restart) starts here, never in the constructor. */
  started?(): void;
}

export interface ServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly call: InProcessCall;
  readonly defaultAccount: string;
  /** A directory for large bodies (Lambda code, S3 objects): files named by Nimbus, never by users. */
  readonly blobsDir: string;
  /** The cloud's endpoint (`http://127.0.0.1:4566`), once it listens: what code run by Nimbus (Lambda
   * functions) is pointed at. */
  readonly endpoint: () => string;
  /** Where output meant for the user's terminal goes (function logs as they happen). */
  readonly terminal: (line: string) => void;
  /** Nimbus's own log (stderr unless the embedder says otherwise): warnings for the user, internal errors. */
  readonly log: (message: string) => void;
  /** The switches set at start that change what a service accepts. */
  readonly settings: CloudSettings;
  /** Every service's CloudFormation resource type by name (`AWS::SQS::Queue`), for the engine. */
  readonly resourceType: (type: string) => ResourceType | undefined;
  /** The stream source that owns streams of an ARN service (`dynamodb`, `kinesis`): Lambda's stream
   * mappings read through it (core/ports/stream-source.ts). Looked up when used, once every service exists. */
  readonly streamSource: (arnService: string) => StreamSource | undefined;
  /** Where a service records the metrics AWS publishes for it (`AWS/SQS`, …), aggregated in memory and
   * written to CloudWatch each minute (core/ports/metrics.ts). */
  readonly metrics: MetricSink;
}

export interface CloudSettings {
  /** Lambda creates and updates functions on runtimes past AWS's block dates (AWS refuses them). */
  readonly allowDeprecatedRuntimes: boolean;
  /** CloudFormation deploys a template's resources of types Nimbus does not serve as placeholders. */
  readonly skipUnsupportedResources: boolean;
}

export interface ServiceDefinition<E extends ServiceEngine = ServiceEngine> {
  /** Named as the SDK v3 client is: `sqs`, `sts`. */
  readonly name: string;
  /** SigV4 credential-scope service name. */
  readonly signingName: string;
  /** awsJson: the X-Amz-Target prefix and content-type version; `cbor` when the service also takes and
   * answers AWS's CBOR flavour (`application/x-amz-cbor-1.1`, Kinesis for the Java SDK and the KPL). */
  readonly json?: { readonly targetPrefix: string; readonly version: '1.0' | '1.1'; readonly cbor?: boolean };
  /** Smithy RPC v2 CBOR: the service shape's name, as requests name it in `/service/<serviceName>/operation/…`. */
  readonly rpcv2Cbor?: { readonly serviceName: string };
  /** awsQuery: the XML namespace of responses. */
  readonly query?: { readonly xmlNamespace: string };
  /** REST protocols: found by the SigV4 signing name, or by these path prefixes when unsigned. */
  readonly rest?: RestService;
  /** Namespace for JSON `__type` (e.g. `com.amazonaws.sqs`). */
  readonly errorNamespace: string;
  /** awsQueryCompatible: JSON errors also carry `x-amzn-query-error: Code;Fault`. */
  readonly queryCompatible?: boolean;
  /** Errors as this service answers them, where they differ from or are missing in the model's. */
  readonly errors: Readonly<Record<string, ErrorInfo>>;
  /** The service's generated model (core/generated/): which operations AWS has (an unserved one is told
   * apart from an unknown one) and each modelled error's status and query code. */
  readonly model?: ServiceModel;
  /** Operations AWS serves without credentials (SNS's ConfirmSubscription, visited through a SubscribeURL). */
  readonly anonymousOperations?: readonly string[];
  /** Whether the model's constraints (lengths, ranges, patterns, enums) are checked before the operation
   * runs, as AWS's coral services do (default true). SQS, SNS and S3 word their own limits instead. */
  readonly modelConstraints?: boolean;
  /** Checks AWS makes beyond the model that share its message (DynamoDB's table-name-or-ARN rule): run
   * on the validated input, their problems reported with the model's in one error. */
  readonly inputRules?: (operation: string, input: Record<string, unknown>) => ValidationProblem[];
  /** Words validation problems the way this service does (default: AWS's generic ValidationException). */
  readonly validationError?: (problems: ValidationProblem[], source: InputSource) => ServiceError;
  /** awsQuery: parameters implied by the request path (older SQS clients post to the queue URL itself). */
  readonly queryParamsFromPath?: (pathname: string) => Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: operations differ in input shape; each is typed where defined.
  readonly operations: Readonly<Record<string, Operation<E, any>>>;
  /** Its CloudFormation resource types (`resources/`), which the CloudFormation engine deploys. */
  readonly resources?: readonly ResourceType[];
  /** Endpoints that are not API calls (function URLs, execute-api hosts), matched before API routing. */
  readonly mounts?: readonly Mount<E>[];
  /** The streams this service owns, as Lambda's stream mappings read them (core/ports/stream-source.ts). */
  streamSource?(engine: E, deps: ServiceDeps): StreamSource;
  /** Where the metrics services record are written (CloudWatch's store: core/ports/metrics.ts). */
  metricWriter?(engine: E, deps: ServiceDeps): MetricWriter;
  /** The credentials and policies it owns (IAM, STS), for signature verification and IAM authorisation
   * (core/ports/identity.ts). */
  identity?(engine: E): Partial<CredentialSource & PolicySource>;
  /** Its resources and the connections it owns, for the console's map (core/ports/wiring.ts). */
  wiring?(engine: E, deps: ServiceDeps): WiringSource;
  readonly create: (deps: ServiceDeps) => E;
}

/** An HTTP endpoint a service claims by host or path prefix; the server hands it the request whole
 * (body read up to the edge's limit) and writes back what it answers, knowing nothing of its meaning. */
export interface Mount<E = ServiceEngine> {
  /** Host names claimed (the Host header lowercased, port aside); the match is passed on. */
  readonly hosts?: readonly RegExp[];
  /** Path prefixes claimed on any host (`/_nimbus/lambda-url/`). */
  readonly pathPrefixes?: readonly string[];
  /** For a mount sharing its hosts or prefixes with another service's (REST and HTTP APIs' execute-api):
   * whether a request it matched is its own; those it disowns go on to the next mount that claims them. */
  owns?(request: Pick<MountRequest, 'hostMatch' | 'path'>, engine: E): boolean;
  handle(request: MountRequest, engine: E): Promise<MountResponse> | MountResponse;
  /** A WebSocket opening handshake (`Upgrade: websocket`) to this mount: refused with an HTTP answer, or
   * accepted with the subprotocol chosen and the connection handed to `open`. Without it, the server
   * refuses upgrades to this mount. The body is empty: a handshake carries none. */
  upgrade?(request: MountRequest, engine: E): Promise<UpgradeAnswer> | UpgradeAnswer;
}

export type UpgradeAnswer =
  | { readonly refuse: MountResponse }
  | {
      readonly accept: {
        /** The `Sec-WebSocket-Protocol` to answer, one of those the client offered. */
        readonly protocol?: string;
        /** Extra headers on the 101 answer. */
        readonly headers?: Readonly<Record<string, string>>;
        open(socket: MountSocket): void;
      };
    };

/** An accepted WebSocket connection, as a mount sees it: the server owns the framing library. */
export interface MountSocket {
  send(data: string | Buffer): void;
  /** Closes with a close frame (RFC 6455 §7.4 codes). */
  close(code?: number, reason?: string): void;
  /** Drops the connection without a close frame. */
  terminate(): void;
  onMessage(listener: (data: Buffer, isBinary: boolean) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
  readonly isOpen: boolean;
}

export interface MountRequest {
  readonly method: string;
  /** The Host header as sent (`abc.lambda-url.us-east-1.localhost:4566`). */
  readonly host: string;
  /** Set when the mount was matched by host. */
  readonly hostMatch?: RegExpExecArray;
  /** Set when the mount was matched by path: the prefix the path starts with. */
  readonly pathPrefix?: string;
  /** The path as sent, without the query. */
  readonly path: string;
  /** The query as sent, without `?`. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  /** Names and values alternating, as received (repeated headers kept apart). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** `HTTP/1.1` or `HTTP/2.0`. */
  readonly protocol: string;
  readonly requestId: string;
}

export interface MountResponse {
  readonly status: number;
  /** A list value is sent as repeated headers (Set-Cookie). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer | string;
}

export interface ServiceModel {
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly errors: Readonly<Record<string, ModelError>>;
}

/** How `code` is rendered by this service: its own table first, then its model's. */
export function errorInfo(definition: ServiceDefinition | undefined, code: string): ErrorInfo | undefined {
  if (!definition) return undefined;
  if (Object.hasOwn(definition.errors, code)) return definition.errors[code];
  const modelled = definition.model?.errors;
  return modelled && Object.hasOwn(modelled, code) ? modelled[code] : undefined;
}

export function defineService<E extends ServiceEngine>(
  definition: ServiceDefinition<E>,
): ServiceDefinition<E> {
  return definition;
}

/** A service definition with its live engine. */
export interface RunningService {
  readonly definition: ServiceDefinition;
  readonly engine: ServiceEngine;
}

export type InProcessCall = (
  service: string,
  operation: string,
  input: Record<string, unknown>,
  /** `signal` ends a call that waits (an SQS long poll) when the caller no longer needs it. */
  options: { account: string; region: string; caller: string; signal?: AbortSignal },
) => Promise<unknown>;

interface UntypedOperation {
  readonly input: StructureShape;
  run(input: Record<string, unknown>, engine: ServiceEngine, ctx: RequestContext): unknown;
}

/** Validates `raw` against the operation's shape, runs it, and reports it on the event stream. */
export async function invoke(
  service: RunningService,
  operationName: string,
  raw: Record<string, unknown>,
  source: InputSource,
  ctx: RequestContext,
  events: EventBus,
): Promise<unknown> {
  const started = events.active ? performance.now() : 0;
  let error: ServiceError | undefined;
  try {
    // Inputs were typed where each operation was declared; here they are only checked against its shape.
    const operation = findOperation(service.definition, operationName) as UntypedOperation | undefined;
    if (!operation) throw unknownOperation(operationName, source, service.definition);
    const constraints = service.definition.modelConstraints !== false;
    const { value, problems } = validateInput(operation.input, raw, source, { constraints });
    const rules = service.definition.inputRules;
    if (rules && !problems.some((p) => p.kind === 'type')) problems.push(...rules(operationName, value));
    if (problems.length > 0) throw validationFailure(service.definition, problems, source);
    return await operation.run(value, service.engine, ctx);
  } catch (thrown) {
    if (thrown instanceof ServiceError) error = thrown;
    throw thrown;
  } finally {
    if (events.active) {
      events.emitOperation({
        service: service.definition.name,
        operation: operationName,
        account: ctx.account,
        region: ctx.region,
        requestId: ctx.requestId,
        caller: ctx.caller,
        durationMs: performance.now() - started,
        error: error ? { code: error.code, message: error.message } : undefined,
      });
    }
  }
}

/** The operation of that name; never something inherited from Object.prototype (`constructor`, `toString`). */
export function findOperation(definition: ServiceDefinition, name: string): unknown {
  return Object.hasOwn(definition.operations, name) ? definition.operations[name] : undefined;
}

/** An operation this service does not serve: AWS's unknown-operation error, whose message says when the
 * operation is AWS's but not served by Nimbus yet (each service README lists them). */
export function unknownOperation(
  operation: string,
  source: InputSource,
  definition?: ServiceDefinition,
): ServiceError {
  const modelled = definition?.model && Object.hasOwn(definition.model.operations, operation);
  if (source === 'json') {
    const message = modelled
      ? `Operation ${operation} is not implemented by Nimbus yet`
      : `Unknown operation ${operation}`;
    return new ServiceError('UnknownOperationException', message);
  }
  const message = modelled
    ? `The action ${operation} is not implemented by Nimbus yet.`
    : `The action ${operation} is not valid for this web service.`;
  return new ServiceError('InvalidAction', message);
}

function validationFailure(
  definition: ServiceDefinition,
  problems: ValidationProblem[],
  source: InputSource,
): ServiceError {
  if (definition.validationError) return definition.validationError(problems, source);
  const typeProblem = problems.find((p) => p.kind === 'type');
  if (typeProblem && definition.json) {
    return new ServiceError('SerializationException', serializationMessage(typeProblem));
  }
  return new ServiceError('ValidationException', describeProblems(problems));
}
