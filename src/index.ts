// Nimbus's programmatic API: `const cloud = await startCloud({ port: 0, inMemory: true })`.

export { type Cloud, type CloudOptions, startCloud, VERSION } from './cloud.js';
export type { Clock } from './core/clock.js';
export type { OperationEvent } from './core/events.js';
