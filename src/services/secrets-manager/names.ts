// Secret names and ARNs: the name's character set, the ARN with its six random characters, and how a
// SecretId (a name, a full ARN or a partial ARN) is read.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#API_CreateSecret_RequestSyntax
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen

import { randomInt } from 'node:crypto';
import { parseArn } from '../../core/arn.js';

/** "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-" */
const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function isValidSecretName(name: string): boolean {
  return NAME.test(name);
}

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random alphanumerics>`. */
export function newSecretArn(account: string, region: string, name: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
}

/** What a SecretId names: a full ARN (looked up as is), else the name a partial ARN (one without the
 * random suffix) or a plain name gives. A full ARN that matches no secret is also tried as a partial one,
 * since a name may itself end in a hyphen and six characters (the troubleshooting page's warning). */
export type SecretReference =
  | { readonly kind: 'name'; readonly name: string }
  | {
      readonly kind: 'arn';
      readonly arn: string;
      readonly account: string;
      readonly region: string;
      /** The ARN's resource after `secret:`: the name, if this is a partial ARN. */
      readonly name: string;
    };

export function parseSecretId(secretId: string): SecretReference {
  if (!secretId.startsWith('arn:')) return { kind: 'name', name: secretId };
  const arn = parseArn(secretId);
  const resource = arn?.service === 'secretsmanager' ? arn.resource : '';
  const name = resource.startsWith('secret:') ? resource.slice('secret:'.length) : '';
  return { kind: 'arn', arn: secretId, account: arn?.account ?? '', region: arn?.region ?? '', name };
}
