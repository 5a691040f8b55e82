// Loading a serverless.yml and resolving its variables as Serverless Framework v3 does, without the Framework.
// https://www.serverless.com/framework/docs/providers/aws/guide/variables — see README.md for what is covered.

import { resolutionFailed, ServerlessVariableError } from './errors.js';
import { fileSource } from './file-source.js';
import { Resolver } from './resolver.js';
import { builtInSources } from './sources.js';

export { loadServiceFile } from './load.js';
export { ServerlessVariableError };

export interface VariableSources {
  /** CLI options for ${opt:...}: { stage: 'dev', region: 'us-east-1', ... } (what the user passed). */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** ${env:...} */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The service directory, for ${file(...)} paths. */
  readonly serviceDir: string;
  /** ${cf:stack.output} and ${cf(region):stack.output}: an output's value, undefined when the stack or output doesn't exist. */
  readonly cfOutput?: (stackName: string, outputKey: string, region: string) => Promise<string | undefined>;
  /** ${ssm:/path} (and ${ssm(region):...}, ${ssm(raw):...}): the parameter, decrypted; undefined when absent. StringList returns string[] as the Framework does (unless raw). */
  readonly ssmParameter?: (
    name: string,
    region: string,
  ) => Promise<{ type: string; value: string } | undefined>;
  /** ${aws:accountId} */
  readonly accountId?: () => Promise<string>;
  /** ${sls:instanceId}: a fixed id for this run. */
  readonly instanceId: string;
  /** `--param "key=value"` options, in the order given; they win over `params.<stage>` and `params.default`. */
  readonly params?: readonly string[];
  /** The file's name in error messages (`Cannot resolve serverless.yml: ...`); serverless.yml by default. */
  readonly configFileName?: string;
}

/** The configuration with every variable resolved; throws ServerlessVariableError listing every unresolved variable with the Framework's wording. */
export async function resolveConfiguration(
  raw: Record<string, unknown>,
  sources: VariableSources,
): Promise<Record<string, unknown>> {
  const fileName = sources.configFileName ?? 'serverless.yml';
  rejectVariableSyntax(raw, fileName);
  // A copy: the caller's object stays as written, and nothing resolved aliases it.
  const config = structuredClone(raw);
  const table = builtInSources(sources, fileSource(sources.serviceDir, sources.options));
  const resolver = new Resolver(config, table, otherStageParams(config, sources.options));
  const syntaxErrors = resolver.syntaxErrors();
  if (syntaxErrors.length) throw resolutionFailed(fileName, syntaxErrors);
  await resolver.run();
  const { errors, unresolved } = resolver.outcome();
  if (errors.length) throw resolutionFailed(fileName, errors);
  if (unresolved) {
    const names = [...resolver.unrecognized].join('", "');
    throw new ServerlessVariableError(`Unrecognized configuration variable sources: "${names}"`);
  }
  return config;
}

/** `provider.variableSyntax` was Framework v2's; v3 (and this resolver) only know `${...}`. */
function rejectVariableSyntax(raw: Record<string, unknown>, fileName: string): void {
  const provider = raw.provider;
  if (typeof provider === 'object' && provider !== null && 'variableSyntax' in provider) {
    throw new ServerlessVariableError(
      `Cannot resolve ${fileName}: "provider.variableSyntax" is not supported: custom variable syntax was ` +
        `removed in Serverless Framework v3; write variables as \${source:address}`,
    );
  }
}

/**
 * Values under `params.<another stage>` are left as written unless something refers to them, as osls does: the
 * `param` source reads only the current stage and `default`, and another stage's `${ssm:...}` should not fail a
 * deploy. The stage is the one `${sls:stage}` sees, as far as it is known before resolution.
 */
function otherStageParams(
  config: Record<string, unknown>,
  options: VariableSources['options'],
): (path: string) => boolean {
  return (path) => {
    const keys = path.split('\0');
    if (keys[0] !== 'params' || keys.length < 3 || keys[1] === 'default') return false;
    const params = config.params;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
    const provider = config.provider as Record<string, unknown> | undefined;
    let stage: unknown = options.stage ?? null;
    const configured = typeof provider === 'object' && provider !== null ? provider.stage : undefined;
    if (stage == null && (typeof configured === 'string' || typeof configured === 'number'))
      stage = configured;
    const current = String(stage ?? 'dev');
    if (current.includes('${')) return false; // not known yet: deferring could strand the real stage's params
    return keys[1] !== current;
  };
}
