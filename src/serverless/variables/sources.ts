// The variable sources of Serverless Framework v3 other than `file`: self, opt, env, sls, param, strToBool, aws, cf
// and ssm, with the Framework's messages for a bad address or input.
// https://www.serverless.com/framework/docs/providers/aws/guide/variables

import { appSyncVariables } from '../appsync/variables.js';
import { SourceError } from './errors.js';
import type { VariableSources } from './index.js';
import type { SourceCall, SourceResolver, SourceTable } from './resolver.js';

/** The sources a configuration can use; `cf` and `ssm` exist only when their look-ups are provided. */
export function builtInSources(given: VariableSources, file: SourceResolver): SourceTable {
  const { options, env } = given;
  const table: Record<string, SourceResolver> = {
    self: async (call) =>
      (await call.resolveProperty(call.address ? text(call, 'self').split('.') : [])) ?? null,
    opt: (call) => (call.address == null ? options : (options[text(call, 'opt')] ?? null)),
    env: (call) => env[requireText(call, 'env')] ?? null, // an empty string is a value (Framework v3)
    sls: async (call) => {
      const address = requireText(call, 'sls');
      if (address === 'instanceId') return given.instanceId;
      if (address === 'stage') return stageOf(call, options);
      throw new SourceError(`Unsupported "${address}" address argument in variable "sls" source`);
    },
    param: async (call) => param(call, given),
    strToBool: (call) => strToBool(call.params),
    aws: async (call) => {
      const address = requireText(call, 'aws');
      if (address === 'region') return regionOf(call, options);
      if (address !== 'accountId') {
        throw new SourceError(`Unsupported "${address}" address argument in variable "aws" source`);
      }
      if (!given.accountId) throw new SourceError('"aws:accountId" is not available: no AWS account to ask');
      return given.accountId();
    },
    file,
    // serverless-appsync-plugin's source (src/serverless/appsync/).
    appsync: appSyncVariables,
  };
  const { cfOutput, ssmParameter } = given;
  if (cfOutput) table.cf = async (call) => cf(call, cfOutput, options);
  if (ssmParameter) table.ssm = async (call) => ssm(call, ssmParameter, options);
  return table;
}

/** The stage `${sls:stage}` and `${param:...}` see: `--stage`, else `provider.stage`, else `dev`. */
async function stageOf(call: SourceCall, options: VariableSources['options']): Promise<string> {
  const stage =
    options.stage != null ? options.stage : ((await call.resolveProperty(['provider', 'stage'])) ?? 'dev');
  if (typeof stage !== 'string' || !/^[A-Za-z0-9-]+$/.test(stage)) {
    throw new SourceError(
      'Invalid stage name. Stage names may contain only ASCII letters, numbers, and hyphens.',
    );
  }
  return stage;
}

/** `--region`, else `provider.region`, else `us-east-1` (what the AWS provider of the Framework uses). */
async function regionOf(call: SourceCall, options: VariableSources['options']): Promise<string> {
  const region = options.region ? options.region : await call.resolveProperty(['provider', 'region']);
  return region ? String(region) : 'us-east-1';
}

/** `--param key=value` first, then `params.<stage>.key`, then `params.default.key`. */
async function param(call: SourceCall, given: VariableSources): Promise<unknown> {
  const name = requireText(call, 'param');
  const stage = await stageOf(call, given.options);
  for (const item of given.params ?? []) {
    const match = /^([^=]+)=(.+)/.exec(item);
    if (!match) {
      throw new SourceError(
        `Encountered invalid "--param" CLI option value: "${item}". Supported format: "--param='<key>=<val>'"`,
      );
    }
    if (match[1] === name) return match[2].trimEnd();
  }
  for (const section of [stage, 'default']) {
    const value = await call.resolveProperty(['params', section, name]);
    if (value != null) return value;
  }
  return null;
}

function strToBool(params: readonly unknown[] | undefined): boolean {
  const input = params?.[0];
  if (input == null) throw new SourceError('Missing "strToBool" input');
  if (typeof input === 'object')
    throw new SourceError(`Non-string "strToBool" input:. Received: ${short(input)}`);
  const value = String(input).trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new SourceError(
    `Invalid "strToBool" input: Expected either "true", "false", "0", or "1". Received: ${short(input)}`,
  );
}

/** `${cf:stack.Output}` or `${cf(region):stack.Output}` */
async function cf(
  call: SourceCall,
  lookup: NonNullable<VariableSources['cfOutput']>,
  options: VariableSources['options'],
): Promise<string | null> {
  const address = requireText(call, 'cf');
  const dot = address.indexOf('.');
  if (dot < 0) {
    throw new SourceError(
      `Unsupported "${address}" address argument in variable "cf" source. Expected "<stack-name>.<output-id>" format`,
    );
  }
  const region = call.params?.[0] != null ? String(call.params[0]) : await regionOf(call, options);
  return (await lookup(address.slice(0, dot), address.slice(dot + 1), region)) ?? null;
}

/** `${ssm:/path}`, `${ssm(region):/path}`, `${ssm(raw):/path}`: StringList splits, a JSON SecureString parses. */
async function ssm(
  call: SourceCall,
  lookup: NonNullable<VariableSources['ssmParameter']>,
  options: VariableSources['options'],
): Promise<unknown> {
  const name = requireText(call, 'ssm');
  const params = call.params ?? [];
  const raw = params.includes('raw');
  // `noDecrypt` is accepted and ignored: the look-up always decrypts.
  const rest = params.filter((item) => item !== 'raw' && item !== 'noDecrypt');
  const region = rest[0] != null ? String(rest[0]) : await regionOf(call, options);
  const parameter = await lookup(name, region);
  if (!parameter) return null;
  switch (parameter.type) {
    case 'String':
      return parameter.value;
    case 'StringList':
      return raw ? parameter.value : parameter.value.split(',');
    case 'SecureString':
      if (raw || !parameter.value.startsWith('{')) return parameter.value;
      try {
        return JSON.parse(parameter.value); // a Secrets Manager secret through /aws/reference/secretsmanager/
      } catch {
        return parameter.value;
      }
    default:
      throw new SourceError(`Unexpected parameter type: "${parameter.type}"`);
  }
}

function requireText(call: SourceCall, source: string): string {
  if (!call.address) throw new SourceError(`Missing address argument in variable "${source}" source`);
  return text(call, source);
}

/** The address as a string: numbers and booleans coerce, as the Framework's `ensureString` does. */
function text(call: SourceCall, source: string): string {
  const { address } = call;
  if (typeof address === 'object' && address !== null) {
    throw new SourceError(`Non-string address argument in variable "${source}" source: ${short(address)}`);
  }
  return String(address);
}

/** A value as the Framework quotes it in messages: at most 100 characters, new lines escaped. */
export function short(value: unknown): string {
  let string = Array.isArray(value)
    ? String(value)
    : typeof value === 'object'
      ? '[object Object]'
      : String(value);
  if (string.length > 100) string = `${string.slice(0, 99)}…`;
  return string.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
