"""The process's names for states, moves and roles: English msgids translated by this app's Django
catalogue (locale/zh_Hans). `both(msgid)` gives the pair a located `Problem` carries, so a refusal reads
in either language whatever the page's language was when it was made."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import translation
from django.utils.translation import gettext, gettext_noop


def both(msgid: str) -> dict[str, str]:
    with translation.override("zh-hans"):
        zh = gettext(msgid)
    with translation.override("en"):
        en = gettext(msgid)
    return {"zh": zh, "en": en}


class _Names(Mapping[str, dict[str, str]]):
    def __init__(self, msgids: dict[str, str]) -> None:
        self.msgids = msgids

    def __getitem__(self, key: str) -> dict[str, str]:
        return both(self.msgids.get(key, key))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.msgids)

    def __len__(self) -> int:
        return len(self.msgids)

    def shown(self, key: str) -> str:
        """In the page's current language."""
        return gettext(self.msgids.get(key, key))


STATE_MSGIDS = {
    "draft": gettext_noop("draft"),
    "submitted": gettext_noop("submitted for review"),
    "returned": gettext_noop("returned"),
    "resubmitted": gettext_noop("resubmitted"),
    "approved": gettext_noop("approved"),
    "published": gettext_noop("published (公示)"),
    "final": gettext_noop("final (locked)"),
}
ACTION_MSGIDS = {
    "submit": gettext_noop("submit for review"),
    "return": gettext_noop("return"),
    "resubmit": gettext_noop("resubmit"),
    "approve": gettext_noop("approve"),
    "publish": gettext_noop("publish"),
    "finalize": gettext_noop("make final"),
    "consensus": gettext_noop("record consensus"),
    "upload": gettext_noop("upload"),
    "self_assess": gettext_noop("upload a self-assessment"),
    "appeal": gettext_noop("file an appeal"),
    "uphold": gettext_noop("uphold"),
    "revise": gettext_noop("revise"),
    "respond": gettext_noop("respond"),
    "plan": gettext_noop("set the improvement plan"),
    "follow_up": gettext_noop("follow up the improvement plan"),
}
ROLE_MSGIDS = {
    "admin": gettext_noop("administrator"),
    "evaluator": gettext_noop("assigned evaluator"),
    "committee": gettext_noop("evaluation committee"),
    "organization": gettext_noop("implementing organization"),
    "funder": gettext_noop("funder"),
    "system": gettext_noop("the platform"),
}

STATE_NAMES = _Names(STATE_MSGIDS)
ACTION_NAMES = _Names(ACTION_MSGIDS)
ROLE_NAMES = _Names(ROLE_MSGIDS)
