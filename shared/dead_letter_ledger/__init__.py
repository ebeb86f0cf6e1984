"""Dead letters handled, not only stored: each service's ledger of its consumers' dead
letters (new, replayed, discarded; who acted and why), their replay through the outbox
and the administrator's API (``shared.dead_letter_ledger.http.dead_letter_routes``)."""

from shared.dead_letter_ledger.entries import State
from shared.dead_letter_ledger.ledger import DEAD_LETTER_LEDGER, DeadLetterLedger, LedgerFilter

__all__ = ["DEAD_LETTER_LEDGER", "DeadLetterLedger", "LedgerFilter", "State"]
