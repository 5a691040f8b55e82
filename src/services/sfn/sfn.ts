// The Step Functions engine: the registry of state machines and activities, and the executions that run
// them. Operations reach each part through this object; the parts reach each other only through it.
// https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html

import type { ServiceDeps, ServiceEngine } from '../../core/service.js';
import { Executions } from './execution/executions.js';
import { Registry } from './registry/registry.js';

export class Sfn implements ServiceEngine {
  readonly registry: Registry;
  readonly executions: Executions;

  constructor(deps: ServiceDeps) {
    this.registry = new Registry(deps);
    this.executions = new Executions(deps, this.registry);
  }

  started(): void {
    this.executions.resume();
  }

  reset(): void {
    this.executions.reset();
    this.registry.reset();
  }

  stop(): void {
    this.executions.stop();
  }
}
