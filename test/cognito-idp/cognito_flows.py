"""Cognito user pools through boto3, as Python back ends and scripts use them: run by
test/cognito-idp/boto3.test.ts against a fresh Nimbus (--endpoint URL); prints one JSON line with the failed
expectations. The SRP sign-in is a client written here from the protocol (what pycognito and warrant do),
independent of Nimbus's own code, so it checks the server's half of the exchange."""

import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2


def pad_hex(value):
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    return "00" + text if text[0] in "89abcdef" else text


def hex_hash(text):
    return hashlib.sha256(bytes.fromhex(text)).hexdigest()


K = int(hex_hash(pad_hex(N) + pad_hex(G)), 16)


def srp_sign_in(idp, client_id, pool_id, username, password):
    a = int.from_bytes(os.urandom(128), "big")
    big_a = pow(G, a, N)
    challenge = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": username, "SRP_A": format(big_a, "x")}
    )
    params = challenge["ChallengeParameters"]
    user_id = params["USER_ID_FOR_SRP"]
    big_b = int(params["SRP_B"], 16)
    salt = int(params["SALT"], 16)
    u = int(hex_hash(pad_hex(big_a) + pad_hex(big_b)), 16)
    pool_name = pool_id.split("_")[1]
    inner = hashlib.sha256(f"{pool_name}{user_id}:{password}".encode()).hexdigest()
    x = int(hex_hash(pad_hex(salt) + inner), 16)
    s = pow((big_b - K * pow(G, x, N)) % N, a + u * x, N)
    prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(s)), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = f"{now:%a} {now:%b} {now.day} {now:%H:%M:%S} UTC {now.year}"
    message = pool_name.encode() + user_id.encode() + base64.standard_b64decode(params["SECRET_BLOCK"]) + timestamp.encode()
    signature = base64.standard_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses={
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SIGNATURE": signature,
        },
    )


def main():
    flow = Flow()
    idp = flow.client("cognito-idp")
    expect, error_code = flow.expect, flow.error_code

    pool = idp.create_user_pool(PoolName="py-pool", AutoVerifiedAttributes=["email"])["UserPool"]
    pool_id = pool["Id"]
    expect("created is a datetime", type(pool["CreationDate"]).__name__, "datetime")
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="py", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]

    signed_up = idp.sign_up(
        ClientId=client_id, Username="py-user", Password="Passw0rd!", UserAttributes=[{"Name": "email", "Value": "py@example.com"}]
    )
    expect("unconfirmed", signed_up["UserConfirmed"], False)
    messages = json.load(urllib.request.urlopen(f"{flow.endpoint}/_nimbus/cognito-idp/messages?userPoolId={pool_id}&username=py-user"))
    code = messages["messages"][-1]["code"]
    idp.confirm_sign_up(ClientId=client_id, Username="py-user", ConfirmationCode=code)

    tokens = srp_sign_in(idp, client_id, pool_id, "py-user", "Passw0rd!")["AuthenticationResult"]
    expect("token type", tokens["TokenType"], "Bearer")
    me = idp.get_user(AccessToken=tokens["AccessToken"])
    expect("get_user", me["Username"], "py-user")
    expect("wrong SRP password", error_code(lambda: srp_sign_in(idp, client_id, pool_id, "py-user", "Wrong0pass!")), "NotAuthorizedException")

    idp.admin_create_user(UserPoolId=pool_id, Username="admin-made", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="admin-made", Password="Passw0rd!", Permanent=True)
    expect("admin user status", idp.admin_get_user(UserPoolId=pool_id, Username="admin-made")["UserStatus"], "CONFIRMED")
    idp.create_group(UserPoolId=pool_id, GroupName="staff")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="admin-made", GroupName="staff")
    pages = idp.get_paginator("list_users").paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 1})
    expect("paginated users", sorted(user["Username"] for page in pages for user in page["Users"]), ["admin-made", "py-user"])
    expect("missing user", error_code(lambda: idp.admin_get_user(UserPoolId=pool_id, Username="nobody")), "UserNotFoundException")
    expect("missing pool", error_code(lambda: idp.describe_user_pool(UserPoolId="us-east-1_missing00")), "ResourceNotFoundException")
    expect("weak password", error_code(lambda: idp.sign_up(ClientId=client_id, Username="weak", Password="weak")), "InvalidPasswordException")
    flow.report()


if __name__ == "__main__":
    main()
