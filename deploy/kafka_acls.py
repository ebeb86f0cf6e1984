"""The broker's ACLs, generated from the topic registry: who may write and read what.

    python -m deploy.kafka_acls            # the kafka-acls.sh lines docker-compose runs

Each service logs in to Kafka as its own user and may:
- write the topics it owns (``Topic.owner``: its events, its replays) and the dead-letter
  topic, which every consumer writes;
- read the topics it consumes (``Topic.consumed_by``) in its own consumer group;
- keep its broker-watch sentinel (``<service>.broker-watch``, committed on the
  dead-letter topic) and read how far the consumers of what it publishes have committed;
- describe every topic (metadata), and nothing else: no creating, deleting or altering.

With StandardAuthorizer and no "allow everyone if no ACL is found", anything not listed
here is refused. tests/test_compose.py checks docker-compose's kafka-init against this.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.topics import ALL_TOPICS, DEAD_LETTERS, Topic

__all__ = ["SERVICES", "Acl", "acls", "kafka_acls_commands"]

SERVICES = ("intake", "welfare_group", "notifications", "communal")
_TOOL = (
    "/opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 "
    "--command-config /tmp/admin.properties --add"
)


@dataclass(frozen=True, order=True)
class Acl:
    user: str
    operation: str  # Read, Write, Describe
    kind: str  # topic or group
    name: str

    def command(self) -> str:
        return (
            f"{_TOOL} --allow-principal User:{self.user} --operation {self.operation} "
            f"--{self.kind} {self.name}"
        )


def _consumes(service: str) -> list[Topic]:
    return [t for t in ALL_TOPICS if service in t.consumed_by]


def _writes(service: str) -> list[Topic]:
    # Every consumer dead-letters what it cannot process.
    owned = [t for t in ALL_TOPICS if t.owner == service]
    return owned + ([DEAD_LETTERS] if _consumes(service) else [])


def acls(prefix: str = "") -> list[Acl]:
    granted: set[Acl] = set()
    for service in SERVICES:
        granted |= {Acl(service, "Describe", "topic", prefix + t.name) for t in ALL_TOPICS}
        granted |= {Acl(service, "Write", "topic", prefix + t.name) for t in _writes(service)}
        granted |= {Acl(service, "Read", "topic", prefix + t.name) for t in _consumes(service)}
        if _consumes(service):
            granted.add(Acl(service, "Read", "group", prefix + service))
        # The sentinel: an offset the service commits in a group of its own.
        granted.add(Acl(service, "Read", "group", f"{prefix}{service}.broker-watch"))
        granted.add(Acl(service, "Read", "topic", prefix + DEAD_LETTERS.name))
        for topic in _writes(service):
            granted |= {Acl(service, "Describe", "group", prefix + g) for g in topic.consumed_by}
    return sorted(granted)


def kafka_acls_commands(prefix: str = "") -> list[str]:
    return [acl.command() for acl in acls(prefix)]


if __name__ == "__main__":
    print("\n".join(kafka_acls_commands()))
