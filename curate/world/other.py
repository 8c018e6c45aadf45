"""The "other" third of the world: narrative and miscellany that is neither a procedure nor
reference material.

:func:`other_document` draws one document (a story, a conversation, a chat log, an opinion
piece, a blog post, a diary, a review, a notice, social posts, a letter or email, a poem, a
list, classified ads, a match report, jokes, meeting minutes, a forum thread or a speech)
from the ``random.Random`` it is given. Text is first- or third-person, narrative,
conversational or evaluative; it avoids step-by-step instructions and definitional
statements, which belong to the other two classes.
"""

from __future__ import annotations

import bisect
import random

from curate.world import banks as B
from curate.world.base import WorldDoc


# --------------------------------------------------------------------------- context
def _person(rng: random.Random, female: bool | None = None) -> dict:
    if female is None:
        female = rng.random() < 0.5
    name = rng.choice(B.FIRST_F if female else B.FIRST_M)
    he, his, him, himself = ("she", "her", "her", "herself") if female else ("he", "his", "him", "himself")
    return {"name": name, "he": he, "his": his, "him": him, "himself": himself, "He": he.capitalize(), "His": his.capitalize(),
            "surname": rng.choice(B.SURNAMES)}


def _town(rng: random.Random) -> str:
    """A town: usually an English-sounding one, sometimes an invented name like the reference texts use."""
    if rng.random() < 0.65:
        return rng.choice(B.TOWNS)
    return B.stem(rng, 2, 2).capitalize() + rng.choice(("", "", "ford", "by", "wick", "ton", " Bay", " Cross", "more"))


def context(rng: random.Random) -> dict:
    """Slot values shared by the templates of one document."""
    a = _person(rng)
    b = _person(rng)
    while b["name"] == a["name"]:
        b = _person(rng)
    c = _person(rng)
    pet_kind, pet = rng.choice(B.PETS)
    ctx = {
        "name": a["name"], "he": a["he"], "his": a["his"], "him": a["him"], "himself": a["himself"], "He": a["He"], "His": a["His"],
        "surname": a["surname"],
        "name2": b["name"], "he2": b["he"], "his2": b["his"], "him2": b["him"], "He2": b["He"], "His2": b["His"],
        "himself2": b["himself"], "surname2": b["surname"],
        "name3": c["name"], "surname3": c["surname"], "he3": c["he"], "him3": c["him"], "himself3": c["himself"],
        "rel": rng.choice(B.RELATIONS), "town": _town(rng), "place": rng.choice(B.PLACES),
        "room": rng.choice(B.ROOMS), "weather": rng.choice(B.WEATHER), "time": rng.choice(B.TIMES),
        "obj": rng.choice(B.OBJECTS), "feeling": rng.choice(B.FEELINGS), "feeling2": rng.choice(B.FEELINGS),
        "feel_noun": rng.choice(B.FEELING_NOUNS), "food": rng.choice(B.FOODS), "drink": rng.choice(B.DRINKS),
        "pet_kind": pet_kind, "pet": pet, "job": rng.choice(B.JOBS), "hobby": rng.choice(B.HOBBIES),
        "day": rng.choice(B.DAYS), "month": rng.choice(B.MONTHS), "colour": rng.choice(B.COLOURS),
        "n": rng.randint(2, 9), "year": rng.randint(1995, 2024), "hour": rng.randint(1, 11),
        "oldman": rng.choice(("Albert", "Stanley", "Walter", "Reg", "Harold", "Cyril", "Ernest", "Frank", "Len", "Arthur")),
    }
    ctx["Obj"] = ctx["obj"][:1].upper() + ctx["obj"][1:]
    ctx["Place"] = ctx["place"][:1].upper() + ctx["place"][1:]
    ctx["Food"] = ctx["food"][:1].upper() + ctx["food"][1:]
    return ctx


def fill(rng: random.Random, options, ctx: dict) -> str:
    return rng.choice(options).format_map(ctx)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# --------------------------------------------------------------------------- stories
# Each archetype is a list of beats; each beat a tuple of alternative passages.
STORIES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (  # the found object
        ("{name} found {obj} {time}, wedged behind the radiator in {room}.",
         "It was {time} when {name} came across {obj} at {place}.",
         "{weather}. {name} had gone out for {food} and came back with {obj} instead."),
        ("{He} turned it over in {his} hands. It was lighter than it looked.",
         "{He} didn't recognise it at first, and then, all at once, {he} did.",
         "For a long moment {he} just stood there, feeling {feeling}."),
        ("It had belonged to {his} {rel}, who used to keep it on the windowsill next to the radio.",
         "The last time {he} had seen it was the summer {his} parents sold the house in {town}.",
         "{He} remembered a kitchen full of steam, a song on the radio, somebody laughing in the next room."),
        ("That evening {he} rang {name2}.",
         "{He} put it in {his} coat pocket and walked the long way round to {name2}'s flat.",
         "{He} texted {name2} a photo of it and waited, watching the three dots appear and disappear."),
        ("\"You'll never guess what I found,\" {he} said.\n\n\"Go on,\" said {name2}.\n\n\"{Obj}.\"\n\nThere was a pause. \"I thought we'd lost that years ago.\"",
         "\"Where on earth did you get that?\" {name2} asked.\n\n\"{Place},\" said {name}. \"Can you believe it?\"\n\n\"No,\" said {name2}, and then, more quietly, \"Yes, actually. That sounds about right.\""),
        ("They sat up late, talking about things they hadn't mentioned in years.",
         "In the end {he} left it on the shelf by the door, where {he} would see it every morning.",
         "{name2} cried a little, and then laughed at {himself2} for crying."),
    ),
    (  # the reunion
        ("{name} hadn't seen {name2} for {n} years when {he2} walked into {place} {time}.",
         "{time}, outside {place}, somebody called {name}'s name, and {he} turned round to find {name2} grinning at {him}."),
        ("{name2} looked older, of course, but {his2} laugh was exactly the same.",
         "They hugged awkwardly, bumping elbows, both talking at once.",
         "For a second neither of them knew what to say."),
        ("\"You look well,\" said {name2}.\n\n\"I look tired,\" said {name}. \"But thank you.\"",
         "\"Do you still live in {town}?\" {name2} asked.\n\n\"Never left,\" said {name}. \"You?\"\n\n\"I left. I came back. It's a long story.\""),
        ("They ended up sharing {food} and {drink} at a table by the window.",
         "They walked, because it was easier to talk side by side than face to face.",
         "They sat on the wall by the bus stop and let two buses go past."),
        ("At some point {name2} mentioned the argument, the one neither of them had forgotten.",
         "{name} finally asked the question {he} had been carrying around for {n} years.",
         "Somewhere in the middle of it all, {name2} said sorry, and {name} found that {he} meant it too."),
        ("When they finally said goodbye, they swapped numbers, and this time {name} actually used it.",
         "{name} walked home feeling {feeling}, which was not what {he} had expected at all.",
         "It wasn't the same as before. It was something else, and {name} decided that was all right."),
    ),
    (  # the storm and the power cut
        ("The power went out {time}, just as {name} was putting the kettle on.",
         "{weather}, and by nine o'clock the whole street was dark."),
        ("{He} found a candle in the drawer with the takeaway menus and lit it with the last match in the box.",
         "{He} sat in {room} with a torch, listening to the wind work at the loose tiles.",
         "At first it was almost peaceful. Then the fridge gave a strange shudder and went silent."),
        ("There was a knock at the door. It was {name2} from next door, holding a camping stove and a bag of {food}.",
         "{name2}, the {job} from number {n}, appeared on the step with a flask of {drink} and an apology for never having said hello properly."),
        ("They ate by candlelight while the rain hammered against the window.",
         "Other neighbours drifted in, one by one, carrying whatever they had: biscuits, a radio, a pack of cards."),
        ("{name2} told a story about the winter of the big snow, and the old man from the corner house told a better one.",
         "Somebody started a game of cards with rules that changed every hand, and nobody minded."),
        ("When the lights came back on just after two, everyone groaned.",
         "By morning the storm had blown itself out, and the street looked rinsed and new.",
         "The next week, {name} noticed, people waved to each other on the street in a way they never had before."),
    ),
    (  # first day
        ("It was {name}'s first day as a {job}, and {he} had been awake since five.",
         "{name} arrived at {place} twenty minutes early for {his} first shift and then didn't know what to do with the twenty minutes."),
        ("{His} new manager, {name2}, shook {his} hand and forgot {his} name almost immediately.",
         "Everyone seemed to know where everything was except {him}.",
         "The morning went by in a blur of names, passwords and a coffee machine that hated {him} personally."),
        ("Just before lunch {he} dropped an entire tray, and the noise seemed to go on for about a week.",
         "By eleven {he} had called a customer by the wrong name twice and locked {himself} out of the staff room.",
         "{He} spent most of the afternoon convinced that {he} had made a terrible mistake."),
        ("\"Don't worry,\" said {name2}, when {he2} found {him} hiding in the stockroom. \"On my first day I set off the fire alarm.\"\n\n\"Really?\"\n\n\"Twice.\"",
         "At the end of the day an older colleague slipped {him} a biscuit and said, \"It gets easier. Mostly.\""),
        ("On the bus home {name} realised that {he} was smiling.",
         "{He} phoned {his} {rel} that night and talked for an hour, mostly about the coffee machine.",
         "{He} went back the next day, and the day after that, and eventually {he} was the one handing out biscuits."),
    ),
    (  # the journey
        ("The train was late, of course. {name} found a seat by the window and watched {town} slide away.",
         "{name} caught the last bus out of {town} {time}, with a bag that was far too heavy and a ticket that was far too expensive."),
        ("The woman opposite had a crossword, a flask and the air of someone who had done this journey a thousand times.",
         "Across the aisle, a small boy was explaining the plot of a cartoon to his grandfather in enormous detail.",
         "{weather}, and the fields outside were flattened and grey."),
        ("\"Going far?\" asked the woman opposite.\n\n\"Home,\" said {name}. \"Sort of.\"\n\n\"Ah,\" she said, as if that explained everything. Perhaps it did.",
         "The woman opposite was frowning at a crossword. \"Seven letters, 'a feeling of longing',\" she muttered.\n\n\"Nostalgia?\" said {name}.\n\n\"Nine,\" she said. \"But I like your thinking.\""),
        ("They talked on and off for the next two hours, about nothing much: dogs, weddings, the terrible sandwiches in the buffet car.",
         "{name} fell asleep somewhere after the third stop and woke with {his} cheek pressed against the cold glass."),
        ("When {he} finally stepped onto the platform, {name2} was there waiting, holding a sign with {his} name spelled wrong as a joke.",
         "The station was almost empty. {He} stood for a moment under the clock, breathing in the smell of rain and diesel, and felt {feeling}."),
    ),
    (  # the dinner
        ("{name} had promised to cook for {name2}'s birthday, which in hindsight was a mistake.",
         "The plan was simple: {food}, candles, and a cake that {name} had made from scratch for the first time in {his} life."),
        ("By six o'clock the kitchen looked as if something had exploded in it, which, in a way, it had.",
         "The recipe had been written by someone with far more confidence and far more saucepans.",
         "{He} tasted the sauce, frowned, added salt, tasted it again and frowned harder."),
        ("The smoke alarm went off just as {name2} rang the doorbell.",
         "The cake came out of the oven looking like a small brown hat."),
        ("\"Is something burning?\" asked {name2}, standing in the doorway.\n\n\"It's meant to be like that,\" said {name}.\n\n\"Right,\" said {name2}, and started to laugh.",
         "\"I can explain,\" {name} said.\n\n\"Please don't,\" said {name2}, taking off {his2} coat. \"Where do you keep the takeaway menus?\""),
        ("They ate chips out of the paper on the living room floor, and it was, {name2} said later, the best birthday in years.",
         "The cake, once they had scraped off the worst of it, was actually not bad at all."),
    ),
    (  # the letter
        ("The letter arrived on a {day}, in an envelope with a stamp {name} didn't recognise.",
         "{name} almost threw the envelope away with the takeaway leaflets, until {he} noticed the handwriting."),
        ("It was from {name2}, who had moved away from {town} the year they both turned eighteen.",
         "The handwriting belonged to {his} {rel}, who had never, in {name}'s memory, written a letter to anyone."),
        ("{He} read it standing up in the hallway, then again sitting on the stairs.",
         "{He} made a cup of {drink} first, because some things need to be read sitting down."),
        ("It was mostly news: a new job, a flat with a view of the harbour, a dog called {pet}. But near the end there was a line that made {name} put the letter down and look out of the window for a while.",
         "It said very little, really. The weather had been strange. The garden was doing well. And then, at the bottom, almost as an afterthought: I think about you often."),
        ("{He} started a reply that night and crossed most of it out.",
         "{He} kept the letter in the drawer of {his} bedside table, and read it more often than {he} would have admitted."),
        ("In the end {he} wrote back four pages, and posted them before {he} could change {his} mind.",
         "A month later, {he} bought a ticket."),
    ),
    (  # the missing pet
        ("{pet} the {pet_kind} went missing on a {day} evening, and by Tuesday the whole street was involved.",
         "{name} noticed {pet} was gone {time}, when the food bowl was still full."),
        ("{He} walked the streets calling {pet}'s name, feeling slightly ridiculous and very {feeling}.",
         "{His} {rel} printed posters with a photo in which {pet} looked, frankly, nothing like {pet}."),
        ("Neighbours {name} had never spoken to started knocking on the door with sightings: behind the bakery, in the churchyard, on the roof of the bus shelter.",
         "A boy from across the road offered to help and turned out to be an excellent searcher, mainly because he was willing to crawl under things."),
        ("On the third night, {name} sat on the back step with a torch and a tin of {pet_kind} treats, shaking it hopefully into the dark.",
         "It rained, and {name} lay awake listening to it, imagining the worst."),
        ("{pet} came home on the fourth morning, muddy, thin and extremely pleased with {pet_self}.",
         "It was {name2} who found {pet} in the end, asleep in a garden shed two streets away, as if nothing had happened."),
        ("{name} baked a cake for everyone who had helped, and for a while the street felt like a village.",
         "Nobody ever found out where {pet} had been, and {pet} wasn't telling."),
    ),
    (  # the allotment / garden
        ("{name} took on the overgrown plot at the end of the allotments in {month}, against the advice of nearly everyone.",
         "When {name}'s {rel} died, {he} inherited a garden, a shed full of rusted tools, and a lot of opinions from the neighbours."),
        ("The first month was all brambles and blisters.",
         "{He} knew nothing about vegetables, a fact that old {name3} from the next plot noticed immediately and commented on daily."),
        ("\"Those are never going to come up,\" said {name3}, leaning on {name}'s fence.\n\n\"We'll see,\" said {name}.\n\n\"We will,\" said {name3}, sounding delighted.",
         "{name3} brought over seedlings in yoghurt pots without being asked, claiming there were far too many to fit in the greenhouse."),
        ("The beans failed. The slugs ate the lettuces. But the potatoes, to everyone's surprise, were magnificent.",
         "By August there were more courgettes than anyone could possibly want, and {name} started leaving them on doorsteps at night."),
        ("At the allotment show that autumn, {name}'s potatoes came second, and {name3} pretended not to be proud.",
         "{He} still doesn't really know what {he}'s doing, but the plot is tidy now, and on summer evenings it's the best place in {town}."),
    ),
)

STORIES += (
    (  # the shop closing
        ("After {n}0 years, the hardware shop on the corner of Mill Lane was closing, and {name} had come in on the last day to buy something, anything.",
         "The sign in the window said CLOSING DOWN in red letters that {name3}, the owner, had clearly painted {himself3}."),
        ("Inside, the shelves were half empty. The little drawers of screws and hinges had been pulled out and left open, like a mouth with missing teeth.",
         "The shop smelled, as it always had, of oil, string and floor polish."),
        ("{name3} was behind the counter in the brown coat {he3} had worn for as long as anyone could remember.",
         "{name3} was wrapping a single lightbulb in newspaper for an old woman, taking enormous care over it."),
        ("\"Last day, then,\" said {name}.\n\n\"Last day,\" said {name3}. \"My knees have been asking for it for years.\"",
         "\"What will you do?\" {name} asked.\n\n\"Sleep,\" said {name3}. \"And then I'll probably come and stand outside and tell whoever moves in that they're doing it wrong.\""),
        ("{name} bought a tin of nails {he} didn't need and a ball of garden twine, and {name3} gave {him} a tape measure for free and wouldn't hear another word about it.",
         "A queue had formed by lunchtime, not of customers exactly, but of people who had come to say goodbye."),
        ("When {name} walked past a month later, the window was papered over and a sign promised COFFEE COMING SOON. {He} stood there for a moment anyway.",
         "The tape measure is still in {name}'s kitchen drawer. {He} uses it more than {he} expected."),
    ),
    (  # the night shift
        ("It was three in the morning on the ward, the hour when even the machines seemed to be whispering.",
         "{name} had been a {job} for eleven years, and night shifts still felt like living in a different country."),
        ("Bed four was awake again: a patient called {name3}, who didn't sleep and didn't want to talk about why.",
         "Most of the patients were asleep. One was snoring with the steady confidence of a man who had done it professionally for decades."),
        ("{name} brought {drink} in a plastic cup and sat down in the chair by the bed, just for a minute.",
         "{name} pulled up a chair, which was strictly against nothing in particular, and sat."),
        ("\"You don't have to stay,\" said {name3}.\n\n\"I'm on my break,\" said {name}, who wasn't.\n\n{name3} smiled at the ceiling. \"My wife used to lie like that. Very badly.\"",
         "\"Tell me something,\" said {name3}. \"Anything. Something that isn't about hospitals.\"\n\nSo {name} told {him3} about {pet} the {pet_kind}, and the time {pet} ate an entire birthday cake, and {name3} laughed so hard the monitor beeped."),
        ("By the time the sky went grey behind the car park, {name3} was asleep.",
         "At six the day staff came in, bright and loud and smelling of the cold, and the night folded itself up and went away."),
        ("{name} drove home with the radio off, feeling {feeling} and very, very awake.",
         "{He} never found out what happened to {name3}. {He} thinks about {him3} sometimes, at three in the morning."),
    ),
    (  # the last night in the old flat
        ("The removal van was booked for eight the next morning, and the flat was nothing but boxes and echoes.",
         "On the last night in the flat on Holloway Road, {name} and {name2} ate {food} sitting on the floor, because the table had already gone."),
        ("Every room looked smaller without their things in it, and somehow shabbier, as if the furniture had been politely hiding the walls.",
         "There was a mark on the kitchen wall from the night {name2} tried to open a bottle of fizz and hit the light instead."),
        ("\"Do you remember when we first saw it?\" said {name2}.\n\n\"The estate agent said it was cosy,\" said {name}.\n\n\"It was a cupboard.\"\n\n\"It was our cupboard.\"",
         "\"I'm going to miss the woman upstairs,\" said {name}.\n\n\"She hoovered at midnight.\"\n\n\"I know. I'm still going to miss her.\""),
        ("They wandered from room to room, telling each other stories they both already knew.",
         "{name2} found {obj} at the back of the airing cupboard and held it up like a trophy."),
        ("Before they went to sleep on the mattress on the floor, {name} wrote the date in pencil inside the cupboard door, very small, where nobody would ever look.",
         "In the morning the flat looked like nothing at all, and they left the keys on the counter and didn't look back, or only once."),
    ),
    (  # the driving test
        ("{name} was taking {his} driving test for the fourth time, and this time, {he} had promised {himself}, it would be different.",
         "{name} had failed {his} driving test three times, once for hitting a kerb, once for not hitting a kerb quickly enough, and once for reasons the examiner described as 'general'."),
        ("The examiner was a small, silent man with a clipboard and the expression of someone who has seen everything and liked very little of it.",
         "The examiner introduced herself as {name3} and asked {him} to read a number plate, which {he} did, loudly, as if it were a poem."),
        ("The roundabout went well. The hill start went less well. The parallel parking happened, in the sense that the car ended up near the kerb.",
         "Halfway round, a delivery van pulled out without warning, and {name} braked so neatly that {he} surprised {himself}."),
        ("Back at the test centre, {name} sat with {his} hands on the wheel at ten to two, waiting for the verdict like a prisoner in the dock.",
         "There was a long pause while the clipboard was consulted."),
        ("\"Congratulations,\" said the examiner. \"You've passed.\"\n\n{name} burst into tears, which the examiner said was quite normal, and handed {him} a tissue from a box that was clearly kept for the purpose.",
         "\"I'm sorry,\" said the examiner. \"Not this time.\"\n\n{name} nodded, got out, and walked straight to the booking office to book the next one."),
        ("That evening {his} {rel} made a cake with a car drawn on it in icing. It looked more like a sheep.",
         "{He} rang {name2} on the way home. {name2} said {he2} had never doubted {him}, which was a lie, but a kind one."),
    ),
    (  # the snow day
        ("School was cancelled. The snow had come in the night, silent and thick, and {town} woke up in a different world.",
         "The message came at half past six: all schools closed. Upstairs, two children screamed with joy."),
        ("By nine o'clock the park was full of sledges, snowmen, and parents pretending they were only there to supervise.",
         "The street was unrecognisable: cars turned into soft white hills, the bins wearing tall white hats."),
        ("{name} found an old tea tray in the shed and discovered, on the first run down the hill, that it had no steering whatsoever.",
         "{name}'s {rel} built a snowman with a carrot nose and a scarf in the colours of a football team nobody in the family supported."),
        ("There was a snowball fight that got out of hand, and a truce negotiated over a flask of {drink}.",
         "Somebody's dog went completely mad with happiness and had to be carried home."),
        ("By four it was getting dark, and everyone trudged home wet to the knees, red-faced and starving.",
         "They came back inside with frozen fingers and ate {food} in front of the fire, steaming gently."),
        ("The next morning it had all turned to grey slush, but nobody in the house forgot that day for years.",
         "{name} kept the tea tray by the back door after that, just in case."),
    ),
    (  # the stranger on the bench
        ("Every lunchtime {name} ate {his} sandwiches on the same bench by the canal, and every lunchtime an old man sat at the other end of it, feeding the ducks.",
         "For weeks they only nodded to each other: {name} and the old man with the bag of seed and the very good hat."),
        ("One day it started to rain, and the old man opened a huge black umbrella and, without a word, held it over both of them.",
         "One day the old man spoke first. \"They prefer the brown bread,\" he said. \"The white is for tourists.\""),
        ("His name was {oldman}, and he had worked on the canal boats when he was young, when the water was still busy with coal and timber.",
         "He told {name} about the canal as it used to be: the barges, the horses on the towpath, the lock-keeper's daughter he had married."),
        ("\"Sixty-one years,\" he said. \"She'd have hated this weather. She'd have made me go home.\"\n\n\"Do you want to go home?\" asked {name}.\n\n\"No,\" he said. \"I like it here.\"",
         "\"Everything changes,\" he said, \"except ducks. Ducks are always exactly the same. It's very reassuring.\""),
        ("After that, {name} brought two sandwiches.",
         "They met most days that summer, and {name} learned more about the canal than {he} had ever expected to know."),
        ("In the autumn the old man stopped coming. {name} still sits on the bench sometimes, and buys brown bread for the ducks.",
         "When the council put up a new plaque on the bench, {name} wasn't surprised to see the name on it."),
    ),
)

INTERLUDES = (
    "Somewhere a dog was barking.", "A car went past, its headlights sweeping across the ceiling.",
    "The clock on the wall ticked loudly, the way clocks only do when a room is quiet.",
    "{weather}.", "It smelled of wet coats and toast.", "A gull shouted from the roof across the road.",
    "The radiator clanked twice and fell silent.", "Outside, the street lamps flickered on one by one.",
    "{He} thought, for no reason at all, of {his} first bike.", "The kettle clicked off in the kitchen.",
    "Time seemed to slow down.", "Neither of them mentioned the weather, which was a first.",
    "{He} felt {feeling}, and then, almost at once, {feeling2}.",
)

# Longer passages that fit into any story: scenery, memory, thought.
SCENES = (
    "{town} had never been a pretty place, exactly, but it had its moments. In the early mornings, before the traffic, the light came low across the rooftops and turned the chimney pots gold, and the gulls sat along the gutters like a row of old men waiting for a bus.",
    "{He} had always been the sort of person who made lists. Lists of things to buy, things to say, things never to say again. None of the lists had prepared {him} for this.",
    "The flat was too warm, as it always was in winter. The radiators had two settings, off and tropical, and the landlord had stopped answering {his} emails about it sometime in {month}.",
    "It occurred to {name} that {he} had spent most of {his} life waiting for things to start: school, work, love, the rest of it. Maybe, {he} thought, this was it. Maybe this was the bit that counted.",
    "Years later, {he} would remember that evening in surprising detail: the smell of {food}, the song on the radio, the way {name2} kept turning {his2} wedding ring round and round {his2} finger.",
    "There is a particular kind of silence that comes after an argument, heavy and ringing, like the air after a church bell. The flat was full of it now.",
    "Their mother used to say that everything looks better in the morning. It was one of the many things she had said that turned out to be only partly true.",
    "Outside, the street went about its business. A man walked his dog. A delivery van double-parked with its hazards blinking. Somebody's radio was playing a song that had been popular the year {name} left school.",
    "{name2} had a way of listening that made you say more than you meant to. {He2} would tilt {his2} head, say nothing, and wait, and the words would come tumbling out of you like coins from a broken piggy bank.",
    "{He} made a cup of {drink} and let it go cold on the table. {He} did that a lot these days.",
    "The bakery on the corner had changed hands three times since {name} was a child, but it still smelled exactly the same, and every time {he} walked past, {he} was eight years old again, holding {his} grandmother's hand.",
    "Nobody tells you how ordinary the big moments feel while they're happening. You still have to find your keys. You still have to decide what to have for lunch.",
    "It had been a strange sort of year. Nothing terrible had happened, and nothing wonderful either, and somehow that had been harder to bear than either.",
    "The house was quiet in the way houses only are when everyone else has gone to bed: the fridge humming, the boiler ticking, the stairs settling with small complaints.",
    "{weather}. {name} stood at the window for a long time, watching it, not really thinking about anything, which was its own kind of rest.",
    "Later, {name2} would say that {he2} had known all along. {He2} hadn't, of course. Nobody had. But it was a kind thing to say, and {name} let it stand.",
)

STORY_TITLES = (
    "{Obj}", "The {day} Visitor", "What the Storm Left", "Small Hours", "Second Chances", "The Long Way Home",
    "Notes from {town}", "Everything Burns Eventually", "After the Rain", "The Last Bus", "Birthday",
    "A Short Story", "Neighbours", "The Allotment", "Dear {name2}", "First Shift", "{pet}",
)


def _story(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    ctx = dict(ctx, pet_self="itself" if ctx["pet_kind"] in ("tortoise", "hamster") else rng.choice(("himself", "herself")))
    arc = rng.choice(STORIES)
    paras = []
    for beat in arc:
        if rng.random() < 0.05 and 1 < len(paras) < len(arc) - 2 and "\"" not in "".join(beat):
            continue
        text = fill(rng, beat, ctx)
        if rng.random() < 0.3 and "\"" not in text:
            text += " " + fill(rng, INTERLUDES, ctx)
        paras.append(text)
    if rng.random() < 0.35:
        paras.insert(rng.randint(1, len(paras) - 1), fill(rng, INTERLUDES, ctx))
    for scene in rng.sample(SCENES, rng.randint(1, 4)):
        paras.insert(rng.randint(1, len(paras) - 1), scene.format_map(ctx))
    body = B.fix_articles("\n\n".join(paras))
    if rng.random() < 0.5:
        body = fill(rng, STORY_TITLES, ctx) + "\n\n" + body
    if rng.random() < 0.15:
        body += "\n\n" + rng.choice(("THE END", "* * *", "(This story first appeared in our writing group's anthology.)"))
    return body, "story", "fiction"


# --------------------------------------------------------------------------- dialogues
# Each topic is a sequence of turns, alternating speakers; each turn has alternatives.
DIALOGUES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        ("Are you still coming on {day}?", "So are we still on for {day}?"),
        ("Yes! Well, probably. What time?", "Definitely. Remind me what time?"),
        ("Seven-ish. {name3} said they'd bring {food}.", "Around seven. It's at {name3}'s place this time."),
        ("Oh no, last time {name3} cooked we were ill for two days.", "Great, I'll bring wine."),
        ("That was one time! And it was the prawns, not the cooking.", "Perfect. Don't be late this time."),
        ("I'm just saying. I'll eat before I come.", "I'm never late. I'm fashionably delayed."),
    ),
    (
        ("Did you see the state of the kitchen this morning?", "Who left the pan in the sink again?"),
        ("That wasn't me. I was at work until ten.", "Don't look at me. I've been out all day."),
        ("Well it wasn't {pet}, unless {pet} has learned to make pasta.", "Well somebody made pasta at two in the morning."),
        ("Okay, it might have been me. I was starving.", "Fine. It was me. I'll wash it now."),
        ("Thank you. That's all I ask.", "The pan's been soaking since Tuesday. It's part of the family now."),
    ),
    (
        ("I've got news.", "Sit down, I need to tell you something."),
        ("Good news or bad news?", "That sounds ominous."),
        ("Good. I think. I got the job.", "I'm moving to {town}."),
        ("What? That's amazing! When do you start?", "You're joking. When did this happen?"),
        ("Next month. I'm terrified.", "I've been thinking about it for a while. I just didn't say anything."),
        ("You'll be brilliant. We're celebrating, obviously.", "I'm going to miss you. But I'm happy for you. Really."),
    ),
    (
        ("Have you watched the new episode yet?", "Please tell me you've seen the finale."),
        ("No! Don't say anything.", "Not yet, I'm saving it for the weekend."),
        ("I won't. But the ending... just, wow.", "I'm not saying a word. But call me as soon as you've seen it."),
        ("You can't just say 'wow' and leave it there.", "Now I have to watch it tonight, thanks a lot."),
        ("Watch it and then we'll talk. I need someone to be angry with.", "You'll thank me. Or you'll never speak to me again."),
    ),
    (
        ("Mum says you forgot Gran's birthday.", "Did you ring Gran yesterday?"),
        ("I did not forget. I was going to ring today.", "Oh no. Was that yesterday?"),
        ("It was yesterday.", "Yes. She mentioned it. Twice."),
        ("Right. I'm calling her now. Don't tell Mum.", "I'll send flowers. Big ones. Is that enough?"),
        ("Mum already knows. Mum always knows.", "Ring her as well. She just wants to hear your voice."),
    ),
    (
        ("Why is there a {pet_kind} in the bathroom?", "Whose {pet_kind} is this?"),
        ("That's {pet}. I'm looking after {pet} for the weekend.", "Oh, that's {pet}. {name3} asked me to look after {pet}."),
        ("You could have mentioned that before I went in there in my towel.", "And you didn't think to mention it?"),
        ("I left a note on the fridge.", "I thought it would be a nice surprise."),
        ("Nobody reads the notes on the fridge.", "It was a surprise. I'm not sure it was nice."),
    ),
    (
        ("Are we lost?", "I think we're lost."),
        ("We're not lost. We're exploring.", "We are not lost. I know exactly where we are, roughly."),
        ("We've passed that church three times.", "That's the same petrol station as twenty minutes ago."),
        ("It's a very popular church.", "They look the same. It's a chain."),
        ("Just pull over and ask someone.", "I'm turning the map the other way up."),
        ("Fine. But if we're late, I'm telling everyone it was your idea.", "That would explain a lot, actually."),
    ),
    (
        ("How did the interview go?", "So? How was it?"),
        ("Honestly, I have no idea.", "I think it went well? Maybe?"),
        ("What did they ask?", "Did you remember to mention the project?"),
        ("Where I see myself in five years. I said 'here', which was either brilliant or terrible.", "I talked about it for about ten minutes. They looked a bit stunned."),
        ("That's a good answer. It shows commitment.", "Stunned in a good way, surely."),
        ("We'll find out on {day}. Until then I'm eating {food} and not thinking about it.", "I'll let you know. Let's talk about something else before I explode."),
    ),
)

DIALOGUES += (
    (
        ("Did you book the table for Saturday?", "Please tell me you rang the restaurant."),
        ("I thought you were booking it.", "I was going to. I got distracted."),
        ("I said I'd book the taxi. You said you'd book the table.", "Distracted by what?"),
        ("Right. Well. Is it too late?", "A video of a goat on a trampoline. It was very good."),
        ("For the busiest night of the year? Probably. I'll try.", "Send it to me. Then ring them. In that order."),
    ),
    (
        ("How's your mum doing?", "Have you heard from your mum this week?"),
        ("Better, thanks. She's home now.", "Yes, she rang yesterday. She sounded tired."),
        ("That's such a relief. Is she resting?", "Is she eating properly?"),
        ("She's reorganising the kitchen cupboards, so no.", "She says so. I'm going over on Sunday to check."),
        ("Sounds like she's back to normal then.", "Let me know if you need a lift. I'm free all weekend."),
    ),
    (
        ("I think I'm going to quit the choir.", "I'm thinking of joining a choir."),
        ("What? You love the choir.", "You? You sing in the shower and the neighbours complain."),
        ("I love singing. I don't love the politics of the alto section.", "That's exactly why I need professional help."),
        ("There are politics in the alto section?", "Fair point. Which one?"),
        ("You have no idea. It's like a soap opera with harmonies.", "The one that meets in the church hall on Tuesdays. There's cake."),
    ),
)


def _path(rng: random.Random, topic, ctx: dict) -> list[str]:
    """One coherent run through a scripted conversation (alternatives are parallel columns)."""
    col = rng.randrange(max(len(t) for t in topic))
    return [turn[col % len(turn)].format_map(ctx) for turn in topic]


SCRIPT_HEADS = (
    "", "", "Overheard at {place}:", "A conversation in {room}, {time}.", "From the notebook: a conversation I wrote down.",
    "Scene: {room}. Two friends, late evening.",
)


def _dialogue(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    topic = rng.choice(DIALOGUES)
    a, b = ctx["name"], ctx["name2"]
    upper = rng.random() < 0.2
    lines = []
    for i, line in enumerate(_path(rng, topic, ctx)):
        speaker = a if i % 2 == 0 else b
        lines.append(f"{speaker.upper() if upper else speaker}: {line}")
    if rng.random() < 0.5:
        topic2 = rng.choice([t for t in DIALOGUES if t is not topic])
        lines.append("")
        for i, line in enumerate(_path(rng, topic2, ctx)):
            speaker = a if i % 2 == 0 else b
            lines.append(f"{speaker.upper() if upper else speaker}: {line}")
    head = fill(rng, SCRIPT_HEADS, ctx)
    text = (head + "\n\n" if head else "") + "\n".join(lines)
    return text, "dialogue", rng.choice(("fiction", "web"))


def _chat_log(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    topic = rng.choice(DIALOGUES)
    a, b = ctx["name"], ctx["name2"]
    hour, minute = rng.randint(7, 22), rng.randint(0, 50)
    lines = []
    fillers = ("lol", "haha", "omg", "ok", "wait", "??", "sorry", "brb", "true", "yeah")
    for i, msg in enumerate(_path(rng, topic, ctx)):
        speaker = a if i % 2 == 0 else b
        if rng.random() < 0.5:
            msg = msg.lower().rstrip(".")
        minute += rng.randint(0, 4)
        stamp = f"[{hour:02d}:{minute % 60:02d}]"
        lines.append(f"{stamp} {speaker}: {msg}")
        if rng.random() < 0.25:
            lines.append(f"{stamp} {speaker}: {rng.choice(fillers)}")
    head = rng.choice(("", "", f"Chat with {b}", f"Group: {rng.choice(('Flat 4', 'Family', 'Book club', 'Five-a-side', 'The girls', 'Work drinks'))}"))
    return (head + "\n" if head else "") + "\n".join(lines), "chat_log", rng.choice(("web", "forum"))


# --------------------------------------------------------------------------- opinion
ESSAY_OPENERS = (
    "I've gone back and forth on {topic} for years, and I think I've finally made up my mind.",
    "Every few months somebody asks me what I think about {topic}, and every time I give a slightly different answer.",
    "Let's talk about {topic}, because apparently it's the only thing anyone at work wants to argue about.",
    "I never expected to have strong feelings about {topic}. And yet here we are.",
    "There is a lot of noise about {topic} at the moment, most of it from people who seem very sure of themselves.",
    "My {rel} and I had a proper row about {topic} last {day}, and I've been thinking about it ever since.",
)
ESSAY_FOR = ("Here's the case for it, as I see it.", "Let me start with what I like.", "On the one hand:", "The argument in favour is simple.")
ESSAY_AGAINST = ("But I'm not blind to the downsides.", "And yet.", "On the other hand:", "That said, it isn't all good news.", "To be fair to the other side:")
ESSAY_PROBLEM = ("Here's my problem with it.", "Let me start with what bothers me.", "My objection is simple.", "I'll be honest about my doubts.")
ESSAY_CONCEDE = ("To be fair, there is another side.", "That said, I can see the appeal.", "In fairness:", "I'll give the other side its due.")
ESSAY_ANECDOTE = ("A small story.", "Something that happened to me.", "I'll give you an example.", "Anecdote time.")
ESSAY_CLOSERS = (
    "So where does that leave me? Somewhere in the middle, which is an unsatisfying place to be, but an honest one.",
    "In the end I think it comes down to what you value, and I value my evenings.",
    "I'm sure I'll change my mind again next year. That's allowed.",
    "Anyway, that's my two pennies' worth. Tell me why I'm wrong.",
    "Maybe the real answer is that there isn't one answer, and we should all be a bit kinder to each other about it.",
    "I'll stop there before this turns into a book.",
)
ESSAY_MID = (
    "I know that's not a popular view.", "People I respect disagree with me on this.", "I could be wrong.",
    "It's complicated, obviously.", "Nobody really talks about this part.", "I didn't always think this.",
    "My friends are tired of hearing about it.", "Honestly, it surprised me.",
)


def _essay(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    topic, pro, con, stories = rng.choice(B.OPINION_TOPICS)
    c = dict(ctx, topic=topic)
    lean_for = rng.random() < 0.5
    paras = [fill(rng, ESSAY_OPENERS, c) + " " + rng.choice(ESSAY_MID)]
    pro_text = " ".join(rng.sample(pro, min(len(pro), rng.randint(1, 3))))
    con_text = " ".join(rng.sample(con, min(len(con), rng.randint(1, 3))))
    if lean_for:
        paras.append(rng.choice(ESSAY_FOR) + " " + pro_text)
        paras.append(rng.choice(ESSAY_AGAINST) + " " + con_text)
    else:
        paras.append(rng.choice(ESSAY_PROBLEM) + " " + con_text)
        paras.append(rng.choice(ESSAY_CONCEDE) + " " + pro_text)
    if rng.random() < 0.8:
        paras.insert(rng.randint(1, len(paras)), rng.choice(ESSAY_ANECDOTE) + " " + rng.choice(stories))
    paras.append(rng.choice(ESSAY_CLOSERS))
    title = rng.choice(("On {topic}", "Some thoughts on {topic}", "Why I changed my mind about {topic}", "In defence of {topic}",
                        "The trouble with {topic}", "Can we talk about {topic}?")).format(topic=topic)
    title = title[:1].upper() + title[1:]
    byline = rng.choice(("", f"By {ctx['name']} {ctx['surname']}", f"Posted by {ctx['name'].lower()}{ctx['n']}"))
    return title + ("\n" + byline if byline else "") + "\n\n" + "\n\n".join(paras), "essay", "web"


# --------------------------------------------------------------------------- blog & diary
BLOG_TOPICS = (
    ("A weekend in {town}", (
        "We finally made it to {town} this weekend, after cancelling twice last year.",
        "The drive took longer than it should have, mostly because {name2} insisted on stopping at every farm shop.",
        "We stayed in a tiny cottage with a wood burner and a kitchen that was basically a cupboard.",
        "On Saturday we walked along the cliffs until our legs gave up, then had {food} in a pub that was older than most countries.",
        "{weather}, which made the walk back interesting.",
        "Sunday was slower: a long breakfast, a wander round the market, a nap I'm not ashamed of.",
        "I bought a jar of honey I didn't need and a second-hand book I'll probably never read.",
        "It rained for most of Sunday, so we played cards and argued about the rules.",
    )),
    ("Garden update: {month}", (
        "The garden has gone completely wild this month, in the best and worst ways.",
        "The tomatoes are finally turning red, and I've been eating them straight off the vine like a raccoon.",
        "The slugs have eaten every single lettuce, so that experiment is over.",
        "{pet} the {pet_kind} has decided the new flower bed is a toilet. We're negotiating.",
        "I spent most of Saturday on my knees pulling up bindweed and listening to the radio.",
        "My neighbour gave me a cutting from her rose, which I am determined not to kill.",
        "The bean poles fell over in the wind last week and I've propped them up with a broom handle. It's fine. It's fine.",
        "There's nothing quite like sitting out there with a cup of {drink} at the end of the day.",
    )),
    ("A year of {hobby}", (
        "Twelve months ago I took up {hobby}, mostly because a friend dared me to.",
        "The first few weeks were humbling. I was very, very bad at it.",
        "Somewhere around month three I stopped being terrible and started being merely bad, which felt like a triumph.",
        "I've met some lovely people through it, including {name2}, who has the patience of a saint.",
        "There were weeks when I didn't do it at all and felt guilty, and weeks when I thought about nothing else.",
        "I won't pretend it has changed my life. But it has changed my {day}s.",
        "If you'd told me a year ago that I'd be writing a blog post about {hobby}, I'd have laughed.",
        "My family are very supportive, by which I mean they've stopped asking when I'm going to give up.",
    )),
    ("The great kitchen renovation", (
        "We've been living without a kitchen for five weeks now and I'm starting to lose my mind.",
        "Dinner tonight was {food}, eaten standing up in the hallway.",
        "The builders are lovely but have a very relaxed attitude to the word 'Tuesday'.",
        "We chose the tiles in about four minutes after arguing for four weekends.",
        "There is dust in places I didn't know we had.",
        "{pet} the {pet_kind} is furious about all of it and has moved into the airing cupboard in protest.",
        "Everyone says it'll be worth it. I'll let you know.",
    )),
    ("Things I noticed on my walk this morning", (
        "The heron was back on the canal, standing so still it looked fake.",
        "Someone has painted their front door {colour} and honestly, good for them.",
        "The bakery on the corner has a new sign, and a new queue to go with it.",
        "Two old men were arguing cheerfully about football outside the newsagent's.",
        "The conkers are out, which means it's officially autumn, whatever the weather says.",
        "{weather}.",
        "A child on a scooter overtook me and shouted 'bye!' as if we'd been friends for years.",
    )),
)
BLOG_TOPICS += (
    ("Our first half marathon", (
        "Well, we did it. Thirteen point one miles, and only one of us cried (me).",
        "Training started back in {month}, with a run so short I'm embarrassed to tell you how short.",
        "{name2} was the sensible one, with a plan and a spreadsheet. I was the one eating {food} the night before long runs.",
        "The first five miles felt amazing. Miles nine to eleven are a blur of regret.",
        "A stranger with a sign that said 'touch here for power' genuinely got me up the last hill.",
        "We crossed the line holding hands, which was romantic, and then immediately had to sit down on the kerb, which was less so.",
        "My legs have not forgiven me and may never do so.",
        "Would I do it again? Ask me next week.",
    )),
    ("Clearing out the loft", (
        "This weekend I finally tackled the loft, which has been quietly collecting our lives for fifteen years.",
        "I found three broken lamps, a box of cassette tapes, and every birthday card anyone has ever sent us.",
        "I also found my wedding shoes, which I definitely thought I'd lost in a move.",
        "{pet} the {pet_kind} supervised from the top of the ladder and was no help at all.",
        "It took most of Saturday and a lot of sneezing.",
        "The charity shop is going to be very pleased with us, and the tip even more so.",
        "There's a box of old letters I couldn't bring myself to read yet. That can wait.",
        "The loft is now almost empty, and I feel strangely lighter.",
    )),
    ("A rainy half-term", (
        "Half-term, and it has rained every single day. Of course it has.",
        "We have built a den out of every blanket in the house, and it now takes up the whole living room.",
        "Monday was the swimming pool, along with every other family in {town}.",
        "Tuesday was baking, which mainly meant icing, which mainly meant the kids eating icing.",
        "By Wednesday we were all a bit feral, so we put on coats and went puddle-jumping anyway.",
        "The museum on Thursday was a surprise hit, mostly because of a very large stuffed bear.",
        "I'm not saying I'm looking forward to Monday. But I'm not not saying it.",
    )),
)

BLOG_SIGNOFFS = (
    "Thanks for reading. More soon!", "That's all for now.", "Until next time x", "Comments are open, as always.",
    "Back next week, probably.", "What have you all been up to?",
)
DIARY_LINES = (
    "Woke up late again.", "Rained all day. Didn't leave the house.", "Work was fine. Long, but fine.",
    "Had {food} for dinner and watched two episodes of something terrible.", "{name2} rang. We talked for an hour.",
    "Feeling {feeling} today, not sure why.", "Went to {place} and bought nothing.",
    "Ran into {name3} at {place}. {name3} has a new haircut and a new attitude.", "{pet} was sick on the rug.",
    "Finally finished my book. Cried at the end, obviously.", "Couldn't sleep. Made {drink} at 3am.",
    "Bus was late, so I walked. Glad I did.", "The sun came out for twenty minutes and everyone went mad.",
    "Bought flowers for no reason.", "Mum called about Christmas. It's {month}.", "{weather}.",
    "Argued with {name2} about nothing. Made up about nothing.", "Tidied {room}. Found {obj}.",
    "Legs still aching from the weekend.", "Long day. Bed.",
)


def _blog(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    title, pool = rng.choice(BLOG_TOPICS)
    lines = [s.format_map(ctx) for s in rng.sample(pool, rng.randint(min(4, len(pool)), len(pool)))]
    paras, cur = [], []
    for line in lines:
        cur.append(line)
        if len(cur) >= rng.randint(2, 3):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    date = f"{rng.choice(B.DAYS)} {rng.randint(1, 28)} {ctx['month']} {ctx['year']}"
    text = f"{title.format_map(ctx)}\n{date}\n\n" + "\n\n".join(paras) + "\n\n" + rng.choice(BLOG_SIGNOFFS)
    return text, "blog_post", "web"


def _diary(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    days = rng.randint(2, 5)
    start = rng.randint(1, 20)
    entries = []
    for i in range(days):
        lines = [fill(rng, DIARY_LINES, ctx) for _ in range(rng.randint(2, 5))]
        entries.append(f"{B.DAYS[(start + i) % 7]} {start + i} {ctx['month']}\n" + " ".join(dict.fromkeys(lines)))
    head = rng.choice(("", "Dear diary,\n\n", "Diary\n\n", f"{ctx['month']} {ctx['year']}\n\n"))
    return head + "\n\n".join(entries), "diary", "web"


# --------------------------------------------------------------------------- reviews
PLOTS = (
    "The film follows a {job} who inherits a crumbling house in {town} and, with it, a family secret.",
    "The plot, such as it is, concerns two estranged brothers on a road trip to scatter their father's ashes.",
    "It's about a {job} who starts receiving letters from someone claiming to be her future self.",
    "The story follows a small-town band trying to win one last competition before they split up.",
    "The film centres on a retired detective who can't let go of one unsolved case.",
    "It follows three friends who spend one long summer night trying to find a lost dog.",
    "The premise is simple: a {job} and a stranger are stuck in a broken lift for a whole weekend.",
    "The story is set over a single day at a seaside wedding where everything goes wrong.",
    "It tells the story of a family running a failing hotel through one disastrous winter.",
    "It follows a teenage girl who enters a baking competition to win back her mother's café.",
)
USAGE = (
    "I mostly use {it} in the mornings before work.", "After {n} weeks of daily use, I have a fairly clear view.",
    "My {rel} tried {it} and immediately ordered one for themselves.", "I've taken {it} on two trips so far.",
    "I use {it} every day, sometimes twice.", "It took me about ten minutes to get used to {it}.",
)
COMPARISON = (
    "My old one was twice the price and half as good.", "It's a clear step up from the cheap one I had before.",
    "Honestly, I preferred the previous model.", "A friend has the more expensive version and I can't tell the difference.",
    "I compared about six of these before choosing, and I think I picked well.",
)


def _review(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    kind = rng.choice(("product", "product", "movie", "restaurant", "book", "hotel"))
    stars = rng.choices((1, 2, 3, 4, 5), weights=(1, 1, 2, 3, 3))[0]
    positive = stars >= 3
    reviewer = f"{ctx['name']} {ctx['surname'][0]}." if rng.random() < 0.5 else f"{ctx['name'].lower()}_{ctx['n']}{ctx['colour']}"
    if kind == "product":
        product, aspects, (lo, hi) = rng.choice(B.PRODUCTS)
        price = rng.randint(lo, hi)
        good, bad = rng.sample(aspects, 2)
        head = rng.choice((f"{stars}/5 – {'Does the job' if positive else 'Disappointed'}", f"{'★' * stars}{'☆' * (5 - stars)} {rng.choice(('Great value', 'Not bad', 'Would buy again', 'Meh', 'Returned it', 'Love it'))}"))
        plural = product.endswith("s")
        this, it = ("these", "them") if plural else ("this", "it")
        body = [
            rng.choice((f"Bought {this} {product} to replace my old {'pair' if plural else 'one'}, which finally gave up after {ctx['n']} years.",
                        f"I've had {this} {product} for about {ctx['n']} weeks now.",
                        f"Got {this} {product} as a birthday present from my {ctx['rel']}.",
                        f"Paid £{price} for {this} {product} in the sale.",
                        f"I did a lot of research before buying {this} {product}, probably too much.")),
            _agree(f"{_the(good)} {rng.choice(B.PRAISE)}.", good),
            rng.choice(USAGE).format(it=it, **ctx),
            _agree(f"{_the(bad)} {rng.choice(B.COMPLAINT)}.", bad),
        ]
        if rng.random() < 0.6:
            third = rng.choice([a for a in aspects if a not in (good, bad)])
            body.insert(2, _agree(f"{_the(third)} {rng.choice(B.PRAISE if positive else B.COMPLAINT)}.", third))
        if rng.random() < 0.5:
            body.append(rng.choice(COMPARISON).format(it=it, **ctx))
        if positive:
            body.append(rng.choice(("Overall I'm really happy with it.", "For the price, I can't complain.", "Would recommend to a friend.",
                                    "It's not perfect but it's exactly what I needed.")))
        else:
            body.append(rng.choice(("I expected more for the money.", "I'll be sending it back.", "Wouldn't buy again, sadly.",
                                    "Maybe I got a bad one, but I'm not impressed.")))
        if rng.random() < 0.4:
            body.append(rng.choice(("Delivery was quick.", "The packaging was ridiculous, though – a huge box for a small thing.",
                                    "Customer service were helpful when I had a question.", "My partner has already stolen it.")))
        text = f"{head}\n\n" + " ".join(body) + f"\n\n– {reviewer}"
    elif kind == "movie":
        title = rng.choice(("The {A} {N}", "{N}", "A {A} {N}", "{N} of the {A}")).format(A=rng.choice(B.MOVIE_ADJ), N=rng.choice(B.MOVIE_NOUNS))
        genre = rng.choice(B.GENRES)
        actor = f"{rng.choice(B.FIRST_F + B.FIRST_M)} {rng.choice(B.SURNAMES)}"
        body = [
            rng.choice((f"I went to see {title} on {ctx['day']} night with {ctx['name2']}, knowing almost nothing about it.",
                        f"{title} is the kind of {genre} they don't make many of any more.",
                        f"Everyone has been telling me to watch {title}, so I finally did.")),
            rng.choice(PLOTS).format(job=rng.choice(B.JOBS), town=ctx["town"]),
            rng.choice((f"{actor} is brilliant in the lead role, all nervous energy and sideways glances.",
                        f"{actor} does what they can with a thin script.", f"The cast is strong, especially {actor}.")),
            rng.choice(("The first hour flies by.", "It's at least twenty minutes too long.", "The middle section drags badly.",
                        "The pacing is almost perfect.")),
            rng.choice(("The soundtrack is gorgeous.", "Some of the dialogue made the whole cinema groan.", "The ending divided our group completely.",
                        "I haven't stopped thinking about the final scene.", "It looks beautiful, even when not much is happening.")),
        ]
        verdict = rng.choice(("Worth seeing on a big screen.", "Wait for it to turn up on television.", "Not for everyone, but it was for me.",
                              "A good night out, if not a great film.", "I wanted to love it. I liked it.")) if positive else \
            rng.choice(("I left feeling cheated.", "Two hours I won't get back.", "A real disappointment.", "Not my thing at all."))
        text = f"{title} ({genre}) – {stars} star{'s' if stars > 1 else ''}\n\n" + " ".join(body) + " " + verdict
    elif kind == "restaurant":
        name = f"The {rng.choice(B.RESTAURANT_ADJ)} {rng.choice(B.RESTAURANT_NOUNS)}".replace("& ", "& ")
        cuisine = rng.choice(B.CUISINES)
        d1, d2 = rng.sample(B.DISHES, 2)
        body = [
            rng.choice((f"We booked {name} for my {ctx['rel']}'s birthday after reading good things about it.",
                        f"{name} is a small {cuisine} place just off the high street in {ctx['town']}.",
                        f"Popped into {name} for lunch on a {ctx['day']} without a booking and were lucky to get a table.")),
            f"{_cap(d1)} was {rng.choice(('outstanding', 'lovely', 'a bit bland', 'generous', 'perfectly cooked', 'too salty for me'))}, "
            f"and {d2} {rng.choice(('was the highlight of the meal', 'was fine', 'was gone in about a minute', 'could have been hotter'))}.",
            rng.choice(("Service was warm and quick.", "Service was friendly but very slow.", "Our waiter was clearly having a bad day.",
                        "The staff couldn't do enough for us.")),
            rng.choice(("It's not cheap, but it's fair.", f"Dinner for two came to about £{rng.randint(35, 120)} with drinks.",
                        "Prices have gone up since our last visit.", "Good value for the area.")),
        ]
        if rng.random() < 0.6:
            body.insert(2, rng.choice((
                "We shared a plate of flatbreads to start, which arrived warm and disappeared fast.",
                "Dessert was the surprise of the night, a wobbly little custard that I'm still thinking about.",
                "The wine list is short but well chosen.", "Portions are huge, so go hungry.",
                "The bread is baked in-house and you can tell.", "My only complaint is that the chips were lukewarm.")))
        if rng.random() < 0.5:
            body.append(rng.choice(("It was very loud on a Friday night.", "Lovely little courtyard at the back.", "Parking is a nightmare.",
                                    "Dog-friendly, which {pet} appreciated.".format_map(ctx))))
        body.append(rng.choice(("We'll be back.", "We'll definitely go again.", "Not sure we'll return.", "Worth a visit.")) if positive
                    else rng.choice(("We won't be rushing back.", "Such a shame.", "Expected much more.")))
        text = f"{name}, {ctx['town']} – {stars}/5\n\n" + " ".join(body) + f"\n\nVisited {ctx['month']} {ctx['year']}"
    elif kind == "book":
        title = rng.choice(("The {A} {N}", "{N}", "A {N} for {X}", "The {N} Keeper")).format(A=rng.choice(B.MOVIE_ADJ), N=rng.choice(B.MOVIE_NOUNS), X=ctx["name3"])
        author = f"{rng.choice(B.FIRST_F + B.FIRST_M)} {rng.choice(B.SURNAMES)}"
        body = [
            rng.choice((f"I picked up {title} by {author} on a whim at the library.", f"{title} was this month's pick for our book club.",
                        f"My {ctx['rel']} lent me {title} and told me I'd love it.")),
            rng.choice(PLOTS).format(job=rng.choice(B.JOBS), town=ctx["town"]).replace("The film", "The book").replace("the film", "the book"),
            rng.choice(("The first chapter is gripping.", "It took me a while to get into it.", "I read it in two sittings.",
                        "The writing is lovely, even when the plot wobbles.")),
            rng.choice(("The main character is infuriating, in a good way.", "I didn't believe a word the narrator said, which I think was the point.",
                        "The side characters are more interesting than the lead.", "There's a twist about two thirds of the way through that I did not see coming.")),
            rng.choice(("I'll be reading everything else this author has written.", "Not quite as good as everyone says, but close.",
                        "I'm still not sure how I feel about the ending.", "Perfect for a rainy weekend.")) if positive
            else rng.choice(("I gave up at page two hundred.", "Overhyped.", "I really wanted to like this one.")),
        ]
        text = f"Review: {title} by {author}\nRating: {stars}/5\n\n" + " ".join(body)
    else:
        hotel = f"The {rng.choice(('Harbour', 'Grand', 'Station', 'Old Mill', 'Castle', 'Riverside', 'Park'))} Hotel"
        body = [
            rng.choice((f"We stayed at {hotel} for {ctx['n']} nights in {ctx['month']}.", f"Stayed one night at {hotel} on a work trip to {ctx['town']}.")),
            rng.choice(("The room was spotless and bigger than expected.", "Our room was tiny and faced the car park.",
                        "The bed was incredibly comfortable.", "The shower took ten minutes to run hot.")),
            rng.choice(("Breakfast was excellent, especially the pastries.", "Breakfast was a bit of a scrum.", "The staff were lovely.",
                        "Reception was unstaffed when we arrived late, which wasn't ideal.")),
            rng.choice(("Great location for the old town.", "It's a short walk from the station.", "The view from the top floor is wonderful.",
                        "It was noisy at night because of the bar downstairs.")),
        ]
        text = f"{hotel}, {ctx['town']}\n{'★' * stars}{'☆' * (5 - stars)}\n\n" + " ".join(body) + f"\n\nReviewed by {reviewer}"
    return text, "review", rng.choice(("web", "web", "forum"))


def _the(aspect: str) -> str:
    return _cap(aspect) if aspect.startswith("the ") else "The " + aspect


def _agree(sentence: str, aspect: str) -> str:
    """Verb agreement for plural aspects ('the laces are ...')."""
    last = aspect.split()[-1]
    if not (last.endswith("s") and not last.endswith("ss")):
        return sentence
    for a, b in ((" is ", " are "), (" has been ", " have been "), (" feels ", " feel "), (" works ", " work "), (" takes ", " take ")):
        if a in sentence:
            return sentence.replace(a, b, 1)
    return sentence


# --------------------------------------------------------------------------- notices
def _announcement(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    org = rng.choice(B.ORGS)
    event = rng.choice(B.EVENTS)
    venue = rng.choice(B.VENUES)
    date = f"{ctx['day']} {rng.randint(1, 28)} {ctx['month']}"
    start = rng.randint(9, 19)
    time = f"{start % 12 or 12}{'am' if start < 12 else 'pm'}"
    price = rng.choice(("Admission is free.", f"Tickets are £{rng.randint(2, 15)} for adults, children free.",
                        "Entry by donation.", f"Tickets £{rng.randint(3, 12)}, available on the door."))
    extras = rng.sample((
        "Refreshments will be served.", "There will be a raffle, with prizes donated by local businesses.",
        "The venue is fully accessible.", "Dogs on leads are welcome.", "All proceeds go to the lifeboat station.",
        "New members are always welcome.", "Home-made cakes will be on sale.", "There will be face painting for the children.",
        "The bar will be open.", "Last year's event raised over £1,000 for local charities.",
        f"Many thanks to {ctx['name']} {ctx['surname']} for organising.",
    ), rng.randint(1, 4))
    head = rng.choice((f"{event.upper()}", f"Notice: {event}", f"{org}: {event}", f"Coming up: {event}"))
    lead = rng.choice((
        f"{org} is pleased to announce its {event} on {date} from {time} at {venue}.",
        f"Join {org} for the {event}, {date}, {time}, at {venue}.",
        f"The {event} returns to {venue} on {date}, starting at {time}.",
    ))
    text = f"{head}\n\n{lead} {price} {' '.join(extras)}"
    if rng.random() < 0.6:
        text += f"\n\nFor more information, contact {ctx['name2']} on 0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}."
    if rng.random() < 0.3:
        text += "\n\n" + rng.choice(("Also this month: the knitting circle meets every Thursday in the library.",
                                     "Please note that the car park will be closed for resurfacing on the morning of the event.",
                                     "Apologies to everyone who missed out on tickets last year."))
    return text, "announcement", "news"


def _social(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    posts = (
        "Just saw a dog in a raincoat and my day is made #smallthings",
        "Why does the printer only jam when I'm already late",
        "{town} in the sunshine hits different",
        "Three days off. No plans. Absolutely thrilled.",
        "If anyone found a {colour} glove near {place}, it's mine and I miss it",
        "Made {food} from scratch and I'm unbearable about it now",
        "Unpopular opinion: {food} is better the next day",
        "{pet} has learned to open the fridge. We are no longer in charge.",
        "The person next to me on the train is reading the same book as me and I don't know what to do with this information",
        "Finished my first 10k! Slowest person there but I finished #running",
        "Happy birthday to my favourite {rel}, {name2}! Same time next year",
        "Is it too early to put the heating on? Asking for my whole body",
        "Today's mood: {feeling}",
        "Can't believe it's been {n} years since we moved to {town}",
        "Shoutout to the bus driver who waited for me this morning. Hero.",
        "The new café on the high street does the best {drink} I've ever had and I will not be taking questions",
        "Nothing like a {day} night in with {food} and a terrible film",
        "Whoever invented the snooze button, I owe you everything",
        "My {rel} just discovered voice notes. Send help.",
        "Week one of {hobby} and I'm already sore in places I didn't know existed",
    )
    replies = ("Same!!", "haha love this", "This is so true", "Congrats!!", "Ha! Classic", "Where was this?", "Jealous",
               "Can relate", "Not the {pet_kind}!", "Sending hugs", "100%", "Brilliant")
    handles = [f"@{ctx['name'].lower()}{ctx['n']}", f"@{ctx['name2'].lower()}_{ctx['surname2'].lower()}",
               f"@{ctx['name3'].lower()}{rng.randint(10, 99)}", f"@{ctx['town'].lower().replace(' ', '')}life"]
    out = []
    for _ in range(rng.randint(3, 7)):
        h = rng.choice(handles)
        post = f"{h}: {fill(rng, posts, ctx)}"
        if rng.random() < 0.4:
            post += f"\n  ↳ {rng.choice(handles)}: {fill(rng, replies, ctx)}"
        if rng.random() < 0.3:
            post += f"\n  {rng.randint(2, 480)} likes"
        out.append(post)
    return "\n\n".join(out), "social_post", rng.choice(("web", "forum"))


# --------------------------------------------------------------------------- letters
LETTER_NEWS = (
    "Things here are much the same. The garden is a jungle and the roof still leaks when the wind is in the east.",
    "I started a new job in {month}, which I'll tell you all about when I see you.",
    "{pet} is getting old now and sleeps most of the day in front of the fire.",
    "We had a lovely weekend in {town}, though it rained the whole time.",
    "Your old school has been turned into flats. I walked past it last week and felt very strange.",
    "{name3} says hello, by the way. {name3} has taken up {hobby} and talks about nothing else.",
    "I've been reading a lot, mostly in bed, mostly at hours I shouldn't be awake.",
    "Work is busy, but the people are kind, which makes up for a lot.",
    "The village fete was a triumph. My jam came third, out of three.",
)
LETTER_MEMORY = (
    "Do you remember the summer we tried to build a raft and it sank in about four seconds?",
    "I found a photo of us at {place} the other day. What were we wearing?",
    "I was thinking the other day about that night in {town} when we missed the last train and walked home singing.",
    "I still have the {obj} you gave me. It's on the shelf above my desk.",
)
LETTER_ASK = (
    "How are you, really? Your last message sounded tired.", "When are you coming to visit? The spare room is ready whenever you are.",
    "Tell me everything about the new flat.", "Write back soon, even if it's just a postcard.",
    "I hope the new job is treating you well.", "Are you still doing {hobby}?",
)


def _letter(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    greet = rng.choice(("Dear {name2},", "Dearest {name2},", "Hi {name2},", "{name2}!"))
    paras = [rng.choice(("I hope this finds you well.", "It's been far too long since I last wrote.",
                         "Thank you so much for your letter, which arrived on {day} and made my week.", "Sorry this is so late."))]
    paras.append(" ".join(rng.sample(LETTER_NEWS, rng.randint(2, 4))))
    if rng.random() < 0.7:
        paras.append(rng.choice(LETTER_MEMORY))
    paras.append(" ".join(rng.sample(LETTER_ASK, rng.randint(1, 2))))
    close = rng.choice(("Love,", "With love,", "All my love,", "Take care,", "Yours,", "Write soon,", "Lots of love,"))
    text = greet + "\n\n" + "\n\n".join(paras) + f"\n\n{close}\n{{name}}"
    if rng.random() < 0.3:
        text += "\n\nP.S. " + rng.choice(("{pet} says hello.", "I still owe you a tenner.", "Mum says you need a haircut.", "Burn this letter."))
    return text.format_map(ctx), "letter", "web"


EMAIL_TOPICS = (
    ("Friday drinks", "Hi all,\n\nJust a reminder that it's {name3}'s last day on Friday, so a few of us are heading to the pub after work. No pressure, but it would be lovely to give {name3} a good send-off. There's also a card going round in the kitchen if you want to sign it.\n\nThanks,\n{name}"),
    ("Re: the fridge", "Hi everyone,\n\nSomeone's yoghurt in the office fridge has now achieved consciousness. The fridge will be cleared on Friday afternoon, so anything still in there then will be gone. Sorry to be that person.\n\n{name}"),
    ("Lost: {colour} umbrella", "Hello,\n\nI left a {colour} umbrella in the second-floor meeting room on {day}. It has a wooden handle and enormous sentimental value (it was cheap, but it was a gift). If anyone has seen it, I'd be very grateful.\n\nThanks so much,\n{name}"),
    ("Catching up", "Hi {name2},\n\nHope you're well! It was so good to bump into you at {place} last week. I realised afterwards I never asked how the move went. We should get a proper coffee soon, it's been ages. I'm free most {day}s.\n\n{name}"),
    ("Thank you", "Dear {name2},\n\nI just wanted to say thank you for everything you did for the team this year. The last few months have been hard, and your patience made a real difference to all of us. Enjoy the holiday. You've earned it.\n\nBest wishes,\n{name}"),
    ("Re: Saturday", "Hi {name2},\n\nSaturday sounds great. We'll be there around two, probably with {pet} in tow if that's all right. Can we bring anything? {name3} has been practising a pudding all week, so be warned.\n\nSee you then,\n{name}"),
    ("Running late", "Morning,\n\nThe train has stopped outside {town} for reasons nobody is explaining, so I'll be about half an hour late. Sorry! Start without me and I'll catch up.\n\n{name}"),
)


def _email(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    subject, body = rng.choice(EMAIL_TOPICS)
    head = f"From: {ctx['name']} {ctx['surname']}\nTo: {ctx['name2']} {ctx['surname2']}\nSubject: {subject.format_map(ctx)}\n\n"
    if rng.random() < 0.35:
        head = f"Subject: {subject.format_map(ctx)}\n\n"
    text = head + body.format_map(ctx)
    if rng.random() < 0.3:
        text += "\n\n> " + rng.choice(("Are you coming on Friday?", "Has anyone seen my umbrella?", "Let me know what works for you.",
                                       "Thanks, see you soon."))
    return text, "email", "web"


# --------------------------------------------------------------------------- poems, lists, ads
def _poem(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    stanzas = []
    for _ in range(rng.randint(2, 4)):
        lines = []
        for _ in range(rng.randint(3, 5)):
            n1, n2 = rng.sample(B.POEM_NOUNS, 2)
            a1, a2 = rng.sample(B.POEM_ADJ, 2)
            v = rng.choice(B.POEM_VERBS)
            lines.append(rng.choice((
                f"the {a1} {n1} {v}", f"and the {n1} {v} like a {a2} {n2}", f"I remember the {n1}, {a1} and {a2}",
                f"somewhere a {n1} {v}", f"your {n1} on the {n2}", f"{a1} as a {n1} in {ctx['month']}",
                f"nobody {v} the {n1} any more", f"we kept the {n1} for the {a1} days", f"under the {a1} {n2}",
                f"this is how the {n1} {v}", f"my mother's {n1}, {a1}", f"all night the {n1} {v}",
            )))
        stanzas.append("\n".join(lines))
    title = rng.choice((f"{rng.choice(B.POEM_ADJ).capitalize()} {rng.choice(B.POEM_NOUNS).capitalize()}", f"For {ctx['name2']}",
                        f"{ctx['month']}", "Untitled", f"After {ctx['town']}", f"The {rng.choice(B.POEM_NOUNS).capitalize()}"))
    text = B.fix_articles(title + "\n\n" + "\n\n".join(stanzas))
    if rng.random() < 0.4:
        text += f"\n\n– {ctx['name']} {ctx['surname']}"
    return text, "poem", "fiction"


LISTS = (
    ("Things that made me happy this week", (
        "The first coffee on {day} morning", "{pet} falling asleep on my feet", "A long phone call with my {rel}",
        "Finding {obj} at the back of a drawer", "Fresh bread from the market", "A stranger complimenting my coat",
        "Getting a seat on the train", "Clean sheets", "The sunset on {day}", "A parcel I'd forgotten ordering",
        "Finishing a really good book", "{food} at midnight", "Laughing until I cried at a terrible film")),
    ("Books I read in {month}", (
        "A thriller set on a night ferry (gripping, silly ending)", "A memoir by a retired lighthouse keeper (lovely)",
        "A fat fantasy novel that my {rel} recommended (gave up halfway)", "A slim book of poems about rivers",
        "A crime novel set in {town} (the author clearly hates the place)", "A cookbook I read cover to cover like a novel",
        "A biography of a jazz singer (sad, brilliant)", "A reread of a childhood favourite (still holds up)")),
    ("Shopping list", (
        "milk", "eggs", "bread (the good kind)", "{food}", "washing-up liquid", "bin bags", "apples", "cheese",
        "something for {name2}'s birthday", "cat food", "lemons", "tea bags", "batteries", "birthday card",
        "tomatoes", "coffee", "toothpaste", "flowers?")),
    ("Songs on my summer playlist", (
        "An old soul record my dad used to play in the car", "That song from the advert everyone hates (I love it)",
        "Something loud for the motorway", "A slow one for late nights", "A track {name2} sent me at 2am",
        "A song in a language I don't speak", "The one that was playing when we got the keys to the flat")),
    ("Places I'd love to visit one day", (
        "Somewhere with the northern lights", "A little island with no cars", "The mountains my grandmother grew up in",
        "A city where nobody knows me", "The seaside town from my favourite film", "Anywhere with a night train")),
    ("My favourite smells, in no particular order", (
        "Rain on hot pavement", "Cut grass", "Bonfire smoke", "A new book", "Toast", "My {rel}'s kitchen",
        "Sun cream", "Coffee being ground", "The sea", "Oranges at Christmas")),
    ("Gift ideas for Dad (he says he wants nothing)", (
        "Socks (again)", "A book about trains", "A new mug to replace the chipped one", "Tickets to the football",
        "A nice bottle of something", "A framed photo of {pet}", "Gardening gloves")),
)


def _list(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    title, items = rng.choice(LISTS)
    items = [i for i in items if i]
    chosen = [fill(rng, (i,), ctx) for i in rng.sample(items, rng.randint(min(5, len(items)), len(items)))]
    style = rng.randrange(3)
    if style == 0:
        body = "\n".join(f"{k + 1}. {c}" for k, c in enumerate(chosen))
    elif style == 1:
        body = "\n".join(f"- {c}" for c in chosen)
    else:
        body = "\n".join(f"* {c}" for c in chosen)
    text = title.format_map(ctx) + "\n\n" + body
    if rng.random() < 0.4:
        text = rng.choice(("A little list, because why not.", "I keep these lists in the back of my diary.",
                           "Posting this mostly so I don't lose it.")) + "\n\n" + text
    return text, "list", "web"


def _classified(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    ads = []
    for _ in range(rng.randint(3, 6)):
        kind = rng.random()
        phone = f"0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}"
        if kind < 0.55:
            item, price = rng.choice(B.CLASSIFIED_ITEMS)
            cond = rng.choice(("good condition", "very good condition", "some wear", "as new", "well loved", "used twice"))
            ads.append(f"FOR SALE: {item}, {cond}. £{price} {rng.choice(('ono', '', 'or nearest offer', 'firm'))}. "
                       f"{rng.choice(('Collection only.', 'Can deliver locally.', 'Buyer collects.'))} Tel. {phone}".replace("  ", " ").replace(" .", "."))
        elif kind < 0.7:
            ads.append(f"WANTED: {rng.choice(('old bicycles, any condition', 'allotment in or near ' + ctx['town'], 'vinyl records, jazz and soul', 'second-hand school uniform', 'garage to rent'))}. Call {ctx['name']} on {phone}.")
        elif kind < 0.82:
            ads.append(f"LOST: {rng.choice(('tabby cat', 'silver bracelet', 'set of keys on a red ribbon', 'brown leather wallet', 'child’s teddy bear'))} "
                       f"near {rng.choice(B.PLACES)} on {ctx['day']}. Reward offered. {phone}")
        elif kind < 0.92:
            ads.append(f"FOUND: {rng.choice(('pair of glasses', 'black dog, very friendly', 'mobile phone', 'wedding ring'))} "
                       f"at {rng.choice(B.PLACES)}. Please call to describe. {phone}")
        else:
            ads.append(f"SERVICES: {rng.choice(('Reliable cleaner', 'Piano lessons, all ages', 'Gardener, hedges and lawns', 'Dog walking', 'Odd jobs and handyman'))}"
                       f" available in {ctx['town']} and surrounding villages. {rng.choice(('Reasonable rates.', 'References available.', 'No job too small.'))} {phone}")
    head = rng.choice(("CLASSIFIEDS", "Small ads", f"{ctx['town']} Gazette – Classified", "Noticeboard"))
    return head + "\n\n" + "\n\n".join(ads), "classified_ad", rng.choice(("news", "web"))


# --------------------------------------------------------------------------- sport
def _sports(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    home, away = rng.sample(B.TEAMS, 2)
    hs, as_ = rng.choice(((1, 0), (2, 1), (0, 0), (3, 2), (1, 1), (2, 0), (0, 1), (4, 1), (2, 2), (1, 3)))

    def player() -> str:
        return f"{rng.choice(B.FIRST_M + B.FIRST_F)[:1]}. {rng.choice(B.SURNAMES)}" if rng.random() < 0.3 else rng.choice(B.SURNAMES)

    goals = sorted([(rng.randint(2, 90), home) for _ in range(hs)] + [(rng.randint(2, 90), away) for _ in range(as_)])
    paras = []
    if hs > as_:
        head = rng.choice((f"{home} edge past {away}", f"{home} {hs}-{as_} {away}: hosts take the points", f"Win for {home}"))
    elif hs < as_:
        head = rng.choice((f"{away} stun {home}", f"{home} {hs}-{as_} {away}", f"Away win for {away}"))
    else:
        head = rng.choice((f"Honours even at {home}", f"{home} {hs}-{as_} {away}", "Stalemate in the rain"))
    paras.append(rng.choice((
        f"{home} and {away} met on {ctx['day']} in front of a crowd of {rng.randint(300, 9000):,}.",
        f"{ctx['weather']} as {home} welcomed {away} on {ctx['day']}.",
        "It was a match of few chances at the start, with both sides cautious in the opening twenty minutes.",
    )))
    for minute, team in goals:
        scorer = player()
        paras.append(rng.choice((
            f"{scorer} scored for {team} in the {_ordinal(minute)} minute, curling a shot into the far corner.",
            f"On {minute} minutes {scorer} headed home from a corner for {team}.",
            f"{team} scored through {scorer} after {minute} minutes, a scrappy goal that nobody will remember fondly.",
            f"A long ball found {scorer}, who made no mistake ({minute} mins, {team}).",
        )))
    if not goals:
        paras.append(rng.choice(("Both keepers were in fine form.", "The best chance fell to the visitors late on, but the shot flew over.",
                                 "Neither side managed a shot on target in the second half.")))
    paras.append(rng.choice((
        "The second half was scrappy, with a string of yellow cards.", "The visitors finished strongly but could not find a way through.",
        "A late penalty appeal was waved away, to the fury of the home bench.", "The home supporters were in good voice throughout.",
    )))
    manager = f"{rng.choice(B.FIRST_M + B.FIRST_F)} {rng.choice(B.SURNAMES)}"
    quote = rng.choice(("We deserved that", "I am proud of the players, but we have to be more clinical", "It was a hard afternoon on a difficult pitch",
                        "A point is a point", "The lads gave everything", "We'll learn from this"))
    paras.append(f"“{quote},” said {manager}, {rng.choice(('the home manager', 'the visiting coach', 'the manager', 'the captain'))}, afterwards.")
    if rng.random() < 0.5:
        paras.append(f"{home} are away at {rng.choice([t for t in B.TEAMS if t not in (home, away)])} next {ctx['day']}.")
    return f"{head}\n\n{home} {hs} {away} {as_}\n\n" + "\n\n".join(paras), "sports_report", "news"


# --------------------------------------------------------------------------- jokes, minutes, forum, speech
def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _jokes(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    head = rng.choice(("My {rel}'s favourite jokes", "Jokes thread", "Christmas cracker jokes, ranked", "A few terrible jokes",
                       "Dad jokes of the week")).format_map(ctx)
    items = []
    for q, a in rng.sample(B.JOKES, rng.randint(2, 5)):
        items.append(f"{q}\n{a}")
    if rng.random() < 0.5:
        items += rng.sample(B.ONE_LINERS, rng.randint(1, 2))
    tail = rng.choice(("", "", "I'll see myself out.", "Thank you, I'm here all week.", "Groans welcome in the comments."))
    return head + "\n\n" + "\n\n".join(items) + ("\n\n" + tail if tail else ""), "joke", rng.choice(("web", "forum"))


def _minutes(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    org = rng.choice(B.ORGS)
    people = list(dict.fromkeys([f"{rng.choice(B.FIRST_F + B.FIRST_M)} {rng.choice(B.SURNAMES)}" for _ in range(rng.randint(4, 8))]))
    chair = people[0]
    items = [
        f"1. Apologies\nApologies were received from {rng.choice(B.FIRST_F + B.FIRST_M)} {rng.choice(B.SURNAMES)}.",
        "2. Minutes of the last meeting\nThe minutes of the previous meeting were agreed as a true record.",
    ]
    topics = rng.sample((
        ("Treasurer's report", f"The treasurer reported a balance of £{rng.randint(300, 9000):,}. Income from the {rng.choice(B.EVENTS)} was higher than last year."),
        ("The summer event", f"It was agreed that the {rng.choice(B.EVENTS)} would go ahead in {ctx['month']}. {people[1]} offered to speak to the venue."),
        ("Membership", f"Membership now stands at {rng.randint(20, 300)}. Several new members joined after the open evening."),
        ("Hall repairs", "The roof repairs have been completed. There was some discussion about the cost of the new boiler, and no decision was reached."),
        ("Website", f"{people[-1]} reported that the website had been updated. Thanks were given for all the work involved."),
        ("Complaints", "A complaint about parking on the verge was discussed. The committee agreed to write to the residents concerned."),
        ("Correspondence", "A letter of thanks had been received from the primary school for the donation of books."),
    ), rng.randint(2, 4))
    for i, (title, body) in enumerate(topics):
        items.append(f"{i + 3}. {title}\n{body}")
    items.append(f"{len(items) + 1}. Any other business\n{rng.choice(('None.', 'The chair thanked everyone for their hard work this year.', 'It was noted that the biscuit budget had been exceeded again.'))}")
    text = (f"{org}\nMinutes of the committee meeting held on {ctx['day']} {rng.randint(1, 28)} {ctx['month']} {ctx['year']} at {rng.choice(B.VENUES)}\n\n"
            f"Present: {', '.join(people)} (chair: {chair})\n\n" + "\n\n".join(items)
            + f"\n\nThe meeting closed at {rng.randint(8, 9)}.{rng.choice(('05', '15', '30', '45'))}pm. Date of next meeting: {rng.randint(1, 28)} {rng.choice(B.MONTHS)}.")
    return text, "meeting_minutes", "web"


FORUM_THREADS = (
    ("What's a film everyone loves that you just don't get?", (
        "Honestly? Anything with a talking car. I've tried.", "I'll get shouted at for this, but the big space one from a few years ago. Three hours of staring.",
        "The musical one with all the dancing. I walked out.", "Any film where the dog dies. I refuse on principle.",
        "Not a film, but I have never understood the appeal of that cooking show everyone watches.",
    )),
    ("Best thing you've ever found in a charity shop?", (
        "A first edition of a book I loved as a kid, for 50p.", "A perfectly good winter coat that I've now had for ten years.",
        "A box of old photographs of a family I'll never know. I still think about them.", "A bread maker. Used it twice. Gave it back.",
        "A jigsaw with exactly one piece missing. The missing piece was the sky, all of it.",
    )),
    ("Does anyone else's cat do this?", (
        "Mine sits on whatever I'm reading. Only when I'm reading it.", "Ours brings us leaves. Just leaves. Very proudly.",
        "Mine screams at 4am for no reason and then goes back to sleep.", "Yes!! Mine does exactly this and the vet just laughed at me.",
        "My cat ignores me all day and then loves me for ten minutes at bedtime. It's a power thing.",
    )),
    ("What did you have for dinner tonight?", (
        "{Food}. No regrets.", "Cereal. I'm an adult and I make my own choices.", "My partner made a curry that could strip paint. Delicious.",
        "Leftovers of leftovers. At this point I'm not sure what it originally was.", "Toast. It's been a long week.",
    )),
    ("Tell me about your worst holiday", (
        "Camping in {town}. It rained for eleven days. The tent gave up on day two and so did I.",
        "We missed our flight because my dad insisted on a 'shortcut'.", "Food poisoning on day one. Saw a lot of the hotel ceiling.",
        "A 'sea view' room. You could see the sea if you stood on the bath and leaned out.",
        "Lost luggage, lost passport, lost temper. In that order.",
    )),
    ("Favourite smell from your childhood?", (
        "My grandad's shed. Oil and sawdust and tobacco.", "Swimming pool chlorine on a Saturday morning.",
        "The bakery at the end of our road at 6am.", "Wet dog, honestly. We had four.", "My mum's perfume when she went out on a Friday.",
    )),
    ("What are you reading at the moment?", (
        "A thick family saga my aunt lent me. Slowly, but I'm getting there.", "Nothing, I'm between books and feeling a bit lost.",
        "A memoir by a retired nurse. Funny and devastating.", "Rereading an old favourite because the world is too much right now.",
        "The manual for my new washing machine, sadly.",
    )),
)


FORUM_THREADS += (
    ("What's the best advice a grandparent ever gave you?", (
        "Never trust a man who doesn't like dogs. Grandad was right about that one.",
        "Always carry a clean hanky and a bit of change. I still do.",
        "'Don't marry someone who's rude to waiters.' I didn't, and I haven't regretted it.",
        "My nan said life's too short for bad tea. She was a woman of principle.",
    )),
    ("Tell me your most embarrassing work moment", (
        "Called my boss 'Mum' in a meeting. In front of the client.",
        "Replied-all to the whole company with a message meant for my sister.",
        "Fell asleep on a training course and woke up when they asked me a question. I said 'yes'. It was not a yes question.",
        "Wore odd shoes to an interview. Got the job, though.",
    )),
    ("Which song instantly takes you back?", (
        "Anything from the summer I was sixteen. One bar and I'm back on the school field.",
        "The song they played at my parents' wedding. Mum cries every time, still.",
        "The one that was always on in the chip shop near my first flat.",
        "An awful novelty record from a holiday when I was seven. I love it unreservedly.",
    )),
)


def _forum(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    title, replies = rng.choice(FORUM_THREADS)
    users = [f"{rng.choice(('sunny', 'quiet', 'tired', 'happy', 'old', 'lazy', 'rainy', 'tea'))}{rng.choice(('cat', 'fox', 'owl', 'mum', 'dad', 'bee', 'reader'))}{rng.randint(1, 999)}" for _ in range(6)]
    op = rng.choice((
        "Asking for a friend (the friend is me).", "Just curious, it came up at work today.", "Bored on a {day} night, entertain me.",
        "I'll go first in the replies.", "",
    )).format_map(ctx)
    posts = [f"{users[0]}\n{title}" + (f"\n{op}" if op else "")]
    for i, r in enumerate(rng.sample(replies, rng.randint(2, len(replies)))):
        posts.append(f"{users[i + 1]}\n{r.format_map(ctx)}")
        if rng.random() < 0.25:
            posts.append(f"{users[0]}\n{rng.choice(('Ha! Brilliant.', 'This made me laugh out loud on the bus.', 'Oh no. That is awful.', 'Same here!', 'I feel seen.'))}")
    return f"Forum › Off topic › {title}\n\n" + "\n\n".join(posts), "forum_thread", "forum"


def _speech(rng: random.Random, ctx: dict) -> tuple[str, str, str]:
    occasion = rng.choice(("wedding", "retirement", "birthday", "leaving"))
    open_ = {
        "wedding": "Good evening, everyone. For those who don't know me, I'm {name}, and I've had the privilege of being {name2}'s friend for {n} years.",
        "retirement": "I've been asked to say a few words about {name2}, which is a bit like being asked to summarise the ocean.",
        "birthday": "Right, can everyone hear me at the back? Good. I promise this will be short. Ish.",
        "leaving": "I wasn't going to make a speech, but {name3} has been glaring at me for ten minutes, so here goes.",
    }[occasion]
    middle = rng.sample((
        "When I first met {name2}, {he2} was trying to parallel park outside {place}. Forty minutes later, {he2} was still trying.",
        "{name2} is the kind of person who remembers your birthday, your dog's birthday and the name of your first teacher.",
        "There was the time in {town} with the borrowed tent, which I have been asked not to talk about, so I won't. Much.",
        "Over the years I've seen {name2} through {n} jobs, three flats and one very regrettable haircut.",
        "{He2} has never once been on time for anything, and I love {him2} anyway.",
        "What I admire most about {name2} is how {he2} makes everyone in a room feel like they belong there.",
        "I could tell you about the karaoke. I won't. There are children present.",
    ), rng.randint(3, 5))
    close = {
        "wedding": "So please raise your glasses: to the happy couple.",
        "retirement": "Enjoy every lazy morning. You've earned them all. To {name2}!",
        "birthday": "Happy birthday, {name2}. Here's to the next {n}0 years.",
        "leaving": "We'll miss you more than we're going to admit. Good luck, {name2}.",
    }[occasion]
    text = "\n\n".join([open_, " ".join(middle[:2]), " ".join(middle[2:]), close]).format_map(ctx)
    head = rng.choice(("", f"My speech for {ctx['name2']}'s {occasion} (by popular demand)\n\n", f"{occasion.capitalize()} speech – draft 3\n\n"))
    return head + text, "speech", rng.choice(("web", "fiction"))


# --------------------------------------------------------------------------- entry point
OTHER_STYLES = (
    (_story, 0.18), (_dialogue, 0.06), (_chat_log, 0.05), (_essay, 0.08), (_blog, 0.08), (_diary, 0.05),
    (_review, 0.10), (_announcement, 0.05), (_social, 0.05), (_letter, 0.04), (_email, 0.04), (_poem, 0.04),
    (_list, 0.04), (_classified, 0.03), (_sports, 0.04), (_jokes, 0.02), (_minutes, 0.02), (_forum, 0.05), (_speech, 0.02),
)
_MAKERS = [m for m, _ in OTHER_STYLES]
_CUM: list[float] = []
_t = 0.0
for _m, _w in OTHER_STYLES:
    _t += _w
    _CUM.append(_t)


MAKERS = {
    "story": _story, "dialogue": _dialogue, "chat_log": _chat_log, "essay": _essay, "blog_post": _blog, "diary": _diary,
    "review": _review, "announcement": _announcement, "social_post": _social, "letter": _letter, "email": _email,
    "poem": _poem, "list": _list, "classified_ad": _classified, "sports_report": _sports, "joke": _jokes,
    "meeting_minutes": _minutes, "forum_thread": _forum, "speech": _speech,
}


def make(rng: random.Random, style: str, ctx: dict | None = None) -> tuple[str, str, str]:
    """(text, style, source) of one document of a named style; used by the mixed generator."""
    return MAKERS[style](rng, ctx if ctx is not None else context(rng))


def other_document(rng: random.Random) -> WorldDoc:
    """One narrative, conversational or miscellaneous document (``doc_type="other"``)."""
    maker = _MAKERS[min(bisect.bisect(_CUM, rng.random() * _CUM[-1]), len(_MAKERS) - 1)]
    ctx = context(rng)
    text, style, source = maker(rng, ctx)
    return WorldDoc(text=B.fix_articles(text), source=source, doc_type="other", style=style)


def other_styles() -> list[str]:
    """The style names :func:`other_document` can produce."""
    return list(MAKERS)
