"""Where records keep a snapshot of a person's role and side on the record's date.

``person_change_role`` rewrites these snapshots for records dated on or after the change, so
figures always count people by the role they held at the time. An app that adds a dated record
about a person adds a line here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SnapshotTarget:
    model: str  # "app_label.Model"
    person_field: str
    date_path: str  # lookup path to the record's date
    role_field: str
    side_field: str


TARGETS: list[SnapshotTarget] = [
    SnapshotTarget("gatherings.Attendance", "person", "gathering__held_on", "role", "side"),
    SnapshotTarget("gatherings.SpeakingTurn", "person", "gathering__held_on", "role", "side"),
    SnapshotTarget(
        "gatherings.AgendaItem",
        "proposed_by",
        "gathering__held_on",
        "proposer_role",
        "proposer_side",
    ),
    SnapshotTarget("gatherings.InvitationMaker", "person", "gathering__held_on", "role", "side"),
    SnapshotTarget(
        "contributions.Contribution", "raised_by", "raised_on", "raiser_role", "raiser_side"
    ),
    SnapshotTarget(
        "decisions.Decision", "proposed_by", "decided_on", "proposer_role", "proposer_side"
    ),
    SnapshotTarget(
        "trials.ExpectedOutcome", "proposed_by", "set_on", "proposer_role", "proposer_side"
    ),
    SnapshotTarget("reflection.NamedAnswerSet", "person", "answered_on", "role", "side"),
    SnapshotTarget(
        "groundrules.GroundRule", "proposed_by", "proposed_on", "proposer_role", "proposer_side"
    ),
    SnapshotTarget(
        "groundrules.Wording", "proposed_by", "proposed_on", "proposer_role", "proposer_side"
    ),
    SnapshotTarget("groundrules.Word", "asked_by", "asked_on", "asker_role", "asker_side"),
]
