"""The procedural half of the world: math procedures, how-to guides, reasoning/control queries."""

from __future__ import annotations

import contextlib
import io
import math
import random
import re
import statistics
import time
from fractions import Fraction

import pytest

from curate.world.base import SOURCES, doc_rng
from curate.world.howto import DOMAINS, GENERIC_STYLES, HOWTO_STYLES, howto_document, styles_for
from curate.world.procedural import MATH_STYLES, ProceduralWorld
from curate.world.procedural_banks import gerund
from curate.world.procedures import TASKS_BY_NAME, UNITS

N_DOCS = 3000


@pytest.fixture(scope="module")
def world() -> ProceduralWorld:
    return ProceduralWorld(seed=7)


@pytest.fixture(scope="module")
def docs(world: ProceduralWorld) -> list:
    return [world.document(doc_rng(7, i)) for i in range(N_DOCS)]


# --------------------------------------------------------------------------- determinism
def test_same_seed_and_index_same_document() -> None:
    a, b = ProceduralWorld(3), ProceduralWorld(3)
    for i in range(40):
        da, db = a.document(doc_rng(3, i)), b.document(doc_rng(3, i))
        assert da.text == db.text
        assert da.metadata() == db.metadata()


def test_different_seed_different_documents_and_queries() -> None:
    a, b = ProceduralWorld(1), ProceduralWorld(2)
    texts_a = [a.document(doc_rng(1, i)).text for i in range(50)]
    texts_b = [b.document(doc_rng(2, i)).text for i in range(50)]
    assert sum(x != y for x, y in zip(texts_a, texts_b)) >= 48
    assert [q.prompt for q in a.queries()] != [q.prompt for q in b.queries()]
    assert [q.to_dict() for q in ProceduralWorld(1).queries()] == [q.to_dict() for q in a.queries()]


# --------------------------------------------------------------------------- coverage
def test_task_list_starts_with_paper_tasks() -> None:
    assert ProceduralWorld.TASKS[:3] == ("arithmetic", "slope", "linear_equation")
    assert len(ProceduralWorld.TASKS) >= 9
    assert len(DOMAINS) >= 15


def test_every_task_and_style_renders(world: ProceduralWorld) -> None:
    rng = random.Random(0)
    for task in ProceduralWorld.TASKS:
        for style in MATH_STYLES:
            for _ in range(3):
                d = world.math_document(rng, task, style)
                assert d.procedure == task and d.style == style and d.doc_type == "procedural"
                assert d.text.strip()
                assert style == "code" or "{" not in d.text
                assert d.source == {"code": "code", "forum": "forum"}.get(style, "web")
                assert d.extra["operands"] and len(d.extra["operands"]) == len(d.extra["answers"])


def test_every_domain_and_style_renders() -> None:
    leftover = re.compile(r"\{[A-Za-z]+\d?\}|\{\d+-\d+\}")
    rng = random.Random(1)
    for name, dom in DOMAINS.items():
        assert len(dom.tasks) >= 2, name
        for style in styles_for(name):
            for _ in range(4):
                d = howto_document(rng, name, style)
                assert d.procedure == f"howto:{name}" and d.style == style and d.doc_type == "procedural"
                assert d.source in SOURCES
                assert not leftover.search(d.text), (name, style, leftover.search(d.text))
                assert 35 <= len(d.text.split()) <= 800, (name, style, len(d.text.split()))


def test_random_documents_reach_everything(docs: list) -> None:
    procs = {d.procedure for d in docs}
    assert set(ProceduralWorld.TASKS) <= procs
    assert {f"howto:{n}" for n in DOMAINS} <= procs
    styles = {d.style for d in docs}
    assert set(MATH_STYLES) | set(GENERIC_STYLES) <= styles
    assert set(HOWTO_STYLES) <= styles
    for d in docs:
        assert d.doc_type == "procedural"
        assert d.source in SOURCES
        assert d.procedure in ProceduralWorld.TASKS or d.procedure.startswith("howto:")
    share = sum(d.procedure.startswith("howto:") for d in docs) / len(docs)
    assert 0.3 < share < 0.6


def test_documents_vary(docs: list) -> None:
    texts = [d.text for d in docs]
    assert len(set(texts)) >= 0.99 * len(texts)
    howto = [d.text for d in docs if d.procedure.startswith("howto:")]
    openings = {t.split("\n", 1)[0] for t in howto}
    assert len(openings) >= 0.5 * len(howto)
    words = [len(t.split()) for t in howto]
    assert min(words) >= 35 and max(words) >= 350 and statistics.median(words) >= 100


# --------------------------------------------------------------------------- reserved queries
def test_query_problems_never_in_documents(world: ProceduralWorld, docs: list) -> None:
    reserved = world.reserved()
    maths = [q for q in world.queries() if q.kind == "reasoning" and q.task != "howto"]
    assert len(reserved) == len(maths)
    seen = [o for d in docs for o in d.extra.get("operands", [])]
    assert len(seen) > 1000
    assert not set(seen) & reserved
    questions = [q.prompt[len("Q: "):-len("\nA:")] for q in maths]
    for d in docs:
        for question in questions:
            assert question not in d.text


def test_reserved_draw_resamples(world: ProceduralWorld) -> None:
    for name in ProceduralWorld.TASKS:
        task = TASKS_BY_NAME[name]
        key = task.sample(random.Random(99)).key
        w = ProceduralWorld(7)
        w._reserved.add(key)
        assert w._draw(task, random.Random(99)).key != key


# --------------------------------------------------------------------------- queries
def test_query_splits_and_ids(world: ProceduralWorld) -> None:
    qs = world.queries()
    assert len({q.id for q in qs}) == len(qs)
    by_split = {s: [q for q in qs if q.split == s] for s in ("influence", "probe")}
    assert not {q.prompt for q in by_split["influence"]} & {q.prompt for q in by_split["probe"]}
    for split, rows in by_split.items():
        for name in ProceduralWorld.TASKS:
            n = sum(q.task == name and q.kind == "reasoning" for q in rows)
            assert n == (10 if name in ProceduralWorld.PAPER_TASKS else 4), (split, name)
        assert sum(q.kind == "control" for q in rows) == 10
    for q in qs:
        assert q.kind in ("reasoning", "control")
        assert re.fullmatch(rf"(reasoning-{q.task}|control)-{q.split}-\d{{3}}", q.id)
        assert q.prompt.startswith("Q: ") and q.prompt.endswith("\nA:")
        if q.task != "howto":
            assert q.completion.startswith(" ") and q.completion.endswith(f" The answer is {q.answer}.")
        if q.kind == "control":
            assert q.task == "reasoning_control" and q.answer in q.prompt


def _solve(task: str, question: str) -> str:
    """Recompute a query's answer from its question text alone."""
    nums = [int(x) for x in re.findall(r"\d+", question)]
    if task == "arithmetic":
        expr = question[len("Calculate "):-1]
        assert re.fullmatch(r"[\d+\-*/() ]+", expr)
        val = Fraction(eval(expr.replace("/", "*Fraction(1,1)/")))  # noqa: S307 - digits and operators only
        return str(val)
    if task == "slope":
        x1, y1, x2, y2 = nums
        return str(Fraction(y2 - y1, x2 - x1))
    if task == "linear_equation":
        a, b, c = nums
        return str(Fraction(c - b if "+" in question else c + b, a))
    if task == "percentage":
        p, n = nums
        return str(Fraction(p * n, 100))
    if task == "mean":
        return str(Fraction(sum(nums), len(nums)))
    if task == "unit_conversion":
        m = re.fullmatch(r"Convert (\d+) (\w+) to (\w+)\.", question)
        v, src, dst = int(m.group(1)), m.group(2), m.group(3)
        for _big, bigpl, _small, smallpl, f in UNITS:
            if (src, dst) == (bigpl, smallpl):
                return str(v * f)
            if (src, dst) == (smallpl, bigpl):
                return str(Fraction(v, f))
        raise AssertionError(question)
    if task == "gcd":
        return str(math.gcd(*nums))
    if task == "compound_interest":
        P, n, r = nums
        bal = Fraction(P)
        for _ in range(n):
            bal += bal * r / 100
        return str(bal)
    if task == "sorting":
        return ", ".join(map(str, sorted(nums, reverse="largest to smallest" in question)))
    if task == "area_perimeter":
        if "rectangle" in question:
            l, w = nums
            return str(l * w if "area" in question else 2 * (l + w))
        if "triangle" in question:
            b, h = nums
            return str(Fraction(b * h, 2))
        (s,) = nums
        return str(s * s if "area" in question else 4 * s)
    if task == "ratio":
        total, p, q = nums
        return str(Fraction(total * (p if "first" in question else q), p + q))
    if task == "median":
        return str(statistics.median(nums))
    raise AssertionError(task)


_EQ = re.compile(r"(?<![\d-])((?:-?\d+ (?:[+*/-]|mod) )+-?\d+) = (-?\d+)")


def test_query_answers_are_correct(world: ProceduralWorld) -> None:
    for q in world.queries():
        if q.kind != "reasoning" or q.task == "howto":
            continue
        question = q.prompt[len("Q: "):-len("\nA:")]
        assert _solve(q.task, question) == q.answer, q
        if q.task != "sorting":
            assert int(q.answer) > 0
        steps = _EQ.findall(q.completion)
        assert steps or q.task in ("sorting", "median"), q
        for expr, result in steps:
            if " mod " in expr:
                a, b = map(int, expr.split(" mod "))
                got = a % b
            else:
                got = eval(re.sub(r"-?\d+", lambda m: f"Fraction({m.group(0)})", expr))  # noqa: S307
            assert got == int(result), (q.completion, expr, result)


def test_worked_documents_use_the_query_format(world: ProceduralWorld) -> None:
    rng = random.Random(5)
    block = re.compile(r"Q: ([^\n]+)\nA: ([^\n]+) The answer is ([^\n]+)\.")
    for name in ProceduralWorld.TASKS:
        for _ in range(5):
            d = world.math_document(rng, name, "worked")
            found = block.findall(d.text)
            assert len(found) == len(d.extra["operands"])
            for (question, _steps, answer), ans in zip(found, d.extra["answers"]):
                assert answer == ans
                assert _solve(name, question) == answer
                assert f"Q: {question}\nA:" in d.text
        # a query's prompt + completion has exactly the shape of a worked block
        q = next(q for q in world.queries() if q.task == name)
        assert block.fullmatch(q.prompt + q.completion)


# --------------------------------------------------------------------------- code
def test_code_documents_run_and_print_what_they_show(world: ProceduralWorld) -> None:
    rng = random.Random(11)
    fence = re.compile(r"```(?:python|py)?\n(.*?)```", re.S)
    for name in ProceduralWorld.TASKS:
        for _ in range(12):
            d = world.math_document(rng, name, "code")
            assert d.source == "code"
            m = fence.search(d.text)
            assert m, d.text
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(m.group(1), "<doc>", "exec"), {})  # noqa: S102 - our own generated code
            printed = buf.getvalue().strip()
            assert printed
            shown = d.text[m.end():]
            for line in printed.split("\n"):
                assert line in shown, (d.text, printed)
            assert d.extra["answers"][0].split(", ")[-1] in printed


# --------------------------------------------------------------------------- misc
def test_gerund() -> None:
    assert gerund("make a soup") == "making a soup"
    assert gerund("log in") == "logging in"
    assert gerund("tie-dye a shirt") == "tie-dyeing a shirt"
    assert gerund("clean an oven") == "cleaning an oven"
    assert gerund("set up git") == "setting up git"


def test_speed() -> None:
    w = ProceduralWorld(0)
    t0 = time.perf_counter()
    for i in range(2000):
        w.document(doc_rng(0, i))
    per_doc = (time.perf_counter() - t0) / 2000
    assert per_doc < 0.002, f"{per_doc * 1e3:.2f} ms per document"


def test_howto_queries_are_open_ended_steps(world: ProceduralWorld) -> None:
    howto = [q for q in world.queries() if q.task == "howto"]
    n_inf, n_probe = ProceduralWorld.N_HOWTO
    assert len(howto) == (n_inf + n_probe) * len(ProceduralWorld.HOWTO_DOMAINS)
    assert {q.split for q in howto} == {"influence", "probe"}
    for q in howto:
        assert q.kind == "reasoning" and q.answer == ""
        assert q.prompt.startswith("Q: How do you ") and q.prompt.endswith("?\nA:")
        assert q.completion.startswith(" First, ") and q.completion.endswith(".")
    assert len({q.prompt for q in howto}) == len(howto)


def test_drills_are_query_format_practice_that_never_uses_a_query_problem() -> None:
    from curate.world.drills import drill_documents

    docs = drill_documents(200, seed=0, pairs=6)
    assert docs == drill_documents(200, seed=0, pairs=6)  # deterministic
    assert docs != drill_documents(200, seed=1, pairs=6)
    pairs = [block for doc in docs for block in doc.split("\n\n")]
    assert len(pairs) == 1200
    pattern = re.compile(r"Q: .+\nA: First, .+ The answer is .+\.", re.S)
    assert all(pattern.fullmatch(p) for p in pairs)
    assert len({p.split("\nA:")[0] for p in pairs}) > 1000  # varied problems
    query_prompts = {q.prompt for q in ProceduralWorld(0).queries()}
    assert not query_prompts & {p.split("\nA:")[0] + "\nA:" for p in pairs}
    # a prompt passed in is never drilled, whatever the seed's reserved problems are
    first = pairs[0].split("\nA:")[0] + "\nA:"
    again = drill_documents(200, seed=0, pairs=6, exclude_prompts=[first])
    assert first not in {b.split("\nA:")[0] + "\nA:" for d in again for b in d.split("\n\n")}
    with pytest.raises(ValueError):
        drill_documents(1, pairs=0)
