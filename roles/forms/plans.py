"""Forms of the role-definition pages: constrained roles, priority tasks, and the shift plan's seven questions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import pretty_name
from django.http import QueryDict

from core.fields import SingleLineFields
from core.stale import Seen, StaleEdit, StaleEditGuard, after_stale_edit, canonical
from core.widgets import QuickSelect
from people.models import Access, District, Role, School, StaffMember, Task
from roles.models import ShiftPlan, Training
from roles.services.plan_snapshot import RECEIVING, TRAININGS, plan_seen, receiving_entry, trainings_entry
from roles.services.plans import NeededTraining, PlanRefused, Receiving

# The seed's questions, word for word, in its order.
QUESTIONS = (
    "What tasks will be shifted?",
    "What role(s) will do the shifted tasks?",
    "When will responsibility for this task shift?",
    "How will this shift be communicated to affected employees? With parents (where relevant)?",
    "Will existing staff manage the shifted tasks or will hiring be required? Who is responsible for hiring?",
    "Will staff be qualified to do the shifted tasks or will training be needed? Who is responsible for training?",
    "What other steps or resources are needed to make this shift successful?",
)
BARGAINING_REMINDER = (
    "This tool describes potential actions and initiatives that may be governed by existing agreements in your "
    "district, including collective bargaining. When considering potential actions, understand how existing "
    "contracts and collective bargaining agreements impact what is or is not possible for particular groups of staff."
)
WORKLOAD_NOTE = "Staff receiving new tasks may benefit from a reduction in workload on other assignments."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def responsible_choices(district: District, plan: ShiftPlan) -> QuerySet[StaffMember]:
    """Who can own a plan or be responsible for its hiring or training.

    People who log in and either lead (school leaders, district admins) or provide mental health
    support (e.g. the school mental health lead), plus whoever the plan already names. Not every
    staff member: a district of 20,000 staff would make three lists of 20,000 names.
    """
    current = [pk for pk in (plan.owner_id, plan.hiring_responsible_id, plan.training_responsible_id) if pk]
    eligible = Q(can_log_in=True) & (Q(access__in=[Access.LEADER, Access.ADMIN]) | Q(role__is_mental_health=True))
    return StaffMember.objects.filter(Q(district=district) & (eligible | Q(pk__in=current))).only("pk", "name")


class ShiftPlanForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    """The plan's own fields; editing a saved plan, it carries a snapshot of the plan with its rows (``seen``)."""

    class Meta:
        model = ShiftPlan
        fields = (
            "task",
            "from_role",
            "school",
            "shift_when",
            "shift_on",
            "communication",
            "parent_communication",
            "staffing",
            "hiring_responsible",
            "training_needed",
            "training_responsible",
            "other_steps",
            "workload_note",
            "status",
            "owner",
        )
        labels = {
            "task": "Task shifted",
            "from_role": "Role the task moves away from",
            "school": "School",
            "shift_when": "When (in words)",
            "shift_on": "Date responsibility shifts (optional)",
            "communication": "How it will be communicated to affected employees",
            "parent_communication": "How it will be communicated to parents (where relevant)",
            "staffing": "Existing staff or hiring",
            "hiring_responsible": "Who is responsible for hiring",
            "training_needed": "Training will be needed",
            "training_responsible": "Who is responsible for training",
            "other_steps": "Other steps or resources needed",
            "workload_note": "Reduction of other assignments for staff receiving the task",
            "owner": "Plan owner",
        }
        help_texts = {
            "shift_when": "E.g. start of next school year.",
            "shift_on": "The plan's action items are due before it: hiring 4 weeks, training 2 weeks and "
            "communication 1 week before (not before today); the start on the day itself.",
            "school": "Leave empty for a district-wide plan.",
            "workload_note": f"Note: {WORKLOAD_NOTE}",
            "owner": "Listed: people who log in and lead a school or the district, or provide mental health support.",
        }
        widgets = {
            "shift_on": DateInput(),
            "school": QuickSelect,
            "staffing": forms.RadioSelect,
            "communication": forms.Textarea(attrs={"rows": 3}),
            "parent_communication": forms.Textarea(attrs={"rows": 3}),
            "other_steps": forms.Textarea(attrs={"rows": 3}),
            "workload_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        staff = responsible_choices(district, self.instance)
        querysets = {
            "task": Task.objects.filter(
                Q(district=district) & (Q(retired=False, category__retired=False) | Q(pk=self.instance.task_id))
            ),
            "from_role": Role.objects.filter(
                Q(district=district) & (Q(retired=False) | Q(pk=self.instance.from_role_id))
            ),
            "school": School.objects.filter(district=district).only("pk", "name"),
            "hiring_responsible": staff,
            "training_responsible": staff,
            "owner": staff,
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        self.fields["school"].empty_label = "District-wide"  # type: ignore[attr-defined]

    def snapshot(self) -> Seen:
        """The plan's fields as this form labels them, its receiving roles and its trainings."""
        labels = {name: str(self.fields[name].label or pretty_name(name)) for name in self.guarded_fields()}
        return plan_seen(self.instance, self.guarded_fields(), labels=labels)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("staffing") == ShiftPlan.Staffing.HIRING and not cleaned.get("hiring_responsible"):
            self.add_error("hiring_responsible", "Hiring is required: say who is responsible for hiring.")
        if cleaned.get("training_needed") and not cleaned.get("training_responsible"):
            self.add_error("training_responsible", "Training is needed: say who is responsible for training.")
        return cleaned


class ReceivingForm(forms.Form):
    role = forms.ModelChoiceField(label="Role", queryset=Role.objects.none(), required=False)
    hours = forms.DecimalField(
        label="Hours a week", min_value=Decimal("0"), max_digits=6, decimal_places=1, required=False
    )

    def __init__(self, *args: Any, district: District, keep: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = Role.objects.filter(Q(district=district) & (Q(retired=False) | Q(pk__in=keep)))
        self.fields["role"].queryset = roles  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("hours") and not cleaned.get("role"):
            self.add_error("role", "Choose the role that takes these hours.")
        return cleaned


class TrainingNeedForm(forms.Form):
    training = forms.ModelChoiceField(label="Training", queryset=Training.objects.none(), required=False)
    people = forms.IntegerField(label="How many people", min_value=1, initial=1, required=False)

    def __init__(self, *args: Any, district: District, keep: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainings = Training.objects.filter(Q(district=district) & (Q(retired=False) | Q(pk__in=keep)))
        self.fields["training"].queryset = trainings  # type: ignore[attr-defined]


class BaseRowFormSet(forms.BaseFormSet):
    key = ""

    def clean(self) -> None:
        seen = set()
        for form in self.forms:
            value = form.cleaned_data.get(self.key) if hasattr(form, "cleaned_data") else None
            if value is None:
                continue
            if value.pk in seen:
                form.add_error(self.key, "Listed twice: keep one row.")
            seen.add(value.pk)


class ReceivingFormSet(BaseRowFormSet):
    key = "role"


class TrainingFormSet(BaseRowFormSet):
    key = "training"


ReceivingRows = forms.formset_factory(ReceivingForm, formset=ReceivingFormSet, extra=2)
TrainingRows = forms.formset_factory(TrainingNeedForm, formset=TrainingFormSet, extra=2)


class PlanForms:
    """The plan form with its two row sets (receiving roles, trainings), validated and filled together."""

    def __init__(self, data: Any, *, district: District, plan: ShiftPlan, initial: dict | None = None) -> None:
        receiving_initial = (
            [{"role": r.role_id, "hours": r.hours_per_week} for r in plan.receiving.all()] if plan.pk else []
        )
        training_initial = (
            [{"training": t.training_id, "people": t.people} for t in plan.trainings.all()] if plan.pk else []
        )
        if not plan.pk and initial and initial.get("to_role"):
            receiving_initial = [{"role": initial["to_role"]}]
        self.plan = ShiftPlanForm(data, instance=plan, district=district, initial=initial or {})
        self.district, self.receiving_initial, self.training_initial = district, receiving_initial, training_initial
        self._row_sets(data)

    def _row_sets(self, data: Any) -> None:
        district, receiving_initial, training_initial = self.district, self.receiving_initial, self.training_initial
        # A role or training retired since the plan was made stays choosable on this plan.
        kept_roles = tuple(row["role"] for row in receiving_initial)
        kept_trainings = tuple(row["training"] for row in training_initial)
        self.receiving = ReceivingRows(
            data, initial=receiving_initial, prefix="receiving", form_kwargs={"district": district, "keep": kept_roles}
        )
        self.trainings = TrainingRows(
            data,
            initial=training_initial,
            prefix="trainings",
            form_kwargs={"district": district, "keep": kept_trainings},
        )

    def is_valid(self) -> bool:
        return all([self.plan.is_valid(), self.receiving.is_valid(), self.trainings.is_valid()])

    def receiving_rows(self) -> list[Receiving]:
        return [
            Receiving(f.cleaned_data["role"], f.cleaned_data.get("hours") or Decimal("0"))
            for f in self.receiving.forms
            if f.cleaned_data.get("role")
        ]

    def training_rows(self) -> list[NeededTraining]:
        return [
            NeededTraining(f.cleaned_data["training"], f.cleaned_data.get("people") or 1)
            for f in self.trainings.forms
            if f.cleaned_data.get("training")
        ]

    def after_stale_edit(self, stale: StaleEdit) -> None:
        """Show an edit refused as stale again, ready to be saved (``core.stale.after_stale_edit``).

        The editor's input stays. What the other admin changed and this editor left as it was — a
        field, the receiving roles, the trainings — takes the other admin's value, and the snapshot is
        renewed, so saving again goes through without undoing their work.
        """
        seen = self.plan.seen
        assert seen is not None
        mine = {
            RECEIVING: receiving_entry((r.role, r.hours) for r in self.receiving_rows())[1],
            TRAININGS: trainings_entry((t.training, t.people) for t in self.training_rows())[1],
        }
        after_stale_edit(stale, self.plan, self.receiving, self.trainings)
        plan = self.plan.instance
        plan.refresh_from_db()
        data = cast(QueryDict, self.plan.data)
        changed = {change.key for change in stale.changes}
        now: dict[str, list[tuple[int, Any]]] = {
            RECEIVING: [(r.role_id, r.hours_per_week) for r in plan.receiving.order_by("role__position")],
            TRAININGS: [(t.training_id, t.people) for t in plan.trainings.order_by("training__name")],
        }
        for name, (field, figure) in ((RECEIVING, ("role", "hours")), (TRAININGS, ("training", "people"))):
            key = Seen.key(plan, name)
            if key in changed and seen.entries[key][1] == mine[name]:
                for posted in [k for k in data if k.startswith(f"{name}-")]:
                    del data[posted]
                data[f"{name}-TOTAL_FORMS"] = str(len(now[name]) + 2)
                data[f"{name}-INITIAL_FORMS"] = str(len(now[name]))
                for index, (pk, value) in enumerate(now[name]):
                    data[f"{name}-{index}-{field}"] = str(pk)
                    data[f"{name}-{index}-{figure}"] = canonical(value)
        data[self.plan.add_prefix("seen")] = self.plan.snapshot().sign()
        self.receiving_initial = [{"role": pk, "hours": hours} for pk, hours in now[RECEIVING]]
        self.training_initial = [{"training": pk, "people": people} for pk, people in now[TRAININGS]]
        self._row_sets(data)

    def add_refusal(self, refused: PlanRefused) -> None:
        """Put each rule break beside its field: a role's beside its row, the others beside the plan's fields."""
        rows = {f.cleaned_data["role"].pk: f for f in self.receiving.forms if f.cleaned_data.get("role")}
        for key, messages in refused.errors.items():
            for message in messages:
                if key.startswith("role:") and int(key[5:]) in rows:
                    rows[int(key[5:])].add_error("role", message)
                elif key == "to_roles":
                    self.receiving.forms[0].add_error("role", message)
                else:
                    self.plan.add_error(key if key in self.plan.fields else None, message)


class PlanFilterForm(SingleLineFields, forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False)
    school = forms.ChoiceField(label="School", required=False)
    task = forms.ChoiceField(label="Task", required=False)

    def __init__(self, data: Any, *, district: District) -> None:
        super().__init__(data)
        choice = self.fields  # ChoiceFields all: typed loosely by the stubs
        choice["status"].choices = [  # type: ignore[attr-defined]
            ("", "Any status"),
            ("active", "Active (draft or in progress)"),
            *ShiftPlan.Status.choices,
        ]
        # Only the schools that have plans: a filter listing 1,800 schools without any would help nobody.
        schools = (
            School.objects.filter(district=district, shift_plans__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        )
        choice["school"].choices = [  # type: ignore[attr-defined]
            ("", "Any school"),
            ("district", "District-wide"),
            *((str(pk), n) for pk, n in schools),
        ]
        tasks = (
            Task.objects.filter(district=district).order_by("category__position", "position").values_list("pk", "name")
        )
        self.fields["task"].choices = [("", "Any task"), *((str(pk), n) for pk, n in tasks)]  # type: ignore[attr-defined]

    def apply(self, plans):
        if not self.is_valid():
            return plans
        data = self.cleaned_data
        if data.get("q"):
            needle = data["q"].strip()
            plans = plans.filter(Q(task__name__icontains=needle) | Q(other_steps__icontains=needle))
        if data.get("status") == "active":
            plans = plans.filter(status__in=(ShiftPlan.Status.DRAFT, ShiftPlan.Status.IN_PROGRESS))
        elif data.get("status"):
            plans = plans.filter(status=data["status"])
        if data.get("school") == "district":
            plans = plans.filter(school__isnull=True)
        elif data.get("school"):
            plans = plans.filter(school_id=int(data["school"]))
        if data.get("task"):
            plans = plans.filter(task_id=int(data["task"]))
        return plans
