// `nimbus deploy | package | remove` in a Serverless Framework service directory: the serverless.yml
// compiled to the Framework's template and deployed as `serverless deploy` does — the deployment bucket
// first (the core template), the packages uploaded under a new artifact directory unless they have not
// changed, then the whole template through a change set — and `--watch`, where functions run from the
// directory in place and an edit to the configuration redeploys what changed.
// https://www.serverless.com/framework/docs/providers/aws/guide/deploying

import { createHash } from 'node:crypto';
import { readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import {
  artifactDirectoryOf,
  artifactPrefixOf,
  type BuildInput,
  type BuiltService,
  compileBuilt,
  coreTemplateOf,
  customResourcesOf,
  type PackagedService,
  packageLayersOf,
  packageService,
  writePackage,
} from '../serverless/build.js';
import {
  deploymentBucketNameOf,
  functionNameOf,
  isObject,
  type JsonObject,
  serviceNameOf,
  stackNameOf,
} from '../serverless/compilation.js';
import { type LoadedService, loadService, type ServiceDirectoryOptions } from '../serverless/index.js';
import { DEPLOYMENT_BUCKET_OUTPUT, naming } from '../serverless/naming.js';
import type { PackagedArtifact } from '../serverless/package.js';
// Lambda's convention for "run this directory in place": the CLI writes it into templates.
import { HOT_RELOAD_BUCKET } from '../services/lambda/code.js';
import { authorization, callJson, type Target } from './client.js';
import { callQuery, text } from './query.js';
import { deployTemplate, describeOutputs, destroy } from './stacks.js';

export interface ServiceCommandOptions {
  readonly serviceDir: string;
  readonly configFile?: string;
  readonly stage?: string;
  readonly params?: readonly string[];
  readonly write: (line: string) => void;
}

/** `nimbus package`: `.serverless/` as the Framework writes it, for a deploy to AWS. */
export async function packageCommand(
  target: Target,
  options: ServiceCommandOptions & { outputDir?: string },
): Promise<number> {
  const service = await load(target, options);
  const input = buildInput(service, new Date());
  const outputDir = options.outputDir ?? join(service.serviceDir, '.serverless');
  const built = compileBuilt(input, packageService(input, outputDir), artifactDirectoryOf(input), outputDir);
  writePackage(built, service.config);
  options.write(
    `Packaged ${built.compilation.service} for stage ${service.stage} (${service.region}) in ${outputDir}`,
  );
  return 0;
}

/** `nimbus deploy` (and one pass of `--watch`); resolves to the exit code. */
export async function deployCommand(
  target: Target,
  options: ServiceCommandOptions & { watch?: boolean },
): Promise<number> {
  const deployed = await deployOnce(target, options, false);
  if (!options.watch || deployed.code !== 0) return deployed.code;
  return watchService(target, options, deployed.service);
}

/** `nimbus remove`: deletes the service's stack. */
export async function removeCommand(target: Target, options: ServiceCommandOptions): Promise<number> {
  const service = await load(target, options);
  const stackName = stackNameOf(service.config, service.stage);
  await emptyDeploymentBucket(target, service, stackName);
  return destroy(target, stackName, options.write);
}

/** The deployed name of a function of the service in this directory (`nimbus invoke -f`, `logs -f`). */
export async function deployedFunctionName(
  target: Target,
  options: Omit<ServiceCommandOptions, 'write'>,
  key: string,
): Promise<string> {
  const service = await load(target, { ...options, write: () => {} });
  const functions = isObject(service.config.functions) ? service.config.functions : {};
  if (!isObject(functions[key])) throw new Error(`Function "${key}" doesn't exist in this Service`);
  return functionNameOf(service.config, service.stage, key);
}

/** One deploy of the service: packaged (or in place with `watch`); `quiet` prints nothing when nothing
 * changed. Used by `deploy`, each pass of `--watch`, and the benchmark. */
export async function deployOnce(
  target: Target,
  options: ServiceCommandOptions & { watch?: boolean },
  quiet: boolean,
): Promise<{ code: number; service: LoadedService }> {
  const started = Date.now();
  const service = await load(target, options);
  for (const note of service.notes) options.write(note);
  const input = buildInput(service, new Date());
  const stackName = stackNameOf(service.config, service.stage);
  const write = options.write;
  if (!quiet)
    write(`Deploying ${serviceNameOf(service.config)} to stage ${service.stage} (${service.region})`);
  const outputDir = join(service.serviceDir, '.serverless');
  const bucket = await deploymentBucket(target, service, input, stackName, write);
  if (bucket === undefined) return { code: 1, service };
  const packaged = options.watch
    ? inPlacePackage(input, service, outputDir)
    : packageService(input, outputDir);
  const built = await withUploadedArtifacts(target, input, bucket, stackName, packaged, outputDir);
  if (options.watch) runInPlace(built, service.serviceDir);
  else writePackage(built, service.config);
  const result = await deployTemplate(target, {
    ...stackOptions(service, stackName, JSON.stringify(built.template), write),
    quietWhenUnchanged: quiet,
  });
  if (result.code === 0 && (result.changed || !quiet))
    printServiceInformation(built, result.outputs, target.endpoint, write, started);
  return { code: result.code, service };
}

/** The bucket the packages go to: the one `provider.deploymentBucket` names (which must exist: the
 * Framework's "Could not locate deployment bucket"), else the stack's own, made by deploying the core
 * template first when the stack is new. Undefined when that first deploy failed. */
async function deploymentBucket(
  target: Target,
  service: LoadedService,
  input: BuildInput,
  stackName: string,
  write: (line: string) => void,
): Promise<string | undefined> {
  const named = deploymentBucketNameOf(service.config);
  if (named !== undefined) {
    const found = await fetch(`${target.endpoint}/${named}`, {
      method: 'HEAD',
      headers: { authorization: authorization(target, 's3') },
    });
    if (!found.ok)
      throw new Error(
        `Could not locate deployment bucket: "${named}". Error: ${found.status === 404 ? 'Not Found' : found.status}`,
      );
    return named;
  }
  const outputs = await describeOutputs(target, stackName);
  const existing = outputs.get(DEPLOYMENT_BUCKET_OUTPUT);
  if (existing) return existing;
  const core = coreTemplateOf(input);
  const created = await deployTemplate(target, stackOptions(service, stackName, JSON.stringify(core), write));
  return created.code === 0 ? created.outputs.get(DEPLOYMENT_BUCKET_OUTPUT) : undefined;
}

/** Uploads the zips under a new artifact directory unless the last deployment's already holds the same
 * zips (the Framework's "service files not changed" check, by their MD5 ETags): then that directory is
 * reused and no function's code changes. */
async function withUploadedArtifacts(
  target: Target,
  input: BuildInput,
  bucket: string,
  stackName: string,
  packaged: PackagedService,
  outputDir: string,
): Promise<BuiltService> {
  const all = [
    ...packaged.functions.values(),
    ...packaged.layers.values(),
    ...(packaged.customResources ? [packaged.customResources] : []),
  ].filter((a) => a.fileName !== IN_PLACE);
  const unique = [...new Map(all.map((artifact) => [artifact.fileName, artifact])).values()];
  if (unique.length === 0) return compileBuilt(input, packaged, IN_PLACE, outputDir);
  const previous = await previousArtifactDirectory(target, stackName);
  if (previous && (await allPresent(target, bucket, previous, unique)))
    return compileBuilt(input, packaged, previous, outputDir);
  const directory = artifactDirectoryOf(input);
  const built = compileBuilt(input, packaged, directory, outputDir);
  const kept = await keepUnchangedLayers(target, stackName, built);
  for (const artifact of unique.filter((artifact) => !kept.has(artifact.fileName)))
    await putObject(target, bucket, `${directory}/${artifact.fileName}`, readFileSync(artifact.path));
  await putObject(
    target,
    bucket,
    `${directory}/compiled-cloudformation-template.json`,
    Buffer.from(JSON.stringify(built.template)),
  );
  return built;
}

/** A layer whose hash equals the deployed stack's `<Layer>LambdaLayerHash` output keeps its deployed S3 key,
 * so CloudFormation publishes no new version of it (the Framework's compareWithLastLayer); resolves to the
 * file names of the layer zips that need no upload. */
async function keepUnchangedLayers(
  target: Target,
  stackName: string,
  built: BuiltService,
): Promise<Set<string>> {
  const kept = new Set<string>();
  if (built.layerArtifacts.size === 0) return kept;
  const deployed = await describeOutputs(target, stackName);
  const outputs = built.template.Outputs;
  for (const [logicalId, key] of built.compilation.layerKeys) {
    const base = logicalId.replace(/[0-9a-f]{40}$/, '');
    const hash = outputs[`${base}Hash`]?.Value;
    const previousKey = deployed.get(`${base}S3Key`);
    const content = built.template.Resources[logicalId]?.Properties?.Content;
    if (!previousKey || deployed.get(`${base}Hash`) !== hash || !isObject(content)) continue;
    content.S3Key = previousKey;
    outputs[`${base}S3Key`]!.Value = previousKey;
    kept.add(built.layerArtifacts.get(key)!.fileName);
  }
  return kept;
}

/** The artifact name of a function run in place (`--watch`): nothing to upload. */
const IN_PLACE = 'in-place';

/** `--watch`: no function zips (the functions run from the directory), the layers' zips as usual. */
function inPlacePackage(input: BuildInput, service: LoadedService, outputDir: string): PackagedService {
  const sha256 = createHash('sha256').update(service.serviceDir).digest('base64');
  const functions = new Map<string, PackagedArtifact>();
  const declared = isObject(service.config.functions) ? service.config.functions : {};
  for (const key of Object.keys(declared))
    functions.set(key, { path: service.serviceDir, fileName: IN_PLACE, sha256 });
  return { functions, layers: packageLayersOf(input, outputDir), ...customResourcesOf(input, outputDir) };
}

/** Every function's code becomes the service directory, which Lambda runs in place (the custom resources'
 * handler keeps its uploaded zip). */
function runInPlace(built: BuiltService, serviceDir: string): void {
  for (const fn of built.compilation.functions) {
    const resource = built.template.Resources[naming.functionLogicalId(fn.key)];
    if (resource?.Properties && isObject(resource.Properties.Code))
      resource.Properties.Code = { S3Bucket: HOT_RELOAD_BUCKET, S3Key: serviceDir };
  }
}

/** Redeploys when the configuration (or a file next to it that it may read) changes; handler edits need
 * nothing, since the functions run from the directory. Ends on SIGINT. */
async function watchService(
  target: Target,
  options: ServiceCommandOptions,
  service: LoadedService,
): Promise<number> {
  options.write(
    `Watching ${service.serviceDir}: handlers reload on their next invocation; ${service.configFile} edits redeploy. Ctrl-C stops.`,
  );
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const redeploy = () => {
    running = running.then(async () => {
      try {
        await deployOnce(target, { ...options, watch: true }, true);
      } catch (error) {
        options.write(`Redeploy failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
  // The directory itself, not its tree: the configuration files are at its top, and a recursive watch
  // (a watch per file on Node 20's Linux) would walk node_modules.
  const watcher = watch(service.serviceDir, (_event, file) => {
    const name = String(file ?? '');
    if (!/\.(ya?ml|json)$/.test(name) || name === 'package-lock.json') return;
    clearTimeout(timer);
    timer = setTimeout(redeploy, 100);
  });
  watcher.on('error', (error) => options.write(`Watching stopped: ${error.message}`));
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  watcher.close();
  await running;
  return 0;
}

function printServiceInformation(
  built: BuiltService,
  outputs: ReadonlyMap<string, string>,
  endpoint: string,
  write: (line: string) => void,
  started: number,
): void {
  const { compilation } = built;
  write(`Service deployed to stack ${built.stackName} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  const urls = [...outputs].filter(([key]) => key.endsWith('LambdaFunctionUrl')).map(([, url]) => url);
  const endpoints = [
    ...restApiEndpoints(built, outputs.get('ServiceEndpoint'), endpoint),
    ...httpApiEndpoints(built, outputs.get('HttpApiId'), endpoint),
    ...urls,
  ];
  if (endpoints.length > 0) {
    write('endpoints:');
    for (const line of endpoints) write(`  ${line}`);
  }
  write('functions:');
  for (const fn of compilation.functions) write(`  ${fn.key}: ${fn.name}`);
  const own = [...outputs].filter(
    ([key]) =>
      !key.endsWith('QualifiedArn') &&
      key !== DEPLOYMENT_BUCKET_OUTPUT &&
      !key.endsWith('LambdaFunctionUrl') &&
      key !== 'HttpApiId' &&
      key !== 'ServiceEndpoint' &&
      key !== 'HttpApiUrl',
  );
  if (own.length > 0) {
    write('outputs:');
    for (const [key, value] of own) write(`  ${key}: ${value}`);
  }
}

/** `GET - <url>` per route of the service's HTTP API, as the Framework lists them, at the path form
 * Nimbus serves on its own port (`.execute-api.localhost` names do not resolve for every client). */
function httpApiEndpoints(built: BuiltService, apiId: string | undefined, endpoint: string): string[] {
  if (!apiId) return [];
  const base = `${endpoint}/_nimbus/execute-api/${apiId}`;
  const lines: string[] = [];
  for (const resource of Object.values(built.template.Resources)) {
    const routeKey = resource.Type === 'AWS::ApiGatewayV2::Route' ? resource.Properties?.RouteKey : undefined;
    if (typeof routeKey !== 'string') continue;
    const [method, path] = routeKey === '$default' ? ['ANY', '/'] : routeKey.split(' ');
    lines.push(`${method} - ${base}${path}`);
  }
  return lines;
}

/** `GET - <url>` per method of the service's REST API (`http` events), at the path form of its stage on
 * Nimbus's port; the id is read from the `ServiceEndpoint` output (`https://<id>.execute-api.…/<stage>`). */
function restApiEndpoints(
  built: BuiltService,
  serviceEndpoint: string | undefined,
  endpoint: string,
): string[] {
  const match = /^https:\/\/([a-z0-9]{10})\.execute-api\.[^/]+\/(.+)$/.exec(serviceEndpoint ?? '');
  if (!match) return [];
  const base = `${endpoint}/_nimbus/execute-api/${match[1]}/${match[2]}`;
  const resources = built.template.Resources;
  const lines: string[] = [];
  for (const resource of Object.values(resources)) {
    const properties = resource.Properties;
    if (resource.Type !== 'AWS::ApiGateway::Method' || properties?.HttpMethod === 'OPTIONS') continue;
    const parts: string[] = [];
    let id = (properties?.ResourceId as { Ref?: string } | undefined)?.Ref;
    while (id && resources[id]?.Type === 'AWS::ApiGateway::Resource') {
      const resourceProperties = resources[id]!.Properties;
      parts.unshift(String(resourceProperties?.PathPart));
      id = (resourceProperties?.ParentId as { Ref?: string } | undefined)?.Ref;
    }
    lines.push(`${String(properties?.HttpMethod)} - ${base}/${parts.join('/')}`);
  }
  return lines;
}

async function load(target: Target, options: ServiceCommandOptions): Promise<LoadedService> {
  const directoryOptions: ServiceDirectoryOptions = {
    serviceDir: options.serviceDir,
    configFile: options.configFile,
    options: { stage: options.stage, region: target.region },
    env: process.env,
    params: options.params,
    cloud: {
      cfOutput: async (stackName, outputKey, region) =>
        (await describeOutputs({ ...target, region }, stackName)).get(outputKey),
      ssmParameter: (name, region) => ssmParameter({ ...target, region }, name),
      accountId: async () => {
        const identity = await callQuery(target, 'sts', '2011-06-15', 'GetCallerIdentity', {});
        return text(identity, 'Account') ?? '000000000000';
      },
    },
  };
  return loadService(directoryOptions);
}

async function ssmParameter(
  target: Target,
  name: string,
): Promise<{ type: string; value: string } | undefined> {
  try {
    const result = await callJson(target, 'ssm', 'AmazonSSM.GetParameter', {
      Name: name,
      WithDecryption: true,
    });
    const parameter = result.Parameter as { Type: string; Value: string };
    return { type: parameter.Type, value: parameter.Value };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('ParameterNotFound')) return undefined;
    throw error;
  }
}

function buildInput(service: LoadedService, now: Date): BuildInput {
  return {
    serviceDir: service.serviceDir,
    configFile: service.configFile,
    config: service.config,
    stage: service.stage,
    region: service.region,
    now,
  };
}

/** The change set's options; `provider.stackTags` become the stack's tags (CloudFormation passes them
 * on to the resources that take tags), as the Framework deploys them. */
function stackOptions(
  service: LoadedService,
  stackName: string,
  body: string,
  write: (line: string) => void,
) {
  const provider = isObject(service.config.provider) ? service.config.provider : ({} as JsonObject);
  const stackTags = isObject(provider.stackTags) ? provider.stackTags : {};
  const tags = Object.entries(stackTags).map(([key, value]) => `${key}=${String(value)}`);
  return { stackName, body, parameterOverrides: [], tags, write };
}

/** The artifact directory the deployed template's functions use, if the stack has functions. */
async function previousArtifactDirectory(target: Target, stackName: string): Promise<string | undefined> {
  const result = await callQuery(target, 'cloudformation', '2010-05-15', 'GetTemplate', {
    StackName: stackName,
  }).catch(() => undefined);
  const body = text(result, 'TemplateBody');
  if (!body) return undefined;
  const template = JSON.parse(body) as {
    Resources?: Record<
      string,
      { Type?: string; Properties?: Record<string, { S3Key?: unknown; S3Bucket?: unknown } | undefined> }
    >;
  };
  for (const resource of Object.values(template.Resources ?? {})) {
    const location =
      resource.Type === 'AWS::Lambda::Function'
        ? resource.Properties?.Code
        : resource.Type === 'AWS::Lambda::LayerVersion'
          ? resource.Properties?.Content
          : undefined;
    const key = location?.S3Key;
    if (typeof key === 'string' && key.includes('/') && location?.S3Bucket !== HOT_RELOAD_BUCKET)
      return key.slice(0, key.lastIndexOf('/'));
  }
  return undefined;
}

async function allPresent(
  target: Target,
  bucket: string,
  directory: string,
  artifacts: readonly PackagedArtifact[],
): Promise<boolean> {
  for (const artifact of artifacts) {
    const md5 = createHash('md5').update(readFileSync(artifact.path)).digest('hex');
    const response = await fetch(
      `${target.endpoint}/${bucket}/${encodeKey(`${directory}/${artifact.fileName}`)}`,
      {
        method: 'HEAD',
        headers: { authorization: authorization(target, 's3') },
      },
    );
    if (!response.ok || response.headers.get('etag')?.replaceAll('"', '') !== md5) return false;
  }
  return true;
}

async function putObject(target: Target, bucket: string, key: string, body: Buffer): Promise<void> {
  const response = await fetch(`${target.endpoint}/${bucket}/${encodeKey(key)}`, {
    method: 'PUT',
    headers: { authorization: authorization(target, 's3'), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    body: new Uint8Array(body),
  });
  if (!response.ok)
    throw new Error(`Uploading s3://${bucket}/${key} failed: ${response.status} ${await response.text()}`);
}

/** The Framework empties its deployment bucket of this service's stage before deleting the stack
 * (CloudFormation cannot delete a bucket that holds objects), by prefix, so a bucket shared by several
 * services or stages keeps theirs; every version when the bucket is versioned.
 * (osls lib/plugins/aws/remove/lib/bucket.js) */
async function emptyDeploymentBucket(
  target: Target,
  service: LoadedService,
  stackName: string,
): Promise<void> {
  const bucket = (await describeOutputs(target, stackName)).get(DEPLOYMENT_BUCKET_OUTPUT);
  if (!bucket) return;
  const prefix = `${artifactPrefixOf(service)}/${serviceNameOf(service.config)}/${service.stage}/`;
  const headers = { authorization: authorization(target, 's3') };
  for (;;) {
    const response = await fetch(
      `${target.endpoint}/${bucket}?versions&prefix=${encodeURIComponent(prefix)}`,
      { headers },
    );
    if (!response.ok) return;
    const listing = await response.text();
    const entries = [
      ...listing.matchAll(/<(?:Version|DeleteMarker)>([\s\S]*?)<\/(?:Version|DeleteMarker)>/g),
    ].map((match) => ({
      key: decodeXml(/<Key>([^<]*)<\/Key>/.exec(match[1]!)?.[1] ?? ''),
      versionId: /<VersionId>([^<]*)<\/VersionId>/.exec(match[1]!)?.[1],
    }));
    if (entries.length === 0) return;
    for (const { key, versionId } of entries) {
      const version = versionId && versionId !== 'null' ? `?versionId=${encodeURIComponent(versionId)}` : '';
      const deleted = await fetch(`${target.endpoint}/${bucket}/${encodeKey(key)}${version}`, {
        method: 'DELETE',
        headers,
      });
      if (!deleted.ok)
        throw new Error(`Emptying s3://${bucket}/${key} failed: ${deleted.status} ${await deleted.text()}`);
    }
  }
}

/** An S3 key as a URL path: each segment encoded. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function decodeXml(value: string): string {
  return value
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}
