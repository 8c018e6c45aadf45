"""Mixed documents: real corpora rarely keep one kind of text per page.

:func:`mixed_document` draws one document that combines two kinds: a story with one fact
from the knowledge base in it, a forum thread with a short worked calculation in passing, a
reference entry with a paragraph on how the thing is made, a travel blog that quotes
capital and population figures, a book review that mentions the author's details, and a
cooking blog whose long personal preamble ends in a short recipe. Each is labelled by its
dominant type (``doc_type``), carries ``mixed=True``, records the knowledge-base facts it
states in ``extra["facts"]`` and the kind of its minority content in ``extra["minor"]``.
"""

from __future__ import annotations

import bisect
import random

from curate.world import banks as B
from curate.world import other as O
from curate.world.base import WorldDoc
from curate.world.facts import FactWorld, cap

_LOWER_OK = {"The", "In", "At", "Most", "Around", "Born", "Founded", "Adults", "Politically", "Visitors", "Prices", "By", "Among", "As"}


def _clause(sentence: str, keep: str = "") -> str:
    """A fact sentence turned into a clause that can follow 'that'."""
    first, _, rest = sentence.partition(" ")
    if first in _LOWER_OK and not (keep and sentence.startswith(keep)):
        first = first.lower()
    return f"{first} {rest}".rstrip(".")


def _fact_sentence(rng: random.Random, facts: FactWorld, record: list[str], kinds: tuple[str, ...] | None = None):
    for _ in range(20):
        ent = facts.pick_fact_entity(rng)
        if kinds is None or ent.kind in kinds:
            break
    sents = facts.say(rng, ent, facts.choose_attrs(rng, ent, 1), record, combos=0.0)
    return ent, sents[0] if sents else f"{cap(ent.display)} is well known."


# --------------------------------------------------------------------------- story + fact
FACT_FRAMES = (
    "\"Did you know,\" said {name2}, apropos of nothing, \"that {clause}?\"\n\n\"I did not,\" said {name}. \"And I'm not sure I needed to.\"",
    "{name} remembered reading somewhere that {clause}. It was the kind of fact that lodged in {his} head and refused to leave.",
    "On the radio, a quiz show was on. \"Correct,\" said the host. \"{sentence}\" The audience applauded politely.",
    "There was a faded poster on the wall of the waiting room. {sentence} Someone had drawn a moustache on it.",
    "{name2} had been reading an encyclopedia again, and insisted on telling everyone that {clause}.",
    "The pub quiz that week had only one question {name} got right: {sentence_lower}",
    "{His} grandfather used to say, whenever anyone asked him anything, that {clause}. Nobody ever knew why.",
)


def _story_with_fact(rng: random.Random, facts: FactWorld):
    ctx = O.context(rng)
    text, _, _ = O.make(rng, "story", ctx)
    record: list[str] = []
    ent, sentence = _fact_sentence(rng, facts, record)
    keep = ent.display if ent.kind == "book" else ""
    frame = rng.choice(FACT_FRAMES).format_map(dict(ctx, clause=_clause(sentence, keep), sentence=sentence,
                                                     sentence_lower=sentence))
    paras = text.split("\n\n")
    paras.insert(rng.randint(2, max(2, len(paras) - 1)), frame)
    return "\n\n".join(paras), "story_with_fact", "fiction", "other", ent.name, record, "factual"


# --------------------------------------------------------------------------- forum + arithmetic
def _money(x: float) -> str:
    return f"£{x:,.2f}"


def _bill(rng: random.Random, ctx: dict) -> tuple[str, str]:
    people = rng.randint(3, 6)
    items = rng.sample((("pizzas", 11.5), ("bottles of wine", 18.75), ("starters", 6.25), ("desserts", 5.5), ("rounds of drinks", 14.8),
                        ("curries", 9.95), ("portions of chips", 3.45), ("burgers", 12.25)), 2)
    counts = [rng.randint(2, 4) for _ in items]
    subtotal = sum(c * p for c, (_, p) in zip(counts, items))
    tip = rng.choice((10, 12.5, 15))
    total = subtotal * (1 + tip / 100)
    each = total / people
    ask = (f"There were {people} of us at {ctx['name3']}'s birthday meal and the bill has caused a family feud. We had "
           f"{counts[0]} {items[0][0]} at {_money(items[0][1])} and {counts[1]} {items[1][0]} at {_money(items[1][1])}, plus a {tip:g}% tip. "
           "Who can do maths on a Sunday morning, because it isn't me.")
    work = (f"Food and drink: {counts[0]} × {_money(items[0][1])} = {_money(counts[0] * items[0][1])}, "
            f"{counts[1]} × {_money(items[1][1])} = {_money(counts[1] * items[1][1])}, so {_money(subtotal)} altogether. "
            f"Add {tip:g}%: {_money(subtotal)} × {1 + tip / 100:g} = {_money(total)}. "
            f"Split {people} ways that's {_money(total)} ÷ {people} = {_money(each)} each.")
    return ask, work


def _fuel(rng: random.Random, ctx: dict) -> tuple[str, str]:
    km = rng.choice((180, 240, 320, 410, 460, 520))
    per100 = rng.choice((5.5, 6.2, 7.0, 7.8))
    price = rng.choice((1.42, 1.55, 1.61, 1.74))
    people = rng.randint(2, 4)
    litres = km * per100 / 100
    cost = litres * price
    ask = (f"Driving {people - 1} friends to {ctx['town']} for a wedding, {km} km each way. My car does about {per100:g} litres per "
           f"100 km and fuel is {_money(price)} a litre round here. What's fair to ask for petrol without looking stingy?")
    work = (f"One way: {km} km × {per100:g} / 100 = {litres:g} litres, and {litres:g} × {_money(price)} = {_money(cost)}. "
            f"Return trip doubles it to {_money(2 * cost)}. Split between {people} of you (you included) it's "
            f"{_money(2 * cost)} ÷ {people} = {_money(2 * cost / people)} each.")
    return ask, work


def _scale(rng: random.Random, ctx: dict) -> tuple[str, str]:
    base, want = rng.choice(((4, 6), (4, 10), (6, 9), (2, 5), (8, 12)))
    grams = rng.choice((150, 200, 240, 300, 360))
    ingredient = rng.choice(("flour", "sugar", "butter", "rice", "oats"))
    per = grams / base
    ask = (f"My nan's recipe serves {base} and I've got {want} coming on {ctx['day']}. It says {grams} g of {ingredient}. "
           "I refuse to buy a new cookbook for this.")
    work = (f"{grams} g for {base} people is {grams} ÷ {base} = {per:g} g per person, and {per:g} × {want} = {per * want:g} g. "
            "Scale everything else the same way and you're sorted.")
    return ask, work


def _sale(rng: random.Random, ctx: dict) -> tuple[str, str]:
    price = rng.choice((64, 80, 96, 120, 150))
    pct = rng.choice((15, 20, 25, 30))
    voucher = rng.choice((5, 10))
    after = price * (100 - pct) / 100
    ask = (f"The {rng.choice(('coat', 'boots', 'lamp', 'bike helmet', 'suitcase'))} I want is £{price} with {pct}% off in the sale, and I've got a £{voucher} voucher. "
           "The shop says the voucher comes off after the discount. Is that a good deal or am I being had?")
    work = (f"{pct}% of £{price} is £{price * pct / 100:g}, so the sale price is £{price} − £{price * pct / 100:g} = £{after:g}. "
            f"Take off the voucher: £{after:g} − £{voucher} = £{after - voucher:g}.")
    return ask, work


FORUM_OPENERS = (
    "Bit of a silly one, sorry.", "Settle something for me please.", "Not a maths person, never have been.",
    "Quick one before I lose my mind.", "My other half says I'm overthinking this.",
)
FORUM_CHATTER = (
    "Honestly, I'd just round it up and buy everyone a coffee.", "This is why I always pay for my own food and run.",
    "Ha, we had exactly this argument at Christmas.", "Not helpful, but I hope the day goes well!",
    "My uncle does this with a calculator at the table. Every time.", "I'd pay for whoever drove, personally.",
    "Following, because I'm in the same boat next month.", "Just want to say the title of this thread made me laugh.",
    "Whatever you do, don't let {name3} handle the money.", "Bookmarking for the next time this happens to me.",
)


def _forum_with_arithmetic(rng: random.Random, facts: FactWorld):
    ctx = O.context(rng)
    ask, work = rng.choice((_bill, _fuel, _scale, _sale))(rng, ctx)
    users = [f"{rng.choice(('tired', 'happy', 'old', 'rainy', 'tea', 'lucky', 'busy'))}{rng.choice(('owl', 'fox', 'mum', 'dad', 'bee', 'cat'))}{rng.randint(1, 999)}" for _ in range(6)]
    title = rng.choice(("Help with a sum!", "Is this fair?", "Maths help needed (not homework, promise)", "Splitting costs – am I right?", "Quick calculation"))
    posts = [f"{users[0]}\n{rng.choice(FORUM_OPENERS)} {ask}"]
    chatter = [c.format_map(ctx) for c in rng.sample(FORUM_CHATTER, rng.randint(2, 5))]
    for i, c in enumerate(chatter[: rng.randint(0, 2)]):
        posts.append(f"{users[1 + i]}\n{c}")
    posts.append(f"{users[3]}\n{rng.choice(('Here you go:', 'Easy enough:', 'If I have this right:', 'Working it out:'))} {work}")
    posts.append(f"{users[0]}\n{rng.choice(('Thank you!! Sending this to the family group chat now.', 'Legend. That is exactly what I needed.', 'Oh that is much less than I feared.', 'Perfect, thanks. Peace restored.'))}")
    for i, c in enumerate(chatter[2:]):
        posts.append(f"{users[4 + i % 2]}\n{c}")
    return f"Forum › Money & life › {title}\n\n" + "\n\n".join(posts), "forum_with_arithmetic", "forum", "other", None, [], "procedural"


# --------------------------------------------------------------------------- reference + process
PROCESS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # key: (prose passages, numbered steps)
    "substance": (
        ("Commercially, {n} is obtained from its ore in several stages. The ore is first crushed and roasted in air, which drives off sulphur and water. "
         "The roasted material is dissolved in acid, and the {n} compound is precipitated from the solution. The precipitate is then heated with charcoal "
         "in a furnace, and the crude product is purified by repeated melting.",
         "Production begins at the mine, where the ore is separated from waste rock by flotation. The concentrate is dried and heated in a rotating kiln. "
         "The resulting ash is washed, filtered and dried, and the {n} is finally recovered by electrolysis."),
        ("Crush the ore and roast it in air.", "Dissolve the roasted ore in acid.", "Filter the solution and precipitate the {n} salt.",
         "Heat the salt with charcoal to reduce it.", "Remelt the crude product until it is pure."),
    ),
    "brewing": (
        ("Beer at the company's brewery is made in the traditional way. Malted barley is crushed and mixed with hot water, and the sweet liquid drawn off "
         "is boiled with hops. After cooling, yeast is added and the beer ferments for about a week before being matured in cold cellars.",),
        ("Crush the malted barley.", "Mash it with hot water and draw off the wort.", "Boil the wort with hops.", "Cool it and add yeast.",
         "Leave it to ferment, then mature it in the cold."),
    ),
    "glassmaking": (
        ("Glass is made by melting sand, soda ash and limestone together in a furnace at around 1,500 degrees. The molten glass is gathered, "
         "blown or pressed into shape, and then cooled slowly in an annealing oven to remove internal stresses.",),
        ("Weigh out sand, soda ash and limestone.", "Melt the batch in the furnace.", "Gather the molten glass and blow or press it into shape.",
         "Cool the pieces slowly in the annealing oven."),
    ),
    "textile": (
        ("Raw wool arriving at the mills is first washed and carded to straighten the fibres. It is then spun into yarn, which is dyed and woven "
         "into cloth on power looms. The finished cloth is washed again, pressed and inspected by hand before dispatch.",),
        ("Wash and card the raw wool.", "Spin the fibres into yarn.", "Dye the yarn.", "Weave the yarn into cloth.", "Wash, press and inspect the cloth."),
    ),
    "steel": (
        ("Iron ore, coke and limestone are charged into a blast furnace, where the ore is reduced to molten iron. The iron is then refined in a converter, "
         "where oxygen blown through the melt burns off excess carbon. The steel is cast into slabs and rolled into plate and bar.",),
        ("Charge the furnace with ore, coke and limestone.", "Tap the molten iron.", "Blow oxygen through the iron to remove carbon.",
         "Cast the steel and roll it into plate."),
    ),
    "shipbuilding": (
        ("Ships at the yard are assembled from prefabricated sections. Steel plates are cut and welded into blocks in the covered halls, and the blocks "
         "are lifted onto the slipway by crane and joined together. After launching, the hull is fitted out alongside the quay with engines, "
         "wiring and accommodation.",),
        ("Cut and weld the steel plates into blocks.", "Lift the blocks onto the slipway and join them.", "Launch the hull.",
         "Fit out the engines, wiring and cabins at the quay."),
    ),
    "chemical": (
        ("The works produce their main products by continuous processes. Raw materials are mixed and heated in large reactors, the products are "
         "separated by distillation, and the remaining liquids are cleaned and recycled.",),
        ("Mix the raw materials in the reactor.", "Heat the mixture under pressure.", "Separate the products by distillation.", "Recycle the remaining liquid."),
    ),
    "food processing": (
        ("Fruit and vegetables arrive from local farms within hours of picking. They are washed, sorted and cooked, then sealed in tins, "
         "which are heated again to sterilise the contents before labelling.",),
        ("Wash and sort the produce.", "Cook it.", "Seal it in tins.", "Heat the sealed tins to sterilise them.", "Label and pack the tins."),
    ),
    "publishing": (
        ("Books are printed on large sheets, each holding many pages. The sheets are folded into sections, gathered in order, sewn or glued at the spine "
         "and trimmed, before the covers are attached.",),
        ("Print the pages on large sheets.", "Fold the sheets into sections.", "Gather and sew the sections.", "Trim the block and attach the cover."),
    ),
    "instrument-making": (
        ("Each instrument is assembled by hand. Brass parts are cut and turned on lathes, lenses are ground and polished, and the finished "
         "instruments are adjusted and tested against standards before they leave the workshop.",),
        ("Turn the brass parts on the lathe.", "Grind and polish the lenses.", "Assemble the instrument.", "Test it against the standard."),
    ),
    "railway engineering": (
        ("Locomotives are built in stages: the frames are cut and riveted, the boiler or engine is fitted, and the wheels are pressed onto their axles "
         "before final assembly and a series of test runs.",),
        ("Cut and rivet the frames.", "Fit the engine.", "Press the wheels onto the axles.", "Assemble and test the locomotive."),
    ),
}


def _encyclopedia_with_process(rng: random.Random, facts: FactWorld):
    for _ in range(30):
        ent = facts.pick(rng)
        key = ent.kind if ent.kind == "substance" else ent.attrs.get("industry") if ent.kind == "company" else None
        if ent.kind == "ship":
            key = "shipbuilding"
        if key in PROCESS:
            break
    else:
        ent = facts.pick(rng, "substance")
        key = "substance"
    record: list[str] = []
    lead = facts._lead(rng, ent, record)
    more = [a for a in facts.choose_attrs(rng, ent, rng.randint(3, 6)) if ent.fact(a) not in record]
    body = facts.say(rng, ent, more, record, pronoun=True)
    body += facts.filler(rng, ent, "intro", rng.randint(1, 2))
    heading = rng.choice(("Production", "Manufacture", "How it is made", "Process"))
    prose, steps = PROCESS[key]
    n = ent.name if ent.kind == "substance" else "the product"
    if rng.random() < 0.6:
        process = rng.choice(prose).format(n=n)
    else:
        chosen = steps[: rng.randint(3, len(steps))]
        process = rng.choice(("The process can be summarised as follows:", "In outline:", "The main stages are:")) + "\n" + \
            "\n".join(f"{i + 1}. {s.format(n=n)}" for i, s in enumerate(chosen))
    history = facts.filler(rng, ent, rng.choice(("history", "properties", "operations", "construction", "service")), rng.randint(1, 3))
    sections = [" ".join(lead), " ".join(body)]
    if history:
        sections.append(" ".join(history))
    sections.insert(rng.randint(2, len(sections)), f"{heading}\n{process}")
    return f"{ent.name}\n\n" + "\n\n".join(sections), "encyclopedia_with_process", "encyclopedia", "factual", ent.name, record, "procedural"


# --------------------------------------------------------------------------- travel blog
TRAVEL_NARRATIVE = (
    "We arrived in {city} late on a {day} evening, tired and hungry and slightly lost.",
    "Our guesthouse was run by a woman called {name3} who fed us far too much bread and refused to let us pay for the coffee.",
    "I don't think I've ever walked so much in my life. My feet still haven't forgiven me.",
    "{weather}, so we spent most of the first morning in a café by the station, watching the town wake up.",
    "The food was incredible. I ate something with dumplings and smoked cheese that I still dream about.",
    "{name2} tried to speak the language and accidentally ordered three desserts. No complaints.",
    "On the second day we hired bikes and rode out along the river until the path ran out.",
    "We got hopelessly lost in the old town and it was the best afternoon of the trip.",
    "The market on Saturday morning was chaos in the best possible way: flowers, fish, old men arguing about football.",
    "I bought a scarf I didn't need from a stall run by a very persuasive teenager.",
    "If you go, take comfortable shoes and an umbrella. Trust me on both.",
    "On our last night we sat by the water with a bag of pastries and didn't say much at all.",
    "I'd go back tomorrow if I could.",
    "Everyone we met was friendly, even the man whose bicycle {name2} nearly knocked over.",
)


def _travel_blog(rng: random.Random, facts: FactWorld):
    city = facts.pick(rng, "city")
    country = facts.by_id[city.links["country"]]
    ctx = O.context(rng)
    ctx["city"] = city.name
    record: list[str] = []
    guide = rng.random() < 0.35  # some posts read more like a guidebook than a diary
    attrs = ["country"] + [a for a in facts.choose_attrs(rng, city, rng.randint(1, 5 if guide else 3)) if a != "country"]
    fact_sents = facts.say(rng, city, attrs, record, combos=0.3)
    fact_sents += facts.say_back(rng, city, (("country", "capital"), ("person", "birthplace"), ("company", "headquarters")),
                                 record, rng.randint(0, 2 if guide else 1))
    if guide or rng.random() < 0.5:
        fact_sents += facts.say(rng, country, facts.choose_attrs(rng, country, rng.randint(1, 4 if guide else 2)), record, combos=0.3)
    narrative = [s.format_map(ctx) for s in rng.sample(TRAVEL_NARRATIVE, rng.randint(2, 5) if guide else rng.randint(4, 9))]
    sents = [narrative[0]] + narrative[1:]
    for s in fact_sents:
        sents.insert(rng.randint(1, len(sents)), s)
    paras, cur = [], []
    for s in sents:
        cur.append(s)
        if len(cur) >= rng.randint(2, 4):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    title = rng.choice(("{n} days in {city}", "Postcard from {city}", "A weekend in {city}, {country}", "{city}: what we loved",
                        "Travel diary: {country}")).format(n=rng.randint(2, 9), city=city.name, country=country.name)
    words_fact = sum(len(s.split()) for s in fact_sents)
    words_narr = sum(len(s.split()) for s in narrative)
    dominant = "factual" if words_fact > words_narr else "other"
    minor = "other" if dominant == "factual" else "factual"
    return f"{title}\n\n" + "\n\n".join(paras), "travel_blog", "web", dominant, city.name, record, minor


# --------------------------------------------------------------------------- book review
def _review_with_facts(rng: random.Random, facts: FactWorld):
    book = facts.pick(rng, "book")
    author = facts.by_id[book.links["author"]]
    ctx = O.context(rng)
    record: list[str] = []
    facts_about = facts.say(rng, book, facts.choose_attrs(rng, book, rng.randint(1, 2), ("author", "published", "setting", "genre")), record, combos=0.5)
    if rng.random() < 0.5:
        facts_about += facts.say(rng, author, facts.choose_attrs(rng, author, 1, ("birthplace", "birth_year")), record, combos=0.0)
    stars = rng.randint(2, 5)
    opinion = rng.sample((
        f"I picked this up at a second-hand bookshop in {ctx['town']} because I liked the cover, which is not a great reason but here we are.",
        "It took me about fifty pages to settle in, and then I couldn't put it down.",
        "The writing is dense and slow in places, and I skimmed a couple of chapters, I'll admit.",
        f"My {ctx['rel']} read it after me and we argued about the ending for most of a car journey.",
        "There's a chapter near the middle, set during a storm, that I have now read four times.",
        "Some of the characters feel a little old-fashioned, but the main one is wonderful.",
        "I read most of it in the bath, which tells you everything about how gripped I was.",
        "It's not a cheerful book, but it is a generous one.",
        "I wish the translation were a bit less stiff.",
        "I'll be looking for more by the same author.",
    ), rng.randint(3, 6))
    sents = opinion[:1] + facts_about + opinion[1:]
    text = f"{book.name} – my review ({stars}/5)\n\n" + " ".join(sents[:3]) + "\n\n" + " ".join(sents[3:])
    return text, "review_with_facts", "web", "other", book.name, record, "factual"


# --------------------------------------------------------------------------- recipe blog
RECIPES = (
    ("lemon drizzle cake", ("225 g butter", "225 g caster sugar", "4 eggs", "225 g self-raising flour", "2 lemons", "85 g icing sugar"),
     ("Beat the butter and sugar until pale.", "Add the eggs one at a time, then fold in the flour and the zest of one lemon.",
      "Bake in a lined tin at 180°C for 45 minutes.", "Mix the juice of both lemons with the icing sugar and pour it over the warm cake.")),
    ("tomato soup", ("1 kg ripe tomatoes", "1 onion", "2 cloves of garlic", "500 ml stock", "a splash of cream"),
     ("Soften the chopped onion and garlic in a little oil.", "Add the tomatoes and cook for ten minutes.",
      "Pour in the stock and simmer for twenty minutes.", "Blend until smooth and stir in the cream.")),
    ("flapjacks", ("250 g oats", "125 g butter", "125 g brown sugar", "3 tbsp golden syrup"),
     ("Melt the butter, sugar and syrup together.", "Stir in the oats.", "Press into a tin and bake at 180°C for 20 minutes.",
      "Leave to cool before cutting into squares.")),
    ("vegetable curry", ("2 onions", "a thumb of ginger", "2 tbsp curry paste", "1 tin chickpeas", "1 tin coconut milk", "a bag of spinach"),
     ("Fry the onions and ginger until soft.", "Stir in the curry paste and cook for a minute.",
      "Add the chickpeas and coconut milk and simmer for fifteen minutes.", "Wilt in the spinach just before serving.")),
)
RECIPE_PREAMBLE = (
    "This recipe has been in my family for longer than anyone can remember. My grandmother made it every {day}, and the smell of it still takes me straight back to her kitchen in {town}.",
    "I know, I know: you came here for the recipe, not my life story. But bear with me.",
    "The first time I made this, I was nineteen and living in a flat with a broken oven door that had to be held shut with a chair.",
    "{name2} says it's the only thing I cook that doesn't set off the smoke alarm, which is unkind but not entirely untrue.",
    "{weather}, which is exactly the kind of day this was made for.",
    "We had friends over last weekend and this disappeared in about ten minutes, so I thought I'd finally write it down properly.",
    "My kids call it 'the orange one', which makes no sense, but I've stopped arguing.",
    "It's not fancy. It's not clever. It's just very, very good, and it always makes the house feel like home.",
    "I've fiddled with the quantities over the years and I think I've finally got it right.",
    "{pet} the {pet_kind} sat by the oven the entire time, hoping, as always, for the best.",
    "There's something about cooking on a slow afternoon with the radio on that fixes almost anything.",
)


def _recipe_blog(rng: random.Random, facts: FactWorld):
    ctx = O.context(rng)
    name, ingredients, steps = rng.choice(RECIPES)
    pre = [s.format_map(ctx) for s in rng.sample(RECIPE_PREAMBLE, rng.randint(5, 9))]
    paras = [" ".join(pre[i:i + 3]) for i in range(0, len(pre), 3)]
    recipe = ("You will need: " + ", ".join(ingredients) + ".\n" if rng.random() < 0.5 else
              "Ingredients:\n" + "\n".join(f"- {i}" for i in ingredients) + "\n")
    recipe += "\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps))
    closing = rng.choice(("Enjoy, and let me know how it goes!", "That's it. Told you it was simple.", "Happy cooking x",
                          "Leave a comment if you try it."))
    adjective = rng.choice(("favourite", "grandmother's", "go-to", "rainy-day"))
    text = f"My {adjective} {name}\n\n" + "\n\n".join(paras) + f"\n\n{recipe}\n\n{closing}"
    return text, "recipe_blog", "web", "other", None, [], "procedural"


# --------------------------------------------------------------------------- entry point
MIXED_STYLES = (
    (_story_with_fact, 0.22), (_forum_with_arithmetic, 0.17), (_encyclopedia_with_process, 0.18),
    (_travel_blog, 0.18), (_review_with_facts, 0.12), (_recipe_blog, 0.13),
)
_MAKERS = [m for m, _ in MIXED_STYLES]
_CUM: list[float] = []
_t = 0.0
for _m, _w in MIXED_STYLES:
    _t += _w
    _CUM.append(_t)


def mixed_document(rng: random.Random, facts: FactWorld) -> WorldDoc:
    """One document mixing two kinds of text, labelled by its dominant type."""
    maker = _MAKERS[min(bisect.bisect(_CUM, rng.random() * _CUM[-1]), len(_MAKERS) - 1)]
    text, style, source, doc_type, entity, record, minor = maker(rng, facts)
    extra = {"facts": list(dict.fromkeys(record)), "minor": minor}
    return WorldDoc(text=B.fix_articles(text), source=source, doc_type=doc_type, style=style, entity=entity, mixed=True, extra=extra)


def mixed_styles() -> list[str]:
    return ["story_with_fact", "forum_with_arithmetic", "encyclopedia_with_process", "travel_blog", "review_with_facts", "recipe_blog"]
