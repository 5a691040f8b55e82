"""Walks a DynamoDB stream's shards by lineage with boto3's dynamodbstreams client, the way the Kinesis
Client Library does: a child shard is read only after its parent has been read to its end. Prints one
JSON line: the shards (id, parent, closed) and every record as [pk, v, sequence number], in read order.

Usage: dynamodb_shards.py --endpoint URL --stream-arn ARN
"""

import argparse
import json

import boto3


def describe_all(client, arn):
    shards, start = [], None
    while True:
        kwargs = {"StreamArn": arn, "Limit": 1}
        if start:
            kwargs["ExclusiveStartShardId"] = start
        description = client.describe_stream(**kwargs)["StreamDescription"]
        shards.extend(description["Shards"])
        start = description.get("LastEvaluatedShardId")
        if not start:
            return shards


def read_shard(client, arn, shard):
    iterator = client.get_shard_iterator(
        StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    records = []
    while iterator:
        page = client.get_records(ShardIterator=iterator, Limit=2)
        records.extend(page["Records"])
        iterator = page.get("NextShardIterator")
        # An open shard has no end: stop once it has nothing more for now.
        if not page["Records"] and "EndingSequenceNumber" not in shard["SequenceNumberRange"]:
            break
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--stream-arn", required=True)
    args = parser.parse_args()
    client = boto3.client("dynamodbstreams", endpoint_url=args.endpoint, region_name="us-east-1")
    shards = describe_all(client, args.stream_arn)
    listed = {s["ShardId"] for s in shards}
    done, order, out = set(), [], []
    while len(done) < len(shards):
        progressed = False
        for shard in shards:
            parent = shard.get("ParentShardId")
            if shard["ShardId"] in done or (parent in listed and parent not in done):
                continue
            for record in read_shard(client, args.stream_arn, shard):
                image = record["dynamodb"].get("NewImage", {})
                out.append([
                    record["dynamodb"]["Keys"]["pk"]["S"],
                    image.get("v", {}).get("N"),
                    record["dynamodb"]["SequenceNumber"],
                ])
            done.add(shard["ShardId"])
            order.append(shard["ShardId"])
            progressed = True
        if not progressed:
            raise RuntimeError("a shard's parent is never readable")
    print(json.dumps({
        "shards": [
            {"id": s["ShardId"], "parent": s.get("ParentShardId"),
             "closed": "EndingSequenceNumber" in s["SequenceNumberRange"]}
            for s in shards
        ],
        "order": order,
        "records": out,
    }))


if __name__ == "__main__":
    main()
