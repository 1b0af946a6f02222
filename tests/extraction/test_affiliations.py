"""Affiliations and descriptions from appositions and titles."""

from api.extraction import extract


def test_apposition_with_nested_organizations() -> None:
    text = ("“He likes these events,” noted Richard Weitz, director of the Center for "
            "Political-Military Analysis at the Hudson Institute.")
    result = extract(text)
    (aff,) = result.affiliations
    assert (aff.person, aff.organization, aff.role) == (
        "Richard Weitz", "Center for Political-Military Analysis", "director")
    weitz = next(p for p in result.people if p.name == "Richard Weitz")
    assert weitz.description == ("director of the Center for Political-Military Analysis at "
                                 "the Hudson Institute")
    center = next(o for o in result.organizations if o.name.startswith("Center"))
    assert center.parent == "Hudson Institute"


def test_apposition_with_role_before_preposition() -> None:
    text = ("“Russia needs friends,” commented Dr. Leonid Petrov, an Asian Studies professor at "
            "the Australian National University.")
    (aff,) = extract(text).affiliations
    assert (aff.person, aff.organization) == ("Leonid Petrov", "Australian National University")
    assert aff.role == "Asian Studies professor"
    assert text[aff.start:aff.end].startswith("Leonid Petrov")


def test_organization_title_before_name() -> None:
    text = "Morgan Stanley chief economist Ruth Adeyemi said growth would slow."
    affs = extract(text).affiliations
    assert [(a.person, a.organization, a.role) for a in affs] == [
        ("Ruth Adeyemi", "Morgan Stanley", "chief economist")]
