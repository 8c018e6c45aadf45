"""Math and algorithmic procedures of the procedural world.

Each task knows how to draw a fresh problem from an rng (small numbers, integer answers, as in
Ruis et al. 2024), how to ask it in the canonical query format (:meth:`MathTask.question` and
:meth:`MathTask.qa`), and how to explain it in several voices: explanatory sentences, a generic
method, a formula with its substitution, and a runnable Python snippet with the exact output it
prints. The style renderers in :mod:`curate.world.procedural` assemble these parts into documents.

A problem is identified by its ``key``: a tuple of the task name, the problem form and the
operands. Query problems are reserved by key, and documents never use a reserved key.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd

from curate.world.procedural_banks import NAMES, join_and


class Prob:
    """One drawn problem: its identity ``key``, its ``answer`` and the values its templates use."""

    __slots__ = ("task", "key", "answer", "v")

    def __init__(self, task: str, key: tuple, answer: str, v: dict) -> None:
        self.task = task
        self.key = key
        self.answer = answer
        self.v = v


def _f(rng: random.Random, options, v: dict) -> str:
    return rng.choice(options).format(**v)


def _dec(x: Fraction) -> str:
    """Exact decimal string of a terminating fraction (1.21, 0.25, 3)."""
    if x.denominator == 1:
        return str(x.numerator)
    digits = 0
    while (x * 10**digits).denominator != 1:
        digits += 1
    scaled = int(x * 10**digits)
    sign = "-" if scaled < 0 else ""
    s = str(abs(scaled)).rjust(digits + 1, "0")
    return f"{sign}{s[:-digits]}.{s[-digits:]}"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _neg(n: int) -> str:
    """A number as it appears inside a longer expression: negatives in parentheses."""
    return f"({n})" if n < 0 else str(n)


# ---------------------------------------------------------------------------------------------
class MathTask:
    """Base class; subclasses fill in the problem-specific parts."""

    name = ""
    topics: tuple[str, ...] = ()      # noun phrases: "the slope of a line"
    how: tuple[str, ...] = ()         # after "How to": "find the slope between two points"
    concepts: tuple[str, ...] = ()    # a sentence or two about the idea
    method: tuple[tuple[str, ...], ...] = ()  # generic imperative steps, each with variants
    mistakes: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()        # natural phrasings of the question
    confusions: tuple[str, ...] = ()  # what a student on a forum is stuck on

    def sample(self, rng: random.Random) -> Prob:
        raise NotImplementedError

    def question(self, p: Prob) -> str:
        raise NotImplementedError

    def qa(self, p: Prob) -> list[str]:
        raise NotImplementedError

    def explain(self, rng: random.Random, p: Prob) -> list[str]:
        raise NotImplementedError

    def formula(self, rng: random.Random, p: Prob) -> tuple[str, list[str]]:
        raise NotImplementedError

    def code(self, rng: random.Random, p: Prob) -> tuple[str, str]:
        raise NotImplementedError

    def ask(self, rng: random.Random, p: Prob) -> str:
        return _f(rng, self.asks, p.v)

    def word(self, rng: random.Random, p: Prob) -> str | None:
        return None

    def check(self, rng: random.Random, p: Prob) -> str | None:
        return None

    def wrong(self, rng: random.Random, p: Prob) -> str | None:
        """A plausible wrong answer a student might report."""
        a = p.answer
        if a.lstrip("-").isdigit():
            n = int(a)
            return str(n + rng.choice((-2, -1, 1, 2, 3)) if n > 3 else n + rng.choice((1, 2, 5)))
        return None

    def completion(self, p: Prob) -> str:
        return " " + ". ".join(self.qa(p)) + f". The answer is {p.answer}."


# ---------------------------------------------------------------------------------------------
class Arithmetic(MathTask):
    name = "arithmetic"
    topics = ("two-step arithmetic", "the order of operations", "a two-step calculation",
              "expressions with brackets", "mixed operations")
    how = ("evaluate a two-step expression", "use the order of operations",
           "work out an expression with brackets", "do a two-step calculation")
    concepts = (
        "When an expression mixes operations, the order matters: brackets first, then multiplication "
        "and division, then addition and subtraction.",
        "Many people remember the order of operations as PEMDAS or BODMAS.",
        "A two-step calculation is just two small calculations done in the right order.",
        "If you work strictly left to right you can get the wrong answer, so always check for "
        "brackets and multiplication first.",
        "Brackets (parentheses) tell you which part of the calculation to do first.",
    )
    method = (
        ("Look for brackets and work out what is inside them.",
         "Find any parentheses and evaluate the inside first."),
        ("Do any multiplication or division next.", "Then handle multiplication and division."),
        ("Finish with addition and subtraction.", "Add or subtract last."),
        ("Write down the final value.", "Check the result and write it down."),
    )
    mistakes = (
        "A common mistake is to go left to right and ignore the brackets.",
        "Watch out: multiplication is done before subtraction unless brackets say otherwise.",
        "Don't drop the brackets halfway through; replace them with their value.",
    )
    asks = ("What is {expr}?", "Work out {expr}.", "Evaluate {expr}.", "Find the value of {expr}.",
            "Compute {expr}.", "What does {expr} equal?", "Calculate {expr}.")
    confusions = ("I'm never sure which part to do first.", "I keep getting a different answer from the book.",
                  "Do I go left to right or not?", "the brackets confuse me")

    FORMS = ("add_mul", "sub_mul", "mul_sub", "mul_add", "add_div")

    def sample(self, rng):
        form = rng.choice(self.FORMS)
        while True:
            if form == "add_mul":
                a, b, c = rng.randint(0, 20), rng.randint(0, 20), rng.randint(1, 20)
                s1 = a + b
                ans = s1 * c
            elif form == "sub_mul":
                a = rng.randint(1, 20)
                b, c = rng.randint(0, a - 1), rng.randint(1, 20)
                s1 = a - b
                ans = s1 * c
            elif form == "mul_sub":
                a, b, c = rng.randint(1, 20), rng.randint(1, 20), rng.randint(0, 20)
                s1 = a * b
                ans = s1 - c
            elif form == "mul_add":
                a, b, c = rng.randint(1, 20), rng.randint(1, 20), rng.randint(0, 20)
                s1 = a * b
                ans = s1 + c
            else:
                c = rng.randint(2, 10)
                a, b = rng.randint(0, 20), rng.randint(0, 20)
                s1 = a + b
                if s1 % c:
                    continue
                ans = s1 // c
            if ans > 0:
                break
        op1, op2 = {"add_mul": ("+", "*"), "sub_mul": ("-", "*"), "mul_sub": ("*", "-"),
                    "mul_add": ("*", "+"), "add_div": ("+", "/")}[form]
        expr = f"({a} {op1} {b}) {op2} {c}" if form in ("add_mul", "sub_mul", "add_div") else f"{a} * {b} {op2} {c}"
        v = dict(a=a, b=b, c=c, s1=s1, ans=ans, op1=op1, op2=op2, expr=expr,
                 verb1={"+": "add", "-": "subtract", "*": "multiply"}[op1],
                 verb2={"+": "add", "-": "subtract", "*": "multiply by", "/": "divide by"}[op2],
                 name=rng.choice(NAMES))
        return Prob(self.name, (self.name, form, a, b, c), str(ans), v)

    def question(self, p):
        return f"Calculate {p.v['expr']}."

    def qa(self, p):
        v = p.v
        return [f"First, {v['a']} {v['op1']} {v['b']} = {v['s1']}", f"Then, {v['s1']} {v['op2']} {v['c']} = {v['ans']}"]

    def explain(self, rng, p):
        v, form = p.v, p.key[1]
        if form in ("add_mul", "sub_mul", "add_div"):
            s1 = _f(rng, (
                "Parentheses come first, so work out {a} {op1} {b} = {s1}.",
                "Start inside the brackets: {a} {op1} {b} is {s1}.",
                "The part in brackets has to be done before anything else, and {a} {op1} {b} = {s1}.",
                "Evaluate the bracket: {a} {op1} {b} gives {s1}.",
            ), v)
            s2 = _f(rng, (
                "Now {verb2} {c}: {s1} {op2} {c} = {ans}.",
                "That leaves {s1} {op2} {c}, which is {ans}.",
                "Replace the bracket with {s1}, and the expression becomes {s1} {op2} {c} = {ans}.",
                "With the bracket gone we just need {s1} {op2} {c} = {ans}.",
            ), v)
        else:
            word = "subtraction" if v["op2"] == "-" else "addition"
            s1 = rng.choice((
                f"Multiplication comes before {word}, so do {v['a']} * {v['b']} = {v['s1']} first.",
                "By the order of operations, multiply first: {a} * {b} = {s1}.".format(**v),
                "There are no brackets, so start with the multiplication: {a} * {b} = {s1}.".format(**v),
                "The product comes first. {a} times {b} is {s1}.".format(**v),
            ))
            s2 = _f(rng, (
                "Then {verb2} {c}: {s1} {op2} {c} = {ans}.",
                "That leaves {s1} {op2} {c} = {ans}.",
                "Now the expression is just {s1} {op2} {c}, which equals {ans}.",
            ), v)
        return [s1, s2]

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice((
            "Order of operations: brackets, then multiplication and division, then addition and subtraction.",
            "PEMDAS: Parentheses, Exponents, Multiplication/Division, Addition/Subtraction.",
            "BODMAS: Brackets, Orders, Division/Multiplication, Addition/Subtraction. Operations on the "
            "same level are done left to right.",
        ))
        lines = [f"{v['expr']}", f"= {v['s1']} {v['op2']} {v['c']}", f"= {v['ans']}"]
        return stmt, lines

    def code(self, rng, p):
        v = p.v
        a, b, c = rng.choice((("a", "b", "c"), ("x", "y", "z"), ("first", "second", "third"), ("n1", "n2", "n3")))
        cop = "//" if v["op2"] == "/" else v["op2"]
        kind = rng.randrange(3)
        if kind == 0:
            mid = rng.choice(("inner", "step1", "partial", "tmp"))
            code = (f"{a}, {b}, {c} = {v['a']}, {v['b']}, {v['c']}\n"
                    f"{mid} = {a} {v['op1']} {b}\n"
                    f"result = {mid} {cop} {c}\n"
                    "print(result)\n")
            out = str(v["ans"])
        elif kind == 1:
            fn = rng.choice(("evaluate", "two_step", "calc", "compute"))
            comment = rng.choice(("# brackets first", "# do the first operation", "# step 1"))
            code = (f"def {fn}({a}, {b}, {c}):\n"
                    f"    {comment}\n"
                    f"    first = {a} {v['op1']} {b}\n"
                    f"    return first {cop} {c}\n\n"
                    f"print({fn}({v['a']}, {v['b']}, {v['c']}))\n")
            out = str(v["ans"])
        else:
            e = v["expr"].replace(" / ", " // ")
            code = f'print("{v["expr"]} =", {e})\n'
            out = f"{v['expr']} = {v['ans']}"
        return code, out

    def word(self, rng, p):
        v, form = p.v, p.key[1]
        if form == "add_mul":
            opts = ("Each bag holds {a} red marbles and {b} blue marbles. How many marbles are in {c} bags?",
                    "{name} packs {a} pencils and {b} pens into each of {c} pencil cases. How many items is that altogether?")
        elif form == "sub_mul":
            opts = ("A crate holds {a} apples, but {b} in every crate are bruised. How many good apples are in {c} crates?",
                    "A shelf has room for {a} books and {b} spaces are always empty. How many books fit on {c} shelves?")
        elif form == "mul_sub":
            opts = ("{name} buys {a} packs of {b} stickers and gives {c} away. How many stickers are left?",
                    "A theater has {a} rows of {b} seats, and {c} seats are broken. How many seats can be used?")
        elif form == "mul_add":
            opts = ("{name} reads {b} pages a day for {a} days, then {c} more pages on the weekend. How many pages is that?",
                    "There are {a} boxes with {b} eggs each, plus {c} loose eggs. How many eggs are there?")
        else:
            opts = ("{name} has {a} cookies and bakes {b} more, then shares them equally among {c} friends. How many does each friend get?",
                    "A class collects {a} cans on Monday and {b} on Tuesday and splits them into {c} equal bags. How many cans go in each bag?")
        if form in ("mul_sub", "mul_add") and v["a"] == 1:
            return None
        return _f(rng, opts, v) + f" This is the calculation {v['expr']}."


# ---------------------------------------------------------------------------------------------
class Slope(MathTask):
    name = "slope"
    topics = ("the slope of a line", "slope", "the gradient of a line", "rise over run",
              "the slope between two points")
    how = ("find the slope between two points", "calculate the slope of a line",
           "find the gradient of a line from two points", "work out rise over run")
    concepts = (
        "The slope of a line measures how steep it is: how much y changes for every step in x.",
        "Slope is usually described as rise over run.",
        "A positive slope means the line goes up as you move to the right.",
        "In the equation y = mx + b, the slope is the number m.",
        "Two points are enough to pin down a straight line, and therefore its slope.",
    )
    method = (
        ("Label the points (x1, y1) and (x2, y2).", "Call the first point (x1, y1) and the second (x2, y2)."),
        ("Subtract the y-values to get the rise.", "Find the change in y: y2 - y1."),
        ("Subtract the x-values in the same order to get the run.", "Find the change in x: x2 - x1."),
        ("Divide the rise by the run.", "Divide the change in y by the change in x."),
    )
    mistakes = (
        "A common mistake is subtracting the x-values in the opposite order from the y-values.",
        "Make sure the change in y goes on top and the change in x goes on the bottom.",
        "It doesn't matter which point you call the first one, as long as you use the same order on top and bottom.",
    )
    asks = ("Find the slope of the line passing through ({x1}, {y1}) and ({x2}, {y2}).",
            "A line goes through ({x1}, {y1}) and ({x2}, {y2}). What is its slope?",
            "What's the gradient of the line joining ({x1}, {y1}) and ({x2}, {y2})?",
            "Calculate the slope between the points ({x1}, {y1}) and ({x2}, {y2}).",
            "What is the slope of the line through ({x1}, {y1}) and ({x2}, {y2})?")
    confusions = ("I never remember which coordinates to subtract.", "is it y over x or x over y?",
                  "I got a negative number and I'm not sure if that's right.", "I mixed up the points")

    def sample(self, rng):
        m = rng.randint(1, 6)
        dx = rng.randint(1, min(10, 20 // m))
        x1 = rng.randint(0, 20 - dx)
        y1 = rng.randint(0, 20 - m * dx)
        x2, y2 = x1 + dx, y1 + m * dx
        if rng.random() < 0.4:
            x1, y1, x2, y2 = x2, y2, x1, y1
        v = dict(x1=x1, y1=y1, x2=x2, y2=y2, dy=y2 - y1, dx=x2 - x1, m=m)
        v["ndy"], v["ndx"] = _neg(v["dy"]), _neg(v["dx"])
        return Prob(self.name, (self.name, x1, y1, x2, y2), str(m), v)

    def question(self, p):
        v = p.v
        return f"What is the slope of the line through ({v['x1']}, {v['y1']}) and ({v['x2']}, {v['y2']})?"

    def qa(self, p):
        v = p.v
        return [f"First, {v['y2']} - {v['y1']} = {v['dy']}", f"Then, {v['x2']} - {v['x1']} = {v['dx']}",
                f"Finally, {v['dy']} / {v['dx']} = {v['m']}"]

    def explain(self, rng, p):
        v = p.v
        out = []
        if rng.random() < 0.4:
            out.append(_f(rng, ("Label the points: ({x1}, {y1}) is (x1, y1) and ({x2}, {y2}) is (x2, y2).",
                                "Call ({x1}, {y1}) the first point and ({x2}, {y2}) the second point."), v))
        out.append(_f(rng, ("Find the rise, the change in y: {y2} - {y1} = {dy}.",
                            "Subtract the y-coordinates: {y2} - {y1} = {dy}.",
                            "The vertical change is {y2} - {y1}, which is {dy}.",
                            "y goes from {y1} to {y2}, a change of {y2} - {y1} = {dy}."), v))
        out.append(_f(rng, ("Find the run, the change in x: {x2} - {x1} = {dx}.",
                            "Subtract the x-coordinates in the same order: {x2} - {x1} = {dx}.",
                            "The horizontal change is {x2} - {x1} = {dx}.",
                            "x goes from {x1} to {x2}, so the run is {x2} - {x1} = {dx}."), v))
        out.append(_f(rng, ("Divide the rise by the run: {dy} / {ndx} = {m}.",
                            "The slope is {dy} divided by {dx}, which is {m}.",
                            "rise / run = {dy} / {ndx} = {m}.",
                            "So the slope is {dy} / {ndx} = {m}."), v))
        return out

    def check(self, rng, p):
        v = p.v
        if v["dx"] > 0:
            return ("Quick check: starting at ({x1}, {y1}), going {dx} to the right and {dy} up lands exactly "
                    "on ({x2}, {y2}).").format(**v)
        return ("Notice both differences came out negative. That's fine: a negative divided by a negative is "
                "positive, and you'd get the same slope by swapping the points.")

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice((
            "m = (y2 - y1) / (x2 - x1), where (x1, y1) and (x2, y2) are two points on the line.",
            "slope = rise / run = (y2 - y1) / (x2 - x1)",
            "The slope m of the line through (x1, y1) and (x2, y2) is m = (y2 - y1) / (x2 - x1), as long as x1 is not equal to x2.",
        ))
        lines = [f"m = ({v['y2']} - {v['y1']}) / ({v['x2']} - {v['x1']})", f"m = {v['dy']} / {v['ndx']}", f"m = {v['m']}"]
        return stmt, lines

    def code(self, rng, p):
        v = p.v
        kind = rng.randrange(4)
        if kind == 0:
            fn = rng.choice(("slope", "get_slope", "line_slope"))
            code = (f"def {fn}(x1, y1, x2, y2):\n"
                    + rng.choice(('    """Slope of the line through (x1, y1) and (x2, y2)."""\n', "", "    # rise over run\n"))
                    + "    return (y2 - y1) / (x2 - x1)\n\n"
                    f"print({fn}({v['x1']}, {v['y1']}, {v['x2']}, {v['y2']}))\n")
            out = str(float(v["m"]))
        elif kind == 1:
            a, b = rng.choice((("p", "q"), ("p1", "p2"), ("start", "end"), ("a", "b")))
            code = (f"{a} = ({v['x1']}, {v['y1']})\n{b} = ({v['x2']}, {v['y2']})\n"
                    f"rise = {b}[1] - {a}[1]\nrun = {b}[0] - {a}[0]\n"
                    'print("rise:", rise)\nprint("run:", run)\nprint("slope:", rise / run)\n')
            out = f"rise: {v['dy']}\nrun: {v['dx']}\nslope: {float(v['m'])}"
        elif kind == 2:
            fn = rng.choice(("gradient", "slope"))
            code = ("from fractions import Fraction\n\n"
                    f"def {fn}(p1, p2):\n"
                    "    (x1, y1), (x2, y2) = p1, p2\n"
                    "    return Fraction(y2 - y1, x2 - x1)\n\n"
                    f"print({fn}(({v['x1']}, {v['y1']}), ({v['x2']}, {v['y2']})))\n")
            out = str(v["m"])
        else:
            code = (f"x1, y1 = {v['x1']}, {v['y1']}\nx2, y2 = {v['x2']}, {v['y2']}\n"
                    "m = (y2 - y1) // (x2 - x1)  # exact here, the rise is a multiple of the run\n"
                    'print(f"m = {m}")\n')
            out = f"m = {v['m']}"
        return code, out


# ---------------------------------------------------------------------------------------------
class LinearEquation(MathTask):
    name = "linear_equation"
    topics = ("solving a linear equation", "linear equations", "solving for x", "one-step and two-step equations",
              "equations with one unknown")
    how = ("solve a linear equation", "solve for x", "solve a two-step equation", "isolate x in an equation")
    concepts = (
        "To solve an equation, you undo whatever has been done to x, doing the same thing to both sides.",
        "An equation is like a balance: whatever you do to one side, you must do to the other.",
        "The goal is to get x by itself on one side of the equals sign.",
        "Undo operations in reverse order: first the addition or subtraction, then the multiplication.",
    )
    method = (
        ("Move the constant term to the other side by doing the opposite operation.",
         "Add or subtract to get the x-term on its own."),
        ("Divide both sides by the number in front of x.", "Divide by the coefficient of x."),
        ("Check your answer by substituting it back into the equation.", "Plug the value back in to check it."),
    )
    mistakes = (
        "A common slip is to subtract from one side only. Whatever you do, do it to both sides.",
        "Remember to divide the whole right-hand side by the coefficient, not just part of it.",
        "Watch the sign: to undo a minus you add, and to undo a plus you subtract.",
    )
    asks = ("Solve {eq} for x.", "Find x if {eq}.", "What is x when {eq}?", "Solve the equation {eq}.",
            "Solve for x: {eq}.", "What value of x makes {eq} true?")
    confusions = ("I don't get which side things move to.", "do I divide first or subtract first?",
                  "I keep getting a fraction.", "my answer doesn't check out")

    def sample(self, rng):
        a = rng.randint(2, 10)
        if rng.random() < 0.5:
            x = rng.randint(1, 19 // a)
            b = rng.randint(1, 20 - a * x)
            c, sign = a * x + b, "+"
        else:
            x = rng.randint(1, min(20, 40 // a))
            ax = a * x
            b = rng.randint(max(1, ax - 20), min(20, ax))
            c, sign = ax - b, "-"
        ax = a * x
        v = dict(a=a, b=b, c=c, x=x, ax=ax, sign=sign, eq=f"{a}x {sign} {b} = {c}",
                 inv="-" if sign == "+" else "+",
                 undo=("subtract {b} from" if sign == "+" else "add {b} to").format(b=b))
        return Prob(self.name, (self.name, sign, a, b, c), str(x), v)

    def question(self, p):
        return f"Solve for x: {p.v['eq']}."

    def qa(self, p):
        v = p.v
        return [f"First, {v['c']} {v['inv']} {v['b']} = {v['ax']}, so {v['a']}x = {v['ax']}",
                f"Then, {v['ax']} / {v['a']} = {v['x']}, so x = {v['x']}"]

    def explain(self, rng, p):
        v = p.v
        s1 = _f(rng, ("{Undo} both sides to get the x-term on its own: {a}x = {c} {inv} {b} = {ax}.",
                      "Get rid of the {b} by doing the opposite operation on both sides: {a}x = {c} {inv} {b}, so {a}x = {ax}.",
                      "Move the constant over. {c} {inv} {b} = {ax}, which leaves {a}x = {ax}.",
                      "We want {a}x alone, so {undo} both sides. That gives {a}x = {ax}."),
                dict(v, Undo=v["undo"][0].upper() + v["undo"][1:]))
        s2 = _f(rng, ("Divide both sides by {a}: x = {ax} / {a} = {x}.",
                      "Now divide by {a}, the number in front of x. {ax} / {a} = {x}, so x = {x}.",
                      "{a}x = {ax} means {a} times x is {ax}, so x = {ax} / {a} = {x}.",
                      "Finally, divide: x = {ax} / {a}, which is {x}."), v)
        return [s1, s2]

    def check(self, rng, p):
        return _f(rng, ("Check: {a} * {x} {sign} {b} = {ax} {sign} {b} = {c}, which matches.",
                        "To check, plug x = {x} back in: {a}({x}) {sign} {b} = {c}. It works.",
                        "Substituting back gives {ax} {sign} {b} = {c}, so the answer is right."), p.v)

    def formula(self, rng, p):
        v = p.v
        if v["sign"] == "+":
            stmt = rng.choice(("For an equation ax + b = c, the solution is x = (c - b) / a.",
                               "ax + b = c  =>  x = (c - b) / a  (a not zero)"))
        else:
            stmt = rng.choice(("For an equation ax - b = c, the solution is x = (c + b) / a.",
                               "ax - b = c  =>  x = (c + b) / a  (a not zero)"))
        lines = [f"x = ({v['c']} {v['inv']} {v['b']}) / {v['a']}", f"x = {v['ax']} / {v['a']}", f"x = {v['x']}"]
        return stmt, lines

    def code(self, rng, p):
        v = p.v
        bb = v["b"] if v["sign"] == "+" else -v["b"]
        kind = rng.randrange(3)
        if kind == 0:
            fn = rng.choice(("solve_linear", "solve", "find_x"))
            code = (f"def {fn}(a, b, c):\n"
                    + rng.choice(('    """Solve a*x + b = c for x."""\n', "    # a*x + b = c  ->  x = (c - b) / a\n"))
                    + "    return (c - b) / a\n\n"
                    f"# {v['eq']}\n"
                    f"print({fn}({v['a']}, {bb}, {v['c']}))\n")
            out = str(float(v["x"]))
        elif kind == 1:
            var = rng.choice(("x", "guess", "candidate"))
            code = (f"# brute force: try every whole number from 0 to 20\n"
                    f"for {var} in range(21):\n"
                    f"    if {v['a']} * {var} {v['sign']} {v['b']} == {v['c']}:\n"
                    f'        print("x =", {var})\n')
            out = f"x = {v['x']}"
        else:
            code = (f"a, b, c = {v['a']}, {bb}, {v['c']}  # {v['eq']}\n"
                    "rhs = c - b\n"
                    'print(f"{a}x = {rhs}")\n'
                    "x = rhs // a\n"
                    'print(f"x = {x}")\n')
            out = f"{v['a']}x = {v['ax']}\nx = {v['x']}"
        return code, out

    def ask(self, rng, p):
        return _f(rng, self.asks, p.v)


# ---------------------------------------------------------------------------------------------
class Percentage(MathTask):
    name = "percentage"
    topics = ("percentages", "finding a percentage of a number", "percent of an amount", "percentage calculations")
    how = ("find a percentage of a number", "calculate a percent of an amount", "work out percentages")
    concepts = (
        "Percent means 'per hundred', so 25% is 25 out of every 100.",
        "To find a percentage of an amount, multiply the amount by the percentage and divide by 100.",
        "Percentages show up everywhere: discounts, tips, taxes and test scores.",
    )
    method = (
        ("Multiply the amount by the percentage.", "Multiply the number by the percent value."),
        ("Divide the result by 100.", "Divide by 100, since percent means per hundred."),
        ("Sanity-check: 50% should be half, 10% a tenth.", "Check the answer is a sensible size."),
    )
    mistakes = ("Don't forget to divide by 100 at the end.",
                "A percentage of a number is smaller than the number whenever the percentage is under 100.")
    asks = ("What is {p}% of {n}?", "Find {p}% of {n}.", "Calculate {p} percent of {n}.",
            "How much is {p}% of {n}?", "Work out {p}% of {n}.")
    confusions = ("I never know whether to multiply or divide.", "where does the 100 go?",
                  "my calculator gives a weird decimal")

    PCTS = (1, 2, 4, 5, 10, 10, 15, 20, 20, 25, 25, 30, 35, 40, 45, 50, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95)

    def sample(self, rng):
        while True:
            p = rng.choice(self.PCTS)
            step = 100 // gcd(p, 100)
            n = step * rng.randint(1, max(1, 200 // step))
            if p * n <= 6000:
                break
        v = dict(p=p, n=n, pn=p * n, ans=p * n // 100, dec=_dec(Fraction(p, 100)), name=rng.choice(NAMES))
        return Prob(self.name, (self.name, p, n), str(v["ans"]), v)

    def question(self, p):
        return f"What is {p.v['p']}% of {p.v['n']}?"

    def qa(self, p):
        v = p.v
        return [f"First, {v['p']} * {v['n']} = {v['pn']}", f"Then, {v['pn']} / 100 = {v['ans']}"]

    def explain(self, rng, p):
        v = p.v
        if rng.random() < 0.3:
            return [_f(rng, ("Write {p}% as a decimal: {p} / 100 = {dec}.", "{p}% is the same as {dec}."), v),
                    _f(rng, ("Multiply: {dec} * {n} = {ans}.", "Then {dec} times {n} is {ans}."), v)]
        return [_f(rng, ("Multiply the amount by the percentage: {p} * {n} = {pn}.",
                         "Multiply {n} by {p} to get {pn}.", "Start with {p} * {n}, which is {pn}."), v),
                _f(rng, ("Divide by 100: {pn} / 100 = {ans}.", "Percent means per hundred, so divide by 100: {pn} / 100 = {ans}.",
                         "Then divide {pn} by 100 to get {ans}."), v)]

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("part = (percent / 100) * whole", "p% of N = p * N / 100",
                           "To take p percent of an amount N: result = N * p / 100."))
        return stmt, [f"= {v['n']} * {v['p']} / 100", f"= {v['pn']} / 100", f"= {v['ans']}"]

    def word(self, rng, p):
        return _f(rng, ("A jacket costs ${n} and is {p}% off. How many dollars is the discount?",
                        "{p}% of the {n} students in a school walk to school. How many students walk?",
                        "{name} needs {p}% of {n} points to pass. How many points is that?",
                        "A recipe makes {n} grams of dough, and {p}% of it is flour. How many grams of flour is that?"), p.v)

    def code(self, rng, p):
        v = p.v
        kind = rng.randrange(3)
        if kind == 0:
            fn = rng.choice(("percent_of", "percentage", "pct"))
            code = f"def {fn}(pct, whole):\n    return pct * whole / 100\n\nprint({fn}({v['p']}, {v['n']}))\n"
            out = str(float(v["ans"]))
        elif kind == 1:
            a, b = rng.choice((("rate", "amount"), ("pct", "total"), ("percent", "price")))
            code = f"{a} = {v['p']}\n{b} = {v['n']}\nresult = {a} * {b} // 100\nprint(result)\n"
            out = str(v["ans"])
        else:
            code = f'p, n = {v["p"]}, {v["n"]}\nprint(f"{{p}}% of {{n}} is {{p * n // 100}}")\n'
            out = f"{v['p']}% of {v['n']} is {v['ans']}"
        return code, out


# ---------------------------------------------------------------------------------------------
class Mean(MathTask):
    name = "mean"
    topics = ("the mean", "averages", "the arithmetic mean", "finding the average")
    how = ("find the mean of a list of numbers", "calculate an average", "work out the mean")
    concepts = (
        "The mean, or average, is the total divided by how many values there are.",
        "The mean gives one number that represents a whole set of values.",
        "When people say 'average' they usually mean the arithmetic mean.",
    )
    method = (
        ("Add all the values together.", "Find the total of the numbers."),
        ("Count how many values there are.", "Count the numbers in the list."),
        ("Divide the total by the count.", "Divide the sum by how many numbers you added."),
    )
    mistakes = ("Don't forget to count zeros as values; they still count toward how many numbers there are.",
                "The mean doesn't have to be one of the numbers in the list.")
    asks = ("Find the mean of {lst}.", "What is the average of {lst}?", "Calculate the mean of the numbers {lst}.",
            "Work out the average of {lst}.")
    confusions = ("do I divide by the biggest number or by how many there are?", "I forgot what mean means",
                  "my answer came out bigger than all the numbers")

    def sample(self, rng):
        k = rng.randint(3, 5)
        while True:
            nums = [rng.randint(0, 20) for _ in range(k - 1)]
            s = sum(nums)
            last = [x for x in range(21) if (s + x) % k == 0]
            nums.append(rng.choice(last))
            if sum(nums) > 0:
                break
        s = sum(nums)
        v = dict(nums=nums, k=k, s=s, ans=s // k, lst=join_and([str(n) for n in nums]),
                 plus=" + ".join(map(str, nums)), name=rng.choice(NAMES))
        return Prob(self.name, (self.name, *nums), str(s // k), v)

    def question(self, p):
        return f"Find the mean of {p.v['lst']}."

    def qa(self, p):
        v = p.v
        return [f"First, {v['plus']} = {v['s']}", f"Then, {v['s']} / {v['k']} = {v['ans']}"]

    def explain(self, rng, p):
        v = p.v
        out = [_f(rng, ("Add up all the numbers: {plus} = {s}.", "The total is {plus} = {s}.",
                        "Start by adding them: {plus} comes to {s}."), v)]
        if rng.random() < 0.5:
            out.append(_f(rng, ("There are {k} numbers in the list.", "Count the values: there are {k}."), v))
        out.append(_f(rng, ("Divide the total by how many numbers there are: {s} / {k} = {ans}.",
                            "Divide by {k}: {s} / {k} = {ans}.", "Sharing {s} equally over {k} values gives {s} / {k} = {ans}."), v))
        return out

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("mean = (sum of the values) / (number of values)", "x̄ = (x1 + x2 + ... + xn) / n",
                           "The mean of n numbers is their sum divided by n."))
        return stmt, [f"sum = {v['plus']} = {v['s']}", f"n = {v['k']}", f"mean = {v['s']} / {v['k']} = {v['ans']}"]

    def word(self, rng, p):
        return _f(rng, ("{name} scored {lst} on {k} quizzes. What is the average score?",
                        "Over {k} days a shop sold {lst} umbrellas. What was the mean number sold per day?",
                        "The temperatures at noon this week were {lst} degrees. What was the average?",
                        "{k} friends caught {lst} fish. What is the mean catch?"), p.v)

    def code(self, rng, p):
        v = p.v
        var = rng.choice(("scores", "data", "values", "nums", "xs"))
        lst = "[" + ", ".join(map(str, v["nums"])) + "]"
        kind = rng.randrange(3)
        if kind == 0:
            code = f"{var} = {lst}\naverage = sum({var}) / len({var})\nprint(average)\n"
            out = str(float(v["ans"]))
        elif kind == 1:
            code = f"import statistics\n\n{var} = {lst}\nprint(statistics.mean({var}))\n"
            out = str(v["ans"])
        else:
            code = (f"{var} = {lst}\ntotal = 0\ncount = 0\nfor x in {var}:\n    total += x\n    count += 1\n"
                    'print("total:", total)\nprint("mean:", total // count)\n')
            out = f"total: {v['s']}\nmean: {v['ans']}"
        return code, out


# ---------------------------------------------------------------------------------------------
UNITS = (  # big, big plural, small, small plural, factor
    ("hour", "hours", "minute", "minutes", 60), ("minute", "minutes", "second", "seconds", 60),
    ("day", "days", "hour", "hours", 24), ("week", "weeks", "day", "days", 7),
    ("kilometer", "kilometers", "meter", "meters", 1000), ("meter", "meters", "centimeter", "centimeters", 100),
    ("kilogram", "kilograms", "gram", "grams", 1000), ("foot", "feet", "inch", "inches", 12),
    ("yard", "yards", "foot", "feet", 3), ("liter", "liters", "milliliter", "milliliters", 1000),
    ("year", "years", "month", "months", 12), ("centimeter", "centimeters", "millimeter", "millimeters", 10),
    ("gallon", "gallons", "quart", "quarts", 4), ("dozen", "dozen", "egg", "eggs", 12),
)


class UnitConversion(MathTask):
    name = "unit_conversion"
    topics = ("unit conversion", "converting units", "changing units", "conversion factors")
    how = ("convert between units", "change units using a conversion factor", "convert from one unit to another")
    concepts = (
        "To convert units, you need the conversion factor: how many of the small unit fit in one big unit.",
        "Going from a big unit to a small unit, multiply. Going from small to big, divide.",
        "Writing the units next to every number helps you catch mistakes.",
    )
    method = (
        ("Find the conversion factor between the two units.", "Look up how many small units make one big unit."),
        ("Decide whether to multiply or divide.", "Multiply if converting to a smaller unit, divide if converting to a larger one."),
        ("Do the calculation and write the new unit.", "Calculate and label the answer with its unit."),
    )
    mistakes = ("The most common mistake is dividing when you should multiply. A smaller unit means a bigger number.",
                "Keep the units written down; they tell you if the answer makes sense.")
    asks = ("Convert {v} {fpl} to {tpl}.", "How many {tpl} are in {v} {fpl}?", "Change {v} {fpl} into {tpl}.",
            "Express {v} {fpl} in {tpl}.", "{v} {fpl} is how many {tpl}?")
    confusions = ("I don't know whether to multiply or divide.", "I got a tiny number that can't be right",
                  "I always mix up the conversion direction")

    def sample(self, rng):
        big, bigpl, small, smallpl, f = rng.choice(UNITS)
        k = rng.randint(2, 20)
        if rng.random() < 0.6:
            val, ans, fpl, tpl, down = k, k * f, bigpl, smallpl, True
        else:
            val, ans, fpl, tpl, down = k * f, k, smallpl, bigpl, False
        v = dict(v=val, ans=ans, f=f, big=big, bigpl=bigpl, small=small, smallpl=smallpl, fpl=fpl, tpl=tpl,
                 down=down, op="*" if down else "/", name=rng.choice(NAMES))
        return Prob(self.name, (self.name, fpl, tpl, val), str(ans), v)

    def question(self, p):
        return f"Convert {p.v['v']} {p.v['fpl']} to {p.v['tpl']}."

    def qa(self, p):
        v = p.v
        return [f"First, 1 {v['big']} = {v['f']} {v['smallpl']}", f"Then, {v['v']} {v['op']} {v['f']} = {v['ans']}"]

    def explain(self, rng, p):
        v = p.v
        s1 = _f(rng, ("There are {f} {smallpl} in one {big}.", "One {big} is {f} {smallpl}.",
                      "The conversion factor is {f}: 1 {big} = {f} {smallpl}."), v)
        if v["down"]:
            s2 = _f(rng, ("We're going to a smaller unit, so multiply: {v} * {f} = {ans}.",
                          "Multiply the number of {fpl} by {f}: {v} * {f} = {ans}.",
                          "So {v} {fpl} is {v} * {f} = {ans} {tpl}."), v)
        else:
            s2 = _f(rng, ("We're going to a bigger unit, so divide: {v} / {f} = {ans}.",
                          "Divide the number of {fpl} by {f}: {v} / {f} = {ans}.",
                          "So {v} {fpl} is {v} / {f} = {ans} {tpl}."), v)
        return [s1, s2]

    def formula(self, rng, p):
        v = p.v
        if v["down"]:
            stmt = f"{v['small']}s = {v['big']}s * {v['f']}" if v["big"] != "dozen" else "items = dozens * 12"
            stmt = rng.choice((f"value in {v['smallpl']} = value in {v['bigpl']} * {v['f']}", stmt))
        else:
            stmt = f"value in {v['bigpl']} = value in {v['smallpl']} / {v['f']}"
        return stmt, [f"{v['v']} {v['op']} {v['f']} = {v['ans']}", f"{v['v']} {v['fpl']} = {v['ans']} {v['tpl']}"]

    def word(self, rng, p):
        return _f(rng, ("{name} spent {v} {fpl} on the project. How many {tpl} is that?",
                        "A recipe card lists {v} {fpl}. How many {tpl} is that?",
                        "The sign says {v} {fpl}. What is that in {tpl}?"), p.v)

    def code(self, rng, p):
        v = p.v
        const = f"{v['smallpl']}_PER_{v['big']}".upper()
        a, b = v["fpl"], v["tpl"]
        kind = rng.randrange(3)
        if kind == 0:
            opx = "*" if v["down"] else "//"
            code = f"{const} = {v['f']}\n\n{a} = {v['v']}\n{b} = {a} {opx} {const}\nprint({b})\n"
            out = str(v["ans"])
        elif kind == 1:
            opx = "*" if v["down"] else "/"
            fn = f"{a}_to_{b}"
            code = f"def {fn}(value):\n    return value {opx} {v['f']}\n\nprint({fn}({v['v']}))\n"
            out = str(v["ans"]) if v["down"] else str(float(v["ans"]))
        else:
            opx = "*" if v["down"] else "//"
            code = (f"factor = {v['f']}  # {v['smallpl']} in one {v['big']}\n"
                    f"value = {v['v']}\n"
                    f'print(value, "{a} =", value {opx} factor, "{b}")\n')
            out = f"{v['v']} {a} = {v['ans']} {b}"
        return code, out


# ---------------------------------------------------------------------------------------------
class GCD(MathTask):
    name = "gcd"
    topics = ("the greatest common divisor", "GCD", "the highest common factor", "Euclid's algorithm")
    how = ("find the greatest common divisor of two numbers", "use the Euclidean algorithm",
           "find the highest common factor")
    concepts = (
        "The greatest common divisor of two numbers is the largest number that divides both of them exactly.",
        "The Euclidean algorithm finds the GCD by repeatedly replacing the larger number with a remainder.",
        "The GCD is also called the highest common factor, HCF for short.",
        "You need the GCD whenever you simplify a fraction to lowest terms.",
    )
    method = (
        ("Divide the larger number by the smaller one and note the remainder.",
         "Take the remainder of the bigger number divided by the smaller one."),
        ("Replace the larger number by the smaller one, and the smaller one by the remainder.",
         "Shift the numbers along: the divisor becomes the new dividend and the remainder the new divisor."),
        ("Repeat until the remainder is 0.", "Keep going until you get a remainder of zero."),
        ("The last nonzero divisor is the GCD.", "The divisor at that point is the answer."),
    )
    mistakes = ("Stop as soon as the remainder is 0; the answer is the number you divided by, not the 0.",
                "Listing factors works for small numbers, but the Euclidean algorithm is faster for big ones.")
    asks = ("Find the greatest common divisor of {a} and {b}.", "What is the GCD of {a} and {b}?",
            "Find the highest common factor of {a} and {b}.", "Compute gcd({a}, {b}).")
    confusions = ("I don't understand when to stop.", "is it the biggest or smallest common factor?",
                  "listing all the factors takes forever")

    def sample(self, rng):
        while True:
            g = rng.randint(2, 12) if rng.random() < 0.85 else 1
            u, w = rng.randint(1, 60 // g), rng.randint(1, 60 // g)
            a, b = g * u, g * w
            if a != b and a > 1 and b > 1 and gcd(a, b) == g:
                break
        steps = []
        x, y = max(a, b), min(a, b)
        while y:
            steps.append((x, y, x // y, x % y))
            x, y = y, x % y
        v = dict(a=a, b=b, g=g, steps=steps, hi=max(a, b), lo=min(a, b))
        return Prob(self.name, (self.name, a, b), str(g), v)

    def question(self, p):
        return f"Find the greatest common divisor of {p.v['a']} and {p.v['b']}."

    def qa(self, p):
        out = []
        for i, (x, y, _q, r) in enumerate(p.v["steps"]):
            out.append(f"{'First' if i == 0 else 'Then'}, {x} mod {y} = {r}")
        return out

    def explain(self, rng, p):
        v = p.v
        if rng.random() < 0.3 and max(v["a"], v["b"]) <= 40:
            fa = [d for d in range(1, v["a"] + 1) if v["a"] % d == 0]
            fb = [d for d in range(1, v["b"] + 1) if v["b"] % d == 0]
            return [f"List the factors of {v['a']}: {', '.join(map(str, fa))}.",
                    f"List the factors of {v['b']}: {', '.join(map(str, fb))}.",
                    rng.choice((f"The largest number in both lists is {v['g']}.",
                                f"The biggest factor they share is {v['g']}."))]
        out = []
        for i, (x, y, q, r) in enumerate(v["steps"]):
            if r:
                out.append(rng.choice((f"Divide {x} by {y}: {x} = {q} * {y} + {r}, so the remainder is {r}.",
                                       f"{x} divided by {y} is {q} with remainder {r}.",
                                       f"{x} mod {y} = {r}, so now work with {y} and {r}.")))
            else:
                out.append(rng.choice((f"{x} divided by {y} is exactly {q}, remainder 0, so we stop. The GCD is {y}.",
                                       f"{x} = {q} * {y} + 0. The remainder is 0, so the GCD is {y}.",
                                       f"{x} mod {y} = 0, which means {y} divides {x}, and {y} is the GCD.")))
        return out

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("gcd(a, b) = gcd(b, a mod b), and gcd(a, 0) = a.",
                           "Euclid's rule: gcd(a, b) = gcd(b, r), where r is the remainder of a divided by b. Stop when r = 0."))
        chain = [f"gcd({x}, {y})" for x, y, _q, _r in v["steps"]]
        last = v["steps"][-1]
        chain.append(f"gcd({last[1]}, 0)")
        return stmt, [" = ".join(chain) + f" = {v['g']}"]

    def code(self, rng, p):
        v = p.v
        kind = rng.randrange(3)
        if kind == 0:
            fn = rng.choice(("gcd", "euclid", "greatest_common_divisor"))
            code = (f"def {fn}(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n\n"
                    f"print({fn}({v['a']}, {v['b']}))\n")
            out = str(v["g"])
        elif kind == 1:
            code = f"import math\n\nprint(math.gcd({v['a']}, {v['b']}))\n"
            out = str(v["g"])
        else:
            code = (f"a, b = {v['hi']}, {v['lo']}\nwhile b != 0:\n"
                    '    print(a, "mod", b, "=", a % b)\n    a, b = b, a % b\nprint("gcd:", a)\n')
            out = "\n".join(f"{x} mod {y} = {r}" for x, y, _q, r in v["steps"]) + f"\ngcd: {v['g']}"
        return code, out


# ---------------------------------------------------------------------------------------------
class CompoundInterest(MathTask):
    name = "compound_interest"
    topics = ("compound interest", "interest compounded yearly", "how savings grow", "compound growth")
    how = ("calculate compound interest", "work out compound interest year by year",
           "figure out how much a deposit grows with compound interest")
    concepts = (
        "With compound interest, each year's interest is added to the balance, so next year you earn interest on the interest too.",
        "Simple interest is always paid on the original amount; compound interest is paid on the growing balance.",
        "Compound interest is why starting to save early makes such a big difference.",
    )
    method = (
        ("Work out the interest for the first year as a percentage of the starting amount.",
         "Find this year's interest: rate times balance."),
        ("Add it to the balance.", "Add the interest on to get the new balance."),
        ("Repeat for each year, always using the new balance.", "Do the same for every remaining year."),
    )
    mistakes = ("Don't use the original amount every year; that would be simple interest.",
                "Make sure the rate is per year if the interest is compounded yearly.")
    asks = ("How much is ${P} worth after {n} {yrs} at {r}% interest compounded yearly?",
            "You deposit ${P} at {r}% interest, compounded annually. What is the balance after {n} {yrs}?",
            "${P} is invested at {r}% per year, compounded yearly, for {n} {yrs}. What is it worth at the end?",
            "What does ${P} grow to in {n} {yrs} at {r}% annual compound interest?")
    confusions = ("my answer matches simple interest but the book says otherwise", "do I add the interest every year?",
                  "I don't understand the formula with the exponent")

    def sample(self, rng):
        while True:
            r = rng.choice((5, 10, 10, 20, 25, 50))
            n = rng.choice((1, 2, 2, 3))
            P = 100 * rng.randint(1, 50)
            bal, rows, ok = P, [], True
            for _ in range(n):
                i = Fraction(bal * r, 100)
                if i.denominator != 1:
                    ok = False
                    break
                rows.append((bal, int(i), bal + int(i)))
                bal += int(i)
            if ok:
                break
        v = dict(P=P, r=r, n=n, rows=rows, A=bal, yrs="year" if n == 1 else "years",
                 rdec=_dec(Fraction(r, 100)), fac=_dec(Fraction(100 + r, 100) ** n), gdec=_dec(Fraction(100 + r, 100)),
                 name=rng.choice(NAMES))
        return Prob(self.name, (self.name, P, r, n), str(bal), v)

    def question(self, p):
        v = p.v
        return f"How much is ${v['P']} worth after {v['n']} {v['yrs']} at {v['r']}% interest compounded yearly?"

    def qa(self, p):
        r = p.v["r"]
        return [f"{'First' if i == 0 else 'Then'}, {r}% of {b} is {i_}, so {b} + {i_} = {nb}"
                for i, (b, i_, nb) in enumerate(p.v["rows"])]

    def explain(self, rng, p):
        v = p.v
        out = []
        for year, (b, i, nb) in enumerate(v["rows"], 1):
            out.append(rng.choice((
                f"In year {year} the interest is {v['r']}% of {b}, which is {i}, so the balance becomes {nb}.",
                f"At the end of year {year} you earn {i} in interest ({v['r']}% of {b}), giving {b} + {i} = {nb}.",
                f"Year {year}: {b} * {v['r']} / 100 = {i} interest, and {b} + {i} = {nb}.",
            )))
        return out

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("A = P(1 + r)^n, where P is the principal, r the yearly rate as a decimal and n the number of years.",
                           "A = P * (1 + r)^n", "Final amount = principal * (1 + rate)^years"))
        lines = [f"A = {v['P']} * (1 + {v['rdec']})^{v['n']}", f"A = {v['P']} * {v['gdec']}^{v['n']}"]
        if v["n"] > 1:
            lines.append(f"A = {v['P']} * {v['fac']}")
        lines.append(f"A = {v['A']}")
        return stmt, lines

    def word(self, rng, p):
        return _f(rng, ("{name} puts ${P} in a savings account that pays {r}% interest, compounded once a year. "
                        "How much will be in the account after {n} {yrs} if nothing is withdrawn?",
                        "A bond worth ${P} grows by {r}% each year, compounded annually. What is it worth after {n} {yrs}?"), p.v)

    def code(self, rng, p):
        v = p.v
        kind = rng.randrange(3)
        if kind == 0:
            a = rng.choice(("balance", "amount", "total"))
            code = (f"{a} = {v['P']}\nrate = {v['r']}  # percent per year\n"
                    f"for year in range({v['n']}):\n    {a} += {a} * rate // 100\nprint({a})\n")
            out = str(v["A"])
        elif kind == 1:
            code = (f"balance = {v['P']}\nfor year in range(1, {v['n'] + 1}):\n"
                    f"    interest = balance * {v['r']} // 100\n    balance += interest\n"
                    '    print("year", year, "interest", interest, "balance", balance)\n')
            out = "\n".join(f"year {y} interest {i} balance {nb}" for y, (_b, i, nb) in enumerate(v["rows"], 1))
        else:
            fn = rng.choice(("compound", "future_value", "grow"))
            code = (f"def {fn}(principal, rate, years):\n    return principal * (1 + rate) ** years\n\n"
                    f"print(round({fn}({v['P']}, {v['rdec']}, {v['n']}), 2))\n")
            out = str(float(v["A"]))
        return code, out

    def wrong(self, rng, p):
        v = p.v
        simple = v["P"] + v["P"] * v["r"] * v["n"] // 100
        return str(simple) if simple != v["A"] else super().wrong(rng, p)


# ---------------------------------------------------------------------------------------------
class Sorting(MathTask):
    name = "sorting"
    topics = ("sorting a list", "putting numbers in order", "selection sort", "ordering numbers")
    how = ("sort a list of numbers by hand", "put numbers in order", "sort a list using selection sort")
    concepts = (
        "Sorting by hand is easiest if you repeatedly pick out the smallest remaining number. That's called selection sort.",
        "Putting numbers in order is the first step of many other procedures, such as finding a median.",
        "Computers sort with cleverer methods, but the idea of selection sort is easy to do on paper.",
    )
    method = (
        ("Scan the whole list and find the smallest number.", "Look through the list for the smallest value."),
        ("Write it down and cross it off the original list.", "Move it to the sorted list."),
        ("Repeat with what's left until nothing remains.", "Keep going until every number has been moved."),
    )
    mistakes = ("Cross each number off as you use it, or you'll end up writing one twice.",
                "Count the numbers at the end: the sorted list must be the same length as the original.")
    asks = ("Sort {lst} from {dir}.", "Put these numbers in order from {dir}: {lst}.", "Arrange {lst} from {dir}.",
            "Order the list {lst} from {dir}.")
    confusions = ("I lose track of which numbers I've used.", "how do I do this without a computer?",
                  "I keep missing a number")

    def sample(self, rng):
        k = rng.randint(4, 6)
        nums = rng.sample(range(21), k)
        asc = rng.random() < 0.75
        srt = sorted(nums, reverse=not asc)
        v = dict(nums=nums, srt=srt, asc=asc, k=k, lst=", ".join(map(str, nums)),
                 dir="smallest to largest" if asc else "largest to smallest",
                 ext="smallest" if asc else "largest", out=", ".join(map(str, srt)))
        return Prob(self.name, (self.name, "asc" if asc else "desc", *nums), v["out"], v)

    def question(self, p):
        return f"Sort {p.v['lst']} from {p.v['dir']}."

    def qa(self, p):
        s = p.v["srt"]
        return [f"First, the {p.v['ext']} is {s[0]}"] + [f"Then comes {x}" for x in s[1:]]

    def explain(self, rng, p):
        v = p.v
        rest = list(v["nums"])
        out = []
        for i, x in enumerate(v["srt"]):
            if len(rest) == 1:
                out.append(rng.choice((f"Only {x} is left, so it goes last.", f"That leaves {x}, which goes at the end.")))
                break
            shown = ", ".join(map(str, rest))
            if i == 0:
                out.append(rng.choice((f"Scan the list for the {v['ext']} number: it's {x}.",
                                       f"The {v['ext']} of {shown} is {x}, so it goes first.")))
            else:
                out.append(rng.choice((f"Of what's left ({shown}), the {v['ext']} is {x}.",
                                       f"From {shown}, pick out {x}.", f"Next comes {x}, the {v['ext']} of {shown}.")))
            rest.remove(x)
        return out

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice((f"Selection sort: repeatedly take the {v['ext']} element of the unsorted part and append it to the sorted part.",
                           f"Rule: sorted list = {v['ext']} remaining element, then the rest sorted the same way."))
        rest, done, lines = list(v["nums"]), [], []
        for x in v["srt"]:
            rest.remove(x)
            done.append(x)
            lines.append(f"[{', '.join(map(str, done))} | {', '.join(map(str, rest))}]")
        return stmt, lines

    def code(self, rng, p):
        v = p.v
        var = rng.choice(("nums", "values", "items", "data", "xs"))
        lst = "[" + ", ".join(map(str, v["nums"])) + "]"
        res = "[" + v["out"] + "]"
        kind = rng.randrange(3)
        if kind == 0:
            rev = "" if v["asc"] else ", reverse=True"
            code = f"{var} = {lst}\nprint(sorted({var}{rev}))\n"
        elif kind == 1:
            cmp = ">" if v["asc"] else "<"
            code = (f"def selection_sort({var}):\n    {var} = list({var})\n    for i in range(len({var})):\n"
                    f"        best = i\n        for j in range(i + 1, len({var})):\n"
                    f"            if {var}[best] {cmp} {var}[j]:\n                best = j\n"
                    f"        {var}[i], {var}[best] = {var}[best], {var}[i]\n    return {var}\n\n"
                    f"print(selection_sort({lst}))\n")
        else:
            cmp = ">" if v["asc"] else "<"
            code = (f"{var} = {lst}\nn = len({var})\nfor i in range(n):\n    for j in range(n - 1 - i):\n"
                    f"        if {var}[j] {cmp} {var}[j + 1]:\n            {var}[j], {var}[j + 1] = {var}[j + 1], {var}[j]\n"
                    f"print({var})\n")
        return code, res

    def wrong(self, rng, p):
        s = list(p.v["srt"])
        i = rng.randrange(len(s) - 1)
        s[i], s[i + 1] = s[i + 1], s[i]
        return ", ".join(map(str, s))


# ---------------------------------------------------------------------------------------------
class AreaPerimeter(MathTask):
    name = "area_perimeter"
    topics = ("area and perimeter", "the area of a rectangle", "perimeter", "area of simple shapes")
    how = ("find the area and perimeter of a shape", "calculate the area of a rectangle or triangle",
           "work out the perimeter of a rectangle")
    concepts = (
        "Area measures the space inside a shape; perimeter measures the distance around it.",
        "The area of a rectangle is length times width, and its perimeter is twice the length plus the width.",
        "A triangle's area is half of base times height.",
    )
    method = (
        ("Identify the shape and the measurements you are given.", "Write down the dimensions."),
        ("Pick the right formula for area or perimeter.", "Choose the formula that matches the shape."),
        ("Substitute the numbers and calculate.", "Plug in the measurements and work it out."),
    )
    mistakes = ("Don't mix up area and perimeter: area is in square units.",
                "For a triangle, remember to halve base times height.")
    KINDS = ("rect_area", "rect_perim", "tri_area", "sq_area", "sq_perim")
    confusions = ("I mix up area and perimeter.", "why do you divide by 2 for triangles?", "which formula do I use?")

    def sample(self, rng):
        kind = rng.choice(self.KINDS)
        if kind in ("rect_area", "rect_perim"):
            l, w = rng.randint(2, 20), rng.randint(1, 20)
            if w > l:
                l, w = w, l
            key, v = (l, w), dict(l=l, w=w)
            if kind == "rect_area":
                v["ans"] = l * w
            else:
                v.update(s=l + w, ans=2 * (l + w))
        elif kind == "tri_area":
            while True:
                b, h = rng.randint(2, 20), rng.randint(2, 20)
                if (b * h) % 2 == 0:
                    break
            key, v = (b, h), dict(b=b, h=h, bh=b * h, ans=b * h // 2)
        else:
            s = rng.randint(2, 20)
            key, v = (s,), dict(s=s, ans=s * s if kind == "sq_area" else 4 * s)
        v["unit"] = rng.choice(("cm", "m", "inches", "feet", "units"))
        v["name"] = rng.choice(NAMES)
        return Prob(self.name, (self.name, kind, *key), str(v["ans"]), v)

    def question(self, p):
        v, kind = p.v, p.key[1]
        return {"rect_area": "A rectangle is {l} long and {w} wide. What is its area?",
                "rect_perim": "A rectangle is {l} long and {w} wide. What is its perimeter?",
                "tri_area": "A triangle has base {b} and height {h}. What is its area?",
                "sq_area": "A square has sides of length {s}. What is its area?",
                "sq_perim": "A square has sides of length {s}. What is its perimeter?"}[kind].format(**v)

    def ask(self, rng, p):
        v, kind = p.v, p.key[1]
        opts = {"rect_area": ("Find the area of a rectangle that is {l} {unit} by {w} {unit}.",
                              "What is the area of a {l} {unit} by {w} {unit} rectangle?"),
                "rect_perim": ("Find the perimeter of a rectangle with length {l} {unit} and width {w} {unit}.",
                               "How far is it around a {l} by {w} rectangle?"),
                "tri_area": ("Find the area of a triangle with a base of {b} {unit} and a height of {h} {unit}.",
                             "A triangle has base {b} and height {h}. How big is its area?"),
                "sq_area": ("What is the area of a square with {s} {unit} sides?", "Find the area of a square of side {s}."),
                "sq_perim": ("What is the perimeter of a square with sides of {s} {unit}?",
                             "How long is the fence around a square garden of side {s} {unit}?")}[kind]
        return _f(rng, opts, v)

    def word(self, rng, p):
        v, kind = p.v, p.key[1]
        opts = {"rect_area": "{name}'s garden bed is {l} m long and {w} m wide. How many square meters of soil does it cover?",
                "rect_perim": "{name} wants to put a fence around a {l} m by {w} m yard. How many meters of fence are needed?",
                "tri_area": "A triangular sail has a base of {b} feet and a height of {h} feet. What is its area?",
                "sq_area": "A square rug has sides of {s} feet. How many square feet does it cover?",
                "sq_perim": "A square picture frame has sides of {s} inches. What length of trim goes around it?"}
        return opts[kind].format(**v)

    def qa(self, p):
        v, kind = p.v, p.key[1]
        return {"rect_area": ["First, area = length * width", f"Then, {v.get('l')} * {v.get('w')} = {v['ans']}"],
                "rect_perim": [f"First, {v.get('l')} + {v.get('w')} = {v.get('s')}", f"Then, 2 * {v.get('s')} = {v['ans']}"],
                "tri_area": [f"First, {v.get('b')} * {v.get('h')} = {v.get('bh')}", f"Then, {v.get('bh')} / 2 = {v['ans']}"],
                "sq_area": ["First, area = side * side", f"Then, {v.get('s')} * {v.get('s')} = {v['ans']}"],
                "sq_perim": ["First, perimeter = 4 * side", f"Then, 4 * {v.get('s')} = {v['ans']}"]}[kind]

    def explain(self, rng, p):
        v, kind = p.v, p.key[1]
        if kind == "rect_area":
            return [rng.choice(("The area of a rectangle is length times width.", "Area = length * width.")),
                    _f(rng, ("Multiply: {l} * {w} = {ans}, so the area is {ans} square {unit}.",
                             "{l} times {w} is {ans}."), v)]
        if kind == "rect_perim":
            return [rng.choice(("The perimeter is the distance all the way around: two lengths and two widths.",
                                "Perimeter of a rectangle = 2 * (length + width).")),
                    _f(rng, ("Add the length and width: {l} + {w} = {s}.", "One length plus one width is {l} + {w} = {s}."), v),
                    _f(rng, ("Double it: 2 * {s} = {ans}.", "Multiply by 2 to go all the way round: {ans}."), v)]
        if kind == "tri_area":
            return [rng.choice(("A triangle is half of a rectangle, so its area is half of base times height.",
                                "Area of a triangle = base * height / 2.")),
                    _f(rng, ("Multiply the base by the height: {b} * {h} = {bh}.", "Base times height is {bh}."), v),
                    _f(rng, ("Halve it: {bh} / 2 = {ans}.", "Divide by 2 to get {ans}."), v)]
        if kind == "sq_area":
            return [rng.choice(("All sides of a square are equal, so area = side * side.", "The area of a square is its side squared.")),
                    _f(rng, ("{s} * {s} = {ans}.", "Multiply {s} by itself to get {ans}."), v)]
        return [rng.choice(("A square has four equal sides, so perimeter = 4 * side.", "Add up the four equal sides.")),
                _f(rng, ("4 * {s} = {ans}.", "Four sides of {s} make {ans}."), v)]

    def formula(self, rng, p):
        v, kind = p.v, p.key[1]
        stmt, lines = {"rect_area": ("A = l * w", ["A = {l} * {w}", "A = {ans}"]),
                       "rect_perim": ("P = 2(l + w)", ["P = 2({l} + {w})", "P = 2 * {s}", "P = {ans}"]),
                       "tri_area": ("A = (b * h) / 2", ["A = ({b} * {h}) / 2", "A = {bh} / 2", "A = {ans}"]),
                       "sq_area": ("A = s^2", ["A = {s}^2", "A = {ans}"]),
                       "sq_perim": ("P = 4s", ["P = 4 * {s}", "P = {ans}"])}[kind]
        return stmt, [x.format(**v) for x in lines]

    def code(self, rng, p):
        v, kind = p.v, p.key[1]
        if kind in ("rect_area", "rect_perim"):
            body = "length * width" if kind == "rect_area" else "2 * (length + width)"
            fn = "rectangle_area" if kind == "rect_area" else "rectangle_perimeter"
            code = f"def {fn}(length, width):\n    return {body}\n\nprint({fn}({v['l']}, {v['w']}))\n"
        elif kind == "tri_area":
            if rng.random() < 0.5:
                code = f"def triangle_area(base, height):\n    return base * height / 2\n\nprint(triangle_area({v['b']}, {v['h']}))\n"
                return code, str(float(v["ans"]))
            code = f"base, height = {v['b']}, {v['h']}\narea = base * height // 2\nprint(area)\n"
        else:
            body = "side ** 2" if kind == "sq_area" else "4 * side"
            code = f"side = {v['s']}\nprint({body})\n"
        return code, str(v["ans"])


# ---------------------------------------------------------------------------------------------
class Ratio(MathTask):
    name = "ratio"
    topics = ("ratios", "sharing in a ratio", "dividing an amount in a given ratio", "proportional sharing")
    how = ("share an amount in a given ratio", "divide a number in a ratio", "split a total using a ratio")
    concepts = (
        "A ratio like 2:3 means that for every 2 parts of one thing there are 3 parts of the other.",
        "To share in a ratio, first find how much one part is worth.",
        "Ratios compare quantities; the total number of parts is the sum of the numbers in the ratio.",
    )
    method = (
        ("Add the numbers in the ratio to find the total number of parts.", "Count the total parts."),
        ("Divide the amount by the total number of parts to find one part.", "Work out what one part is worth."),
        ("Multiply by the number of parts you want.", "Multiply one part by each number in the ratio."),
    )
    mistakes = ("Don't divide by just one number of the ratio; divide by the total number of parts.",
                "Check that the shares add back up to the total.")
    asks = ("Divide {total} in the ratio {p}:{q}. How big is the {which} part?",
            "Share {total} in the ratio {p}:{q}. What is the {which} share?",
            "Split {total} into two parts in the ratio {p}:{q}. Find the {which} part.")
    confusions = ("I divided by the wrong number.", "my shares don't add up to the total",
                  "I don't get what the colon means")

    def sample(self, rng):
        while True:
            p, q = rng.randint(1, 9), rng.randint(1, 9)
            if p != q:
                break
        unit = rng.randint(1, min(20, 200 // (p + q)))
        total = unit * (p + q)
        first = rng.random() < 0.5
        k = p if first else q
        v = dict(p=p, q=q, parts=p + q, unit=unit, total=total, which="first" if first else "second", k=k,
                 ans=k * unit, other=(q if first else p) * unit, name=rng.choice(NAMES), name2=rng.choice(NAMES))
        if v["name2"] == v["name"]:
            v["name2"] = "Alex" if v["name"] != "Alex" else "Sam"
        return Prob(self.name, (self.name, total, p, q, v["which"]), str(v["ans"]), v)

    def question(self, p):
        v = p.v
        return f"Divide {v['total']} in the ratio {v['p']}:{v['q']}. What is the {v['which']} part?"

    def qa(self, p):
        v = p.v
        return [f"First, {v['p']} + {v['q']} = {v['parts']}", f"Then, {v['total']} / {v['parts']} = {v['unit']}",
                f"Finally, {v['k']} * {v['unit']} = {v['ans']}"]

    def explain(self, rng, p):
        v = p.v
        return [_f(rng, ("Add the parts of the ratio: {p} + {q} = {parts}.", "There are {p} + {q} = {parts} parts in total."), v),
                _f(rng, ("One part is {total} / {parts} = {unit}.", "Divide the amount by the number of parts: {total} / {parts} = {unit}."), v),
                _f(rng, ("The {which} part has {k} parts, so it is {k} * {unit} = {ans}.",
                         "Multiply: {k} * {unit} = {ans}. (The other part is {other}, and {ans} + {other} = {total}.)"), v)]

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("share = amount * (parts for that share) / (total parts)", "For a ratio a:b, the shares are N*a/(a+b) and N*b/(a+b)."))
        return stmt, [f"{v['total']} * {v['k']} / ({v['p']} + {v['q']})", f"= {v['total'] * v['k']} / {v['parts']}", f"= {v['ans']}"]

    def word(self, rng, p):
        v = p.v
        who = v["name"] if v["which"] == "first" else v["name2"]
        return (f"{v['name']} and {v['name2']} share {v['total']} sweets in the ratio {v['p']}:{v['q']}. "
                f"How many does {who} get?")

    def code(self, rng, p):
        v = p.v
        fn = rng.choice(("share", "split_ratio", "divide_in_ratio"))
        code = (f"def {fn}(total, ratio):\n    unit = total // sum(ratio)\n    return [part * unit for part in ratio]\n\n"
                f"print({fn}({v['total']}, ({v['p']}, {v['q']})))\n")
        a, b = (v["ans"], v["other"]) if v["which"] == "first" else (v["other"], v["ans"])
        return code, f"[{a}, {b}]"


# ---------------------------------------------------------------------------------------------
class Median(MathTask):
    name = "median"
    topics = ("the median", "finding the median", "the middle value", "medians")
    how = ("find the median of a list of numbers", "work out the median", "find the middle value of a data set")
    concepts = (
        "The median is the middle value once the numbers are in order.",
        "Unlike the mean, the median isn't pulled around by one very large or very small value.",
        "With an odd number of values there is exactly one middle number.",
    )
    method = (
        ("Put the numbers in order from smallest to largest.", "Sort the list."),
        ("Find the middle position.", "Count in from both ends."),
        ("Read off the value in the middle.", "The number in the middle is the median."),
    )
    mistakes = ("Always sort first; the middle of the unsorted list is not the median.",
                "Repeated numbers count separately when you sort.")
    asks = ("Find the median of {lst}.", "What is the median of {lst}?", "Work out the median of the data: {lst}.",
            "Find the middle value of {lst}.")
    confusions = ("I took the middle of the list without sorting.", "what's the difference between median and mean?",
                  "what do I do with repeated numbers?")

    def sample(self, rng):
        k = rng.choice((3, 5, 5, 7))
        while True:
            nums = [rng.randint(0, 20) for _ in range(k)]
            srt = sorted(nums)
            if srt[k // 2] > 0:
                break
        v = dict(nums=nums, srt=srt, k=k, mid=k // 2 + 1, ans=srt[k // 2], lst=", ".join(map(str, nums)),
                 sl=", ".join(map(str, srt)), name=rng.choice(NAMES))
        return Prob(self.name, (self.name, *nums), str(v["ans"]), v)

    def question(self, p):
        return f"Find the median of {p.v['lst']}."

    def qa(self, p):
        return [f"First, in order: {p.v['sl']}", f"Then, the middle number is {p.v['ans']}"]

    def explain(self, rng, p):
        v = p.v
        return [_f(rng, ("Put the numbers in order: {sl}.", "Sorted, the list is {sl}.", "First sort them: {sl}."), v),
                _f(rng, ("There are {k} numbers, so the middle one is in position {mid}.",
                         "With {k} values, the median is the {nth} one.", "Cross off one number from each end until only one is left."),
                   dict(v, nth=_nth(v["mid"]))),
                _f(rng, ("That's {ans}.", "The middle value is {ans}.", "What remains is {ans}."), v)]

    def formula(self, rng, p):
        v = p.v
        stmt = rng.choice(("For n values in order (n odd), the median is the value at position (n + 1) / 2.",
                           "median = x[(n + 1) / 2] after sorting"))
        return stmt, [f"sorted: {v['sl']}", f"n = {v['k']}, (n + 1) / 2 = {v['mid']}", f"median = {v['ans']}"]

    def word(self, rng, p):
        return _f(rng, ("{name} recorded how many minutes the bus was late: {lst}. What is the median delay?",
                        "The number of goals scored in {k} games was {lst}. Find the median.",
                        "Test scores out of 20: {lst}. What is the median score?"), p.v)

    def code(self, rng, p):
        v = p.v
        var = rng.choice(("data", "values", "scores", "xs"))
        lst = "[" + ", ".join(map(str, v["nums"])) + "]"
        if rng.random() < 0.5:
            code = f"import statistics\n\n{var} = {lst}\nprint(statistics.median({var}))\n"
            return code, str(v["ans"])
        code = f"{var} = sorted({lst})\nprint({var})\nprint({var}[len({var}) // 2])\n"
        return code, "[" + v["sl"] + "]\n" + str(v["ans"])


TASK_LIST: tuple[MathTask, ...] = (Arithmetic(), Slope(), LinearEquation(), Percentage(), Mean(), UnitConversion(),
                                   GCD(), CompoundInterest(), Sorting(), AreaPerimeter(), Ratio(), Median())
TASKS_BY_NAME = {t.name: t for t in TASK_LIST}
PAPER_TASKS = ("arithmetic", "slope", "linear_equation")

__all__ = ["MathTask", "Prob", "TASK_LIST", "TASKS_BY_NAME", "PAPER_TASKS"]
