// What a function URL sends its function and makes of the answer: the payload format 2.0 event (built by
// src/lib/payload-v2.ts, which API Gateway HTTP APIs share) with what is a function URL's own — the url-id
// as API id, the `$default` route and stage, the IAM caller — and the HTTP response read from the result.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html

import type { MountRequest, MountResponse } from '../../core/service.js';
import { payloadV2Event, payloadV2Response } from '../../lib/payload-v2.js';

/** The IAM caller of an AWS_IAM URL, as `requestContext.authorizer.iam` describes it. */
export interface IamCaller {
  readonly accessKey: string;
  readonly accountId: string;
}

export interface UrlTarget {
  readonly urlId: string;
  /** The path the function sees (`/items/1`): the request's own on the host form, the part after the
   * url-id on the path form. */
  readonly rawPath: string;
  /** The URL's host as AWS names it, port aside. */
  readonly domainName: string;
}

/** The request as the function receives it (the example event on the invocation page, member for member). */
export function urlEvent(
  request: MountRequest,
  target: UrlTarget,
  now: number,
  caller: IamCaller | undefined,
): Record<string, unknown> {
  return payloadV2Event(
    request,
    {
      routeKey: '$default',
      rawPath: target.rawPath,
      stage: '$default',
      apiId: target.urlId,
      accountId: caller ? caller.accountId : 'anonymous',
      domainName: target.domainName,
      domainPrefix: target.urlId,
      authorizer: caller ? { iam: iamAuthorizer(caller) } : undefined,
    },
    now,
  );
}

/** The HTTP answer for a function's result (payload 2.0's rules); undefined is Lambda's bare 502. */
export function urlResponse(payload: Buffer): MountResponse | undefined {
  return payloadV2Response(payload);
}

function iamAuthorizer(caller: IamCaller): Record<string, unknown> {
  return {
    accessKey: caller.accessKey,
    accountId: caller.accountId,
    callerId: caller.accountId,
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: `arn:aws:iam::${caller.accountId}:root`,
    userId: caller.accountId,
  };
}
