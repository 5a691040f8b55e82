"""What the boto3 flow scripts share: the endpoint argument, clients with the test credentials, expectations
collected rather than raised, a modeled error's code, the cloud clock, and the one JSON line each prints.

A script elsewhere in test/ imports it after `sys.path.insert(0, <this folder>)`; the Node test that runs
the script reads the last line of its output and fails on any failure listed there.
"""

import json
import sys
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"


class Flow:
    def __init__(self):
        self.endpoint = sys.argv[sys.argv.index("--endpoint") + 1]
        self.failures = []

    def client(self, service, **config):
        """A boto3 client for the cloud under test; `config` goes to botocore's Config (s3=..., retries=...)."""
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(**config) if config else None,
        )

    def expect(self, label, actual, wanted):
        if actual != wanted:
            self.failures.append(f"{label}: expected {wanted!r}, got {actual!r}")

    def error_code(self, call):
        """The code of the modeled error `call()` raises, or None when it succeeds."""
        try:
            call()
        except ClientError as error:
            return error.response["Error"]["Code"]
        return None

    def advance(self, ms):
        """Moves the cloud's clock forward (POST /_nimbus/clock)."""
        request = urllib.request.Request(
            f"{self.endpoint}/_nimbus/clock",
            data=json.dumps({"advanceMilliseconds": ms}).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        urllib.request.urlopen(request).read()

    def report(self):
        print(json.dumps({"failures": self.failures}))
