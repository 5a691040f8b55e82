// PostConfirmation: the confirmed user's profile, written once as the table's User entity. Its insert on
// the stream is the UserCreated event the welcome consumer filters on.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { keys, type User, userTypeOf } from '../entities.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  // A confirmed password reset also runs this trigger; only a new sign-up makes a profile.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const attributes = event.request.userAttributes;
  const user: User = {
    ...keys.user(attributes.sub!),
    entityType: 'User',
    id: attributes.sub!,
    email: attributes.email!,
    name: attributes.name ?? attributes.email!,
    userType: userTypeOf(attributes.email),
    createdAt: new Date().toISOString(),
  };
  try {
    await db.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: user,
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    // Cognito retries a trigger that times out: the profile written by the first attempt stays.
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  return event;
};
