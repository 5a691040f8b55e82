// PreSignUp: refuses sign-ups from disposable-mail domains before Cognito creates the user. The client
// sees UserLambdaValidationException "PreSignUp failed with error <message>.".
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html

import type { PreSignUpTriggerEvent } from 'aws-lambda';

const DISPOSABLE_DOMAINS = new Set(['mailinator.com', 'guerrillamail.com', 'trashmail.com', 'yopmail.com']);

export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  const domain = (event.request.userAttributes.email ?? '').split('@').pop()?.toLowerCase() ?? '';
  if (DISPOSABLE_DOMAINS.has(domain)) throw new Error(`Sign-ups from ${domain} are not accepted`);
  return event;
};
