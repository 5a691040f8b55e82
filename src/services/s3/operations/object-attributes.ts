// GetObjectAttributes: the ETag (unquoted), checksum, parts, storage class and size of an object, as many
// of them as `x-amz-object-attributes` asks for, without its body.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { httpDate } from '../objects.js';
import { bucketLabel, checksumMembers, keyLabel } from '../shapes.js';
import { operation } from './operation.js';

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'];

export const getObjectAttributes = operation({
  http: { method: 'GET', uri: '/{Bucket}/{Key+}?attributes' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
    ObjectAttributes: s.optional(s.string(), { header: 'x-amz-object-attributes' }),
    MaxParts: s.optional(s.integer(), { header: 'x-amz-max-parts' }),
    PartNumberMarker: s.optional(s.integer(), { header: 'x-amz-part-number-marker' }),
  }),
  output: s.structure({
    LastModified: s.optional(s.string(), { header: 'Last-Modified' }),
    VersionId: s.optional(s.string(), { header: 'x-amz-version-id' }),
    GetObjectAttributesOutput: s.optional(
      s.structure({
        ETag: s.optional(s.string()),
        Checksum: s.optional(
          s.structure({
            ...checksumMembers,
            ChecksumType: s.optional(s.string()),
          }),
        ),
        ObjectParts: s.optional(
          s.structure({
            TotalPartsCount: s.optional(s.integer(), 'PartsCount'),
            PartNumberMarker: s.optional(s.integer()),
            NextPartNumberMarker: s.optional(s.integer()),
            MaxParts: s.optional(s.integer()),
            IsTruncated: s.optional(s.boolean()),
            Parts: s.optional(
              s.list(s.structure({ PartNumber: s.optional(s.integer()), Size: s.optional(s.integer()) }), {
                flattened: true,
              }),
              'Part',
            ),
          }),
        ),
        StorageClass: s.optional(s.string()),
        ObjectSize: s.optional(s.integer()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3) {
    const wanted = (input.ObjectAttributes ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = wanted.find((name) => !ATTRIBUTES.includes(name));
    if (wanted.length === 0 || unknown !== undefined) {
      throw new ServiceError('InvalidArgument', 'Invalid attribute name specified.', {
        fields: { ArgumentName: 'x-amz-object-attributes', ArgumentValue: unknown ?? '' },
      });
    }
    const object = s3.requireObject(input.Bucket, input.Key, input.VersionId);
    const { meta } = object;
    const checksums = Object.fromEntries(
      Object.entries(meta.checksums ?? {}).map(([algorithm, value]) => [
        `Checksum${algorithm}`,
        value.replace(/-\d+$/, ''),
      ]),
    );
    const sizes = meta.partSizes;
    const marker = input.PartNumberMarker ?? 0;
    const maxParts = input.MaxParts ?? 1000;
    const parts = (sizes ?? [])
      .map((size, index) => ({ PartNumber: index + 1, Size: size }))
      .filter((part) => part.PartNumber > marker);
    const page = parts.slice(0, maxParts);
    const result: Record<string, unknown> = {};
    if (wanted.includes('ETag')) result.ETag = object.etag.replace(/"/g, '');
    if (wanted.includes('Checksum') && meta.checksums)
      result.Checksum = { ...checksums, ChecksumType: meta.checksumType };
    if (wanted.includes('ObjectParts') && sizes) {
      result.ObjectParts = {
        TotalPartsCount: sizes.length,
        PartNumberMarker: marker,
        NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.PartNumber : undefined,
        MaxParts: maxParts,
        IsTruncated: parts.length > page.length,
        Parts: page,
      };
    }
    if (wanted.includes('StorageClass')) result.StorageClass = object.storageClass;
    if (wanted.includes('ObjectSize')) result.ObjectSize = object.size;
    return {
      LastModified: httpDate(object.lastModified),
      VersionId: object.versionId === 'null' ? undefined : object.versionId,
      GetObjectAttributesOutput: result,
    };
  },
});
