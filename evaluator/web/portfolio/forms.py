"""What a dashboard is asked for in its address: rounds to compare, and filters by district, street and
funder. Choices are the values the person's rounds hold; anything else is an error shown at the field."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from evaluator.web.portfolio.scope import FILTERS, Filters, funder_names

Values = Sequence[tuple[str, str, str]]     # (district, street, funder) of the projects in reach


class FilterForm(forms.Form):
    district = forms.ChoiceField(required=False, label=_("District"))
    street = forms.ChoiceField(required=False, label=_("Street"))
    funder = forms.ChoiceField(required=False, label=_("Funder"))

    def __init__(self, data: QueryDict, values: Values):
        data = data.copy()
        district = data.get("district", "")
        streets = {v[1] for v in values if v[1] and (not district or v[0] == district)}
        if data.get("street") and data["street"] not in streets and any(v[1] == data["street"] for v in values):
            data["street"] = ""       # a street of the district chosen before: the new district's streets apply
        super().__init__(data)
        every = [("", _("All"))]
        self.fields["district"].choices = every + _choices(v[0] for v in values)
        self.fields["street"].choices = every + _choices(streets)
        self.fields["funder"].choices = every + _choices(name for v in values for name in funder_names(v[2]))

    def filters(self) -> Filters:
        return Filters(**{name: self.cleaned_data.get(name) or "" for name in FILTERS})

    def query(self, rounds: Sequence[int] = ()) -> str:
        """The address's query for the same rounds and filters (for links to downloads)."""
        pairs: list[tuple[str, str | int]] = [("rounds", r) for r in rounds]
        pairs += [(name, value) for name in FILTERS if (value := self.cleaned_data.get(name))]
        return urlencode(pairs)


class CompareForm(FilterForm):
    rounds = forms.TypedMultipleChoiceField(required=False, coerce=int, label=_("Rounds"),
                                            widget=forms.CheckboxSelectMultiple)
    field_order = ["rounds", *FILTERS]

    def __init__(self, data: QueryDict, values: Values, rounds: Sequence[tuple[int, str]]):
        if not data.getlist("rounds"):          # none named: every round, and the boxes say so
            data = data.copy()
            data.setlist("rounds", [str(pk) for pk, _ in rounds])
        super().__init__(data, values)
        self.fields["rounds"].choices = [(str(pk), name) for pk, name in rounds]

    def chosen_rounds(self, every: Sequence[tuple[int, str]]) -> list[int]:
        """The rounds ticked; none ticked: all of them."""
        return list(self.cleaned_data.get("rounds") or [pk for pk, _ in every])


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in sorted({v for v in values if v})]
