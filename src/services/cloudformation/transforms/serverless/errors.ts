// The errors of the SAM transform, worded as AWS's translator words them (InvalidResourceException,
// InvalidEventException, InvalidDocumentException), and the ValidationError CloudFormation wraps them in.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html

import { ServiceError } from '../../../../core/errors.js';

export const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A problem with one resource: `Resource with id [F] is invalid. <message>`. */
export class InvalidResource extends Error {
  constructor(
    readonly logicalId: string,
    readonly reason: string,
  ) {
    super(`Resource with id [${logicalId}] is invalid. ${reason}`);
  }
}

/** A problem with one event of a function: `Event with id [E] is invalid. <message>`; the function wraps it. */
export class InvalidEvent extends Error {
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`Event with id [${eventId}] is invalid. ${reason}`);
  }
}

/** A problem with a section of the template (Globals): `'Globals' section is invalid. <message>`. */
export class InvalidSection extends Error {
  constructor(section: string, reason: string) {
    super(`'${section}' section is invalid. ${reason}`);
  }
}

/** Every problem found, in one ValidationError as CloudFormation reports a failed transform. */
export function documentError(causes: readonly string[]): ServiceError {
  const unique = [...new Set(causes)];
  return new ServiceError(
    'ValidationError',
    `Transform ${SERVERLESS_TRANSFORM} failed with: Invalid Serverless Application Specification document. ` +
      `Number of errors found: ${unique.length}. ${unique.join(' ')}`,
  );
}

/** The wording for a feature SAM has and Nimbus does not serve. */
export function notServed(what: string): string {
  return `${what} is not supported by Nimbus yet.`;
}
