// The emails and text messages a pool would send (verification codes, temporary passwords, forgot-password
// codes), never sent: each is recorded with its code for tests and the CLI to read
// (GET /_nimbus/cognito-idp/messages), after the CustomMessage trigger has had its say, and answered to
// the caller as the masked CodeDeliveryDetails AWS returns.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html

import { attributeOf, attributesOf, type CognitoIdp, type Pool } from '../cognito.js';
import type { UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

export type MessageKind =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'Authentication';

/** Where a code for this user goes: `attribute` if named, else the pool's auto-verified email, then
 * phone (SignUp), else whichever the user has (ForgotPassword's recovery order). */
export function deliveryFor(pool: Pool, user: UserRow, attribute?: string): CodeDeliveryDetails | undefined {
  const candidates = attribute
    ? [attribute]
    : (pool.doc.AutoVerifiedAttributes ?? []).length > 0
      ? ['email', 'phone_number'].filter((name) => pool.doc.AutoVerifiedAttributes?.includes(name))
      : [];
  for (const name of candidates) {
    const value = attributeOf(user, name);
    if (value) return details(name, value);
  }
  return undefined;
}

/** ForgotPassword's channel: the pool's recovery mechanisms in priority order, verified values only. */
export function recoveryDelivery(pool: Pool, user: UserRow): CodeDeliveryDetails | undefined {
  const mechanisms = pool.doc.AccountRecoverySetting?.RecoveryMechanisms ?? [
    { Priority: 1, Name: 'verified_email' },
    { Priority: 2, Name: 'verified_phone_number' },
  ];
  for (const mechanism of [...mechanisms].sort((a, b) => a.Priority - b.Priority)) {
    const name = mechanism.Name.replace(/^verified_/, '');
    if (name === 'admin_only') continue;
    const value = attributeOf(user, name);
    if (value && attributeOf(user, `${name}_verified`) === 'true') return details(name, value);
  }
  return undefined;
}

/** Records the message carrying `code` (the CustomMessage trigger may rewrite it) and answers its details. */
export async function sendCode(
  cognito: CognitoIdp,
  pool: Pool,
  user: UserRow,
  delivery: CodeDeliveryDetails,
  kind: MessageKind,
  code: string,
  options: { clientId?: string; clientMetadata?: Record<string, string>; temporaryPassword?: string } = {},
): Promise<CodeDeliveryDetails> {
  const template = templateFor(pool, kind, delivery.DeliveryMedium);
  let message = template.message;
  let subject = template.subject;
  const custom = await runTrigger(cognito, pool, 'CustomMessage', {
    triggerSource: `CustomMessage_${kind}`,
    userName: user.username,
    clientId: options.clientId,
    request: {
      userAttributes: Object.fromEntries(attributesOf(user).map(({ Name, Value }) => [Name, Value])),
      codeParameter: '{####}',
      linkParameter: '{##Click Here##}',
      ...(kind === 'AdminCreateUser' ? { usernameParameter: '{username}' } : {}),
      clientMetadata: options.clientMetadata ?? {},
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (custom) {
    const wanted = delivery.DeliveryMedium === 'EMAIL' ? custom.emailMessage : custom.smsMessage;
    if (typeof wanted === 'string' && wanted !== '') message = wanted;
    if (typeof custom.emailSubject === 'string' && custom.emailSubject !== '') subject = custom.emailSubject;
  }
  const secret = options.temporaryPassword ?? code;
  cognito.recordMessage({
    pool_id: pool.row.id,
    username: user.username,
    medium: delivery.DeliveryMedium,
    destination: attributeOf(user, delivery.AttributeName) ?? '',
    trigger_source: kind,
    code: secret,
    subject: delivery.DeliveryMedium === 'EMAIL' ? subject : null,
    message: message.replaceAll('{####}', secret).replaceAll('{username}', user.username),
  });
  return delivery;
}

function templateFor(
  pool: Pool,
  kind: MessageKind,
  medium: 'EMAIL' | 'SMS',
): { message: string; subject: string } {
  const doc = pool.doc;
  if (kind === 'AdminCreateUser') {
    const invite = doc.AdminCreateUserConfig.InviteMessageTemplate ?? {};
    return {
      message:
        (medium === 'EMAIL' ? invite.EmailMessage : invite.SMSMessage) ??
        'Your username is {username} and temporary password is {####}. ',
      subject: invite.EmailSubject ?? 'Your temporary password',
    };
  }
  if (kind === 'Authentication') {
    // MFA codes: the pool's SmsAuthenticationMessage, or EmailMfaConfiguration's message and subject.
    const email = (doc.EmailMfaConfiguration as { Message?: string; Subject?: string } | null) ?? {};
    return medium === 'EMAIL'
      ? {
          message: email.Message ?? 'Your authentication code is {####}. ',
          subject: email.Subject ?? 'Your authentication code',
        }
      : { message: doc.SmsAuthenticationMessage ?? 'Your authentication code is {####}. ', subject: '' };
  }
  const template = doc.VerificationMessageTemplate;
  return {
    message:
      (medium === 'EMAIL'
        ? (template.EmailMessage ?? doc.EmailVerificationMessage)
        : (template.SmsMessage ?? doc.SmsVerificationMessage)) ?? 'Your verification code is {####}. ',
    subject: template.EmailSubject ?? doc.EmailVerificationSubject ?? 'Your verification code',
  };
}

/** AWS masks destinations: `a***@e***` and `+*******1234`. */
function details(name: string, value: string): CodeDeliveryDetails {
  if (name === 'email') {
    const [local = '', domain = ''] = value.split('@');
    return {
      Destination: `${local[0] ?? ''}***@${domain[0] ?? ''}***`,
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    };
  }
  return { Destination: `+*******${value.slice(-4)}`, DeliveryMedium: 'SMS', AttributeName: name };
}
