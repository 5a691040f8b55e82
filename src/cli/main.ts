#!/usr/bin/env node
// The `nimbus` command: parses arguments and calls the programmatic API.

import { parseArgs } from 'node:util';
import { startCloud, VERSION } from '../cloud.js';
import { invokeFunction, targetFrom } from './client.js';
import { printLogs } from './logs.js';

const USAGE = `Usage: nimbus <command> [options]

Commands:
  start                 Start Nimbus on one port (default 127.0.0.1:4566), state in .nimbus/
  logs <function>       Print a function's log (/aws/lambda/<function>); --follow keeps printing
  invoke <function>     Invoke a function and print its result; --payload '<json>'
  version               Print the version

Options for start:
  --port <n>              Port to listen on (default 4566; 0 picks a free port)
  --host <address>        Interface to bind (default 127.0.0.1)
  --data-dir <path>       Where state is kept (default .nimbus)
  --in-memory             Keep no state on disk
  --default-account <id>  Account for access keys that are not account ids
                          (default 000000000000, or NIMBUS_DEFAULT_ACCOUNT)
  --allow-unsigned        Serve requests without credentials to every service, not only
                          S3 (AWS answers them MissingAuthenticationToken; NIMBUS_ALLOW_UNSIGNED=1)

Options for logs and invoke (they talk to a running Nimbus):
  --endpoint <url>        Nimbus to talk to (default AWS_ENDPOINT_URL or http://127.0.0.1:4566)
  --region <name>         Region (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)
  --follow, -f            logs: keep printing new events
  --since <minutes>       logs: how far back to start (default 60)
  --payload <json>        invoke: the event (default {})
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'logs' || command === 'invoke') return clientCommand(command, rest);
  if (command !== 'start') {
    process.stderr.write(
      command && command !== 'help' && command !== '--help'
        ? `Unknown command: ${command}\n\n${USAGE}`
        : USAGE,
    );
    return command === 'help' || command === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'allow-unsigned': { type: 'boolean' },
      'default-account': { type: 'string' },
    },
  });
  const port = values.port === undefined ? 4566 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Invalid --port: ${values.port}\n`);
    return 2;
  }
  const account = values['default-account'];
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    process.stderr.write(`Invalid --default-account: ${account} (an account id has 12 digits)\n`);
    return 2;
  }
  const cloud = await startCloud({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    allowUnsigned: values['allow-unsigned'] || undefined,
    defaultAccount: account,
    // Functions' output, as it happens, prefixed with the function's name.
    terminal: (line) => process.stdout.write(`${line}\n`),
  });
  const startupMs = Math.round(performance.now());
  const where = values['in-memory'] ? 'in memory' : `in ${values['data-dir'] ?? '.nimbus'}/`;
  process.stdout.write(`Nimbus ${VERSION} ready at ${cloud.endpoint} (state ${where}) in ${startupMs} ms\n`);
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

async function clientCommand(command: 'logs' | 'invoke', args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      since: { type: 'string' },
      payload: { type: 'string' },
    },
  });
  const name = positionals[0];
  if (!name) {
    process.stderr.write(`nimbus ${command}: name the function\n\n${USAGE}`);
    return 2;
  }
  const target = targetFrom(values);
  if (command === 'invoke') {
    const result = await invokeFunction(target, name, values.payload ?? '{}');
    if (result.logResult) process.stderr.write(Buffer.from(result.logResult, 'base64').toString('utf8'));
    process.stdout.write(`${result.payload}\n`);
    return result.functionError ? 1 : 0;
  }
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  await printLogs(target, name, {
    follow: values.follow ?? false,
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
