// PreTokenGeneration: adds `user_type` (test or customer) to the ID token, so the API and the apps can
// tell QA accounts apart without a lookup.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html

import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { userTypeOf } from '../entities.js';

export const handler = async (
  event: PreTokenGenerationTriggerEvent,
): Promise<PreTokenGenerationTriggerEvent> => {
  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: { user_type: userTypeOf(event.request.userAttributes.email) },
  };
  return event;
};
