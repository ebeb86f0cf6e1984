"""One transaction: the state change and the events it causes commit together or not at all.

Each service's real unit of work subclasses ``UnitOfWork`` and binds its repositories to
the transaction's session; its service layer sees only a Protocol of that unit (its
repositories and ``emit``), which an in-memory fake satisfies as well.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from shared.contracts import EventEnvelope
from shared.outbox import Outbox
from shared.storage import Session, Store
from shared.tracing import carrying

if TYPE_CHECKING:
    from shared.security import Access

__all__ = ["Emits", "Transact", "Transactor", "UnitOfWork"]

T = TypeVar("T")
U = TypeVar("U", bound="UnitOfWork")
U_co = TypeVar("U_co", covariant=True)


class Emits(Protocol):
    """What every service layer's unit can do besides its repositories: announce events."""

    def emit(self, *events: EventEnvelope) -> None: ...


class Transact(Protocol[U_co]):
    """Runs ``work`` in one transaction with a fresh unit; the real one may run it again."""

    async def __call__(self, work: Callable[[U_co], Awaitable[T]]) -> T: ...


class UnitOfWork:
    """A transaction's session, the repositories a service binds to it, and its events."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.events: list[EventEnvelope] = []
        # Each event's trace context when it was emitted: one transaction may handle events
        # of many traces (shared.batch), and each caused event goes on in its cause's trace.
        self.traces: list[dict[str, str]] = []

    @property
    def transaction(self) -> Session:
        """For adapters writing in this transaction (inbox marker, outbox, access log)."""
        return self._session

    def emit(self, *events: EventEnvelope) -> None:
        self.events.extend(events)
        self.traces.extend(carrying({}) for _ in events)

    async def finish(self) -> None:
        """Called when the work is done, before the commit: a unit whose repositories keep
        writes until then (to sum them, say) writes them here."""

    async def log_granted(self, access: Access) -> None:
        """A held write is logged as granted here, so it is logged exactly if it commits."""
        await access.grant(session=self._session)


class Transactor(Generic[U]):
    def __init__(self, store: Store, outbox: Outbox, units: Callable[[Session], U]) -> None:
        self._store = store
        self._outbox = outbox
        self._units = units

    async def __call__(self, work: Callable[[U], Awaitable[T]], *, retried: bool = True) -> T:
        """``work`` in one transaction with a fresh unit; run again after a transient error
        (a write conflict, say) unless not ``retried``, when that error is raised."""
        appended = False

        async def attempt(session: Session) -> T:
            nonlocal appended
            # A fresh unit per attempt: a retried transaction must not emit twice.
            unit = self._units(session)
            result = await work(unit)
            await unit.finish()
            await self._outbox.append(session, unit.events, unit.traces)
            appended = bool(unit.events)  # the last attempt is the one that committed
            return result

        result = await self._store.in_transaction(attempt, retried=retried)
        self._outbox.committed(appended=appended)
        return result
