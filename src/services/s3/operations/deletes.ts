// DeleteObject and DeleteObjects.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { deleteObject as remove } from '../deletes.js';
import { bucketLabel, keyLabel } from '../shapes.js';
import { eventFor, operation } from './operation.js';

export const deleteObject = operation({
  http: { method: 'DELETE', uri: '/{Bucket}/{Key+}', code: 204 },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
    IfMatch: s.optional(s.string(), { header: 'If-Match' }),
  }),
  output: s.structure({
    DeleteMarker: s.optional(s.string(), { header: 'x-amz-delete-marker' }),
    VersionId: s.optional(s.string(), { header: 'x-amz-version-id' }),
  }),
  run(input, s3, ctx) {
    const event = (name: string) => eventFor(ctx, name);
    const result = remove(s3, input.Bucket, input.Key, input.VersionId, event, input.IfMatch);
    return {
      DeleteMarker: result.deleteMarker ? 'true' : undefined,
      VersionId: result.versionId === 'null' ? (input.VersionId ? 'null' : undefined) : result.versionId,
    };
  },
});

const deletedShape = s.structure({
  Key: s.optional(s.string()),
  VersionId: s.optional(s.string()),
  DeleteMarker: s.optional(s.boolean()),
  DeleteMarkerVersionId: s.optional(s.string()),
});
const errorShape = s.structure({
  Key: s.optional(s.string()),
  VersionId: s.optional(s.string()),
  Code: s.optional(s.string()),
  Message: s.optional(s.string()),
});

export const deleteObjects = operation({
  http: { method: 'POST', uri: '/{Bucket}?delete' },
  input: s.structure({
    Bucket: bucketLabel,
    Delete: s.required(
      s.structure({
        Objects: s.required(
          s.list(
            s.structure({
              Key: s.required(s.string()),
              VersionId: s.optional(s.string()),
              // A conditional delete of this object (If-Match for one entry).
              ETag: s.optional(s.string()),
            }),
            { flattened: true },
          ),
          'Object',
        ),
        Quiet: s.optional(s.boolean()),
      }),
      { payload: true },
    ),
  }),
  output: s.structure({
    DeleteResult: s.optional(
      s.structure({
        Deleted: s.optional(s.list(deletedShape, { flattened: true })),
        Errors: s.optional(s.list(errorShape, { flattened: true }), 'Error'),
      }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    const objects = input.Delete.Objects;
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html: up to 1,000 keys.
    if (objects.length > 1000)
      throw new ServiceError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const deleted: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    // The same key (and version) named twice is deleted once and reported once, as S3 does.
    const seen = new Set<string>();
    for (const item of objects) {
      const identity = `${item.Key}\u0000${item.VersionId ?? ''}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      try {
        const event = (name: string) => eventFor(ctx, name);
        const result = remove(s3, input.Bucket, item.Key, item.VersionId, event, item.ETag);
        if (input.Delete.Quiet) continue;
        deleted.push({
          Key: item.Key,
          VersionId: item.VersionId,
          DeleteMarker: result.deleteMarker ? true : undefined,
          // The marker created, or — deleting a delete marker by its version id — that marker's id.
          DeleteMarkerVersionId: result.deleteMarker ? (item.VersionId ?? result.versionId) : undefined,
        });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        errors.push({ Key: item.Key, VersionId: item.VersionId, Code: error.code, Message: error.message });
      }
    }
    return { DeleteResult: { Deleted: deleted, Errors: errors } };
  },
});
