"""More real-world genres for the prose generator, long multi-section pages, and page clutter.

Labels follow what a text *does*, not its topic, register or layout:

- procedural (teaches how to do something or walks through a procedure step by step):
  lab protocols and methods sections written in the passive voice ("The pellet was resuspended...");
  mathematical proofs and derivations (each step follows from the last; the reader is shown how
  to get from the premises to the result); device and appliance manuals (set-up, operation,
  cleaning, troubleshooting); recipes in blog form, however long the personal preamble before the
  recipe card; long how-to pages with sections, FAQs and related tasks.
- factual (states facts about an entity or a concept, in a reference register): spec sheets;
  dictionary entries with pronunciation, senses and etymology; biographies; textbook explanations
  of concepts (descriptive: what osmosis *is*, not how to do anything); paper abstracts (what a
  study found); Q&A threads whose answers explain what something is; Wikipedia-style pages with
  History/Geography/Legacy sections, references and categories.
- other (tells, argues, advertises, announces, chats or entertains): press releases, weather
  forecasts, song lyrics, terms and conditions (binding conditions, not reference facts),
  obituaries (a commemorative notice, unlike a biography), product listings and adverts,
  transcripts of podcasts and meetings, entertainment listicles, horoscopes; long news and blog
  pages with comments.

Page clutter (site names, navigation, breadcrumbs, cookie notices, bylines, share bars, adverts,
related links, comments, footers) is added to documents of all three kinds alike, and its related
links mix how-to titles, reference topics and news headlines, so clutter is never a class cue.
Long pages run to about 900 words.

Every document is drawn from the ``random.Random`` it is given.
"""

from __future__ import annotations

import random
import re

from curate.world import banks as B
from curate.world import prose as P
from curate.world.prose_banks import genres as G
from curate.world.prose_banks import howto as H
from curate.world.prose_banks import life as L
from curate.world.prose_banks import reference as R

MAX_WORDS = 900


def _clip(text: str, limit: int = MAX_WORDS) -> str:
    """Drop trailing paragraphs until the text has at most ``limit`` words (keeps at least one)."""
    paras = text.split("\n\n")
    while len(paras) > 1 and sum(len(p.split()) for p in paras) > limit:
        paras.pop()
    return "\n\n".join(paras)


def _gctx(rng: random.Random) -> dict:
    ctx = P._ctx(rng)
    ctx.update({"d": rng.randint(1, 28), "m": rng.randint(2, 12), "name_l": ctx["name"].lower(), "surname2": rng.choice(B.SURNAMES),
                "town2": rng.choice(B.TOWNS), "day2": rng.choice(B.DAYS), "name_up": ctx["name"].upper(), "name2_up": ctx["name2"].upper(),
                "lat": f"{rng.uniform(-50, 65):.2f}", "lon": f"{rng.uniform(-120, 150):.2f}"})
    ctx["site"] = rng.choice(G.SITE_NAMES).format_map(ctx)
    return ctx


# ---------------------------------------------------------------------------------------- page clutter
def _related_titles(rng: random.Random, k: int) -> list[str]:
    """Link titles drawn from every kind of content, so related links never hint at the class."""
    out = []
    for _ in range(k):
        r = rng.random()
        if r < 0.34:
            out.append(P._task_header(rng, rng.choice(H.TASKS)["goal"]))
        elif r < 0.67:
            e = rng.choice(R.ENTRIES)
            out.append(rng.choice((e["name"], f"{e['name']}: facts and history", f"What is {P._name_mid(e)}?", f"Everything you need to know about {P._name_mid(e)}")))
        else:
            out.append(rng.choice(rng.choice(L.NEWS)["head"]) if rng.random() < 0.6 else rng.choice(rng.choice(L.OPINIONS)["title"]))
    return out


def page(rng: random.Random, body: str, title: str | None = None, ctx: dict | None = None) -> str:
    """Wrap ``body`` in web-page clutter (a random subset: nav, cookies, byline, ads, links, comments, footer)."""
    ctx = ctx or _gctx(rng)
    top, bottom = [], []
    if rng.random() < 0.5:
        top.append(ctx["site"] + ("\n" + " | ".join(rng.sample(G.NAV_BITS, rng.randint(4, 8))) if rng.random() < 0.7 else ""))
    if rng.random() < 0.3:
        (top if rng.random() < 0.5 else bottom).append(rng.choice(G.COOKIE))
    if title and rng.random() < 0.45:
        crumbs = ["Home", rng.choice(G.NAV_BITS)] + ([title] if len(title) < 60 else [])
        top.append(rng.choice((" > ", " / ", " » ")).join(crumbs))
    if title:
        top.append(title)
    if rng.random() < 0.55:
        top.append(rng.choice(G.BYLINE).format_map(ctx))
    if rng.random() < 0.35:
        top.append(rng.choice(G.SHARE))
    paras = body.split("\n\n")
    if len(paras) > 2 and rng.random() < 0.45:
        paras.insert(rng.randint(1, len(paras) - 1), rng.choice(G.ADS).format_map(ctx))
    if rng.random() < 0.35:
        bottom.append(rng.choice(G.SHARE))
    if rng.random() < 0.5:
        bottom.append(rng.choice(G.RELATED_HEADS) + "\n" + "\n".join(_related_titles(rng, rng.randint(3, 5))))
    if rng.random() < 0.35:
        n = rng.randint(1, 4)
        lines = [f"{rng.choice(B.FIRST_F + B.FIRST_M)}{rng.choice(('', str(rng.randint(1, 99))))} · {rng.randint(1, 23)}h ago\n"
                 + rng.choice(G.COMMENT_LINES).format_map(ctx) for _ in range(n)]
        bottom.append(f"Comments ({n + rng.randint(0, 40)})\n\n" + "\n\n".join(lines))
    if rng.random() < 0.5:
        bottom.append("\n".join(x.format_map(ctx) for x in _some_ordered(rng, G.FOOTER, 1, 3)))
    return "\n\n".join(top + paras + bottom)


def _some_ordered(rng: random.Random, items, lo: int, hi: int) -> list:
    return P._some(rng, items, lo, hi)


# ---------------------------------------------------------------------------------------- procedural
def _protocol(rng: random.Random) -> tuple[str, str, str]:
    pr = rng.choice(G.PROTOCOLS)
    parts = []
    head = rng.choice((pr["title"], f"Protocol: {pr['title'].lower()}", f"2.{rng.randint(1, 6)} {pr['title']}", f"Methods — {pr['title'].lower()}"))
    parts.append(head)
    if rng.random() < 0.7:
        parts.append(rng.choice(("Materials", "Reagents", "Materials and reagents", "Equipment")) + "\n" + "\n".join("- " + m for m in pr["materials"]))
    steps = pr["steps"]
    if rng.random() < 0.5:
        parts.append(rng.choice(("Procedure", "Method", "Protocol")) + "\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)))
    else:
        parts.append(P._paragraphs(rng, list(steps), 3, 7))
    if rng.random() < 0.7:
        parts.append(" ".join(pr["notes"]))
    return "\n\n".join(parts), "prose_protocol", rng.choice(("web", "encyclopedia"))


def _proof(rng: random.Random) -> tuple[str, str, str]:
    pf = rng.choice(G.PROOFS)
    head = rng.choice(G.PROOF_HEADS)
    claim = pf["claim"]
    if head.endswith("that"):
        claim = P._lc(claim)
    parts = [f"{head} {claim}"]
    steps = list(pf["steps"])
    if rng.random() < 0.5:
        body = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) if rng.random() < 0.5 else "\n".join(steps)
    else:
        body = " ".join(steps)
    parts.append(rng.choice(("Proof.", "Proof:", "Solution.", "")) + ("\n" if rng.random() < 0.5 else " ") + body)
    end = rng.choice(G.PROOF_ENDS)
    text = "\n\n".join(parts) + ((" " + end) if end else "")
    return text.replace("\n\n ", "\n\n").strip(), "prose_proof", rng.choice(("web", "forum", "encyclopedia"))


def _manual(rng: random.Random) -> tuple[str, str, str]:
    mn = rng.choice(G.MANUALS)
    keys = ["safety", "setup", "use", "care", "trouble"]
    keys = [k for k in keys if k == "use" or rng.random() < 0.7]
    parts = [rng.choice((f"User manual: {mn['product']}", f"Instructions for use — {mn['product']}", f"Quick start guide for {mn['product']}",
                         f"Thank you for buying {mn['product']}. Please read these instructions carefully and keep them for future reference."))]
    sec = 1
    for k in keys:
        head = f"{sec}. {rng.choice(G.MANUAL_SECTIONS[k])}" if rng.random() < 0.6 else rng.choice(G.MANUAL_SECTIONS[k]).upper()
        if k == "trouble":
            rows = mn["trouble"]
            body = "\n".join(f"Problem: {p}\nSolution: {s}" for p, s in rows) if rng.random() < 0.5 else \
                "Problem | Possible cause / solution\n" + "\n".join(f"{p} | {s}" for p, s in rows)
        elif k == "safety":
            body = "\n".join(("⚠ " if rng.random() < 0.3 else "- ") + s for s in mn[k])
        else:
            body = "\n".join(f"{i}. {s}" for i, s in enumerate(mn[k], 1))
        parts.append(head + "\n" + body)
        sec += 1
    return "\n\n".join(parts), "prose_manual", "web"


def _recipe_blog(rng: random.Random) -> tuple[str, str, str]:
    """A recipe post: a long personal preamble, then the recipe card. Procedural: the card is the point."""
    ctx = _gctx(rng)
    task = rng.choice([t for t in H.TASKS if t["domain"] == "cooking"])
    title = rng.choice((f"The best way to {task['goal']}", f"How I {re.sub(r'your', 'my', task['goal'])} (family recipe)", P._cap(task["goal"]) + " — easy recipe"))
    pre = rng.sample(G.RECIPE_PREAMBLE, rng.randint(4, 9)) + rng.sample(L.DIARY, rng.randint(0, 3))
    rng.shuffle(pre)
    parts = [P._paragraphs(rng, pre, 2, 3)]
    if rng.random() < 0.5:
        parts.insert(0, rng.choice(("Jump to recipe", "Jump to Recipe · Print Recipe", "Skip to recipe")))
    if rng.random() < 0.5:
        parts.append(" ".join(P._step_forms(rng, P._some(rng, task["steps"], 2, 3), "i")))
    card = [rng.choice(("Recipe", "Recipe card", "Print recipe")) + f"\n{P._cap(task['goal'])}",
            f"Prep time: {rng.choice((10, 15, 20))} mins | Cook time: {rng.choice((15, 25, 40, 60))} mins | Serves: {rng.randint(2, 6)}"]
    if task["need"]:
        card.append("Ingredients\n" + "\n".join("- " + x for x in task["need"]))
    card.append("Instructions\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(task["steps"], 1)))
    tips = P._tips(rng, task)
    if tips:
        card.append("Notes\n" + "\n".join(tips))
    text = "\n\n".join(parts + card)
    if rng.random() < 0.6:
        text = page(rng, text, title, ctx)
    else:
        text = title + "\n\n" + text
    return P._fill(_clip(text), ctx), "prose_recipe_blog", "web"


def _howto_page(rng: random.Random) -> tuple[str, str, str]:
    """A long how-to page: a guide, then FAQs and a related task, inside page clutter."""
    ctx = _gctx(rng)
    guide, _, _ = P._long_guide(rng)
    title, _, body = guide.partition("\n\n")
    extra = []
    if rng.random() < 0.6:
        extra.append(P._faq(rng)[0])
    if rng.random() < 0.4:
        extra.append(P._troubleshoot(rng)[0])
    if rng.random() < 0.35:
        extra.append(rng.choice(("Related guide: ", "Next up: ", "You might also need: ")) + P._long_guide(rng)[0])
    text = page(rng, "\n\n".join([body] + extra), title, ctx)
    return _clip(text), "prose_howto_page", "web"


# ---------------------------------------------------------------------------------------- factual
def _spec_sheet(rng: random.Random) -> tuple[str, str, str]:
    sp = rng.choice(G.SPECS)
    sep = rng.choice((": ", " | ", "\t", " — "))
    rows = P._some(rng, list(sp["rows"].items()), 4, len(sp["rows"]))
    head = rng.choice((f"{sp['name']} — specifications", f"Technical specifications: {sp['name']}", sp["name"], f"{sp['name']} spec sheet"))
    parts = [head]
    if rng.random() < 0.7:
        parts.append(sp["lead"])
    parts.append(rng.choice(("Specifications", "Technical data", "Key specs", "")) + "\n" + "\n".join(f"{k}{sep}{v}" for k, v in rows))
    if rng.random() < 0.3:
        parts.append("Specifications are subject to change without notice.")
    return "\n\n".join(p.strip() for p in parts), "prose_spec_sheet", "web"


def _dictionary(rng: random.Random) -> tuple[str, str, str]:
    entries = rng.sample(G.DICTIONARY, rng.randint(1, 3))
    out = []
    for d in entries:
        senses = "\n".join(f"{i}. {s}" + (f": '{d['ex'][i - 1]}'" if i <= len(d["ex"]) and rng.random() < 0.6 else "") for i, s in enumerate(d["senses"], 1))
        lines = [f"{d['word']} {d['pron']}" if rng.random() < 0.7 else d["word"], d["pos"], senses]
        if rng.random() < 0.85:
            lines.append(rng.choice(("Origin: ", "Etymology: ", "ORIGIN ", "Word history: ")) + d["etym"])
        out.append("\n".join(lines))
    return "\n\n".join(out), "prose_dictionary", rng.choice(("encyclopedia", "web"))


def _biography(rng: random.Random) -> tuple[str, str, str]:
    people = [e for e in R.ENTRIES if e["kind"] == "person"]
    e = rng.choice(people)
    facts = P._facts(e, rng, list(e["facts"]))
    n = len(facts)
    cut1, cut2 = max(1, n // 3), max(2, 2 * n // 3)
    parts = [e["name"], P._lead(e) + " " + facts[0]]
    heads = rng.choice((("Early life", "Career", "Later life and legacy"), ("Biography", "Work", "Death and legacy"), ("Early years", "Achievements", "Legacy")))
    chunks = [facts[1:cut1 + 1], facts[cut1 + 1:cut2 + 1], facts[cut2 + 1:]]
    for h, c in zip(heads, chunks):
        if c:
            parts.append(h + "\n" + " ".join(c))
    if rng.random() < 0.4:
        parts[0] = rng.choice((f"{e['name']}: a biography", f"Biography of {e['name']}", e["name"]))
    return "\n\n".join(parts), "prose_biography", rng.choice(("encyclopedia", "web"))


def _textbook(rng: random.Random) -> tuple[str, str, str]:
    pool = [e for e in R.ENTRIES if e["kind"] in ("process", "concept", "term", "element", "organ", "planet", "substance", "technology")]
    e = rng.choice(pool)
    facts = P._facts(e, rng, list(e["facts"]))
    term = re.sub(r"^(The|A|An) ", "", e["name"])
    parts = [rng.choice((f"{rng.randint(1, 12)}.{rng.randint(1, 9)} {P._cap(term)}", f"Chapter {rng.randint(1, 20)}: {P._cap(term)}", P._cap(term), f"Topic: {term}"))]
    parts.append(P._paragraphs(rng, [P._lead(e)] + facts, 2, 3))
    related = [x for x in pool if x is not e and x["kind"] == e["kind"]]
    if related and rng.random() < 0.6:
        keys = rng.sample(related, min(len(related), rng.randint(1, 3)))
        parts.append(rng.choice(("Key terms", "Glossary", "Key words")) + "\n" + "\n".join(
            f"{re.sub(r'^(The|A|An) ', '', k['name'])}: {k['def']}." for k in [e] + keys))
    if rng.random() < 0.5:
        parts.append(rng.choice(("Summary", "In brief", "Key points")) + "\n" + "\n".join("- " + f for f in P._some(rng, facts, 2, 3)))
    return "\n\n".join(parts), "prose_textbook", rng.choice(("encyclopedia", "web"))


def _abstract(rng: random.Random) -> tuple[str, str, str]:
    ab = rng.choice(G.ABSTRACTS)
    ctx = _gctx(rng)
    authors = ", ".join(f"{rng.choice(B.FIRST_F + B.FIRST_M)[0]}. {rng.choice(B.SURNAMES)}" for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.5:
        body = f"Background: {ab['bg']}\nMethods: {ab['methods']}\nResults: {ab['results']}\nConclusions: {ab['concl']}"
    else:
        body = " ".join((ab["bg"], ab["methods"], ab["results"], ab["concl"]))
    parts = [ab["title"], authors, rng.choice(("Abstract", "ABSTRACT", "Summary")) + "\n" + body]
    if rng.random() < 0.5:
        parts.append("Keywords: " + ", ".join(w.lower() for w in rng.sample(re.findall(r"[A-Za-z]{5,}", ab["title"]), 3)))
    if rng.random() < 0.3:
        parts.append(f"Received {ctx['d']} {ctx['month']} {ctx['year']}; accepted {ctx['d']} {rng.choice(B.MONTHS)} {ctx['year'] + 1}.")
    return "\n\n".join(parts), "prose_abstract", "web"


def _ref_thread(rng: random.Random) -> tuple[str, str, str]:
    """A forum or Q&A-site thread whose answers explain what something is (factual, not how-to)."""
    e = rng.choice(R.ENTRIES)
    mid = P._name_mid(e)
    q = rng.choice((f"Can someone explain what {mid} actually is?", f"ELI5: what is {mid}?", f"Quick question: what exactly {e['is']} {mid}?",
                    f"I keep hearing about {mid} and I'm too embarrassed to ask. What {e['is']} it?"))
    users = [rng.choice(B.FIRST_F + B.FIRST_M).lower() + str(rng.randint(1, 999)) for _ in range(3)]
    ans1 = " ".join([P._cap(P._lead(e))] + P._facts(e, rng, P._some(rng, e["facts"], 1, 3)))
    posts = [f"{users[0]} asked:\n{q}", f"{users[1]} · {rng.randint(2, 400)} points\n{ans1}"]
    if rng.random() < 0.6:
        posts.append(f"{users[2]}\n" + rng.choice(("To add to that: ", "Also worth knowing: ", "Good answer. ")) + rng.choice(e["facts"]))
    if rng.random() < 0.4:
        posts.append(f"{users[0]}\n" + rng.choice(("Thanks, that makes sense now.", "Huh, TIL.", "Perfect, thank you.")))
    return "\n\n".join(posts), "prose_ref_thread", "forum"


def _wiki_page(rng: random.Random) -> tuple[str, str, str]:
    """A long encyclopedia page: clutter, lead, sections, related entries, references, categories."""
    e = rng.choice(R.ENTRIES)
    ctx = _gctx(rng)
    others = [x for x in R.ENTRIES if x is not e and x["kind"] == e["kind"]] or list(R.ENTRIES)
    rel = rng.sample(others, min(len(others), rng.choice((1, 2, 3, 5, 7))))
    title = re.sub(r"^The ", "", e["name"]) if rng.random() < 0.5 else e["name"]
    cite = rng.random() < 0.6

    def c(s: str) -> str:
        return s + (f"[{rng.randint(1, 30)}]" if cite and rng.random() < 0.4 else "")

    clutter = [x.format_map({**ctx, "title": title, "other": rel[0]["name"]}) for x in P._some(rng, G.WIKI_CLUTTER, 1, 3)]
    facts = P._facts(e, rng, list(e["facts"]))
    parts = clutter + [title, " ".join(c(s) for s in [P._lead(e)] + facts[:2])]
    if e.get("box") and rng.random() < 0.6:
        parts.insert(len(clutter) + 1, "\n".join(f"{k}\t{v}" for k, v in e["box"].items()))
    heads = list(R.HEADINGS[R.KIND_GROUP.get(e["kind"], "generic")])
    rng.shuffle(heads)
    rest = facts[2:]
    k = 0
    while rest:
        take = rng.randint(1, 2)
        parts.append(heads[k % len(heads)] + rng.choice(("", "[edit]")) + "\n" + " ".join(c(s) for s in rest[:take]))
        rest, k = rest[take:], k + 1
    for r in rel:
        parts.append(rng.choice(("Related: ", "See also: ", "Related article: ")) + re.sub(r"^(The|A|An) ", "", r["name"]) + "\n"
                     + " ".join(c(s) for s in [P._lead(r)] + P._some(rng, r["facts"], 2, len(r["facts"]))))
    if cite:
        refs = [f"{i}. ^ {rng.choice(B.SURNAMES)}, {rng.choice(B.FIRST_F + B.FIRST_M)[0]}. ({rng.randint(1950, 2023)}). "
                f"{rng.choice(('A history of', 'Notes on', 'Studies of', 'An introduction to'))} {P._name_mid(e)}. {rng.choice(('Oxford', 'London', 'New York', 'Cambridge'))}: "
                f"{rng.choice(('University Press', 'Penguin', 'Routledge', 'Academic Press'))}." for i in range(1, rng.randint(3, 7))]
        parts.append("References\n" + "\n".join(refs))
    if rng.random() < 0.5:
        parts.append("Categories: " + " | ".join(rng.sample([R.KIND_PLURAL.get(e["kind"], "Articles"), "Articles with short description",
                                                            "All articles needing citations", f"{e['kind'].capitalize()} stubs", "Featured articles"], 3)))
    if rng.random() < 0.4:
        parts.append(rng.choice(G.FOOTER).format_map(ctx))
    return _clip("\n\n".join(parts)), "prose_wiki_page", "encyclopedia"


def _ref_page(rng: random.Random) -> tuple[str, str, str]:
    """A reference article, biography or explainer inside page clutter."""
    ctx = _gctx(rng)
    maker_pool = (P._ref_article, P._ref_explainer, _biography, _textbook, P._ref_sections)
    maker = rng.choice(maker_pool)
    text, _, _ = maker(rng)
    title, _, body = text.partition("\n\n")
    if not body:
        title, body = None, text
    for _ in range(rng.choice((0, 0, 1, 2))):
        body += "\n\n" + rng.choice(("Related topic: ", "See also\n", "Further reading\n")) + rng.choice(maker_pool)(rng)[0]
    return _clip(page(rng, body, title, ctx)), "prose_ref_page", "web"


# ---------------------------------------------------------------------------------------- other
def _press_release(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    pr = rng.choice(G.PRESS_RELEASES)
    body = list(pr["body"])
    body.insert(rng.randint(1, len(body)), pr["quote"])
    parts = [rng.choice(("FOR IMMEDIATE RELEASE", "PRESS RELEASE", "News release", "")), pr["head"],
             f"{ctx['town'].upper()}, {ctx['d']} {ctx['month']} {ctx['year']} — " + body[0]] + body[1:]
    if rng.random() < 0.8:
        parts.append(rng.choice(("About ", "About ")) + pr["org"] + "\n" + pr["about"])
    parts.append(rng.choice(G.PRESS_TAILS))
    return P._fill("\n\n".join(p for p in parts if p), ctx), "prose_press_release", rng.choice(("news", "web"))


def _forecast(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    days = rng.sample(B.DAYS, rng.randint(1, 3))
    parts = [rng.choice(("Weather forecast", f"Your weather for {days[0]}", "Forecast", f"{ctx['town']} weather", "UK weather: the week ahead"))]
    for d in days:
        conds = rng.sample(G.WX_CONDITIONS, rng.randint(2, 3))
        regs = rng.sample(G.WX_REGIONS, 2)
        lo = rng.randint(-2, 12)
        hi = lo + rng.randint(4, 12)
        s = f"{d}: {conds[0]} In {regs[0]}, {P._lc(conds[1])}" + (f" {conds[2]}" if len(conds) > 2 else "") + \
            f" Highs of {hi} °C, lows of {lo} °C."
        parts.append(s)
    if rng.random() < 0.6:
        parts.append(rng.choice(("Outlook: ", "Further ahead: ", "")) + " ".join(rng.sample(G.WX_OUTLOOK, 2)))
    return "\n\n".join(parts), "prose_forecast", rng.choice(("news", "web"))


def _lyrics(rng: random.Random) -> tuple[str, str, str]:
    chorus = "\n".join(rng.choice(G.LYRIC_CHORUS))
    verses = []
    for _ in range(rng.randint(2, 3)):
        i = rng.randrange(0, len(G.LYRIC_VERSE) - 1, 2)
        j = rng.randrange(0, len(G.LYRIC_VERSE) - 1, 2)
        verses.append("\n".join(G.LYRIC_VERSE[i:i + 2] + G.LYRIC_VERSE[j:j + 2]))
    tags = rng.random() < 0.5
    parts = []
    for k, v in enumerate(verses, 1):
        parts.append((f"[Verse {k}]\n" if tags else "") + v)
        parts.append(("[Chorus]\n" if tags else "") + chorus)
    text = "\n\n".join(parts)
    if rng.random() < 0.6:
        text = rng.choice(("Lyrics", "Song lyrics", "")) + "\n" + rng.choice(("Carry Me Home", "Border Towns", "Leave On The Light", "City Trees", "Paper Boats")) + "\n\n" + text
    return text.strip(), "prose_lyrics", rng.choice(("web", "fiction"))


def _terms(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    clauses = P._some(rng, G.LEGAL_CLAUSES, 4, 10)
    parts = [rng.choice(("Terms and Conditions", "Terms of Service", "Terms of Use", "Conditions of sale")),
             f"Last updated: {ctx['d']} {ctx['month']} {ctx['year']}"]
    for i, (h, c) in enumerate(clauses, 1):
        parts.append(f"{i}. {h}\n{i}.1 {c}" if rng.random() < 0.5 else f"{i}. {h.upper()}. {c}")
    return "\n\n".join(parts), "prose_terms", "web"


def _obituary(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    female = ctx["name"] in B.FIRST_F
    ctx.update({"pron": "She" if female else "He", "pron_l": "she" if female else "he", "obj": "her" if female else "him",
                "poss": "her" if female else "his", "age": rng.randint(58, 99), "job": rng.choice(G.OBIT_JOBS),
                "quality": rng.choice(G.OBIT_QUALITY), "spouse": ctx["name3"], "kid1": ctx["name2"], "kid2": rng.choice(B.FIRST_F + B.FIRST_M),
                "year": rng.randint(1950, 1975)})
    sents = [rng.choice(G.OBIT_OPEN)] + rng.sample(G.OBIT_LIFE, rng.randint(2, 5)) + P._some(rng, G.OBIT_CLOSE, 1, 3)
    text = P._paragraphs(rng, sents, 1, 3)
    if rng.random() < 0.5:
        text = rng.choice((f"{ctx['name']} {ctx['surname']}", f"Obituary: {ctx['name']} {ctx['surname']}", "Deaths")) + "\n\n" + text
    return text.format_map(ctx), "prose_obituary", "news"


def _listing(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    ls = rng.choice(G.LISTINGS)
    parts = [ls["title"]]
    if rng.random() < 0.6:
        parts.append(" · ".join(rng.sample(G.LISTING_EXTRAS, 2)))
    parts.append(f"£{ctx['price']}.{rng.choice(('00', '99', '49'))}" if rng.random() < 0.7 else f"Price: £{ctx['price']}")
    parts.append(rng.choice(("About this item", "Features", "Product details")) + "\n" + "\n".join("• " + b for b in ls["bullets"]))
    parts.append(ls["desc"])
    if rng.random() < 0.4:
        parts.append(rng.choice(G.LISTING_EXTRAS))
    return P._fill("\n\n".join(parts), ctx), "prose_listing", "web"


def _transcript(rng: random.Random) -> tuple[str, str, str]:
    ctx = _gctx(rng)
    if rng.random() < 0.6:
        lines = G.TRANSCRIPT_LINES
        start = rng.randint(0, 3)
        picked = list(lines[start:start + rng.randint(8, len(lines))])
        host, guest = ctx["name"].upper(), ctx["name2"].upper()
        out = []
        for i, ln in enumerate(picked):
            who = host if i % 2 == 0 else guest
            stamp = f"[{i // 2:02d}:{rng.randint(0, 59):02d}] " if rng.random() < 0.3 else ""
            out.append(ln if ln.startswith("[") else f"{stamp}{who}: {ln}")
        text = rng.choice(("Episode transcript", f"Transcript: episode {rng.randint(3, 180)}", "TRANSCRIPT")) + "\n\n" + "\n\n".join(out)
    else:
        picked = P._some(rng, G.MEETING_LINES, 6, len(G.MEETING_LINES))
        text = f"Minutes of the residents' committee meeting, {ctx['day']} {ctx['d']} {ctx['month']}\nPresent: {ctx['name']}, {ctx['name2']}, the Chair and {ctx['n']} residents\n\n" + "\n".join(picked)
    return P._fill(text, ctx), "prose_transcript", rng.choice(("web", "news"))


def _listicle(rng: random.Random) -> tuple[str, str, str]:
    head, items = rng.choice(G.LISTICLES)
    picks = P._some(rng, items, 4, len(items))
    n = len(picks)
    numbered = rng.random() < 0.7
    body = "\n\n".join((f"{i}. {s}" if numbered else s) + (" " + rng.choice(("Iconic.", "We've all been there.", "Just us?", "No notes.", ""))).rstrip()
                       for i, s in enumerate(picks, 1))
    return head.format(n=n) + "\n\n" + body, "prose_listicle", "web"


def _horoscope(rng: random.Random) -> tuple[str, str, str]:
    signs = P._some(rng, G.HOROSCOPES, 3, 12)
    head = rng.choice(("Your stars this week", "Horoscopes", "What the stars say", "Weekly horoscope"))
    return head + "\n\n" + "\n\n".join(f"{s.upper() if rng.random() < 0.5 else s}\n{t}" for s, t in signs), "prose_horoscope", rng.choice(("news", "web"))


def _news_page(rng: random.Random) -> tuple[str, str, str]:
    """A long news or opinion page (two stories, or a story and a column) with page clutter and comments."""
    ctx = _gctx(rng)
    makers = (P._news, P._opinion, P._blog, P._review, _press_release, P._interview)
    first, _, _ = rng.choice(makers)(rng)
    title, _, body = first.partition("\n\n")
    if not body:
        title, body = None, first
    for _ in range(rng.choice((0, 1, 1, 2, 3, 4, 5))):
        second, _, _ = rng.choice(makers)(rng)
        body += "\n\n" + rng.choice(("In other news", "Also today", "Elsewhere", "More stories")) + "\n\n" + second
    return _clip(P._fill(page(rng, body, title, ctx), ctx)), "prose_news_page", rng.choice(("news", "web"))


def _story_long(rng: random.Random) -> tuple[str, str, str]:
    """Longer fiction: several scenes, sometimes with chapter headings, sometimes on a story site."""
    ctx = _gctx(rng)
    scenes = rng.sample(L.SCENES, rng.randint(2, 6))
    chapter = rng.random() < 0.4
    parts = [(f"Chapter {i}\n\n" if chapter else "") + P._paragraphs(rng, list(sc), 1, 3) for i, sc in enumerate(scenes, 1)]
    text = ("\n\n" if chapter else "\n\n* * *\n\n").join(parts)
    if rng.random() < 0.4:
        text = page(rng, text, rng.choice(("A short story", "The last train", "Weekend fiction", "New writing")), ctx)
    return _clip(P._fill(text, ctx)), "prose_story_long", "fiction"


GENRE_STYLES: dict[str, dict] = {
    "procedural": {"protocol": (_protocol, 0.06), "proof": (_proof, 0.05), "manual": (_manual, 0.06), "recipe_blog": (_recipe_blog, 0.06),
                   "howto_page": (_howto_page, 0.06)},
    "factual": {"spec_sheet": (_spec_sheet, 0.05), "dictionary": (_dictionary, 0.05), "biography": (_biography, 0.06), "textbook": (_textbook, 0.07),
                "abstract": (_abstract, 0.04), "ref_thread": (_ref_thread, 0.05), "wiki_page": (_wiki_page, 0.08), "ref_page": (_ref_page, 0.06)},
    "other": {"press_release": (_press_release, 0.04), "forecast": (_forecast, 0.03), "lyrics": (_lyrics, 0.03), "terms": (_terms, 0.03),
              "obituary": (_obituary, 0.03), "listing": (_listing, 0.04), "transcript": (_transcript, 0.04), "listicle": (_listicle, 0.03),
              "horoscope": (_horoscope, 0.02), "news_page": (_news_page, 0.07), "story_long": (_story_long, 0.04)},
}
