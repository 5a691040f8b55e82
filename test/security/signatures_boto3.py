"""SigV4 verification through boto3: run by signatures-boto3.test.ts against a cloud started with
verifySignatures. Prints one JSON line of observations; the test asserts them."""

import json
import sys
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[sys.argv.index("--endpoint") + 1]
config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})


def client(service, key="test", secret="test", token=None):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=config,
    )


def code_of(call):
    try:
        call()
        return "ok"
    except ClientError as error:
        return error.response["Error"]["Code"]


def status_of(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


out = {}
iam = client("iam")
iam.create_user(UserName="py")
key = iam.create_access_key(UserName="py")["AccessKey"]
out["user_arn"] = client("sts", key["AccessKeyId"], key["SecretAccessKey"]).get_caller_identity()["Arn"]
out["wrong_secret_sts"] = code_of(lambda: client("sts", key["AccessKeyId"], "nope").get_caller_identity())
out["wrong_secret_dynamodb"] = code_of(lambda: client("dynamodb", "test", "nope").list_tables())
s3 = client("s3")
s3.create_bucket(Bucket="py-bucket")
s3.put_object(Bucket="py-bucket", Key="a b/c.txt", Body=b"boto3 body")
out["get_object"] = s3.get_object(Bucket="py-bucket", Key="a b/c.txt")["Body"].read().decode()
url = s3.generate_presigned_url("get_object", Params={"Bucket": "py-bucket", "Key": "a b/c.txt"}, ExpiresIn=300)
out["presigned"] = status_of(url)
# botocore presigns S3 with SigV2 here (AWSAccessKeyId, Signature, Expires); SigV4 when asked.
out["presigned_tampered"] = status_of(url.replace("c.txt", "d.txt"))[0]
v4 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
)
v4_url = v4.generate_presigned_url("get_object", Params={"Bucket": "py-bucket", "Key": "a b/c.txt"}, ExpiresIn=300)
out["presigned_v4"] = status_of(v4_url)[0]
out["presigned_v4_tampered"] = status_of(v4_url.replace("X-Amz-Signature=", "X-Amz-Signature=0"))[0]
user_s3 = client("s3", key["AccessKeyId"], key["SecretAccessKey"])
out["user_put"] = code_of(lambda: user_s3.put_object(Bucket="py-bucket", Key="u", Body=b"x" * 70000))
out["wrong_secret_s3"] = code_of(lambda: client("s3", "test", "nope").get_object(Bucket="py-bucket", Key="u"))
sqs = client("sqs")
url = sqs.create_queue(QueueName="py-queue")["QueueUrl"]
sqs.send_message(QueueUrl=url, MessageBody="héllo")
out["sqs_received"] = sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"]
print(json.dumps(out))
