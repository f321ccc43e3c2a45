"""Every change to reflection, one job a module: question banks and their versions
(``question_banks``), rounds (``rounds``), answers, their sharing and themes, and unsent answers
(``answers``: how anonymous answers are kept unlinkable is explained there), and endings
(``endings``). Callers use the names below, as ``reflection.services.<name>``."""

from __future__ import annotations

from .answers import (
    MAX_TEXT,
    Answer,
    Submitted,
    answer_draft_discard,
    answer_draft_save,
    answer_set_share,
    answer_themes_set,
    answers_enter,
    answers_submit,
    field_name,
)
from .endings import ending_create, ending_view_add, realist_note_add
from .question_banks import bank_create, banks_sync, question_add, question_remove, question_revise
from .rounds import round_close, round_open

__all__ = [
    "MAX_TEXT",
    "Answer",
    "Submitted",
    "answer_draft_discard",
    "answer_draft_save",
    "answer_set_share",
    "answer_themes_set",
    "answers_enter",
    "answers_submit",
    "bank_create",
    "banks_sync",
    "ending_create",
    "ending_view_add",
    "field_name",
    "question_add",
    "question_remove",
    "question_revise",
    "realist_note_add",
    "round_close",
    "round_open",
]
