"""TOTP MFA in a Cognito user pool through boto3: run by test/cognito-idp/boto3.test.ts against a fresh
Nimbus (--endpoint URL); prints one JSON line with the failed expectations. The authenticator is written
here from RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) on the cloud's clock (GET /_nimbus/clock),
independent of Nimbus's own code."""

import base64
import hashlib
import hmac
import json
import struct
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402

PASSWORD = "Passw0rd!"


def cloud_now_ms(flow):
    with urllib.request.urlopen(f"{flow.endpoint}/_nimbus/clock") as response:
        return json.load(response)["epochMilliseconds"]


def totp(secret, now_ms):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", now_ms // 30_000), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 1_000_000).zfill(6)


def main():
    flow = Flow()
    idp = flow.client("cognito-idp")
    expect, error_code = flow.expect, flow.error_code

    pool_id = idp.create_user_pool(PoolName="py-mfa")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="py", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    config = idp.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration={"Enabled": True}
    )
    expect("pool mfa", config["MfaConfiguration"], "OPTIONAL")
    expect("pool totp", idp.get_user_pool_mfa_config(UserPoolId=pool_id)["SoftwareTokenMfaConfiguration"], {"Enabled": True})

    idp.admin_create_user(UserPoolId=pool_id, Username="py-mfa-user", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="py-mfa-user", Password=PASSWORD, Permanent=True)

    def sign_in():
        return idp.admin_initiate_auth(
            UserPoolId=pool_id,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "py-mfa-user", "PASSWORD": PASSWORD},
        )

    access = sign_in()["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    expect(
        "wrong first code",
        error_code(lambda: idp.verify_software_token(AccessToken=access, UserCode=totp(secret, cloud_now_ms(flow) + 600_000))),
        "EnableSoftwareTokenMFAException",
    )
    verified = idp.verify_software_token(AccessToken=access, UserCode=totp(secret, cloud_now_ms(flow)))
    expect("verified", verified["Status"], "SUCCESS")
    idp.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    user = idp.admin_get_user(UserPoolId=pool_id, Username="py-mfa-user")
    expect("mfa list", user.get("UserMFASettingList"), ["SOFTWARE_TOKEN_MFA"])
    expect("preferred", user.get("PreferredMfaSetting"), "SOFTWARE_TOKEN_MFA")

    challenge = sign_in()
    expect("challenge", challenge.get("ChallengeName"), "SOFTWARE_TOKEN_MFA")

    def respond(code):
        return idp.admin_respond_to_auth_challenge(
            UserPoolId=pool_id,
            ClientId=client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "py-mfa-user", "SOFTWARE_TOKEN_MFA_CODE": code},
        )

    expect("stale code", error_code(lambda: respond(totp(secret, cloud_now_ms(flow) - 120_000))), "CodeMismatchException")
    # The cloud clock moves a whole minute: the code is the authenticator's at the cloud's time, not the host's.
    flow.advance(60_000)
    tokens = respond(totp(secret, cloud_now_ms(flow)))["AuthenticationResult"]
    expect("token type", tokens["TokenType"], "Bearer")
    expect("get_user", idp.get_user(AccessToken=tokens["AccessToken"])["Username"], "py-mfa-user")
    flow.report()


if __name__ == "__main__":
    main()
