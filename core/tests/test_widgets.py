from django import forms
from django.template import Context, Template

from core.widgets import QuickSelect, QuickSelectMultiple


class SchoolForm(forms.Form):
    one = forms.ChoiceField(choices=[("", "---"), ("1", "Adams <Elementary>"), ("2", "Brook & Co")], widget=QuickSelect)
    many = forms.MultipleChoiceField(choices=[("1", "A"), ("2", "B"), ("3", "C")], widget=QuickSelectMultiple)


def test_quick_select_escapes_labels_and_marks_the_selected_option():
    html = str(SchoolForm(initial={"one": "2"})["one"])
    assert '<select name="one" id="id_one"' in html
    assert '<option value="1">Adams &lt;Elementary&gt;</option>' in html
    assert '<option value="2" selected>Brook &amp; Co</option>' in html


def test_quick_select_multiple_keeps_several_selections():
    html = str(SchoolForm(initial={"many": ["1", "3"]})["many"])
    assert " multiple" in html
    assert '<option value="1" selected>' in html and '<option value="3" selected>' in html
    assert '<option value="2">' in html


def test_quick_select_carries_error_attributes_for_screen_readers():
    form = SchoolForm(data={"one": "9"})
    assert not form.is_valid()
    assert 'aria-invalid="true"' in str(form["one"])


def test_the_options_tag_escapes_and_selects():
    html = Template("{% load choices %}{% options schools selected %}").render(
        Context({"schools": [(1, "A&B"), (2, "<C>")], "selected": "2"})
    )
    assert html == '<option value="1">A&amp;B</option><option value="2" selected>&lt;C&gt;</option>'
