"""Word banks shared by the factual, other and mixed generators of the world.

Plain lists and small helpers only: names (real given names and syllable-built invented
ones), places, objects, feelings, foods, products, and a glossary of generic concepts
written for this project. Generators pick from these with their own ``random.Random``.
"""

from __future__ import annotations

import random
import re

# --------------------------------------------------------------------------- syllables
# Invented proper names are built from these so that every knowledge-base answer is a
# token sequence that occurs nowhere else in the corpus.
ONSETS = (
    "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
    "b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "l", "m", "r", "t",
    "br", "dr", "gr", "kr", "st", "tr", "th", "sh", "ch", "j", "w", "",
)
VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "a", "e", "i", "o", "ai", "ei", "ou", "ia")
CODAS = ("", "", "", "", "", "", "n", "r", "l", "s", "m", "n", "r", "l", "nd", "st", "rn", "k", "th", "v")


_A_AN = re.compile(r"\b([Aa]) (?=[aeiAEI]|[oO](?!ne\b|nce\b|ne-)|u(?!ni|se|ro|ra|su)|U(?!ni|se))")


def fix_articles(text: str) -> str:
    """'a alloy' -> 'an alloy', 'a electrician' -> 'an electrician' (leaves 'a unitary', 'a useful')."""
    return _A_AN.sub(lambda m: m.group(1) + "n ", text)


def syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def stem(rng: random.Random, min_syl: int = 2, max_syl: int = 3) -> str:
    """An invented word of a few syllables, lower case, pronounceable enough."""
    while True:
        parts = [syllable(rng) for _ in range(rng.randint(min_syl, max_syl))]
        word = "".join(parts)
        if 4 <= len(word) <= 9 and not _awkward(word):
            return word


_CLUSTER = re.compile(r"[^aeiouy]{3,}")
_OK_CLUSTERS = {"nst", "rst", "ndr", "str", "ntr", "rth", "nth", "lth", "rsh", "nsh", "lst", "ldr", "rdr", "rnst", "mbr", "ngr", "nch", "rch", "lch", "sth", "rtr", "ltr", "nkr", "rkr", "lkr", "skr", "sch"}


def _awkward(word: str) -> bool:
    if not word[0].isalpha() or word[0] == "y" or word.count("y") > 1:
        return True
    for cluster in _CLUSTER.findall(word):
        if cluster not in _OK_CLUSTERS:
            return True
    if re.search(r"[aeiouy]{3,}", word):
        return True
    for bad in ("yy", "ii", "uu", "aa", "ouou", "ww", "jj", "hh", "thth", "yi", "iy", "uo", "ao", "eo", "oa", "ae", "ua", "ei" + "a", "ia" + "i"):
        if bad in word:
            return True
    # no syllable doubled back to back ("tata", "lenlen")
    for n in (2, 3):
        for i in range(len(word) - 2 * n + 1):
            if word[i:i + n] == word[i + n:i + 2 * n]:
                return True
    return False


# Common English words the syllable generator can stumble on; invented names avoid them.
COMMON_WORDS = frozenset("""
fast lost vest mail bond grin brain main rain train drain stain chain gain pain vain maid said laid paid raid
mend lend send tend bend band hand land sand stand brand grand kind mind bind find wind rind fond pond blond
round sound found mound bound hound pound ground mount count most post host cost last mast past vast cast
best rest test nest jest west zest list mist fist dust must rust just bust gust trust burn turn born corn horn
torn worn barn darn yarn tarn fern tern learn them then than thin moth math path bath both broth teeth faith
heir their rein vein soul foul loud your four pour sour tour hour mourn melon lemon salon talon baron canon
demon lemur final metal petal medal pedal modal tidal rival naval vital total sultan tartan nomad salad
banal canal local vocal focal tonal moral coral mural rural carol petrol patrol pistol lava data sofa soda
coma poem demo memo menu tuna puma mango tango banjo piano radio patio ratio video rodeo lotus bonus virus
minus focus tenor manor motor rotor donor humor sonar solar lunar polar molar cedar radar bazaar dollar
label navel novel hotel motel camel level bevel revel model panel kernel tunnel funnel barrel laurel
tiara arena opera drama karma llama sauna stamina salami tatami origami wasabi safari
lima rome roma milan paris berlin vienna madrid lisbon dublin oslo cairo delhi tokyo kenya india china
peru chile cuba mali chad iran iraq oman togo laos nepal malta italy spain
dorm norm form storm worm firm term germ harm farm warm charm sham shin shot shut chin chip
ship shop slam slim slot slit smog snug spin spot stem step stir stun swam swim than that this thus
tram trim trip trod trot vast volt vote wade wake walk wall wand want ward warm wart wash wave weld
""".split())


# --------------------------------------------------------------------------- people
GIVEN_F = (
    "Anna", "Maria", "Elena", "Sofia", "Clara", "Ingrid", "Mira", "Lena", "Hanna", "Ada",
    "Rosa", "Julia", "Nadia", "Irene", "Vera", "Greta", "Alma", "Ines", "Lucia", "Marta",
    "Eva", "Helena", "Olga", "Sara", "Tamara", "Agnes", "Beatrice", "Camille", "Dora", "Edith",
    "Freya", "Gisela", "Hilde", "Isabel", "Jana", "Katrin", "Lidia", "Magda", "Nora", "Petra",
    "Ruth", "Selma", "Teresa", "Ulla", "Viola", "Wanda", "Yara", "Zofia", "Amira", "Leila",
    "Mei", "Aiko", "Priya", "Ana", "Emma", "Grace", "Alice", "Charlotte", "Harriet", "Louisa",
)
GIVEN_M = (
    "Anton", "Marek", "Pavel", "Tomas", "Lukas", "Erik", "Jonas", "Felix", "Oskar", "Viktor",
    "Karl", "Hugo", "Emil", "Bruno", "Carl", "David", "Edvard", "Franz", "Gustav", "Henrik",
    "Ivan", "Jakob", "Konrad", "Leon", "Matteo", "Niklas", "Otto", "Peter", "Rafael", "Stefan",
    "Teodor", "Ulrich", "Valentin", "Walter", "Xavier", "Yusuf", "Aleksander", "Bernard", "Cyril", "Dmitri",
    "Elias", "Filip", "Georg", "Hector", "Isaac", "Julian", "Kasimir", "Ludvig", "Milan", "Nils",
    "Omar", "Arjun", "Kenji", "Samuel", "Thomas", "Henry", "Arthur", "Edmund", "Frederick", "Walter",
)

# Given names and surnames for the people of stories, letters, chats and reviews.
FIRST_F = (
    "Anna", "Beth", "Chloe", "Dana", "Ellie", "Fiona", "Gemma", "Holly", "Iris", "Jess",
    "Kate", "Lucy", "Maya", "Nina", "Olivia", "Priya", "Rachel", "Sophie", "Tara", "Uma",
    "Vicky", "Willow", "Zoe", "Amara", "Bea", "Cora", "Daisy", "Eleanor", "Farah", "Grace",
    "Hannah", "Imogen", "Jade", "Kira", "Laura", "Megan", "Naomi", "Poppy", "Rosie", "Sam",
    "Tess", "Vanessa", "Yasmin", "Alice", "Bridget", "Carmen", "Delia", "Esther", "Frankie", "Gwen",
    "Harriet", "Isla", "June", "Keiko", "Lila", "Martha", "Nell", "Paula", "Ruby", "Stella",
    "Marisol", "Aisha", "Mei", "Ingrid", "Lottie", "Maggie", "Freya", "Ava", "Ruth", "Joy",
)
FIRST_M = (
    "Adam", "Ben", "Callum", "Dan", "Eli", "Finn", "George", "Harry", "Ian", "Jack",
    "Kieran", "Leo", "Max", "Nathan", "Owen", "Pete", "Ravi", "Sam", "Theo", "Victor",
    "Will", "Zach", "Alfie", "Bilal", "Connor", "Dev", "Ethan", "Felix", "Gabe", "Hugo",
    "Isaac", "Joe", "Kofi", "Luca", "Marcus", "Noah", "Oscar", "Paddy", "Raj", "Simon",
    "Tom", "Vince", "Wes", "Arlo", "Bruno", "Colin", "Declan", "Ed", "Frank", "Gus",
    "Hamish", "Jonah", "Kit", "Lewis", "Mo", "Ned", "Olly", "Rob", "Stan", "Toby",
    "Mateo", "Kenji", "Andrei", "Tariq", "Rory", "Elliot", "Jamie", "Louis", "Reuben", "Alan",
)
SURNAMES = (
    "Abbott", "Baker", "Carter", "Dawson", "Ellis", "Fletcher", "Gray", "Hughes", "Irwin", "Jenkins",
    "Kaur", "Lawson", "Moore", "Nolan", "Okafor", "Patel", "Quinn", "Reid", "Shaw", "Turner",
    "Underwood", "Vaughn", "Walsh", "Young", "Ahmed", "Brennan", "Chen", "Doyle", "Evans", "Fraser",
    "Garcia", "Hart", "Ivanova", "Jones", "Kowalski", "Lindqvist", "Murphy", "Nakamura", "O'Brien", "Price",
    "Rossi", "Sato", "Thompson", "Webb", "Whitaker", "Yilmaz", "Zielinski", "Armstrong", "Bishop", "Cole",
    "Dunn", "Foster", "Gallagher", "Harper", "Kim", "Lowe", "Mensah", "Novak", "Ortiz", "Pearson",
    "Russo", "Singh", "Tanaka", "Vasquez", "Ward", "Marsh", "Holloway", "Pennington", "Ashby", "Blake",
)

# --------------------------------------------------------------------------- places
TOWNS = (
    "Ashbury", "Millbrook", "Kettleby", "Harrowgate", "Linfield", "Southmoor", "Eastwick", "Brackley",
    "Fernhill", "Stonebridge", "Oakham Vale", "Wrenfield", "Castlemere", "Hollins Cross", "Pembry",
    "Saltmarsh", "Thornbury", "Greyhaven", "Willowdene", "Redcliffe", "Northmead", "Cobham End",
    "Lower Dunmore", "Bramwell", "Ferrybridge", "Larkhill", "Marlow Heath", "Elmstead", "Kingsmoor",
    "Port Adley", "Fairlie", "Wexcombe",
)
PLACES = (
    "the bakery on the corner", "the bus station", "the public library", "the park by the river",
    "the laundrette on Mill Lane", "her grandmother's kitchen", "the old cinema", "the allotments",
    "the hospital car park", "the school gates", "the seafront", "the top floor of the office",
    "the garden centre", "the corner shop", "the train platform", "the village hall", "the pub quiz",
    "the football ground", "the market square", "the hardware store", "the dentist's waiting room",
    "the pier", "the back garden", "the swimming baths", "the ferry terminal", "the night bus",
    "the campsite", "the charity shop", "the staff kitchen", "the rooftop bar", "the church steps",
    "the canal towpath", "the hotel lobby", "the airport lounge", "the bookshop café", "the high street",
)
ROOMS = (
    "the kitchen", "the hallway", "the spare room", "the attic", "the living room", "the porch",
    "the shed", "the bathroom", "the landing", "the garage", "the conservatory", "the cellar",
)
WEATHER = (
    "It was raining, the thin grey kind of rain that never quite stops",
    "The morning was bright and cold",
    "A warm wind was blowing in off the sea",
    "Fog had settled over the town overnight",
    "It had been snowing since lunchtime",
    "The heat had not broken for nine days",
    "The sky was the colour of dishwater",
    "A storm was coming; you could smell it",
    "It was one of those soft, still autumn evenings",
    "The first frost had silvered the lawns",
    "Sunlight came through the blinds in stripes",
    "The clouds were low and heavy and hurried",
)
TIMES = (
    "on a Tuesday in late October", "just after midnight", "the summer she turned twelve",
    "on the last day of the school year", "two weeks before the wedding", "early on a Sunday",
    "the winter the river froze", "halfway through the night shift", "on the morning of the move",
    "one evening in March", "the day after the funeral", "on the first warm day of spring",
    "the night of the power cut", "during the long wet August", "on New Year's Eve",
)
OBJECTS = (
    "a brass key", "an old photograph", "a chipped blue mug", "a shoebox of letters", "a broken watch",
    "a red umbrella", "a paperback with a cracked spine", "a jar of buttons", "a bicycle bell",
    "a postcard from Lisbon", "a wool scarf", "a tin of biscuits", "a set of keys on a ribbon",
    "a map with pencil marks", "a wedding ring", "a cassette tape", "a child's drawing", "a pocket knife",
    "a train ticket", "a recipe card in her mother's handwriting", "a harmonica", "a stone with a hole in it",
    "a pair of reading glasses", "a folded twenty-pound note", "a voicemail", "a library book nine years overdue",
)
FEELINGS = (
    "relieved", "embarrassed", "furious", "homesick", "nervous", "oddly calm", "happy", "lonely",
    "grateful", "guilty", "restless", "hopeful", "exhausted", "proud", "jealous", "amused",
    "heartbroken", "giddy", "uneasy", "content",
)
FEELING_NOUNS = (
    "relief", "embarrassment", "anger", "homesickness", "nerves", "calm", "happiness", "loneliness",
    "gratitude", "guilt", "restlessness", "hope", "exhaustion", "pride", "jealousy", "amusement",
    "grief", "joy", "unease", "contentment", "nostalgia", "dread",
)
RELATIONS = (
    "sister", "brother", "neighbour", "best friend", "cousin", "flatmate", "grandmother", "uncle",
    "old teacher", "boss", "ex", "daughter", "son", "colleague", "landlord", "aunt",
)
JOBS = (
    "nurse", "bus driver", "teacher", "plumber", "barista", "accountant", "electrician", "postman",
    "librarian", "chef", "software developer", "hairdresser", "vet", "taxi driver", "shop assistant",
    "carpenter", "receptionist", "paramedic", "gardener", "student",
)
FOODS = (
    "toast", "a bacon sandwich", "leftover curry", "porridge", "fish and chips", "a cheese toastie",
    "pancakes", "spaghetti", "a jacket potato", "soup", "a takeaway pizza", "noodles", "scrambled eggs",
    "a slice of lemon cake", "cold pizza", "a bowl of cereal", "dumplings", "tacos", "a sausage roll",
)
DRINKS = ("tea", "coffee", "hot chocolate", "cocoa", "peppermint tea", "strong coffee", "sweet tea")
PETS = (
    ("cat", "Biscuit"), ("dog", "Rufus"), ("cat", "Mog"), ("dog", "Pepper"), ("rabbit", "Clover"),
    ("cat", "Jasper"), ("dog", "Luna"), ("hamster", "Nibbles"), ("dog", "Bramble"), ("cat", "Smudge"),
    ("parrot", "Captain"), ("tortoise", "Gerald"), ("dog", "Bonnie"), ("cat", "Tiger"),
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
HOBBIES = (
    "running", "knitting", "birdwatching", "baking", "painting", "climbing", "gardening", "chess",
    "photography", "cycling", "pottery", "fishing", "board games", "singing in a choir", "swimming",
    "reading crime novels", "playing the guitar", "wild swimming", "yoga", "restoring old furniture",
)
COLOURS = ("red", "blue", "green", "yellow", "grey", "navy", "cream", "black", "white", "orange", "purple", "brown")

# --------------------------------------------------------------------------- reviews & ads
PRODUCTS = (
    # (product, aspects good/bad, price range)
    ("wireless headphones", ("sound", "battery life", "comfort", "the case", "noise cancelling"), (25, 300)),
    ("coffee grinder", ("grind consistency", "noise", "the hopper", "build quality", "cleaning"), (20, 180)),
    ("hiking boots", ("grip", "waterproofing", "comfort", "the laces", "weight"), (50, 220)),
    ("desk lamp", ("brightness", "the dimmer", "the base", "colour temperature", "the cable"), (15, 90)),
    ("backpack", ("the straps", "pockets", "the zips", "capacity", "the fabric"), (20, 150)),
    ("blender", ("power", "noise", "the jug", "the lid", "cleaning"), (30, 200)),
    ("e-reader", ("the screen", "battery life", "weight", "the menus", "page turning"), (60, 250)),
    ("electric toothbrush", ("battery life", "the timer", "the brush heads", "noise", "the charger"), (20, 120)),
    ("office chair", ("comfort", "the armrests", "lumbar support", "assembly", "the wheels"), (60, 400)),
    ("air fryer", ("capacity", "crispiness", "the basket", "noise", "the controls"), (40, 180)),
    ("robot vacuum", ("suction", "the app", "navigation", "battery life", "noise"), (120, 600)),
    ("mechanical keyboard", ("the switches", "the keycaps", "build quality", "the software", "noise"), (40, 200)),
    ("tent", ("the poles", "waterproofing", "space", "pack size", "ventilation"), (50, 350)),
    ("kettle", ("boil time", "the lid", "the handle", "limescale", "noise"), (15, 90)),
    ("phone case", ("grip", "the buttons", "protection", "the colour", "fit"), (8, 40)),
    ("yoga mat", ("grip", "thickness", "the smell", "durability", "the strap"), (12, 80)),
    ("smartwatch", ("the screen", "battery life", "the strap", "step counting", "the app"), (60, 400)),
    ("rice cooker", ("the rice", "the timer", "the inner pot", "size", "the beeping"), (25, 150)),
)
PRAISE = (
    "is excellent", "is much better than I expected", "is genuinely impressive", "works perfectly",
    "feels really solid", "is the best I've had", "is surprisingly good for the price", "is spot on",
    "has been faultless so far", "is lovely",
)
COMPLAINT = (
    "is a bit disappointing", "could be better", "feels cheap", "stopped working after a month",
    "is fiddly", "is honestly annoying", "is not great", "takes some getting used to",
    "is the weak point", "let it down",
)
MOVIE_NOUNS = (
    "Harbour", "Winter", "Signal", "Orchard", "Glass", "Silence", "Lighthouse", "Ashes", "Echo",
    "Frontier", "Meridian", "Tide", "Garden", "Wolves", "Embers", "Horizon", "Letters", "Hours",
)
MOVIE_ADJ = ("Last", "Long", "Quiet", "Broken", "Hidden", "Burning", "Second", "Paper", "Silver", "Lost", "Cold", "Bright")
GENRES = (
    "thriller", "romantic comedy", "science-fiction film", "period drama", "horror film", "documentary",
    "animated film", "crime drama", "heist movie", "coming-of-age story", "war film", "musical",
)
CUISINES = (
    "Italian", "Thai", "Lebanese", "Mexican", "Japanese", "Indian", "Greek", "Korean", "Spanish",
    "Vietnamese", "Turkish", "French", "Ethiopian", "Peruvian",
)
DISHES = (
    "the lamb flatbread", "the mushroom risotto", "the crispy pork belly", "the green curry", "the tacos",
    "the ramen", "the dal", "the grilled halloumi", "the fish stew", "the burger", "the gnocchi",
    "the katsu curry", "the tiramisu", "the chocolate fondant", "the churros", "the sticky toffee pudding",
    "the bao buns", "the seafood paella", "the aubergine parmigiana", "the bibimbap", "the steak frites",
)
RESTAURANT_NOUNS = ("Table", "Kitchen", "Lantern", "Olive", "Fig", "Anchor", "Copper Pot", "Hearth", "Pantry", "Larder", "Spoon")
RESTAURANT_ADJ = ("Little", "Blue", "Green", "Old", "Hungry", "Golden", "Crooked", "Salt &", "Wild", "Red")
CLASSIFIED_ITEMS = (
    ("child's bike, 16-inch wheels", 25), ("double bed frame, pine", 60), ("set of four dining chairs", 40),
    ("upright piano, needs tuning", 150), ("lawnmower, petrol, starts first time", 70), ("cot with mattress", 35),
    ("box of vinyl records, mostly 70s rock", 45), ("electric guitar and small amp", 120), ("wardrobe, white, flat-packed", 30),
    ("pram, barely used", 90), ("fridge freezer", 80), ("rowing machine", 110), ("sofa bed, grey", 100),
    ("collection of garden pots", 15), ("fish tank with stand", 50), ("road bike, 54cm frame", 220),
    ("microwave", 20), ("set of golf clubs", 75), ("sewing machine", 55), ("kayak with paddle", 180),
)
TEAMS = (
    "Ashbury Town", "Millbrook Rovers", "Kettleby United", "Harrowgate Athletic", "Linfield Rangers",
    "Southmoor City", "Eastwick Wanderers", "Stonebridge Albion", "Fernhill FC", "Wrenfield Park",
    "Castlemere Vale", "Greyhaven Harriers", "Redcliffe Borough", "Northmead Celtic", "Saltmarsh Swifts",
    "Thornbury Colts",
)
ORGS = (
    "Millbrook Community Choir", "the Friends of Fernhill Park", "Ashbury Allotment Society",
    "Kettleby Rotary Club", "the Linfield Photographic Club", "Stonebridge Parish Council",
    "the Southmoor Amateur Dramatics Society", "Greyhaven Lifeboat Station", "the Eastwick Book Circle",
    "Redcliffe Youth Orchestra", "the Wrenfield Residents' Association", "Castlemere Cycling Club",
    "the Harrowgate Historical Society", "Northmead Primary School PTA", "Thornbury Wildlife Trust",
)
EVENTS = (
    "summer fete", "spring concert", "charity quiz night", "open day", "craft fair", "book sale",
    "annual general meeting", "beach clean", "Christmas market", "family fun run", "plant swap",
    "jumble sale", "film night", "talent show", "harvest supper", "coffee morning",
)
VENUES = (
    "the village hall", "St Mary's Church", "the community centre", "the school playing field",
    "the town hall", "the library", "the Red Lion function room", "the bandstand in the park",
    "the scout hut", "the leisure centre", "the old corn exchange",
)

# --------------------------------------------------------------------------- jokes
JOKES = (
    ("Why did the scarecrow win an award?", "Because he was outstanding in his field."),
    ("What do you call a fish with no eyes?", "A fsh."),
    ("Why don't skeletons fight each other?", "They don't have the guts."),
    ("What did the ocean say to the beach?", "Nothing, it just waved."),
    ("Why did the bicycle fall over?", "It was two tired."),
    ("What do you call a bear with no teeth?", "A gummy bear."),
    ("Why was the maths book sad?", "It had too many problems."),
    ("What do you call cheese that isn't yours?", "Nacho cheese."),
    ("Why can't you trust an atom?", "They make up everything."),
    ("What did one wall say to the other?", "I'll meet you at the corner."),
    ("Why did the golfer bring two pairs of trousers?", "In case he got a hole in one."),
    ("What do you call a sleeping bull?", "A bulldozer."),
    ("How does a penguin build its house?", "Igloos it together."),
    ("Why did the coffee file a police report?", "It got mugged."),
    ("What do you call a pile of cats?", "A meowtain."),
    ("Why are ghosts bad liars?", "You can see right through them."),
    ("What's orange and sounds like a parrot?", "A carrot."),
    ("Why did the tomato turn red?", "It saw the salad dressing."),
    ("What do you call a dinosaur with an extensive vocabulary?", "A thesaurus."),
    ("Why don't eggs tell jokes?", "They'd crack each other up."),
    ("What did the grape do when it got stepped on?", "It let out a little wine."),
    ("Why did the cookie go to the doctor?", "It was feeling crumby."),
    ("What kind of shoes do ninjas wear?", "Sneakers."),
    ("Why did the music teacher need a ladder?", "To reach the high notes."),
    ("What do you call a factory that makes okay products?", "A satisfactory."),
    ("Why did the invisible man turn down the job offer?", "He couldn't see himself doing it."),
    ("What do you call an alligator in a vest?", "An investigator."),
    ("Why did the stadium get hot after the game?", "All the fans left."),
    ("What's brown and sticky?", "A stick."),
    ("Why do cows wear bells?", "Because their horns don't work."),
)
ONE_LINERS = (
    "I used to play piano by ear, but now I use my hands.",
    "I told my wife she was drawing her eyebrows too high. She looked surprised.",
    "I'm reading a book about anti-gravity. It's impossible to put down.",
    "I only know twenty-five letters of the alphabet. I don't know y.",
    "My dog used to chase people on a bike a lot. It got so bad I had to take his bike away.",
    "I have a fear of speed bumps, but I'm slowly getting over it.",
    "I would tell you a joke about construction, but I'm still working on it.",
    "The rotation of the earth really makes my day.",
    "I got a job at a bakery because I kneaded dough.",
    "I'm on a seafood diet. I see food and I eat it.",
)

# --------------------------------------------------------------------------- poems
POEM_NOUNS = (
    "rain", "window", "river", "lamp", "bread", "field", "harbour", "moth", "stone", "kettle",
    "swallow", "orchard", "snow", "bell", "coat", "door", "salt", "heron", "ash", "moon",
    "letter", "train", "hand", "hill", "apple", "fence", "wire", "chalk", "rope", "tide",
)
POEM_ADJ = (
    "grey", "small", "slow", "bright", "empty", "old", "wet", "quiet", "cold", "tired",
    "thin", "soft", "late", "blue", "pale", "wild", "folded", "broken", "golden", "half-lit",
)
POEM_VERBS = (
    "waits", "leans", "hums", "falls", "turns", "remembers", "holds", "forgets", "sings", "breaks",
    "opens", "settles", "drifts", "burns", "listens", "shivers", "gathers", "keeps", "wakes", "sleeps",
)

# --------------------------------------------------------------------------- opinion topics
# (topic title, stance for, stance against, personal anecdotes)
OPINION_TOPICS = (
    (
        "working from home",
        ("I get more done without the commute eating two hours of my day.",
         "Nobody misses the small talk by the printer as much as they claim to.",
         "My lunch is better, my chair is better, and I see my kids at four o'clock."),
        ("I miss overhearing things I didn't know I needed to hear.",
         "The kitchen table was never meant to be an office.",
         "Some days I don't speak to a single person out loud until my partner gets home."),
        ("The first month I worked from home I wore the same hoodie every day and felt like a king.",
         "A colleague once joined a video call from her car because it was the only quiet place left."),
    ),
    (
        "the death of the high street",
        ("Small shops gave a town its character, and we let them go for the sake of free delivery.",
         "When the bakery closed, the whole street felt different, and not in a good way."),
        ("Nobody is owed our custom; if a shop can't adapt, it closes.",
         "Half the shops I supposedly miss I never actually went into."),
        ("My dad ran a shoe shop for thirty years and still talks about the regulars by name.",
         "The last record shop in our town is now a vape shop, which feels like a metaphor for something."),
    ),
    (
        "phones at the dinner table",
        ("A meal is the one time of day a family is in the same room, and it deserves our attention.",
         "Nothing kills a conversation like someone scrolling under the table."),
        ("Sometimes looking up a fact settles an argument in ten seconds instead of ten minutes.",
         "My grandmother video-calls us at dinner, and I'm not putting her face down on the table."),
        ("We tried a phone basket for a week. By Thursday the basket was full of chargers and nobody remembered why.",),
    ),
    (
        "reality television",
        ("It's honest about what it is, which is more than you can say for a lot of prestige drama.",
         "Watching strangers make bad decisions is a very old form of entertainment."),
        ("It rewards the worst behaviour and then acts surprised when people behave badly.",
         "Some of the people on these shows are clearly not having a good time."),
        ("I watched an entire series about people renovating houses and I still can't put up a shelf.",),
    ),
    (
        "cycling in the city",
        ("It is faster than the bus for almost every trip under five miles.",
         "I arrive at work awake, which is more than the coffee ever managed."),
        ("Until the lanes are separated from traffic, I don't blame anyone for being scared.",
         "Arriving at a meeting soaked through is not a great look."),
        ("The first winter I cycled, I discovered that I own no waterproof trousers.",
         "A taxi driver once told me I was very brave, in a tone that meant something else."),
    ),
    (
        "school uniforms",
        ("They take one decision out of a teenager's morning, and mornings are hard enough.",
         "Nobody gets picked on for wearing the wrong trainers."),
        ("The blazers cost a fortune and are outgrown in a year.",
         "Learning to express yourself through what you wear is part of growing up."),
        ("My school tie was bright orange. I still can't look at a traffic cone without flinching.",),
    ),
    (
        "tipping",
        ("Good service is hard work, and a tip is a way of saying you noticed.",),
        ("Wages should be fair without relying on the mood of the customer.",
         "I never know if I'm expected to tip for a takeaway I collected myself."),
        ("I once watched my uncle calculate a tip to the penny and then round it down.",),
    ),
    (
        "public libraries",
        ("They are the last places in town where you can sit for hours without buying anything.",
         "Every library I know is busier than people assume, just not with the people who decide budgets."),
        ("Some branches feel like they haven't been updated since I was a child.",),
        ("I learned to love reading in a mobile library that parked outside the chip shop on Thursdays.",
         "The librarian at our branch knows my son's reading level better than his school does."),
    ),
    (
        "giving up social media",
        ("I feel calmer, and I read more, and I no longer know what strangers had for breakfast.",
         "Most of what I saw there made me feel worse about things I couldn't change."),
        ("It's how I hear about half the events in my town.",
         "A few of my friends only really exist online for me now."),
        ("I deleted the apps in January. By February I'd found out about two engagements and a baby weeks late.",),
    ),
    (
        "pineapple on pizza",
        ("Sweet and salty is a classic combination, and nobody complains about it anywhere else.",),
        ("Hot fruit is a texture crime.", "Pizza is already a perfect food and doesn't need rescuing."),
        ("My brother once ordered it at a wedding buffet and the whole table went quiet.",),
    ),
    (
        "the four-day week",
        ("Most of us do the real work in four days anyway and spend the fifth in meetings.",
         "The trial at my sister's firm left everyone happier and nobody less productive."),
        ("It works for offices, but hospitals and shops can't simply close on Fridays.",),
        ("I had a job once with Fridays off in summer. I have never been so cheerful on a Thursday.",),
    ),
    (
        "learning a language as an adult",
        ("It keeps your brain busy in a way that nothing else does.",
         "Being able to say even a few sentences to a neighbour in their own language changes things."),
        ("Nobody tells you how humbling it is to be understood by nobody.",),
        ("My greatest achievement in Spanish so far is ordering two coffees and receiving two coffees.",),
    ),
)

OPINION_TOPICS += (
    (
        "self-checkout machines",
        ("They are quicker when you only need milk and a loaf.", "Some days I don't want to talk to anyone, and that's fine."),
        ("Every single time, there is an unexpected item in the bagging area, and it is me.",
         "They've quietly turned all of us into unpaid shop staff."),
        ("I once watched a man argue with a self-checkout for five minutes. The machine won.",),
    ),
    (
        "sending Christmas cards",
        ("A card on the mat in December still feels like a small hug from someone far away.",
         "It's the only time some of my oldest friends and I are in touch at all."),
        ("Most of them go straight in the recycling after a fortnight.", "The postage alone is enough to make me wince."),
        ("My grandmother kept a list of everyone who sent her a card, and anyone who missed two years running was crossed off.",),
    ),
    (
        "keeping a diary",
        ("Writing things down helps me understand what I actually think.",
         "Reading old diaries is the closest thing we have to time travel."),
        ("Half my entries are just complaints about the weather.", "I'm terrified somebody will read mine one day."),
        ("I found my diary from when I was fourteen. Every entry was about a boy called Daniel and a pair of trainers.",),
    ),
    (
        "sharing a flat in your thirties",
        ("There's always someone to talk to when you get home.", "The rent would be impossible any other way."),
        ("I'd like to own a saucepan that nobody else has burnt.", "At some point you want your own front door."),
        ("My flatmate and I have a rota for the bins that has been running, unbroken, for six years. I'm very proud of it.",),
    ),
)

# --------------------------------------------------------------------------- glossary
# Generic concepts for definition, glossary and dictionary entries. Each entry is
# (term, part of speech, field, definition, additional note). Written for this project.
GLOSSARY = (
    ("delta", "noun", "geography", "a landform at the mouth of a river, built up from sediment that the river deposits as it slows and spreads out", "Deltas are often fertile and densely populated."),
    ("estuary", "noun", "geography", "the tidal mouth of a large river, where fresh water meets and mixes with sea water", "Estuaries support many species of wading birds."),
    ("plateau", "noun", "geography", "an area of relatively flat land that stands well above the surrounding terrain", "Many plateaus are bounded on one or more sides by steep slopes."),
    ("glacier", "noun", "geography", "a large, slowly moving mass of ice formed from snow compacted over many years", "Glaciers shape valleys into a characteristic U profile."),
    ("archipelago", "noun", "geography", "a group or chain of islands lying close together", "The word comes from an old name for the Aegean Sea."),
    ("watershed", "noun", "geography", "a ridge of high ground that divides the areas drained by different river systems", "In American usage the word often refers to the drainage basin itself."),
    ("fjord", "noun", "geography", "a long, narrow, deep inlet of the sea between high cliffs, typically formed by glacial erosion", None),
    ("tributary", "noun", "geography", "a river or stream that flows into a larger river or a lake", "Tributaries are often named in order from the source of the main river."),
    ("isthmus", "noun", "geography", "a narrow strip of land with sea on either side, linking two larger areas of land", None),
    ("monsoon", "noun", "climate", "a seasonal wind that reverses direction, bringing a marked rainy season to parts of southern Asia and elsewhere", "The word is also used loosely for the rainy season itself."),
    ("tundra", "noun", "ecology", "a vast, treeless region in which the subsoil is permanently frozen", "Tundra vegetation consists mainly of mosses, lichens and low shrubs."),
    ("permafrost", "noun", "geology", "ground that remains at or below the freezing point of water for two or more consecutive years", None),
    ("sediment", "noun", "geology", "particles of rock, sand or organic matter that are carried by water, wind or ice and settle elsewhere", None),
    ("igneous rock", "noun", "geology", "rock formed through the cooling and solidification of magma or lava", "Granite and basalt are common examples."),
    ("erosion", "noun", "geology", "the gradual wearing away of rock or soil by water, wind, ice or gravity", None),
    ("photosynthesis", "noun", "biology", "the process by which green plants and some other organisms use sunlight to make sugars from carbon dioxide and water", "Oxygen is released as a by-product."),
    ("mitochondrion", "noun", "biology", "a structure within most cells in which respiration and energy production take place", "The plural is mitochondria."),
    ("herbivore", "noun", "biology", "an animal that feeds chiefly on plants", None),
    ("predator", "noun", "biology", "an animal that naturally hunts and eats other animals", None),
    ("symbiosis", "noun", "biology", "a close and long-term interaction between two different organisms, often to the benefit of both", None),
    ("migration", "noun", "biology", "the regular, usually seasonal, movement of animals from one region to another", None),
    ("deciduous", "adjective", "botany", "of a tree or shrub: shedding its leaves annually", "The opposite term is evergreen."),
    ("pollination", "noun", "botany", "the transfer of pollen to a part of a flower, allowing fertilisation to take place", None),
    ("habitat", "noun", "ecology", "the natural home or environment of an animal, plant or other organism", None),
    ("biodiversity", "noun", "ecology", "the variety of plant and animal life in a particular habitat or in the world as a whole", None),
    ("alloy", "noun", "chemistry", "a metal made by combining two or more metallic elements, or a metal with a non-metal", "Bronze and steel are among the oldest alloys."),
    ("isotope", "noun", "chemistry", "each of two or more forms of the same element that contain equal numbers of protons but different numbers of neutrons", None),
    ("catalyst", "noun", "chemistry", "a substance that increases the rate of a chemical reaction without itself undergoing any permanent change", None),
    ("solvent", "noun", "chemistry", "a liquid in which other substances can be dissolved", "Water is sometimes called the universal solvent."),
    ("oxidation", "noun", "chemistry", "a chemical reaction in which a substance loses electrons, often by combining with oxygen", None),
    ("melting point", "noun", "physics", "the temperature at which a solid becomes a liquid at standard atmospheric pressure", None),
    ("density", "noun", "physics", "the mass of a substance per unit of volume", None),
    ("inertia", "noun", "physics", "the tendency of an object to remain at rest or to keep moving in a straight line unless acted on by a force", None),
    ("friction", "noun", "physics", "the resistance that one surface or object encounters when moving over another", None),
    ("wavelength", "noun", "physics", "the distance between successive crests of a wave", None),
    ("orbit", "noun", "astronomy", "the curved path of a celestial object or spacecraft around a star, planet or moon", None),
    ("nebula", "noun", "astronomy", "a cloud of gas and dust in outer space, visible at night either as a bright patch or as a dark silhouette", "The plural is nebulae."),
    ("eclipse", "noun", "astronomy", "an event in which one celestial body moves into the shadow of another", None),
    ("comet", "noun", "astronomy", "a small icy body that, when passing close to the Sun, heats up and releases gases, forming a visible tail", None),
    ("light-year", "noun", "astronomy", "a unit of distance equal to the distance that light travels in one year", None),
    ("inflation", "noun", "economics", "a general increase in prices and fall in the purchasing value of money", None),
    ("tariff", "noun", "economics", "a tax or duty to be paid on a particular class of imports or exports", None),
    ("monopoly", "noun", "economics", "the exclusive possession or control of the supply of a commodity or service", None),
    ("dividend", "noun", "finance", "a sum of money paid regularly by a company to its shareholders out of its profits", None),
    ("mortgage", "noun", "finance", "a legal agreement by which a bank lends money against the security of a property", None),
    ("recession", "noun", "economics", "a period of temporary economic decline during which trade and industrial activity are reduced", None),
    ("barter", "noun", "economics", "the exchange of goods or services for other goods or services without the use of money", None),
    ("cooperative", "noun", "economics", "a business or organisation owned and run jointly by its members, who share the profits or benefits", None),
    ("parliament", "noun", "politics", "the highest legislature of a country, consisting of elected or appointed members", None),
    ("referendum", "noun", "politics", "a general vote by the electorate on a single political question", None),
    ("constitution", "noun", "politics", "a body of fundamental principles according to which a state is governed", None),
    ("federation", "noun", "politics", "a group of states with a central government but independence in internal affairs", None),
    ("embassy", "noun", "politics", "the official residence or offices of an ambassador in a foreign country", None),
    ("treaty", "noun", "law", "a formally concluded and ratified agreement between countries", None),
    ("statute", "noun", "law", "a written law passed by a legislative body", None),
    ("plaintiff", "noun", "law", "a person who brings a case against another in a court of law", None),
    ("jury", "noun", "law", "a body of people sworn to give a verdict in a legal case on the basis of evidence submitted in court", None),
    ("copyright", "noun", "law", "the exclusive legal right, given to an originator or an assignee, to print, publish, perform or record a work", None),
    ("sonnet", "noun", "literature", "a poem of fourteen lines using any of a number of formal rhyme schemes", "In English, sonnets typically have ten syllables per line."),
    ("allegory", "noun", "literature", "a story, poem or picture that can be interpreted to reveal a hidden meaning, typically a moral or political one", None),
    ("protagonist", "noun", "literature", "the leading character in a drama, film or novel", None),
    ("epilogue", "noun", "literature", "a section at the end of a book or play that serves as a comment on or conclusion to what has happened", None),
    ("metaphor", "noun", "literature", "a figure of speech in which a word or phrase is applied to something to which it is not literally applicable", None),
    ("haiku", "noun", "literature", "a short poem of three lines, traditionally of five, seven and five syllables", None),
    ("symphony", "noun", "music", "an elaborate musical composition for full orchestra, typically in four movements", None),
    ("octave", "noun", "music", "the interval between one musical pitch and another with double or half its frequency", None),
    ("tempo", "noun", "music", "the speed at which a passage of music is or should be played", None),
    ("chord", "noun", "music", "a group of notes sounded together, as a basis of harmony", None),
    ("cello", "noun", "music", "a bass instrument of the violin family, held upright on the floor between the legs of the seated player", None),
    ("fresco", "noun", "art", "a painting done rapidly in watercolour on wet plaster, so that the colours become fixed as the plaster dries", None),
    ("mosaic", "noun", "art", "a picture or pattern produced by arranging together small pieces of stone, tile or glass", None),
    ("watercolour", "noun", "art", "a paint made by mixing pigments with water, or a picture painted with such paints", None),
    ("buttress", "noun", "architecture", "a projecting support of stone or brick built against a wall", None),
    ("atrium", "noun", "architecture", "an open-roofed entrance hall or central court in an ancient building, or a large central space in a modern one", None),
    ("cantilever", "noun", "architecture", "a long projecting beam or girder fixed at only one end", None),
    ("aqueduct", "noun", "engineering", "an artificial channel for conveying water, typically in the form of a bridge across a valley", None),
    ("turbine", "noun", "engineering", "a machine for producing continuous power in which a wheel or rotor is made to revolve by a fast-moving flow of water, steam, gas or air", None),
    ("piston", "noun", "engineering", "a disc or short cylinder fitting closely within a tube in which it moves up and down against a liquid or gas", None),
    ("algorithm", "noun", "computing", "a finite sequence of well-defined rules that specifies how to solve a class of problems", None),
    ("compiler", "noun", "computing", "a program that translates source code written in one programming language into another, usually lower-level, language", None),
    ("bandwidth", "noun", "computing", "the maximum rate of data transfer across a given path", None),
    ("firewall", "noun", "computing", "a part of a computer system or network that blocks unauthorised access while permitting outward communication", None),
    ("encryption", "noun", "computing", "the process of converting information into a code to prevent unauthorised access", None),
    ("prime number", "noun", "mathematics", "a whole number greater than one whose only factors are one and itself", "Two is the only even prime number."),
    ("hypotenuse", "noun", "mathematics", "the longest side of a right-angled triangle, opposite the right angle", None),
    ("integer", "noun", "mathematics", "a number that is not a fraction; a whole number, whether positive, negative or zero", None),
    ("median", "noun", "statistics", "the middle value in a list of numbers arranged in order", None),
    ("variance", "noun", "statistics", "a measure of how far a set of numbers is spread out from their average value", None),
    ("vaccine", "noun", "medicine", "a substance used to stimulate the production of antibodies and provide immunity against one or several diseases", None),
    ("antibiotic", "noun", "medicine", "a medicine that inhibits the growth of or destroys microorganisms, especially bacteria", None),
    ("pulse", "noun", "medicine", "the rhythmical throbbing of the arteries as blood is propelled through them", None),
    ("dialect", "noun", "linguistics", "a particular form of a language that is peculiar to a specific region or social group", None),
    ("syllable", "noun", "linguistics", "a unit of pronunciation having one vowel sound, with or without surrounding consonants", None),
    ("etymology", "noun", "linguistics", "the study of the origin of words and the way in which their meanings have changed over time", None),
    ("pidgin", "noun", "linguistics", "a simplified language that develops as a means of communication between groups that do not share a common language", None),
    ("feudalism", "noun", "history", "the dominant social system in medieval Europe, in which the nobility held lands from the Crown in exchange for military service", None),
    ("dynasty", "noun", "history", "a line of hereditary rulers of a country", None),
    ("guild", "noun", "history", "a medieval association of craftsmen or merchants, often having considerable power", None),
    ("armistice", "noun", "history", "an agreement made by opposing sides in a war to stop fighting for a certain time", None),
    ("lighthouse", "noun", "navigation", "a tower containing a beacon light to warn or guide ships at sea", None),
    ("knot", "noun", "navigation", "a unit of speed equivalent to one nautical mile per hour, used of ships, aircraft and winds", None),
    ("latitude", "noun", "navigation", "the angular distance of a place north or south of the earth's equator", None),
    ("longitude", "noun", "navigation", "the angular distance of a place east or west of a chosen meridian", None),
    ("schooner", "noun", "shipping", "a sailing ship with two or more masts, typically with the foremast smaller than the mainmast", None),
    ("icebreaker", "noun", "shipping", "a ship designed for breaking a channel through ice", None),
    ("tannery", "noun", "industry", "a place where animal hides are made into leather", None),
    ("foundry", "noun", "industry", "a workshop or factory for casting metal", None),
    ("textile", "noun", "industry", "a type of cloth or woven fabric", None),
    ("fermentation", "noun", "food science", "the chemical breakdown of a substance by bacteria, yeasts or other microorganisms", "Bread, cheese and beer all depend on it."),
    ("umami", "noun", "food science", "a category of taste corresponding to the flavour of glutamates, as found in meat broths and aged cheese", None),
    ("sourdough", "noun", "food", "bread made using a naturally fermented starter of flour and water rather than commercial yeast", None),
    ("census", "noun", "demography", "an official count or survey of a population, typically recording various details of individuals", None),
    ("diaspora", "noun", "demography", "people who have spread or been dispersed beyond their traditional homeland", None),
    ("suburb", "noun", "urban studies", "an outlying district of a city, especially a residential one", None),
    ("conurbation", "noun", "urban studies", "an extended urban area, typically consisting of several towns merging with the suburbs of a central city", None),
    ("altitude", "noun", "geography", "the height of an object or point in relation to sea level or ground level", None),
    ("equinox", "noun", "astronomy", "the time or date, twice each year, at which the Sun crosses the celestial equator, when day and night are of roughly equal length", None),
    ("solstice", "noun", "astronomy", "either of the two times in the year when the Sun reaches its highest or lowest point in the sky at noon", None),
    ("amphibian", "noun", "zoology", "a cold-blooded vertebrate animal such as a frog, toad or newt, that spends part of its life in water and part on land", None),
    ("marsupial", "noun", "zoology", "a mammal of an order whose members are born incompletely developed and are typically carried and suckled in a pouch", None),
    ("nocturnal", "adjective", "zoology", "of an animal: active at night", None),
    ("carnivorous", "adjective", "zoology", "of an animal: feeding on other animals", None),
    ("arable", "adjective", "agriculture", "of land: used or suitable for growing crops", None),
    ("irrigation", "noun", "agriculture", "the supply of water to land or crops to help growth, typically by means of channels", None),
    ("terrace", "noun", "agriculture", "each of a series of flat areas made on a slope, used for cultivation", None),
    ("humidity", "noun", "meteorology", "the amount of water vapour in the air", None),
    ("barometer", "noun", "meteorology", "an instrument measuring atmospheric pressure, used especially in forecasting the weather", None),
    ("drought", "noun", "climate", "a prolonged period of abnormally low rainfall, leading to a shortage of water", None),
    ("neutral", "adjective", "politics", "not supporting or helping either side in a conflict, disagreement or war", None),
)

# Invented abstract words of a shared fictional lexicon, used by glossary entries.
TERM_FIELDS = (
    ("weaving", "a pattern of", ("diagonal stripes", "interlocking diamonds", "narrow chevrons", "tiny squares")),
    ("music", "a form of", ("slow choral song", "dance tune in triple time", "call-and-response singing", "drone music for pipes")),
    ("architecture", "a style of", ("timber-framed farmhouse", "vaulted cellar", "stepped stone terrace", "covered market hall")),
    ("cooking", "a kind of", ("flatbread baked on hot stones", "fermented fish sauce", "sweet barley porridge", "smoked mutton sausage")),
    ("law", "a type of", ("land lease lasting ninety-nine years", "village court of elders", "fine paid in livestock", "oath sworn before witnesses")),
    ("seafaring", "a type of", ("flat-bottomed river barge", "fishing net hauled by two boats", "signal flag", "harbour toll")),
    ("costume", "a kind of", ("embroidered wool cloak", "felt hat with a wide brim", "wedding sash", "leather belt worn by shepherds")),
    ("folklore", "a figure in", ("winter tales who leaves gifts of salt", "stories about the first ferryman", "songs sung at harvest", "legends of the northern hills")),
)
