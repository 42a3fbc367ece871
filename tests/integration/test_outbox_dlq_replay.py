"""``make replay-dlq``: dead letters go back on the bus once, and leave the queue."""

from __future__ import annotations

import json

import boto3
from moto import mock_aws

from booking_cli.dlq_replay import replay_queue


def test_dead_letters_are_put_back_on_the_bus_and_deleted(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1")
        events = boto3.client("events", region_name="us-east-1")
        events.create_event_bus(Name="bus")
        dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
        target = sqs.create_queue(QueueName="consumer")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=target, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        events.put_rule(
            Name="r", EventBusName="bus", EventPattern=json.dumps({"source": ["booking.platform"]})
        )
        events.put_targets(Rule="r", EventBusName="bus", Targets=[{"Id": "1", "Arn": arn}])
        ids = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(3)]
        for event_id in ids:
            sqs.send_message(
                QueueUrl=dlq,
                MessageBody=json.dumps(
                    {
                        "source": "booking.platform",
                        "detail-type": "booking.created",
                        "detail": {"event_id": event_id},
                    }
                ),
            )
        sqs.send_message(QueueUrl=dlq, MessageBody="not an event")

        report = replay_queue(sqs, events, dlq, "bus")

        assert (report.replayed, report.left) == (3, 1)
        got = sqs.receive_message(QueueUrl=target, MaxNumberOfMessages=10)["Messages"]
        assert sorted(json.loads(m["Body"])["detail"]["event_id"] for m in got) == ids
        left = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10, VisibilityTimeout=0)
        assert [m["Body"] for m in left.get("Messages", [])] == ["not an event"]
