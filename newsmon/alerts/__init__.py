"""Alerts: an outbox filled when stories are created, drained by channel senders."""
