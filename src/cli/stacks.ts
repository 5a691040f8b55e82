// `nimbus deploy`, `nimbus destroy` and `nimbus stacks`: CloudFormation on a running Nimbus through its
// API, as `aws cloudformation deploy` drives it (a change set, created, waited for, executed), with the
// stack's events printed as they happen and its outputs at the end.
// https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/

import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { Target } from './client.js';
import { withAbsoluteCodePaths } from './local-paths.js';
import { callQuery, find, members, QueryError, text } from './query.js';

const VERSION = '2010-05-15';
const POLL_MS = 100;
/** Statuses in which a stack operation has ended. */
const SETTLED = /(_COMPLETE|_FAILED)$/;

export interface DeployOptions {
  readonly templateFile: string;
  readonly stackName?: string;
  readonly parameterOverrides: readonly string[];
  readonly tags: readonly string[];
  readonly write: (line: string) => void;
}

/** Deploys a template file; resolves to the exit code (0 deployed or unchanged, 1 failed and rolled back). */
export async function deploy(target: Target, options: DeployOptions): Promise<number> {
  const stackName = options.stackName ?? basename(options.templateFile, extname(options.templateFile));
  const body = withAbsoluteCodePaths(
    readFileSync(options.templateFile, 'utf8'),
    dirname(options.templateFile),
  );
  const { code } = await deployTemplate(target, { ...options, stackName, body });
  return code;
}

export interface DeployTemplateOptions {
  readonly body: string;
  readonly stackName: string;
  readonly parameterOverrides: readonly string[];
  readonly tags: readonly string[];
  readonly write: (line: string) => void;
  /** Print nothing when the template has no changes (a watch loop's unchanged redeploy). */
  readonly quietWhenUnchanged?: boolean;
}

export interface DeployResult {
  /** 0 deployed or unchanged, 1 failed (and rolled back). */
  readonly code: number;
  readonly changed: boolean;
  readonly outputs: ReadonlyMap<string, string>;
}

/** Deploys a template body through a change set, printing the stack's events as they happen. */
export async function deployTemplate(target: Target, options: DeployTemplateOptions): Promise<DeployResult> {
  const { stackName, body } = options;
  const call = (action: string, params: Record<string, string>) =>
    callQuery(target, 'cloudformation', VERSION, action, params);
  const existing = await describe(call, stackName);
  const type = existing && existing !== 'REVIEW_IN_PROGRESS' ? 'UPDATE' : 'CREATE';
  const changeSetName = `nimbus-deploy-${Date.now()}`;
  const params: Record<string, string> = {
    StackName: stackName,
    ChangeSetName: changeSetName,
    ChangeSetType: type,
    TemplateBody: body,
  };
  // Local deploys acknowledge every capability: the template is the user's own.
  ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'].forEach((capability, i) => {
    params[`Capabilities.member.${i + 1}`] = capability;
  });
  options.parameterOverrides.forEach((pair, i) => {
    const [key, value] = splitPair(pair, '--parameter-overrides');
    params[`Parameters.member.${i + 1}.ParameterKey`] = key;
    params[`Parameters.member.${i + 1}.ParameterValue`] = value;
  });
  options.tags.forEach((pair, i) => {
    const [key, value] = splitPair(pair, '--tags');
    params[`Tags.member.${i + 1}.Key`] = key;
    params[`Tags.member.${i + 1}.Value`] = value;
  });
  const started = Date.now();
  const created = await call('CreateChangeSet', params);
  const changeSetId = text(created, 'Id')!;
  const changeSet = await waitForChangeSet(call, changeSetId);
  if (text(changeSet, 'Status') === 'FAILED') {
    const reason = text(changeSet, 'StatusReason') ?? '';
    if (reason.startsWith("The submitted information didn't contain changes")) {
      if (!options.quietWhenUnchanged)
        options.write(`No changes to deploy. Stack ${stackName} is up to date`);
      await call('DeleteChangeSet', { ChangeSetName: changeSetId });
      return { code: 0, changed: false, outputs: await stackOutputs(call, stackName) };
    }
    options.write(`Failed to create the change set: ${reason}`);
    return { code: 1, changed: false, outputs: new Map() };
  }
  const seen = new Set<string>();
  // Events before this deploy are not this deploy's.
  if (type === 'UPDATE') for (const event of await events(call, stackName)) seen.add(text(event, 'EventId')!);
  await call('ExecuteChangeSet', { ChangeSetName: changeSetId });
  options.write(`Deploying ${stackName} (${type === 'CREATE' ? 'create' : 'update'})`);
  let status = '';
  for (;;) {
    for (const event of (await events(call, stackName)).reverse()) {
      const id = text(event, 'EventId')!;
      if (seen.has(id)) continue;
      seen.add(id);
      options.write(formatEvent(event, started));
    }
    status = (await describe(call, stackName)) ?? 'DELETE_COMPLETE';
    if (SETTLED.test(status) && !status.endsWith('CLEANUP_IN_PROGRESS')) break;
    await sleep(POLL_MS);
  }
  for (const event of (await events(call, stackName)).reverse()) {
    const id = text(event, 'EventId')!;
    if (!seen.has(id)) options.write(formatEvent(event, started));
    seen.add(id);
  }
  const succeeded = status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
  if (!succeeded) {
    options.write(`Deploy of ${stackName} failed: ${status}`);
    return { code: 1, changed: true, outputs: new Map() };
  }
  const outputs = await stackOutputs(call, stackName);
  options.write(`Stack ${stackName} ${status} in ${Date.now() - started} ms`);
  if (outputs.size > 0) {
    options.write('Outputs:');
    for (const [key, value] of outputs) options.write(`  ${key}: ${value}`);
  }
  options.write(`Console: ${stackConsoleUrl(target, stackName)}`);
  return { code: 0, changed: true, outputs };
}

/** The stack's page in the console (src/console/): the account is the access key's when it is a
 * 12-digit account id, else the default one. */
function stackConsoleUrl(target: Target, stackName: string): string {
  const key = process.env.AWS_ACCESS_KEY_ID ?? '';
  const account = /^\d{12}$/.test(key) ? key : '000000000000';
  return `${target.endpoint}/_nimbus/#/${account}/${target.region}/cloudformation/stack/${encodeURIComponent(stackName)}`;
}

/** The stack's outputs by key; empty when the stack does not exist. */
export async function describeOutputs(
  target: Target,
  stackName: string,
): Promise<ReadonlyMap<string, string>> {
  const call = (action: string, params: Record<string, string>) =>
    callQuery(target, 'cloudformation', VERSION, action, params);
  return stackOutputs(call, stackName);
}

async function stackOutputs(call: Call, stackName: string): Promise<Map<string, string>> {
  const stack = find(await call('DescribeStacks', { StackName: stackName }).catch(notFound), 'member');
  return new Map(
    members(stack, 'Outputs').map((output) => [
      text(output, 'OutputKey')!,
      text(output, 'OutputValue') ?? '',
    ]),
  );
}

/** Deletes a stack and waits until it is gone; resolves to the exit code. */
export async function destroy(
  target: Target,
  stackName: string,
  write: (line: string) => void,
): Promise<number> {
  const call = (action: string, params: Record<string, string>) =>
    callQuery(target, 'cloudformation', VERSION, action, params);
  const stack = find(await call('DescribeStacks', { StackName: stackName }).catch(notFound), 'member');
  if (!stack) {
    write(`Stack ${stackName} does not exist`);
    return 0;
  }
  const stackId = text(stack, 'StackId')!;
  const started = Date.now();
  await call('DeleteStack', { StackName: stackName });
  const seen = new Set((await events(call, stackId)).map((event) => text(event, 'EventId')!));
  for (;;) {
    for (const event of (await events(call, stackId)).reverse()) {
      const id = text(event, 'EventId')!;
      if (!seen.has(id)) write(formatEvent(event, started));
      seen.add(id);
    }
    const status = (await describe(call, stackId)) ?? 'DELETE_COMPLETE';
    if (status === 'DELETE_COMPLETE') {
      write(`Stack ${stackName} deleted in ${Date.now() - started} ms`);
      return 0;
    }
    if (status === 'DELETE_FAILED') {
      write(`Delete of ${stackName} failed`);
      return 1;
    }
    await sleep(POLL_MS);
  }
}

/** Lists the stacks that exist, with their status. */
export async function listStacks(target: Target, write: (line: string) => void): Promise<number> {
  const result = await callQuery(target, 'cloudformation', VERSION, 'DescribeStacks', {});
  const stacks = members(result, 'Stacks');
  if (stacks.length === 0) write('No stacks');
  for (const stack of stacks) {
    write(
      `${text(stack, 'StackName')}\t${text(stack, 'StackStatus')}\t${text(stack, 'LastUpdatedTime') ?? text(stack, 'CreationTime')}`,
    );
  }
  return 0;
}

type Call = (action: string, params: Record<string, string>) => Promise<ReturnType<typeof find> & object>;

async function describe(call: Call, stackName: string): Promise<string | undefined> {
  const result = await call('DescribeStacks', { StackName: stackName }).catch(notFound);
  return text(find(result, 'member'), 'StackStatus');
}

async function events(call: Call, stackName: string) {
  return members(await call('DescribeStackEvents', { StackName: stackName }), 'StackEvents');
}

async function waitForChangeSet(call: Call, changeSetId: string) {
  for (;;) {
    const changeSet = await call('DescribeChangeSet', { ChangeSetName: changeSetId });
    const status = text(changeSet, 'Status');
    if (status === 'CREATE_COMPLETE' || status === 'FAILED') return changeSet;
    await sleep(POLL_MS);
  }
}

function formatEvent(event: NonNullable<ReturnType<typeof find>>, started: number): string {
  const elapsed = Math.max(0, Date.parse(text(event, 'Timestamp') ?? '') - started);
  const reason = text(event, 'ResourceStatusReason');
  const what = `${text(event, 'LogicalResourceId')} (${text(event, 'ResourceType')})`;
  return `  ${String(Number.isFinite(elapsed) ? elapsed : 0).padStart(6)} ms  ${(text(event, 'ResourceStatus') ?? '').padEnd(28)} ${what}${reason ? `  ${reason}` : ''}`;
}

function notFound(error: unknown): undefined {
  if (error instanceof QueryError && error.code === 'ValidationError') return undefined;
  throw error;
}

function splitPair(pair: string, option: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new Error(`${option} takes Key=Value pairs: ${pair}`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
