"""Thin views: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, journeys_for, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.common.models import AuditEntry

from . import forms, next_steps, panels, selectors, services, vocab
from .models import Invitation, JourneyValue, Limit, Membership


@login_required
def journey_list(request: HttpRequest) -> HttpResponse:
    journeys = selectors.journeys_with_counts(journeys_for(request.user))
    roles = dict(
        Membership.objects.filter(user_id=request.user.pk or 0).values_list("journey_id", "role")
    )
    rows = [(j, vocab.MEMBERSHIP_ROLES.label(roles.get(j.pk, ""))) for j in journeys]
    return render(request, "journeys/list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def journey_create(request: HttpRequest) -> HttpResponse:
    form = forms.JourneyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            journey = services.journey_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Journey created. Next, record what the group agreed and add people.")
            )
            return redirect(journey.get_absolute_url())
    return render(
        request, "journeys/create.html", {"form": form}, status=400 if form.errors else 200
    )


@journey_view("view")
def journey_detail(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "journeys/detail.html",
        {
            "journey": access.journey,
            "next_steps": next_steps.next_steps(access, request.user),
            **selectors.journey_overview(access.journey),
        },
    )


@journey_view("view")
def agreement(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    return render(
        request,
        "journeys/agreement.html",
        {
            "journey": journey,
            "definitions": list(journey.definitions.select_related("recorded_by")),
            "values": list(journey.values.all()),
            "limits": list(
                selectors.limits_for(journey, can_manage=access.can_manage)
                .select_related("shared_by")
                .order_by(F("withdrawn_on").asc(nulls_first=True), "table", "id")
            ),
            "panels": panels.panels(access, request.user),
            "definition_form": forms.DefinitionForm(),
            "value_form": forms.ValueForm(),
            "stages": vocab.STAGES,
            "levels": vocab.LEVELS,
            "setters": vocab.LIMIT_SETTERS,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def journey_settings(request: HttpRequest, access: Access) -> HttpResponse:
    j = access.journey
    initial = {
        "title": j.title,
        "purpose": j.purpose,
        "host": j.host_id,
        "stages": j.stages,
        "level": j.level,
        "started_on": j.started_on,
        "ended_on": j.ended_on,
        "public_you_said": j.public_you_said,
    }
    form = forms.JourneySettingsForm(
        request.POST or None, initial=initial, user=request.user, current=j.host
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.journey_update(actor=request.user, journey=j, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("journeys:agreement", slug=j.slug)
    return render(
        request,
        "journeys/settings.html",
        {"form": form, "journey": j},
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def definition_add(request: HttpRequest, access: Access) -> HttpResponse:
    j = access.journey
    current = j.definitions.first()
    form = forms.DefinitionForm(
        request.POST or None, initial={"text": current.text if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.definition_add(actor=request.user, journey=j, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("New version of the definition saved. Earlier versions are kept.")
            )
            return redirect("journeys:agreement", slug=j.slug)
    return render(
        request,
        "journeys/form_page.html",
        {
            "form": form,
            "title": _("Our definition of co-production"),
            "button": _("Save new version"),
            "intro": _(
                "A group should agree its own definition before it starts, and revisit it as it learns."
            ),
            "based_on": _(
                "Whitehead / Centre for Loneliness Studies 2021, activity 2: defining co-production."
            ),
            "back": reverse("journeys:agreement", kwargs={"slug": j.slug}),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def value_add(request: HttpRequest, access: Access) -> HttpResponse:
    j = access.journey
    form = forms.ValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.value_add(actor=request.user, journey=j, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Value added."))
            return redirect("journeys:agreement", slug=j.slug)
    return render(
        request,
        "journeys/form_page.html",
        {
            "form": form,
            "title": _("Add a value the group chose"),
            "button": _("Add value"),
            "intro": _("Values are what drive the way the group works together."),
            "based_on": _(
                "Whitehead / Centre for Loneliness Studies 2021, activity 3: exploring your values."
            ),
            "back": reverse("journeys:agreement", kwargs={"slug": j.slug}),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_POST
def value_remove(request: HttpRequest, access: Access, value_pk: int) -> HttpResponse:
    value = owned(JourneyValue.objects, access, pk=value_pk)
    services.value_remove(actor=request.user, value=value)
    messages.success(request, _("Removed “%(value)s”.") % {"value": value.name})
    return redirect("journeys:agreement", slug=access.journey.slug)


def _limit_page(request: HttpRequest, access: Access, limit: Limit | None) -> HttpResponse:
    initial = {}
    if limit is not None:
        initial = {
            f: getattr(limit, f)
            for f in ("table", "text", "set_by", "why", "disclosed_on", "withdrawn_on")
        }
    form = forms.LimitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if limit is None:
                data = {k: v for k, v in form.cleaned_data.items() if k != "withdrawn_on"}
                services.limit_add(actor=request.user, journey=access.journey, **data)
            else:
                services.limit_update(actor=request.user, limit=limit, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("journeys:agreement", slug=access.journey.slug)
    return render(
        request,
        "journeys/form_page.html",
        {
            "form": form,
            "title": _("What is on the table, and what is not")
            if limit is None
            else _("Change this limit"),
            "button": _("Save"),
            "intro": _(
                "Being honest about what the group can and cannot change avoids frustration later. Say who set each limit and why."
            ),
            "based_on": _(
                "Durose, Richardson & Perry 2024 (be clear what is on the table); Whitehead / Centre for Loneliness Studies 2021 (frustration with unexplained limits)."
            ),
            "back": reverse("journeys:agreement", kwargs={"slug": access.journey.slug}),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def limit_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _limit_page(request, access, None)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def limit_edit(request: HttpRequest, access: Access, limit_pk: int) -> HttpResponse:
    return _limit_page(request, access, owned(Limit.objects, access, pk=limit_pk))


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def limit_share(request: HttpRequest, access: Access, limit_pk: int) -> HttpResponse:
    """Record that a limit has been shared with the group, after saying what that means."""
    limit = owned(Limit.objects, access, pk=limit_pk)
    back = reverse("journeys:agreement", kwargs={"slug": access.journey.slug}) + "#limits"
    if request.method == "POST":
        try:
            services.limit_share(actor=request.user, limit=limit)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Shared. Everyone in the journey can see it now."))
        return redirect(back)
    return confirm_page(
        request,
        title=_("Share this limit with the group?"),
        lead=_("“%(limit)s” (%(table)s, set by %(set_by)s).")
        % {
            "limit": limit.text,
            "table": limit.get_table_display().lower(),
            "set_by": limit.get_set_by_display().lower(),
        },
        points=[
            _(
                "Members and observers will see it, with who set it and why, wherever the "
                "group decides things."
            ),
            _("It will be recorded as shared today, by you, and the journey’s log will say so."),
            _(
                "Tell the group too (at the next gathering, or by message): this page "
                "records that it was shared, it does not send anything."
            ),
        ],
        undo=_(
            "Once the group has been told, it cannot be untold: only share it when "
            "you have told them, or are about to."
        ),
        refusal=(
            _("This was already shared with the group on %(date)s.")
            % {"date": dateformat.format(limit.disclosed_on, "d F Y")}
            if limit.shared and limit.disclosed_on
            else None
        ),
        button=_("Share with the group"),
        warning=False,
        back=back,
    )


@journey_view("view")
def members(request: HttpRequest, access: Access) -> HttpResponse:
    j = access.journey
    rows = list(j.memberships.select_related("user", "person").order_by("role", "user__first_name"))
    pending = (
        list(j.invitations.filter(accepted_at__isnull=True).order_by("-created_at"))
        if access.can_manage
        else []
    )
    return render(
        request,
        "journeys/members.html",
        {
            "journey": j,
            "rows": rows,
            "pending": pending,
            "roles": vocab.MEMBERSHIP_ROLES,
            "now": timezone.now(),
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, access: Access) -> HttpResponse:
    j = access.journey
    form = forms.InvitationForm(request.POST or None)
    people = list(j.people.filter(user__isnull=True).order_by("name"))
    form.fields["person"].choices = [  # type: ignore[attr-defined]
        ("", _("Not in the register yet")),
        *[(p.pk, p.name) for p in people],
    ]
    if request.method == "POST" and form.is_valid():
        person = next((p for p in people if p.pk == form.cleaned_data["person"]), None)
        try:
            inv = services.invitation_create(
                actor=request.user,
                journey=j,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                person=person,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Invitation ready. Send this link to %(email)s: %(link)s")
                % {"email": inv.email, "link": _invitation_link(request, inv)},
            )
            return redirect("journeys:members", slug=j.slug)
    return render(
        request,
        "journeys/form_page.html",
        {
            "form": form,
            "title": _("Invite someone to this journey"),
            "button": _("Create invitation link"),
            "intro": _(
                "They will get a link to create an account and join. Many people in a group will never need an account: add them to the register of people instead."
            ),
            "back": reverse("journeys:members", kwargs={"slug": j.slug}),
        },
        status=400 if form.errors else 200,
    )


def _invitation_link(request: HttpRequest, inv: Invitation) -> str:
    """The link of an invitation just made or renewed (its token is known only then)."""
    return request.build_absolute_uri(reverse("invitation", kwargs={"token": inv.token}))


def _pending(request: HttpRequest, access: Access, invitation_pk: int) -> Invitation | None:
    """The journey's invitation; or None, with a message, when this journey's log says it was
    taken back (a second tap of the same button: the members page then shows what is left);
    otherwise 404, as for any other journey's record."""
    try:
        return owned(Invitation.objects, access, pk=invitation_pk)
    except Http404:
        if not AuditEntry.objects.filter(
            journey=access.journey,
            action="invitation_withdraw",
            object_type=Invitation.__name__,
            object_id=invitation_pk,
        ).exists():
            raise
    messages.info(request, _("That invitation has already been taken back."))
    return None


@journey_view("manage")
@require_POST
def invitation_renew(request: HttpRequest, access: Access, invitation_pk: int) -> HttpResponse:
    inv = _pending(request, access, invitation_pk)
    if inv is None:
        return redirect("journeys:members", slug=access.journey.slug)
    try:
        inv = services.invitation_renew(actor=request.user, invitation=inv)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("New link ready; the old one no longer works. Send this link to %(email)s: %(link)s")
            % {"email": inv.email, "link": _invitation_link(request, inv)},
        )
    return redirect("journeys:members", slug=access.journey.slug)


@journey_view("manage")
@require_POST
def invitation_withdraw(request: HttpRequest, access: Access, invitation_pk: int) -> HttpResponse:
    inv = _pending(request, access, invitation_pk)
    if inv is None:
        return redirect("journeys:members", slug=access.journey.slug)
    email = inv.email
    try:
        services.invitation_withdraw(actor=request.user, invitation=inv)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Invitation for %(email)s taken back: its link no longer works.") % {"email": email},
        )
    return redirect("journeys:members", slug=access.journey.slug)


@journey_view("manage")
@require_POST
def membership_edit(request: HttpRequest, access: Access, membership_pk: int) -> HttpResponse:
    membership = owned(Membership.objects, access, pk=membership_pk)
    if request.POST.get("remove"):
        # Removing someone's access asks first, on its own page.
        return redirect(
            "journeys:membership_remove", slug=access.journey.slug, membership_pk=membership.pk
        )
    try:
        form = forms.MembershipRoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose facilitator, member or observer."))
        services.membership_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, _("Role changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("journeys:members", slug=access.journey.slug)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, access: Access, membership_pk: int) -> HttpResponse:
    """Take someone's access away, after saying what that means."""
    membership = owned(
        Membership.objects.select_related("user", "person"), access, pk=membership_pk
    )
    yourself = membership.user_id == request.user.pk
    back = reverse("journeys:members", kwargs={"slug": access.journey.slug})
    if request.method == "POST":
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(request, _("Removed from the journey."))
        return redirect("journeys:list" if yourself else back)
    name = membership.user.first_name or membership.user.email
    return confirm_page(
        request,
        title=_("Remove your own access?")
        if yourself
        else _("Remove %(name)s’s access?") % {"name": name},
        lead=_("%(name)s is a %(role)s of this journey.")
        % {"name": name, "role": membership.get_role_display().lower()},
        points=[
            _("You will no longer be able to see this journey.")
            if yourself
            else _("%(name)s will no longer be able to see this journey.") % {"name": name},
            _(
                "What they recorded stays in the group’s record, and so does their entry in "
                "the register of people, if they have one."
            ),
            _("The journey’s log will say who removed them."),
        ],
        undo=_(
            "This cannot be undone here: to give them access again, a facilitator invites "
            "them again."
        ),
        refusal=str(services.ONE_FACILITATOR) if services._sole_facilitator(membership) else None,
        button=_("Remove my access") if yourself else _("Remove their access"),
        back=back,
    )


@journey_view("manage")
def audit_log(request: HttpRequest, access: Access) -> HttpResponse:
    """Every change made in the journey, newest first, a page at a time (nothing is dropped:
    the oldest line is on the last page)."""
    entries = AuditEntry.objects.filter(journey=access.journey).select_related(
        "actor", "on_behalf_of"
    )
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "journeys/log.html", {"page": page})


LOG_PAGE_SIZE = 100
