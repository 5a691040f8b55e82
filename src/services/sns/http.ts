// HTTP/HTTPS subscribers: the POST SNS makes (its headers and content type), the SubscriptionConfirmation
// message, and the retry schedule of a delivery policy (by default 3 retries, 20 seconds apart).
// https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html
// https://docs.aws.amazon.com/sns/latest/dg/http-header.html
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html#creating-delivery-policy

import { createHash } from 'node:crypto';

/** SNS gives an endpoint 15 seconds to answer before it counts the attempt as failed. */
const TIMEOUT_MS = 15_000;

export interface HttpDelivery {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What went wrong with a POST: `retryable` for 5xx and network failures, not for other answers. */
export class HttpDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** POSTs the message; resolves on a 2xx answer, throws HttpDeliveryError otherwise. */
export async function post(delivery: HttpDelivery): Promise<void> {
  let response: Response;
  try {
    response = await fetch(delivery.url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    await response.arrayBuffer();
  } catch (error) {
    throw new HttpDeliveryError(`POST ${delivery.url} failed: ${(error as Error).message}`, true);
  }
  if (response.status >= 200 && response.status < 300) return;
  // SNS retries server-side errors only; a 4xx is the endpoint refusing the message.
  throw new HttpDeliveryError(`POST ${delivery.url} answered ${response.status}`, response.status >= 500);
}

/** The headers SNS sends with every message. https://docs.aws.amazon.com/sns/latest/dg/http-header.html */
export function snsHeaders(options: {
  type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  messageId: string;
  topicArn: string;
  subscriptionArn?: string;
  raw?: boolean;
  contentType?: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'text/plain; charset=UTF-8',
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': options.type,
    'x-amz-sns-message-id': options.messageId,
    'x-amz-sns-topic-arn': options.topicArn,
  };
  if (options.subscriptionArn !== undefined) headers['x-amz-sns-subscription-arn'] = options.subscriptionArn;
  if (options.raw) headers['x-amz-sns-rawdelivery'] = 'true';
  return headers;
}

/** The SubscriptionConfirmation JSON, laid out as SNS lays its messages out. */
export function confirmationMessage(options: {
  messageId: string;
  token: string;
  topicArn: string;
  region: string;
  timestamp: number;
  host: string;
}): string {
  const subscribeUrl = `http://${options.host}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(
    options.topicArn,
  )}&Token=${options.token}`;
  const message = `You have chosen to subscribe to the topic ${options.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
  const digest = createHash('sha1').update(`${options.messageId}\n${options.token}`).digest();
  const fields: [string, string][] = [
    ['Type', 'SubscriptionConfirmation'],
    ['MessageId', options.messageId],
    ['Token', options.token],
    ['TopicArn', options.topicArn],
    ['Message', message],
    ['SubscribeURL', subscribeUrl],
    ['Timestamp', new Date(options.timestamp).toISOString()],
    ['SignatureVersion', '1'],
    ['Signature', Buffer.concat(Array.from({ length: 7 }, () => digest)).toString('base64')],
    ['SigningCertURL', `https://sns.${options.region}.amazonaws.com/SimpleNotificationService-nimbus.pem`],
  ];
  return `{\n${fields.map(([name, value]) => `  ${JSON.stringify(name)} : ${JSON.stringify(value)}`).join(',\n')}\n}`;
}

interface HealthyRetryPolicy {
  minDelayTarget?: number;
  maxDelayTarget?: number;
  numRetries?: number;
  numNoDelayRetries?: number;
  numMinDelayRetries?: number;
  numMaxDelayRetries?: number;
  backoffFunction?: string;
}

/**
 * The delays (ms) before each retry under a delivery policy: the immediate phase, the pre-backoff phase at
 * the minimum delay, the backoff phase from minimum to maximum, the post-backoff phase at the maximum.
 * `subscriptionPolicy` is the subscription's DeliveryPolicy (`healthyRetryPolicy`), `topicPolicy` the
 * topic's (`http.defaultHealthyRetryPolicy`); the subscription's wins.
 */
export function httpRetryDelays(subscriptionPolicy?: string, topicPolicy?: string): number[] {
  const policy: HealthyRetryPolicy =
    readPolicy(subscriptionPolicy, (p) => p.healthyRetryPolicy) ??
    readPolicy(
      topicPolicy,
      (p) => (p.http as Record<string, unknown> | undefined)?.defaultHealthyRetryPolicy,
    ) ??
    {};
  const min = (policy.minDelayTarget ?? 20) * 1000;
  const max = Math.max(min, (policy.maxDelayTarget ?? 20) * 1000);
  const total = policy.numRetries ?? 3;
  const none = policy.numNoDelayRetries ?? 0;
  const atMin = policy.numMinDelayRetries ?? 0;
  const atMax = policy.numMaxDelayRetries ?? 0;
  const backoff = Math.max(0, total - none - atMin - atMax);
  const delays: number[] = [];
  for (let i = 0; i < none; i++) delays.push(0);
  for (let i = 0; i < atMin; i++) delays.push(min);
  for (let i = 0; i < backoff; i++) {
    const fraction = backoff === 1 ? 1 : i / (backoff - 1);
    const delay =
      policy.backoffFunction === 'exponential' || policy.backoffFunction === 'geometric'
        ? min * (max / min) ** fraction
        : min + (max - min) * fraction;
    delays.push(Math.round(delay));
  }
  for (let i = 0; i < atMax; i++) delays.push(max);
  return delays.slice(0, total);
}

function readPolicy(
  text: string | undefined,
  pick: (policy: Record<string, unknown>) => unknown,
): HealthyRetryPolicy | undefined {
  if (!text) return undefined;
  try {
    const value = pick(JSON.parse(text) as Record<string, unknown>);
    return value && typeof value === 'object' ? (value as HealthyRetryPolicy) : undefined;
  } catch {
    return undefined;
  }
}

/** `requestPolicy.headerContentType` of a delivery policy, if any. */
export function policyContentType(subscriptionPolicy?: string, topicPolicy?: string): string | undefined {
  const read = (text: string | undefined, pick: (p: Record<string, unknown>) => unknown) => {
    if (!text) return undefined;
    try {
      const value = pick(JSON.parse(text) as Record<string, unknown>);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return (
    read(
      subscriptionPolicy,
      (p) => (p.requestPolicy as Record<string, unknown> | undefined)?.headerContentType,
    ) ??
    read(topicPolicy, (p) => {
      const http = p.http as Record<string, unknown> | undefined;
      return (http?.defaultRequestPolicy as Record<string, unknown> | undefined)?.headerContentType;
    })
  );
}
