// RestoreObject: a temporary readable copy of an archived (GLACIER, DEEP_ARCHIVE) object for `Days`.
// S3 takes minutes to hours to restore; Nimbus restores at once (the first request answers 202, a repeat
// while the copy lasts 200, as S3 does). https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { bucketLabel, keyLabel } from '../shapes.js';
import { operation } from './operation.js';

const DAY = 86_400_000;

export const restoreObject = operation({
  http: { method: 'POST', uri: '/{Bucket}/{Key+}?restore', code: 202 },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
    RestoreRequest: s.optional(s.structure({ Days: s.optional(s.integer({ min: 1 })) }), { payload: true }),
  }),
  output: s.structure({ StatusCode: s.optional(s.integer(), { statusCode: true }) }),
  run(input, s3) {
    const object = s3.requireObject(input.Bucket, input.Key, input.VersionId);
    if (object.storageClass !== 'GLACIER' && object.storageClass !== 'DEEP_ARCHIVE') {
      throw new ServiceError(
        'InvalidObjectState',
        "The operation is not valid for the object's storage class",
        {
          fields: { StorageClass: object.storageClass },
        },
      );
    }
    const now = s3.clock.now();
    const restored = (object.meta.restoreExpiry ?? 0) > now;
    const days = input.RestoreRequest?.Days ?? 1;
    s3.setObjectMeta(object, { ...object.meta, restoreExpiry: now + days * DAY });
    return { StatusCode: restored ? 200 : 202 };
  },
});
