// The wiring port: what the console's architecture map asks of each service — its resources as nodes and
// the connections it owns as edges (a queue's redrive policy, a bucket's notifications, a rule's targets) —
// so the map is built from the services' own state without the server or one service importing another.
// Each service answers through its own operations (the same data its API returns), per account and region.

/** A resource on the map, named by its ARN. */
export interface WiringNode {
  readonly arn: string;
  /** The CloudFormation type (`AWS::SQS::Queue`), which picks the console page and the icon. */
  readonly type: string;
  readonly name: string;
  /** Other names the resource goes by (a queue's URL, a function's name), which stacks' physical ids use. */
  readonly aliases?: readonly string[];
}

/** A connection a service owns, from the resource that sends to the one that receives. */
export interface WiringEdge {
  readonly from: string;
  readonly to: string;
  readonly kind:
    | 'event-source-mapping'
    | 'notification'
    | 'subscription'
    | 'rule-target'
    | 'dead-letter'
    | 'destination'
    | 'stream'
    /** A Step Functions state that calls the resource. */
    | 'task';
  /** What a person reads beside the arrow (`s3:ObjectCreated:*`, `OnFailure`). */
  readonly label?: string;
}

/** Resources deployed together (a CloudFormation stack): its members named by physical id or ARN. */
export interface WiringGroup {
  readonly id: string;
  readonly label: string;
  readonly members: readonly string[];
}

export interface Wiring {
  readonly nodes: readonly WiringNode[];
  readonly edges: readonly WiringEdge[];
  readonly groups?: readonly WiringGroup[];
}

export interface WiringSource {
  /** Answered through the service's own operations, so the map agrees with what its API says. */
  wiring(account: string, region: string): Promise<Wiring>;
}
