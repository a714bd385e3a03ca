"""The directory's two small vocabularies: needs and audiences, plus the free-text synonym table.

Term keys are stable: the content helper's answers and the lead's actions refer to them, and ORUK
taxonomy_term ids are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One taxonomy term: a stable key, a short label and a plain-English description."""

    key: str
    label: str
    description: str


NEEDS: dict[str, Term] = {
    t.key: t
    for t in (
        Term("emergency", "Emergency help", "Someone is in immediate danger."),
        Term(
            "domestic-abuse",
            "Domestic abuse",
            "Abuse by a partner, ex-partner or family member, including coercive control, "
            "honour-based abuse and forced marriage.",
        ),
        Term("sexual-violence", "Rape and sexual violence", "Support after rape, sexual assault or sexual abuse."),
        Term(
            "cuckooing-exploitation",
            "Cuckooing, county lines and exploitation",
            "Someone's home taken over by criminals, or children and adults pushed into drug dealing.",
        ),
        Term("drugs-alcohol", "Drugs and alcohol", "Help with drug or alcohol use, for the person or their family."),
        Term(
            "anti-social-behaviour",
            "Anti-social behaviour",
            "Nuisance, harassment or intimidation in a neighbourhood that keeps happening.",
        ),
        Term("children-families", "Children and families", "Worries about a child, and support for families."),
        Term(
            "mental-health-crisis",
            "Mental health crisis",
            "Someone struggling to cope, thinking about suicide or at risk of harming themselves.",
        ),
        Term("victims-of-crime", "Support after a crime", "Help for anyone affected by crime, reported or not."),
        Term("homelessness", "Housing and homelessness", "Losing a home, or problems with a social landlord."),
        Term(
            "aces-training",
            "ACEs and trauma-informed practice",
            "Adverse childhood experiences, resilience and trauma-informed training.",
        ),
        Term("hate-crime", "Hate crime", "Crime or abuse targeted at who someone is."),
        Term(
            "adult-safeguarding",
            "Adults at risk",
            "An older or disabled adult being abused, neglected or exploited, including over money.",
        ),
    )
}

AUDIENCES: dict[str, Term] = {
    t.key: t
    for t in (
        Term("everyone", "Everyone", "Open to anyone."),
        Term("women", "Women", "Services for women."),
        Term("men", "Men", "Services for men."),
        Term("lgbt", "LGBT+ people", "Services for lesbian, gay, bisexual, trans and queer people."),
        Term("young-people", "Young people", "Services for teenagers and young adults."),
        Term("children", "Children", "Services for children."),
        Term("parents", "Parents and carers", "Services for parents, carers and family members."),
        Term("professionals", "Professionals", "Services for people supporting others in their work."),
    )
}

# Phrases people actually type, mapped to need keys. Multi-word phrases are matched before single
# words; single words also tolerate small misspellings (see textsearch).
SYNONYMS: dict[str, str] = {}


def _add(need: str, *phrases: str) -> None:
    for phrase in phrases:
        SYNONYMS[phrase] = need


_add(
    "domestic-abuse",
    "dv",
    "da",
    "domestic",
    "domestic violence",
    "domestic abuse",
    "abusive partner",
    "abusive relationship",
    "coercive control",
    "coercive",
    "controlling",
    "controlling partner",
    "partner hits",
    "forced marriage",
    "honour",
    "honour based",
    "honour based abuse",
    "ipv",
    "abuse at home",
    "violence at home",
    "abuser",
    "abused",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "ex partner",
    "clares law",
    "clare",
    "perpetrator",
    "my behaviour",
    "own behaviour",
    "my own behaviour",
    "abusive behaviour",
    "stalking",
    "stalker",
)
_add(
    "sexual-violence",
    "rape",
    "raped",
    "sexual assault",
    "sexually assaulted",
    "sexual abuse",
    "sexual violence",
    "sarc",
    "spiking",
    "spiked",
    "consent",
)
_add(
    "cuckooing-exploitation",
    "county lines",
    "county line",
    "cuckooing",
    "cuckoo",
    "cuckooed",
    "drug dealers",
    "drug dealer",
    "dealers",
    "dealing",
    "drug dealing",
    "exploitation",
    "exploited",
    "criminal exploitation",
    "grooming",
    "groomed",
    "taken over",
    "trap house",
    "runners",
)
_add(
    "drugs-alcohol",
    "drugs",
    "drug",
    "alcohol",
    "drinking",
    "drink",
    "addiction",
    "addicted",
    "substance",
    "substances",
    "overdose",
    "heroin",
    "cocaine",
    "cannabis",
    "recovery",
)
_add(
    "anti-social-behaviour",
    "asb",
    "anti social",
    "antisocial",
    "anti social behaviour",
    "noise",
    "noisy",
    "nuisance",
    "neighbour",
    "neighbours",
    "vandalism",
    "graffiti",
    "intimidation",
    "harassment",
    "rowdy",
)
_add(
    "children-families",
    "child",
    "children",
    "kids",
    "kid",
    "family",
    "families",
    "parenting",
    "parent",
    "early help",
    "teenager",
    "son",
    "daughter",
    "baby",
    "school",
    "safeguarding",
)
_add(
    "mental-health-crisis",
    "suicide",
    "suicidal",
    "self harm",
    "selfharm",
    "crisis",
    "mental health",
    "depressed",
    "depression",
    "cant cope",
    "can't cope",
    "struggling",
    "end my life",
    "kill myself",
    "anxiety",
    "panic",
)
_add(
    "victims-of-crime",
    "victim",
    "victims",
    "crime",
    "burglary",
    "burgled",
    "robbery",
    "robbed",
    "assault",
    "assaulted",
    "stolen",
    "mugged",
    "theft",
    "fraud",
    "scam",
)
_add(
    "homelessness",
    "homeless",
    "homelessness",
    "housing",
    "evicted",
    "eviction",
    "rough sleeping",
    "nowhere to live",
    "tenant",
    "landlord",
    "council house",
)
_add(
    "aces-training",
    "aces",
    "ace",
    "adverse childhood experiences",
    "adverse childhood",
    "trauma informed",
    "trauma",
    "resilience",
    "training",
)
_add(
    "hate-crime",
    "hate crime",
    "hate",
    "racist",
    "racism",
    "racial",
    "homophobic",
    "homophobia",
    "transphobic",
    "transphobia",
    "disability hate",
    "religious hate",
)
_add(
    "adult-safeguarding",
    "adult safeguarding",
    "safeguarding adults",
    "vulnerable adult",
    "adult at risk",
    "elder abuse",
    "older person",
    "adult social care",
    "financial abuse",
)
_add("emergency", "emergency", "999", "immediate danger", "danger", "in danger", "help now")


def need_label(key: str) -> str:
    """Human label for a need key (the key itself if unknown)."""
    term = NEEDS.get(key)
    return term.label if term else key
