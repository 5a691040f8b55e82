// The Amplify AppSync simulator (`@aws-amplify/amplify-appsync-simulator`, a bench peer under bench/peers) as a
// child process, so its CPU time is measured apart from the client's: GraphQL over POST /graphql and the
// real-time WebSocket protocol on /graphql/realtime, both on one port.
//
// Usage: node appsync-simulator-server.js <port> '<AmplifyAppSyncSimulatorConfig JSON>'. Run it through
// startAppSyncSimulator() in appsync-targets.ts.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PEERS_MODULES } from './npm-peers.js';

interface Simulator {
  init(config: unknown): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const [portArgument, configArgument] = process.argv.slice(2);
// The simulator is CommonJS and lives in bench/peers, not in Nimbus's own node_modules.
const require = createRequire(join(PEERS_MODULES, '..', 'package.json'));
const { AmplifyAppSyncSimulator } = require('@aws-amplify/amplify-appsync-simulator') as {
  AmplifyAppSyncSimulator: new (server: { port: number }) => Simulator;
};
const simulator = new AmplifyAppSyncSimulator({ port: Number(portArgument) });
simulator.init(JSON.parse(configArgument ?? '{}'));
await simulator.start();
process.once('SIGTERM', () => process.exit(0));
