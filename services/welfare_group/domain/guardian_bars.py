"""The two bars a minor may set on the guardian (§18.2), each its own choice.

``PARTICIPATION``: the guardian takes no part in the handling of the matter. They are told
nothing of it (no notice of the case, of a consent request, of a meeting), and are not the
one who consents (the student who can set a bar decides for themself, §14).
``CONFIDENTIAL_DATA``: the guardian receives no confidential data of the matter: no record,
no export, no access log of the student's welfare data. Notices that say only that there
is a matter still reach a guardian who may take part.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["GuardianBar"]


class GuardianBar(StrEnum):
    PARTICIPATION = "participation"
    CONFIDENTIAL_DATA = "confidential_data"
