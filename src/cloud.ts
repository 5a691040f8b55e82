// The composition root: builds the store, clock and services, wires them together and opens the edge.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Clock } from './core/clock.js';
import { EventBus } from './core/events.js';
import { MetricAggregator } from './core/metric-sink.js';
import type { StreamSource } from './core/ports/stream-source.js';
import type { WiringSource } from './core/ports/wiring.js';
import { ServiceRegistry } from './core/registry.js';
import {
  type InProcessCall,
  invoke,
  type ServiceDefinition,
  type ServiceDeps,
  type ServiceEngine,
} from './core/service.js';
import { Store } from './core/store.js';
import { assembleGraph } from './server/console-graph.js';
import { createRequestHandler, type Edge } from './server/handle-request.js';
import { newRequestId, TEST_ACCESS_KEY } from './server/request-context.js';
import { edgeChecks, iamModeFrom } from './server/security-setup.js';
import { startServer } from './server/start-server.js';
import { createUpgradeHandler } from './server/upgrade.js';
import { DEFAULT_BUCKET_DOMAINS } from './server/virtual-host.js';
import { apiGatewayService } from './services/apigateway/index.js';
import { apiGatewayV2Service } from './services/apigatewayv2/index.js';
import { appSyncService } from './services/appsync/index.js';
import { cloudFormationService } from './services/cloudformation/index.js';
import { cloudWatchService } from './services/cloudwatch/index.js';
import { cloudWatchLogsService } from './services/cloudwatch-logs/index.js';
import { cognitoIdentityService } from './services/cognito-identity/index.js';
import { cognitoIdpService } from './services/cognito-idp/index.js';
import { dynamodbService } from './services/dynamodb/index.js';
import { dynamodbStreamsService } from './services/dynamodb/streams/index.js';
import { eventBridgeService } from './services/eventbridge/index.js';
import { firehoseService } from './services/firehose/index.js';
import { iamService } from './services/iam/index.js';
import { kinesisService } from './services/kinesis/index.js';
import { lambdaService } from './services/lambda/index.js';
import { s3Service } from './services/s3/index.js';
import { secretsManagerService } from './services/secrets-manager/index.js';
import { sfnService } from './services/sfn/index.js';
import { snsService } from './services/sns/index.js';
import { sqsService } from './services/sqs/index.js';
import { ssmService } from './services/ssm/index.js';
import { stsService } from './services/sts/index.js';

export interface CloudOptions {
  /** Port to listen on; 0 picks a free one. Default 4566. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (nothing outside this machine can reach Nimbus unless asked). */
  host?: string;
  /** Where state lives; default `.nimbus` in the working directory. */
  dataDir?: string;
  /** Keep state in memory only (tests). */
  inMemory?: boolean;
  /** Account for access keys that are not 12-digit account ids; default 000000000000. */
  defaultAccount?: string;
  /** Largest request body, in bytes; default 16 MiB. */
  maxBodyBytes?: number;
  /** Serve requests with no credentials to services other than S3 (AWS answers them
   * MissingAuthenticationToken); also NIMBUS_ALLOW_UNSIGNED=1. Default false. */
  allowUnsigned?: boolean;
  /** Let Lambda create and update functions on runtimes past AWS's block dates (nodejs20.x since June
   * 2026, say), which AWS refuses; also NIMBUS_ALLOW_DEPRECATED_RUNTIMES=1. Default false. */
  allowDeprecatedRuntimes?: boolean;
  /** Let CloudFormation deploy templates with resource types Nimbus does not serve: those create nothing
   * and resolve Ref/GetAtt to `nimbus-unsupported-<LogicalId>…` placeholders; also NIMBUS_SKIP_UNSUPPORTED=1. */
  skipUnsupportedResources?: boolean;
  /** Domains under which a Host names an S3 bucket (`photos.localhost`); default `localhost`,
   * `s3.localhost.localstack.cloud`, `localhost.localstack.cloud` and `s3.amazonaws.com`, or the
   * comma-separated `NIMBUS_S3_DOMAINS`. */
  bucketDomains?: readonly string[];
  /** The token the console and /_nimbus/ require when `host` is not loopback; default NIMBUS_CONSOLE_TOKEN
   * or a random one (Cloud.consoleToken, printed by `nimbus start`). */
  consoleToken?: string;
  /** Verify every request's SigV4 signature against the signer's secret (test keys, IAM access keys, STS
   * credentials); also NIMBUS_VERIFY_SIGNATURES=1. Default false. See src/lib/iam/README.md. */
  verifySignatures?: boolean;
  /** Authorise every request with IAM's policy evaluation (`enforce`), or only log the decision (`log`);
   * also NIMBUS_IAM. Default off. */
  iam?: 'enforce' | 'log' | 'off';
  /** Where Nimbus reports internal errors; default stderr. */
  log?: (message: string) => void;
  /** Where functions' output goes as it happens (besides CloudWatch Logs); default nowhere. The CLI
   * prints it to the terminal. */
  terminal?: (line: string) => void;
}

export interface Cloud {
  /** `http://host:port`, for clients' `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly version: string;
  /** The token /_nimbus/ requires (`/_nimbus/?token=…`), set only when Nimbus listens beyond loopback. */
  readonly consoleToken?: string;
  /** Calls an operation in-process, through the same validation and events as HTTP. */
  readonly call: InProcessCall;
  /** Empties every service. */
  reset(): void;
  stop(): Promise<void>;
}

export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;

const SERVICES: readonly ServiceDefinition<ServiceEngine>[] = [
  sqsService,
  stsService,
  cloudWatchLogsService,
  cloudWatchService,
  iamService,
  snsService,
  lambdaService,
  eventBridgeService,
  dynamodbStreamsService,
  dynamodbService,
  kinesisService,
  s3Service,
  firehoseService,
  secretsManagerService,
  ssmService,
  cognitoIdentityService,
  // Before apigatewayv2: both claim the execute-api hosts, and this one's mount passes on what it does not own.
  apiGatewayService,
  apiGatewayV2Service,
  sfnService,
  cognitoIdpService,
  appSyncService,
  cloudFormationService,
];
const CLOCK_OFFSET_KEY = 'clock.offsetMs';

export async function startCloud(options: CloudOptions = {}): Promise<Cloud> {
  const host = options.host ?? '127.0.0.1';
  const defaultAccount = options.defaultAccount ?? process.env.NIMBUS_DEFAULT_ACCOUNT ?? '000000000000';
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  // Resolved once, here: everything below (function code directories above all, whose runtimes start in
  // another working directory) sees absolute paths whatever the working directory was.
  const dataDir = resolve(options.dataDir ?? '.nimbus');
  const store = new Store(options.inMemory ? ':memory:' : join(dataDir, 'state.db'));
  // An in-memory cloud still needs real files for function code; they go in a temporary directory
  // removed on stop.
  const blobsDir = options.inMemory ? mkdtempSync(join(tmpdir(), 'nimbus-')) : join(dataDir, 'blobs');
  mkdirSync(blobsDir, { recursive: true });
  // Time never goes backwards across a restart: the offset tests moved the clock by is kept.
  const clock = new Clock(Number(store.getMeta(CLOCK_OFFSET_KEY) ?? 0));
  clock.onAdvance((offset) => store.setMeta(CLOCK_OFFSET_KEY, String(offset)));
  const events = new EventBus();
  const registry = new ServiceRegistry();

  const call: InProcessCall = async (serviceName, operation, input, callOptions) => {
    const service = registry.byServiceName(serviceName);
    if (!service) throw new Error(`no service named ${serviceName}`);
    const ctx = {
      requestId: newRequestId(),
      account: callOptions.account,
      region: callOptions.region,
      accessKeyId: TEST_ACCESS_KEY,
      // The Host a client of this endpoint would send, so URLs handed out (queue URLs) route back here.
      host: `${hostForUrls(host)}:${server.port}`,
      caller: callOptions.caller,
      signal: callOptions.signal,
    };
    return invoke(service, operation, input, 'json', ctx, events);
  };

  const resourceTypes = new Map(
    SERVICES.flatMap((definition) => definition.resources ?? []).map((type) => [type.type, type]),
  );
  const streamSources = new Map<string, StreamSource>();
  const wiringSources = new Map<string, WiringSource>();
  const metrics = new MetricAggregator(clock, log);
  for (const definition of SERVICES) {
    const deps: ServiceDeps = {
      store,
      clock,
      events,
      call,
      defaultAccount,
      blobsDir,
      endpoint: () => `http://${hostForUrls(host)}:${server.port}`,
      terminal: options.terminal ?? (() => {}),
      log,
      settings: {
        allowDeprecatedRuntimes:
          options.allowDeprecatedRuntimes ?? process.env.NIMBUS_ALLOW_DEPRECATED_RUNTIMES === '1',
        skipUnsupportedResources:
          options.skipUnsupportedResources ?? process.env.NIMBUS_SKIP_UNSUPPORTED === '1',
      },
      resourceType: (type) => resourceTypes.get(type),
      streamSource: (arnService) => streamSources.get(arnService),
      metrics,
    };
    const engine = definition.create(deps);
    registry.add({ definition, engine });
    const source = definition.streamSource?.(engine, deps);
    if (source) streamSources.set(source.arnService, source);
    const writer = definition.metricWriter?.(engine, deps);
    if (writer) metrics.attach(writer);
    const wiring = definition.wiring?.(engine, deps);
    if (wiring) wiringSources.set(definition.name, wiring);
  }
  const consoleToken = isLoopback(host)
    ? undefined
    : (options.consoleToken ?? process.env.NIMBUS_CONSOLE_TOKEN ?? randomBytes(18).toString('base64url'));

  const checks = edgeChecks({
    verifySignatures: options.verifySignatures ?? process.env.NIMBUS_VERIFY_SIGNATURES === '1',
    iam: iamModeFrom(options.iam ?? process.env.NIMBUS_IAM),
    registry,
    clock,
    call,
    defaultAccount,
    log,
  });
  const reset = () => {
    checks.faults.reset();
    metrics.discard();
    for (const service of registry.all()) service.engine.reset();
  };
  const edge: Edge = {
    registry,
    events,
    defaultAccount,
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    allowUnsigned: options.allowUnsigned ?? process.env.NIMBUS_ALLOW_UNSIGNED === '1',
    bucketDomains: options.bucketDomains ?? envList(process.env.NIMBUS_S3_DOMAINS) ?? DEFAULT_BUCKET_DOMAINS,
    log,
    security: checks.security,
    beforeOperation: checks.beforeOperation,
    control: {
      faults: checks.faults,
      version: VERSION,
      services: () => registry.all().map((service) => service.definition.name),
      reset,
      now: () => clock.now(),
      advanceClock: (ms) => clock.advance(ms),
      consoleToken,
      defaultAccount,
      graph: (account, region) => assembleGraph(wiringSources, account, region),
    },
  };
  const handler = createRequestHandler(edge);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(handler, {
      port: options.port ?? 4566,
      host,
      onUpgrade: createUpgradeHandler(edge),
    });
    for (const service of registry.all()) service.engine.started?.();
  } catch (error) {
    for (const service of registry.all()) service.engine.stop();
    store.close();
    if (options.inMemory) rmSync(blobsDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${hostForUrls(host)}:${server.port}`,
    port: server.port,
    clock,
    events,
    version: VERSION,
    consoleToken,
    call,
    reset,
    stop: () => {
      stopped ??= (async () => {
        for (const service of registry.all()) await service.engine.stop();
        metrics.stop();
        clock.cancelAll();
        await server.close();
        store.close();
        if (options.inMemory) rmSync(blobsDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function envList(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

/** Whether a bound address is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
function isLoopback(bound: string): boolean {
  return /^127\./.test(bound) || bound === '::1' || bound === 'localhost';
}

/** The host to put in URLs for a bound address: wildcard binds are reached through loopback. */
function hostForUrls(bound: string): string {
  if (bound === '0.0.0.0') return '127.0.0.1';
  if (bound === '::') return '[::1]';
  return bound.includes(':') ? `[${bound}]` : bound;
}
