"""The training glossary: everyone reads it; district admins add, edit, retire and restore trainings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.stale import OUT_OF_DATE, StaleEdit, after_stale_edit
from people.access import DistrictRequest, district_view, in_district
from people.models import Access
from roles.forms.glossary import RetireForm, TrainingForm
from roles.models import Training
from roles.services import glossary as services


@district_view()
def glossary(request: DistrictRequest) -> HttpResponse:
    can_edit = request.member.has_access(Access.ADMIN)
    show_retired = can_edit and request.GET.get("retired") == "1"
    groups = services.glossary(request.district, include_retired=show_retired)
    context = {"groups": groups, "can_edit": can_edit, "show_retired": show_retired}
    return render(request, "roles/glossary/glossary.html", context)


def _form_page(request: DistrictRequest, training: Training | None) -> HttpResponse:
    """The training form, new or edit; an edit made on an old copy is refused with what changed."""
    form = TrainingForm(request.POST or None, instance=training, district=request.district)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_training(
                form.save(commit=False),
                tasks=form.cleaned_data["tasks"],
                roles=form.cleaned_data["roles"],
                seen=form.seen,
            )
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form)
        else:
            messages.success(request, f"{'Saved' if training else 'Added'} the training “{saved}”.")
            return redirect(f"{reverse('roles:glossary')}#training-{saved.pk}")
    heading = f"Edit the training “{training}”" if training else "Add a training"
    context = {"form": form, "heading": heading, "training": training, "stale": stale}
    return render(request, "roles/glossary/form.html", context)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def training_new(request: DistrictRequest) -> HttpResponse:
    return _form_page(request, None)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def training_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _form_page(request, in_district(Training.objects.all(), request.district, pk))


@district_view(access=Access.ADMIN)
@require_POST
def training_retire(request: DistrictRequest, pk: int) -> HttpResponse:
    """Retire or restore, as the button asked: a click from a page read before someone else's does not undo it."""
    training = in_district(Training.objects.all(), request.district, pk)
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, OUT_OF_DATE)
        return redirect("roles:glossary")
    retire = form.cleaned_data["retire"]
    if not services.set_retired(training, retire):
        messages.info(request, f"“{training}” was already {'retired' if retire else 'restored'}: someone else did it.")
    elif retire:
        messages.success(request, f"Retired “{training}”. The matrix no longer suggests it.")
    else:
        messages.success(request, f"Restored “{training}”.")
    if training.retired:
        return redirect("roles:glossary")
    return redirect(f"{reverse('roles:glossary')}#training-{training.pk}")
