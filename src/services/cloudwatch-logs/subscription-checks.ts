// What AWS checks before it accepts a subscription filter or a destination, in its order and words (as users
// report them): the destination's vendor and the role it needs, then the destination itself as AWS tries
// it — a function's resource policy, a stream that exists, a destination that lets the caller's account in.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import type { Destinations } from './destinations.js';
import { invalidParameter } from './errors.js';
import type { SubscriptionFilterInput } from './subscription-filters.js';

/** The stream behind a destination, which gets AWS's control message; none for a function. */
export type StreamKind = 'kinesis' | 'firehose' | undefined;

export class DestinationChecks {
  constructor(
    private readonly destinations: Destinations,
    private readonly call: InProcessCall,
  ) {}

  /** Tries the filter's destination once its vendor and role are right (`checkRole`). */
  async check(
    account: string,
    region: string,
    vendor: string,
    input: SubscriptionFilterInput,
  ): Promise<StreamKind> {
    if (vendor === 'lambda') return this.checkFunction(account, region, input.destinationArn);
    if (vendor === 'logs') return this.checkDestination(account, input);
    return this.checkStream(account, region, input.destinationArn, 'PutSubscriptionFilter', 'destinationArn');
  }

  /**
   * A Kinesis or Firehose stream, as AWS tries it before accepting a filter or a destination: it sends a test
   * record (the stream must be ACTIVE); Nimbus checks that the stream exists. Firehose's message is AWS's as
   * moto records it; the Kinesis one is worded like it (moto's record of it is cut short).
   */
  async checkStream(
    account: string,
    region: string,
    arn: string,
    operationName: string,
    member: string,
  ): Promise<'kinesis' | 'firehose'> {
    const parsed = parseArn(arn);
    const found = (service: string, operation: string, request: Record<string, unknown>) =>
      this.call(service, operation, request, {
        account: parsed?.account || account,
        region: parsed?.region || region,
        caller: 'logs',
      }).then(
        () => true,
        () => false,
      );
    if (parsed?.service === 'kinesis') {
      if (!(await found('kinesis', 'DescribeStreamSummary', { StreamARN: arn })))
        throw invalidParameter(
          'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state. ',
        );
      return 'kinesis';
    }
    if (parsed?.service === 'firehose') {
      const name = parsed.resource.replace(/^deliverystream\//, '');
      if (!(await found('firehose', 'DescribeDeliveryStream', { DeliveryStreamName: name })))
        throw invalidParameter(
          'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
        );
      return 'firehose';
    }
    throw unsupportedVendor(operationName, member, parsed?.service);
  }

  /** AWS invokes the function to try it, which needs a resource policy letting CloudWatch Logs; Nimbus
   * checks that policy. The message is AWS's as moto records it. */
  private async checkFunction(account: string, region: string, arn: string): Promise<undefined> {
    const parsed = parseArn(arn);
    const policy = await this.call(
      'lambda',
      'GetPolicy',
      { FunctionName: arn },
      { account: parsed?.account || account, region: parsed?.region || region, caller: 'logs' },
    ).then(
      (output) => (output as { Policy?: unknown }).Policy,
      () => undefined,
    );
    if (!allowsLogs(policy))
      throw invalidParameter(
        'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
      );
    return undefined;
  }

  /**
   * A destination must exist, let the caller's account subscribe (AWS's AccessDeniedException, as users
   * report it), and reach its stream (AWS's "Check if the destination is valid", as users report it).
   */
  private async checkDestination(
    account: string,
    input: SubscriptionFilterInput,
  ): Promise<'kinesis' | 'firehose'> {
    const destination = this.destinations.findByArn(input.destinationArn);
    const denied = () =>
      new ServiceError(
        'AccessDeniedException',
        `User with accountId: ${account} is not authorized to perform: logs:PutSubscriptionFilter on resource: ${input.destinationArn}`,
      );
    if (!destination) {
      if (parseArn(input.destinationArn)?.account !== account) throw denied();
      throw new ServiceError('ResourceNotFoundException', 'The specified destination does not exist.');
    }
    const verdict = this.destinations.verdict(destination, account);
    if (verdict === 'denied') throw denied();
    if (verdict === 'needs-role' && !input.roleArn)
      throw invalidParameter(
        'Role ARN is required when creating subscription filter against destination with Organization access policy',
      );
    try {
      return await this.checkStream(
        destination.account,
        destination.region,
        destination.target_arn,
        'PutSubscriptionFilter',
        'destinationArn',
      );
    } catch {
      throw invalidParameter(
        'Could not deliver test message to specified destination. Check if the destination is valid.',
      );
    }
  }
}

/**
 * The destination's vendor (the ARN's service) and the role it needs, checked before anything is tried:
 * streams are written with the caller's role, a function is invoked on its own policy, a destination uses
 * its own role. AWS's words, as users report them.
 */
export function checkRole(input: SubscriptionFilterInput): string {
  const vendor = parseArn(input.destinationArn)?.service;
  if (vendor === 'kinesis' || vendor === 'firehose') {
    if (!input.roleArn)
      throw invalidParameter(`destinationArn for vendor ${vendor} cannot be used without roleArn`);
  } else if (vendor === 'lambda') {
    if (input.roleArn) throw invalidParameter('destinationArn for vendor lambda cannot be used with roleArn');
  } else if (vendor !== 'logs' || !/^destination:./.test(parseArn(input.destinationArn)?.resource ?? '')) {
    throw unsupportedVendor('PutSubscriptionFilter', 'destinationArn', vendor);
  }
  return vendor;
}

/** "PutSubscriptionFilter operation cannot work with destinationArn for vendor cloudformation", as users
 * report it; for a value that is no ARN at all (no vendor to name) the wording is Nimbus's. */
function unsupportedVendor(operationName: string, member: string, vendor: string | undefined): ServiceError {
  return invalidParameter(
    vendor
      ? `${operationName} operation cannot work with ${member} for vendor ${vendor}`
      : `Invalid ${member}: it must be an ARN.`,
  );
}

/** Whether a function's resource policy lets CloudWatch Logs (`logs.amazonaws.com` or the regional
 * `logs.<region>.amazonaws.com`) invoke it. */
function allowsLogs(policy: unknown): boolean {
  if (typeof policy !== 'string') return false;
  let document: { Statement?: { Effect?: string; Principal?: unknown }[] };
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  return (document.Statement ?? []).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const principal = statement.Principal;
    const services =
      typeof principal === 'object' && principal !== null
        ? (principal as { Service?: unknown }).Service
        : principal;
    return [services]
      .flat()
      .some(
        (service) => typeof service === 'string' && /^logs(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(service),
      );
  });
}
