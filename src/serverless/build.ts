// A resolved service packaged and compiled: the zips and both templates, and `.serverless/` written as
// the Framework writes it, so `nimbus package` output deploys to AWS and `nimbus deploy` deploys the same.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compilation, isObject, type JsonObject } from './compilation.js';
import { type CompiledService, compileService } from './compile.js';
import { COMPILED_TEMPLATE_FILE, CORE_TEMPLATE_FILE, STATE_FILE } from './naming.js';
import { type PackagedArtifact, packageFunctions } from './package.js';

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
  readonly artifactDirectoryName: string;
  readonly outputDir: string;
}

export function buildService(input: BuildInput): BuiltService {
  const outputDir = input.outputDir ?? join(input.serviceDir, '.serverless');
  const probe = new Compilation({
    config: input.config,
    stage: input.stage,
    region: input.region,
    artifactDirectoryName: '',
    artifactOf: () => ({ fileName: '', sha256: '' }),
  });
  const artifacts = packageFunctions({
    serviceDir: input.serviceDir,
    config: input.config,
    functions: probe.functions,
    configFile: input.configFile,
    outputDir,
  });
  const prefix = deploymentPrefix(input.config);
  const artifactDirectoryName = `${prefix}/${probe.service}/${input.stage}/${input.now.getTime()}-${input.now.toISOString()}`;
  const compiled = compileService({
    config: input.config,
    stage: input.stage,
    region: input.region,
    artifactDirectoryName,
    artifactOf: (key) => artifacts.get(key)!,
  });
  return { ...compiled, artifacts, artifactDirectoryName, outputDir };
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
