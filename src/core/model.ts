// The facts a generated model (core/generated/<service>.ts) states beside its shapes: each operation's
// shapes, HTTP binding and declared errors, each error's status and fault, and the protocol metadata.

import type { HttpTrait } from './service.js';
import type { StructureShape } from './shapes.js';

export interface ModelOperation {
  /** Generated for the operations the service serves (and every operation of a model kept whole). */
  readonly input?: StructureShape;
  readonly output?: StructureShape;
  readonly http: HttpTrait;
  /** The error shapes the model lists for the operation. */
  readonly errors: readonly string[];
}

export interface ModelError {
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  /** awsQuery (and awsQueryCompatible JSON) code when it differs from the shape name. */
  readonly queryCode?: string;
}

export interface ModelMetadata {
  readonly apiVersion: string;
  readonly protocol: string;
  readonly serviceId: string;
  readonly signingName: string;
  readonly targetPrefix?: string;
  readonly jsonVersion?: string;
  readonly xmlNamespace?: string;
  readonly awsQueryCompatible?: boolean;
}
