"""The procedural half of the generated world: worked procedures and everyday how-to guides.

:class:`ProceduralWorld` draws one procedural document per call from the caller's rng:

* math/algorithmic procedures (``procedure`` = a name in :attr:`ProceduralWorld.TASKS`), each in
  the styles ``prose``, ``steps``, ``code``, ``formula``, ``forum``, ``worked`` and ``exercises``;
  ``worked`` documents are Q/A pairs in exactly the query format, so a small reference model
  learns that format from pretraining;
* everyday how-to guides (``procedure`` = ``"howto:<domain>"``), see :mod:`curate.world.howto`.

It also owns the reasoning and control queries. Query problems are drawn in ``__init__`` from
``random.Random(f"curate-queries:{seed}")`` and reserved: a document that draws a reserved
problem draws again, so no query's numbers are ever a document's problem. Each math document
records its problems in ``extra["operands"]`` (``"task:form:a:b:c"`` strings) and their answers
in ``extra["answers"]``.
"""

from __future__ import annotations

import random

from curate.world import procedural_banks as B
from curate.world.base import Query, WorldDoc
from curate.world.howto import DOMAIN_NAMES, DOMAINS, HOWTO_STYLES, Plan, howto_document
from curate.world.procedures import PAPER_TASKS, TASK_LIST, TASKS_BY_NAME, MathTask, Prob

MATH_STYLES = ("prose", "steps", "code", "formula", "forum", "worked", "exercises")
_STYLE_WEIGHTS = (0.18, 0.15, 0.15, 0.12, 0.12, 0.18, 0.10)
_STYLE_SOURCE = {"code": "code", "forum": "forum"}
CONTROL_TASK = "reasoning_control"
HOWTO_TASK = "howto"
_ORDINALS = ("First,", "Then,", "Next,", "After that,")

_CONTROL_WORDS = ("apple", "river", "candle", "window", "garden", "pencil", "yellow", "bridge", "orange", "castle",
                  "silver", "rabbit", "forest", "button", "planet", "ladder", "basket", "pillow", "mirror", "saddle",
                  "marble", "violin", "tunnel", "walnut")


def steps_completion(steps: list[str], most: int = 4) -> str:
    """`` First, a. Then, b. ... Finally, z.`` from the first sentence of each step."""
    firsts = [st.split(". ")[0].rstrip(".") for st in steps[:most]]
    words = [*_ORDINALS[: len(firsts) - 1], "Finally,"] if len(firsts) > 1 else ["First,"]
    return "".join(f" {w} {s[:1].lower()}{s[1:]}." for w, s in zip(words, firsts))


def problem_id(p: Prob) -> str:
    """The string form of a problem key recorded in ``WorldDoc.extra["operands"]``."""
    return ":".join(map(str, p.key))


class ProceduralWorld:
    """Procedural documents and the reasoning/control queries of one seed."""

    TASKS: tuple[str, ...] = tuple(t.name for t in TASK_LIST)
    PAPER_TASKS: tuple[str, ...] = PAPER_TASKS
    STYLES: tuple[str, ...] = MATH_STYLES
    HOWTO_STYLES: tuple[str, ...] = HOWTO_STYLES
    HOWTO_DOMAINS: tuple[str, ...] = DOMAIN_NAMES
    #: share of how-to guides among procedural documents
    HOWTO_SHARE = 0.45
    #: queries per split (influence, probe) for paper tasks and for the other tasks
    N_PAPER_QUERIES = (10, 10)
    N_OTHER_QUERIES = (4, 4)
    N_CONTROL = (10, 10)
    #: how-to queries per domain (influence, probe): everyday procedures, with no exact answer
    N_HOWTO = (1, 1)

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._task_weights = [2.0 if t.name in PAPER_TASKS else 1.0 for t in TASK_LIST]
        self._queries: list[Query] = []
        self._reserved: set[tuple] = set()
        qrng = random.Random(f"curate-queries:{seed}")
        for task in TASK_LIST:
            n_inf, n_probe = self.N_PAPER_QUERIES if task.name in PAPER_TASKS else self.N_OTHER_QUERIES
            probs: list[Prob] = []
            while len(probs) < n_inf + n_probe:
                p = task.sample(qrng)
                if p.key not in self._reserved:
                    self._reserved.add(p.key)
                    probs.append(p)
            for i, p in enumerate(probs):
                split, idx = ("influence", i) if i < n_inf else ("probe", i - n_inf)
                self._queries.append(Query(
                    id=f"reasoning-{task.name}-{split}-{idx:03d}", prompt=f"Q: {task.question(p)}\nA:",
                    completion=task.completion(p), answer=p.answer, task=task.name, kind="reasoning", split=split))
        self._queries += self._control_queries(qrng)
        # a separate stream: adding how-to queries leaves every query above unchanged
        self._queries += self._howto_queries(random.Random(f"curate-howto-queries:{seed}"))

    # ------------------------------------------------------------------ queries
    def _control_queries(self, rng: random.Random) -> list[Query]:
        n_inf, n_probe = self.N_CONTROL
        seen: set[str] = set()
        out: list[Query] = []
        while len(out) < n_inf + n_probe:
            kind = rng.randrange(4)
            if kind == 0:
                item = str(rng.randint(0, 99))
                q = f"Repeat the number {item}."
            elif kind == 1:
                item = rng.choice(_CONTROL_WORDS)
                q = f"Copy the word {item}."
            elif kind == 2:
                item = str(rng.randint(0, 99))
                q = f"Write down the number {item}."
            else:
                item = rng.choice(_CONTROL_WORDS)
                q = f"Say the word {item}."
            if q in seen:
                continue
            seen.add(q)
            i = len(out)
            split, idx = ("influence", i) if i < n_inf else ("probe", i - n_inf)
            out.append(Query(id=f"control-{split}-{idx:03d}", prompt=f"Q: {q}\nA:", completion=f" The answer is {item}.",
                             answer=item, task=CONTROL_TASK, kind="control", split=split))
        return out

    def _howto_queries(self, rng: random.Random) -> list[Query]:
        """One everyday task per domain and split, answered as a short sequence of steps.

        Without them a how-to guide has nothing procedural to influence but the maths
        queries, and influence cannot tell it from narrative. The answer is empty: there is
        no single right string, so these queries count towards loss, not exact match.
        """
        n_inf, n_probe = self.N_HOWTO
        out: list[Query] = []
        for domain in DOMAIN_NAMES:
            dom = DOMAINS[domain]
            tasks = rng.sample(range(len(dom.tasks)), min(n_inf + n_probe, len(dom.tasks)))
            for i in range(n_inf + n_probe):
                plan = Plan(rng, dom, dom.tasks[tasks[i % len(tasks)]])
                split = "influence" if i < n_inf else "probe"
                idx = sum(q.split == split for q in out)
                out.append(Query(id=f"reasoning-howto-{split}-{idx:03d}", prompt=f"Q: How do you {plan.t}?\nA:",
                                 completion=steps_completion([text for text, _ in plan.steps]), answer="",
                                 task=HOWTO_TASK, kind="reasoning", split=split))
        return out

    def queries(self) -> list[Query]:
        return list(self._queries)

    def reserved(self) -> frozenset[str]:
        """Problem ids (as in ``extra["operands"]``) that no document may use."""
        return frozenset(":".join(map(str, k)) for k in self._reserved)

    # ------------------------------------------------------------------ documents
    def document(self, rng: random.Random) -> WorldDoc:
        if rng.random() < self.HOWTO_SHARE:
            return howto_document(rng)
        return self.math_document(rng)

    def howto_document(self, rng: random.Random, domain: str | None = None, style: str | None = None) -> WorldDoc:
        return howto_document(rng, domain, style)

    def math_document(self, rng: random.Random, task: str | None = None, style: str | None = None) -> WorldDoc:
        t = TASKS_BY_NAME[task] if task else rng.choices(TASK_LIST, weights=self._task_weights)[0]
        style = style or rng.choices(MATH_STYLES, weights=_STYLE_WEIGHTS)[0]
        probs = [self._draw(t, rng)]
        text = _RENDER[style](self, rng, t, probs)
        return WorldDoc(text=text, source=_STYLE_SOURCE.get(style, "web"), doc_type="procedural", style=style,
                        procedure=t.name,
                        extra={"operands": [problem_id(p) for p in probs], "answers": [p.answer for p in probs]})

    def practice_pair(self, rng: random.Random) -> tuple[str, str]:
        """``(prompt, completion)`` in the query format for a problem no query uses, of a task drawn
        as documents draw them: worked practice for a reference model (:mod:`curate.world.drills`)."""
        t = rng.choices(TASK_LIST, weights=self._task_weights)[0]
        p = self._draw(t, rng)
        return f"Q: {t.question(p)}\nA:", t.completion(p)

    def _draw(self, task: MathTask, rng: random.Random) -> Prob:
        while True:
            p = task.sample(rng)
            if p.key not in self._reserved:
                return p


# ---------------------------------------------------------------------------------------------- helpers
def _topic(rng: random.Random, t: MathTask) -> str:
    return rng.choice(t.topics)


_SELF_CONNECTED = {"Then", "Now", "Next", "Finally", "So", "First", "Start", "Of", "From", "Only", "That", "With",
                   "Check", "Quick", "Notice", "Substituting", "To"}


def _bare(topic: str) -> str:
    for art in ("the ", "a "):
        if topic.startswith(art):
            return topic[len(art):]
    return topic


def _connect(rng: random.Random, sents: list[str]) -> list[str]:
    """Optionally prefix ordinal connectives: First, ..., Next, ..., Finally, ..."""
    if len(sents) < 2 or rng.random() < 0.4:
        return list(sents)
    out = []
    for i, s in enumerate(sents):
        if s.split(" ", 1)[0].rstrip(",") in _SELF_CONNECTED:
            out.append(s)
            continue
        if i == 0:
            lead = rng.choice(("First, ", "To start, ", "Step one: ", "First of all, "))
        elif i == len(sents) - 1:
            lead = rng.choice(("Finally, ", "Lastly, ", "Then ", "Last, "))
        else:
            lead = rng.choice(("Next, ", "Then ", "After that, ", "Now "))
        out.append(lead + B.lower_first(s))
    return out


def _number(rng: random.Random, items: list[str]) -> str:
    fmt = rng.choice(("{i}. ", "{i}. ", "Step {i}: ", "{i}) ", "Step {i} - "))
    return "\n".join(fmt.format(i=i) + x for i, x in enumerate(items, 1))


def _heading(rng: random.Random, text: str, md: bool) -> str:
    if md:
        return rng.choice(("## ", "### ", "# ")) + text
    return rng.choice((text, text + ":", text))


def _conclude(rng: random.Random, p: Prob) -> str:
    return rng.choice(B.CONCLUSIONS).format(ans=p.answer)


def _question(rng: random.Random, t: MathTask, p: Prob, word_prob: float = 0.3) -> str:
    if rng.random() < word_prob:
        w = t.word(rng, p)
        if w:
            return w
    return t.ask(rng, p) if rng.random() < 0.8 else t.question(p)


def _confusion(rng: random.Random, c: str) -> str:
    if c.endswith(("?", ".")):
        return B.cap(c)
    return rng.choice(("The thing is, {c}.", "Honestly {c}.", "My problem: {c}.", "Basically {c}.")).format(c=c)


# ---------------------------------------------------------------------------------------------- styles
def _prose(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    p = probs[0]
    md = rng.random() < 0.4
    parts = []
    if rng.random() < 0.35:
        topic = _topic(rng, t)
        parts.append(_heading(rng, rng.choice(("Example: {T}", "{T}: a worked example", "Worked example", "{T}",
                                               "An example of {t}")).format(T=B.cap(topic), t=topic), md))
    intro = []
    if rng.random() < 0.6:
        intro += rng.sample(t.concepts, rng.randint(1, 2))
    if rng.random() < 0.35:
        intro.append(rng.choice(B.TEACHER_INTROS))
    if intro:
        parts.append(" ".join(intro))
    q = _question(rng, t, p, 0.35)
    lead = rng.choice(B.PROBLEM_LEADS)
    parts.append(f"{lead} {q}" if rng.random() < 0.7 else f"{lead}\n\n{q}")
    sents = _connect(rng, t.explain(rng, p))
    if rng.random() < 0.5:
        parts.append(" ".join(sents) + " " + _conclude(rng, p))
    else:
        parts.extend(sents)
        parts.append(_conclude(rng, p))
    extra = []
    chk = t.check(rng, p) if rng.random() < 0.4 else None
    if chk:
        extra.append(chk)
    if rng.random() < 0.3:
        extra.append(rng.choice(t.mistakes))
    if extra:
        parts.append(" ".join(extra))
    if rng.random() < 0.12:
        parts.append(f"Comment from {B.username(rng)}: {rng.choice(B.STUDENT_COMMENTS)}")
    return "\n\n".join(parts)


def _steps(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    p = probs[0]
    md = rng.random() < 0.5
    how = rng.choice(t.how)
    title = rng.choice(("How to {h}", "How To {H}", "{T}: step by step", "Steps for how to {h}", "Method: how to {h}",
                        "{H} in {n} Steps")).format(h=how, H=B.cap(B.title_case(how)), T=B.cap(_topic(rng, t)),
                                                    n=len(t.method))
    parts = [("# " if md else "") + title]
    if rng.random() < 0.5:
        parts.append(rng.choice(t.concepts))
    ans_line = rng.choice(("Answer: {a}", "**Answer:** {a}" if md else "Answer = {a}", "So the answer is {a}.",
                           "Final answer: {a}", "Result: {a}")).format(a=p.answer)
    if rng.random() < 0.5:
        method = [rng.choice(m) for m in t.method]
        parts.append(_heading(rng, rng.choice(("The steps", "Method", "Procedure", "What to do")), md) + "\n"
                     + _number(rng, method))
        parts.append(_heading(rng, rng.choice(("Example", "Worked example", "Let's try it")), md) + "\n"
                     + _question(rng, t, p, 0.25))
        sents = t.explain(rng, p)
        parts.append(_number(rng, sents) if rng.random() < 0.5 else " ".join(_connect(rng, sents)))
    else:
        parts.append(rng.choice(("Problem: ", "Example: ", "Question: ", "")) + _question(rng, t, p, 0.25))
        parts.append(_number(rng, t.explain(rng, p)))
    parts.append(ans_line)
    if rng.random() < 0.3:
        parts.append(rng.choice(B.TIP_LEADS) + rng.choice(t.mistakes))
    return "\n\n".join(parts)


def _formula(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    p = probs[0]
    md = rng.random() < 0.4
    stmt, lines = t.formula(rng, p)
    parts = []
    if rng.random() < 0.5:
        topic = _topic(rng, t)
        parts.append(_heading(rng, rng.choice(("Formula", "The formula for {t}", "Key formula: {t}", "{T}")).format(
            t=topic, T=B.cap(topic)), md))
    if rng.random() < 0.5:
        parts.append(rng.choice(t.concepts))
    lead = rng.choice(("The formula is:", "Formula:", "We use:", "Remember the rule:", "Use this:"))
    parts.append(f"{lead}\n\n    {stmt}" if rng.random() < 0.4 else f"{lead} {stmt}")
    parts.append(rng.choice(("Example: ", "Apply it to this problem. ", "For instance: ", "Let's use it. ", "Example problem: "))
                 + _question(rng, t, p, 0.25))
    indent = rng.choice(("", "    ", ""))
    body = "\n".join(indent + x for x in lines)
    if md and rng.random() < 0.4:
        body = "```\n" + "\n".join(lines) + "\n```"
    parts.append(body)
    parts.append(_conclude(rng, p))
    if rng.random() < 0.3:
        parts.append(rng.choice(t.mistakes))
    return "\n\n".join(parts)


def _code(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    p = probs[0]
    code, out = t.code(rng, p)
    how = rng.choice(t.how).replace(" by hand", "")
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice((
            "Here's how to {h} in Python.", "The following snippet shows how to {h}.", "# {T} in Python",
            "A quick way to check your answer is to let Python do the work.", "Python makes it easy to {h}.",
            "Here is a small function to {h}.", "## {T}", "Quick script I use to {h}:",
            "If you'd rather not do it by hand, a few lines of Python will {h}.")).format(
            h=how, T=B.cap(_topic(rng, t))))
    if rng.random() < 0.35:
        parts.append(rng.choice(t.concepts))
    fence = rng.choice(("```python", "```python", "```py", "```"))
    parts.append(f"{fence}\n{code.rstrip()}\n```")
    label = rng.choice(("Output:", "Running it prints:", "This prints:", "Result:", "When you run this you get:",
                        "$ python {f}.py".format(f=t.name)))
    if rng.random() < 0.5:
        parts.append(f"{label}\n\n```\n{out}\n```")
    else:
        parts.append(label + "\n\n" + "\n".join("    " + x for x in out.split("\n")))
    if rng.random() < 0.4:
        parts.append(rng.choice(("By hand, the same steps are: ", "Doing it on paper: ", "The logic: ", "Step by step: "))
                     + " ".join(t.explain(rng, p)))
    return "\n\n".join(parts)


def _forum(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    p = probs[0]
    asker, helper = B.username(rng), B.username(rng)
    topic = _bare(_topic(rng, t))
    title = rng.choice(B.FORUM_TITLES).format(topic=topic, Topic=B.cap(topic))
    parts = [rng.choice(("{t}", "Title: {t}", "Thread: {t}", "[Math help] {t}", "Subject: {t}")).format(t=title)]
    parts.append(rng.choice(("{u} wrote:", "Posted by {u}", "{u} asked:", "Question from {u}")).format(u=asker))
    body = []
    g = rng.choice(B.FORUM_GREETINGS)
    body.append(rng.choice(B.FORUM_STUCK) + " " + _question(rng, t, p, 0.35))
    if rng.random() < 0.6:
        body.append(_confusion(rng, rng.choice(t.confusions)))
    wrong = t.wrong(rng, p) if rng.random() < 0.45 else None
    if wrong and wrong != p.answer:
        body.append(rng.choice(("I got {w} but the answer key disagrees.", "I keep getting {w}.",
                                "My answer was {w}, is that right?", "I ended up with {w}, which seems off.")).format(w=wrong))
    body.append(rng.choice(B.FORUM_THANKS))
    post = " ".join(x for x in body if x)
    if g:
        post = g + ("\n\n" if g.endswith(",") else " ") + post
    parts.append(post)
    parts.append(rng.choice(("{u} replied:", "Reply from {u}", "{u} wrote:", "Best answer ({u}):", "Answer by {u}:")).format(u=helper))
    reply = []
    op = rng.choice(B.REPLY_OPENERS)
    if wrong and wrong != p.answer and rng.random() < 0.5:
        op = (op + " " if op else "") + f"Not quite, it should be {p.answer}."
    if op:
        reply.append(op)
    sents = t.explain(rng, p)
    if rng.random() < 0.5:
        reply.append(_number(rng, sents))
    else:
        reply.append(" ".join(_connect(rng, sents)))
    reply.append(_conclude(rng, p))
    chk = t.check(rng, p) if rng.random() < 0.3 else None
    if chk:
        reply.append(chk)
    s = rng.choice(B.REPLY_SIGNOFFS)
    if s:
        reply.append(s)
    parts.append("\n\n".join(reply))
    if rng.random() < 0.35:
        parts.append(f"{B.username(rng)} wrote:")
        parts.append(rng.choice(B.REPLY_SECOND).format(mistake=rng.choice(t.mistakes)))
    if rng.random() < 0.35:
        parts.append(f"{asker}:")
        parts.append(rng.choice(B.OP_THANKS))
    return "\n\n".join(parts)


def _worked(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    k = rng.choices((1, 2, 3), weights=(0.55, 0.3, 0.15))[0]
    while len(probs) < k:
        q = world._draw(t, rng)
        if q.key not in {x.key for x in probs}:
            probs.append(q)
    blocks = [f"Q: {t.question(p)}\nA:{t.completion(p)}" for p in probs]
    r = rng.random()
    if r < 0.5:
        return "\n\n".join(blocks)
    header = rng.choice(("Example:", "Worked example", "Practice", "Here is an example.", "Examples", B.cap(_topic(rng, t)),
                         "Solved problems", "Example problems with step-by-step answers:"))
    return header + "\n\n" + "\n\n".join(blocks)


def _exercises(world: ProceduralWorld, rng: random.Random, t: MathTask, probs: list[Prob]) -> str:
    k = rng.randint(3, 5)
    tries = 0
    while len(probs) < k and tries < 50:
        tries += 1
        q = world._draw(t, rng)
        if q.key not in {x.key for x in probs}:
            probs.append(q)
    md = rng.random() < 0.4
    topic = _topic(rng, t)
    parts = [_heading(rng, rng.choice(("Practice: {t}", "{T} - exercises", "Worksheet: {t}", "Exercises on {t}",
                                       "{T}: practice problems")).format(t=topic, T=B.cap(topic)), md)]
    if rng.random() < 0.6:
        parts.append(rng.choice(("Show your working.", "Answer each question. Solutions are at the bottom.",
                                 "Try these on your own before checking the answers.", "Work through each problem step by step.")))
    parts.append("\n".join(f"{i}. {_question(rng, t, p, 0.2)}" for i, p in enumerate(probs, 1)))
    lines = []
    short = rng.random() < 0.3
    for i, p in enumerate(probs, 1):
        if short:
            lines.append(f"{i}. {p.answer}")
        else:
            steps = [s.split(", ", 1)[1] if s.startswith(("First, ", "Then, ", "Finally, ")) else s for s in t.qa(p)]
            lines.append(f"{i}. " + "; ".join(steps) + rng.choice((", so the answer is {a}.", ". Answer: {a}", " -> {a}")).format(a=p.answer))
    parts.append(_heading(rng, rng.choice(("Answers", "Solutions", "Answer key", "Worked solutions")), md) + "\n" + "\n".join(lines))
    return "\n\n".join(parts)


_RENDER = {"prose": _prose, "steps": _steps, "code": _code, "formula": _formula, "forum": _forum, "worked": _worked,
           "exercises": _exercises}
