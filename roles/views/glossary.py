"""The training glossary: everyone reads it; district admins add, edit, retire and restore trainings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from people.access import DistrictRequest, district_view, in_district
from people.models import Access
from roles.forms.glossary import TrainingForm
from roles.models import Training
from roles.services import glossary as services


@district_view()
def glossary(request: DistrictRequest) -> HttpResponse:
    can_edit = request.member.has_access(Access.ADMIN)
    show_retired = can_edit and request.GET.get("retired") == "1"
    groups = services.glossary(request.district, include_retired=show_retired)
    context = {"groups": groups, "can_edit": can_edit, "show_retired": show_retired}
    return render(request, "roles/glossary/glossary.html", context)


def _save(request: DistrictRequest, form: TrainingForm, done: str) -> HttpResponse | None:
    if request.method == "POST" and form.is_valid():
        training = services.save_training(
            form.save(commit=False), tasks=form.cleaned_data["tasks"], roles=form.cleaned_data["roles"]
        )
        messages.success(request, f"{done} the training “{training}”.")
        return redirect(f"{reverse('roles:glossary')}#training-{training.pk}")
    return None


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def training_new(request: DistrictRequest) -> HttpResponse:
    form = TrainingForm(request.POST or None, district=request.district)
    done = _save(request, form, "Added")
    context = {"form": form, "heading": "Add a training", "training": None}
    return done or render(request, "roles/glossary/form.html", context)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def training_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    training = in_district(Training.objects.all(), request.district, pk)
    form = TrainingForm(request.POST or None, instance=training, district=request.district)
    done = _save(request, form, "Saved")
    context = {"form": form, "heading": f"Edit the training “{training}”", "training": training}
    return done or render(request, "roles/glossary/form.html", context)


@district_view(access=Access.ADMIN)
@require_POST
def training_retire(request: DistrictRequest, pk: int) -> HttpResponse:
    training = in_district(Training.objects.all(), request.district, pk)
    if services.toggle_retired(training):
        messages.success(request, f"Retired “{training}”. The matrix no longer suggests it.")
        return redirect("roles:glossary")
    messages.success(request, f"Restored “{training}”.")
    return redirect(f"{reverse('roles:glossary')}#training-{training.pk}")
