"""Everyday how-to guides: recipes, repairs, installs, routines, in many domains and voices.

The content lives in :data:`curate.world.procedural_banks.HOWTO_DATA` as a small line format::

    === cooking                      a domain; procedure name "howto:cooking"
    styles: recipe_card              extra styles this domain supports
    intro: / tip: / warn: / ask:     domain-wide sentences ("|" separates alternatives)
    faq: question => answer
    slot veg: carrot | leek          slot values, used as {veg}, {veg2} (a different one), {Veg}
    --- make a {veg} soup            a task, by its imperative title phrase
    title: alternative title phrase | another
    dish: recipe-card name | ...     serves: ... / time: ...
    need: item | item                tools: item | item
    step: text || alternative text :: shell command ;; another command
    step?: an optional step
    tip: / warn: / ask: / fix: problem => fix

``{2-5}`` in any text draws a number. Every style renderer turns one filled task into text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from curate.world import procedural_banks as B
from curate.world.base import WorldDoc

GENERIC_STYLES = ("wikihow", "blog_tutorial", "checklist", "guide", "forum_answer", "faq", "numbered")
SPECIAL_STYLES = ("recipe_card", "readme")
HOWTO_STYLES = GENERIC_STYLES + SPECIAL_STYLES


@dataclass
class Step:
    alts: tuple[str, ...]
    cmds: tuple[str, ...] = ()
    optional: bool = False


@dataclass
class Task:
    titles: list[str] = field(default_factory=list)
    dishes: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)
    time: list[str] = field(default_factory=list)
    need: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    warns: list[str] = field(default_factory=list)
    fixes: list[tuple[str, str]] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)


@dataclass
class Domain:
    name: str
    styles: tuple[str, ...] = ()
    intro: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    warns: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    faqs: list[tuple[str, str]] = field(default_factory=list)
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)


def _split(value: str, sep: str = "|") -> list[str]:
    return [x.strip() for x in value.split(sep) if x.strip()]


def parse(text: str) -> dict[str, Domain]:
    domains: dict[str, Domain] = {}
    dom: Domain | None = None
    task: Task | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("==="):
            dom = Domain(line[3:].strip())
            domains[dom.name] = dom
            task = None
            continue
        if dom is None:
            raise ValueError(f"line {lineno}: content before the first domain")
        if line.startswith("---"):
            task = Task(titles=[line[3:].strip()])
            dom.tasks.append(task)
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"line {lineno}: expected 'key: value': {line!r}")
        key, value = key.strip(), value.strip()
        target = task if task is not None else dom
        if key == "styles":
            dom.styles = tuple(_split(value, ","))
        elif key.startswith("slot "):
            dom.slots[key[5:].strip()] = tuple(_split(value))
        elif key in ("step", "step?"):
            if task is None:
                raise ValueError(f"line {lineno}: step outside a task")
            text_part, _, cmd_part = value.partition(" :: ")
            task.steps.append(Step(tuple(_split(text_part, "||")), tuple(_split(cmd_part, ";;")), key == "step?"))
        elif key in ("fix", "faq"):
            q, _, a = value.partition("=>")
            if not a.strip():
                raise ValueError(f"line {lineno}: {key} needs 'question => answer'")
            (task.fixes if key == "fix" and task is not None else dom.faqs).append((q.strip(), a.strip()))
        elif key in ("intro", "tip", "warn", "ask"):
            attr = {"intro": "intro", "tip": "tips", "warn": "warns", "ask": "asks"}[key]
            getattr(target, attr).extend(_split(value))
        elif key in ("title", "dish", "serves", "time", "need", "tools") and task is not None:
            attr = {"title": "titles", "dish": "dishes"}.get(key, key)
            getattr(task, attr).extend(_split(value))
        else:
            raise ValueError(f"line {lineno}: unknown key {key!r}")
    return domains


DOMAINS: dict[str, Domain] = parse(B.HOWTO_DATA)
DOMAIN_NAMES: tuple[str, ...] = tuple(DOMAINS)

_SLOT = re.compile(r"\{(\d+)-(\d+)\}|\{([A-Za-z]+)(\d?)\}")


class Filler:
    """Fills {slot} placeholders consistently within one document."""

    def __init__(self, rng: random.Random, slots: dict[str, tuple[str, ...]]) -> None:
        self.rng = rng
        self.slots = slots
        self.cache: dict[str, str] = {}

    def _value(self, name: str, idx: str) -> str | None:
        low = name.lower()
        if low not in self.slots:
            return None
        key = low + idx
        if key not in self.cache:
            options = self.slots[low]
            taken = {v for k, v in self.cache.items() if k.rstrip("0123456789") == low}
            free = [o for o in options if o not in taken] or list(options)
            self.cache[key] = self.rng.choice(free)
        val = self.cache[key]
        return B.cap(val) if name[0].isupper() else val

    def _sub(self, m: re.Match) -> str:
        if m.group(1) is not None:
            return str(self.rng.randint(int(m.group(1)), int(m.group(2))))
        val = self._value(m.group(3), m.group(4))
        return m.group(0) if val is None else val

    def __call__(self, s: str) -> str:
        return _SLOT.sub(self._sub, s) if "{" in s else s


# --------------------------------------------------------------------------- filled plan
class Plan:
    """One task filled in for one document: every text the renderers may need."""

    def __init__(self, rng: random.Random, dom: Domain, task: Task) -> None:
        fill = Filler(rng, dom.slots)
        self.rng = rng
        self.t = fill(rng.choice(task.titles))
        self.g = B.gerund(self.t)
        self.fmt = {"t": self.t, "g": self.g, "T": B.title_case(self.t), "G": B.cap(B.title_case(self.g)),
                    "Gs": B.cap(self.g)}
        self.steps: list[tuple[str, tuple[str, ...]]] = []
        keep_opt = rng.random() < 0.6
        for st in task.steps:
            if st.optional and not keep_opt:
                continue
            self.steps.append((fill(rng.choice(st.alts)), tuple(fill(c) for c in st.cmds)))
        self.fmt["N"] = str(len(self.steps))
        self.need = [fill(x) for x in task.need]
        self.tools = [fill(x) for x in task.tools]
        #: long documents include every optional section the style has
        self.long = rng.random() < 0.3
        lo = 1 if self.long else 0
        self.tips = [fill(x) for x in _sample(rng, task.tips, 2, lo) + _sample(rng, dom.tips, 3 if self.long else 2, lo)]
        self.warns = [fill(x) for x in _sample(rng, task.warns, 1, lo) + _sample(rng, dom.warns, 1)]
        self.fixes = [(fill(a), fill(b)) for a, b in _sample(rng, task.fixes, 2, lo)]
        self.faqs = [(fill(a), fill(b)) for a, b in _sample(rng, dom.faqs, 3, lo)]
        self.intro = [fill(x) for x in _sample(rng, dom.intro, 2, lo)]
        self.before = rng.choice(B.BEFORE_START) if self.long or rng.random() < 0.2 else ""
        self.asks = [fill(x) for x in (task.asks or dom.asks)]
        self.dish = fill(rng.choice(task.dishes)) if task.dishes else B.cap(self.t)
        self.serves = fill(rng.choice(task.serves)) if task.serves else ""
        self.time = fill(rng.choice(task.time)) if task.time else ""
        self.has_cmds = any(c for _, c in self.steps)

    def f(self, template: str) -> str:
        return template.format(**self.fmt)


def _sample(rng: random.Random, items: list, k: int, lo: int = 0) -> list:
    if not items:
        return []
    k = rng.randint(min(lo, len(items)), min(k, len(items)))
    return rng.sample(items, k) if k else []


class Fmt:
    """Per-document formatting choices: markdown or plain headings, bullet glyphs, numbering."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.md = rng.random() < 0.55
        self.head_kind = rng.choice(("md", "md", "bold", "colon") if self.md else ("plain", "colon", "upper"))
        self.bullet = rng.choice(("- ", "* ") if self.md else ("- ", "• ", "* ", "- "))
        self.num = rng.choice(("{i}. ", "{i}. ", "{i}) ", "Step {i}: ", "Step {i}. "))
        self.fence = rng.choice(("```bash", "```sh", "```console", "```shell", "```", "indent"))

    def head(self, text: str, level: int = 2) -> str:
        k = self.head_kind
        if k == "md":
            return "#" * level + " " + text
        if k == "bold":
            return f"**{text}**"
        if k == "colon":
            return text + ":"
        if k == "upper":
            return text.upper()
        return text

    def title(self, text: str) -> str:
        return ("# " + text) if self.md and self.rng.random() < 0.7 else text

    def bullets(self, items: list[str]) -> str:
        return "\n".join(self.bullet + x for x in items)

    def numbered(self, items: list[str]) -> str:
        return "\n".join(self.num.format(i=i) + x for i, x in enumerate(items, 1))

    def cmds(self, cmds: tuple[str, ...]) -> str:
        if self.fence == "indent":
            return "\n".join("    " + c for c in cmds)
        if self.fence == "```console":
            return "```console\n" + "\n".join("$ " + c for c in cmds) + "\n```"
        return self.fence + "\n" + "\n".join(cmds) + "\n```"

    def inline(self, cmds: tuple[str, ...]) -> str:
        return " and ".join(f"`{c}`" for c in cmds) if self.md else " and ".join(cmds)


def _step_text(fm: Fmt, text: str, cmds: tuple[str, ...], block: bool) -> str:
    if not cmds:
        return text
    if block:
        return text + "\n\n" + fm.cmds(cmds)
    lead = fm.rng.choice(("Run ", "Type ", "Use ", "The command is "))
    return f"{text} {lead}{fm.inline(cmds)}."


def _lowfirst(s: str) -> str:
    return B.lower_first(s)


_NO_LEAD = {"Optionally", "Finally", "Then", "Next", "First", "Once", "After", "Now", "Last", "Lastly", "When", "As"}


def _faq_block(rng: random.Random, plan: Plan, fm: Fmt) -> str:
    lines = [fm.head(q, 3) + "\n" + a if fm.md else f"{q}\n{a}" for q, a in plan.faqs]
    return fm.head(rng.choice(B.FAQ_HEADINGS)) + "\n\n" + "\n\n".join(lines)


def _prose_steps(rng: random.Random, plan: Plan, fm: Fmt, asides: float = 0.0) -> list[str]:
    """Steps as running prose, grouped into paragraphs of one to three steps."""
    paras, cur = [], []
    n = len(plan.steps)
    mids = list(B.TRANSITIONS_MID)
    for i, (text, cmds) in enumerate(plan.steps):
        if i == 0:
            lead = rng.choice(B.TRANSITIONS_FIRST)
        elif i == n - 1:
            lead = rng.choice(B.TRANSITIONS_LAST)
        else:
            lead = mids.pop(rng.randrange(len(mids))) if mids else ""
            if lead:
                mids = [m for m in mids if m != lead]
        if text.split(" ", 1)[0].rstrip(",") in _NO_LEAD:
            lead = ""
        s = (lead + _lowfirst(text)) if lead else text
        if asides and rng.random() < asides:
            s += " " + rng.choice(B.BLOG_ASIDES)
        if cmds:
            s = _step_text(fm, s, cmds, block=rng.random() < 0.6)
        cur.append(s)
        if cmds or len(cur) >= rng.randint(1, 3):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def _need_sentence(rng: random.Random, plan: Plan) -> str:
    items = plan.need + plan.tools
    if not items:
        return ""
    items = items[:8] if len(items) > 8 else items
    lead = rng.choice(("You'll need ", "You will need ", "For this you need ", "Gather ", "Get these together first: "))
    return lead + B.join_and(items, oxford=rng.random() < 0.4) + "."


def _tips_block(rng: random.Random, plan: Plan, fm: Fmt) -> list[str]:
    out = []
    if plan.tips:
        out.append(fm.head(rng.choice(B.TIP_HEADINGS)) + "\n" + fm.bullets(plan.tips))
    if plan.warns:
        out.append(fm.head(rng.choice(B.WARN_HEADINGS)) + "\n" + fm.bullets(plan.warns))
    return out


def _fix_block(rng: random.Random, plan: Plan, fm: Fmt) -> str:
    lines = []
    for prob, fix in plan.fixes:
        if fm.md and rng.random() < 0.5:
            lines.append(f"**{prob}** {fix}")
        else:
            lines.append(f"{prob} {fix}")
    return fm.head(rng.choice(B.FIX_HEADINGS)) + "\n" + "\n\n".join(lines)


# --------------------------------------------------------------------------- styles
def wikihow(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    parts = [fm.title(plan.f(rng.choice(B.HOWTO_TITLES[:4])))]
    intro = plan.intro[:2 if plan.long else 1] + [plan.f(rng.choice(B.HOWTO_INTROS))]
    if plan.before:
        intro.append(plan.before)
    parts.append(" ".join(intro))
    need = plan.need + plan.tools
    need_first = rng.random() < 0.5
    if need and need_first:
        parts.append(fm.head(rng.choice(B.NEED_HEADINGS)) + "\n" + fm.bullets(need))
    items = []
    for text, cmds in plan.steps:
        first, rest = B.first_sentence(text)
        s = (f"**{first}**" if fm.md else first) + (" " + rest if rest else "")
        items.append(_step_text(fm, s, cmds, block=bool(cmds) and fm.md))
    sep = "\n\n" if any(c for _, c in plan.steps) or rng.random() < 0.4 else "\n"
    parts.append(fm.head(rng.choice(B.STEP_HEADINGS)) + "\n" + sep.join(
        fm.num.format(i=i) + x for i, x in enumerate(items, 1)))
    parts += _tips_block(rng, plan, fm)
    if plan.fixes and (plan.long or rng.random() < 0.35):
        parts.append(_fix_block(rng, plan, fm))
    if plan.faqs and (plan.long or rng.random() < 0.3):
        parts.append(_faq_block(rng, plan, fm))
    if need and not need_first:
        parts.append(fm.head(rng.choice(B.NEED_HEADINGS)) + "\n" + fm.bullets(need))
    return "\n\n".join(parts)


def blog_tutorial(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    title = plan.f(rng.choice(B.HOWTO_TITLES))
    parts = [fm.title(title)] if rng.random() < 0.8 else []
    opener = plan.f(rng.choice(B.BLOG_OPENERS))
    if plan.intro and (plan.long or rng.random() < 0.6):
        opener += " " + " ".join(plan.intro)
    parts.append(opener)
    if plan.before:
        parts.append(plan.before)
    need = plan.need + plan.tools
    if need:
        if rng.random() < 0.5:
            parts.append(rng.choice(("Here's what you'll need:", "What you need:", "Gather your supplies:",
                                     "First, the shopping list:")) + "\n" + fm.bullets(need))
        else:
            parts.append(_need_sentence(rng, plan))
    if rng.random() < 0.5:
        parts.extend(_prose_steps(rng, plan, fm, asides=0.25))
    else:
        if rng.random() < 0.5:
            parts.append(rng.choice(("Here's the process.", "Okay, let's get into it.", "Now for the fun part.",
                                     "The steps are below.")))
        label = rng.choice(("**Step {i}.** ", "### Step {i}\n", "{i}. ", "Step {i}: ")) if fm.md else rng.choice(("{i}. ", "Step {i}: ", "{i}) "))
        for i, (text, cmds) in enumerate(plan.steps, 1):
            body = label.format(i=i) + text
            if rng.random() < 0.25:
                body += " " + rng.choice(B.BLOG_ASIDES)
            parts.append(_step_text(fm, body, cmds, block=True))
    if plan.tips:
        parts.append(rng.choice(("A couple of things I've learned along the way: ", "A few tips: ", "Some tips from experience. ",
                                 "")) + " ".join(plan.tips))
    if plan.warns and rng.random() < 0.7:
        parts.append(rng.choice(B.WARN_LEADS) + " ".join(plan.warns))
    if plan.fixes and (plan.long or rng.random() < 0.4):
        parts.append(rng.choice(("If something goes wrong", "Troubleshooting", "What if it doesn't work?",
                                 "A few problems I've run into")) + "\n\n"
                     + "\n\n".join(f"{p} {fx}" for p, fx in plan.fixes))
    if plan.faqs and (plan.long or rng.random() < 0.3):
        parts.append(rng.choice(("Some questions I get a lot:", "Reader questions", "FAQ")) + "\n\n"
                     + "\n\n".join(f"{q} {a}" for q, a in plan.faqs))
    parts.append(plan.f(rng.choice(B.BLOG_CLOSINGS)))
    return "\n\n".join(parts)


def checklist(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    box = rng.choice(("[ ] ", "- [ ] ", "☐ ", "- ", "* "))
    parts = [fm.title(plan.f(rng.choice(B.CHECKLIST_TITLES)))]
    if rng.random() < 0.4:
        parts.append(rng.choice(("Print this out and tick things off as you go.", "Short version, for when you've done it before.",
                                 "Everything in order, nothing extra.", plan.f("Use this list every time you {t}."))))
    need = plan.need + plan.tools
    if need and rng.random() < 0.7:
        parts.append(fm.head(rng.choice(("Before you start", "Gather", "Have ready", "Supplies"))) + "\n"
                     + "\n".join(box + x for x in need))
    lines = []
    for text, cmds in plan.steps:
        first, _ = B.first_sentence(text)
        if cmds:
            first = f"{first.rstrip('.')} ({fm.inline(cmds[:1])})"
        lines.append(box + first)
    parts.append(fm.head(rng.choice(("Steps", "Do", "Then", "Checklist", "Process"))) + "\n" + "\n".join(lines))
    if plan.warns:
        parts.append(rng.choice(B.WARN_LEADS) + plan.warns[0])
    return "\n\n".join(parts)


def guide(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    parts = []
    if rng.random() < 0.75:
        parts.append(fm.title(plan.f(rng.choice(B.HOWTO_TITLES))))
    intro = plan.intro + ([plan.f(rng.choice(B.HOWTO_INTROS))] if rng.random() < 0.6 else [])
    if intro:
        parts.append(" ".join(intro))
    ns = _need_sentence(rng, plan)
    if ns:
        parts.append(ns + (" " + plan.before if plan.before else ""))
    parts.extend(_prose_steps(rng, plan, fm))
    extra = []
    for tip in plan.tips:
        extra.append(rng.choice(B.TIP_LEADS) + tip)
    for w in plan.warns:
        extra.append(rng.choice(B.WARN_LEADS) + w)
    if extra:
        parts.append(" ".join(extra))
    if plan.faqs and (plan.long or rng.random() < 0.3):
        parts.extend(f"{q} {a}" for q, a in plan.faqs)
    if plan.fixes and (plan.long or rng.random() < 0.5):
        p, fx = plan.fixes[0]
        parts.append(rng.choice(("If things don't go to plan: ", "What if it doesn't work? ", "One common problem: ")) + p + " " + fx)
    return "\n\n".join(parts)


def numbered(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    parts = [fm.title(plan.f(rng.choice(B.HOWTO_TITLES)))]
    if rng.random() < 0.5:
        parts.append(plan.f(rng.choice(B.HOWTO_INTROS)))
    items = [_step_text(fm, text, cmds, block=False) for text, cmds in plan.steps]
    parts.append(fm.numbered(items))
    if plan.tips and rng.random() < 0.5:
        parts.append(rng.choice(B.TIP_LEADS) + plan.tips[0])
    return "\n\n".join(parts)


def forum_answer(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    asker, helper = B.username(rng), B.username(rng)
    title = plan.f(rng.choice(B.HOWTO_FORUM_TITLES))
    head = rng.choice((f"Title: {title}", f"{title}", f"[{dom.name.replace('_', ' ')}] {title}", f"Thread: {title}"))
    post_by = rng.choice((f"Posted by {asker}", f"{asker} wrote:", f"{asker} asked:", f"Original post by {asker}"))
    body = []
    greeting = rng.choice(B.FORUM_GREETINGS) if rng.random() < 0.5 else ""
    if plan.asks:
        body.append(rng.choice(plan.asks))
    body.append(plan.f(rng.choice(("I need to {t} and have never done it before.", "How do you {t}?",
                                   "Can someone walk me through how to {t}?", "I'm trying to {t} and getting nowhere.",
                                   "What's the proper way to {t}?"))))
    body.append(rng.choice(B.HOWTO_FORUM_ASKS))
    reply_by = rng.choice((f"{helper} replied:", f"Reply from {helper}", f"{helper} wrote:", f"Best answer - {helper}",
                           f"Re: {title}\n{helper}:"))
    reply = []
    op = rng.choice(B.HOWTO_REPLY_OPENERS)
    if op:
        reply.append(op)
    if rng.random() < 0.55:
        items = [_step_text(fm, t, c, block=False) for t, c in plan.steps]
        reply.append(fm.numbered(items) if rng.random() < 0.7 else fm.bullets(items))
    else:
        reply.extend(_prose_steps(rng, plan, fm))
    if plan.warns and rng.random() < 0.5:
        reply.append(rng.choice(B.WARN_LEADS) + plan.warns[0])
    closer = rng.choice(B.HOWTO_REPLY_CLOSERS)
    if closer:
        reply.append(closer)
    post = " ".join(x for x in body if x)
    if greeting:
        post = greeting + ("\n\n" if greeting.endswith(",") else " ") + post
    parts = [head, post_by, post, reply_by, "\n\n".join(reply)]
    tips = plan.tips + [f"{p} {fx}" for p, fx in plan.fixes]
    if tips and rng.random() < 0.5:
        tip = rng.choice(tips)
        parts.append(f"{B.username(rng)} wrote:")
        parts.append(rng.choice(B.HOWTO_SECOND_REPLY).format(tip=tip, tipl=_lowfirst(tip)))
    if rng.random() < 0.35:
        parts.append(f"{asker}:")
        parts.append(rng.choice(B.HOWTO_OP_THANKS))
    return "\n\n".join(parts)


def faq(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    parts = [fm.title(plan.f(rng.choice(B.FAQ_TITLES)))]
    if plan.intro and rng.random() < 0.6:
        parts.append(" ".join(plan.intro))
    qa: list[tuple[str, str]] = []
    need = plan.need + plan.tools
    if need:
        qa.append((plan.f(rng.choice(("What do I need to {t}?", "What tools and materials do I need?", "What should I get before I start?"))),
                   B.cap(B.join_and(need)) + "."))
    steps_txt = _prose_steps(rng, plan, Fmt(rng))
    qa.append((plan.f(rng.choice(("How do I {t}?", "What are the steps?", "How does it work, step by step?"))),
               "\n\n".join(steps_txt)))
    for p, fx in plan.fixes:
        q = p.rstrip(".")
        qa.append((rng.choice(("What if ", "What should I do if ")) + _lowfirst(q) + "?", fx) if not q.endswith("?") else (q, fx))
    qa += plan.faqs
    if plan.tips:
        qa.append((rng.choice(("Any tips?", "Anything else I should know?", "How do I get better results?")), " ".join(plan.tips)))
    first_need = qa[:1] if need else []
    rest = qa[len(first_need):]
    # keep the how-to answer near the top, shuffle the others after it
    head, tail = rest[:1], rest[1:]
    rng.shuffle(tail)
    if fm.head_kind == "upper":
        fm.head_kind = "plain"
    for q, a in first_need + head + tail:
        parts.append(fm.head(q, 3) + "\n" + a)
    return "\n\n".join(parts)


def recipe_card(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    parts = [fm.title(plan.dish)]
    meta = []
    if plan.serves:
        meta.append(rng.choice(("Serves ", "Serves: ", "Yield: ", "Makes: ")) + plan.serves)
    if plan.time:
        meta.append(rng.choice(("Time: ", "Takes: ", "")) + plan.time)
    if meta:
        parts.append(rng.choice((" | ", " · ", "\n")).join(meta))
    if plan.intro and rng.random() < 0.5:
        parts.append(plan.intro[0])
    parts.append(fm.head(rng.choice(("Ingredients", "Ingredients", "You'll need"))) + "\n" + fm.bullets(plan.need))
    if plan.tools and rng.random() < 0.4:
        parts.append(fm.head(rng.choice(("Equipment", "Tools"))) + "\n" + fm.bullets(plan.tools))
    parts.append(fm.head(rng.choice(("Method", "Directions", "Instructions", "Steps"))) + "\n"
                 + fm.numbered([t for t, _ in plan.steps]))
    notes = plan.tips + plan.warns
    if notes:
        parts.append(fm.head(rng.choice(("Notes", "Cook's notes", "Tips"))) + "\n" + fm.bullets(notes))
    return "\n\n".join(parts)


def readme(rng: random.Random, dom: Domain, plan: Plan) -> str:
    fm = Fmt(rng)
    fm.md = True
    fm.head_kind = "md"
    if fm.fence == "indent":
        fm.fence = "```bash"
    parts = ["# " + rng.choice((plan.f("{G}"), plan.f("How to {t}"), plan.f("{T}"), "Setup"))]
    if plan.intro or rng.random() < 0.5:
        parts.append(" ".join(plan.intro) or plan.f("These notes describe how to {t}."))
    need = plan.need + plan.tools
    if need:
        parts.append(fm.head(rng.choice(("Prerequisites", "Requirements", "Before you begin"))) + "\n" + fm.bullets(need))
    parts.append(fm.head(rng.choice(("Installation", "Setup", "Steps", "Getting started", "Usage"))))
    for i, (text, cmds) in enumerate(plan.steps, 1):
        body = (f"{i}. {text}" if rng.random() < 0.5 else text)
        parts.append(_step_text(fm, body, cmds, block=True))
    if plan.fixes:
        parts.append(_fix_block(rng, plan, fm))
    if plan.tips and rng.random() < 0.6:
        parts.append(fm.head("Notes") + "\n" + fm.bullets(plan.tips + plan.warns))
    return "\n\n".join(parts)


RENDERERS = {"wikihow": wikihow, "blog_tutorial": blog_tutorial, "checklist": checklist, "guide": guide,
             "forum_answer": forum_answer, "faq": faq, "numbered": numbered, "recipe_card": recipe_card,
             "readme": readme}
SOURCE_OF = {"forum_answer": "forum", "readme": "code"}


def styles_for(domain: str) -> tuple[str, ...]:
    return GENERIC_STYLES + DOMAINS[domain].styles


def howto_document(rng: random.Random, domain: str | None = None, style: str | None = None) -> WorldDoc:
    """One everyday how-to guide; everything is drawn from ``rng``."""
    if domain is None:
        domain = rng.choice(DOMAIN_NAMES)
    dom = DOMAINS[domain]
    if style is None:
        # domain-specific formats (recipe cards, READMEs) are the most typical for their domain
        style = rng.choice(dom.styles) if dom.styles and rng.random() < 0.35 else rng.choice(GENERIC_STYLES)
    ti = rng.randrange(len(dom.tasks))
    plan = Plan(rng, dom, dom.tasks[ti])
    text = RENDERERS[style](rng, dom, plan)
    return WorldDoc(text=text, source=SOURCE_OF.get(style, "web"), doc_type="procedural", style=style,
                    procedure=f"howto:{domain}", extra={"howto_task": plan.t})
