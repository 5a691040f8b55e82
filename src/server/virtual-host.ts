// S3's virtual-hosted-style addressing: `my-bucket.localhost:4566/key` names the bucket in the Host.
// The bucket is moved into the path (`/my-bucket/key`) so one URI template serves both styles.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html

/** Domains under which a host's first labels are a bucket name, unless configured otherwise. */
export const DEFAULT_BUCKET_DOMAINS: readonly string[] = [
  'localhost',
  's3.localhost.localstack.cloud',
  'localhost.localstack.cloud',
  's3.amazonaws.com',
];

/** The bucket a Host header names (`photos.s3.localhost.localstack.cloud:4566` → `photos`), if any.
 * Longer domains are tried first, so `b.s3.localhost.localstack.cloud` is bucket `b`, not `b.s3`. */
export function bucketFromHost(host: string | undefined, domains: readonly string[]): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  // The S3 endpoint itself (`s3.localhost.localstack.cloud`) names no bucket, though it ends in another
  // domain of the list (`localhost.localstack.cloud`).
  if (domains.includes(name)) return undefined;
  for (const domain of longestFirst(domains)) {
    if (name.length > domain.length + 1 && name.endsWith(`.${domain}`)) {
      return name.slice(0, name.length - domain.length - 1);
    }
  }
  return undefined;
}

const sorted = new WeakMap<readonly string[], readonly string[]>();

function longestFirst(domains: readonly string[]): readonly string[] {
  let result = sorted.get(domains);
  if (!result) {
    result = [...domains].sort((a, b) => b.length - a.length);
    sorted.set(domains, result);
  }
  return result;
}
