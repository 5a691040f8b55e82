// Reading the SigV4 credential scope (access key, date, region, service) from a request.
// Nimbus does not verify signatures (any credentials work, as with other local clouds); it reads the
// scope to route the request and to pick the account and region.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** From `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, ...`
 * or a presigned URL's `X-Amz-Credential`. */
export function readCredentialScope(
  authorization: string | undefined,
  search: URLSearchParams,
): CredentialScope | undefined {
  let credential: string | undefined;
  if (authorization) {
    const match = /Credential=([^,\s]+)/.exec(authorization);
    credential = match?.[1];
  }
  credential ??= search.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  const [accessKeyId, date, region, service] = credential.split('/');
  if (!accessKeyId || !date || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}
