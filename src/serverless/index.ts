// A service directory's serverless.yml, loaded, resolved, packaged and compiled: the one entry point
// the CLI (`nimbus deploy | package | remove`) and tests use. See README.md for the pipeline.

import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { type BuiltService, buildService } from './build.js';
import { isObject, type JsonObject } from './compilation.js';
import { dotenvStage, withDotenv } from './dotenv.js';
import { pluginNotes } from './plugins.js';
import { loadServiceFile, resolveConfiguration, type VariableSources } from './variables/index.js';

export { ServerlessError } from './errors.js';
export { ServerlessVariableError } from './variables/index.js';
export type { BuiltService };

export interface ServiceDirectoryOptions {
  readonly serviceDir: string;
  /** `--config`: the configuration file, when not serverless.yml/.yaml/.json. */
  readonly configFile?: string;
  /** The command line's options: `stage`, `region`, and any other `${opt:...}` reads. */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Lookups of the variables that need a cloud (`${cf:...}`, `${ssm:...}`, `${aws:accountId}`). */
  readonly cloud?: Pick<VariableSources, 'cfOutput' | 'ssmParameter' | 'accountId'>;
  readonly params?: readonly string[];
  /** Where `.serverless/` goes; default inside the service directory. */
  readonly outputDir?: string;
  readonly now?: Date;
}

export interface LoadedService {
  readonly serviceDir: string;
  readonly configFile: string;
  readonly config: JsonObject;
  readonly stage: string;
  readonly region: string;
  /** What Nimbus says about the service's `plugins` (understood natively, or ignored). */
  readonly notes: readonly string[];
}

/** Reads and resolves the configuration. */
export async function loadService(options: ServiceDirectoryOptions): Promise<LoadedService> {
  const serviceDir = resolve(options.serviceDir);
  const { path, raw } = await loadServiceFile(serviceDir, options.configFile);
  const configFile = basename(path);
  const config = (await resolveConfiguration(raw, {
    options: options.options,
    env: withDotenv(raw, serviceDir, dotenvStage(raw, options.options.stage), options.env),
    serviceDir,
    instanceId: randomUUID().slice(0, 8),
    params: options.params,
    configFileName: configFile,
    ...options.cloud,
  })) as JsonObject;
  const provider = isObject(config.provider) ? config.provider : {};
  const stage = String(options.options.stage ?? provider.stage ?? 'dev');
  const region = String(options.options.region ?? provider.region ?? 'us-east-1');
  return { serviceDir, configFile, config, stage, region, notes: pluginNotes(config) };
}

/** Loads, packages and compiles a service directory. */
export async function packageServiceDirectory(
  options: ServiceDirectoryOptions,
): Promise<{ service: LoadedService; built: BuiltService }> {
  const service = await loadService(options);
  const built = buildService({
    serviceDir: service.serviceDir,
    configFile: service.configFile,
    config: service.config,
    stage: service.stage,
    region: service.region,
    now: options.now ?? new Date(),
    outputDir: options.outputDir,
  });
  return { service, built };
}
