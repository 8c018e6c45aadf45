"""Word and phrase banks shared by the procedural generators, plus small text helpers.

This module holds the text helpers, the voice banks (openings, asides, forum framing, headings)
that both the math procedures and the how-to guides draw from, and, at the bottom, the everyday
how-to domains in a compact text format (``HOWTO_DATA``) that :mod:`curate.world.howto` parses.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- text helpers
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the",
          "to", "with", "your", "up", "off", "out"}


def join_and(items: list[str], conj: str = "and", oxford: bool = False) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + ("," if oxford else "") + f" {conj} {items[-1]}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def lower_first(s: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or an acronym."""
    if not s:
        return s
    first = s.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1:2].isupper()):
        return s
    return s[:1].lower() + s[1:]


def title_case(s: str) -> str:
    words = s.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and w in _SMALL:
            out.append(w)
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


_GERUND_EXCEPTIONS = {
    "be": "being", "see": "seeing", "tie": "tying", "die": "dying", "lie": "lying", "dye": "dyeing",
    "set": "setting", "get": "getting", "put": "putting", "cut": "cutting", "run": "running", "plan": "planning",
    "stop": "stopping", "shop": "shopping", "sit": "sitting", "hem": "hemming", "pin": "pinning", "jog": "jogging",
    "prep": "prepping", "trim": "trimming", "swap": "swapping", "fit": "fitting", "mop": "mopping", "dig": "digging",
    "repot": "repotting", "unclog": "unclogging", "skip": "skipping", "wrap": "wrapping", "knit": "knitting",
    "patch": "patching", "free": "freeing", "agree": "agreeing", "hang": "hanging", "stretch": "stretching",
    "commit": "committing", "submit": "submitting", "begin": "beginning", "format": "formatting",
    "reset": "resetting", "squat": "squatting", "spot": "spotting", "wed": "wedding",
}


_CVC = re.compile(r"[^aeiou][aeiou][^aeiouwxy]$")
_VOWELS = re.compile(r"[aeiou]+")


def gerund(phrase: str) -> str:
    """'make a soup' -> 'making a soup' (first word only)."""
    verb, _, rest = phrase.partition(" ")
    low = verb.lower()
    if low == "deep" and rest.startswith("clean"):  # "deep clean an oven"
        return f"{verb} {gerund(rest)}"
    if low in _GERUND_EXCEPTIONS:
        g = _GERUND_EXCEPTIONS[low]
    elif low.endswith("ie"):
        g = low[:-2] + "ying"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        g = low[:-1] + "ing"
    elif _CVC.search(low) and len(_VOWELS.findall(low)) == 1:
        g = low + low[-1] + "ing"
    else:
        g = low + "ing"
    if verb[:1].isupper():
        g = cap(g)
    return f"{g} {rest}" if rest else g


_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def first_sentence(s: str) -> tuple[str, str]:
    parts = _SENT.split(s, maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


# --------------------------------------------------------------------------- people
NAMES = ("Maya", "Leo", "Priya", "Sam", "Aisha", "Tom", "Chen", "Lucia", "Omar", "Hannah", "Diego", "Yuki", "Noah",
         "Fatima", "Ben", "Zara", "Ivan", "Grace", "Kofi", "Elena", "Raj", "Mia", "Jonas", "Amara", "Lily", "Marco",
         "Nina", "Theo", "Sara", "Ali")

_USER_A = ("quiet", "blue", "math", "river", "night", "lazy", "happy", "old", "red", "coffee", "pixel", "garden",
           "rusty", "north", "tiny", "wild", "sunny", "iron", "paper", "maple", "diy", "weekend", "chalk", "code")
_USER_B = ("fox", "owl", "learner", "student", "tinkerer", "dad", "mom", "nerd", "cook", "rider", "builder",
           "panda", "dev", "hands", "otter", "ghost", "wizard", "sparrow", "teacher", "gamer", "_guy", "_gal")


def username(rng) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice(_USER_A) + rng.choice(_USER_B) + (str(rng.randint(1, 99)) if rng.random() < 0.5 else "")
    if r < 0.75:
        return rng.choice(NAMES).lower() + rng.choice(("_", ".", "")) + str(rng.randint(1, 2024))
    return rng.choice(_USER_A).capitalize() + rng.choice(_USER_B).strip("_").capitalize()


# --------------------------------------------------------------------------- math voices
TEACHER_INTROS = (
    "Here's a quick example to make the method concrete.",
    "Students ask me about this every year, so let's go through one together.",
    "Let's walk through an example step by step.",
    "This comes up on almost every test, so it's worth getting comfortable with it.",
    "The best way to learn this is to see it done once, slowly.",
    "Grab a pencil and follow along.",
    "Before you try the homework, look at how this one is done.",
    "We covered the idea in class; now let's actually use it.",
    "Once you've seen the pattern, every problem of this type works the same way.",
    "Here is one from last week's worksheet.",
)
PROBLEM_LEADS = ("Here's the problem:", "Consider this question.", "Take this example.", "For example:", "Problem:",
                 "Let's try one.", "Example:", "Suppose you're asked:", "Here is a typical question.",
                 "Try this one:")
CONCLUSIONS = ("So the answer is {ans}.", "That gives {ans}.", "The final answer is {ans}.",
               "Therefore, the answer is {ans}.", "And we're done: the answer is {ans}.", "So we get {ans}.",
               "The result is {ans}.")
STUDENT_COMMENTS = (
    "Oh, that makes sense now. I was doing the steps in the wrong order.",
    "Thanks! I think my mistake was in the second step.",
    "This finally clicked for me, thank you.",
    "I had the right idea but forgot the last step.",
    "Is there a faster way to do this in your head?",
    "Great explanation. Could you do another example?",
    "Writing each step on its own line really helps.",
)
FORUM_TITLES = ("Help with {topic}?", "Quick question about {topic}", "[Homework] {topic}", "Stuck on {topic}",
                "Can someone check my {topic} answer?", "{Topic} question", "Confused about {topic}",
                "How do you do this? ({topic})")
FORUM_GREETINGS = ("Hi all,", "Hey everyone,", "Hello!", "", "", "Sorry if this is a dumb question.",
                   "Long-time lurker, first post.", "Hi,")
FORUM_STUCK = ("I'm stuck on this homework question:", "Our teacher gave us this one and I can't get it:",
               "I'm studying for a test and this one is bugging me:", "Can someone explain how to do this?",
               "This is from my revision sheet:", "I've tried this three times now:")
FORUM_THANKS = ("Thanks in advance!", "Any help appreciated.", "Thanks!", "", "I'd really appreciate a step-by-step.",
                "Please explain like I'm five, lol.")
REPLY_OPENERS = ("Sure!", "Happy to help.", "You're close.", "Good question.", "No such thing as a dumb question.",
                 "Let's break it down.", "Here's how I'd do it.", "", "Okay, step by step.")
REPLY_SIGNOFFS = ("Hope that helps!", "Good luck on the test.", "Cheers", "", "", "Let me know if anything is unclear.",
                  "Try the next one the same way.")
REPLY_SECOND = ("Just to add: {mistake}", "+1 to the answer above. {mistake}", "Nice explanation. {mistake}",
                "Small tip: {mistake}")
OP_THANKS = ("Got it now, thank you!", "Ahh, I see where I went wrong. Thanks!", "That makes so much sense, thanks.",
             "Thank you! Worked out the next one on my own too.")

# --------------------------------------------------------------------------- how-to voices
HOWTO_TITLES = (
    "How to {T}", "How to {T}", "How to {t}", "How To {T}", "{G}: A Step-by-Step Guide", "{G} for Beginners",
    "The Easy Way to {T}", "A Beginner's Guide to {G}", "{G}, Step by Step", "Guide: {g}", "{N} Steps to {T}",
    "Quick Guide to {G}", "{G} Made Simple", "how to {t}", "{G} (the simple way)", "Want to {t}? Here's how",
)
HOWTO_INTROS = (
    "{G} is easier than it looks.",
    "This guide walks you through {g}, from start to finish.",
    "If you've never tried {g} before, don't worry; it mostly takes a little patience.",
    "Here's a straightforward way to {t}.",
    "You don't need special skills to {t}, just the right tools and a bit of time.",
    "Below are the steps that work reliably.",
    "Knowing how to {t} saves time and money, and it's a useful skill to have.",
    "Most people can {t} in an afternoon.",
    "The whole job breaks down into a handful of simple steps.",
)
BLOG_OPENERS = (
    "I put off {g} for months, and in the end it took less time than writing this post.",
    "A reader emailed me last week asking about {g}, so here's exactly how I do it.",
    "When we moved into our first place, I had no idea how to {t}. A lot of trial and error later, this is the method I've settled on.",
    "My neighbor showed me this years ago and I've done it the same way ever since.",
    "Okay, confession: the first time I tried {g}, it did not go well. The second time went much better, mostly because I slowed down and followed a plan.",
    "This is one of those jobs that sounds intimidating but really isn't.",
    "Every few months someone in my family asks me how to {t}, so I'm finally writing it down.",
    "Happy Sunday! Today's post is a practical one: {g}.",
    "I get asked about this a lot in the comments, so here goes.",
    "Let me start by saying I'm not an expert, just someone who has done this more times than I can count.",
)
BLOG_ASIDES = (
    "Don't rush this part.", "Trust me on this one.", "I learned that the hard way.",
    "This is the step most people skip, and it shows.", "It doesn't have to be perfect.", "Take your time here.",
    "(Yes, really.)", "If it looks messy at this point, that's normal.", "This is my favorite part.",
    "Honestly, this is where most of the work is.", "Nobody gets this right the first time, so be patient.",
)
BLOG_CLOSINGS = (
    "And that's it! Let me know in the comments how it goes.",
    "That's really all there is to it. Once you've done it once, the second time is much quicker.",
    "Hope this helps. If you have questions, leave them below and I'll do my best to answer.",
    "Give it a try this weekend and tell me how it turns out.",
    "If you found this useful, share it with a friend who's been meaning to {t}.",
    "That's all for today. See you next week!",
)
BEFORE_START = (
    "Before you start, read through all the steps once so nothing catches you by surprise.",
    "Set aside an hour or so and clear some space to work.",
    "It helps to have everything laid out before you begin.",
    "Give yourself more time than you think you need, especially the first time.",
    "Work somewhere with good light and plenty of room.",
    "None of the steps are difficult, but the order matters, so don't skip ahead.",
    "If you get stuck partway through, stop, take a break and reread the step you're on.",
)
TRANSITIONS_FIRST = ("First, ", "To start, ", "Start here: ", "Begin by making sure everything is ready. Then ", "First of all, ")
TRANSITIONS_MID = ("Next, ", "Then ", "After that, ", "Once that's done, ", "Now ", "", "", "When you're ready, ",
                   "Then, ", "The next step: ")
TRANSITIONS_LAST = ("Finally, ", "Last, ", "To finish, ", "Lastly, ", "")
NEED_HEADINGS = ("You will need", "What you'll need", "Materials", "Supplies", "Tools and materials",
                 "Things You'll Need", "Before you start")
STEP_HEADINGS = ("Steps", "Instructions", "Method", "Step-by-step", "How to do it", "Directions")
TIP_HEADINGS = ("Tips", "A few tips", "Tips and tricks", "Helpful hints", "Good to know")
WARN_HEADINGS = ("Warnings", "Be careful", "Safety notes", "Things to watch out for")
FIX_HEADINGS = ("Troubleshooting", "If something goes wrong", "Common problems", "Fixing common problems")
FAQ_HEADINGS = ("FAQ", "Frequently asked questions", "Questions people ask", "Common questions")
TIP_LEADS = ("Tip: ", "One tip: ", "Pro tip: ", "A small tip: ", "Note: ", "")
WARN_LEADS = ("Warning: ", "Careful: ", "Safety first: ", "A word of warning: ", "Important: ")
HOWTO_FORUM_TITLES = ("How do I {t}?", "Best way to {t}?", "Need help: {g}", "{G} - any advice?",
                      "First time {g}, any tips?", "Question about {g}", "how to {t}??", "Advice on {g} please")
HOWTO_FORUM_ASKS = ("What's the right way to do this?", "Is there a step-by-step somewhere?", "Any advice appreciated.",
                    "Where do I even start?", "I'd rather not pay someone if I can do it myself.",
                    "What am I missing?", "Thanks in advance.")
HOWTO_REPLY_OPENERS = ("I do this all the time. Here's my process:", "Not hard once you know the order. Here's what works for me:",
                       "Done this a few times. Steps:", "Sure thing.", "Here's how I'd go about it:",
                       "Easy job, you've got this.", "Pretty simple really.", "")
HOWTO_REPLY_CLOSERS = ("Good luck!", "Hope that helps.", "Post back if you get stuck.", "", "Take pictures if it goes wrong and we can help.",
                       "Should take you an hour or so.")
HOWTO_SECOND_REPLY = ("+1 to the above. One thing I'd add: {tip}", "Agree with all of this. Also: {tip}",
                      "Great answer. {tip}", "Just to add, {tipl}")
HOWTO_OP_THANKS = ("Thanks, that worked!", "Did it last night following this. Perfect, thank you.",
                   "Great, that's exactly what I needed.", "Update: done, and it only took half an hour. Thanks all!")
CHECKLIST_TITLES = ("{T} checklist", "Checklist: {g}", "{G} - quick checklist", "To do: {t}", "{G}: checklist")
FAQ_TITLES = ("{G}: your questions answered", "{G} FAQ", "Frequently asked questions about {g}", "Q&A: {g}")

# --------------------------------------------------------------------------- how-to domains
# Format: see the docstring of curate.world.howto. Values separated by "|", step variants by "||",
# shell commands after " :: " separated by ";;".
HOWTO_DATA = r"""
=== cooking
styles: recipe_card
intro: Cooking at home is cheaper than takeout and usually faster than you think. | This is a forgiving recipe, so don't worry if you don't have every ingredient. | You can make this on a weeknight with whatever is in the fridge. | It's a good one to have up your sleeve for busy evenings.
tip: Taste as you go and adjust the seasoning at the end, not the beginning. | Read the whole recipe before you start, and get everything chopped before you turn on the heat. | Leftovers keep in a sealed container in the fridge for three or four days.
warn: Keep raw meat and vegetables on separate cutting boards. | Hot oil spits, so add wet ingredients carefully and keep your face back.
ask: I'm cooking for friends on Saturday and want to keep it simple. | Trying to cook more at home instead of ordering in. | My attempts at this always come out bland.
faq: Can I freeze it? => Yes. Let it cool completely, then freeze it in portions for up to three months.
faq: Can I make it ahead? => Most of it, yes. Keep it covered in the fridge and reheat it gently.
faq: What can I use instead of butter? => Olive oil works in most savory recipes. For baking, a plant-based spread is the easiest swap.
faq: How do I know when it's done? => Go by the description in each step rather than the clock; every stove and oven is a little different.
slot veg: carrot | pumpkin | sweet potato | tomato | mushroom | butternut squash | cauliflower | parsnip
slot herb: parsley | thyme | basil | coriander | dill | chives
slot spice: cumin | smoked paprika | chili flakes | curry powder | ground ginger
slot protein: chicken thighs | firm tofu | shrimp | beef strips | pork loin
slot stirveg: broccoli | snap peas | bell pepper | carrots | bok choy | green beans
slot fruit: blueberries | raspberries | chopped apple | sliced banana
slot cheese: cheddar | feta | parmesan | goat cheese
slot nut: walnuts | almonds | pecans | hazelnuts

--- make a simple {veg} soup
title: cook an easy {veg} soup | make a quick {veg} soup from scratch
dish: {Veg} soup | Easy {veg} soup | Weeknight {veg} soup with {herb}
serves: 4
time: 10 min prep, 30 min cooking | about 40 minutes
need: 2 tablespoons olive oil or butter | 1 onion, diced | 2 cloves garlic, minced | about 700 g {veg}, chopped | 1 liter vegetable or chicken stock | 1 teaspoon {spice} | salt and pepper | a handful of fresh {herb}
tools: a large pot | a blender or stick blender
step: Heat the oil in a large pot over medium heat. || Warm the oil or butter in a large, heavy pot on medium heat.
step: Add the onion with a pinch of salt and cook for 5 to 7 minutes, stirring now and then, until soft. || Cook the onion gently until it is soft and see-through, about 6 minutes. Don't let it brown.
step: Stir in the garlic and {spice} and cook for one minute, until fragrant.
step: Add the {veg} and stir to coat it in the oil. || Tip in the chopped {veg} and give everything a good stir.
step: Pour in the stock, bring it to a boil, then turn the heat down and simmer for 20 to 25 minutes, until the vegetables are completely tender. || Add the stock and bring to a boil. Lower the heat, cover, and let it simmer until a knife slides easily through the vegetables, about 20 minutes.
step: Blend until smooth, either in the pot with a stick blender or in batches in a blender. || Take the pot off the heat and blend the soup until smooth. If you use a countertop blender, only fill it halfway.
step?: If the soup is too thick, add a splash of water or stock. If it's too thin, simmer it uncovered for a few more minutes.
step: Taste and season with salt and pepper, then serve with the {herb} scattered on top. || Season to taste and ladle into bowls. Finish with chopped {herb}.
tip: A squeeze of lemon juice at the end brightens the flavor.
warn: Hot liquid expands in a blender. Leave the lid vent open and cover it with a towel.
fix: The soup tastes flat. => It almost always needs more salt, or a little acid such as lemon juice or vinegar.
fix: The soup is grainy. => Blend it for longer, or push it through a sieve.

--- make a {protein} stir-fry
title: cook a quick {protein} stir-fry | make a weeknight stir-fry with {protein}
dish: {Protein} and {stirveg} stir-fry | Quick {protein} stir-fry
serves: 2
time: 15 min prep, 10 min cooking
need: 300 g {protein} | 2 cups {stirveg} | 3 tablespoons soy sauce | 1 tablespoon honey or sugar | 1 teaspoon cornstarch | 2 cloves garlic | a thumb of fresh ginger | 2 tablespoons neutral oil | cooked rice or noodles, to serve
tools: a wok or large frying pan
step: Mix the soy sauce, honey, cornstarch and 3 tablespoons of water in a small bowl and set it aside. || Whisk together the sauce ingredients (soy sauce, honey, cornstarch and a splash of water).
step: Cut the {protein} into bite-sized pieces and pat them dry. || Slice the {protein} thinly and dry it with paper towels so it browns instead of steaming.
step: Chop the {stirveg} and mince the garlic and ginger. || Prep all the vegetables before you turn on the stove. Stir-frying moves fast.
step: Heat the oil in the wok over high heat until it shimmers. || Get the pan really hot, add the oil and swirl it around.
step: Add the {protein} in a single layer and leave it alone for a minute, then stir and cook until browned. Move it to a plate. || Cook the {protein} in batches so the pan stays hot, then set it aside.
step: Add the {stirveg} and stir-fry for 2 to 3 minutes, until bright and just tender. Add the garlic and ginger for the last 30 seconds.
step: Return the {protein} to the pan, pour in the sauce and toss until it thickens and coats everything, about a minute. || Put the {protein} back, stir the sauce and pour it in. It will thicken almost immediately.
step: Serve right away over rice or noodles.
tip: Cold, day-old rice is best if you want to turn the leftovers into fried rice.
fix: Everything ends up soggy. => The pan wasn't hot enough or was too crowded. Cook in smaller batches.

--- make fluffy pancakes
title: make pancakes from scratch | cook fluffy pancakes | make a stack of pancakes with {fruit}
dish: Fluffy pancakes | Weekend pancakes with {fruit} | Easy breakfast pancakes
serves: 3 to 4 (about 10 pancakes)
time: 10 min prep, 20 min cooking
need: 1 1/2 cups all-purpose flour | 2 teaspoons baking powder | 1 tablespoon sugar | a pinch of salt | 1 1/4 cups milk | 1 egg | 3 tablespoons melted butter | a handful of {fruit} (optional)
tools: a mixing bowl | a whisk | a non-stick pan or griddle | a spatula
step: Whisk the flour, baking powder, sugar and salt together in a large bowl. || Combine the dry ingredients in a bowl.
step: In a jug, beat the milk, egg and melted butter together. || Whisk the wet ingredients in a separate jug.
step: Pour the wet ingredients into the dry ones and stir just until combined. A few lumps are fine. || Make a well in the flour, pour in the milk mixture and mix gently. Stop as soon as there's no dry flour; overmixing makes tough pancakes.
step?: Let the batter rest for 5 minutes while the pan heats.
step: Heat the pan over medium heat and brush it with a little butter. || Warm a non-stick pan on medium and grease it lightly.
step: Pour about 1/4 cup of batter per pancake and scatter a few {fruit} on top if you're using them.
step: Cook until bubbles appear on the surface and the edges look dry, about 2 minutes, then flip and cook for another minute. || Flip when the top is covered in bubbles and the underside is golden. Give the second side about a minute.
step?: Keep the finished pancakes warm in a low oven while you cook the rest.
tip: The first pancake is always the test pancake. Adjust the heat after it.
fix: The pancakes are pale outside but raw inside. => The heat is too high. Turn it down a notch and cook them a little longer.
fix: They're flat and dense. => Check that the baking powder isn't expired, and don't overmix the batter.

--- roast a tray of vegetables
title: make crispy roast vegetables | roast vegetables in the oven
dish: Roasted {stirveg} and {veg} | Sheet-pan vegetables with {herb}
serves: 4 as a side
time: 10 min prep, 35 min cooking
need: about 1 kg mixed vegetables such as {veg} and {stirveg} | 3 tablespoons olive oil | 1 teaspoon salt | 1/2 teaspoon {spice} | fresh {herb} | crumbled {cheese} (optional)
tools: a large baking tray | parchment paper
step: Preheat the oven to 220°C (425°F). || Heat the oven to 220°C, or 200°C if it's a fan oven.
step: Cut the vegetables into pieces of roughly the same size so they cook evenly. || Chop everything into even, bite-sized chunks.
step: Toss the vegetables with the oil, salt and {spice} directly on the tray. || Put the vegetables on a lined tray, drizzle with oil, season, and mix with your hands.
step: Spread them out in a single layer, using two trays if you need to. || Make sure nothing is piled up; crowded vegetables steam instead of roasting.
step: Roast for 30 to 40 minutes, turning them once halfway, until browned at the edges and tender in the middle.
step: Scatter with {herb} and {cheese} before serving.
tip: Dense vegetables like potatoes take longer than soft ones, so add softer vegetables halfway through.

--- bake banana bread
title: make easy banana bread | bake a loaf of banana bread
dish: One-bowl banana bread | Banana bread with {nut}
serves: 1 loaf (10 slices)
time: 15 min prep, 1 hour baking
need: 3 very ripe bananas | 1/3 cup melted butter | 3/4 cup sugar | 1 egg, beaten | 1 teaspoon vanilla | 1 teaspoon baking soda | a pinch of salt | 1 1/2 cups all-purpose flour | 1/2 cup chopped {nut} (optional)
tools: a loaf pan | a large bowl | a fork | a cooling rack
step: Preheat the oven to 175°C (350°F) and grease a loaf pan. || Heat the oven to 350°F and butter a 9 by 5 inch loaf pan.
step: Mash the bananas in a large bowl with a fork. || Peel the bananas and mash them until mostly smooth.
step: Stir in the melted butter, then the sugar, egg and vanilla.
step: Sprinkle the baking soda and salt over the mixture and stir, then add the flour and mix until just combined. || Add the baking soda and salt, then fold in the flour. Stop mixing as soon as you can't see dry flour.
step?: Fold in the {nut}.
step: Pour the batter into the pan and bake for 55 to 65 minutes, until a skewer in the center comes out clean. || Bake for about an hour. It's done when a toothpick pushed into the middle comes out clean.
step: Let it cool in the pan for 10 minutes, then turn it out onto a rack.
tip: The blacker the bananas, the sweeter the bread.
fix: The top is browning too fast. => Lay a sheet of foil loosely over the pan for the last 20 minutes.

--- cook rice on the stove
title: cook perfect rice on the stovetop | make fluffy white rice without a rice cooker
dish: Stovetop rice | Plain fluffy rice
serves: 4
time: 25 minutes
need: 1 1/2 cups long-grain white rice | 2 1/4 cups water | 1/2 teaspoon salt | a knob of butter (optional)
tools: a saucepan with a tight-fitting lid | a sieve | a fork
step: Rinse the rice in a sieve under cold water until the water runs mostly clear. || Wash the rice two or three times to get rid of excess starch.
step: Put the rice, water and salt in the saucepan and bring it to a boil. || Combine rice, water and salt in a pan and bring to a boil over high heat.
step: As soon as it boils, stir once, put the lid on and turn the heat to the lowest setting.
step: Cook for 15 minutes without lifting the lid. || Leave it alone for 15 minutes. Don't peek; the steam is doing the work.
step: Take the pan off the heat and let it stand, still covered, for 5 to 10 minutes.
step: Fluff the rice with a fork, stir in the butter if using, and serve.
fix: The bottom is burnt. => The heat was too high. Use the smallest burner on its lowest setting next time.
fix: The rice is still hard. => Sprinkle in a couple of tablespoons of water, cover, and give it five more minutes on low.

=== furniture_assembly
intro: Flat-pack furniture looks daunting when it's all spread out on the floor, but it goes together in a logical order. | Most assembly problems come from rushing the first few steps.
tip: Sort the screws and fittings into small bowls or a muffin tin before you start. | Hand-tighten everything first and only fully tighten once the frame is square. | Build it in the room where it will live; finished pieces often don't fit through doors.
warn: Large pieces are a two-person job. Don't try to lift a wardrobe frame on your own. | Anchor tall furniture to the wall so it can't tip over, especially if you have children.
ask: Just bought one from a big furniture store and the instructions are pictures only. | Moving into a new apartment and have a pile of boxes to assemble.
faq: Do I need a power drill? => Not usually. A screwdriver and the included hex key are enough, and a drill can strip the soft board if you're not careful.
faq: What if a part is missing? => Check the packaging and the bottom of the box first, then contact the manufacturer with the part number from the instructions.
slot wood: white | oak-effect | walnut | black | birch
slot room: bedroom | living room | home office | hallway

--- assemble a flat-pack bookshelf
title: put together a flat-pack bookcase | build a {wood} bookshelf from a kit
need: the bookshelf kit | the included hex key | a Phillips screwdriver | a rubber mallet | a tape measure
step: Unpack everything onto a rug or the flattened cardboard so the panels don't get scratched. || Open the box and lay the panels out on a soft surface.
step: Check the parts against the list in the instructions and count the screws, cam locks and dowels. || Take an inventory: every panel, every dowel, every cam lock. It's much easier to find a missing piece now than halfway through.
step: Push the wooden dowels into the holes on the edges of the side panels, tapping them in with the mallet. || Tap the dowels into the side panels. They should go in about halfway.
step: Screw the cam bolts into the side panels by hand until they stop.
step: Attach the top and bottom panels to one side, slide the cam locks into their holes and turn them clockwise with a screwdriver to lock the bolts. || Fit the top and bottom onto one side panel and tighten the cam locks a half turn.
step: Add the second side panel the same way. || Bring in the other side and repeat.
step: Check that the frame is square by measuring both diagonals; they should be equal. || Measure corner to corner both ways. If the two numbers match, the frame is square.
step: Slide the back panel into its groove or nail it on with the small nails provided. || Fix the back panel. It's what stops the shelf from racking sideways, so don't skip any nails.
step: Insert the shelf pins at the heights you want and set the shelves on them.
step?: Attach the wall anchor strap to the top panel and screw it into a stud or a suitable wall plug.
fix: The cam lock spins without tightening. => The cam bolt isn't deep enough. Back it out, screw the bolt in further, and try again.
fix: The shelf wobbles. => Check that all cam locks are tight and that the back panel is fully fixed; adjust the floor glides if the floor is uneven.

--- assemble a desk
title: put together a home office desk | build a flat-pack computer desk
need: the desk kit | a Phillips screwdriver | the supplied hex key | a helper for lifting
step: Clear a space at least as big as the finished desk and lay down the cardboard. || Make room to work and protect the floor with the box.
step: Identify the legs, the top, the crossbar and any drawer parts, and group the hardware by size. || Lay out the parts and sort the bolts by length.
step: Turn the desktop upside down on the cardboard. || Place the top face-down.
step: Attach the leg frames to the underside of the top with the long bolts, leaving them slightly loose. || Bolt the legs on loosely first.
step: Fit the crossbar or modesty panel between the legs. This is what makes the desk stable.
step: Tighten every bolt firmly, working in a cross pattern. || Go around and tighten all the bolts now that everything is in place.
step: With your helper, flip the desk onto its feet. || Turn it upright with two people, lifting rather than pivoting on the legs.
step?: Build the drawer, slide in the runners and check that it opens smoothly.
step: Adjust the leveling feet until it no longer rocks.
fix: The holes don't line up. => Loosen the bolts you've already tightened; a little play usually lets the last ones go in.

--- assemble a bed frame
title: put together a wooden bed frame | build a flat-pack double bed
need: the bed frame kit | a hex key | a screwdriver | a helper
step: Assemble in the {room} where the bed will stand; a finished frame rarely fits through a doorway.
step: Bolt the side rails to the headboard, leaving the bolts a little loose. || Attach both side rails to the headboard.
step: Attach the footboard to the other end of the rails.
step: Fit the center support beam and adjust its legs so they touch the floor. || Install the middle rail and screw down its support legs until they just touch the floor.
step: Tighten all the bolts and check that the frame is square. || Go round and tighten everything.
step: Lay the slats across the frame, spacing them evenly, and fix them into their holders. || Roll out the slats or place them one by one in the slat holders.
step: Put the mattress on and check for creaks.
fix: The bed creaks. => Tighten the bolts again after a week; wood settles. A little wax on the slat ends helps too.

=== software
styles: readme
intro: These instructions assume a Linux or macOS terminal; most steps are the same on Windows with WSL. | Everything here can be done from the command line in a few minutes.
tip: Copy commands exactly; a missing space or quote is the most common reason something fails. | Read the error message before searching for it. It usually says exactly what's wrong. | Keep notes of what you changed so you can undo it.
warn: Never paste commands from the internet into a root shell without understanding them. | Back up configuration files before editing them.
ask: I'm new to the command line and every tutorial assumes I know things I don't. | Setting up a new laptop for work.
faq: Do I need admin rights? => For system-wide installs, yes. Installing into your home directory or a virtual environment doesn't need them.
faq: Will this work on Windows? => Most of it will inside WSL. Native Windows commands differ slightly.
slot pkg: requests | numpy | flask | pandas | httpx | rich
slot proj: my-app | webapp | blog | data-tools | inventory | notes-api
slot user: deploy | alice | admin | dev
slot port: 8000 | 8080 | 5000 | 3000
slot host: example.com | myserver.net | staging.example.org
slot email: you@example.com | alice@example.org | dev@example.net
slot name: Alice Smith | Sam Lee | Jordan Park

--- set up a Python virtual environment
title: create a Python virtual environment | install Python packages in a virtualenv
need: Python 3.8 or newer | a terminal | a project folder
step: Open a terminal and go to your project folder. :: cd ~/projects/{proj}
step: Create the virtual environment. This makes a folder called .venv with its own copy of Python. || Create a fresh environment in the project folder. :: python3 -m venv .venv
step: Activate it. On Windows the script is in .venv\Scripts instead. || Activate the environment; your prompt should change to show (.venv). :: source .venv/bin/activate
step: Upgrade pip, since the bundled version is often old. :: python -m pip install --upgrade pip
step: Install the packages you need. :: pip install {pkg}
step?: Save the exact versions so others can recreate the environment. :: pip freeze > requirements.txt
step: When you're done working, deactivate the environment. :: deactivate
tip: Add .venv to your .gitignore so the environment doesn't end up in version control.
fix: The command python3 is not found. => Install Python from your package manager or python.org, then open a new terminal.
fix: pip installs packages globally. => The environment isn't active. Run the activate command again and check with which python.

--- set up SSH key login to a server
title: set up SSH keys for a remote server | log in to a server without a password
need: a terminal | an account on the server | the server address
step: Generate a new key pair. Press Enter to accept the default location and choose a passphrase. || Create an ed25519 key; a passphrase is strongly recommended. :: ssh-keygen -t ed25519 -C "{email}"
step: Copy the public key to the server. You'll be asked for your password one last time. :: ssh-copy-id {user}@{host}
step: Log in to check that it works. :: ssh {user}@{host}
step?: Add the key to the agent so you only type the passphrase once per session. :: eval "$(ssh-agent -s)" ;; ssh-add ~/.ssh/id_ed25519
step: Optionally, disable password logins by setting PasswordAuthentication no in /etc/ssh/sshd_config and restarting the SSH service. :: sudo systemctl restart ssh
warn: Keep a second session open while changing sshd_config, so you can't lock yourself out.
fix: Permission denied (publickey). => Check that ~/.ssh on the server is mode 700 and authorized_keys is mode 600.

--- configure git for the first time
title: set up git on a new machine | configure git and make your first commit
need: git installed | a terminal
step: Check that git is installed. :: git --version
step: Set your name and email; they appear in every commit you make. :: git config --global user.name "{name}" ;; git config --global user.email "{email}"
step: Set the default branch name for new repositories. :: git config --global init.defaultBranch main
step: Create a repository in your project folder. :: cd {proj} ;; git init
step: Stage your files and make the first commit. :: git add . ;; git commit -m "Initial commit"
step?: Connect it to a remote and push. :: git remote add origin git@{host}:{user}/{proj}.git ;; git push -u origin main
tip: Run git status often. It tells you what git thinks is going on.
fix: git asks for a password on every push. => Switch the remote to an SSH URL or set up a credential helper.

--- install nginx and serve a static site
title: serve a static website with nginx | set up nginx on Ubuntu
need: an Ubuntu server with sudo access | a domain name pointed at the server (optional)
step: Update the package index and install nginx. :: sudo apt update ;; sudo apt install -y nginx
step: Check that the service is running. :: systemctl status nginx
step: Copy your site into the web root. :: sudo mkdir -p /var/www/{proj} ;; sudo cp -r ./public/* /var/www/{proj}/
step: Create a server block in /etc/nginx/sites-available/{proj} that points root at /var/www/{proj}, then enable it. :: sudo ln -s /etc/nginx/sites-available/{proj} /etc/nginx/sites-enabled/
step: Test the configuration before reloading. :: sudo nginx -t
step: Reload nginx so it picks up the change. :: sudo systemctl reload nginx
step?: Allow web traffic through the firewall. :: sudo ufw allow 'Nginx Full'
fix: 403 Forbidden. => nginx can't read the files. Check the ownership and permissions of /var/www/{proj}.
fix: The default welcome page still shows. => Remove the default site link in sites-enabled and reload.

--- schedule a job with cron
title: run a script automatically with cron | schedule a nightly backup with cron
need: a Linux or macOS machine | the script you want to run
step: Make sure the script is executable and runs correctly by hand first. :: chmod +x ~/bin/backup.sh ;; ~/bin/backup.sh
step: Open your crontab for editing. :: crontab -e
step: Add a line with the schedule and the full path to the script. This one runs every night at 2:30. :: 30 2 * * * /home/{user}/bin/backup.sh >> /home/{user}/backup.log 2>&1
step: Save and close the editor; cron picks up the change automatically.
step: List your crontab to confirm the entry is there. :: crontab -l
tip: Cron runs with a minimal environment. Use full paths for every command inside the script.
fix: The job never runs. => Check the system log for cron messages and make sure the script has a shebang line.

--- run a Node.js project locally
title: install and run a Node.js app | set up a Node project from a repository
need: git | Node.js 18 or newer | npm
step: Clone the repository and move into it. :: git clone https://github.com/{user}/{proj}.git ;; cd {proj}
step: Check your Node version matches what the project expects. :: node --version
step: Install the dependencies. :: npm install
step: Copy the example environment file and fill in your own values. :: cp .env.example .env
step: Start the development server. :: npm run dev
step: Open http://localhost:{port} in your browser.
fix: Port {port} is already in use. => Stop the other process or set a different PORT in .env.
fix: npm install fails with permission errors. => Don't use sudo. Install Node with a version manager so packages go in your home directory.

=== gardening
intro: You don't need a big garden for this; a balcony or a sunny windowsill will do. | Gardening rewards patience more than expertise.
tip: Water in the morning so leaves dry before evening. | Write the date on your plant labels so you know when things were sown. | Check the back of the seed packet; it usually has the spacing and depth you need.
warn: Wear gloves when handling compost and potting mix. | Check whether plants are toxic to pets before bringing them home.
ask: First year with a vegetable patch and I'd like to get it right. | Our balcony gets full sun all afternoon.
faq: How often should I water? => Check the soil with your finger. If the top 2 to 3 cm are dry, water thoroughly; if not, wait.
faq: Do I need fertilizer? => Fresh potting mix has enough for a few weeks. After that, a balanced liquid feed every two weeks in the growing season is plenty.
slot plant: tomato | pepper | basil | zucchini | cucumber | lettuce
slot house: pothos | snake plant | peace lily | monstera | spider plant | fiddle leaf fig

--- plant {plant} seedlings
title: transplant {plant} seedlings into the garden | plant out young {plant} plants
need: {plant} seedlings | compost | a trowel | a watering can | stakes or supports if needed
step: Wait until the danger of frost has passed and the seedlings have been hardened off outside for a week. || Harden the seedlings off by putting them outside for a few hours a day for a week.
step: Choose a spot that gets at least six hours of sun. || Pick the sunniest bed you have.
step: Loosen the soil and mix in a few handfuls of compost. || Dig over the bed and work in some compost.
step: Dig a hole a little deeper than the pot the seedling is in. || Make a hole slightly bigger than the root ball.
step: Water the seedling, ease it out of its pot, and set it in the hole at the same depth it was growing. || Tip the plant out gently, holding it by the leaves rather than the stem, and place it in the hole.
step: Firm the soil around it with your hands and water well. || Backfill, press down lightly and give it a good soak.
step?: Put in a stake now if the plant will need support later, so you don't damage the roots afterwards.
step: Keep the soil evenly moist for the first couple of weeks while the roots settle.
fix: The leaves are turning yellow. => Usually overwatering. Let the soil dry a little between waterings.

--- repot a {house}
title: repot a houseplant | move a {house} into a bigger pot
need: a pot 2 to 5 cm wider than the current one, with drainage holes | fresh potting mix | a trowel or old spoon | newspaper
step: Water the plant a day before repotting so the root ball holds together. || Give it a drink the day before.
step: Spread newspaper on the table and add a layer of fresh mix to the bottom of the new pot.
step: Turn the old pot on its side and slide the plant out, squeezing the pot if it's plastic. || Ease the plant out. If it's stuck, run a knife around the inside edge.
step: Gently loosen circling roots with your fingers and trim off any that are black or mushy. || Tease out the roots a little; cut away any that look rotten.
step: Set the plant in the new pot so the top of the root ball sits about 2 cm below the rim. || Position the plant at the same depth it was before.
step: Fill around it with potting mix, pressing lightly. || Add mix around the sides and firm it down gently.
step: Water until it runs out of the drainage holes, then leave it out of direct sun for a week. || Water thoroughly and keep it somewhere bright but out of harsh sun while it recovers.
tip: Spring is the best time to repot, when the plant is starting to grow.
fix: The plant droops after repotting. => Some transplant shock is normal. Keep it out of direct sun and don't overwater; it should perk up within a week or two.

--- start seeds indoors
title: grow {plant} from seed indoors | start seedlings on a windowsill
need: seed trays or small pots | seed-starting mix | {plant} seeds | a spray bottle | plastic wrap or a clear lid | labels
step: Fill the trays with moist seed-starting mix and level it off. || Dampen the mix and fill your pots, tapping them to settle it.
step: Sow two or three seeds per cell at the depth given on the packet, usually two to three times the seed's width.
step: Cover lightly with mix and mist the surface. || Sprinkle a little mix over the seeds and spray with water.
step: Cover the tray with plastic wrap to keep the humidity up and put it somewhere warm. || Put a lid on to hold in moisture.
step: As soon as the first shoots appear, remove the cover and move the tray to the brightest window you have or under a grow light.
step: When the seedlings have their first true leaves, thin to the strongest one per cell. || Snip off the weaker seedlings at soil level, leaving one per pot.
step: Water from below by setting the tray in a shallow dish of water for ten minutes.
fix: The seedlings are tall and floppy. => They aren't getting enough light. Move them closer to the light source.

--- make compost at home
title: start a compost pile | make garden compost from kitchen scraps
need: a compost bin or a corner of the yard | kitchen scraps | dry leaves, straw or shredded cardboard | a garden fork
step: Choose a level, partly shaded spot with good drainage.
step: Start with a layer of coarse material such as twigs to let air in at the bottom.
step: Add greens (fruit and vegetable scraps, coffee grounds, grass clippings) and browns (dry leaves, cardboard) in roughly equal amounts. || Alternate layers of wet green waste and dry brown material.
step: Keep it about as damp as a wrung-out sponge, adding water in dry weather. || Check the moisture now and then; it should feel damp but not soggy.
step: Turn the pile with a fork every week or two to get air into it.
step: After two to six months the compost is ready when it is dark and crumbly and smells like earth.
warn: Don't add meat, dairy or oily food; they attract pests.
fix: It smells bad. => Too wet or too many greens. Mix in dry browns and turn it.

=== home_repair
intro: Plenty of small repairs around the house are well within reach of a beginner. | Doing it yourself can save a call-out fee, and it's satisfying.
tip: Take a photo before you take anything apart. | Lay the parts out in the order they came off. | Buy one spare of any small part; they always get lost.
warn: Turn off the power at the breaker before working on anything electrical, and check it's dead with a tester. | Wear safety glasses when drilling or cutting.
ask: Landlord is slow to respond so I'd like to fix this myself. | Trying to save a bit of money on small jobs around the house.
faq: When should I call a professional? => For anything involving gas, the main electrical panel, or structural walls, call a licensed professional.
faq: What basic tools should I own? => A screwdriver set, an adjustable wrench, a tape measure, a level, a utility knife and a cordless drill cover most small jobs.
slot room: bathroom | kitchen | hallway | bedroom

--- patch a small hole in drywall
title: fix a hole in a plaster wall | repair a doorknob hole in drywall
need: a drywall patch kit or a piece of mesh tape | lightweight spackle or joint compound | a putty knife | fine sandpaper | primer and paint
step: Trim any loose paper or crumbling edges around the hole with a utility knife. || Clean up the edges of the hole so they're firm.
step: Cover the hole with a self-adhesive mesh patch, centering it. || Stick the mesh patch over the hole.
step: Spread a thin layer of compound over the patch with the putty knife, feathering it out a few centimeters beyond the edges. || Apply the first coat of spackle thinly, working it into the mesh.
step: Let it dry completely; check the tub for the drying time.
step: Apply a second, wider coat to hide the edges of the patch, then let it dry again.
step: Sand lightly until smooth, wipe off the dust, and prime. || Sand it flush with the wall and dust it off.
step: Paint to match the wall. || Finish with two coats of paint.
fix: You can still see the outline. => Add another very thin, wide coat and sand again. Several thin coats beat one thick one.

--- fix a dripping faucet
title: repair a leaky tap | stop a {room} faucet from dripping
need: an adjustable wrench | a screwdriver | a replacement washer or cartridge | a cloth | plumber's grease
step: Turn off the water supply under the sink and open the faucet to drain the line. || Shut off the isolation valve below the sink, then open the tap to release the pressure.
step: Put the plug in the drain so small parts can't fall down it.
step: Pry off the decorative cap on the handle and remove the screw underneath, then lift off the handle. || Take off the handle; there's usually a screw hidden under the cap.
step: Unscrew the packing nut or retaining clip and pull out the cartridge or stem. || Remove the valve stem with the wrench.
step: Take the old washer or cartridge to a hardware store to get an exact match.
step: Grease the new part lightly and fit it in the same orientation as the old one.
step: Reassemble the faucet in reverse order, turn the water back on slowly and check for drips.
fix: It still drips. => The valve seat may be worn. It can be reground with a seat tool, or the whole faucet may need replacing.

--- unclog a slow drain
title: clear a blocked sink | unclog a bathroom drain without chemicals
need: a plunger | a plastic drain snake | a bucket | rubber gloves | baking soda and vinegar (optional)
step: Remove the stopper; most lift out or unscrew. || Take out the drain stopper and clean off any hair.
step: Push the plastic drain snake down the drain, twist, and pull it back out slowly. || Feed the snake in, wiggle it, and pull up the gunk.
step: Run hot water for a minute to see if it drains.
step: If it's still slow, block the overflow hole with a wet cloth and use the plunger with firm, quick pumps. || Plunge with a few sharp strokes, keeping a seal around the drain.
step?: Pour in half a cup of baking soda and a cup of vinegar, wait 15 minutes, then flush with boiling water.
step?: As a last resort, put a bucket under the U-shaped trap, unscrew it by hand and clean it out.
step: Refit the stopper and run water to check.
warn: Don't mix drain cleaners with other chemicals, and never plunge after using a chemical cleaner.

--- re-caulk a bathtub
title: replace old caulk around a tub | seal a shower with new silicone
need: a caulk removal tool or utility knife | rubbing alcohol | a tube of kitchen and bath silicone | a caulk gun | painter's tape | paper towels
step: Cut and scrape away all the old caulk. || Remove every bit of old sealant.
step: Clean the joint with rubbing alcohol and let it dry completely. || Wipe the gap with alcohol to remove soap residue and mildew, then let it dry.
step: Run painter's tape along both sides of the joint, leaving a gap about as wide as you want the bead.
step: Cut the nozzle at an angle and apply a steady bead, moving the gun at an even speed. || Squeeze out one continuous bead along the joint.
step: Smooth the bead with a wet fingertip or a caulk tool.
step: Pull the tape off while the silicone is still wet, then leave it to cure for 24 hours before using the shower.
fix: The bead is lumpy. => Wipe it off while it's wet and try again; it's much easier than fixing it once cured.

--- hang a heavy mirror
title: hang a mirror on a plasterboard wall | mount a heavy picture securely
need: a stud finder | a drill | wall anchors rated for the weight | a level | a pencil | a tape measure
step: Weigh the mirror and pick hooks or anchors rated for at least twice that weight.
step: Use a stud finder to locate the studs; screwing into a stud is always strongest. || Find the studs before you decide on the exact position.
step: Hold the mirror in position with a helper and mark the top edge lightly in pencil.
step: Measure from the top of the mirror to the hanging wire or brackets, and mark the screw positions on the wall. Check with the level.
step: Drill pilot holes and fit the anchors or drive the screws into the studs.
step: Hang the mirror and check it's level.
warn: Check for pipes and cables before drilling. Avoid the areas directly above and below switches and sockets.

=== bike_maintenance
intro: A few basic maintenance jobs will keep your bike running smoothly and save you trips to the shop. | You don't need a workshop, just a few tools and some space.
tip: A bike stand makes everything easier, but hanging the bike from a tree branch works too. | Clean the bike before you work on it; you'll see problems you'd otherwise miss.
warn: Test the brakes before every ride after you've worked on them. | Don't over-tighten bolts on carbon parts; use a torque wrench.
ask: Got a puncture on my commute this morning. | My bike has been sitting in the shed all winter.
faq: How often should I service my bike? => A quick check every week you ride, and a full service once or twice a year.
slot part: chain | cassette | derailleur
slot valve: Presta | Schrader

--- fix a flat bike tire
title: repair a puncture on a bike | patch a bicycle inner tube
need: tire levers | a patch kit or a spare tube | a pump that fits {valve} valves | a rag
step: Shift to the smallest rear cog, open the brake if needed, and take the wheel off. || Remove the wheel; on the rear, shifting to the smallest cog first makes it easier.
step: Let out any remaining air, then hook a tire lever under the tire bead and run a second lever around the rim to pop one side off. || Lever one side of the tire off the rim.
step: Pull out the inner tube, starting opposite the valve.
step: Pump a little air into the tube and listen or feel for the leak. || Find the hole by inflating the tube and holding it near your cheek, or dunk it in water and watch for bubbles.
step: Check the inside of the tire for whatever caused the puncture, such as glass or a thorn. Run your fingers around carefully. || Find and remove the culprit from the tire, or the new tube will go flat too.
step: Roughen the area around the hole, apply the glue, wait until it's tacky, and press the patch on firmly. || Patch the hole, or use a new tube.
step: Put a little air in the tube, push the valve through the rim and tuck the tube into the tire. Work the bead back on with your thumbs. || Refit the tube and push the tire back on by hand.
step: Inflate to the pressure printed on the tire sidewall and refit the wheel. || Pump it up, check the tire is seated evenly, and put the wheel back on.
fix: The new tube went flat straight away. => You probably pinched it with a tire lever, or the cause of the puncture is still in the tire.

--- adjust rim brakes
title: tighten loose bike brakes | adjust the brakes on a bicycle
need: a 5 mm hex key | a rag | rubbing alcohol
step: Squeeze the brake lever. If it nearly touches the handlebar, the cable needs tightening. || Test the lever first to see how much slack there is.
step: Turn the barrel adjuster at the lever counterclockwise a few turns to take up small amounts of slack. || For small adjustments, unscrew the barrel adjuster a turn or two.
step: For bigger adjustments, loosen the cable clamp bolt on the brake arm, pull the cable tighter, and retighten the bolt. || If that's not enough, loosen the pinch bolt, pull some cable through and tighten it again.
step: Check the pads hit the rim squarely and not the tire. Loosen the pad bolt to realign them if needed.
step: Clean the rims and pads with alcohol to remove grime.
step: Spin the wheel to check nothing rubs, then test the brakes before riding. || Do a test ride at low speed.
fix: The brakes squeal. => Toe the pads in slightly so the front edge touches the rim first.

--- clean and lube a bike chain
title: clean a dirty bike chain | lubricate a bicycle chain properly
need: degreaser | an old toothbrush or chain cleaning tool | rags | chain lube
step: Shift into a middle gear and put the bike on a stand or lean it against a wall with the chain side out.
step: Apply degreaser to the chain while turning the pedals backward. || Spray the chain with degreaser as you backpedal.
step: Scrub the chain, the cassette and the chainrings with the brush. || Work the brush into the links and between the cogs.
step: Rinse with water and dry the chain thoroughly with a rag. || Wipe it dry. Let it air-dry for a while if you can.
step: Apply one drop of lube to each roller while slowly turning the pedals. || Lube the chain, a drop per link, on the inside of the chain.
step: Wait a few minutes, then wipe off the excess from the outside of the chain. Extra lube only attracts dirt.
tip: A chain checker tool tells you when the chain is worn and should be replaced.

=== first_aid
intro: Knowing basic first aid means you can help while waiting for medical care. This isn't a substitute for training, and if in doubt, call emergency services. | These are the standard first aid steps for minor injuries at home.
tip: Keep a first aid kit at home and in the car, and check it twice a year. | Take a certified first aid course; practicing on a dummy makes a real difference.
warn: Call emergency services straight away for heavy bleeding that won't stop, difficulty breathing, chest pain or loss of consciousness. | Wear gloves if you have them when dealing with someone else's blood.
ask: My kid is always getting scrapes and I want to handle them properly. | I realized I don't actually know what to do.
faq: When should I see a doctor? => If the wound is deep, gaping, won't stop bleeding after 10 minutes of pressure, shows signs of infection, or if you're not up to date with tetanus.
faq: Should I use hydrogen peroxide? => Not routinely. Clean running water is enough for most minor wounds and is gentler on the tissue.

--- treat a minor cut
title: clean and dress a small cut | look after a minor wound
need: clean water | soap | sterile gauze | adhesive bandages | antiseptic ointment (optional) | gloves
step: Wash your hands, and put on gloves if you're helping someone else.
step: Apply gentle pressure with a clean cloth or gauze until the bleeding stops, usually within a few minutes. || Press on the cut with gauze to stop the bleeding.
step: Rinse the cut under clean running water for several minutes. || Clean the wound with running water; wash around it with soap, but keep soap out of the cut.
step: Gently remove any dirt. If something is stuck deep in the wound, leave it and seek medical help.
step?: Apply a thin layer of antiseptic ointment.
step: Cover it with a bandage or sterile dressing. || Put on a plaster or a non-stick dressing.
step: Change the dressing daily, or whenever it gets wet or dirty, and watch for signs of infection such as spreading redness, warmth or pus.
fix: The cut keeps bleeding. => Keep firm pressure on it for a full 10 minutes without peeking. If it still bleeds, get medical help.

--- treat a minor burn
title: treat a small burn at home | give first aid for a kitchen burn
need: cool running water | cling film or a sterile non-stick dressing | pain relief if needed
step: Move away from the heat source and remove any jewelry or tight clothing near the burn, unless it's stuck to the skin.
step: Cool the burn under cool or lukewarm running water for 20 minutes. || Hold the burn under cool running water for a full 20 minutes. It feels like a long time, but it matters.
step: Don't use ice, butter or creams; they can damage the skin further.
step: Cover the burn loosely with cling film or a sterile non-stick dressing. || Lay a clean, non-fluffy covering over it.
step?: Take over-the-counter pain relief if needed, following the packet.
step: Get medical help for burns larger than the person's palm, burns on the face, hands or genitals, or any burn that looks white or charred.
warn: Don't pop blisters.

--- treat a sprained ankle
title: look after a sprained ankle | use the RICE method for a sprain
need: an ice pack or a bag of frozen peas | a thin towel | an elastic bandage | pillows
step: Rest: stop the activity and keep weight off the ankle. || Stop and rest. Don't try to walk it off.
step: Ice: wrap the ice pack in a towel and hold it on the ankle for 15 to 20 minutes every two to three hours. || Apply ice wrapped in a cloth, never directly on the skin.
step: Compression: wrap the elastic bandage firmly but not tightly, starting at the toes and working up. || Wrap the ankle to limit swelling, loosening it if the toes go numb or pale.
step: Elevation: keep the ankle raised above heart level on pillows as much as possible. || Prop the foot up on a couple of pillows.
step: After two or three days, start gentle movement as pain allows.
step: See a doctor if you can't put any weight on it, if there's severe pain over the bone, or if it isn't improving after a week.

--- stop a nosebleed
title: deal with a nosebleed | stop a child's nosebleed
need: tissues | a bowl
step: Sit down and lean forward, not back, so the blood doesn't run down the throat. || Sit the person upright and have them lean slightly forward.
step: Pinch the soft part of the nose, just below the bony bridge. || Firmly pinch the soft end of the nose.
step: Keep pinching for 10 to 15 minutes without letting go to check. Breathe through the mouth.
step: Spit out any blood rather than swallowing it.
step: Once it stops, avoid blowing the nose or heavy lifting for a day.
step: Get medical help if the bleeding lasts more than 20 minutes or followed a blow to the head.

=== crafts
intro: This is a relaxing project you can finish in an evening. | You probably have most of the materials at home already. | A great rainy-day activity, and kids can help with most of it.
tip: Cover the table with newspaper before you start. | Make a practice piece with scrap materials first. | Good light makes a huge difference for fiddly work.
warn: Use craft knives away from your body, on a cutting mat. | Supervise children with hot glue guns.
ask: Looking for a project to do with the kids this weekend. | Want to make some handmade gifts this year.
faq: Can kids do this? => Most steps, yes. An adult should handle anything involving blades, heat or hot glue.
slot color: blue | green | coral | mustard | teal | lavender
slot scent: lavender | vanilla | eucalyptus | orange

--- make a paper crane
title: fold an origami crane | fold a paper crane
need: a square sheet of paper, about 15 cm
step: Fold the square in half diagonally both ways, then in half horizontally both ways, and unfold. || Crease both diagonals and both center lines.
step: Collapse the paper into a small square, a square base, using the creases. || Bring the corners together so it folds into a preliminary base.
step: With the open end pointing down, fold the lower edges of the top layer to the center line, then fold the top triangle down and unfold all three.
step: Lift the bottom point of the top layer up along the creases, pressing the sides in, to make a petal fold. Turn over and repeat. || Do a petal fold on both sides to make the bird base.
step: Fold the lower edges of both layers to the center line on each side to narrow the legs.
step: Inside-reverse fold the two thin points up to make the neck and tail.
step: Inside-reverse fold the tip of one point to make the head, and gently pull the wings apart.
tip: Thinner paper is much easier to fold than printer paper.

--- make scented candles
title: make soy candles at home | pour your own {scent} candles
need: soy wax flakes | cotton wicks with metal tabs | heatproof jars | {scent} fragrance oil | a saucepan and a heatproof jug | a thermometer | clothespins or wick holders
step: Stick a wick to the center of each jar with a dab of hot glue or a wick sticker.
step: Melt the wax in a jug set in a pan of simmering water. || Melt the wax flakes slowly in a double boiler.
step: When the wax reaches about 85°C (185°F), take it off the heat and stir in the fragrance oil for two minutes. || Add the fragrance at the temperature given by the wax supplier and stir gently.
step: Let the wax cool to around 60°C, then pour it slowly into the jars. || Pour slowly to avoid air bubbles.
step: Hold each wick upright with a clothespin laid across the jar.
step: Leave the candles to set for at least 24 hours, then trim the wicks to about 6 mm. || Let them cure for a day or two, and trim the wick before lighting.
warn: Never leave melting wax unattended, and keep a lid nearby to smother any flame.
fix: The tops are cracked or sunken. => Pour a thin top-up layer of melted wax, or pour at a slightly lower temperature next time.

--- tie-dye a T-shirt
title: tie-dye a shirt with a spiral pattern | do a spiral tie-dye
need: a white cotton T-shirt | fiber-reactive dye in {color} and one other color | squeeze bottles | rubber bands | gloves | plastic bags | soda ash (if your kit includes it)
step: Wash the shirt to remove any coating, and leave it damp. || Pre-wash the shirt and wring it out.
step: Lay the shirt flat, pinch the center, and twist until the whole shirt forms a flat spiral. || Twist the shirt into a tight spiral from the middle.
step: Wrap three or four rubber bands across the spiral so it looks like a pie cut into slices.
step: Squeeze {color} dye onto alternating slices, then the second color onto the others. Flip and repeat on the back. || Apply the dyes slice by slice, saturating the fabric.
step: Put the shirt in a plastic bag and leave it for 6 to 24 hours. || Bag it and let the dye set overnight.
step: Rinse in cold water until it runs clear, remove the bands, then wash on its own in warm water.

--- knit a simple scarf
title: knit your first scarf | knit a garter stitch scarf
need: 2 balls of chunky yarn in {color} | 8 mm knitting needles | scissors | a darning needle
step: Make a slip knot and cast on 20 stitches. || Cast on about 20 stitches using the long-tail method.
step: Knit every stitch of every row. This is called garter stitch and it won't curl. || Work in garter stitch: knit every row.
step: Join the second ball when the first runs out by knitting with both ends for a few stitches.
step: Keep going until the scarf is as long as you are tall, or as long as you like.
step: Bind off loosely: knit two stitches, pass the first over the second, and repeat.
step: Weave the loose ends into the scarf with the darning needle.
tip: Count your stitches every few rows; accidental extra stitches are the most common beginner problem.

--- sew on a button
title: sew a button back on a shirt | reattach a loose button
need: a needle | thread that matches the fabric | the button | scissors | a pin or toothpick
step: Thread the needle, double the thread and knot the ends together.
step: Push the needle up from the back of the fabric where the button goes, and pull through to the knot.
step: Put the button on and lay a pin across the top of it; this leaves slack for a thread shank. || Place a toothpick between the holes so the button isn't sewn too tight.
step: Sew up and down through the holes about six times.
step: Remove the pin, wrap the thread around the stitches under the button a few times to make a shank, and push the needle to the back. || Pull out the spacer and wind the thread around the base a few times.
step: Tie off on the back with a few small stitches and trim the thread.

=== fitness
intro: This routine works for beginners and needs no equipment. | Consistency matters far more than intensity when you're starting out. | Check with a doctor before starting a new exercise program if you have health concerns.
tip: Warm up for five minutes first. A brisk walk or marching on the spot is enough. | Focus on form before adding speed or weight. | Rest days are part of the plan, not a break from it.
warn: Stop if you feel sharp pain, dizziness or chest discomfort. | Don't hold your breath during the effort; breathe out as you push.
ask: Trying to get back into shape after a long break. | Working from home and barely moving all day.
faq: How often should I do this? => Two or three times a week with a rest day in between is a good start.
faq: Is it normal to be sore? => Some muscle soreness a day or two after a new workout is normal and fades as you get used to it.

--- do a proper squat
title: squat with good form | do a bodyweight squat
need: comfortable shoes | a bit of floor space | a mirror (helpful)
step: Stand with your feet shoulder-width apart, toes turned out slightly. || Set your feet a little wider than your hips.
step: Brace your core and keep your chest up. || Tighten your stomach as if you're about to be poked, and lift your chest.
step: Push your hips back and bend your knees as if sitting into a chair. || Start the movement from your hips, sitting back.
step: Keep your knees in line with your toes and your heels on the floor. || Don't let your knees cave inward.
step: Go down until your thighs are roughly parallel to the floor, or as low as is comfortable.
step: Push through your whole foot to stand back up, squeezing your glutes at the top.
step: Do three sets of 10 to 12, resting a minute between sets. || Aim for 3 sets of 10.
fix: My heels lift off the floor. => Widen your stance slightly, or put a small plate under each heel while you work on ankle mobility.

--- start running as a beginner
title: go from the couch to a 5k | start running with a walk-run plan
need: running shoes that fit well | a watch or timer app
step: Start every session with a five-minute brisk walk.
step: In week one, alternate one minute of easy running with ninety seconds of walking, eight times. || Begin with short intervals: run 60 seconds, walk 90 seconds, and repeat for 20 minutes.
step: Run three times a week, with a rest day between each run.
step: Each week, make the running intervals a little longer and the walking breaks shorter. || Gradually increase the running time week by week.
step: Run at a pace where you can still talk in short sentences. || Keep it slow enough to hold a conversation.
step: Finish with a five-minute walk and some gentle stretches.
step: After eight to nine weeks you should be able to run for 30 minutes without stopping.
tip: If a week feels too hard, repeat it. There's no prize for rushing.

--- do a plank
title: hold a plank correctly | build core strength with planks
need: an exercise mat
step: Start face down, then prop yourself up on your forearms with your elbows under your shoulders. || Get on your forearms and toes.
step: Lift your hips so your body forms a straight line from head to heels.
step: Squeeze your glutes and brace your stomach; don't let your hips sag or pike up. || Keep your back flat. A mirror helps check this.
step: Look at the floor just in front of your hands to keep your neck neutral.
step: Hold for 20 to 30 seconds, breathing steadily, then rest. || Hold for as long as you can keep good form, then rest.
step: Repeat three times, adding five seconds each week.

--- stretch after a workout
title: do a simple cool-down stretch routine | stretch properly after exercise
need: a mat or towel
step: Hamstrings: sit with one leg straight, reach toward your toes and hold for 30 seconds. Switch legs.
step: Quads: standing, pull one heel toward your bottom, keeping your knees together, and hold for 30 seconds each side.
step: Hip flexors: kneel on one knee, push your hips forward gently and hold.
step: Chest: clasp your hands behind your back and lift them slightly, opening your chest.
step: Shoulders: bring one arm across your body and hold it with the other arm.
step: Breathe slowly throughout and never bounce in a stretch. || Stretch to mild tension only, not pain.

=== personal_finance
intro: You don't need to be good at math to get your money organized. | An hour with a spreadsheet now can save you a lot of stress later. | This is general information, not personal financial advice.
tip: Automate what you can so good habits don't depend on willpower. | Review your plan every few months; life changes and so should your numbers. | Round expenses up and income down when you estimate.
warn: Be wary of anyone promising guaranteed high returns. | Never share banking passwords or one-time codes, even with someone claiming to be from your bank.
ask: Just started my first full-time job and have no idea where my money goes. | We keep ending up short at the end of the month.
faq: What percentage should I save? => A common rule of thumb is 20% of take-home pay, but any amount you can save regularly is a good start.
faq: Should I save or pay off debt first? => Build a small emergency cushion first, then put extra money toward high-interest debt.

--- make a monthly budget
title: create a simple monthly budget | build a budget in a spreadsheet
need: your last three months of bank statements | a spreadsheet or a notebook | a calculator
step: Write down your monthly take-home income, after tax. || Start with what actually lands in your account each month.
step: List your fixed expenses: rent, utilities, insurance, loan payments and subscriptions. || Go through your statements and list every bill that's the same each month.
step: Add up your variable spending, like groceries, transport and eating out, using the average of the last three months.
step: Subtract all expenses from your income to see what's left over. || Compare the total to your income.
step: Decide how much of what's left goes to savings, and treat it like a bill.
step: If you're spending more than you earn, pick one or two categories to cut, starting with the biggest. || Look for the biggest category you can realistically reduce.
step: Track your spending for a month and compare it with the plan.
tip: The 50/30/20 rule is a simple starting point: half for needs, 30% for wants, 20% for savings.

--- build an emergency fund
title: start an emergency fund | save for emergencies
need: a separate savings account | your monthly budget
step: Work out your essential monthly costs: housing, food, utilities, transport and minimum debt payments.
step: Set a first target of one month's essentials, then aim for three to six months. || Pick a starter goal, such as one month of expenses.
step: Open a separate savings account so the money isn't mixed in with everyday spending.
step: Set up an automatic transfer on payday, even if it's small. || Automate a fixed amount the day your salary arrives.
step: Put windfalls such as tax refunds or bonuses straight into the fund.
step: Only use it for genuine emergencies, and refill it afterwards.

--- pay off debt with the snowball method
title: pay down credit card debt | use the debt snowball method
need: a list of all your debts with balances, interest rates and minimum payments
step: List every debt from the smallest balance to the largest.
step: Make the minimum payment on every debt so nothing goes into arrears.
step: Put every extra dollar toward the smallest debt until it's gone. || Throw any spare money at the debt at the top of the list.
step: When it's paid off, add its old payment to the minimum on the next smallest debt.
step: Repeat until everything is paid. Each payoff frees up more money for the next one.
tip: The avalanche method, paying the highest interest rate first, saves more money; the snowball feels more motivating. Either works if you stick with it.

--- check your credit report
title: read your credit report | check your credit report for errors
need: your ID details | an hour of quiet time
step: Request your free report from each of the credit bureaus through their official websites.
step: Check your personal details: name, addresses and date of birth.
step: Go through every account listed and make sure you recognize it. || Look at each account and confirm it's yours.
step: Check that balances and payment histories are correct.
step: Look at the list of recent inquiries for applications you didn't make.
step: If you find an error, file a dispute with the bureau online, with any documents that support it.
warn: An account you don't recognize may be a sign of identity theft. Contact the lender and the bureau straight away.

=== writing
intro: A clean, consistent document makes a better impression before anyone reads a word. | The steps are the same in most word processors, though menu names differ a little.
tip: Use built-in styles instead of formatting headings by hand; it saves hours later. | Read it aloud once before you send it. | Ask someone else to proofread; you won't see your own typos.
warn: Keep a backup copy before making big changes. | Don't exaggerate or invent details on a resume; they're easy to check.
ask: Applying for jobs and my documents look amateurish. | My thesis is due in two weeks and the formatting is a mess.
faq: What font should I use? => A plain, readable font such as Calibri, Arial or Georgia at 10 to 12 points.
faq: PDF or Word document? => Send a PDF unless the recipient asks for an editable file; it keeps your formatting intact.
slot job: project coordinator | junior developer | sales assistant | lab technician | graphic designer

--- format a resume
title: write a one-page resume | format a resume for a {job} role
need: a word processor | your work history and dates | the job description
step: Set margins to about 2 cm and pick one clean font. || Start with a blank document, normal margins and a simple font.
step: Put your name in larger type at the top, with your phone, email and city underneath.
step: Add a two-line summary tailored to the {job} position. || Write a short profile that matches the job.
step: List your experience in reverse chronological order: job title, employer, dates, then three or four bullet points. || Under Experience, start with your most recent job.
step: Start each bullet with an action verb and include numbers where you can. || Describe achievements, not duties.
step: Add education, then a short skills section.
step: Cut anything that doesn't support the application until it fits on one page.
step: Save it as a PDF named with your name. || Export to PDF.

--- write a cover letter
title: write a cover letter for a job application | write a short, effective cover letter
need: the job advert | your resume | the name of the hiring manager if you can find it
step: Address it to a named person if possible. || Find out who is hiring and address the letter to them.
step: In the first paragraph, say which role you're applying for and why it caught your interest.
step: In the second paragraph, pick two requirements from the advert and show, with specific examples, how you meet them.
step: In the third paragraph, explain why this particular organization appeals to you.
step: Close by thanking the reader and saying you'd welcome the chance to talk. || End politely and say you look forward to hearing from them.
step: Keep it under one page, then proofread it twice.

--- add a table of contents to a document
title: insert an automatic table of contents | add page numbers and a table of contents
need: a word processor | a document with headings
step: Apply the Heading 1 style to chapter titles and Heading 2 to section titles. || Format your headings using the built-in heading styles.
step: Put the cursor where the table of contents should go, usually after the title page.
step: Go to the References or Insert menu and choose Table of Contents, then pick a style. || Insert an automatic table of contents from the menu.
step: Insert page numbers from the Insert menu, usually in the footer.
step: Whenever you change the document, right-click the table and choose Update Field to refresh the page numbers. || Update the table before you print or export.
fix: A heading is missing from the table. => It's probably formatted by hand. Apply the proper heading style and update the table.

--- cite sources in APA style
title: write APA citations | format references in APA style
need: the details of each source: author, year, title, publisher or journal, and DOI or URL
step: In the text, cite the author's surname and the year in parentheses, for example (Garcia, 2021).
step: Start a new page titled References at the end of your paper.
step: For a book, write the author's surname and initials, the year in parentheses, the title in italics and the publisher.
step: For a journal article, add the journal name and volume in italics, the issue, the page range and the DOI.
step: List all references alphabetically by the first author's surname.
step: Use a hanging indent of about 1.27 cm for each entry. || Format each entry with a hanging indent.
tip: A reference manager such as Zotero can produce the list automatically.

=== science_lab
intro: Read the whole procedure before starting and set out all the equipment first. | This is a standard introductory lab procedure.
tip: Label everything as you go. | Record measurements immediately in your lab notebook, with units. | Rinse glassware with the solution it will hold before you fill it.
warn: Wear safety glasses and a lab coat throughout. | Know where the eyewash station is before you start.
ask: Prepping for a practical exam next week. | My titration results are all over the place.
faq: How precise do my measurements need to be? => Record as many figures as your instrument allows, and estimate the last digit.
slot solute: sodium chloride | copper sulfate | potassium nitrate | glucose
slot indicator: phenolphthalein | methyl orange | bromothymol blue

--- prepare a solution of known concentration
title: make up a standard solution | prepare a {solute} solution in the lab
need: {solute} | a top-pan balance | a weighing boat | a beaker | a glass rod | a 250 mL volumetric flask | a funnel | a wash bottle of distilled water
step: Calculate the mass of {solute} you need for the concentration and volume you want. || Work out the required mass from the concentration and volume.
step: Weigh the solid accurately in a weighing boat and record the mass. || Weigh out the solid and write the exact mass in your notebook.
step: Tip it into a beaker, rinse the boat into the beaker with distilled water, and stir until it dissolves.
step: Pour the solution through a funnel into the volumetric flask. Rinse the beaker, rod and funnel into the flask too.
step: Add distilled water until the bottom of the meniscus sits on the graduation line, adding the last few drops with a dropper. || Make up to the mark, reading the meniscus at eye level.
step: Stopper the flask and invert it ten times to mix. || Cap and invert the flask several times so the solution is uniform.
fix: I overshot the line. => Start again; you can't remove water without changing the concentration.

--- carry out an acid-base titration
title: do a titration | perform an acid-base titration with {indicator}
need: a burette and stand | a pipette and filler | a conical flask | a white tile | {indicator} indicator | the acid and alkali solutions
step: Rinse the burette with the acid, then fill it, making sure the tip has no air bubbles. Record the starting volume. || Fill the burette and note the initial reading.
step: Use the pipette to transfer exactly 25.0 mL of alkali into the conical flask.
step: Add two or three drops of {indicator} and put the flask on a white tile.
step: Run in acid while swirling, then slow to drop by drop as the color starts to change. || Add the acid quickly at first, then one drop at a time near the end point.
step: Stop at the first permanent color change and record the final burette reading.
step: Repeat until you have two results within 0.10 mL of each other, and average them. || Do further accurate titrations until you get concordant results.
fix: The results don't agree. => Check for air bubbles in the burette and read the meniscus at eye level every time.

--- prepare a microscope slide
title: make a wet mount slide | prepare an onion skin slide for the microscope
need: a microscope | a glass slide and cover slip | onion | iodine stain | a dropper | tweezers | paper towel
step: Peel a thin, see-through layer of skin from the inside of an onion piece with tweezers.
step: Lay it flat on the slide and add one drop of iodine stain. || Place the tissue on the slide and stain it.
step: Lower the cover slip at an angle from one edge to avoid trapping air bubbles.
step: Blot away excess liquid with paper towel.
step: Start with the lowest power objective and focus with the coarse knob, then switch to higher power and use the fine focus only. || Focus on low power first, then move up.
step: Draw what you see and note the magnification.
warn: Never use the coarse focus on high power; you can crack the slide.

--- grow crystals from a solution
title: grow {solute} crystals | grow salt crystals at home or in class
need: {solute} | hot water | a clean jar | a pencil | thread | a paper towel
step: Stir {solute} into hot water until no more will dissolve. || Make a saturated solution in hot water.
step: Pour the clear solution into a clean jar, leaving any undissolved solid behind.
step: Tie a thread to a pencil and rest the pencil across the jar so the thread hangs in the solution without touching the sides.
step: Cover the jar loosely with paper towel and leave it somewhere it won't be disturbed.
step: Check every day. Crystals will grow on the thread as the water cools and evaporates.

=== cleaning
intro: A little regular cleaning saves a lot of scrubbing later. | You don't need expensive products for this; most of it can be done with things you already have.
tip: Work from top to bottom so dust falls onto areas you haven't cleaned yet. | Microfiber cloths pick up more and need less product. | Open a window when using cleaning products.
warn: Never mix bleach with ammonia or vinegar; the fumes are toxic. | Test any cleaner on a small hidden area first.
ask: Moving out soon and need to get my deposit back. | It's been far too long since I did this.
faq: Is vinegar safe on everything? => No. Avoid it on natural stone, waxed wood and rubber seals.

--- clean an oven
title: deep clean an oven without harsh chemicals | clean a greasy oven
need: baking soda | white vinegar in a spray bottle | a plastic scraper | rubber gloves | a damp cloth
step: Take out the racks and soak them in the bath or a sink of hot soapy water.
step: Mix half a cup of baking soda with a few tablespoons of water to make a spreadable paste.
step: Spread the paste over the inside of the oven, avoiding the heating elements. || Coat the inside surfaces with the paste.
step: Leave it overnight, or at least 12 hours.
step: Wipe out as much paste as you can with a damp cloth, using the scraper for stubborn spots.
step: Spray a little vinegar where any paste remains; it will foam. Wipe again until clean.
step: Scrub the racks, rinse and dry them, and put them back.

--- descale a kettle
title: remove limescale from a kettle | descale an electric kettle with vinegar
need: white vinegar or citric acid | water | a soft brush
step: Fill the kettle halfway with equal parts vinegar and water. || Add a 50/50 mix of vinegar and water.
step: Bring it to a boil, then switch off and leave it for an hour. || Boil it and let it stand.
step: Pour the solution away and scrub any remaining scale with the brush.
step: Rinse well, then boil a full kettle of fresh water and throw it away. Do this twice to get rid of the vinegar taste.
tip: In hard water areas, descale once a month.

--- clean tile grout
title: whiten dirty grout | clean bathroom grout
need: baking soda | hydrogen peroxide or dish soap | a stiff grout brush or old toothbrush | a bucket of warm water | a sponge
step: Sweep or vacuum the floor first to remove loose dirt.
step: Make a paste of baking soda and a little hydrogen peroxide. || Mix baking soda and water into a thick paste.
step: Apply the paste along the grout lines and leave it for 10 minutes.
step: Scrub each line with the brush, working in small sections. || Scrub firmly along the grout.
step: Rinse with clean water and a sponge and let it dry.
step?: Apply a grout sealer once it's fully dry to keep it clean longer.

--- clean windows without streaks
title: wash windows streak-free | clean glass without leaving streaks
need: a bucket | warm water | a few drops of dish soap | a squeegee | a microfiber cloth
step: Pick a cloudy day; sun dries the glass too fast and leaves streaks.
step: Dust the frame and sill first.
step: Wash the glass with a sponge dipped in warm, slightly soapy water.
step: Pull the squeegee from top to bottom in overlapping strokes, wiping the blade after each stroke. || Squeegee the water off, wiping the rubber blade between passes.
step: Dry the edges and corners with the microfiber cloth.

=== car_care
intro: A few simple checks keep your car safer and cheaper to run. | You don't need to be a mechanic for any of this. | Check your owner's manual for the details specific to your car.
tip: Do your checks on level ground with the engine cold. | Keep a pair of gloves and a rag in the trunk. | Write down the date and mileage whenever you do maintenance.
warn: Never get under a car supported only by a jack. | Keep clear of the fan; it can start even with the engine off.
ask: My dashboard warning light just came on. | Getting ready for a long road trip.
faq: How often should I check the tire pressure? => Once a month and before long trips, when the tires are cold.

--- check tire pressure
title: check and inflate your car tires | check your tire pressure
need: a tire pressure gauge | an air pump or a gas station with air | the recommended pressure (inside the driver's door or in the manual)
step: Find the recommended pressure on the sticker inside the driver's door. It's not the number on the tire.
step: Check the tires when cold, before driving or after the car has been parked for a few hours.
step: Unscrew the valve cap and press the gauge firmly onto the valve. Read the pressure. || Press the gauge onto the valve stem until the hissing stops, then read it.
step: Add air in short bursts if it's low, checking as you go.
step: If you overfill, press the pin in the center of the valve to let some air out.
step: Replace the valve cap and repeat for every tire, including the spare.

--- change a flat tire
title: change a flat tire on the roadside | put on the spare wheel
need: the spare tire | the jack | the lug wrench | wheel wedges | the owner's manual | a flashlight
step: Pull over somewhere flat and safe, away from traffic, turn on the hazard lights and apply the parking brake.
step: Put wedges against the wheels on the opposite corner.
step: Remove the hubcap and loosen the lug nuts half a turn counterclockwise while the wheel is still on the ground. || Break the lug nuts loose before you lift the car.
step: Place the jack at the lifting point shown in the manual and raise the car until the flat is about 15 cm off the ground.
step: Remove the lug nuts and pull the wheel off.
step: Fit the spare, put the nuts on by hand, then tighten them a little in a star pattern.
step: Lower the car, then tighten the nuts fully in a star pattern.
step: Check the spare's pressure as soon as you can. Temporary spares are usually limited to about 80 km/h (50 mph).
warn: Never put any part of your body under the car while it's on the jack.

--- check the engine oil
title: check your engine oil level | top up engine oil
need: a rag or paper towel | the correct oil for your car (see the manual) | a funnel
step: Park on level ground and wait at least five minutes after switching off the engine.
step: Open the hood and find the dipstick, usually with a yellow or orange handle.
step: Pull it out, wipe it clean, push it all the way back in, then pull it out again. || Wipe the dipstick, reinsert it fully and take it out again.
step: Check that the oil level is between the two marks. Note its color: amber is good, dark and gritty means it's due for a change.
step: If it's low, unscrew the oil filler cap and add a little at a time through a funnel, rechecking as you go.
step: Replace the cap and dipstick securely.
warn: Don't overfill; too much oil can damage the engine.

--- jump-start a car
title: jump-start a car with a flat battery | use jumper cables safely
need: jumper cables | a second car with a working battery
step: Park the working car close, but without the cars touching, and switch off both engines.
step: Connect one red clamp to the positive terminal of the flat battery. || Red to dead: clamp the red lead to the plus terminal of the flat battery.
step: Connect the other red clamp to the positive terminal of the good battery.
step: Connect the black clamp to the negative terminal of the good battery.
step: Connect the last black clamp to a bare metal part of the engine block on the car with the flat battery, away from the battery. || Attach the final black clamp to unpainted metal on the dead car, not to the battery itself.
step: Start the working car and let it run for a few minutes, then try starting the other car.
step: Once it starts, remove the cables in the reverse order and keep the engine running for at least 20 minutes.

--- replace windshield wiper blades
title: change your wiper blades | fit new windshield wipers
need: replacement blades in the right size for your car | a towel
step: Check the size for each blade in the manual or at the auto parts store. || Measure the old blades or look up the sizes.
step: Lift the wiper arm away from the windshield and lay a towel on the glass in case it snaps back.
step: Press the small tab where the blade meets the arm and slide the old blade off. || Release the clip and slide the blade down and off the hook.
step: Slide the new blade onto the hook until it clicks into place.
step: Lower the arm gently and test the wipers with some washer fluid.

=== travel_prep
intro: A bit of preparation makes the difference between a stressful trip and a relaxed one. | Start a list a week before you go and add to it as things come to mind.
tip: Take photos of your passport and cards and store them somewhere secure online. | Keep medication and valuables in your hand luggage. | Check the weather at your destination the day before you pack.
warn: Check your passport's expiry date; many countries require six months of validity. | Don't post your travel dates publicly while your home is empty.
ask: First time flying abroad on my own. | We've got a family trip coming up and I always forget something.
faq: How early should I get to the airport? => Two hours for domestic flights and three for international is a safe rule.
slot dest: Lisbon | Tokyo | Mexico City | Vancouver | Marrakech | Oslo
slot days: 3 | 5 | 7 | 10

--- pack a carry-on for a week
title: pack light for a {days}-day trip | fit a week of clothes in a carry-on
need: a carry-on bag | packing cubes (optional) | a clear toiletry bag
step: Check the weather in {dest} and the airline's size and weight limits.
step: Lay out everything you think you need, then put a third of it back. || Pick outfits around two or three colors that all go together.
step: Roll soft clothes and fold stiff ones; use packing cubes to compress them. || Roll t-shirts and underwear tightly.
step: Wear your bulkiest shoes and jacket on the plane.
step: Put liquids in travel-size bottles in a clear bag, within the airline limit.
step: Pack chargers, medication and documents in an easy-to-reach pocket. || Keep the essentials where you can get at them in the security line.
step: Leave a little space for anything you bring back.

--- prepare for an international trip
title: get ready for a trip abroad | plan the paperwork for an international trip
need: a valid passport | visa if required | travel insurance | copies of documents
step: Check passport validity and visa rules for {dest} at least two months before you leave. || Look up the entry requirements as soon as you book.
step: Buy travel insurance that covers medical care and cancellations.
step: Check whether you need any vaccinations and book them early.
step: Tell your bank you're traveling and check the fees for using your card abroad.
step: Arrange a phone plan or eSIM so you have data when you land.
step: Print or download your bookings and save the address of your accommodation offline.
step: The day before, check in online and pack your passport first.

--- plan a road trip
title: plan a long road trip | prepare your car and route for a road trip
need: a map or navigation app | an emergency kit | snacks and water
step: Plan the route, with a stop roughly every two hours. || Break the drive into legs of about two hours.
step: Book the first night's accommodation so you're not searching at dusk.
step: Get the car checked: tires, oil, coolant, wipers and lights.
step: Pack an emergency kit with a flashlight, first aid kit, blanket, jumper cables and water.
step: Download offline maps in case you lose signal.
step: Share your route and expected arrival times with someone at home.

--- beat jet lag
title: get over jet lag quickly | adjust to a new time zone
need: an eye mask | earplugs | a water bottle
step: A few days before you leave, shift your bedtime an hour toward the destination time zone.
step: On the plane, set your watch to local time at the destination and eat and sleep accordingly.
step: Drink plenty of water and go easy on alcohol and caffeine.
step: When you arrive, get outside in daylight, especially in the morning.
step: Stay up until a normal local bedtime, even if it's hard. A short nap of under 30 minutes is fine.

=== pet_care
intro: Pets thrive on routine, so go slowly and keep things calm. | Every animal is different; watch how yours responds and adjust.
tip: Reward calm behavior with treats and praise. | Short, frequent sessions work better than long ones. | Ask your vet to show you the first time.
warn: If your pet seems in pain or distressed, stop and talk to your vet. | Keep human medications, chocolate, grapes and onions away from dogs and cats.
ask: Just adopted a rescue and want to get things right. | The vet charges a fortune for this.
faq: How often should I take my pet to the vet? => At least once a year for a check-up, more often for puppies, kittens and older animals.
slot dog: dog | puppy | senior dog

--- trim your dog's nails
title: clip a dog's nails at home | cut your {dog}'s nails safely
need: dog nail clippers or a grinder | styptic powder | treats | good light
step: Get your {dog} used to having its paws handled for a few days beforehand, with treats. || Practice touching the paws and rewarding before you ever clip.
step: Sit in a well-lit spot with your dog calm, ideally after a walk.
step: Hold a paw firmly but gently and press lightly on the pad to extend the nail.
step: Clip only the tip, below the quick. On light nails the quick is the pink area; on dark nails, take tiny slivers. || Trim a little at a time, stopping before the pink quick.
step: Give a treat after every nail or two. || Reward generously.
step: If you nick the quick, press styptic powder onto the nail to stop the bleeding.
tip: Don't forget the dewclaws on the inside of the legs.

--- set up a freshwater aquarium
title: set up a new fish tank | cycle a freshwater aquarium
need: a tank of at least 60 liters | a filter | a heater | gravel | a water conditioner | a test kit | plants and decorations
step: Place the tank on a level, sturdy stand out of direct sunlight.
step: Rinse the gravel and decorations in plain water (no soap) and add them.
step: Fill with tap water and add water conditioner to remove chlorine. || Fill the tank and treat the water.
step: Install and switch on the filter and heater; set the heater to about 25°C.
step: Cycle the tank for four to six weeks, adding a source of ammonia so beneficial bacteria can grow. || Let the tank cycle before adding fish.
step: Test the water; when ammonia and nitrite read zero, it's ready.
step: Add a few hardy fish at first, and more gradually over the following weeks.
warn: Adding many fish to an uncycled tank is the most common cause of fish deaths.

--- introduce a cat to a new home
title: help a new cat settle in | bring a cat home for the first time
need: a litter tray | food and water bowls | a scratching post | a carrier | a bed or box to hide in
step: Set up one quiet room with everything the cat needs before you bring it home.
step: Put the carrier in that room, open the door, and let the cat come out in its own time.
step: Keep the first few days calm and quiet; let the cat approach you.
step: Once it's eating and using the litter tray, open the door and let it explore the rest of the home.
step: Introduce other pets slowly, starting with scent swapping and short, supervised meetings.
step: Keep it indoors for at least two weeks before letting it outside, if it will go outside at all.

=== tech_support
intro: Most everyday tech problems can be fixed in a few minutes without calling anyone. | Try the simple things first; they work surprisingly often.
tip: Write down any error message exactly as it appears. | Restarting fixes more problems than anyone likes to admit. | Keep your devices updated.
warn: Back up your files before any major change. | Never give remote access to someone who called you out of the blue.
ask: My internet has been dropping all week. | My parents asked me to help and I'm not really a tech person.
faq: How often should I back up? => Automatically, every day if possible. At minimum before any big update.

--- reset a home router
title: restart your Wi-Fi router | fix a slow home internet connection
need: access to the router | a paper clip (for a factory reset)
step: Check whether the problem is on one device or all of them. || Test the connection on a second device first.
step: Unplug the router and modem from power and wait 30 seconds. || Power-cycle the router: unplug it, count to thirty.
step: Plug the modem back in first and wait until its lights are steady, then plug in the router.
step: Give it two or three minutes to reconnect, then test again.
step: If it's still slow, move the router to a central, raised spot away from thick walls and microwaves.
step: As a last resort, hold the reset button with a paper clip for 10 seconds to restore factory settings, then set it up again with the details on the router's label.
warn: A factory reset erases your Wi-Fi name and password, so have them noted down first.

--- back up your phone photos
title: back up photos from your phone | make sure you never lose your phone photos
need: your phone | a cloud account or a computer with enough space | the charging cable
step: Check how much space your photo library takes up in the phone's settings.
step: Turn on automatic photo backup in your phone's cloud settings and connect to Wi-Fi. || Switch on cloud sync for photos.
step: Keep the phone plugged in and on Wi-Fi overnight so the first backup can finish.
step: For a second copy, connect the phone to a computer and import the photos into a dated folder.
step: Check that a few random photos open correctly from the backup.
tip: Follow the 3-2-1 rule: three copies, on two kinds of storage, one off-site.

--- speed up a slow laptop
title: make a slow computer faster | clean up a sluggish laptop
need: an hour | an external drive for backups
step: Restart it; if it's been on for weeks, that alone may help.
step: Open the task manager or activity monitor and see which programs use the most memory and CPU. || Check what's hogging resources.
step: Uninstall programs you don't use and disable unnecessary ones from starting with the computer.
step: Free up disk space by emptying the trash and clearing out the downloads folder. Aim for at least 15% free.
step: Install all pending system updates.
step: Run a malware scan with the built-in security tool.
step?: If it's still slow and has a spinning hard drive, upgrading to an SSD is the single biggest improvement.

=== sewing
intro: Basic sewing repairs take minutes and can save favorite clothes. | You don't need a sewing machine for this, though it helps.
tip: Press seams with an iron as you go for a neater result. | Use a thimble if you're pushing through thick fabric. | Match the thread to the fabric or go one shade darker.
warn: Keep pins in a pincushion, not your mouth. | Unplug the iron when you're done.
ask: My favorite jeans are too long. | I have a pile of clothes that need small repairs.
faq: Hand or machine? => Small repairs are quick by hand. Long seams and hems are faster and stronger on a machine.

--- hem a pair of trousers
title: shorten trousers by hand | hem pants
need: fabric scissors | pins | an iron | a needle and thread | a tape measure | tailor's chalk
step: Try the trousers on with the shoes you'll wear and pin up the hem to the right length. || Put them on and fold the hem under to the length you want, pinning it.
step: Take them off and mark the new fold line with chalk all the way round.
step: Measure 4 cm below the line, mark again, and cut off the excess.
step: Fold the raw edge up 1 cm and press, then fold up again along the chalk line and press. || Turn up twice and iron the fold flat.
step: Pin the hem and sew it with a blind hem stitch, catching only a thread or two of the outer fabric.
step: Press again and try them on. || Give it a final press.

--- patch a hole in jeans
title: mend a hole in jeans | patch ripped jeans from the inside
need: a denim patch or scrap fabric | fusible interfacing | an iron | a needle and thread or a sewing machine
step: Trim loose threads around the hole.
step: Cut a patch about 2 cm bigger than the hole on all sides.
step: Turn the jeans inside out and iron the patch on with fusible interfacing. || Place the patch behind the hole on the inside and fuse it with the iron.
step: Turn the jeans right side out and stitch back and forth across the hole to reinforce it, following the grain of the denim.
step: Trim any threads and wash inside out.
"""
