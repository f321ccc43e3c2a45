"""The methods a journey's plan can follow, and the stages each one starts with.

Based on: experience-based co-design as Farr 2018 describes the hospital case (staff and
patient experience gathered apart, separate feedback events, a joint event around the patients'
film, co-design groups, then a review); the co-production cycle of Whitehead / Centre for
Loneliness Studies 2021 (co-commissioning, co-design, co-delivery, co-evaluation), and its
activity 12, "Planning and sharing your journey".
"""

from __future__ import annotations

from dataclasses import dataclass

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

EBCD = "ebcd"
CYCLE = "cycle"
OWN = "own"

METHODS = Vocabulary(
    "method",
    [
        Term(
            EBCD,
            _("Experience-based co-design"),
            _(
                "Eight stages: staff and patients tell their experience apart, meet separately, "
                "then together around a film of patients' stories, and design changes in small "
                "groups."
            ),
        ),
        Term(
            CYCLE,
            _("The co-production cycle"),
            _(
                "Four stages: co-commissioning, co-design, co-delivery and co-evaluation. A group "
                "can start at any of them and go round again."
            ),
        ),
        Term(OWN, _("A plan of our own"), _("Start with no stages and add your own.")),
    ],
)


@dataclass(frozen=True)
class StageTemplate:
    name: str
    description: str
    weeks: int  # how long it usually takes, for planned dates from a start day


TEMPLATES: dict[str, list[StageTemplate]] = {
    EBCD: [
        StageTemplate(
            _("Setting up"),
            _(
                "Agree the aims, find a sponsor and the people to run it, and invite staff and "
                "patients to take part."
            ),
            6,
        ),
        StageTemplate(
            _("Gathering staff experience"),
            _("Talk with staff one to one about what it is like to work in the service."),
            6,
        ),
        StageTemplate(
            _("Gathering patient experience"),
            _(
                "Patients and carers tell their stories, on film if they agree. The film is cut "
                "into the moments that mattered most."
            ),
            8,
        ),
        StageTemplate(
            _("Staff event"),
            _("Staff meet to hear what came out of their interviews and choose what to change."),
            1,
        ),
        StageTemplate(
            _("Patient event"),
            _(
                "Patients and carers meet to watch the film, mark how each moment felt and "
                "choose what to change."
            ),
            1,
        ),
        StageTemplate(
            _("Joint event"),
            _(
                "Staff and patients meet together, watch the film and agree the priorities to "
                "work on."
            ),
            1,
        ),
        StageTemplate(
            _("Co-design groups"),
            _("Small groups of staff and patients work on each priority and try changes out."),
            26,
        ),
        StageTemplate(
            _("Celebration and review"),
            _("Everyone meets to see what changed, thank each other and plan what comes next."),
            4,
        ),
    ],
    CYCLE: [
        StageTemplate(
            _("Co-commissioning"), _("Deciding together what is needed and what to spend on."), 12
        ),
        StageTemplate(
            _("Co-design"), _("Shaping together how the service or change will work."), 12
        ),
        StageTemplate(_("Co-delivery"), _("Running the service or the change together."), 24),
        StageTemplate(
            _("Co-evaluation"), _("Judging together whether it worked and what to change next."), 12
        ),
    ],
    OWN: [],
}
