#!/usr/bin/env node
// The `nimbus` command: parses arguments and calls the programmatic API. Help goes to stdout with exit 0
// (`nimbus help`, `nimbus <command> --help`); a usage error goes to stderr with exit 2.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCloud, VERSION } from '../cloud.js';
import { invokeFunction, targetFrom } from './client.js';
import { type FaultFlags, faultsCommand } from './faults.js';
import { withReachableCloud } from './local-cloud.js';
import { printLogs } from './logs.js';
import { deployCommand, deployedFunctionName, packageCommand, removeCommand } from './service.js';
import { deploy, destroy, listStacks } from './stacks.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly positionals?: boolean;
  run(values: Values, positionals: string[]): Promise<number>;
}

const CLIENT_OPTIONS = `  --endpoint <url>        Nimbus to talk to (default AWS_ENDPOINT_URL or http://127.0.0.1:4566)
  --region <name>         Region (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)`;

const SERVICE_OPTIONS = `  --stage, -s <name>      The stage (default: provider.stage, else dev)
  --config, -c <file>     The service file (default serverless.yml, .yaml or .json here)
  --param <key=value>     A \${param:key} value; repeat for more`;

const SERVICE_OPTION_SPECS: Readonly<Record<string, OptionSpec>> = {
  stage: { type: 'string', short: 's' },
  config: { type: 'string', short: 'c' },
  param: { type: 'string', multiple: true },
};

const COMMANDS: Readonly<Record<string, Command>> = {
  start: {
    summary: 'Start Nimbus on one port (default 127.0.0.1:4566), state in .nimbus/',
    usage: `Usage: nimbus start [options]

Starts every service on one port and keeps running until SIGINT or SIGTERM.

Options:
  --port <n>              Port to listen on (default 4566; 0 picks a free port)
  --host <address>        Interface to bind (default 127.0.0.1)
  --data-dir <path>       Where state is kept (default .nimbus, in the working directory)
  --in-memory             Keep no state on disk
  --default-account <id>  Account for access keys that are not account ids
                          (default 000000000000, or NIMBUS_DEFAULT_ACCOUNT)
  --allow-unsigned        Serve requests without credentials to every service, not only
                          S3 (AWS answers them MissingAuthenticationToken; NIMBUS_ALLOW_UNSIGNED=1)
  --allow-deprecated-runtimes
                          Create and update Lambda functions on runtimes past AWS's block dates
                          (AWS refuses them; NIMBUS_ALLOW_DEPRECATED_RUNTIMES=1)
  --skip-unsupported      Deploy templates whose resource types Nimbus does not serve: those create
                          nothing, their Ref/GetAtt are placeholders (NIMBUS_SKIP_UNSUPPORTED=1)
  --verify-signatures     Verify SigV4 signatures against the signer's secret: test keys, IAM access
                          keys, STS credentials (NIMBUS_VERIFY_SIGNATURES=1)
  --iam <enforce|log>     Authorise every request with IAM policies (enforce), or only log the
                          decisions (log) (NIMBUS_IAM)
`,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'allow-unsigned': { type: 'boolean' },
      'allow-deprecated-runtimes': { type: 'boolean' },
      'skip-unsupported': { type: 'boolean' },
      'default-account': { type: 'string' },
      'verify-signatures': { type: 'boolean' },
      iam: { type: 'string' },
    },
    run: start,
  },
  faults: {
    summary: 'Inject errors and latency into a running Nimbus: faults add|list|remove <name>|clear',
    usage: `Usage: nimbus faults add --service <name> [--operation <Op>] [--error <Code>] [options]
       nimbus faults list | remove <name> | clear

Rules make matching requests fail with the service's own error (as its protocol renders it) or answer
late, before the operation runs; they last until removed or the cloud is reset.

Options (add):
  --service <name>        The service (dynamodb, sqs, s3, …), required
  --operation <Op>        Only this operation (PutItem)
  --resource <pattern>    Only this resource: an ARN or name, * wildcards
  --error <Code>          The error code (ProvisionedThroughputExceededException)
  --message <text>        Its message (default AWS's, where known)
  --status <n>            Its HTTP status (default the service's for that code)
  --rate <0..1>           Probability a matching request fails (default 1)
  --count <n>             Fire at most n times
  --latency-ms <n>        Delay added before answering
  --name <name>           The rule's name (default generated)
${CLIENT_OPTIONS}
`,
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      service: { type: 'string' },
      operation: { type: 'string' },
      resource: { type: 'string' },
      error: { type: 'string' },
      message: { type: 'string' },
      status: { type: 'string' },
      rate: { type: 'string' },
      count: { type: 'string' },
      'latency-ms': { type: 'string' },
      name: { type: 'string' },
    },
    positionals: true,
    run: async (values, [action, argument]) => {
      const code = await faultsCommand(target(values), action, argument, values as FaultFlags, write);
      return typeof code === 'string' ? usageError(code, COMMANDS.faults!.usage) : code;
    },
  },
  logs: {
    summary: "Print a function's log (/aws/lambda/<function>); --tail keeps printing",
    usage: `Usage: nimbus logs <function> [options]
       nimbus logs --function <key> [options]     (in a serverless.yml service directory)

Prints the function's log group, /aws/lambda/<function>, from a running Nimbus. With --function, the
function is the service's (its key in serverless.yml), as 'serverless logs -f' names it.

Options:
  --function, -f <key>    The service's function (resolved to its deployed name for the stage)
  --tail, -t              Keep printing new events (also --follow)
  --since <minutes>       How far back to start (default 60)
${SERVICE_OPTIONS}
${CLIENT_OPTIONS}
`,
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      function: { type: 'string', short: 'f' },
      tail: { type: 'boolean', short: 't' },
      follow: { type: 'boolean' },
      since: { type: 'string' },
      ...SERVICE_OPTION_SPECS,
    },
    positionals: true,
    run: logs,
  },
  invoke: {
    summary: "Invoke a function and print its result; --payload '<json>'",
    usage: `Usage: nimbus invoke <function> [options]
       nimbus invoke --function <key> [--data <json> | --path <file>]   (in a service directory)

Invokes the function on a running Nimbus and prints its result; the log tail goes to stderr.
Exits 1 when the function failed.

Options:
  --payload <json>        The event (default {})
  --function, -f <key>    The service's function (resolved to its deployed name for the stage)
  --data, -d <json>       The event, as 'serverless invoke' takes it
  --path, -p <file>       A file holding the event
${SERVICE_OPTIONS}
${CLIENT_OPTIONS}
`,
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      payload: { type: 'string' },
      function: { type: 'string', short: 'f' },
      data: { type: 'string', short: 'd' },
      path: { type: 'string', short: 'p' },
      ...SERVICE_OPTION_SPECS,
    },
    positionals: true,
    run: invoke,
  },
  deploy: {
    summary: 'Deploy a serverless.yml service (here) or a CloudFormation template, printing its events',
    usage: `Usage: nimbus deploy [options]              (in a serverless.yml service directory)
       nimbus deploy <template> [options]

Without a template, deploys the Serverless Framework service in this directory as 'serverless deploy'
does: its template compiled as the Framework compiles it, the deployment bucket, the packages uploaded,
then the stack; it prints the functions, endpoints and outputs at the end. With no Nimbus answering at a
loopback endpoint, one is started for the call (state in .nimbus/ here, as 'nimbus start' keeps it).

Service options:
  --watch                 Run the functions from this directory in place (edits are live on the next
                          invocation) and redeploy what changed when serverless.yml changes
${SERVICE_OPTIONS}

With a template, creates or updates the stack through a change set, as 'aws cloudformation deploy' does, printing each
resource's events as they happen and the stack's outputs at the end. Exits 0 when the stack is deployed
or already up to date, 1 when the deploy failed (the events name the resource and the cause).
Every capability (CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND) is acknowledged.

Options:
  --stack-name <name>            The stack (default: the template's file name without extension)
  --parameter-overrides <K=V>    A parameter value; repeat for more
  --tags <K=V>                   A stack tag; repeat for more
${CLIENT_OPTIONS}
`,
    options: {
      'stack-name': { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      tags: { type: 'string', multiple: true },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      watch: { type: 'boolean' },
      ...SERVICE_OPTION_SPECS,
    },
    positionals: true,
    run: async (values, [templateFile]) => {
      if (!templateFile)
        return withReachableCloud(target(values), write, (where) =>
          deployCommand(where, { ...serviceOptions(values), watch: values.watch === true }),
        );
      return deploy(target(values), {
        templateFile,
        stackName: values['stack-name'] as string | undefined,
        parameterOverrides: (values['parameter-overrides'] as string[] | undefined) ?? [],
        tags: (values.tags as string[] | undefined) ?? [],
        write: (line) => process.stdout.write(`${line}\n`),
      });
    },
  },
  destroy: {
    summary: 'Delete a stack from a running Nimbus and wait until it is gone',
    usage: `Usage: nimbus destroy --stack-name <name> [options]

Options:
  --stack-name <name>     The stack to delete
${CLIENT_OPTIONS}
`,
    options: { 'stack-name': { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } },
    run: async (values) => {
      const name = values['stack-name'] as string | undefined;
      if (!name) return usageError('destroy: name the stack with --stack-name', COMMANDS.destroy!.usage);
      return destroy(target(values), name, (line) => process.stdout.write(`${line}\n`));
    },
  },
  package: {
    summary: "Package the serverless.yml service here into .serverless/, as 'serverless package' does",
    usage: `Usage: nimbus package [options]

Writes .serverless/ as the Framework does: cloudformation-template-update-stack.json (and the
create-stack template) and one zip per function or per service, referencing the deployment bucket, so
the service deploys to AWS. Variables that read a cloud (\${cf:...}, \${ssm:...}) read Nimbus's.

Options:
  --package <dir>         Where to write (default .serverless)
${SERVICE_OPTIONS}
${CLIENT_OPTIONS}
`,
    options: {
      package: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      ...SERVICE_OPTION_SPECS,
    },
    run: (values) =>
      packageCommand(target(values), {
        ...serviceOptions(values),
        outputDir: values.package as string | undefined,
      }),
  },
  remove: {
    summary: 'Remove the serverless.yml service here from a running Nimbus (its stack)',
    usage: `Usage: nimbus remove [options]

Empties the service's deployment bucket and deletes its stack, as 'serverless remove' does.

Options:
${SERVICE_OPTIONS}
${CLIENT_OPTIONS}
`,
    options: { endpoint: { type: 'string' }, region: { type: 'string' }, ...SERVICE_OPTION_SPECS },
    run: (values) =>
      withReachableCloud(target(values), write, (where) => removeCommand(where, serviceOptions(values))),
  },
  stacks: {
    summary: 'List the stacks of a running Nimbus with their status',
    usage: `Usage: nimbus stacks [options]

Options:
${CLIENT_OPTIONS}
`,
    options: { endpoint: { type: 'string' }, region: { type: 'string' } },
    run: (values) => listStacks(target(values), (line) => process.stdout.write(`${line}\n`)),
  },
  version: {
    summary: 'Print the version',
    usage: 'Usage: nimbus version\n',
    options: {},
    run: async () => {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    },
  },
  help: {
    summary: "Print this help, or a command's: nimbus help <command>",
    usage: 'Usage: nimbus help [command]\n',
    options: {},
    positionals: true,
    run: async (_values, [topic]) => help(topic),
  },
};

const USAGE = `Usage: nimbus <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(20)}${command.summary}`)
  .join('\n')}

Run 'nimbus <command> --help' for a command's options. From a clone, after npm ci: npx nimbus <command>
(or node dist/cli/nimbus.mjs <command>).
`;

function help(topic: string | undefined): number {
  if (topic === undefined) {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS[topic];
  if (!command) return usageError(`Unknown command: ${topic}`, USAGE);
  process.stdout.write(command.usage);
  return 0;
}

function usageError(message: string, usage: string): number {
  process.stderr.write(`nimbus: ${message}\n\n${usage}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') return help(undefined);
  if (name === '--version' || name === '-v') return COMMANDS.version!.run({}, []);
  const command = COMMANDS[name];
  if (!command) return usageError(`Unknown command: ${name}`, USAGE);
  if (rest.includes('--help') || rest.includes('-h')) return help(name);
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.positionals ?? false,
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    // parseArgs words its errors for the user ("Unknown option '--prot'"); they are usage errors.
    return usageError(error instanceof Error ? error.message : String(error), command.usage);
  }
  return command.run(parsed.values, parsed.positionals);
}

function target(values: Values) {
  return targetFrom(values as { endpoint?: string; region?: string });
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The service directory options shared by deploy, package, remove, invoke and logs. */
function serviceOptions(values: Values) {
  return {
    serviceDir: process.cwd(),
    configFile: values.config as string | undefined,
    stage: values.stage as string | undefined,
    params: values.param as string[] | undefined,
    write: (line: string) => process.stdout.write(`${line}\n`),
  };
}

async function start(values: Values): Promise<number> {
  const usage = COMMANDS.start!.usage;
  const port = values.port === undefined ? 4566 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usageError(`Invalid --port: ${values.port}`, usage);
  const account = values['default-account'] as string | undefined;
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    return usageError(`Invalid --default-account: ${account} (an account id has 12 digits)`, usage);
  }
  const dataDir = values['data-dir'] as string | undefined;
  const cloud = await startCloud({
    port,
    host: values.host as string | undefined,
    dataDir,
    inMemory: values['in-memory'] === true,
    allowUnsigned: values['allow-unsigned'] === true || undefined,
    allowDeprecatedRuntimes: values['allow-deprecated-runtimes'] === true || undefined,
    skipUnsupportedResources: values['skip-unsupported'] === true || undefined,
    verifySignatures: values['verify-signatures'] === true || undefined,
    iam: iamFlag(values.iam),
    defaultAccount: account,
    // Functions' output, as it happens, prefixed with the function's name.
    terminal: (line) => process.stdout.write(`${line}\n`),
  });
  const startupMs = Math.round(performance.now());
  const where = values['in-memory'] ? 'in memory' : `in ${dataDir ?? '.nimbus'}/`;
  process.stdout.write(`Nimbus ${VERSION} ready at ${cloud.endpoint} (state ${where}) in ${startupMs} ms\n`);
  // Beyond loopback the console needs the token: the link carries it (the page trades it for a cookie).
  const consoleUrl = `${cloud.endpoint}/_nimbus/${cloud.consoleToken ? `?token=${cloud.consoleToken}` : ''}`;
  process.stdout.write(`Console: ${consoleUrl}\n`);
  process.stdout.write(`Open ${cloud.endpoint}/ in a browser for what runs here; Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      // A second signal while stopping means "now".
      if (stopping) process.exit(130);
      stopping = true;
      process.stdout.write(`\n${signal}: stopping Nimbus\n`);
      cloud.stop().then(resolve, resolve);
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}

function iamFlag(value: string | boolean | string[] | undefined): 'enforce' | 'log' | undefined {
  if (value === undefined) return undefined;
  if (value === 'enforce' || value === 'log') return value;
  throw new Error(`--iam takes enforce or log, not ${String(value)}`);
}

async function invoke(
  values: Record<string, string | boolean | undefined>,
  [positional]: string[],
): Promise<number> {
  const key = values.function as string | undefined;
  const name = key ? await deployedFunctionName(target(values), serviceOptions(values), key) : positional;
  if (!name) return usageError('invoke: name the function', COMMANDS.invoke!.usage);
  const file = values.path as string | undefined;
  const payload = (values.data ?? values.payload ?? (file ? readFileSync(file, 'utf8') : '{}')) as string;
  const result = await invokeFunction(target(values), name, payload);
  if (result.logResult) process.stderr.write(Buffer.from(result.logResult, 'base64').toString('utf8'));
  process.stdout.write(`${result.payload}\n`);
  return result.functionError ? 1 : 0;
}

async function logs(values: Values, [positional]: string[]): Promise<number> {
  const key = values.function as string | undefined;
  const name = key ? await deployedFunctionName(target(values), serviceOptions(values), key) : positional;
  if (!name) return usageError('logs: name the function', COMMANDS.logs!.usage);
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  await printLogs(target(values), name, {
    follow: values.follow === true || values.tail === true,
    sinceMs: Number(values.since ?? 60) * 60_000,
    write: (line) => process.stdout.write(`${line}\n`),
    signal: controller.signal,
  });
  return 0;
}

// Exit explicitly: the signal listeners installed for `start` would otherwise keep the process alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nimbus: ${message}\n`);
    process.exit(1);
  },
);
