"""The network of groups an organisation's journeys work with, for the organisation's page
(a panel through ``organisations/panels.py``).

Who sees what, as in the organisation's view across its journeys (``insights/organisation.py``):
each journey the viewer is part of is shown with the groups it works with; the journeys they
are not part of are only added up (how many journeys, links and things done together), and a
group is named only where a journey the viewer is part of works with it. A fixed number of
queries whatever the number of journeys (three).

Two links are "the same group" when the group's names are the same ignoring case and spaces
at either end, or when both point at the same other journey on PowerWith.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count

from powerwith.journeys.models import Journey, Membership
from powerwith.organisations.access import OrgAccess
from powerwith.organisations.panels import Panel

from . import vocab
from .models import LinkedGroup


def _key(name: str, other_journey_id: int | None) -> str:
    return f"journey:{other_journey_id}" if other_journey_id else " ".join(name.lower().split())


def network_figures(organisation: Any, user: Any, *, every_journey: bool = False) -> dict[str, Any]:
    """The network for ``user`` (who has a role in ``organisation``), JSON-ready (also in
    ``powerwith insights --organisation SLUG --json``). ``every_journey``: every journey counts
    as the viewer's (the command line, run by the server's operator)."""
    journeys = {
        j.pk: j for j in Journey.objects.filter(host=organisation).only("id", "slug", "title")
    }
    mine = (
        set(journeys)
        if every_journey
        else set(
            Membership.objects.filter(journey_id__in=list(journeys), user_id=user.pk).values_list(
                "journey_id", flat=True
            )
        )
        if journeys and getattr(user, "is_authenticated", False)
        else set()
    )
    links = list(
        LinkedGroup.objects.filter(journey__host=organisation)
        .annotate(n_activities=Count("activities"))
        .values("journey_id", "name", "kind", "other_journey_id", "ended_on", "n_activities")
        .order_by("name", "id")
    )
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        by_key[_key(link["name"], link["other_journey_id"])].append(link)

    rows = []
    for pk in sorted(mine, key=lambda pk: (journeys[pk].title, pk)):
        own = [link for link in links if link["journey_id"] == pk]
        rows.append(
            {
                "slug": journeys[pk].slug,
                "title": journeys[pk].title,
                "groups": [
                    {
                        "name": link["name"],
                        "kind": link["kind"],
                        "kind_label": str(vocab.GROUP_KINDS.label(link["kind"])),
                        "current": link["ended_on"] is None,
                        "activities": link["n_activities"],
                        "journeys_linked": len(
                            {
                                x["journey_id"]
                                for x in by_key[_key(link["name"], link["other_journey_id"])]
                            }
                        ),
                    }
                    for link in own
                ],
                "activities": sum(link["n_activities"] for link in own),
            }
        )
    shared = []
    shared_hidden = 0
    for group in by_key.values():
        linked = {x["journey_id"] for x in group}
        if len(linked) < 2:
            continue
        seen = sorted(journeys[pk].title for pk in linked & mine)
        if seen:
            shared.append(
                {
                    "name": group[0]["name"],
                    "journeys": len(linked),
                    "your_journeys": seen,
                    "activities": sum(x["n_activities"] for x in group),
                }
            )
        else:
            shared_hidden += 1
    others = [link for link in links if link["journey_id"] not in mine]
    return {
        "journeys": len(journeys),
        "journeys_with_links": len({link["journey_id"] for link in links}),
        "links": len(links),
        "groups": len(by_key),
        "activities": sum(link["n_activities"] for link in links),
        "yours": rows,
        "shared": sorted(shared, key=lambda s: (-s["journeys"], s["name"])),
        "shared_not_yours": shared_hidden,
        "others": {
            "journeys": len(set(journeys) - mine),
            "links": len(others),
            "activities": sum(link["n_activities"] for link in others),
        },
    }


def provide(access: OrgAccess, user: Any) -> Panel | None:
    """The network panel, or nothing when no journey of the organisation links to a group."""
    doc = network_figures(access.organisation, user)
    if not doc["links"]:
        return None
    return Panel("outreach/network_panel.html", {"doc": doc})
