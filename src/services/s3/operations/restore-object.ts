// RestoreObject: a temporary readable copy of an archived (GLACIER, DEEP_ARCHIVE) object for `Days`, ready
// after the tier's restore time on the cloud's clock (restores.ts). The first request answers 202, a
// request once the copy exists 200 (and moves its expiry), one while in progress 409.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { isArchived, type RestoreTier } from '../restores.js';
import { bucketLabel, keyLabel } from '../shapes.js';
import { eventFor, operation } from './operation.js';

const tier = s.optional(s.string({ enum: ['Expedited', 'Standard', 'Bulk'] }));

export const restoreObject = operation({
  http: { method: 'POST', uri: '/{Bucket}/{Key+}?restore', code: 202 },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
    RestoreRequest: s.optional(
      s.structure({
        Days: s.optional(s.integer({ min: 1 })),
        GlacierJobParameters: s.optional(s.structure({ Tier: tier })),
        Tier: tier,
        Type: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  output: s.structure({ StatusCode: s.optional(s.integer(), { statusCode: true }) }),
  run(input, s3, ctx) {
    const object = s3.requireObject(input.Bucket, input.Key, input.VersionId);
    if (!isArchived(object.storageClass)) {
      throw new ServiceError(
        'InvalidObjectState',
        "The operation is not valid for the object's storage class",
        { fields: { StorageClass: object.storageClass } },
      );
    }
    const request = input.RestoreRequest;
    if (request?.Type !== undefined) {
      throw new ServiceError('NotImplemented', 'Restore requests of type SELECT are not implemented.');
    }
    // Standard is the default tier when none is given (API_GlacierJobParameters.html).
    const chosen = (request?.GlacierJobParameters?.Tier ?? request?.Tier ?? 'Standard') as RestoreTier;
    const status = s3.restores.request(
      object,
      chosen,
      request?.Days ?? 1,
      eventFor(ctx, 'ObjectRestore:Post'),
    );
    return { StatusCode: status };
  },
});
