from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Render each field with its label, help and errors beside it."""

    field_template_name = "core/forms/field.html"
