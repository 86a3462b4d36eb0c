"""Rule-based coreference for the actors stage: short names to full names, titles to named holders, and
pronouns to the nearest compatible antecedent.

The rules work on small records (:class:`Ref`) that the actors stage builds from the parse, so that they can be
read and tested without the model. They follow the salience heuristics of Hobbs-style resolvers, kept simple:

* a person's later short name ("Stoltenberg", "President Lukashenko") joins the earlier full name that ends
  with it; a full name that comes after a short one joins it too; a one-word short name that is the first word
  of exactly one full name named before joins it ("Abiy" of "Abiy Ahmed", "Yoon" of "Yoon Suk Yeol": Ethiopian
  and East Asian names are shortened to their first word);
* in a run of quotes, the subject of "he said" is the person who spoke last (speaker continuity): news
  attributes consecutive quotes to one speaker far more often than to the last person named;
* otherwise a pronoun goes to the nearest compatible subject of its own sentence, then to the main subject of
  the sentences before it; "it" and "they" are only resolved when that subject is itself an actor, because
  a non-actor subject ("the plane … its second flight") is then the likelier antecedent.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
# Words in a mention that tell a person's gender (honorifics and gendered titles); otherwise gender is learnt
# from the pronouns already resolved to the person.
MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "emir", "sultan", "sheikh", "spokesman", "chairman",
                        "businessman", "congressman", "policeman", "assemblyman", "father", "brother", "son",
                        "husband", "man", "monk", "priest", "archbishop", "bishop", "pope", "cardinal"})
FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "madam", "lady", "dame", "queen", "princess", "spokeswoman",
                          "chairwoman", "businesswoman", "congresswoman", "policewoman", "assemblywoman",
                          "mother", "sister", "daughter", "wife", "woman", "nun"})

PERSON_KINDS = frozenset({"person"})
THING_KINDS = frozenset({"organisation", "government", "country"})
PLURAL_KINDS = frozenset({"group", "organisation", "government"})

# How many sentences back a pronoun may look. Tuned by hand on the seed story and the fixture stories of
# tests/test_actors.py: person pronouns in wire copy refer back across a quote paragraph or two; "it" and
# "they" almost always to the sentence before, beyond which the rule picked wrong antecedents.
PERSON_PRONOUN_WINDOW = 3
THING_PRONOUN_WINDOW = 1
# A quote run: "he said" may continue the speaker of a quote up to this many sentences back.
QUOTE_RUN_WINDOW = 4


@dataclass
class Ref:
    """What coreference needs to know about one mention."""

    index: int  # position in the mention list (document order)
    token: int  # head token index in the Doc
    sentence: int
    segment: int  # paragraph or caption number: captions never borrow antecedents from the body
    kind: str  # person, organisation, government, group, country; "" for pronouns
    cluster: int = -1
    subject: bool = False
    speaker: bool = False  # the subject of a speech verb ("said Stoltenberg")
    plural: bool = False
    in_caption: bool = False


def pronoun_gender(pronoun: str) -> str:
    """"m", "f" or "" for a pronoun."""
    if pronoun in MALE_PRONOUNS:
        return "m"
    return "f" if pronoun in FEMALE_PRONOUNS else ""


def words_gender(words: list[str]) -> str:
    """"m", "f" or "" from the words of a mention ("Mrs", "spokeswoman", "King")."""
    folded = {w.casefold().rstrip(".") for w in words}
    if folded & MALE_WORDS:
        return "m"
    return "f" if folded & FEMALE_WORDS else ""


def compatible_kinds(pronoun: str) -> frozenset[str]:
    """The actor kinds a pronoun may refer to."""
    if pronoun in PERSON_PRONOUNS:
        return PERSON_KINDS
    if pronoun in THING_PRONOUNS:
        return THING_KINDS
    return PLURAL_KINDS


def resolve_pronoun(
    pronoun: str,
    ref: Ref,
    prior: list[Ref],
    speech: bool,
    main_subjects: dict[int, Ref | None],
    clause: Ref | None = None,
    subject: bool = True,
) -> Ref | None:
    """The antecedent of a pronoun among the mentions before it, or None when the rules find none.

    ``prior`` holds the resolved, non-pronoun mentions before the pronoun in document order; ``speech`` says
    that the pronoun is the subject of a speech verb or stands in a sentence with a quote; ``main_subjects``
    maps a sentence to the mention that is its main subject (None when the main subject is not an actor, a
    missing key when the sentence has no subject at all); ``clause`` is the subject of the clause that governs
    the pronoun ("Hungary has said it will…", "Libya offered … its nationals"), found on the parse by the
    caller; ``subject`` says whether the pronoun is itself a subject (else a possessive or an object).
    """
    kinds = compatible_kinds(pronoun)
    person = pronoun in PERSON_PRONOUNS
    window = PERSON_PRONOUN_WINDOW if person else THING_PRONOUN_WINDOW
    pool = [
        r
        for r in prior
        if r.kind in kinds
        and r.token < ref.token
        and (r.segment == ref.segment or not ref.in_caption)
        and 0 <= ref.sentence - r.sentence <= max(window, QUOTE_RUN_WINDOW if speech else 0)
    ]
    if pronoun in PLURAL_PRONOUNS:
        pool = [r for r in pool if r.plural or r.kind in ("organisation", "government")]
    if not pool:
        return None
    if speech and pronoun not in THING_PRONOUNS and subject:
        speakers = [r for r in pool if r.speaker and ref.sentence - r.sentence <= QUOTE_RUN_WINDOW]
        if speakers:
            return speakers[-1]
    if clause is not None and clause in pool:
        return clause
    same = [r for r in pool if r.sentence == ref.sentence]
    if same and not subject:
        return same[-1]  # a possessive or object: the nearest compatible mention before it
    if same and person:
        subjects = [r for r in same if r.subject]
        return subjects[-1] if subjects else same[-1]
    for back in range(1, window + 1):
        sentence = ref.sentence - back
        if sentence in main_subjects:
            main = main_subjects[sentence]
            if main is not None and main.kind in kinds and main in pool:
                return main
            if not person:
                return None  # the salient subject of that sentence is something else
        here = [r for r in pool if r.sentence == sentence]
        if here:
            subjects = [r for r in here if r.subject]
            if subjects:
                return subjects[-1]
            if person:
                return here[0]
            return None
    return None


def name_tokens(name: str) -> list[str]:
    """The words of a person's name, folded, without the trailing possessive."""
    name = name.replace("’", "'")
    if name.endswith("'s"):
        name = name[:-2]
    # "Omar al-Bashir" is later "Bashir": hyphenated particles and double names are separate words
    return [w.casefold() for w in name.replace(".", ". ").replace("-", " ").split() if w.strip(".")]


def same_person(short: str, full: str) -> bool:
    """True when ``short`` names the same person as ``full``: equal, or ``full`` ends with all of ``short``'s
    words ("Stoltenberg" / "Jens Stoltenberg"), or ``short`` is ``full`` without a middle part
    ("Bashar Assad" / "Bashar al-Assad" is not attempted: the surname must match exactly)."""
    s, f = name_tokens(short), name_tokens(full)
    if not s or not f:
        return False
    if s == f:
        return True
    if len(s) < len(f) and f[-len(s):] == s:
        return True
    return len(s) >= 2 and s[0] == f[0] and s[-1] == f[-1]


def given_name_match(short: str, persons: list[tuple[str, int]]) -> int | None:
    """The cluster of the one person named before whose full name begins with the one-word ``short``: "Abiy"
    after "Abiy Ahmed", "Yoon" after "Yoon Suk Yeol", "Xi" after "Xi Jinping" (Ethiopian and East Asian names
    are shortened to their first word). None when no person or several match."""
    words = name_tokens(short)
    if len(words) != 1:
        return None
    found = {idx for name, idx in persons if len(name_tokens(name)) >= 2 and name_tokens(name)[0] == words[0]}
    return found.pop() if len(found) == 1 else None


# --- pronoun speakers the actors stage left unlinked (used by the quotes stage) ------------------------------

# Pronouns that may stand as the speaker of a quote, and the actor kinds each may refer back to. "it" also
# takes documents ("The report … It says"), which the quotes stage makes actors of.
SPEAKER_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "he": PERSON_KINDS,
    "she": PERSON_KINDS,
    "it": THING_KINDS | {"document"},
    "they": PLURAL_KINDS | {"document"},
}
# How far back a pronoun speaker looks, in paragraphs. Tuned on the PolNeAR train split (benchmarks/quotes.py):
# wire and web copy put a quote's "he said" at most one paragraph after the speaker's last quote; beyond two
# paragraphs of narrative a mention is as likely to be the wrong person as the right one.
SPEAKER_RUN_PARAGRAPHS = 1
SPEAKER_MENTION_PARAGRAPHS = 2


@dataclass(frozen=True)
class Antecedent:
    """A possible antecedent of a pronoun speaker: a mention of an actor, or the speaker of an earlier quote."""

    actor: str  # the Actor id
    offset: int  # character offset in the analysed text
    paragraph: int  # running paragraph index (body and captions in one sequence)
    kind: str
    gender: str = ""  # "m", "f" or "" (unknown)
    plural: bool = False
    speaker: bool = False  # the speaker of an earlier quote (rather than any mention)
    subject: bool = False  # the mention is the subject of its clause


def pronoun_speaker(pronoun: str, offset: int, paragraph: int, candidates: list[Antecedent]) -> str | None:
    """The actor a pronoun speaker ("he said", "they argue") refers to, or None.

    Speaker continuity first: the nearest earlier quote's speaker of a compatible kind and gender within
    ``SPEAKER_RUN_PARAGRAPHS`` (news attributes a run of quotes to one speaker far more often than to the last
    person named); then, within ``SPEAKER_MENTION_PARAGRAPHS``, the last compatible subject of the latest
    paragraph that has a compatible mention (the salient entity), else that paragraph's last mention. A
    candidate whose gender is known and differs from the pronoun's is never taken; "they" takes a group, an
    organisation or a plural mention only, "he" and "she" persons only."""
    folded = pronoun.casefold()
    kinds = SPEAKER_PRONOUN_KINDS.get(folded)
    if kinds is None:
        return None
    gender = pronoun_gender(folded)
    pool = [
        c for c in candidates
        if c.offset < offset and c.kind in kinds and (not gender or not c.gender or c.gender == gender)
        and (folded != "they" or c.plural or c.kind != "person")
        and (folded == "they" or not c.plural or c.kind != "group")
    ]
    runs = [c for c in pool if c.speaker and paragraph - c.paragraph <= SPEAKER_RUN_PARAGRAPHS]
    if runs:
        return max(runs, key=lambda c: c.offset).actor
    near = [c for c in pool if paragraph - c.paragraph <= SPEAKER_MENTION_PARAGRAPHS]
    if not near:
        return None
    last_paragraph = max(c.paragraph for c in near)
    latest = [c for c in near if c.paragraph == last_paragraph]
    subjects = [c for c in latest if c.subject]
    return max(subjects or latest, key=lambda c: c.offset).actor
