"""Cognito identity pools through boto3, as Python apps use them: run by test/cognito-identity/boto3.test.ts
against a fresh Nimbus (--endpoint URL); prints one JSON line with the failed expectations."""

import sys
from pathlib import Path

import boto3
from botocore import UNSIGNED
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import REGION, Flow  # noqa: E402


def main():
    flow = Flow()
    identity = flow.client("cognito-identity")
    iam = flow.client("iam")
    expect, error_code = flow.expect, flow.error_code

    role = iam.create_role(RoleName="py-guest", AssumeRolePolicyDocument='{"Statement":[]}')["Role"]["Arn"]
    pool = identity.create_identity_pool(IdentityPoolName="py pool", AllowUnauthenticatedIdentities=True,
                                         IdentityPoolTags={"lang": "py"})
    pool_id = pool["IdentityPoolId"]
    expect("described name", identity.describe_identity_pool(IdentityPoolId=pool_id)["IdentityPoolName"], "py pool")
    identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"unauthenticated": role})
    expect("roles", identity.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"], {"unauthenticated": role})

    # The app's client carries no credentials at all.
    app = boto3.client("cognito-identity", endpoint_url=flow.endpoint, region_name=REGION,
                       config=Config(signature_version=UNSIGNED))
    identity_id = app.get_id(IdentityPoolId=pool_id)["IdentityId"]
    expect("identity id region", identity_id.split(":")[0], REGION)
    creds = app.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    expect("expiration is a datetime", type(creds["Expiration"]).__name__, "datetime")
    sqs = boto3.client("sqs", endpoint_url=flow.endpoint, region_name=REGION,
                       aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretKey"],
                       aws_session_token=creds["SessionToken"])
    url = sqs.create_queue(QueueName="py-guest-queue")["QueueUrl"]
    expect("queue made with the guest's credentials", url.endswith("/py-guest-queue"), True)

    closed = identity.create_identity_pool(IdentityPoolName="closed", AllowUnauthenticatedIdentities=False)
    expect("no guests", error_code(lambda: app.get_id(IdentityPoolId=closed["IdentityPoolId"])),
           "NotAuthorizedException")
    try:
        identity.describe_identity_pool(IdentityPoolId="us-east-1:00000000-0000-0000-0000-000000000000")
    except identity.exceptions.ResourceNotFoundException as error:
        expect("not found message", error.response["Error"]["Message"],
               "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.")
    else:
        flow.failures.append("ResourceNotFoundException is not raised as the modeled exception")

    pages = identity.get_paginator("list_identity_pools").paginate(MaxResults=1)
    expect("paginated pools", sorted(p["IdentityPoolName"] for page in pages for p in page["IdentityPools"]),
           ["closed", "py pool"])
    listed = identity.list_identities(IdentityPoolId=pool_id, MaxResults=10)["Identities"]
    expect("listed identities", [i["IdentityId"] for i in listed], [identity_id])
    identity.delete_identity_pool(IdentityPoolId=pool_id)
    expect("deleted", error_code(lambda: identity.describe_identity_pool(IdentityPoolId=pool_id)),
           "ResourceNotFoundException")
    flow.report()


if __name__ == "__main__":
    main()
