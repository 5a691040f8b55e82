// A resolved service packaged and compiled: the zips and both templates, and `.serverless/` written as
// the Framework writes it, so `nimbus package` output deploys to AWS and `nimbus deploy` deploys the same.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compilation, isObject, type JsonObject, serviceNameOf, type Template } from './compilation.js';
import { type CompiledService, compileService } from './compile.js';
import { addCoreTemplate } from './core-template.js';
import { usesCustomResources, writeCustomResourcesZip } from './custom-resources.js';
import { COMPILED_TEMPLATE_FILE, CORE_TEMPLATE_FILE, STATE_FILE } from './naming.js';
import { type PackagedArtifact, packageFunctions, packageLayers } from './package.js';
import { usesPlugin } from './plugins.js';

export interface BuildInput {
  readonly serviceDir: string;
  /** The configuration file's name within serviceDir (never packaged). */
  readonly configFile: string;
  readonly config: JsonObject;
  readonly stage: string;
  readonly region: string;
  /** When the build happens: it names the artifact directory, as the Framework's deploy time does. */
  readonly now: Date;
  /** Where the zips and templates go; default `<serviceDir>/.serverless`. */
  readonly outputDir?: string;
}

export interface BuiltService extends CompiledService {
  readonly artifacts: ReadonlyMap<string, PackagedArtifact>;
  readonly layerArtifacts: ReadonlyMap<string, PackagedArtifact>;
  readonly artifactDirectoryName: string;
  readonly outputDir: string;
}

export function buildService(input: BuildInput): BuiltService {
  const outputDir = input.outputDir ?? join(input.serviceDir, '.serverless');
  return compileBuilt(input, packageService(input, outputDir), artifactDirectoryOf(input), outputDir);
}

/** A service's zips: each function's (by function key), each layer's (by layer key), and the custom
 * resources' handlers when the service needs them. */
export interface PackagedService {
  readonly functions: ReadonlyMap<string, PackagedArtifact>;
  readonly layers: ReadonlyMap<string, PackagedArtifact>;
  readonly customResources?: PackagedArtifact;
}

/** Every zip of the service, written to `outputDir`. */
export function packageService(input: BuildInput, outputDir: string): PackagedService {
  return {
    functions: packageFunctionsOf(input, outputDir),
    layers: packageLayersOf(input, outputDir),
    ...customResourcesOf(input, outputDir),
  };
}

/** `custom-resources.zip`, written when a function has an s3 event on an existing bucket. */
export function customResourcesOf(
  input: BuildInput,
  outputDir: string,
): Pick<PackagedService, 'customResources'> {
  return usesCustomResources(probeOf(input)) ? { customResources: writeCustomResourcesZip(outputDir) } : {};
}

/** The layers' zips alone (a `--watch` deploy runs functions in place but still publishes its layers). */
export function packageLayersOf(input: BuildInput, outputDir: string): Map<string, PackagedArtifact> {
  return packageLayers({
    serviceDir: input.serviceDir,
    config: input.config,
    functions: [],
    configFile: input.configFile,
    outputDir,
  });
}

/** The service's functions as the compiler sees them, before anything is packaged. */
function probeOf(input: BuildInput): Compilation {
  return new Compilation({
    config: input.config,
    stage: input.stage,
    region: input.region,
    artifactDirectoryName: '',
    artifactOf: () => ({ fileName: '', sha256: '' }),
  });
}

function packageFunctionsOf(input: BuildInput, outputDir: string): Map<string, PackagedArtifact> {
  const probe = probeOf(input);
  return packageFunctions({
    serviceDir: input.serviceDir,
    config: input.config,
    functions: probe.functions,
    configFile: input.configFile,
    outputDir,
    bundle: BUNDLERS.some((plugin) => usesPlugin(input.config, plugin)),
  });
}

/** The plugins whose packaging is a bundle per handler. */
const BUNDLERS = ['serverless-esbuild', 'serverless-plugin-typescript'];

/** `serverless/<service>/<stage>/<millis>-<iso time>`, as the Framework names a deployment's directory. */
export function artifactDirectoryOf(input: Pick<BuildInput, 'config' | 'stage' | 'now'>): string {
  return `${artifactPrefixOf(input)}/${serviceNameOf(input.config)}/${input.stage}/${input.now.getTime()}-${input.now.toISOString()}`;
}

/** `serverless/<service>/<stage>/`: where every deployment's directory lives. */
export function artifactPrefixOf(input: Pick<BuildInput, 'config'>): string {
  return deploymentPrefix(input.config);
}

/** The template compiled against packaged artifacts placed under `artifactDirectoryName`. */
export function compileBuilt(
  input: BuildInput,
  packaged: PackagedService,
  artifactDirectoryName: string,
  outputDir: string,
): BuiltService {
  const artifacts = packaged.functions;
  const layerArtifacts = packaged.layers;
  const compiled = compileService(
    {
      config: input.config,
      stage: input.stage,
      region: input.region,
      artifactDirectoryName,
      artifactOf: (key) => artifacts.get(key)!,
      layerArtifactOf: (key) => layerArtifacts.get(key),
      serviceDir: input.serviceDir,
    },
    layerArtifacts,
  );
  return { ...compiled, artifacts, layerArtifacts, artifactDirectoryName, outputDir };
}

/** The core template alone (the deployment bucket), for the first deploy of a stack. */
export function coreTemplateOf(input: Pick<BuildInput, 'config' | 'stage' | 'region'>): Template {
  const compilation = new Compilation({
    ...input,
    artifactDirectoryName: '',
    artifactOf: () => ({ fileName: '', sha256: '' }),
  });
  return addCoreTemplate(compilation);
}

/** Writes the templates and the service state beside the zips, as `serverless package` leaves them. */
export function writePackage(built: BuiltService, config: JsonObject): void {
  mkdirSync(built.outputDir, { recursive: true });
  writeFileSync(
    join(built.outputDir, CORE_TEMPLATE_FILE),
    `${JSON.stringify(built.coreTemplate, null, 2)}\n`,
  );
  writeFileSync(
    join(built.outputDir, COMPILED_TEMPLATE_FILE),
    `${JSON.stringify(built.template, null, 2)}\n`,
  );
  const state = {
    service: {
      ...config,
      provider: {
        ...(isObject(config.provider) ? config.provider : {}),
        stage: built.compilation.stage,
        region: built.compilation.region,
      },
    },
    package: {
      artifactDirectoryName: built.artifactDirectoryName,
      artifacts: Object.fromEntries([...built.artifacts].map(([key, artifact]) => [key, artifact.fileName])),
    },
  };
  writeFileSync(join(built.outputDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

function deploymentPrefix(config: JsonObject): string {
  const provider = isObject(config.provider) ? config.provider : {};
  const bucket = isObject(provider.deploymentBucket) ? provider.deploymentBucket : {};
  return typeof provider.deploymentPrefix === 'string'
    ? provider.deploymentPrefix
    : typeof bucket.deploymentPrefix === 'string'
      ? bucket.deploymentPrefix
      : 'serverless';
}
