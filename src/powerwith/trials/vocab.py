"""Fixed lists of trying things out: a trial's status, a success measure's result, what the group
decided after a trial, and how an expected outcome turned out."""

from __future__ import annotations

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _
from powerwith.common.vocab import lazy_text_ctx as pgettext_lazy

PLANNED = "planned"
RUNNING = "running"
FINISHED = "finished"
STOPPED = "stopped"

STATUSES = Vocabulary(
    "trial status",
    [
        Term(
            PLANNED,
            pgettext_lazy("a trial", "Planned"),
            _("Not started yet. Its success measures can still change."),
        ),
        Term(RUNNING, _("Running"), _("Being tried now.")),
        Term(FINISHED, _("Finished"), _("Ran for as long as planned, or near enough.")),
        Term(STOPPED, _("Stopped early"), _("Stopped before the planned end, for a reason.")),
    ],
)
STARTED = (RUNNING, FINISHED, STOPPED)
ENDED = (FINISHED, STOPPED)

RESULTS = Vocabulary(
    "result",
    [
        Term("met", pgettext_lazy("a success measure", "Met"), _("What we hoped for happened.")),
        Term("partly", pgettext_lazy("a success measure", "Partly met"), _("Some of it happened.")),
        Term("not_met", pgettext_lazy("a success measure", "Not met"), _("It did not happen.")),
        Term("cant_tell", _("Can't tell"), _("We could not find out, or it is too soon.")),
    ],
)

FOLLOW_UPS = Vocabulary(
    "after the trial",
    [
        Term("adopt", _("Adopt it"), _("Make the change for good, as it was tried.")),
        Term("adapt", _("Adapt it"), _("Change it in the light of what we learned, then use it.")),
        Term("drop", _("Drop it"), _("Stop: it did not work well enough.")),
        Term("try_again", _("Try it again"), _("Try it again, somewhere else or for longer.")),
    ],
)

MEASURE_CHANGES = Vocabulary(
    "change to a success measure",
    [
        Term("added", _("Added")),
        Term("changed", _("Changed")),
        Term("removed", pgettext_lazy("a success measure", "Removed")),
    ],
)

ACHIEVED = "achieved"
TOO_EARLY = "too_early"

VERDICTS = Vocabulary(
    "how an expected outcome turned out",
    [
        Term(ACHIEVED, _("Achieved"), _("It happened, for the people we expected.")),
        Term("partly", _("Partly achieved"), _("Some of it happened, or for some of the people.")),
        Term("not_achieved", _("Not achieved"), _("It did not happen.")),
        Term(TOO_EARLY, _("Too early to tell"), _("It may still happen; we cannot judge yet.")),
    ],
)
