"""Prose of all three kinds built from hand-written banks about real-world topics (issue #5).

The template generators of the other modules separate the classes partly by vocabulary (made-up
entities, the paper's maths tasks). Classifiers trained only on them transfer poorly to human
text. This module recombines :mod:`curate.world.prose_banks` sentence by sentence, in many
formats and registers, so that the same domains (cooking, gardening, software, travel, history,
science...) occur in every class and only the *function* of a text tells them apart:

- procedural: tasks taught step by step (lists, prose with connectors, forum answers, FAQs,
  first-person method posts, tips), code walkthroughs, real-world calculations;
- factual: encyclopedic entries, stubs, glossaries, fact boxes, list articles, Q&A, explainers
  of how something works (descriptive, not instructions);
- other: news, opinion, reviews (some describing set-up steps), anecdotes of doing a task,
  diaries, fiction, letters, chat (some trading facts), social posts, jokes, poems, notices,
  speeches, travel stories that mention facts.

Every document is drawn from the ``random.Random`` it is given (see :func:`curate.world.base.doc_rng`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from curate.world import banks as B
from curate.world.base import WorldDoc
from curate.world.prose_banks import howto as H
from curate.world.prose_banks import life as L
from curate.world.prose_banks import reference as R

Maker = Callable[[random.Random], tuple[str, str, str]]  # rng -> (text, style, source)

# Words that cannot follow "You'll want to" / "I": steps starting with them are kept as written.
_NON_VERB = {"if", "when", "once", "for", "while", "after", "before", "as", "at", "in", "on", "with", "using",
             "the", "a", "an", "each", "every", "it", "this", "that", "there", "your", "any", "no", "always", "only"}


# ---------------------------------------------------------------------------------------- helpers
def _lc(s: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name-like token."""
    first = s.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return s
    return s[:1].lower() + s[1:]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _first_word(s: str) -> str:
    return re.sub(r"[^a-z']", "", s.split(" ", 1)[0].lower())


def _some(rng: random.Random, items, lo: int, hi: int) -> list:
    """A random subset of ``items`` (between lo and hi of them), in their original order."""
    items = list(items)
    k = min(len(items), rng.randint(lo, hi))
    keep = sorted(rng.sample(range(len(items)), k))
    return [items[i] for i in keep]


def _ctx(rng: random.Random) -> dict:
    names = rng.sample(B.FIRST_F + B.FIRST_M, 3)
    return {"name": names[0], "name2": names[1], "name3": names[2], "surname": rng.choice(B.SURNAMES),
            "town": rng.choice(B.TOWNS), "day": rng.choice(B.DAYS), "month": rng.choice(B.MONTHS),
            "n": rng.randint(2, 9), "num": rng.choice((12, 15, 20, 35, 40, 60, 80, 120, 250, 400, 1500, 2400)),
            "year": rng.randint(1998, 2024), "price": rng.choice((12, 18, 25, 35, 49, 60, 79, 120, 180)),
            "rel": rng.choice(L.RELATIONS)}


def _fill(text: str, ctx: dict) -> str:
    return text.format_map(ctx)


def _paragraphs(rng: random.Random, sentences: list[str], lo: int = 2, hi: int = 4) -> str:
    """Group sentences into paragraphs of lo..hi sentences."""
    out, i = [], 0
    while i < len(sentences):
        k = rng.randint(lo, hi)
        out.append(" ".join(sentences[i:i + k]))
        i += k
    return "\n\n".join(out)


# ------------------------------------------------------------------------------------ procedural
def _step_forms(rng: random.Random, steps: list[str], voice: str) -> list[str]:
    """Recast imperative steps with connectors and a voice ("imp", "you", "i", "we")."""
    out = []
    n = len(steps)
    for i, s in enumerate(steps):
        verb_first = _first_word(s) not in _NON_VERB
        if voice != "imp" and verb_first and rng.random() < 0.6 and "you" not in s.lower().split():
            lead = {"you": rng.choice(("You'll want to", "You need to", "You then", "You should")),
                    "i": rng.choice(("I", "I usually", "I always", "Then I")),
                    "we": rng.choice(("We", "Next we", "We then"))}[voice]
            body = _lc(s)
            if voice in ("i", "we"):
                body = re.sub(r"\byour\b", "my" if voice == "i" else "our", body)
            s = f"{lead} {body}"
        elif rng.random() < 0.55:
            if i == 0:
                conn = rng.choice(("First,", "To start,", "First of all,", "Begin here:"))
            elif i == n - 1:
                conn = rng.choice(("Finally,", "Last of all,", "To finish,", "Lastly,"))
            else:
                conn = rng.choice(("Then", "Next,", "After that,", "Now", "Once that's done,", "When you're ready,", "Then,"))
            s = f"{conn} {_lc(s)}"
        out.append(s)
    return out


def _task_header(rng: random.Random, goal: str) -> str:
    g = _cap(goal)
    return rng.choice((f"How to {goal}", f"{g}: a beginner's guide", f"How to {goal} (step by step)",
                       f"{g} in a few easy steps", f"The easy way to {goal}", f"Guide: how to {goal}", g))


def _tips(rng: random.Random, task: dict) -> list[str]:
    tips = _some(rng, task["tips"], 0, 2)
    warns = _some(rng, task["warn"], 0, 1)
    out = [rng.choice(("Tip: ", "A tip: ", "", "Top tip: ")) + t for t in tips]
    out += [rng.choice(("Warning: ", "A word of warning: ", "Be careful: ", "")) + w for w in warns]
    return out


def _howto_list(rng: random.Random) -> tuple[str, str, str]:
    task = rng.choice(H.TASKS)
    parts = []
    if rng.random() < 0.8:
        parts.append(_task_header(rng, task["goal"]))
    if rng.random() < 0.6:
        parts.append(rng.choice(H.INTROS))
    if task["need"] and rng.random() < 0.7:
        head = rng.choice(("You will need:", "What you need:", "Ingredients:" if task["domain"] == "cooking" else "Equipment:", "Materials"))
        bullet = rng.choice(("- ", "* ", "• "))
        parts.append(head + "\n" + "\n".join(bullet + x for x in task["need"]))
    fmt = rng.randrange(4)
    steps = task["steps"]
    if fmt == 0:
        body = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
    elif fmt == 1:
        body = "\n".join(f"Step {i}: {s}" for i, s in enumerate(steps, 1))
    elif fmt == 2:
        body = "\n".join(f"{i}) {s}" for i, s in enumerate(steps, 1))
    else:
        body = "\n".join("- " + s for s in steps)
    if rng.random() < 0.5:
        body = rng.choice(("Method", "Instructions", "Steps", "What to do", "Directions")) + "\n" + body
    parts.append(body)
    parts.extend(_tips(rng, task))
    if rng.random() < 0.4:
        parts.append(rng.choice(H.CLOSERS))
    return "\n\n".join(parts), "prose_howto_list", rng.choice(("web", "web", "forum"))


def _howto_prose(rng: random.Random) -> tuple[str, str, str]:
    task = rng.choice(H.TASKS)
    voice = rng.choice(("imp", "imp", "you", "we"))
    sents = _step_forms(rng, task["steps"], voice)
    extra = _tips(rng, task)
    if task["need"] and rng.random() < 0.5:
        sents.insert(0, f"You'll need {', '.join(task['need'][:-1])} and {task['need'][-1]}." if len(task["need"]) > 1
                     else f"You'll need {task['need'][0]}.")
    if rng.random() < 0.5:
        sents.insert(0, rng.choice(H.INTROS))
    text = _paragraphs(rng, sents + extra, 2, 5)
    if rng.random() < 0.5:
        text = _task_header(rng, task["goal"]) + "\n\n" + text
    return text, "prose_howto_prose", "web"


def _forum_answer(rng: random.Random) -> tuple[str, str, str]:
    task = rng.choice(H.TASKS)
    ctx = _ctx(rng)
    q = _fill(rng.choice(H.QUESTIONS), {**ctx, "goal": task["goal"]})
    opener = rng.choice(("Here's what I do:", "I've done this loads of times.", "Easy once you know how.",
                         "Not an expert, but this works for me.", "Someone showed me this years ago and it's never failed."))
    steps = _step_forms(rng, task["steps"], rng.choice(("i", "imp", "you")))
    if rng.random() < 0.5:
        body = opener + " " + " ".join(steps)
    else:
        body = opener + "\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(task["steps"], 1))
    body += ("\n\n" + " ".join(_tips(rng, task))).rstrip()
    user_a = rng.choice(B.FIRST_F + B.FIRST_M).lower() + str(rng.randint(1, 99))
    user_b = rng.choice(B.FIRST_F + B.FIRST_M).lower() + rng.choice(("", "_", "x")) + str(rng.randint(1, 999))
    thanks = rng.choice(("", "", f"\n\n{user_a} wrote:\nThanks, that worked!", f"\n\n{user_a} wrote:\nPerfect, cheers."))
    text = f"{user_a} wrote:\n{q}\n\n{user_b} wrote:\n{body}{thanks}"
    if rng.random() < 0.4:
        text = f"Q: {q}\n\nA: {body}"
    return text, "prose_forum_answer", "forum"


def _faq(rng: random.Random) -> tuple[str, str, str]:
    domain = rng.choice(sorted({t["domain"] for t in H.TASKS}))
    tasks = [t for t in H.TASKS if t["domain"] == domain]
    tasks = rng.sample(tasks, min(len(tasks), rng.randint(2, 3)))
    parts = [rng.choice((f"{domain.capitalize()} FAQ", "Frequently asked questions", f"Your {domain} questions answered", ""))]
    for t in tasks:
        steps = _some(rng, t["steps"], 3, 5)
        ans = " ".join(_step_forms(rng, steps, rng.choice(("imp", "you"))))
        parts.append(f"Q: How do I {t['goal']}?\nA: {ans}")
    return "\n\n".join(p for p in parts if p), "prose_faq", "web"


def _code_walkthrough(rng: random.Random) -> tuple[str, str, str]:
    task = rng.choice(H.CODE_TASKS)
    parts = []
    if rng.random() < 0.7:
        parts.append(rng.choice((f"How to {task['goal']}", f"Quick tip: {task['goal']}", f"{_cap(task['goal'])}, explained")))
    parts.append(rng.choice((f"Here's a minimal way to {task['goal']}.", f"A question I see a lot is how to {task['goal']}.",
                             f"If you need to {task['goal']}, this is all it takes.", "")))
    for code, expl in task["parts"]:
        fence = "```" + (task["lang"] if rng.random() < 0.7 else "")
        block = f"{fence}\n{code}\n```" if rng.random() < 0.8 else "\n".join("    " + ln for ln in code.splitlines())
        if rng.random() < 0.5:
            parts.append(rng.choice(("First:\n", "Start with this:\n", "Then:\n", "Next:\n", "")) + block)
            parts.append(expl)
        else:
            parts.append(expl + "\n\n" + block)
    if rng.random() < 0.4:
        parts.append(rng.choice(H.CLOSERS))
    return "\n\n".join(p.strip() for p in parts if p.strip()), "prose_code_walkthrough", "code"


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _calc(rng: random.Random) -> tuple[str, str, str]:
    kind = rng.choice(H.CALC_KINDS)
    topic = rng.choice(H.CALC_TOPICS[kind])
    cur = rng.choice(("£", "$", "€"))
    if kind == "discount":
        price, pct = rng.choice((45, 60, 85, 120, 240, 399, 650)), rng.choice((15, 20, 25, 30, 40))
        cut = price * pct / 100
        q = f"{_cap(topic)} normally costs {cur}{price} and is reduced by {pct}% in the sale. What is the sale price?"
        lines = [f"Work out {pct}% of {cur}{price}: {price} × {pct}/100 = {_money(cut)}.",
                 f"Subtract it from the original price: {price} − {_money(cut)} = {_money(price - cut)}.",
                 f"So the sale price is {cur}{_money(price - cut)}."]
    elif kind == "fuel":
        km, l100, per_l = rng.choice((180, 240, 320, 450, 600)), rng.choice((5.5, 6.0, 6.5, 7.2, 8.0)), rng.choice((1.45, 1.52, 1.60, 1.74))
        litres = km * l100 / 100
        q = f"How much will the fuel cost for {topic} of {km} km, in a car that uses {l100} litres per 100 km, with fuel at {cur}{per_l:.2f} a litre?"
        lines = [f"Litres needed = distance × consumption / 100 = {km} × {l100} / 100 = {litres:.1f} litres.",
                 f"Cost = litres × price per litre = {litres:.1f} × {per_l:.2f} = {cur}{_money(litres * per_l)}.",
                 "Double it if you are coming back the same way."]
    elif kind == "paint":
        w, h, coats, cover = rng.choice((3.2, 3.6, 4.0, 4.5)), rng.choice((2.4, 2.5, 2.7)), 2, rng.choice((10, 12, 13))
        area = 2 * (w + w * 0.8) * h
        litres = area * coats / cover
        q = f"How much paint do I need for {topic} that is {w} m by {w * 0.8:.1f} m with walls {h} m high, two coats, if a litre covers {cover} m²?"
        lines = [f"Perimeter = 2 × ({w} + {w * 0.8:.1f}) = {2 * (w + w * 0.8):.1f} m.",
                 f"Wall area = perimeter × height = {2 * (w + w * 0.8):.1f} × {h} = {area:.1f} m² (ignore doors and windows for a safe estimate).",
                 f"Paint = area × coats / coverage = {area:.1f} × {coats} / {cover} = {litres:.1f} litres.",
                 f"Round up and buy {int(litres) + 1} litres."]
    elif kind == "speed":
        km, mins = rng.choice((12, 18, 24, 42, 90, 150)), rng.choice((36, 45, 50, 75, 90, 120))
        q = f"{_cap(topic)} covers {km} km in {mins} minutes. What is the average speed in km/h?"
        lines = [f"Convert the time to hours: {mins} / 60 = {mins / 60:.2f} h.",
                 f"Average speed = distance / time = {km} / {mins / 60:.2f} = {km * 60 / mins:.1f} km/h."]
    elif kind == "scale_recipe":
        serves, want, grams = rng.choice((4, 6)), rng.choice((9, 10, 15)), rng.choice((300, 450, 500))
        q = f"A recipe for {topic} serves {serves} and uses {grams} g of flour. How much flour for {want} people?"
        lines = [f"Scale factor = {want} / {serves} = {want / serves:.2f}.",
                 f"Flour = {grams} × {want / serves:.2f} = {grams * want / serves:.0f} g.",
                 "Multiply every other ingredient by the same factor; cooking time changes less than you'd think, so check early."]
    elif kind == "unit_km":
        miles = rng.choice((5, 8, 13.1, 26.2, 40))
        q = f"How far is {topic} of {miles} miles in kilometres?"
        lines = ["One mile is about 1.609 km.", f"{miles} × 1.609 = {miles * 1.609:.1f} km."]
    elif kind == "loan_interest":
        p, r, yrs = rng.choice((3000, 5000, 8000, 12000)), rng.choice((4, 5, 6, 7.5)), rng.choice((2, 3, 4))
        interest = p * r / 100 * yrs
        q = f"What is the simple interest on {topic} of {cur}{p:,} at {r}% a year over {yrs} years?"
        lines = [f"Simple interest = principal × rate × time = {p} × {r}/100 × {yrs}.",
                 f"= {_money(interest)}.", f"So you'd repay {cur}{_money(p + interest)} in total."]
    elif kind == "vat":
        net, rate = rng.choice((80, 150, 240, 999)), rng.choice((20, 21, 19))
        q = f"{_cap(topic)} comes to {cur}{net} before VAT at {rate}%. What is the total?"
        lines = [f"VAT = {net} × {rate}/100 = {_money(net * rate / 100)}.", f"Total = {net} + {_money(net * rate / 100)} = {cur}{_money(net * (1 + rate / 100))}."]
    else:
        vals = [rng.randint(40, 99) for _ in range(rng.randint(4, 6))]
        q = f"Find the mean of these {topic}: {', '.join(map(str, vals))}."
        lines = [f"Add them up: {' + '.join(map(str, vals))} = {sum(vals)}.",
                 f"Divide by how many there are ({len(vals)}): {sum(vals)} / {len(vals)} = {sum(vals) / len(vals):.1f}."]
    head = rng.choice(("Example", "Worked example", "Q.", "Question:", "Problem:", ""))
    sol = rng.choice(("Solution:", "Answer:", "How to work it out:", ""))
    body = "\n".join(lines) if rng.random() < 0.6 else " ".join(lines)
    text = "\n".join(x for x in (f"{head} {q}".strip(), sol, body) if x)
    return text, f"prose_calc_{kind}", rng.choice(("web", "forum"))


def _tips_list(rng: random.Random) -> tuple[str, str, str]:
    domain = rng.choice(sorted({t["domain"] for t in H.TASKS}))
    tasks = [t for t in H.TASKS if t["domain"] == domain]
    pool = [s for t in tasks for s in t["steps"] + t["tips"]]
    picks = rng.sample(pool, min(len(pool), rng.randint(4, 7)))
    n = len(picks)
    head = rng.choice((f"{n} {domain} tips I wish I'd known sooner", f"Quick {domain} tips", f"{n} things to remember about {domain}", ""))
    style = rng.randrange(2)
    body = "\n".join((f"{i}. {s}" if style == 0 else f"- {s}") for i, s in enumerate(picks, 1))
    return (head + "\n\n" + body).strip(), "prose_tips_list", "web"


def _troubleshoot(rng: random.Random) -> tuple[str, str, str]:
    item = rng.choice(H.TROUBLESHOOT)
    fixes = item["fixes"][: rng.randint(3, len(item["fixes"]))]
    head = rng.choice((f"What to do when {item['problem']}", f"Troubleshooting: {item['problem']}",
                       f"Help! {_cap(item['problem'])}", f"{_cap(item['problem'])}? Try this"))
    intro = rng.choice(("Work through these in order; the first ones fix most cases.", "Start with the easy checks before you call anyone out.",
                        f"If {item['problem']}, don't panic.", ""))
    if rng.random() < 0.5:
        body = "\n".join(f"{i}. {f}" for i, f in enumerate(fixes, 1))
    else:
        body = " ".join(_step_forms(rng, fixes, rng.choice(("imp", "you"))))
    return "\n\n".join(x for x in (head, intro, body) if x), "prose_troubleshoot", rng.choice(("web", "forum"))


def _long_guide(rng: random.Random) -> tuple[str, str, str]:
    """A long guide: intro, what you need, steps in prose, tips, then a related task as a list."""
    task = rng.choice(H.TASKS)
    related = [t for t in H.TASKS if t["domain"] == task["domain"] and t is not task]
    parts = [_task_header(rng, task["goal"]), " ".join(rng.sample(H.INTROS, 2))]
    if task["need"]:
        parts.append("What you'll need\n" + "\n".join("- " + x for x in task["need"]))
    parts.append("Method\n" + _paragraphs(rng, _step_forms(rng, task["steps"], rng.choice(("imp", "you"))), 2, 3))
    tips = _tips(rng, task)
    if tips:
        parts.append("Tips\n" + "\n".join(tips))
    if related:
        other = rng.choice(related)
        parts.append(rng.choice(("While you're at it: ", "Related: ", "Next time: ")) + f"how to {other['goal']}\n"
                     + "\n".join(f"{i}. {s}" for i, s in enumerate(other["steps"], 1)))
    parts.append(rng.choice(H.CLOSERS))
    return "\n\n".join(parts), "prose_long_guide", "web"


# ------------------------------------------------------------------------------------ factual
_PRONOUN = re.compile(r"^(It|He|She|They|Its|His|Her|Their) ")


def _lead(entry: dict, rng: random.Random | None = None, fact: str | None = None) -> str:
    """The opening definition; with ``rng``, sometimes an appositive merged with a pronoun ``fact``."""
    plain = f"{entry['name']} {entry['is']} {entry['def']}."
    if rng is None or fact is None or rng.random() < 0.6:
        return plain
    m = _PRONOUN.match(fact)
    if not m or m.group(1) in ("Its", "His", "Her", "Their"):
        return plain
    return f"{entry['name']}, {entry['def']}, {fact[m.end():]}"


def _facts(entry: dict, rng: random.Random, facts: list[str]) -> list[str]:
    """Facts with some leading pronouns replaced by the entry's name (sentence-level variety)."""
    out = []
    for f in facts:
        m = _PRONOUN.match(f)
        if m and rng.random() < 0.3:
            poss = m.group(1) in ("Its", "His", "Her", "Their")
            name = entry["name"] + ("'s" if poss else "")
            f = name + " " + f[m.end():]
        out.append(f)
    return out


def _name_mid(entry: dict) -> str:
    """The entry's name inside a sentence ("the Danube", "a metaphor")."""
    name = entry["name"]
    first = name.split(" ", 1)[0]
    return _lc(name) if first in ("The", "A", "An") else name


def _ref_article(rng: random.Random) -> tuple[str, str, str]:
    e = rng.choice(R.ENTRIES)
    facts = list(e["facts"])
    if rng.random() < 0.5:
        rng.shuffle(facts)
    facts = facts[: rng.randint(3, len(facts))]
    lead = _lead(e, rng, facts[0])
    if lead.startswith(e["name"] + ","):
        facts = facts[1:]
    text = _paragraphs(rng, [lead] + _facts(e, rng, facts), 2, 4)
    if rng.random() < 0.5:
        title = e["name"][4:] if e["name"].startswith("The ") and rng.random() < 0.5 else e["name"]
        text = f"{title}\n\n{text}"
    return text, "prose_ref_article", rng.choice(("encyclopedia", "encyclopedia", "web"))


def _ref_sections(rng: random.Random) -> tuple[str, str, str]:
    e = rng.choice(R.ENTRIES)
    heads = list(R.HEADINGS[R.KIND_GROUP.get(e["kind"], "generic")])
    facts = list(e["facts"])
    first = facts.pop(rng.randrange(len(facts)))
    rng.shuffle(facts)
    rng.shuffle(heads)
    parts = [e["name"], _lead(e) + " " + first]
    rest = _facts(e, rng, facts)
    k = 0
    while rest:
        take = rng.randint(1, 2)
        parts.append(heads[k % len(heads)] + "\n" + " ".join(rest[:take]))
        rest = rest[take:]
        k += 1
    return "\n\n".join(parts), "prose_ref_sections", "encyclopedia"


def _ref_stub(rng: random.Random) -> tuple[str, str, str]:
    e = rng.choice(R.ENTRIES)
    facts = _some(rng, e["facts"], 1, 2)
    lead = _lead(e, rng, facts[0])
    text = " ".join([lead] + _facts(e, rng, facts[1:] if lead.startswith(e["name"] + ",") else facts))
    if rng.random() < 0.3:
        text += rng.choice(("\n\nThis article is a stub. You can help by expanding it.", "\n\nSee also: " + rng.choice(R.ENTRIES)["name"]))
    return text, "prose_ref_stub", "encyclopedia"


def _ref_glossary(rng: random.Random) -> tuple[str, str, str]:
    entries = rng.sample(R.ENTRIES, rng.randint(3, 6))
    sep = rng.choice((" — ", ": ", " – ", "\n"))
    lines = []
    for e in sorted(entries, key=lambda x: _name_mid(x).lower().removeprefix("the ").removeprefix("a ").removeprefix("an ")):
        term = re.sub(r"^(The|A|An) ", "", e["name"])
        line = f"{term}{sep}{e['def']}."
        if sep == "\n":
            line = f"{term}\n{_cap(e['def'])}."
        if rng.random() < 0.4:
            line += " " + rng.choice(e["facts"])
        lines.append(line)
    head = rng.choice(("Glossary", "Key terms", "Glossary of terms", ""))
    return (head + "\n\n" + "\n\n".join(lines)).strip(), "prose_ref_glossary", rng.choice(("encyclopedia", "web"))


def _ref_factbox(rng: random.Random) -> tuple[str, str, str]:
    boxed = [e for e in R.ENTRIES if e.get("box")]
    e = rng.choice(boxed)
    sep = rng.choice((": ", " | ", "\t"))
    rows = "\n".join(f"{k}{sep}{v}" for k, v in e["box"].items())
    head = rng.choice((f"{e['name']} at a glance", f"Fact file: {e['name']}", f"{e['name']} — key facts", e["name"]))
    tail = " ".join(_facts(e, rng, _some(rng, e["facts"], 0, 2)))
    rows = "\n".join(_some(rng, rows.splitlines(), 3, 9))
    text = f"{head}\n\n{rows}"
    if rng.random() < 0.6:
        text = f"{head}\n\n{_lead(e)}\n\n{rows}"
    if tail:
        text += "\n\n" + tail
    return text, "prose_ref_factbox", rng.choice(("encyclopedia", "web"))


def _ref_qa(rng: random.Random) -> tuple[str, str, str]:
    entries = rng.sample(R.ENTRIES, rng.randint(1, 3))
    parts = []
    for e in entries:
        wh = "Who was" if e["kind"] == "person" else ("What was" if e["is"] == "was" else "What is")
        q = f"{wh} {_name_mid(e)}?"
        parts.append(f"Q: {q}\nA: {_lead(e)} {rng.choice(e['facts'])}")
    if rng.random() < 0.5:
        pool = [f for e in entries for f in e["facts"]]
        parts = [rng.choice(("Did you know?", "Fun facts", "Quick facts", "Five facts"))] + ["- " + f for f in rng.sample(pool, min(len(pool), 5))]
        return "\n".join(parts), "prose_ref_facts_list", "web"
    return "\n\n".join(parts), "prose_ref_qa", rng.choice(("web", "forum"))


def _ref_list(rng: random.Random) -> tuple[str, str, str]:
    kinds = [k for k in R.KIND_PLURAL if sum(e["kind"] == k for e in R.ENTRIES) >= 2]
    kind = rng.choice(kinds)
    group = [e for e in R.ENTRIES if e["kind"] == kind]
    group = rng.sample(group, min(len(group), rng.randint(2, 5)))
    parts = [rng.choice((f"{R.KIND_PLURAL[kind]}: an overview", f"Notable {R.KIND_PLURAL[kind].lower()}", R.KIND_PLURAL[kind]))]
    for e in group:
        parts.append(f"{re.sub(r'^(The|A|An) ', '', e['name'])}\n{_lead(e)} " + " ".join(_facts(e, rng, _some(rng, e["facts"], 1, 4))))
    return "\n\n".join(parts), "prose_ref_list", "encyclopedia"


def _ref_explainer(rng: random.Random) -> tuple[str, str, str]:
    pool = [e for e in R.ENTRIES if e["kind"] in ("process", "concept", "technology", "term", "substance", "element", "planet")]
    e = rng.choice(pool)
    mid = _name_mid(e)
    intro = rng.choice((f"You've probably heard of {mid}, but what exactly is it?", f"What is {mid}?",
                        f"Explained: {mid}", f"A short introduction to {mid}", ""))
    sents = [_lead(e)] + _some(rng, e["facts"], 2, len(e["facts"]))
    text = _paragraphs(rng, sents, 2, 3)
    return (intro + "\n\n" + text).strip(), "prose_ref_explainer", rng.choice(("web", "encyclopedia"))


# ------------------------------------------------------------------------------------ other
def _news(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    ev = rng.choice(L.NEWS)
    parts = [rng.choice(ev["head"]), rng.choice(ev["lead"])]
    body = _some(rng, ev["body"], 2, len(ev["body"]))
    qpos = rng.randint(0, len(body))
    body.insert(qpos, rng.choice(ev["quote"]))
    parts += body
    if rng.random() < 0.3:
        parts[1] = f"{ctx['town'].upper()} — " + parts[1]
    text = parts[0] + "\n\n" + _paragraphs(rng, parts[1:], 1, 2)
    return _fill(text, ctx), "prose_news", "news"


def _opinion(rng: random.Random) -> tuple[str, str, str]:
    op = rng.choice(L.OPINIONS)
    sents = [rng.choice(op["claim"])] + _some(rng, op["args"], 2, len(op["args"]))
    if rng.random() < 0.7:
        sents.insert(rng.randint(1, len(sents)), rng.choice(op["concede"]))
    sents.append(rng.choice(op["close"]))
    text = _paragraphs(rng, sents, 1, 3)
    if rng.random() < 0.7:
        text = rng.choice(op["title"]) + "\n\n" + text
    return text, "prose_opinion", rng.choice(("news", "web"))


def _review(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    rv = rng.choice(L.REVIEWS)
    ctx["thing"] = rng.choice(rv["things"])
    good = _some(rng, rv["good"], 1, 3)
    bad = _some(rng, rv["bad"], 0, 2)
    sents = [rng.choice(rv["open"])] + good + ([rng.choice(("However,", "On the downside,", "But", "My only complaints:"))
                                                 + " " + _lc(bad[0])] + bad[1:] if bad else []) + [rng.choice(rv["verdict"])]
    text = _fill(" ".join(sents) if rng.random() < 0.5 else _paragraphs(rng, sents, 1, 3), ctx)
    stars = len(good) + 2 - len(bad)
    if rng.random() < 0.5:
        text = f"{'★' * max(1, min(5, stars))}{'☆' * (5 - max(1, min(5, stars)))} " + rng.choice(("", "Verified purchase\n", "")) + "\n" + text
    return text.strip(), "prose_review", "web"


def _tried(rng: random.Random) -> tuple[str, str, str]:
    """A personal account of doing a task: mentions the goal, teaches nothing (hard negative)."""
    ctx = _ctx(rng)
    task = rng.choice(H.TASKS)
    ctx["goal"] = re.sub(r"\byour\b", "my", task["goal"])
    sents = [rng.choice(L.TRY_OPENERS)] + rng.sample(L.TRY_MIDDLES, rng.randint(2, 4)) + [rng.choice(L.TRY_ENDS)]
    return _fill(" ".join(sents), ctx), "prose_tried_it", rng.choice(("web", "forum"))


def _blog(rng: random.Random) -> tuple[str, str, str]:
    """A rambling personal blog post: a weekend's doings, a task attempted, a trip remembered."""
    ctx = _ctx(rng)
    task = rng.choice(H.TASKS)
    ctx["goal"] = re.sub(r"\byour\b", "my", task["goal"])
    title = rng.choice(("Weekend notes", "A catch-up post", "Things that happened this month", "Where have I been?",
                        f"{ctx['month']} round-up", "Small wins"))
    paras = [" ".join([rng.choice(("It's been a while since I posted anything here.", "Long time no post!",
                                   "Apologies for the silence; life got busy.")), *rng.sample(L.DIARY, rng.randint(2, 3))]),
             " ".join([rng.choice(L.TRY_OPENERS), *rng.sample(L.TRY_MIDDLES, rng.randint(2, 3)), rng.choice(L.TRY_ENDS)]),
             _travel_story(rng)[0],
             " ".join(rng.sample(L.SOCIAL, rng.randint(1, 2))) + " " + rng.choice(("More soon, I promise.", "That's all for now.", "Until next time!"))]
    keep = [paras[0], paras[1]] + _some(rng, paras[2:], 1, 2)
    return _fill(title + "\n\n" + "\n\n".join(keep), ctx), "prose_blog", "web"


def _interview(rng: random.Random) -> tuple[str, str, str]:
    """A Q&A with a person about their life and opinions: question-and-answer form that teaches nothing."""
    ctx = _ctx(rng)
    iv = rng.choice(L.INTERVIEWS)
    qa = _some(rng, iv["qa"], 2, len(iv["qa"]))
    who = f"{ctx['name']} {ctx['surname']}"
    q_tag, a_tag = rng.choice((("Q:", "A:"), ("Interviewer:", ctx["name"] + ":"), ("", "")))
    lines = [rng.choice((f"We spoke to {who}, {iv['who']}.", f"{who} is {iv['who']}. We caught up over coffee.",
                         f"Five minutes with {who}, {iv['who']}"))]
    for q, a in qa:
        lines.append(f"{q_tag} {q}\n{a_tag} {a}".strip() if q_tag else f"{q}\n{a}")
    return _fill("\n\n".join(lines), ctx), "prose_interview", rng.choice(("news", "web"))


def _forum_question(rng: random.Random) -> tuple[str, str, str]:
    """A help request with replies that offer sympathy, not a method (the question side of how-to threads)."""
    ctx = _ctx(rng)
    item = rng.choice(H.TROUBLESHOOT)
    ctx["problem"] = re.sub(r"\byour\b", "my", item["problem"])
    ctx["problem_cap"] = _cap(ctx["problem"])
    user = rng.choice(B.FIRST_F + B.FIRST_M).lower() + str(rng.randint(1, 99))
    post = " ".join([rng.choice(L.ASKS)] + rng.sample(L.ASK_CONTEXT, rng.randint(1, 2)))
    replies = [f"{rng.choice(B.FIRST_F + B.FIRST_M).lower()}{rng.randint(1, 999)} wrote:\n{r}"
               for r in rng.sample(L.ASK_REPLIES, rng.randint(0, 3))]
    return _fill("\n\n".join([f"{user} wrote:\n{post}"] + replies), ctx), "prose_forum_question", "forum"


def _diary(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    days = rng.randint(1, 4)
    parts = []
    for _ in range(days):
        head = rng.choice((f"{ctx['day']} {rng.randint(1, 28)} {ctx['month']}", ctx["day"], f"{rng.randint(1, 28)}/{rng.randint(1, 12)}"))
        parts.append(head + "\n" + " ".join(rng.sample(L.DIARY, rng.randint(3, 6))))
        ctx["day"] = rng.choice(B.DAYS)
    return _fill("\n\n".join(parts), ctx), "prose_diary", "fiction"


def _fiction(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    scenes = rng.sample(L.SCENES, 2 if rng.random() < 0.35 else 1)
    text = "\n\n* * *\n\n".join(_paragraphs(rng, list(sc), 1, 3) for sc in scenes)
    return _fill(text, ctx), "prose_fiction", "fiction"


def _letter(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    lt = rng.choice(L.LETTERS)
    formal = lt["purpose"] in ("complaint", "resignation", "work")
    greet = rng.choice((f"Dear {ctx['name2']},", f"Hi {ctx['name2']},", f"Dear Mr {ctx['surname']},") if formal
                       else (f"Dear {ctx['name2']},", f"Hi {ctx['name2']}!", f"Dearest {ctx['name2']},"))
    body = _some(rng, lt["body"], 2, len(lt["body"]))
    sign = rng.choice(("Yours sincerely,", "Kind regards,", "Best wishes,") if formal else ("Love,", "Lots of love,", "Take care,", "x"))
    text = f"{greet}\n\n{_paragraphs(rng, body, 1, 3)}\n\n{sign}\n{ctx['name']}"
    if lt["purpose"] == "work" and rng.random() < 0.6:
        text = f"Subject: {rng.choice(('Update', 'Quick note', 'Meeting moved', 'Re: figures'))}\n\n" + text
    return _fill(text, ctx), "prose_letter", rng.choice(("web", "fiction"))


def _chat(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    a, b = ctx["name"], ctx["name2"]
    if rng.random() < 0.35:
        # Friends trading a fact: reference content inside a conversation is still "other".
        e = rng.choice(R.ENTRIES)
        lines = [rng.choice(("random fact of the day:", "did you know this", "ok so apparently")), _lc(rng.choice(e["facts"])),
                 rng.choice(("no way", "huh", "why do you know this", "ok that's actually cool")),
                 rng.choice(("I've been reading about it all night", "saw it on a quiz show", "my kid told me")),
                 rng.choice(("nerd", "go to sleep", "tell me more tomorrow", "respect"))]
    else:
        lines = list(rng.choice(L.CHATS))
    stamp = rng.random() < 0.5
    h, m = rng.randint(7, 22), rng.randint(0, 50)
    out = []
    for i, ln in enumerate(lines):
        who = a if i % 2 == 0 else b
        m += rng.randint(0, 3)
        out.append((f"[{h:02d}:{min(m, 59):02d}] " if stamp else "") + f"{who}: {ln}")
    return "\n".join(out), "prose_chat", "web"


def _social(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    posts = rng.sample(L.SOCIAL, rng.randint(1, 4))
    tags = rng.choice(("", "", " #mondaymood", " #smallwins", " #adulting"))
    return _fill("\n\n".join(p + (tags if i == 0 else "") for i, p in enumerate(posts)), ctx), "prose_social", "web"


def _jokes(rng: random.Random) -> tuple[str, str, str]:
    js = rng.sample(L.JOKES, rng.randint(2, 5))
    head = rng.choice(("Some of my favourite terrible jokes:", "Dad jokes, round two:", "", "Christmas cracker jokes, ranked:"))
    return (head + "\n\n" + "\n\n".join(js)).strip(), "prose_jokes", "web"


def _poem(rng: random.Random) -> tuple[str, str, str]:
    lines = rng.sample(L.POEM_LINES, rng.randint(6, 10))
    stanza = rng.randint(3, 4)
    text = "\n\n".join("\n".join(lines[i:i + stanza]) for i in range(0, len(lines), stanza))
    if rng.random() < 0.6:
        text = rng.choice(("Untitled", "After the rain", "Inventory", "Kitchen, late", "Low tide", "For my father")) + "\n\n" + text
    return text, "prose_poem", "fiction"


def _notice(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    if rng.random() < 0.6:
        an = rng.choice(L.ANNOUNCEMENTS)
        when = f"{ctx['day']} {rng.randint(1, 28)} {ctx['month']}, {rng.choice(('7pm', '10am to 4pm', '2pm', '7.30pm', '9am'))}"
        text = f"{an['what'].upper()}\n{when} at {an['where']}, {ctx['town']}.\n" + " ".join(_some(rng, an["extra"], 1, 3))
    else:
        text = "\n\n".join(rng.sample(L.ADS, rng.randint(1, 2)))
    return _fill(text, ctx), "prose_notice", rng.choice(("news", "web"))


def _speech(rng: random.Random) -> tuple[str, str, str]:
    ctx = _ctx(rng)
    sents = [rng.choice(L.SPEECH_OPENERS)] + rng.sample(L.SPEECH_LINES, rng.randint(2, 4)) + [rng.choice(L.SPEECH_CLOSERS)]
    return _fill(_paragraphs(rng, sents, 1, 3), ctx), "prose_speech", rng.choice(("web", "fiction"))


def _travel_story(rng: random.Random) -> tuple[str, str, str]:
    """A first-person trip that mentions a reference fact in passing (hard negative)."""
    ctx = _ctx(rng)
    places = [e for e in R.ENTRIES if e["kind"] in ("river", "mountain", "lake", "city", "country", "structure", "place")]
    e = rng.choice(places)
    mid = _name_mid(e)
    sents = [rng.choice((f"We finally made it to {mid} last {ctx['month']}.", f"I'd wanted to see {mid} since I was a child.",
                         f"{ctx['name2']} and I spent {ctx['n']} days around {mid} this spring.")),
             rng.choice(("The guidebook told us that", "Our guide mentioned that", "I read on the plane that")) + " " + _lc(rng.choice(e["facts"])),
             rng.choice(("Honestly, I was more interested in the ice cream.", "It didn't prepare me for how it actually felt to be there.",
                         "I nodded as if I'd known all along.")),
             rng.choice(("It rained on the second day and we hid in a café for hours.", "We got lost twice and argued once.",
                         "The best meal of the trip was a sandwich eaten on a wall.")),
             rng.choice(("I'd go back tomorrow.", "I still think about that evening.", "Next time we'll stay longer."))]
    return _fill(" ".join(sents), ctx), "prose_travel_story", "web"


PROSE_STYLES: dict[str, dict[str, tuple[Maker, float]]] = {
    "procedural": {
        "howto_list": (_howto_list, 0.22), "howto_prose": (_howto_prose, 0.20), "forum_answer": (_forum_answer, 0.13),
        "faq": (_faq, 0.07), "code_walkthrough": (_code_walkthrough, 0.11), "calc": (_calc, 0.11), "tips_list": (_tips_list, 0.05),
        "troubleshoot": (_troubleshoot, 0.06), "long_guide": (_long_guide, 0.05),
    },
    "factual": {
        "article": (_ref_article, 0.26), "sections": (_ref_sections, 0.12), "stub": (_ref_stub, 0.10), "glossary": (_ref_glossary, 0.10),
        "factbox": (_ref_factbox, 0.08), "qa": (_ref_qa, 0.10), "list": (_ref_list, 0.12), "explainer": (_ref_explainer, 0.12),
    },
    "other": {
        "news": (_news, 0.12), "opinion": (_opinion, 0.08), "review": (_review, 0.13), "tried_it": (_tried, 0.08),
        "diary": (_diary, 0.06), "fiction": (_fiction, 0.10), "blog": (_blog, 0.07), "letter": (_letter, 0.07), "chat": (_chat, 0.08),
        "social": (_social, 0.05), "jokes": (_jokes, 0.03), "poem": (_poem, 0.04), "notice": (_notice, 0.05),
        "speech": (_speech, 0.04), "travel_story": (_travel_story, 0.05), "interview": (_interview, 0.05),
        "forum_question": (_forum_question, 0.05),
    },
}


from curate.world import prose_genres as _genres

for _kind, _styles in _genres.GENRE_STYLES.items():
    PROSE_STYLES[_kind].update(_styles)

# Share of short-format documents that are wrapped in web-page clutter (nav, cookies, bylines,
# related links, comments), in every kind alike, so that clutter is no class cue.
PAGE_WRAP = 0.12
_PAGED = {"prose_howto_page", "prose_ref_page", "prose_news_page", "prose_wiki_page", "prose_recipe_blog", "prose_story_long"}


def prose_document(rng: random.Random, doc_type: str, style: str | None = None) -> WorldDoc:
    """One prose document of ``doc_type`` (procedural, factual or other); ``style`` picks a maker by key."""
    makers = PROSE_STYLES[doc_type]
    if style is None:
        style = rng.choices(list(makers), weights=[w for _, w in makers.values()])[0]
    text, style_name, source = makers[style][0](rng)
    if style_name not in _PAGED and rng.random() < PAGE_WRAP:
        title, _, body = text.partition("\n\n")
        if body and len(title) < 90 and "\n" not in title:
            text = _genres.page(rng, body, title)
        else:
            text = _genres.page(rng, text)
    return WorldDoc(text=B.fix_articles(text.strip()), source=source, doc_type=doc_type, style=style_name,
                    extra={"generator": "prose"})
