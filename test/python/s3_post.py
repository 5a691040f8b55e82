"""S3 POST Object through boto3's generate_presigned_post and requests, run by test/s3-post-clients.test.ts.

Usage: s3_post.py ENDPOINT
Prints one JSON line: {"failures": [...], "error": "traceback or null"} and exits 0.
"""

import hashlib
import json
import sys
import traceback

import boto3
import botocore.config
import requests


def main():
    endpoint = sys.argv[1]
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    def client(**config):
        return boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=botocore.config.Config(s3={"addressing_style": "path"}, **config),
        )

    # SigV4 forms, as with signature_version="s3v4"; botocore signs with SigV2 by default for a custom
    # endpoint, which is checked at the end.
    s3 = client(signature_version="s3v4")
    try:
        bucket = "boto-post"
        s3.create_bucket(Bucket=bucket)

        # The plain form: 204, the object stored with its fields.
        post = s3.generate_presigned_post(
            bucket,
            "uploads/${filename}",
            Fields={"Content-Type": "text/csv", "x-amz-meta-source": "boto3"},
            Conditions=[
                {"Content-Type": "text/csv"},
                {"x-amz-meta-source": "boto3"},
                ["content-length-range", 1, 1024],
            ],
            ExpiresIn=300,
        )
        expect(post["url"] == endpoint + "/" + bucket, "url " + post["url"])
        content = b"a,b\n1,2\n"
        response = requests.post(post["url"], data=post["fields"], files={"file": ("data.csv", content)})
        expect(response.status_code == 204, "status %s %s" % (response.status_code, response.text))
        expect(response.headers.get("ETag") == '"%s"' % hashlib.md5(content).hexdigest(), "etag %s" % response.headers.get("ETag"))
        head = s3.head_object(Bucket=bucket, Key="uploads/data.csv")
        expect(head["ContentType"] == "text/csv", "content type %s" % head["ContentType"])
        expect(head["Metadata"] == {"source": "boto3"}, "metadata %s" % head["Metadata"])
        body = s3.get_object(Bucket=bucket, Key="uploads/data.csv")["Body"].read()
        expect(body == content, "body %r" % body)

        # 201 with the PostResponse document.
        created = s3.generate_presigned_post(
            bucket, "created.txt", Fields={"success_action_status": "201"}, Conditions=[{"success_action_status": "201"}]
        )
        response = requests.post(created["url"], data=created["fields"], files={"file": ("c.txt", b"created")})
        expect(response.status_code == 201, "201 status %s %s" % (response.status_code, response.text))
        expect("<Key>created.txt</Key>" in response.text, "201 body %s" % response.text)

        # A condition that fails, and a file too large for its range.
        response = requests.post(post["url"], data={**post["fields"], "Content-Type": "text/html"}, files={"file": ("x.csv", b"x")})
        expect(response.status_code == 403, "condition status %s" % response.status_code)
        expect("<Code>AccessDenied</Code>" in response.text, "condition body %s" % response.text)
        expect("Policy Condition failed: [&quot;eq&quot;, &quot;$Content-Type&quot;, &quot;text/csv&quot;]" in response.text
               or 'Policy Condition failed: ["eq", "$Content-Type", "text/csv"]' in response.text, "condition message %s" % response.text)
        response = requests.post(post["url"], data=post["fields"], files={"file": ("big.csv", b"x" * 2000)})
        expect(response.status_code == 400 and "<Code>EntityTooLarge</Code>" in response.text, "too large %s" % response.text)
        expect("<ProposedSize>2000</ProposedSize>" in response.text, "proposed size %s" % response.text)

        # A tampered signature.
        expect("x-amz-signature" in post["fields"], "sigv4 fields %s" % list(post["fields"]))
        fields = dict(post["fields"])
        fields["x-amz-signature"] = "0" * 64
        response = requests.post(post["url"], data=fields, files={"file": ("data.csv", content)})
        expect(response.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in response.text, "tampered %s" % response.text)

        # botocore's default (SigV2 for a custom endpoint): accepted when it holds, refused when tampered.
        v2 = client().generate_presigned_post(bucket, "v2.txt")
        expect("signature" in v2["fields"] and "AWSAccessKeyId" in v2["fields"], "sigv2 fields %s" % list(v2["fields"]))
        response = requests.post(v2["url"], data=v2["fields"], files={"file": ("v2.txt", b"v2")})
        expect(response.status_code == 204, "sigv2 status %s %s" % (response.status_code, response.text))
        tampered = {**v2["fields"], "signature": "AAAA" + v2["fields"]["signature"][4:]}
        response = requests.post(v2["url"], data=tampered, files={"file": ("v2.txt", b"v2")})
        expect(response.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in response.text, "sigv2 tampered %s" % response.text)

        # A redirect after the upload.
        redirect = s3.generate_presigned_post(
            bucket,
            "redirected",
            Fields={"success_action_redirect": "http://app.test/done"},
            Conditions=[{"success_action_redirect": "http://app.test/done"}],
        )
        response = requests.post(redirect["url"], data=redirect["fields"], files={"file": ("r", b"r")}, allow_redirects=False)
        expect(response.status_code == 303, "redirect status %s" % response.status_code)
        expect(response.headers.get("Location", "").startswith("http://app.test/done?bucket=boto-post&key=redirected&etag=%22"),
               "redirect location %s" % response.headers.get("Location"))
        print(json.dumps({"failures": failures, "error": None}))
    except Exception:
        print(json.dumps({"failures": failures, "error": traceback.format_exc()}))


if __name__ == "__main__":
    main()
