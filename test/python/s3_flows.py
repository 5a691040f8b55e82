"""S3 flows through boto3, run by test/s3-clients.test.ts.

Usage: s3_flows.py ENDPOINT WORKDIR
Prints one JSON line: {"failures": [...], "error": "traceback or null"} and exits 0.
upload_file/download_file switch to multipart above 8 MiB (boto3's default threshold), so the 20 MiB
file goes through CreateMultipartUpload/UploadPart/CompleteMultipartUpload and ranged GETs.
"""

import hashlib
import json
import os
import sys
import traceback

import boto3
import botocore.config
from botocore.exceptions import ClientError


def main():
    endpoint, workdir = sys.argv[1], sys.argv[2]
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=botocore.config.Config(s3={"addressing_style": "path"}),
    )
    try:
        s3.create_bucket(Bucket="boto-bucket")
        big = os.path.join(workdir, "big.bin")
        with open(big, "wb") as f:
            for i in range(20):
                f.write(bytes([i]) * (1024 * 1024))
        s3.upload_file(big, "boto-bucket", "big.bin")
        head = s3.head_object(Bucket="boto-bucket", Key="big.bin")
        expect(head["ContentLength"] == 20 * 1024 * 1024, f"size {head['ContentLength']}")
        expect(head["ETag"].endswith('-3"'), f"multipart etag {head['ETag']}")
        back = os.path.join(workdir, "back.bin")
        s3.download_file("boto-bucket", "big.bin", back)
        with open(big, "rb") as a, open(back, "rb") as b:
            expect(hashlib.md5(a.read()).digest() == hashlib.md5(b.read()).digest(), "downloaded bytes differ")
        put = s3.put_object(Bucket="boto-bucket", Key="small.txt", Body=b"hi there", ChecksumAlgorithm="SHA256")
        expect(put["ETag"] == '"' + hashlib.md5(b"hi there").hexdigest() + '"', f"etag {put['ETag']}")
        got = s3.get_object(Bucket="boto-bucket", Key="small.txt", ChecksumMode="ENABLED")
        expect(got["Body"].read() == b"hi there", "small body")
        expect("ChecksumSHA256" in got, "sha256 returned")
        listed = s3.list_objects_v2(Bucket="boto-bucket")
        expect([o["Key"] for o in listed.get("Contents", [])] == ["big.bin", "small.txt"], f"listed {listed.get('Contents')}")
        try:
            s3.get_object(Bucket="boto-bucket", Key="absent")
            failures.append("absent key did not fail")
        except ClientError as error:
            expect(error.response["Error"]["Code"] == "NoSuchKey", f"code {error.response['Error']}")
        try:
            s3.get_object(Bucket="boto-bucket", Key="small.txt", Range="bytes=100-200")
            failures.append("bad range did not fail")
        except ClientError as error:
            expect(error.response["Error"]["Code"] == "InvalidRange", f"range code {error.response['Error']}")
            expect(error.response["ResponseMetadata"]["HTTPStatusCode"] == 416, "range status")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto-bucket", "Key": "small.txt"}, ExpiresIn=60)
        import urllib.request

        with urllib.request.urlopen(url) as response:
            expect(response.read() == b"hi there", "presigned body")
        print(json.dumps({"failures": failures, "error": None}))
    except Exception:
        print(json.dumps({"failures": failures, "error": traceback.format_exc()}))


main()
