"""Set-up forms: assigning an evaluator (refused, with the reason, on a declared tie), declaring a tie,
uploading a rubric."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from evaluator.store.models import Organization, Project, Round
from evaluator.web.accounts.roles import EVALUATOR
from evaluator.web.rounds.models import Assignment, Conflict


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["evaluator", "project", "round", "evaluation_type"]
        help_texts = {"evaluator": _("Only people with the evaluator role are listed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(groups__name=EVALUATOR, is_active=True).order_by("username")
        self.fields["evaluator"].queryset = users
        self.fields["project"].queryset = Project.objects.order_by("code")
        self.fields["round"].queryset = Round.objects.order_by("-name")


class ConflictForm(forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ["organization", "reason"]
        help_texts = {"reason": _("For example: I worked for this organization in the last three years; "
                                  "a relative of mine is on its staff.")}
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, evaluator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluator = evaluator
        self.fields["organization"].queryset = Organization.objects.order_by("name")

    def clean_organization(self):
        organization = self.cleaned_data["organization"]
        if Conflict.objects.filter(evaluator=self.evaluator, organization=organization).exists():
            raise forms.ValidationError(_("You have already declared a tie with this organization."))
        return organization


class RubricUploadForm(forms.Form):
    file = forms.FileField(label=_("Rubric file"),
                           help_text=_("A rubric .yaml file, or a .zip of a rubric folder (the rubric file with the "
                                       "indicator files it names, in that folder or below it)."))
