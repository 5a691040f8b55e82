#!/usr/bin/env node
// The `nimbus` command: parses arguments and calls the programmatic API.

import { parseArgs } from 'node:util';
import { startCloud, VERSION } from '../cloud.js';

const USAGE = `Usage: nimbus <command> [options]

Commands:
  start      Start Nimbus on one port (default 127.0.0.1:4566), state in .nimbus/
  version    Print the version

Options for start:
  --port <n>              Port to listen on (default 4566; 0 picks a free port)
  --host <address>        Interface to bind (default 127.0.0.1)
  --data-dir <path>       Where state is kept (default .nimbus)
  --in-memory             Keep no state on disk
  --default-account <id>  Account for access keys that are not account ids
                          (default 000000000000, or NIMBUS_DEFAULT_ACCOUNT)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
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
    defaultAccount: account,
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

// Exit explicitly: the signal listeners installed for `start` would otherwise keep the process alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nimbus: ${message}\n`);
    process.exit(1);
  },
);
