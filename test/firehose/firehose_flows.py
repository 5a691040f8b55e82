"""Firehose through boto3, as Python applications use it: run by test/firehose/boto3.test.ts against a
fresh Nimbus (--endpoint URL); prints one JSON line with the failed expectations."""

import gzip
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/firehose-role"


def main():
    flow = Flow()
    firehose = flow.client("firehose")
    s3 = flow.client("s3", s3={"addressing_style": "path"})
    expect, error_code, advance = flow.expect, flow.error_code, flow.advance

    s3.create_bucket(Bucket="py-events")
    arn = firehose.create_delivery_stream(
        DeliveryStreamName="py-events",
        ExtendedS3DestinationConfiguration={
            "RoleARN": ROLE,
            "BucketARN": "arn:aws:s3:::py-events",
            "Prefix": "raw/",
            "CompressionFormat": "GZIP",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
        },
    )["DeliveryStreamARN"]
    expect("arn", arn, "arn:aws:firehose:us-east-1:000000000000:deliverystream/py-events")
    advance(2000)
    description = firehose.describe_delivery_stream(DeliveryStreamName="py-events")["DeliveryStreamDescription"]
    expect("status", description["DeliveryStreamStatus"], "ACTIVE")
    expect("create timestamp is a datetime", type(description["CreateTimestamp"]).__name__, "datetime")

    firehose.put_record(DeliveryStreamName="py-events", Record={"Data": b'{"n": 0}\n'})
    batch = firehose.put_record_batch(
        DeliveryStreamName="py-events", Records=[{"Data": f'{{"n": {i}}}\n'.encode()} for i in range(1, 10)]
    )
    expect("failed put count", batch["FailedPutCount"], 0)
    expect("responses", len(batch["RequestResponses"]), 9)
    advance(60000)

    body = None
    for _ in range(200):
        listed = s3.list_objects_v2(Bucket="py-events", Prefix="raw/").get("Contents", [])
        if listed:
            body = gzip.decompress(s3.get_object(Bucket="py-events", Key=listed[0]["Key"])["Body"].read()).decode()
            expect("key ends with .gz", listed[0]["Key"].endswith(".gz"), True)
            break
        urllib.request.urlopen(f"{flow.endpoint}/_nimbus/health").read()
    expect("delivered lines", body, "".join(f'{{"n": {i}}}\n' for i in range(10)))

    expect("unknown stream", error_code(lambda: firehose.describe_delivery_stream(DeliveryStreamName="nope")), "ResourceNotFoundException")
    expect(
        "duplicate stream",
        error_code(
            lambda: firehose.create_delivery_stream(
                DeliveryStreamName="py-events",
                S3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::py-events"},
            )
        ),
        "ResourceInUseException",
    )
    try:
        firehose.describe_delivery_stream(DeliveryStreamName="nope")
    except firehose.exceptions.ResourceNotFoundException as error:
        expect("modeled exception message", error.response["Error"]["Message"], "Firehose nope under account 000000000000 not found.")
    expect("listed", firehose.list_delivery_streams()["DeliveryStreamNames"], ["py-events"])
    flow.report()


main()
