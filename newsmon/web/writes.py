"""The dashboard's one write: a dead alert back to pending, as `newsmon alerts retry` does
for a whole channel (which the outbox page offers too, through newsmon.alerts.outbox)."""

from __future__ import annotations

from sqlalchemy import select, update

from newsmon.models import Alert, ChannelState, utcnow
from newsmon.store import Store


def requeue_alert(store: Store, alert_id: int) -> bool:
    """Re-queue one dead alert (and re-enable its channel if a 410 disabled it); False when
    there is no such dead alert."""
    with store.write() as s:
        channel = s.scalar(select(Alert.channel).where(Alert.id == alert_id,
                                                       Alert.status == "dead"))
        if channel is None:
            return False
        s.execute(update(Alert).where(Alert.id == alert_id).values(
            status="pending", attempts=0, next_attempt_at=utcnow()))
        s.execute(update(ChannelState).where(ChannelState.name == channel)
                  .values(disabled_at=None, disabled_reason=None))
        return True
