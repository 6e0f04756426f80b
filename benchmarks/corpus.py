"""A deterministic synthetic corpus for the benchmark: N interviews in a sources folder.

Each interview is made from sentence templates filled with realistic names, places
(gazetteer countries and organisations, so entity matching has work to do) and figures
(money, percentages, dates, counts, durations, so the figure rules have work to do),
in one of the transcript styles the parser reads: ``Q:``/``A:``, ``Question:``/
``Answer:``, ``Q.``/``A.``, speaker names in capitals or as written, interviewer
labels, dashes and numbered questions. Interview ``i`` depends only on ``(seed, i)``,
so a corpus of 1,000 is the first 1,000 of a corpus of 10,000, byte for byte.

    python benchmarks/corpus.py OUT_DIR N [--seed S] [--words W]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The curated inputs copied as they are: gazetteer, metadata and their schemas (the
#: aliases are copied without those scoped to the repository's own interviews).
_COPIED = ("gazetteer.csv", "demonyms.csv", "package.json", "datapackage.json", "schemas")
_MANIFEST = [
    "interview_id", "path", "title", "publisher", "source_url", "published", "language",
    "interviewee_role", "interviewee", "interviewee_note", "interviewer",
    "interviewer_speaker", "encoding",
]  # fmt: skip

FIRST = [
    "Maria", "Carlos", "Amina", "Laura", "Nguyen", "Sofia", "Ahmed", "Olga", "Kenji", "Fatima",
    "Pierre", "Ingrid", "Rahul", "Chen", "Lucia", "Tomasz", "Aylin", "David", "Elena", "Kwame",
]  # fmt: skip
LAST = [
    "Lopez", "Ruiz", "Yusuf", "Kim", "Minh", "Marin", "Haddad", "Petrova", "Tanaka", "Diallo",
    "Dubois", "Larsen", "Mehta", "Wei", "Rossi", "Nowak", "Demir", "Cohen", "Ivanova", "Mensah",
]  # fmt: skip
PLACES = [
    "Azerbaijan", "Russia", "Kazakhstan", "Germany", "Brazil", "Nigeria", "India", "Japan",
    "Turkey", "Egypt", "Mexico", "Canada", "France", "Indonesia", "Kenya", "Poland",
]  # fmt: skip
ORGS = [
    "the World Bank", "the European Union", "the United Nations", "NATO", "the OSCE",
    "the Asian Development Bank", "UNICEF", "the World Health Organization", "OPEC",
]  # fmt: skip
TOPICS = [
    "trade", "energy", "water", "transport", "health care", "education", "farming",
    "tourism", "housing", "the budget", "security", "research", "the ports", "pensions",
]  # fmt: skip
ROLES = ["Minister of Energy", "Ambassador", "Mayor", "Director", "Chief Executive", "Governor"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
PUBLISHERS = ["Energy Weekly", "Transport Today", "The Daily Observer", "Radio North"]

QUESTIONS = [
    "How do you assess the state of {topic} in {place} today?",
    "What did {org} promise when you met in {month} {year}?",
    "Why did spending on {topic} rise by {pct} percent last year?",
    "When will the {money} programme for {topic} start?",
    "What do you expect from {place} and {place2} over the next {small} years?",
    "How many people work in {topic} now, and how many will by {year2}?",
    "Is it true that {first} {last} opposed the plan?",
]
ANSWERS = [
    "We have worked on {topic} with {place} for {small} years, and {org} supports us.",
    "Spending reached {money} in {year}, about {pct} percent more than the year before.",
    "In {month} {year} we signed an agreement with {place2}; it covers {count} families.",
    "{first} {last} visited {place} on {day} {month} and met the {role}.",
    "Nearly {pct}% of the funds come from {org}, and the rest from {place}.",
    "We built {count} kilometres of roads and {small} new schools in {topic}.",
    "Frankly, the results were mixed, but the trend is clear and people feel it.",
    "The first phase ends in {year2}; the second costs {money} and takes {small} years.",
    "Our partners in {place2} agree, and {org} has sent {count} experts so far.",
]
SMALL = ["two", "three", "five", "seven", "nine", "ten", "12", "15", "20"]


def _fill(rng: random.Random, template: str, names: tuple[str, str]) -> str:
    place, place2 = rng.sample(PLACES, 2)
    return template.format(
        topic=rng.choice(TOPICS),
        place=place,
        place2=place2,
        org=rng.choice(ORGS),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        year=rng.randint(1995, 2024),
        year2=rng.randint(2025, 2040),
        pct=rng.randint(2, 95),
        money=rng.choice(["$", "€", "USD "])
        + f"{rng.randint(2, 950)} {rng.choice(['million', 'billion'])}",  # noqa: E501
        small=rng.choice(SMALL),
        count=f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}",
        first=names[0],
        last=names[1],
        role=rng.choice(ROLES),
    )


def _paragraph(rng: random.Random, templates: list[str], names, n: int) -> str:
    return " ".join(_fill(rng, rng.choice(templates), names) for _ in range(n))


def _labels(rng: random.Random, style: str, asker: str, answerer: str):
    """(question label, answer label) of a labelled style, or None for unlabelled ones."""
    return {
        "q-colon": ("Q: ", "A: "),
        "question-answer": ("Question: ", "Answer: "),
        "q-dot": ("Q. ", "A. "),
        "caps-names": (f"{asker.upper()}: ", f"{answerer.upper()}: "),
        "names": (f"{asker}: ", f"{answerer}: "),
        "interviewer": ("Interviewer: ", f"{answerer}: "),
    }.get(style)


STYLES = ("q-colon", "question-answer", "q-dot", "caps-names", "names", "interviewer",
          "dashes", "numbered")  # fmt: skip


def interview(seed: int, i: int, words: int = 1800) -> tuple[dict, str]:
    """The manifest row (without path) and the transcript of interview ``i``."""
    rng = random.Random(f"{seed}-{i}")
    style = STYLES[i % len(STYLES)]
    asker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    answerer = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = rng.choice(TOPICS)
    title = f"{topic.capitalize()} in {rng.choice(PLACES)}: interview {i + 1}"
    publisher = rng.choice(PUBLISHERS)
    lines = [title, "", f"{rng.choice(PLACES).upper()} ({publisher}) - {asker} spoke with the "
             f"{rng.choice(ROLES)} about {topic}.", ""]  # fmt: skip
    labels = _labels(rng, style, asker, answerer)
    names = tuple(answerer.split())
    n, q = 0, 0
    while n < words:
        q += 1
        question = _paragraph(rng, QUESTIONS, names, rng.randint(1, 2))
        answer = [
            _paragraph(rng, ANSWERS, names, rng.randint(2, 6)) for _ in range(rng.choice([1, 1, 2]))
        ]  # noqa: E501
        if style == "dashes":
            answer = [" ".join(answer)]
            lines += [f"– {question}", f"– {answer[0]}"]
        elif style == "numbered":
            lines += [f"{q}. {question}", "", *[p for a in answer for p in (a, "")]]
        else:
            lines += [labels[0] + question, "", labels[1] + answer[0], ""]
            lines += [p for a in answer[1:] for p in (a, "")]
        n += len(question.split()) + sum(len(a.split()) for a in answer)
    row = {
        "interview_id": f"synthetic-{i + 1:06d}",
        "title": title,
        "publisher": publisher,
        "source_url": f"https://example.org/interviews/{i + 1}",
        "published": f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "language": "en",
        "interviewee_role": rng.choice(ROLES),
        "interviewee": answerer,
        "interviewer": asker,
        "interviewer_speaker": asker if style in ("names", "caps-names") else None,
        "encoding": "utf-8",
    }
    return row, "\n".join(lines).rstrip() + "\n"


def generate(out: Path, n: int, *, seed: int = 1, words: int = 1800) -> int:
    """Write a sources folder with ``n`` interviews into ``out``; returns the bytes of
    transcript text written."""
    out.mkdir(parents=True, exist_ok=True)
    for name in _COPIED:
        src = REPO / "sources" / name
        if src.is_dir():
            shutil.copytree(src, out / name, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, out / name)
    with (REPO / "sources" / "gazetteer_aliases.csv").open(encoding="utf-8", newline="") as f:
        aliases = list(csv.DictReader(f))
    with (out / "gazetteer_aliases.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(aliases[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(a for a in aliases if not a.get("scope"))
    (out / "transcripts").mkdir(exist_ok=True)
    total = 0
    with (out / "interviews.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, _MANIFEST, lineterminator="\n")
        writer.writeheader()
        for i in range(n):
            row, text = interview(seed, i, words)
            path = f"transcripts/{row['interview_id']}.txt"
            data = text.encode("utf-8")
            (out / path).write_bytes(data)
            total += len(data)
            writer.writerow({**row, "path": path})
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=1800)
    args = parser.parse_args()
    total = generate(args.out, args.n, seed=args.seed, words=args.words)
    print(f"{args.n} interviews, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
