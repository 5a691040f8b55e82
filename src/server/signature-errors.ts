// The errors AWS answers when a signature does not hold, in each protocol's wording: S3's XML codes,
// the query services' (SQS, SNS, IAM, STS) and the JSON services' (DynamoDB, Lambda, Kinesis, …).
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html

import { ServiceError } from '../core/errors.js';

/** How a protocol words authentication failures: S3, the awsQuery services, awsJson, or REST-JSON (403s). */
export type ErrorFlavor = 's3' | 'query' | 'json' | 'rest-json';

export type AuthFailure =
  | 'malformed'
  | 'scopeDate'
  | 'unknownKey'
  | 'badToken'
  | 'expiredToken'
  | 'badExpires'
  | 'presignExpired'
  | 'skewPast'
  | 'skewFuture'
  | 'mismatch';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** `detail` carries what the message quotes (times as `signed|now|now-15|now+15`, the scope date, …). */
export function authError(flavor: ErrorFlavor, failure: AuthFailure, detail = ''): ServiceError {
  if (flavor === 's3') return s3Error(failure, detail);
  const query = flavor === 'query';
  const jsonStatus = flavor === 'rest-json' ? 403 : 400;
  const signatureCode = query ? 'SignatureDoesNotMatch' : 'InvalidSignatureException';
  const status = query ? 403 : jsonStatus;
  const [signed, now, earliest, latest] = detail.split('|');
  switch (failure) {
    case 'unknownKey':
    case 'badToken':
      return query
        ? new ServiceError('InvalidClientTokenId', INVALID_TOKEN, { status: 403 })
        : new ServiceError('UnrecognizedClientException', INVALID_TOKEN, { status: jsonStatus });
    case 'expiredToken':
      return query
        ? new ServiceError('ExpiredToken', 'The security token included in the request is expired', {
            status: 403,
          })
        : new ServiceError('ExpiredTokenException', 'The security token included in the request is expired', {
            status: jsonStatus,
          });
    case 'skewPast':
    case 'presignExpired':
      // Observed: "Signature expired: 20190101T000000Z is now earlier than 20190926T133000Z (20190926T134500Z - 15 min.)"
      return new ServiceError(
        signatureCode,
        `Signature expired: ${signed} is now earlier than ${earliest} (${now} - 15 min.)`,
        {
          status,
        },
      );
    case 'skewFuture':
      return new ServiceError(
        signatureCode,
        `Signature not yet current: ${signed} is still later than ${latest} (${now} + 15 min.)`,
        { status },
      );
    case 'scopeDate': {
      const [day, date] = detail.split('|');
      return new ServiceError(
        signatureCode,
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${date?.slice(0, 8)}', from '${date}'.`,
        { status },
      );
    }
    case 'mismatch':
      return new ServiceError(signatureCode, MISMATCH, { status });
    default:
      return new ServiceError(query ? 'IncompleteSignature' : 'IncompleteSignatureException', detail, {
        status: 400,
      });
  }
}

function s3Error(failure: AuthFailure, detail: string): ServiceError {
  const forbidden = (code: string, message: string) => new ServiceError(code, message, { status: 403 });
  switch (failure) {
    case 'unknownKey':
      return forbidden(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    case 'badToken':
      return forbidden('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    case 'expiredToken':
      return new ServiceError('ExpiredToken', 'The provided token has expired.', { status: 400 });
    case 'presignExpired':
      return forbidden('AccessDenied', 'Request has expired');
    case 'badExpires':
      return forbidden(
        'AuthorizationQueryParametersError',
        'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      );
    case 'skewPast':
    case 'skewFuture':
      return forbidden(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
    case 'scopeDate':
      return new ServiceError(
        'AuthorizationHeaderMalformed',
        'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
        { status: 400 },
      );
    case 'mismatch':
      return forbidden(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    default:
      return new ServiceError(
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; ${detail}`,
        {
          status: 400,
        },
      );
  }
}
