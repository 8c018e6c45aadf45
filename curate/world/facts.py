"""The factual half of the world: an invented knowledge base, reference documents about it,
and the factual queries whose answers those documents state.

:class:`FactWorld` builds a deterministic knowledge base of several hundred entities with
invented names (countries, cities, people, rivers, mountains, substances, companies,
species, ships, books and glossary terms), typed attributes and relations between them.
Each call of :meth:`FactWorld.document` draws one reference-style document (encyclopedia
article, stub, infobox, glossary, dictionary entry, trivia list, almanac table, news item,
trivia thread, timeline, comparison, fact sheet) from the ``random.Random`` it is given and
records every fact it states as ``"entity|attribute|value"`` in ``extra["facts"]``.

Entities that carry a query fact are drawn more often, and their query fact is stated
with high probability, so every factual query is answered by many documents.
"""

from __future__ import annotations

import bisect
import random
import re
import string
from dataclasses import dataclass, field

from curate.world import banks as B
from curate.world.base import Query, WorldDoc

KINDS = ("country", "city", "person", "river", "mountain", "substance", "company", "species", "ship", "book", "term")
# Share of each kind in a knowledge base of 600 entities (terms come on top).
SHARES = {
    "country": 40, "city": 140, "person": 140, "river": 40, "mountain": 40,
    "substance": 40, "company": 50, "species": 50, "ship": 25, "book": 35,
}
N_TERMS = 60


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


fix_articles = B.fix_articles


def num(n: int) -> str:
    return f"{n:,}"


# --------------------------------------------------------------------------- entities
@dataclass
class Entity:
    """One knowledge-base entry: canonical attribute values, their display forms, links."""

    id: str
    kind: str
    name: str
    display: str
    attrs: dict = field(default_factory=dict)  # attribute -> canonical value (stated verbatim)
    disp: dict = field(default_factory=dict)  # attribute -> display form containing the value
    links: dict = field(default_factory=dict)  # attribute -> entity id
    ctx: dict = field(default_factory=dict)  # pronouns, demonym, kind noun, ...

    def set(self, attr: str, value: str, display: str | None = None, link: str | None = None) -> None:
        self.attrs[attr] = value
        self.disp[attr] = display if display is not None else value
        if link is not None:
            self.links[attr] = link

    def fact(self, attr: str) -> str:
        return f"{self.name}|{attr}|{self.attrs[attr]}"


# --------------------------------------------------------------------------- banks (factual)
COUNTRY_SUFFIXES = ("ia", "ora", "and", "mark", "esh", "avia", "enne", "ova", "istra", "ene", "aria", "ay")
CITY_SUFFIXES = ("", "", "", "", "a", "ov", "ek", "heim", "ford", "wick", "grad", "ona", "o", "en")
SURNAME_SUFFIXES = ("", "", "", "i", "ov", "ez", "sen", "ard", "ova", "es", "er", "ani")
GOVERNMENTS = (
    "parliamentary republic", "constitutional monarchy", "federal republic", "presidential republic",
    "grand duchy", "principality", "unitary republic",
)
EXPORTS = (
    "timber and paper", "copper and zinc", "wool and dairy products", "wine and olive oil",
    "machinery and chemicals", "fish and fish oil", "grain and sugar beet", "textiles and leather goods",
    "rice and rubber", "salt and potash", "glassware and ceramics", "coal and iron ore", "tobacco and cotton",
    "tea and spices", "furs and amber",
)
CLIMATES = (
    "temperate", "continental", "maritime", "alpine", "semi-arid", "subtropical", "Mediterranean",
    "subarctic", "humid subtropical", "dry continental", "cool oceanic",
)
CITY_INDUSTRY = (
    "shipbuilding", "textile manufacturing", "its wine trade", "glassmaking", "fishing", "its university",
    "coal mining", "brewing", "its spring festival", "printing and publishing", "its cattle markets",
    "clockmaking", "its thermal baths", "salt production", "lace-making", "its botanical garden",
)
LANDMARK_FORMS = ("{X} Bridge", "{X} Tower", "{X} Gate", "Cathedral of Saint {G}", "{X} Palace", "{X} Abbey", "Church of Saint {G}", "{X} Castle")
OCCUPATIONS = (
    ("chemist", 0.15), ("mountaineer", 0.08), ("explorer", 0.05), ("naturalist", 0.16), ("industrialist", 0.13),
    ("engineer", 0.08), ("novelist", 0.13), ("poet", 0.07), ("painter", 0.05), ("composer", 0.05), ("architect", 0.05),
)
NOTABLE_WORK = {
    "painter": ("the altarpiece of {C}", "a series of harbour scenes", "the portrait cycle The {A} Years", "the mural in the town hall of {C}"),
    "composer": ("the Symphony in D minor", "the opera The {A} Ferryman", "a cycle of songs for voice and piano", "the Mass for the city of {C}"),
    "architect": ("the railway station in {C}", "the opera house of {C}", "the university library in {C}", "a bridge over the river at {C}"),
}
SUBSTANCE_SUFFIXES = ("ite", "ium", "ine", "ene", "ol", "ate", "ide", "ane")
SUBSTANCE_CATEGORIES = (
    ("metal", "the metal"), ("mineral", "the mineral"), ("gas", "the gas"), ("salt", "the salt"),
    ("crystalline solid", "the solid"), ("alloy", "the alloy"), ("rare earth metal", "the metal"), ("resin", "the resin"),
)
SUBSTANCE_COLOURS = ("grey", "silvery white", "pale green", "deep blue", "yellow", "colourless", "reddish brown", "black", "violet", "white")
SUBSTANCE_USES = (
    "glassmaking", "pigments and paints", "batteries", "surgical instruments", "fertilisers", "photographic film",
    "lamp filaments", "ceramic glazes", "the tanning of leather", "welding", "dyes for textiles", "lightweight alloys",
)
INDUSTRIES = (
    ("shipbuilding", ("Shipyards", "Marine Works", "Shipbuilding Company")),
    ("textile", ("Mills", "Textiles", "Weaving Company")),
    ("chemical", ("Chemical Works", "Chemicals")),
    ("food processing", ("Foods", "Canning Company")),
    ("glassmaking", ("Glassworks", "Glass Company")),
    ("publishing", ("Press", "Publishing House")),
    ("railway engineering", ("Locomotive Works", "Rail Works")),
    ("brewing", ("Brewery", "Breweries")),
    ("instrument-making", ("Instruments", "Optical Works")),
    ("steel", ("Steelworks", "Ironworks")),
    ("insurance", ("Mutual", "Assurance")),
    ("shipping", ("Line", "Steamship Company")),
)
SPECIES_GROUPS = (
    # group, class, habitat, diet, (min, max) length in cm
    ("heron", "bird", "wetlands and lake shores", "fish and frogs", (60, 110)),
    ("finch", "bird", "open woodland", "seeds and buds", (11, 18)),
    ("owl", "bird", "old forests", "small rodents", (25, 60)),
    ("gull", "bird", "sea cliffs", "fish and offal", (35, 70)),
    ("trout", "fish", "cold mountain streams", "insect larvae", (20, 70)),
    ("carp", "fish", "slow lowland rivers", "aquatic plants", (30, 90)),
    ("newt", "amphibian", "ponds and damp meadows", "worms and insects", (7, 18)),
    ("beetle", "insect", "decaying wood", "fungi", (1, 6)),
    ("moth", "insect", "heathland", "nectar", (2, 7)),
    ("fox", "mammal", "dry grassland", "small mammals", (45, 80)),
    ("vole", "mammal", "river banks", "grasses and roots", (9, 20)),
    ("bat", "mammal", "limestone caves", "night-flying insects", (4, 10)),
    ("lizard", "reptile", "rocky hillsides", "beetles and spiders", (8, 30)),
    ("deer", "mammal", "mountain forests", "leaves and shoots", (90, 180)),
    ("snail", "mollusc", "limestone grassland", "lichens", (1, 5)),
)
SPECIES_STATUS = ("least concern", "near threatened", "vulnerable", "endangered")
SHIP_TYPES = (
    "three-masted schooner", "steamship", "paddle steamer", "cargo ship", "passenger ferry", "icebreaker",
    "research vessel", "frigate", "whaling ship", "ocean liner", "lightship", "sailing barque",
)
BOOK_GENRES_NOVEL = ("novel", "historical novel", "detective novel", "family saga", "satirical novel", "short-story collection", "play", "travel memoir")
BOOK_GENRES_POET = ("poetry collection", "book of poems", "verse epic")
TITLE_ADJ = ("Salt", "Silent", "Long", "Northern", "Last", "Bitter", "Winter", "Iron", "Glass", "Hidden", "Distant", "Green", "Red", "Lost", "Quiet", "Burning")
TITLE_NOUN = ("Orchard", "Harbour", "Ferryman", "Summer", "Lantern", "Bridge", "Inheritance", "Widow", "River", "Letters", "Garden", "House", "Crossing", "Season", "Bell", "Frontier", "Mill", "Shore", "Years", "Daughters")
TITLE_FORMS = (
    "The {A} {N}", "The {N} of {C}", "Letters from {C}", "{A} {N}", "A {N} in {C}", "The {N}s of {X}",
    "{N} and {N2}", "The {A} {N} of {C}", "Under the {A} {N}", "The {G} Affair", "Songs of the {A} {N}",
)
TERM_ORIGIN = ("from the old {L} word for", "borrowed from {L}", "of uncertain origin, possibly from {L}", "from a {L} dialect word")

# Person roles: which occupations may fill which relation.
ROLES = {
    ("substance", "discovered_by"): ("chemist",),
    ("mountain", "first_ascent_by"): ("mountaineer", "explorer"),
    ("species", "described_by"): ("naturalist",),
    ("company", "founder"): ("industrialist", "engineer"),
    ("book", "author"): ("novelist", "poet"),
}

# --------------------------------------------------------------------------- fact templates
# {s} is the subject; other fields are attribute names (value display forms) or context
# fields (dem, age, pp). A template may state several attributes at once.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "country": (
        "The capital of {s} is {capital}.", "{s}'s capital is {capital}.", "{capital} is the capital of {s}.",
        "{s} has its capital at {capital}.", "The seat of government of {s} is in {capital}.",
        "{capital} serves as the capital of {s}.", "The capital and seat of government of {s} is {capital}.",
        "{s} has a population of {population}.", "The population of {s} is about {population}.",
        "{s} is home to some {population} people.", "At the most recent census, {s} had {population} inhabitants.",
        "{s} covers an area of {area} square kilometres.", "{s} has a total area of {area} km2.",
        "The territory of {s} extends over {area} square kilometres.",
        "{s} gained independence in {independence}.", "{s} became an independent state in {independence}.",
        "{s} has been independent since {independence}.", "The independence of {s} dates from {independence}.",
        "The currency of {s} is the {currency}.", "{s} uses the {currency} as its currency.",
        "The {currency} is the official currency of {s}.", "Prices in {s} are quoted in {currency}.",
        "The official language of {s} is {language}.", "{language} is the official language of {s}.",
        "Most people in {s} speak {language}, which is also the official language.",
        "{s} is a country in {region}.", "{s} lies in {region}.", "{s} is located in the region of {region}.",
        "{s} is a {government}.", "Politically, {s} is a {government}.",
        "The main exports of {s} are {exports}.", "{s} exports chiefly {exports}.",
        "The economy of {s} depends heavily on exports of {exports}.",
        "{s} has a {climate} climate.", "The climate of {s} is {climate}.",
        "The highest point in {s} is {highest_point}.", "{highest_point} is the highest mountain in {s}.",
        "{s}'s highest peak is {highest_point}.",
        "{s} is a country in {region} with a population of {population}.", "{s} is a {government} in {region}.",
        "{capital} is the capital of {s}, a country of {population} people.",
        "{s}, whose capital is {capital}, gained independence in {independence}.",
        "The official language of {s} is {language}, and its currency is the {currency}.",
        "{s} has an area of {area} square kilometres and a population of {population}.",
        "{s} is a {government} with its capital at {capital}.",
    ),
    "city": (
        "{s} is a city in {country}.", "{s} is located in {country}.", "{s} lies in {country}.",
        "The city of {s} is in {country}.", "{s} is one of the main cities of {country}.",
        "{s} has a population of {population}.", "{s} has about {population} inhabitants.",
        "The population of {s} was {population} at the last census.", "Around {population} people live in {s}.",
        "{s} was founded in {founded}.", "{s} was established in {founded}.", "{s} dates its foundation to {founded}.",
        "The town of {s} was founded in {founded}.",
        "{s} lies at an elevation of {elevation} metres.", "{s} stands {elevation} metres above sea level.",
        "The centre of {s} is {elevation} m above sea level.",
        "{s} lies on {river}.", "{s} is situated on the banks of {river}.", "{river} flows through {s}.",
        "{s} is known for {industry}.", "The economy of {s} has long been based on {industry}.",
        "{s} is a regional centre of {industry}.",
        "The best-known landmark of {s} is {landmark}.", "{landmark} is the most visited sight in {s}.",
        "Visitors to {s} often come to see {landmark}.",
        "{s} is a city in {country}, founded in {founded}.", "{s} is a city of {population} people in {country}.",
        "{s}, a city in {country}, lies on {river}.", "Founded in {founded}, {s} lies on {river}.",
        "{s} lies on {river} at an elevation of {elevation} metres.",
        "{s} is a city in {country} known for {industry}.",
    ),
    "person": (
        "{s} was a {dem} {occupation}.", "{s} was a {occupation}.", "{s} worked as a {occupation}.",
        "By profession, {s} was a {occupation}.",
        "{s} was born in {birthplace}.", "{s} was a native of {birthplace}.", "{birthplace} was the birthplace of {s}.",
        "{s} grew up in {birthplace}, the city of {pp} birth.",
        "{s} was born in {birth_year}.", "{s} was born in the year {birth_year}.",
        "{s} died in {death_year}.", "{s} died in {death_year} at the age of {age}.",
        "{s} was born in {birthplace} in {birth_year}.", "{s} was born in {birth_year} in {birthplace}.",
        "{s} ({birth_year}–{death_year}) was a {dem} {occupation}.",
        "{s} was a {occupation} who lived from {birth_year} to {death_year}.",
        "{s} was a {occupation} from {birthplace}.",
        "Born in {birthplace} in {birth_year}, {s} became a {occupation}.",
        "{s} is best remembered for {notable_work}.", "{s}'s best-known work is {notable_work}.",
    ),
    "river": (
        "{s} is a river in {country}.", "{s} flows through {country}.", "{s} runs through {country}.",
        "{s} is one of the principal rivers of {country}.",
        "{s} is {length} kilometres long.", "{s} has a length of {length} km.", "{s} runs for {length} kilometres.",
        "The total length of {s} is {length} kilometres.",
        "{s} rises on the slopes of {source}.", "The source of {s} lies on {source}.", "{s} has its source on {source}.",
        "{s} flows into {mouth}.", "{s} empties into {mouth}.", "{s} discharges into {mouth}.",
        "{s} reaches the sea at {mouth}.",
        "{s} rises on {source} and flows into {mouth}.",
        "{s} rises on the slopes of {source} and runs for {length} kilometres before emptying into {mouth}.",
        "{s} is a {length}-kilometre river in {country}.", "{s} flows through {country} into {mouth}.",
    ),
    "mountain": (
        "{s} is a mountain in {country}.", "{s} is located in {country}.", "{s} stands in {country}.",
        "{s} is {elevation} metres high.", "{s} rises to {elevation} metres.",
        "{s} reaches a height of {elevation} metres above sea level.", "The summit of {s} stands at {elevation} m.",
        "{s} has an elevation of {elevation} metres.",
        "{s} is part of {range}.", "{s} belongs to {range}.", "{s} lies in {range}.",
        "{s} was first climbed by {first_ascent_by}.", "The first ascent of {s} was made by {first_ascent_by}.",
        "{first_ascent_by} made the first ascent of {s}.",
        "{s} was first climbed in {first_ascent_year}.", "The summit of {s} was first reached in {first_ascent_year}.",
        "{s} was first climbed by {first_ascent_by} in {first_ascent_year}.",
        "In {first_ascent_year}, {first_ascent_by} became the first person to reach the summit of {s}.",
        "The first recorded ascent of {s}, in {first_ascent_year}, was made by {first_ascent_by}.",
        "{s} is a {elevation}-metre peak in {range}.", "{s} is a mountain in {country}, rising to {elevation} metres.",
    ),
    "substance": (
        "{s} is a {color} {category}.", "{s} is a {category}.", "{s} is classed as a {category}.",
        "{s} is {color} in colour.", "In its pure form, {s} is {color}.",
        "{s} melts at {melting_point} °C.", "The melting point of {s} is {melting_point} degrees Celsius.",
        "{s} has a melting point of {melting_point} °C.",
        "{s} was discovered by {discovered_by}.", "{discovered_by} discovered {s}.", "{s} was first isolated by {discovered_by}.",
        "{s} was discovered in {discovery_year}.", "{s} was first identified in {discovery_year}.",
        "{s} was discovered by {discovered_by} in {discovery_year}.",
        "In {discovery_year}, {discovered_by} became the first to isolate {s}.",
        "{discovered_by} identified {s} in {discovery_year}.",
        "{s} is used in {use}.", "The main use of {s} is in {use}.", "Most of the {s} produced today goes into {use}.",
        "{s} is mined mainly in {found_in}.", "The largest deposits of {s} are found in {found_in}.",
        "Most of the world's {s} comes from {found_in}.",
        "{s} is a {color} {category} with a melting point of {melting_point} °C.",
    ),
    "company": (
        "{s} is a {industry} company.", "{s} operates in the {industry} industry.",
        "{s} was founded by {founder}.", "{founder} founded {s}.", "{s} was established by {founder}.",
        "{s} was founded in {founded}.", "{s} was established in {founded}.", "{s} has been in business since {founded}.",
        "{s} was founded by {founder} in {founded}.", "{founder} established {s} in {founded}.",
        "{s} was founded in {founded} by {founder}.",
        "{s} is headquartered in {headquarters}.", "{s} has its headquarters in {headquarters}.",
        "The head office of {s} is in {headquarters}.",
        "{s} employs about {employees} people.", "{s} has {employees} employees.",
        "{s} is a {industry} company based in {headquarters}.",
        "{s} is a {industry} company founded by {founder} in {founded}.",
    ),
    "species": (
        "{s} is a species of {group}.", "{s} is a species of {group} native to {native_to}.",
        "{s} is native to {native_to}.", "{s} is found only in {native_to}.", "{s} is endemic to {native_to}.",
        "{s} lives in {habitat}.", "{s} is found in {habitat}.", "The usual habitat of {s} is {habitat}.",
        "{s} reaches a length of about {length} centimetres.", "Adults of {s} measure up to {length} cm.",
        "{s} feeds mainly on {diet}.", "The diet of {s} consists largely of {diet}.",
        "{s} was first described by {described_by}.",
        "{s} was scientifically described by {described_by} in {described_year}.",
        "{s} was first described in {described_year}.", "{described_by} described {s} in {described_year}.",
        "{s} is listed as {status}.", "The conservation status of {s} is {status}.",
        "{s} is a {group} native to {native_to}, where it lives in {habitat}.",
    ),
    "ship": (
        "{s} was a {ship_type}.", "{s} was a {ship_type} launched in {launched}.",
        "{s} was launched in {launched}.", "{s} was launched in {launched} and entered service the following year.",
        "{s} was built by {builder}.", "{builder} built {s}.", "{s} was constructed at the yard of {builder}.",
        "{s} was built by {builder} and launched in {launched}.",
        "{s} was based at {home_port}.", "The home port of {s} was {home_port}.",
        "{s} sailed out of {home_port} for most of her career.",
        "{s} was {length} metres long.", "{s} had an overall length of {length} m.",
        "{s} was eventually {fate}.", "In the end, {s} was {fate}.",
        "{s} was a {ship_type} built by {builder} for service out of {home_port}.",
    ),
    "book": (
        "{s} is a {genre} by {author}.", "{s} was written by {author}.", "{author} wrote {s}.",
        "{s} is a work by {author}.",
        "{s} was published in {published}.", "{s} first appeared in {published}.", "{s} was first published in {published}.",
        "{s} is a {genre} by {author}, first published in {published}.", "{author} published {s} in {published}.",
        "{s} is a {genre}.", "{s} was originally written in {language}.", "{s} was written in {language}.",
        "{s} is set in {setting}.", "The story of {s} takes place in {setting}.", "{s} is set in the city of {setting}.",
        "{s} is a {genre} set in {setting}.",
    ),
    "term": (
        "In {field}, {s} is {meaning}.", "{s} is {meaning}.", "{s} is {meaning} from {origin}.",
        "{s} is {meaning}, traditional in {origin}.", "The word {s} comes from {origin}.",
        "{s} originated in {origin}.",
    ),
}

# Sentences told from the side of the entity a relation points at: {T} is that entity
# (name or pronoun), {o} the entity holding the relation; other fields are {o}'s attributes.
REVERSE: dict[tuple[str, str], tuple[str, ...]] = {
    ("substance", "discovered_by"): (
        "{T} discovered {o}.", "{T} is credited with the discovery of {o}.",
        "In {discovery_year}, {T} became the first to isolate {o}.", "{T} discovered {o} in {discovery_year}.",
        "Among {T}'s achievements was the discovery of {o}."),
    ("mountain", "first_ascent_by"): (
        "{T} made the first ascent of {o}.", "{T} was the first to reach the summit of {o}.",
        "In {first_ascent_year}, {T} led the first successful climb of {o}.",
        "{T} made the first ascent of {o} in {first_ascent_year}."),
    ("species", "described_by"): (
        "{T} was the first to describe {o}.", "{T} gave the first scientific description of {o} in {described_year}.",
        "{T} described {o}, a {group} native to {native_to}."),
    ("company", "founder"): (
        "{T} founded {o}.", "{T} founded {o} in {founded}.", "In {founded}, {T} established {o} in {headquarters}.",
        "{T} went on to found {o}, a {industry} company."),
    ("book", "author"): (
        "{T} wrote {o}.", "{T} is the author of {o}.", "{T} published {o} in {published}.",
        "{T}'s {genre} {o} appeared in {published}."),
    ("country", "capital"): (
        "{T} is the capital of {o}.", "{T} serves as the capital of {o}.", "{T} is the capital city of {o}.",
        "As the capital of {o}, {T} is the seat of its government."),
    ("person", "birthplace"): (
        "{o} was born in {T}.", "{T} is the birthplace of {o}.", "The {occupation} {o} was born in {T} in {birth_year}.",
        "{o}, the {occupation}, was born in {T}."),
    ("city", "river"): (
        "{T} flows through {o}.", "{o} lies on {T}.", "The city of {o} stands on the banks of {T}."),
    ("ship", "builder"): (
        "{T} built {o}.", "Among the ships built by {T} was {o}, launched in {launched}.", "{T} launched {o} in {launched}."),
    ("company", "headquarters"): (
        "{o} has its headquarters in {T}.", "{T} is home to {o}.", "The {industry} company {o} is based in {T}."),
    ("book", "setting"): (
        "{T} is the setting of {o}, a {genre} by {author}.", "{o} is set in {T}."),
    ("ship", "home_port"): ("{o} was based at {T}.", "{T} was the home port of {o}."),
    ("substance", "found_in"): ("{T} has the largest deposits of {o}.", "{o} is mined mainly in {T}."),
    ("country", "highest_point"): ("{T} is the highest mountain in {o}.", "{T} is the highest point of {o}."),
    ("river", "source"): ("{o} rises on the slopes of {T}.", "{T} is the source of {o}."),
    ("term", "origin"): ("The word {o} comes from {T}.",),
    ("city", "country"): ("{o} is one of the cities of {T}.", "The city of {o} lies in {T}."),
    ("river", "country"): ("{o} flows through {T}.", "{T} is crossed by {o}."),
    ("mountain", "country"): ("{o} rises in {T}.", "{o} is one of the mountains of {T}."),
    ("species", "native_to"): ("{o} is found only in {T}.", "{T} is the only home of {o}."),
}
LEAD_BACK = {"city": (("country", "capital"),), "mountain": (("country", "highest_point"),)}

# Timeline lines: (kind, year attribute) -> phrases, in the historical present.
TIMELINE: dict[tuple[str, str], tuple[str, ...]] = {
    ("country", "independence"): ("{s} gains independence", "{s} becomes an independent state", "Independence of {s}"),
    ("city", "founded"): ("{s} is founded", "Foundation of {s}", "The town of {s} is founded"),
    ("person", "birth_year"): ("{s} is born", "Birth of {s}", "{s} is born in {birthplace}"),
    ("person", "death_year"): ("{s} dies", "Death of {s}"),
    ("mountain", "first_ascent_year"): ("First ascent of {s}", "{first_ascent_by} makes the first ascent of {s}", "{s} is climbed for the first time"),
    ("substance", "discovery_year"): ("{s} is discovered", "{discovered_by} discovers {s}", "Discovery of {s}"),
    ("company", "founded"): ("{s} is founded", "{founder} founds {s}", "{s} is established in {headquarters}"),
    ("species", "described_year"): ("{s} is first described", "{described_by} describes {s}"),
    ("ship", "launched"): ("{s} is launched", "Launch of {s}", "{builder} launches {s}"),
    ("book", "published"): ("{s} is published", "Publication of {s}", "{author} publishes {s}"),
}

# Query phrasings: (question, answer sentence); {s} subject, {v} value display.
QUERY_FORMS: dict[tuple[str, str], tuple[str, str]] = {
    ("country", "capital"): ("What is the capital of {s}?", "The capital of {s} is {v}."),
    ("country", "currency"): ("What is the currency of {s}?", "The currency of {s} is the {v}."),
    ("country", "language"): ("What is the official language of {s}?", "The official language of {s} is {v}."),
    ("country", "independence"): ("In what year did {s} gain independence?", "{s} gained independence in {v}."),
    ("country", "highest_point"): ("What is the highest mountain in {s}?", "The highest mountain in {s} is {v}."),
    ("city", "country"): ("In which country is the city of {s}?", "{s} is a city in {v}."),
    ("city", "founded"): ("In what year was the city of {s} founded?", "{s} was founded in {v}."),
    ("city", "river"): ("On which river does {s} lie?", "{s} lies on {v}."),
    ("person", "birthplace"): ("Where was {s} born?", "{s} was born in {v}."),
    ("person", "birth_year"): ("In what year was {s} born?", "{s} was born in {v}."),
    ("river", "mouth"): ("Into which sea does {s} flow?", "{s} flows into {v}."),
    ("river", "country"): ("Through which country does {s} flow?", "{s} flows through {v}."),
    ("mountain", "first_ascent_by"): ("Who made the first ascent of {s}?", "The first ascent of {s} was made by {v}."),
    ("mountain", "country"): ("In which country is {s}?", "{s} is in {v}."),
    ("substance", "discovered_by"): ("Who discovered {s}?", "{s} was discovered by {v}."),
    ("substance", "discovery_year"): ("In what year was {s} discovered?", "{s} was discovered in {v}."),
    ("company", "founder"): ("Who founded {s}?", "{s} was founded by {v}."),
    ("company", "headquarters"): ("Where is {s} headquartered?", "{s} is headquartered in {v}."),
    ("company", "founded"): ("In what year was {s} founded?", "{s} was founded in {v}."),
    ("species", "native_to"): ("To which country is {s} native?", "{s} is native to {v}."),
    ("species", "described_by"): ("Who first described {s}?", "{s} was first described by {v}."),
    ("ship", "builder"): ("Which company built {s}?", "{s} was built by {v}."),
    ("ship", "home_port"): ("What was the home port of {s}?", "The home port of {s} was {v}."),
    ("ship", "launched"): ("In what year was {s} launched?", "{s} was launched in {v}."),
    ("book", "author"): ("Who wrote {s}?", "{s} was written by {v}."),
    ("book", "published"): ("In what year was {s} first published?", "{s} was first published in {v}."),
    ("book", "setting"): ("In which city is {s} set?", "{s} is set in {v}."),
}

# Labels for key: value blocks and tables.
LABELS = {
    "capital": "Capital", "population": "Population", "area": "Area (km2)", "independence": "Independence",
    "currency": "Currency", "language": "Official language", "region": "Region", "government": "Government",
    "exports": "Main exports", "climate": "Climate", "highest_point": "Highest point", "country": "Country",
    "founded": "Founded", "elevation": "Elevation (m)", "river": "River", "industry": "Known for",
    "landmark": "Landmark", "occupation": "Occupation", "birthplace": "Born in", "birth_year": "Born",
    "death_year": "Died", "notable_work": "Notable work", "length": "Length", "source": "Source",
    "mouth": "Mouth", "range": "Range", "first_ascent_by": "First ascent by", "first_ascent_year": "First ascent",
    "category": "Category", "color": "Colour", "melting_point": "Melting point (°C)", "discovered_by": "Discovered by",
    "discovery_year": "Discovered", "use": "Main use", "found_in": "Main deposits", "founder": "Founder",
    "headquarters": "Headquarters", "employees": "Employees", "group": "Group", "native_to": "Native to",
    "habitat": "Habitat", "diet": "Diet", "described_by": "Described by", "described_year": "Described",
    "status": "Conservation status", "ship_type": "Type", "launched": "Launched", "builder": "Builder",
    "home_port": "Home port", "fate": "Fate", "author": "Author", "published": "Published", "genre": "Genre",
    "setting": "Setting", "field": "Field", "meaning": "Meaning", "origin": "Origin",
}
UNIT_LABEL = {("river", "length"): "Length (km)", ("ship", "length"): "Length (m)", ("species", "length"): "Length (cm)"}

# Numeric attributes for comparisons: (kind, attr, adjective superlative, unit phrase).
COMPARE = (
    ("country", "population", "most populous", "with {v} inhabitants"), ("country", "area", "largest", "covering {v} square kilometres"),
    ("city", "population", "largest", "with {v} inhabitants"), ("city", "elevation", "highest", "at {v} metres above sea level"),
    ("river", "length", "longest", "at {v} kilometres"), ("mountain", "elevation", "highest", "at {v} metres"),
    ("substance", "melting_point", "highest-melting", "melting at {v} °C"), ("company", "employees", "largest", "with {v} employees"),
    ("ship", "length", "longest", "at {v} metres"), ("species", "length", "largest", "at up to {v} centimetres"),
)

# Sections of encyclopedia articles: kind -> (heading choices, own attributes, back relations, filler key).
SECTIONS: dict[str, tuple] = {
    "country": (
        (("History",), ("independence",), (), "history"),
        (("Geography", "Geography and climate"), ("region", "area", "climate", "highest_point"), (("river", "country"), ("mountain", "country")), "geography"),
        (("Economy",), ("exports", "currency"), (("company", "headquarters"),), "economy"),
        (("Demographics", "Population"), ("population", "language"), (("city", "country"),), "demographics"),
        (("Politics", "Government and politics"), ("government", "capital"), (), "politics"),
        (("Culture",), (), (("person", "birthplace"), ("book", "setting")), "culture"),
        (("Transport", "Infrastructure"), (), (), "transport"),
        (("Education",), (), (), "education"),
    ),
    "city": (
        (("History",), ("founded",), (), "history"),
        (("Geography", "Location"), ("country", "elevation", "river"), (), "geography"),
        (("Economy",), ("industry",), (("company", "headquarters"), ("ship", "home_port")), "economy"),
        (("Landmarks", "Sights"), ("landmark",), (), "landmarks"),
        (("Notable people", "People"), (), (("person", "birthplace"),), "people"),
        (("Demographics",), ("population",), (), "demographics"),
        (("In literature",), (), (("book", "setting"),), None),
        (("Transport",), (), (), "transport"),
        (("Culture", "Education and culture"), (), (), "culture"),
    ),
    "person": (
        (("Early life", "Early years"), ("birthplace", "birth_year"), (), "early"),
        (("Career", "Work"), ("occupation", "notable_work"), (("substance", "discovered_by"), ("mountain", "first_ascent_by"), ("species", "described_by"), ("company", "founder"), ("book", "author")), "career"),
        (("Later life", "Death"), ("death_year",), (), "later"),
        (("Personal life",), (), (), "personal"),
        (("Legacy",), (), (), "legacy"),
    ),
    "river": (
        (("Course",), ("source", "mouth", "length"), (("city", "river"),), "course"),
        (("History",), (), (), "history"),
        (("Ecology", "Wildlife"), (), (), "ecology"),
        (("Recreation", "Leisure"), (), (), "recreation"),
    ),
    "mountain": (
        (("Geography",), ("range", "elevation", "country"), (("river", "source"),), "geography"),
        (("Climbing history", "Ascents"), ("first_ascent_by", "first_ascent_year"), (), "climbing"),
        (("Geology",), (), (), "geology"),
        (("Flora and fauna",), (), (), "flora"),
    ),
    "substance": (
        (("Properties",), ("color", "melting_point", "category"), (), "properties"),
        (("History", "Discovery"), ("discovered_by", "discovery_year"), (), "history"),
        (("Occurrence",), ("found_in",), (), "occurrence"),
        (("Uses", "Applications"), ("use",), (), "uses"),
    ),
    "company": (
        (("History",), ("founder", "founded"), (("ship", "builder"),), "history"),
        (("Operations", "Business"), ("headquarters", "employees", "industry"), (), "operations"),
        (("Products",), (), (), "products"),
    ),
    "species": (
        (("Description",), ("length", "group"), (), "description"),
        (("Distribution and habitat", "Range"), ("native_to", "habitat"), (), None),
        (("Behaviour and diet", "Ecology"), ("diet",), (), "behaviour"),
        (("Taxonomy",), ("described_by", "described_year"), (), None),
        (("Conservation",), ("status",), (), "conservation"),
    ),
    "ship": (
        (("Construction",), ("builder", "launched", "length", "ship_type"), (), "construction"),
        (("Service history", "Career"), ("home_port",), (), "service"),
        (("Fate",), ("fate",), (), "fate"),
    ),
    "book": (
        (("Background",), ("author", "published", "language"), (), "background"),
        (("Plot", "Synopsis", "Content"), ("setting",), (), "plot"),
        (("Themes",), (), (), "themes"),
        (("Reception",), (), (), "reception"),
    ),
    "term": ((("Meaning",), ("meaning", "field", "origin"), (), None),),
}
LEAD = {
    "country": ("region", "capital", "population"), "city": ("country", "population"),
    "person": ("occupation", "birth_year", "death_year"), "river": ("country", "length"),
    "mountain": ("country", "elevation"), "substance": ("category", "color"),
    "company": ("industry", "headquarters"), "species": ("group", "native_to"),
    "ship": ("ship_type", "launched"), "book": ("genre", "author", "published"), "term": ("meaning", "origin"),
}

# Fillers: descriptive sentences without checkable specifics. {n} name, {it}/{its} pronouns,
# {noun} kind noun, {dem} demonym, {He}/{His}/{he}/{his}/{him} for people.
FILLERS: dict[str, dict[str, tuple[str, ...]]] = {
    "country": {
        "intro": (
            "{n} is known for its forests, lakes and old market towns.",
            "The country is divided into provinces, each with its own elected assembly.",
            "{n} is a member of several regional trade and customs organisations.",
            "Its national day is celebrated with parades and concerts in every town.",
        ),
        "history": (
            "The lands that now form {n} have been inhabited since prehistoric times, and burial mounds and hill forts survive across the interior.",
            "For much of the medieval period the territory was divided among rival principalities and free trading towns.",
            "Merchants from the coast traded furs, salt and timber with neighbouring peoples long before the first written records.",
            "A national movement grew during the nineteenth century, led largely by teachers, clergy and newspaper editors.",
            "The arrival of the railway transformed the economy and drew thousands of people from the countryside into the towns.",
            "The country was badly affected by the economic depression of the early twentieth century.",
            "A new constitution, adopted after a period of unrest, extended the vote to all adult citizens.",
            "Historians usually divide the history of {n} into an early period of small kingdoms and a later period of centralised rule.",
            "Periods of foreign rule are still remembered in {dem} folk songs and place names.",
            "Land reform in the early twentieth century broke up many of the great estates.",
            "The old capital was abandoned after an earthquake, and the court moved several times before settling.",
            "Trade with the neighbouring states expanded greatly after the opening of new roads over the mountain passes.",
            "The monasteries were centres of learning and preserved many early manuscripts.",
        ),
        "geography": (
            "The landscape of {n} ranges from low coastal plains to forested uplands in the interior.",
            "Much of the country is drained by rivers flowing towards the sea, and their valleys hold most of the population.",
            "Winters in the interior are long and cold, while the coast enjoys milder conditions.",
            "Large areas of the north are covered by pine forest, lakes and peat bogs.",
            "The fertile river valleys of the south have been farmed intensively for centuries.",
            "Several national parks protect the country's remaining areas of old-growth forest.",
            "The coastline is indented by bays and sheltered inlets, with many small islands offshore.",
        ),
        "economy": (
            "Agriculture, forestry and fishing were long the mainstays of the {dem} economy.",
            "In recent decades the service sector has grown to become the largest employer.",
            "Tourism has become an important source of income, particularly along the coast and in the mountains.",
            "The state retains a share in several large companies, including the national railway.",
            "Manufacturing is concentrated in and around the larger cities.",
            "Money sent home by {dem} workers abroad makes up a noticeable share of household income.",
        ),
        "demographics": (
            "The population is concentrated in the river valleys and along the coast.",
            "About two thirds of the population live in towns and cities.",
            "Small communities of speakers of minority languages live in the border regions.",
            "The population grew rapidly in the late nineteenth century before emigration slowed its growth.",
            "Life expectancy has risen steadily since the middle of the twentieth century.",
        ),
        "politics": (
            "Legislative power is vested in a single-chamber assembly elected every four years.",
            "Local government is organised in provinces and municipalities.",
            "Coalition governments have been the rule since the middle of the twentieth century.",
            "The head of state has a largely ceremonial role.",
            "The constitution guarantees freedom of religion and of the press.",
        ),
        "transport": (
            "A railway line runs along the coast and connects the main ports with the capital.",
            "Many mountain villages were linked to the road network only in the twentieth century.",
            "Ferries connect the mainland with the larger offshore islands.",
            "The national airline operates flights to most neighbouring capitals.",
        ),
        "education": (
            "Schooling is compulsory between the ages of six and sixteen.",
            "The oldest university in the country was founded by a royal charter.",
            "Literacy rates are high, and public libraries are found in almost every town.",
        ),
        "culture": (
            "{dem} literature has a long tradition of epic poetry and folk tales, many of them first written down in the nineteenth century.",
            "Music and dance festivals are held in most towns during the summer months.",
            "Traditional {dem} cooking relies on rye bread, smoked fish, root vegetables and soured milk.",
            "Football is the most popular sport, followed by cycling and cross-country skiing.",
            "{dem} painters of the nineteenth century were known above all for their landscapes.",
            "Wooden churches with painted interiors are found in many rural parishes.",
        ),
    },
    "city": {
        "intro": (
            "{n} is an important regional centre for trade, education and administration.",
            "The historic centre of {n} is protected as a conservation area.",
            "{n} is linked to the rest of the country by road and rail.",
            "The city is the seat of a district court and a regional library.",
        ),
        "history": (
            "{n} grew up around a river crossing and a weekly market.",
            "In the Middle Ages the town was surrounded by walls, parts of which survive today.",
            "A great fire destroyed much of the old town, which was afterwards rebuilt in stone.",
            "The city grew rapidly after the arrival of the railway in the nineteenth century.",
            "During the twentieth century the city expanded into the surrounding villages.",
            "For centuries {n} was an important stop on the trade route between the coast and the interior.",
            "The town received its charter from the crown and was governed by a council of merchants.",
        ),
        "geography": (
            "The old town occupies a low hill, while newer districts spread across the plain.",
            "{n} is surrounded by farmland, orchards and small woods.",
            "Summers are warm and winters cool and wet.",
            "Several parks and a large cemetery lie on the edge of the historic centre.",
        ),
        "economy": (
            "Today the largest employers are the regional hospital, the schools and the city council.",
            "Small workshops, warehouses and a busy weekly market remain part of city life.",
            "Many residents commute to work in nearby towns.",
            "The city is an important railway junction.",
            "Tourism has grown in recent years, helped by the restoration of the old town.",
            "A large covered market has stood on the same site since the nineteenth century.",
        ),
        "landmarks": (
            "The market square is lined with merchants' houses with painted gables.",
            "The old customs house now serves as the city museum.",
            "A stone bridge of seven arches links the two halves of the city.",
            "The narrow streets of the old town are largely closed to traffic.",
        ),
        "people": (
            "{n} has been home to a number of writers, scientists and artists.",
            "Several well-known figures were born or spent part of their lives in the city.",
        ),
        "transport": (
            "A tram network serves the city centre and the inner suburbs.",
            "The main railway station lies just outside the old town walls.",
            "A ring road carries through traffic around the historic centre.",
        ),
        "culture": (
            "The city theatre stages opera, drama and ballet.",
            "A folk festival held every summer draws visitors from across the region.",
            "The municipal museum holds collections of local history, crafts and painting.",
            "The university library has one of the largest collections of manuscripts in the country.",
        ),
        "demographics": (
            "The population of the city doubled during the second half of the twentieth century.",
            "Most residents are employed in trade, education and public services.",
        ),
    },
    "person": {
        "intro": (
            "{He} is regarded as one of the leading {dem} figures of {his} generation.",
            "{His} work was influential both at home and abroad.",
            "{He} is remembered as much for {his} letters as for {his} professional work.",
        ),
        "early": (
            "{He} was the eldest of five children of a schoolteacher and a seamstress.",
            "{His} father ran a small bookshop near the harbour.",
            "{He} showed an early talent for drawing and mathematics.",
            "After attending the local grammar school, {he} went on to study at university.",
            "As a child {he} spent long summers with {his} grandparents in the countryside.",
            "{His} family moved several times during {his} childhood.",
        ),
        "career": (
            "{He} spent most of {his} working life in the capital.",
            "{His} early work attracted little attention, but later brought {him} wide recognition.",
            "{He} travelled widely and corresponded with many of the leading figures of the day.",
            "{He} was elected a member of the national academy.",
            "Colleagues remembered {him} as a meticulous and tireless worker.",
            "{He} published a large number of papers, letters and notebooks.",
            "For several years {he} held a teaching post at a provincial college.",
            "{His} work brought {him} into conflict with some of the established authorities of the time.",
            "{He} received several prizes and honorary degrees.",
        ),
        "later": (
            "In later life {he} withdrew from public activity and lived quietly in the country.",
            "{He} continued to work until shortly before {his} death.",
            "{He} married late and had no children.",
            "{He} was buried in the city cemetery.",
        ),
        "personal": (
            "{He} was a keen walker and spent many holidays in the mountains.",
            "{He} kept a diary for most of {his} adult life.",
            "{His} correspondence with {his} brother has been published in two volumes.",
            "{He} spoke several languages and translated a number of foreign works.",
        ),
        "legacy": (
            "A street and a secondary school bear {his} name.",
            "{His} papers are held in the national library.",
            "{His} reputation has grown considerably since {his} death.",
            "A statue of {him} stands in a small square near the old town.",
            "A biography of {him} appeared in the centenary year of {his} birth.",
        ),
    },
    "river": {
        "intro": (
            "The river is navigable by small boats for part of its length.",
            "Its valley is one of the most densely settled areas of the region.",
        ),
        "course": (
            "In its upper course the river flows swiftly through narrow, wooded valleys.",
            "Below the gorge the valley widens and the river meanders across a broad plain.",
            "Several tributaries join the river in its middle course.",
            "Near its mouth the river divides into several channels separated by marshy islands.",
        ),
        "history": (
            "The river was an important trade route, and barges carried timber and grain downstream.",
            "Mills once lined its banks, though few of them survive.",
            "Flooding was a regular problem until embankments were built in the nineteenth century.",
            "A canal built in the nineteenth century once linked the river to the neighbouring valley.",
            "Several of the bridges across the river date from the medieval period.",
        ),
        "recreation": (
            "Canoeing and angling are popular along the quieter stretches of the river.",
            "A long-distance footpath follows the valley for much of its length.",
            "Several beaches on the lower river are used for swimming in summer.",
        ),
        "ecology": (
            "The river supports populations of trout, eels and freshwater mussels.",
            "Its wetlands are an important stopping point for migrating birds.",
            "Water quality has improved markedly since the closure of several factories upstream.",
        ),
    },
    "mountain": {
        "intro": (
            "The mountain is a popular destination for hikers in summer and ski tourers in spring.",
            "Its summit offers views over several valleys and, on clear days, the distant coast.",
        ),
        "geography": (
            "The mountain is formed largely of granite and is capped by a small glacier.",
            "Its lower slopes are covered by pine and beech forest.",
            "Snow covers the summit for most of the year.",
            "Several small lakes lie in hollows on the northern side of the mountain.",
        ),
        "climbing": (
            "The normal route follows the south-east ridge and is considered moderately difficult.",
            "Earlier attempts on the summit had been turned back by bad weather.",
            "Today the mountain is climbed by several hundred people each summer.",
            "A mountain hut on the eastern ridge offers shelter to climbers.",
        ),
        "flora": (
            "Alpine meadows above the tree line are rich in gentians and saxifrages.",
            "Chamois and marmots are commonly seen on the upper slopes.",
            "Golden eagles nest on the cliffs of the northern face.",
        ),
        "geology": (
            "The peak was shaped by glaciers during the last ice age.",
            "Fossils of marine animals have been found in the limestone of its lower slopes.",
            "The rock of the summit ridge is heavily fractured by frost.",
        ),
    },
    "substance": {
        "intro": (
            "It is not found in a pure state in nature.",
            "It forms a number of compounds, several of which are brightly coloured.",
        ),
        "properties": (
            "It is relatively soft and can be cut with a knife when freshly prepared.",
            "It does not dissolve in water but reacts slowly with acids.",
            "Exposed to air, its surface gradually darkens.",
            "It is a poor conductor of heat and electricity.",
            "Its crystals are brittle and break along flat planes.",
        ),
        "properties_gas": (
            "It has no smell and is slightly heavier than air.",
            "It can be liquefied under pressure at low temperature.",
            "It is only sparingly soluble in water.",
            "It burns with a pale flame when mixed with air and ignited.",
        ),
        "history": (
            "Its discovery attracted considerable attention among the chemists of the period.",
            "For many years only small samples could be prepared in the laboratory.",
            "The name refers to the colour of its compounds.",
        ),
        "occurrence": (
            "It occurs naturally in small quantities in certain volcanic rocks.",
            "It is usually obtained as a by-product of the refining of other ores.",
        ),
        "uses": (
            "Demand has risen steadily since the middle of the twentieth century.",
            "Small amounts are also used in laboratory research.",
        ),
    },
    "company": {
        "intro": (
            "It is one of the oldest firms of its kind still in operation.",
            "The company remains privately owned.",
        ),
        "history": (
            "The company began as a small workshop with a handful of employees.",
            "It expanded rapidly in the late nineteenth century, opening new works near the railway.",
            "During the economic crisis of the 1930s the company came close to bankruptcy.",
            "The founder's family remained in control of the firm for three generations.",
            "After a series of mergers the company took its present form.",
            "Its early products won medals at several international exhibitions.",
        ),
        "products": (
            "Its range has changed considerably over the years, but its original product line is still made.",
            "The firm is known for the quality of its finishing and its long guarantees.",
            "Much of its output goes to customers in other industries rather than to the public.",
        ),
        "operations": (
            "The company operates several plants at home and abroad.",
            "Its shares are listed on the national stock exchange.",
            "A large part of its output is exported.",
            "The company maintains a small museum devoted to its history.",
        ),
    },
    "species": {
        "intro": (
            "It is one of several closely related species found in the region.",
            "Little was known about its behaviour until the late twentieth century.",
        ),
        "description": (
            "Males are slightly larger and more brightly coloured than females.",
            "It is recognisable by the pale stripe that runs along its back.",
            "Juveniles are duller in colour than adults.",
        ),
        "behaviour": (
            "It is mostly active at dawn and dusk.",
            "It lives in small groups outside the breeding season.",
            "Breeding takes place in late spring.",
        ),
        "conservation": (
            "Its numbers have declined because of habitat loss.",
            "Part of its range lies within protected areas.",
        ),
    },
    "ship": {
        "construction": (
            "She was built to a design that was considered modern for her day.",
            "Her hull was of riveted steel.",
        ),
        "service": (
            "For many years she carried passengers, mail and cargo along the coast.",
            "She took part in several rescue operations during severe winter storms.",
            "She was requisitioned by the navy for a short period during wartime.",
        ),
        "fate": ("Her bell is displayed in a maritime museum.",),
    },
    "book": {
        "background": (
            "The author worked on the book for more than a decade.",
            "It was written partly during a long stay abroad.",
        ),
        "plot": (
            "The book follows three generations of a family of merchants.",
            "The story centres on a young teacher who returns to her home town.",
            "It tells the story of a long winter in a port town.",
            "The narrative is told in a series of letters.",
        ),
        "poetry": (
            "The poems deal with the sea, the seasons and the loss of a childhood home.",
            "Many of the poems are written in the form of letters to the poet's sister.",
        ),
        "themes": (
            "Critics have noted the book's concern with memory, exile and the passing of time.",
            "The relationship between the city and the countryside is a recurring theme.",
            "The work is often read as a portrait of a society on the eve of great change.",
        ),
        "reception": (
            "Early reviews were mixed, but the book soon found a wide readership.",
            "It has been translated into more than twenty languages.",
            "It is widely read in schools.",
            "A film adaptation was released in the 1960s.",
        ),
    },
}

NEWS_ROLES = (
    "a spokesperson for the city council", "the director of the national museum", "a local historian",
    "a government spokesperson", "the chair of the organising committee", "a researcher at the national academy",
    "the head of the regional tourist board", "a board member", "the mayor", "a curator at the city archive",
)
NEWS_ANNIVERSARY = (
    "Events were held this week to mark", "Residents gathered on Saturday to celebrate",
    "A series of exhibitions and concerts opened this week to mark", "Officials laid wreaths on Monday to commemorate",
)
NEWS_QUOTES_ANNIV = (
    "“This is an important moment for everyone here,”", "“People are rightly proud of this history,”",
    "“We wanted to do something that everyone could take part in,”", "“The response has been remarkable,”",
    "“It is a story that deserves to be better known,”", "“Anniversaries like this remind us where we come from,”",
)
NEWS_QUOTES = (
    "“The figures speak for themselves,”", "“We have been preparing for this for a long time,”",
    "“This is good news for the whole region,”", "“We are cautiously optimistic,”",
    "“There is still a great deal of work to do,”", "“Nobody expected the level of interest we have seen,”",
)
NEWS_SECOND_QUOTES = (
    "We hope many more people will come and see for themselves.", "It has been a long road, but we are getting there.",
    "Our thanks go to the volunteers who made this possible.", "We will publish a full report in the spring.",
    "This is only the beginning.",
)
NEWS_CLOSERS = (
    "The programme of events continues until the end of the month.",
    "A commemorative stamp is to be issued later in the year.",
    "Further details are expected to be published in the coming weeks.",
    "Organisers said attendance had exceeded expectations.",
    "The local museum has extended its opening hours for the occasion.",
    "A public meeting on the subject will be held next month.",
    "The full report is available from the regional statistics office.",
)
NEWS_HOOKS: dict[str, tuple[tuple[str, str], ...]] = {
    "country": (("Census results published for {N}", "the national statistics office of {n} has published the first results of this year's census."),
                ("{N} hosts regional summit", "leaders from across the region arrived on {day} for a two-day summit hosted by {n}."),
                ("Tourism in {N} reaches record level", "visitor numbers in {n} reached a record level last year, according to figures released on {day}.")),
    "city": (("New bridge opens in {N}", "a new footbridge across the river was opened in {n} on {day}."),
             ("{N} restores historic market hall", "restoration work on the old market hall in {n} was completed this week."),
             ("{N} named regional capital of culture", "{n} has been chosen to host next year's regional festival of culture.")),
    "person": (("Letters of {N} go on display", "a collection of previously unpublished letters by {n} went on display on {day}."),
               ("New biography of {N} published", "a new biography of {n} was published this week."),
               ("Statue of {N} unveiled", "a bronze statue of {n} was unveiled on {day}.")),
    "river": (("Flood warning issued for {n}", "authorities issued a flood warning for {n} on {day} after several days of heavy rain."),
              ("Clean-up of {n} shows results", "a survey published on {day} found that water quality in {n} has improved markedly.")),
    "mountain": (("Climbing season opens on {n}", "the climbing season on {n} opened on {day} with good snow conditions."),
                 ("New mountain hut for {n}", "a new mountain hut on {n} was opened to climbers on {day}.")),
    "substance": (("Price of {n} rises sharply", "the price of {n} rose sharply on {day} amid concerns about supply."),
                  ("New deposit of {n} reported", "geologists reported on {day} the discovery of a new deposit of {n}.")),
    "company": (("{N} announces expansion", "{n} announced on {day} that it will open a new plant and hire several hundred workers."),
                ("{N} reports strong year", "{n} reported higher sales and profits for the last financial year on {day}."),
                ("New chief executive for {N}", "{n} named a new chief executive on {day}.")),
    "species": (("Survey finds more {N}s than expected", "a survey published on {day} counted more of {n} than researchers had expected."),
                ("Conservation plan for {n}", "a new conservation plan for {n} was announced on {day}.")),
    "ship": (("Restoration of {n} completed", "restoration of {n} was completed this week after several years of work."),
             ("Wreck of {n} located", "divers said on {day} they had located what they believe is the wreck of {n}.")),
    "book": (("New translation of {N}", "a new translation of {n} was published this week."),
             ("{N} to be adapted for the stage", "a stage adaptation of {n} will open next season, the theatre announced on {day}.")),
}

MASS_NOUNS = frozenset((
    "umami", "photosynthesis", "erosion", "inflation", "biodiversity", "fermentation", "friction", "inertia", "density",
    "irrigation", "humidity", "copyright", "feudalism", "oxidation", "encryption", "migration", "symbiosis", "pollination",
    "sediment", "permafrost", "bandwidth", "sourdough", "barter", "watercolour", "tundra", "etymology", "altitude",
    "variance", "latitude", "longitude", "pidgin",
))

FACT_STYLES = (
    # style, source(s), weight
    ("encyclopedia_article", ("encyclopedia",), 0.20),
    ("stub", ("encyclopedia",), 0.07),
    ("infobox", ("encyclopedia", "web"), 0.07),
    ("fact_sheet", ("web",), 0.05),
    ("trivia_list", ("web",), 0.08),
    ("glossary", ("encyclopedia", "web"), 0.07),
    ("definition", ("encyclopedia", "web"), 0.06),
    ("almanac_table", ("web", "encyclopedia"), 0.07),
    ("news_report", ("news",), 0.10),
    ("qa_trivia", ("forum",), 0.08),
    ("timeline", ("encyclopedia", "web"), 0.06),
    ("comparison", ("web", "encyclopedia"), 0.07),
)

_FMT = string.Formatter()


@dataclass(frozen=True)
class _Tpl:
    text: str
    attrs: frozenset
    pron: bool  # may the subject be replaced by a pronoun


def _compile(kind: str, text: str) -> _Tpl:
    fields = {f for _, f, _, _ in _FMT.parse(text) if f}
    attrs = frozenset(f for f in fields if f not in ("s", "dem", "age", "pp"))
    pron = text.startswith("{s} ") and text[4:5].islower()
    return _Tpl(text, attrs, pron)


_TPL = {kind: [_compile(kind, t) for t in ts] for kind, ts in TEMPLATES.items()}
_REV: dict[tuple[str, str], list[_Tpl]] = {
    key: [_Tpl(t, frozenset(f for _, f, _, _ in _FMT.parse(t) if f and f not in ("T", "o")),
               t.startswith("{T} ") and t[4:5].islower()) for t in ts]
    for key, ts in REVERSE.items()
}
_BY_ATTR: dict[tuple[str, str], list[_Tpl]] = {}
for _kind, _tpls in _TPL.items():
    for _t in _tpls:
        for _a in _t.attrs:
            _BY_ATTR.setdefault((_kind, _a), []).append(_t)


# --------------------------------------------------------------------------- knowledge base
class _Names:
    """Unique invented names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def take(self, make, maxlen: int = 40) -> str:
        for _ in range(1000):
            name = make()
            key = name.lower()
            if (key not in self.used and len(name) <= maxlen and "ii" not in key
                    and not any(w in B.COMMON_WORDS for w in key.split())):
                self.used.add(key)
                return name
        raise RuntimeError("name space exhausted")

    def stem(self, lo: int = 2, hi: int = 3) -> str:
        return self.take(lambda: B.stem(self.rng, lo, hi))

    def word(self, lo: int = 2, hi: int = 3) -> str:
        return cap(self.stem(lo, hi))


def _join_suffix(stem: str, suffix: str) -> str:
    if suffix and stem[-1] in "aeiouy" and suffix[0] in "aeiouy":
        stem = stem[:-1]
    return stem + suffix


def _demonym(country: str) -> str:
    low = country.lower()
    if low.endswith("ia"):
        return country + "n"
    if low.endswith("a"):
        return country + "n"
    if low.endswith(("and", "mark")):
        return country + "ish"
    if low.endswith(("e", "y")):
        return country[:-1] + "ian"
    return country + "i"


def _counts(n_entities: int) -> dict[str, int]:
    total = sum(SHARES.values())
    return {k: max(3, round(v * n_entities / total)) for k, v in SHARES.items()}


class FactWorld:
    """A deterministic invented knowledge base, its reference documents and its queries."""

    def __init__(self, seed: int, n_entities: int = 600, n_queries: int = 40, n_controls: int = 10) -> None:
        self.seed = seed
        rng = random.Random(f"curate-facts:{seed}")
        self.entities: list[Entity] = []
        self.by_id: dict[str, Entity] = {}
        self.by_kind: dict[str, list[Entity]] = {k: [] for k in KINDS}
        self._build(rng, _counts(n_entities))
        self.back: dict[str, list[tuple[str, str]]] = {e.id: [] for e in self.entities}
        for e in self.entities:
            for attr, target in e.links.items():
                self.back[target].append((e.id, attr))
        self._choose_queries(random.Random(f"curate-facts-queries:{seed}"), n_queries, n_controls)
        self._weights()

    # ---------------------------------------------------------------- building
    def _add(self, kind: str, name: str, display: str | None = None) -> Entity:
        ent = Entity(id=f"{kind}:{len(self.by_kind[kind]):03d}", kind=kind, name=name, display=display or name)
        self.entities.append(ent)
        self.by_id[ent.id] = ent
        self.by_kind[kind].append(ent)
        return ent

    def _link(self, ent: Entity, attr: str, target: Entity) -> None:
        ent.set(attr, target.name, target.display, target.id)

    def _build(self, rng: random.Random, counts: dict[str, int]) -> None:
        names = _Names(rng)
        regions = [names.take(lambda: cap(_join_suffix(B.stem(rng, 2, 2), rng.choice(("a", "ia", "", "esh"))))) for _ in range(6)]
        seas = []
        for _ in range(12):
            form = rng.choice(("{X} Sea", "Gulf of {X}", "Bay of {X}", "{X} Sea", "Lake {X}"))
            canon = form.format(X=names.word(2, 2))
            seas.append((canon, canon if canon.startswith("Lake") else "the " + canon))
        ranges = []
        for _ in range(12):
            canon = rng.choice(("{X} Range", "{X} Mountains", "{X} Alps", "{X} Hills")).format(X=names.word(2, 2))
            ranges.append((canon, "the " + canon))

        # countries
        for _ in range(counts["country"]):
            name = names.take(lambda: cap(_join_suffix(B.stem(rng, 1, 2), rng.choice(COUNTRY_SUFFIXES))), 9)
            c = self._add("country", name)
            dem = _demonym(name)
            c.ctx.update(dem=dem, it="it", its="its", noun="the country")
            c.set("population", num(rng.randint(200, 60000) * 1000))
            c.set("area", num(rng.randint(20, 6000) * 100))
            c.set("independence", str(rng.randint(1150, 1990)))
            c.set("currency", names.take(lambda: B.stem(rng, 2, 2), 8))
            c.set("language", names.take(lambda: cap(_join_suffix(B.stem(rng, 1, 2), rng.choice(("i", "ic", "ese", "an", "ish"))))))
            c.set("region", rng.choice(regions))
            c.set("government", rng.choice(GOVERNMENTS))
            c.set("exports", rng.choice(EXPORTS))
            c.set("climate", rng.choice(CLIMATES))
        countries = self.by_kind["country"]

        # cities: every country gets a capital first
        for i in range(counts["city"]):
            country = countries[i] if i < len(countries) else rng.choice(countries)
            name = names.take(lambda: cap(_join_suffix(B.stem(rng, 2, 2), rng.choice(CITY_SUFFIXES))), 9)
            city = self._add("city", name)
            city.ctx.update(dem=country.ctx["dem"], it="it", its="its", noun="the city")
            self._link(city, "country", country)
            capital = i < len(countries)
            pop = rng.randint(300, 3000) * 1000 if capital else rng.randint(80, 9000) * 100
            city.set("population", num(pop))
            city.set("founded", str(rng.randint(780, 1850)))
            city.set("elevation", num(rng.randint(2, 1400)))
            city.set("industry", rng.choice(CITY_INDUSTRY))
            form = rng.choice(LANDMARK_FORMS)
            lm = names.take(lambda: form.format(X=cap(B.stem(rng, 2, 2)), G=rng.choice(B.GIVEN_F + B.GIVEN_M)))
            city.set("landmark", lm, "the " + lm)
            if capital:
                self._link(country, "capital", city)
        cities = self.by_kind["city"]

        # people
        occ_names = [o for o, _ in OCCUPATIONS]
        occ_weights = [w for _, w in OCCUPATIONS]
        n_people = counts["person"]
        occupations = occ_names * 1  # every occupation at least once, the rest by weight
        occupations += rng.choices(occ_names, weights=occ_weights, k=max(0, n_people - len(occ_names)))
        for occ in occupations[:n_people] if n_people >= len(occ_names) else occupations[:n_people]:
            female = rng.random() < 0.45
            given = rng.choice(B.GIVEN_F if female else B.GIVEN_M)
            surname = names.take(lambda: cap(_join_suffix(B.stem(rng, 2, 2), rng.choice(SURNAME_SUFFIXES))), 9)
            p = self._add("person", f"{given} {surname}")
            home = rng.choice(cities)
            born = rng.randint(1690, 1935)
            died = min(born + rng.randint(38, 96), 2019)
            he, his, him = ("she", "her", "her") if female else ("he", "his", "him")
            country = self.by_id[home.links["country"]]
            p.ctx.update(dem=country.ctx["dem"], age=str(died - born), pp=his, it=he, its=his, he=he, his=his,
                         him=him, He=cap(he), His=cap(his), noun=he, surname=surname, short=surname)
            p.set("occupation", occ)
            self._link(p, "birthplace", home)
            p.set("birth_year", str(born))
            p.set("death_year", str(died))
            if occ in NOTABLE_WORK:
                work = rng.choice(NOTABLE_WORK[occ]).format(C=rng.choice(cities).name, A=rng.choice(TITLE_ADJ))
                p.set("notable_work", work)
        people = self.by_kind["person"]
        by_occ: dict[str, list[Entity]] = {}
        for p in people:
            by_occ.setdefault(p.attrs["occupation"], []).append(p)

        def person_for(kind: str, attr: str) -> Entity:
            pool = [q for occ in ROLES[(kind, attr)] for q in by_occ.get(occ, ())]
            return rng.choice(pool or people)

        def year_in_life(p: Entity, lo: int, hi: int) -> int:
            born, died = int(p.attrs["birth_year"]), int(p.attrs["death_year"])
            return min(born + rng.randint(lo, hi), died - 1, 2018)

        # mountains
        for _ in range(counts["mountain"]):
            word = names.take(lambda: cap(B.stem(rng, 2, 2)), 8)
            name = rng.choice(("Mount {X}", "Mount {X}", "{X} Peak", "{X}horn", "Mount {X}")).format(X=word)
            m = self._add("mountain", name)
            m.ctx.update(it="it", its="its", noun="the mountain")
            country = rng.choice(countries)
            self._link(m, "country", country)
            m.set("elevation", num(rng.randint(900, 7200)))
            rng_canon, rng_disp = rng.choice(ranges)
            m.set("range", rng_canon, rng_disp)
            climber = person_for("mountain", "first_ascent_by")
            self._link(m, "first_ascent_by", climber)
            m.set("first_ascent_year", str(year_in_life(climber, 20, 45)))
        for c in countries:
            peaks = [m for m in self.by_kind["mountain"] if m.links["country"] == c.id]
            if peaks:
                top = max(peaks, key=lambda m: int(m.attrs["elevation"].replace(",", "")))
                self._link(c, "highest_point", top)

        # rivers
        for _ in range(counts["river"]):
            r = self._add("river", names.word(2, 2) + " River")
            r.display = "the " + r.name
            r.ctx.update(it="it", its="its", noun="the river")
            country = rng.choice(countries)
            self._link(r, "country", country)
            r.set("length", num(rng.randint(40, 2400)))
            peaks = [m for m in self.by_kind["mountain"] if m.links["country"] == country.id]
            if peaks and rng.random() < 0.7:
                self._link(r, "source", rng.choice(peaks))
            else:
                canon, disp = rng.choice([x for x in ranges if x[0].endswith("Hills")] or ranges)
                r.set("source", canon, disp)
            canon, disp = rng.choice(seas)
            r.set("mouth", canon, disp)
        for city in cities:
            rivers = [r for r in self.by_kind["river"] if r.links["country"] == city.links["country"]]
            if rivers and rng.random() < 0.65:
                self._link(city, "river", rng.choice(rivers))

        # substances
        for _ in range(counts["substance"]):
            s = self._add("substance", names.take(lambda: _join_suffix(B.stem(rng, 1, 2), rng.choice(SUBSTANCE_SUFFIXES)), 10))
            category, noun = rng.choice(SUBSTANCE_CATEGORIES)
            s.ctx.update(it="it", its="its", noun=noun)
            s.set("category", category)
            s.set("color", rng.choice(SUBSTANCE_COLOURS))
            s.set("melting_point", num(rng.randint(-180, 3200)) if category != "gas" else num(rng.randint(-250, -40)))
            chemist = person_for("substance", "discovered_by")
            self._link(s, "discovered_by", chemist)
            s.set("discovery_year", str(year_in_life(chemist, 22, 60)))
            s.set("use", rng.choice(SUBSTANCE_USES))
            self._link(s, "found_in", rng.choice(countries))

        # companies: the first few build ships
        for i in range(counts["company"]):
            industry, suffixes = INDUSTRIES[0] if i < 4 else rng.choice(INDUSTRIES)
            name = names.take(lambda: f"{cap(B.stem(rng, 2, 2))} {rng.choice(suffixes)}")
            co = self._add("company", name)
            co.ctx.update(it="it", its="its", noun="the company")
            co.set("industry", industry)
            founder = person_for("company", "founder")
            self._link(co, "founder", founder)
            co.set("founded", str(min(year_in_life(founder, 24, 55), 2005)))
            self._link(co, "headquarters", rng.choice(cities))
            co.set("employees", num(rng.randint(40, 30000)))
        yards = [c for c in self.by_kind["company"] if c.attrs["industry"] == "shipbuilding"]

        # species
        for _ in range(counts["species"]):
            group, _cls, habitat, diet, (lo, hi) = rng.choice(SPECIES_GROUPS)
            word = names.take(lambda: cap(_join_suffix(B.stem(rng, 2, 2), rng.choice(("an", "ese", "ian", "", "")))), 9)
            sp = self._add("species", f"{word} {group}")
            sp.display = "the " + sp.name
            sp.ctx.update(it="it", its="its", noun="the " + group)
            sp.set("group", group)
            self._link(sp, "native_to", rng.choice(countries))
            sp.set("habitat", habitat)
            sp.set("length", str(rng.randint(lo, hi)))
            sp.set("diet", diet)
            nat = person_for("species", "described_by")
            self._link(sp, "described_by", nat)
            sp.set("described_year", str(year_in_life(nat, 22, 60)))
            sp.set("status", rng.choice(SPECIES_STATUS))

        # ships
        for _ in range(counts["ship"]):
            sh = self._add("ship", names.take(lambda: cap(B.stem(rng, 2, 3)), 8))
            sh.display = "the " + sh.name
            sh.ctx.update(it="she", its="her", noun="the ship", He="She", he="she", his="her")
            sh.set("ship_type", rng.choice(SHIP_TYPES))
            builder = rng.choice(yards)
            self._link(sh, "builder", builder)
            launched = min(int(builder.attrs["founded"]) + rng.randint(2, 90), 2010)
            sh.set("launched", str(launched))
            port_pool = [c for c in cities if c.attrs["industry"] in ("shipbuilding", "fishing")] or cities
            port = rng.choice(port_pool if rng.random() < 0.5 else cities)
            self._link(sh, "home_port", port)
            sh.set("length", str(rng.randint(28, 260)))
            end = launched + rng.randint(15, 60)
            fate = rng.choice((f"broken up for scrap in {end}", f"wrecked in a storm in {end}", f"sold to foreign owners in {end}", f"preserved as a museum ship in {port.name}"))
            sh.set("fate", fate)

        # books
        writers = [p for p in people if p.attrs["occupation"] in ("novelist", "poet")] or people
        for _ in range(counts["book"]):
            author = rng.choice(writers)

            def title() -> str:
                n1, n2 = rng.sample(TITLE_NOUN, 2)
                return rng.choice(TITLE_FORMS).format(
                    A=rng.choice(TITLE_ADJ), N=n1, N2=n2, C=rng.choice(cities).name,
                    X=cap(B.stem(rng, 2, 2)), G=rng.choice(B.GIVEN_F + B.GIVEN_M))

            bk = self._add("book", names.take(title))
            genres = BOOK_GENRES_POET if author.attrs["occupation"] == "poet" else BOOK_GENRES_NOVEL
            genre = rng.choice(genres)
            bk.ctx.update(it="it", its="its", noun="the " + genre.split()[-1], poetry=genre in BOOK_GENRES_POET)
            self._link(bk, "author", author)
            bk.set("published", str(year_in_life(author, 20, 70)))
            bk.set("genre", genre)
            home_country = self.by_id[self.by_id[author.links["birthplace"]].links["country"]]
            bk.set("language", home_country.attrs["language"])
            self._link(bk, "setting", rng.choice(cities))

        # glossary terms of the invented world
        for _ in range(N_TERMS):
            fld, lead, meanings = rng.choice(B.TERM_FIELDS)
            t = self._add("term", names.stem(2, 2))
            t.ctx.update(it="it", its="its", noun="the word")
            t.set("field", fld)
            t.set("meaning", f"{lead} {rng.choice(meanings)}")
            self._link(t, "origin", rng.choice(countries))

    # ---------------------------------------------------------------- queries
    def _choose_queries(self, rng: random.Random, n_queries: int, n_controls: int) -> None:
        forms = list(QUERY_FORMS)
        used: set[str] = set()
        picked: dict[str, list[tuple[Entity, str]]] = {"influence": [], "probe": []}
        order = []
        while len(order) < 2 * n_queries:
            batch = forms[:]
            rng.shuffle(batch)
            order += batch
        for i, (kind, attr) in enumerate(order[: 2 * n_queries]):
            split = "influence" if i % 2 == 0 else "probe"
            pool = [e for e in self.by_kind[kind] if attr in e.attrs and e.id not in used]
            if not pool:
                continue
            ent = rng.choice(pool)
            used.add(ent.id)
            picked[split].append((ent, attr))
        self.hot: dict[tuple[str, str], str] = {}
        self._queries: list[Query] = []
        for split, items in picked.items():
            for j, (ent, attr) in enumerate(items):
                q, a = QUERY_FORMS[(ent.kind, attr)]
                subj = ent.display
                value = ent.attrs[attr]
                prompt = f"Q: {q.format(s=subj)}\nA:"
                completion = f" {cap(a.format(s=subj, v=ent.disp[attr]))} The answer is {value}."
                self._queries.append(Query(
                    id=f"factual-{split}-{j:02d}", prompt=prompt, completion=completion, answer=value,
                    task=f"factual:{attr}", kind="factual", split=split))
                self.hot[(ent.id, attr)] = split
        # controls: look like questions about the world's words but need no retrieval
        words = sorted({e.name for e in self.entities if e.kind in ("city", "country", "ship")})
        words += sorted({e.name.capitalize() for e in self.entities if e.kind == "term"})
        rng.shuffle(words)
        pos = 0
        for split in ("influence", "probe"):
            for j in range(n_controls):
                w, w2 = words[pos % len(words)], words[(pos + 1) % len(words)]
                pos += 2
                prompt, completion, answer = _control(j, w, w2)
                self._queries.append(Query(
                    id=f"factual_control-{split}-{j:02d}", prompt=prompt, completion=completion, answer=answer,
                    task="factual_control", kind="control", split=split))

    def queries(self) -> list[Query]:
        return list(self._queries)

    def query_facts(self) -> list[tuple[Query, str]]:
        """Each factual query with the fact string ("entity|attribute|value") it asks about."""
        out = []
        for q in self._queries:
            if q.kind != "factual":
                continue
            for (eid, attr), _split in self.hot.items():
                e = self.by_id[eid]
                if q.task == f"factual:{attr}" and e.attrs[attr] == q.answer and e.display in q.prompt:
                    out.append((q, e.fact(attr)))
                    break
        return out

    # ---------------------------------------------------------------- sampling
    def _weights(self) -> None:
        hot_ids = {eid for eid, _ in self.hot}
        w_of: dict[str, float] = {}
        for e in self.entities:
            w = 0.35 if e.kind == "term" else 1.0
            if e.id in hot_ids:
                w = 7.0
            w_of[e.id] = w
        for (eid, attr) in self.hot:
            target = self.by_id[eid].links.get(attr)
            if target and w_of[target] < 2.5:
                w_of[target] = 2.5
        self._ents = [e for e in self.entities]
        self._cum = _cumulative([w_of[e.id] for e in self._ents])
        self._kind_ents = {k: v for k, v in self.by_kind.items()}
        self._kind_cum = {k: _cumulative([w_of[e.id] for e in v]) for k, v in self.by_kind.items()}
        self._styles = [s for s, _, _ in FACT_STYLES]
        self._style_src = {s: src for s, src, _ in FACT_STYLES}
        self._style_cum = _cumulative([w for _, _, w in FACT_STYLES])
        # back relations that state a hot fact, per target entity
        self._hot_back: dict[str, list[tuple[str, str]]] = {}
        for (eid, attr) in self.hot:
            target = self.by_id[eid].links.get(attr)
            if target:
                self._hot_back.setdefault(target, []).append((eid, attr))

    def pick(self, rng: random.Random, kind: str | None = None) -> Entity:
        if kind is None:
            return self._ents[bisect.bisect(self._cum, rng.random() * self._cum[-1])]
        ents, cum = self._kind_ents[kind], self._kind_cum[kind]
        return ents[bisect.bisect(cum, rng.random() * cum[-1])]

    def pick_fact_entity(self, rng: random.Random) -> Entity:
        """An entity of a kind that can carry a fact into another text (not a glossary term)."""
        while True:
            e = self.pick(rng)
            if e.kind != "term":
                return e

    # ---------------------------------------------------------------- rendering helpers
    def hot_attrs(self, ent: Entity) -> list[str]:
        return [a for a in ent.attrs if (ent.id, a) in self.hot]

    def choose_attrs(self, rng: random.Random, ent: Entity, k: int, pool: tuple | list | None = None) -> list[str]:
        """Up to ``k`` of the entity's attributes, query facts first (usually)."""
        attrs = [a for a in (pool if pool is not None else ent.attrs) if a in ent.attrs]
        hot = [a for a in attrs if (ent.id, a) in self.hot and rng.random() < 0.9]
        rest = [a for a in attrs if a not in hot]
        rng.shuffle(rest)
        return (hot + rest)[:max(k, len(hot))]

    def say(self, rng: random.Random, ent: Entity, attrs: list[str], facts: list[str], pronoun: bool = False,
            combos: float = 0.45) -> list[str]:
        """Sentences stating ``attrs`` of ``ent`` (some templates state two or three at once)."""
        out = []
        remaining = [a for a in attrs if a in ent.attrs]
        first = not pronoun
        while remaining:
            a = remaining[0]
            avail = set(remaining)
            cands = [t for t in _BY_ATTR.get((ent.kind, a), ()) if t.attrs <= avail]
            if not cands:
                remaining.pop(0)
                continue
            multi = [t for t in cands if len(t.attrs) > 1]
            if multi and rng.random() < combos:
                t = rng.choice(multi)
            else:
                single = [t for t in cands if len(t.attrs) == 1] or cands
                t = rng.choice(single)
            subj = ent.display
            if not first:
                subj = self._subject(rng, ent, t.text, t.pron)
            vals = dict(ent.disp)
            vals.update(ent.ctx)
            vals["s"] = subj
            sentence = t.text.format_map(vals)
            if subj.startswith("the ") and sentence.count(subj[4:]) > 1:  # "the alloy is a grey alloy"
                vals["s"] = ent.display
                sentence = t.text.format_map(vals)
            out.append(fix_articles(cap(sentence)))
            for x in t.attrs:
                facts.append(ent.fact(x))
                if x in remaining:
                    remaining.remove(x)
            first = False
        return out

    def _subject(self, rng: random.Random, ent: Entity, text: str, pron: bool) -> str:
        """How to refer to an entity already introduced: pronoun, surname, kind noun or name."""
        r = rng.random()
        short = ent.ctx.get("short")
        if pron and r < 0.45:
            noun = ent.ctx.get("noun", "")
            if noun.startswith("the ") and noun[4:] not in text and rng.random() < 0.4:
                return noun
            return ent.ctx.get("it", "it")
        if short and r < 0.8:
            return short
        return ent.display

    def say_back(self, rng: random.Random, ent: Entity, relations: tuple, facts: list[str], k: int,
                 pronoun: bool = False) -> list[str]:
        """Sentences about other entities that point at ``ent`` (people born here, ...)."""
        items = [(o, a) for o, a in self.back[ent.id] if (self.by_id[o].kind, a) in relations]
        if not items:
            return []
        hot = [x for x in items if (x[0], x[1]) in self.hot and rng.random() < 0.9]
        rest = [x for x in items if x not in hot]
        rng.shuffle(rest)
        chosen = (hot + rest)[:max(k, len(hot))]
        out = []
        for oid, attr in chosen:
            other = self.by_id[oid]
            rev = _REV.get((other.kind, attr))
            if rev and rng.random() < 0.7:
                t = rng.choice(rev)
                target = self._subject(rng, ent, t.text, t.pron) if pronoun else ent.display
                vals = dict(other.disp)
                vals.update(other.ctx)
                vals["o"] = other.display
                vals["T"] = target
                out.append(fix_articles(cap(t.text.format_map(vals))))
                facts.append(other.fact(attr))
                facts.extend(other.fact(x) for x in t.attrs)
            else:
                out += self.say(rng, other, [attr], facts, combos=0.0)
        return out

    def hot_back_sentences(self, rng: random.Random, ent: Entity, facts: list[str]) -> list[str]:
        out = []
        for oid, attr in self._hot_back.get(ent.id, ()):
            if rng.random() < 0.75:
                out += self.say(rng, self.by_id[oid], [attr], facts, combos=0.0)
        return out

    def filler(self, rng: random.Random, ent: Entity, key: str | None, k: int) -> list[str]:
        if key is None:
            return []
        pool = FILLERS.get(ent.kind, {}).get(key, ())
        if ent.kind == "book" and key == "plot" and ent.ctx.get("poetry"):
            pool = FILLERS["book"]["poetry"]
        elif ent.kind == "substance" and key == "properties" and ent.attrs.get("category") == "gas":
            pool = FILLERS["substance"]["properties_gas"]
        if not pool:
            return []
        chosen = rng.sample(pool, min(k, len(pool)))
        vals = {"n": ent.display, "dem": ent.ctx.get("dem", ""), **ent.ctx}
        return [cap(s.format_map(vals)) for s in chosen]

    # ---------------------------------------------------------------- documents
    def document(self, rng: random.Random) -> WorldDoc:
        style = self._styles[bisect.bisect(self._style_cum, rng.random() * self._style_cum[-1])]
        source = rng.choice(self._style_src[style])
        text, entity, facts = getattr(self, "_doc_" + style)(rng)
        return WorldDoc(text=fix_articles(text), source=source, doc_type="factual", style=style, entity=entity,
                        extra={"facts": list(dict.fromkeys(facts))})

    def _main(self, rng: random.Random, allow_terms: bool = False) -> Entity:
        while True:
            e = self.pick(rng)
            if allow_terms or e.kind != "term":
                return e

    def _doc_encyclopedia_article(self, rng: random.Random) -> tuple[str, str, list[str]]:
        ent = self._main(rng)
        if ent.kind == "term":
            return self._doc_definition(rng, ent)
        facts: list[str] = []
        hot_own = set(self.hot_attrs(ent))
        hot_back = {(self.by_id[o].kind, a) for o, a in self._hot_back.get(ent.id, ())}
        lead = self._lead(rng, ent, facts)
        lead += self.filler(rng, ent, "intro", rng.randint(0, 2))
        paras = [" ".join(lead)]
        heading_style = rng.randrange(4)
        for headings, own, back, key in SECTIONS[ent.kind]:
            wanted = bool(hot_own & set(own)) or bool(hot_back & set(back))
            if not wanted and rng.random() < 0.2:
                continue
            stated = {f for f in facts}
            attrs = [a for a in self.choose_attrs(rng, ent, rng.randint(1, 3), own)
                     if ent.fact(a) not in stated or rng.random() < 0.05]
            sents = self.say(rng, ent, attrs, facts, pronoun=True)
            sents += self.say_back(rng, ent, back, facts, rng.randint(1, 3), pronoun=True)
            fill = self.filler(rng, ent, key, rng.randint(1, 4))
            if not sents and not fill:
                continue
            body = _interleave(rng, sents, fill)
            paras.append(_heading(headings[rng.randrange(len(headings))], heading_style) + " ".join(body))
        missing = [a for a in hot_own if ent.fact(a) not in facts]
        if missing:
            paras[0] += " " + " ".join(self.say(rng, ent, missing, facts, pronoun=True))
        title = ent.name if rng.random() < 0.7 else f"{ent.name} ({_kind_word(ent) if ent.kind not in ('species', 'book') else ent.kind})"
        tail = ""
        r = rng.random()
        if r < 0.25:
            tail = "\n\nSee also: " + ", ".join(self._see_also(rng, ent))
        elif r < 0.4:
            tail = f"\n\nCategories: {self._category(ent)}"
        elif r < 0.5:
            tail = "\n\nReferences\n" + "\n".join(_reference(rng, ent) for _ in range(rng.randint(1, 3)))
        return f"{title}\n\n" + "\n\n".join(paras) + tail, ent.name, facts

    def _lead(self, rng: random.Random, ent: Entity, facts: list[str]) -> list[str]:
        """The defining first sentences of an article: what the entity is, then a key fact or two."""
        if ent.kind == "person" and rng.random() < 0.75:
            out = self.say(rng, ent, ["occupation", "birth_year", "death_year"], facts, combos=1.0)
        else:
            first = LEAD[ent.kind][0]
            more = [a for a in self.choose_attrs(rng, ent, rng.randint(0, 2), LEAD[ent.kind][1:]) if a != first]
            out = self.say(rng, ent, [first] + more, facts, combos=0.6)
        for rel in LEAD_BACK.get(ent.kind, ()):
            out += self.say_back(rng, ent, (rel,), facts, 1, pronoun=True)
        return out

    def _see_also(self, rng: random.Random, ent: Entity) -> list[str]:
        names = [self.by_id[t].name for t in ent.links.values()][:3]
        names += [f"List of {_plural(ent)}" + (f" in {self.by_id[ent.links['country']].name}" if "country" in ent.links else "")]
        return names

    def _category(self, ent: Entity) -> str:
        if "country" in ent.links:
            return f"{cap(ent.kind)}s of {self.by_id[ent.links['country']].name}"
        if ent.kind == "person":
            return f"{ent.ctx['dem']} {ent.attrs['occupation']}s"
        return f"{cap(ent.kind)}s"

    def _doc_stub(self, rng: random.Random) -> tuple[str, str, list[str]]:
        ent = self._main(rng)
        if ent.kind == "term":
            return self._doc_definition(rng, ent)
        facts: list[str] = []
        sents = self._lead(rng, ent, facts)
        more = [a for a in self.choose_attrs(rng, ent, rng.randint(1, 4)) if ent.fact(a) not in facts]
        sents += self.say(rng, ent, more, facts, pronoun=True)
        if rng.random() < 0.6:
            sents += self.filler(rng, ent, rng.choice(["intro"] + [s[3] for s in SECTIONS[ent.kind] if s[3]]), rng.randint(1, 2))
        text = " ".join(sents)
        r = rng.random()
        if r < 0.3:
            text = f"{ent.name}\n\n{text}"
        if rng.random() < 0.5:
            text += f"\n\nThis article about a {_kind_word(ent)} is a stub."
        return text, ent.name, facts

    def _doc_infobox(self, rng: random.Random) -> tuple[str, str, list[str]]:
        ent = self._main(rng, allow_terms=True)
        facts: list[str] = []
        attrs = self.choose_attrs(rng, ent, rng.randint(4, 9))
        form = rng.randrange(3)
        lines = []
        if form == 0:
            lines.append("{{Infobox " + _kind_word(ent))
            lines.append(f"| name = {ent.name}")
        else:
            lines.append(ent.name if form == 1 else ent.name.upper())
        width = max(len(_label(ent, a)) for a in attrs) + 2 if attrs else 10
        for a in attrs:
            label = _label(ent, a)
            value = ent.attrs[a]
            facts.append(ent.fact(a))
            if form == 0:
                lines.append(f"| {'_'.join(re.findall('[a-z0-9]+', label.lower()))} = {value}")
            elif form == 1:
                lines.append(f"{label}: {value}")
            else:
                lines.append(f"{label.ljust(width, '.')} {value}")
        if form == 0:
            lines.append("}}")
        text = "\n".join(lines)
        if rng.random() < 0.75:
            lead = self._lead(rng, ent, facts) if ent.kind != "term" else self.say(rng, ent, ["meaning"], facts)
            lead += self.say(rng, ent, [a for a in self.choose_attrs(rng, ent, rng.randint(0, 3)) if ent.fact(a) not in facts], facts, pronoun=True)
            lead += self.filler(rng, ent, "intro", rng.randint(0, 2))
            text = (text + "\n\n" + " ".join(lead)) if rng.random() < 0.6 else (" ".join(lead) + "\n\n" + text)
        return text, ent.name, facts

    def _doc_fact_sheet(self, rng: random.Random) -> tuple[str, str, list[str]]:
        ent = self._main(rng)
        facts: list[str] = []
        title = rng.choice(("Key facts about {n}", "{n}: the facts", "{n} at a glance", "Quick facts: {n}", "Fact file: {n}")).format(n=ent.name)
        attrs = self.choose_attrs(rng, ent, rng.randint(5, 10))
        bullet = rng.choice(("- ", "* ", "• "))
        lines = [title, ""]
        if rng.random() < 0.5:
            lines += [" ".join(self._lead(rng, ent, facts)), ""]
        as_sentences = rng.random() < 0.5
        for a in attrs:
            if as_sentences:
                lines += [bullet + s for s in self.say(rng, ent, [a], facts, combos=0.0)]
            else:
                facts.append(ent.fact(a))
                lines.append(f"{bullet}{_label(ent, a)}: {ent.attrs[a]}")
        for s in self.hot_back_sentences(rng, ent, facts):
            lines.append(bullet + s)
        return "\n".join(lines), ent.name, facts

    def _doc_trivia_list(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        main = self._main(rng)
        n = rng.randint(5, 12)
        ents = [main] + [self.pick_fact_entity(rng) for _ in range(n - 1)]
        form = rng.randrange(3)
        items = []
        for e in ents:
            attrs = self.choose_attrs(rng, e, 1)
            sents = self.say(rng, e, attrs, facts, combos=0.3)
            if not sents:
                continue
            s = sents[0]
            if form == 0:
                first, _, rest = s.partition(" ")
                if first in _LOWER_OK and not any(s.startswith(x.name) for x in (e,) if x.kind == "book"):
                    first = first.lower()
                items.append(f"... that {first} {rest[:-1]}?")
            else:
                items.append(s)
        if form == 0:
            head = rng.choice(("Did you know...", "Did you know?", "From the archive: did you know..."))
            body = "\n".join(items)
        elif form == 1:
            head = rng.choice((f"{len(items)} facts you might not know", "Trivia corner", "Fun facts of the day", "Odd facts from the almanac"))
            body = "\n".join(f"{i + 1}. {s}" for i, s in enumerate(items))
        else:
            head = rng.choice(("Random facts", "Today's trivia", "Facts worth knowing"))
            body = "\n".join(f"- {s}" for s in items)
        return f"{head}\n\n{body}", main.name, facts

    def _doc_glossary(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        entries: list[tuple[str, str]] = []
        n = rng.randint(4, 10)
        generic = rng.sample(B.GLOSSARY, rng.randint(2, n - 1))
        for term, pos, fld, definition, note in generic:
            body = definition + "."
            if note and rng.random() < 0.5:
                body += " " + note
            entries.append((term, f"({pos}, {fld})" if rng.random() < 0.5 else f"({pos})", body))
        main = None
        for _ in range(n - len(generic)):
            e = self.pick(rng)
            if e.kind not in ("term", "substance", "species", "ship", "book", "mountain", "river"):
                continue
            main = main or e
            attrs = self.choose_attrs(rng, e, rng.randint(1, 3), LEAD[e.kind] + tuple(self.hot_attrs(e)))
            sents = self.say(rng, e, attrs, facts)
            if sents:
                entries.append((e.name, "(noun)" if e.kind in ("term", "substance") else "(proper noun)", " ".join(sents)))
        entries.sort(key=lambda x: x[0].lower())
        form = rng.randrange(3)
        head = rng.choice(("Glossary", "Glossary of terms", "Terms used in this section", "Appendix: glossary", "Key terms"))
        lines = [head, ""]
        for term, pos, body in entries:
            if form == 0:
                lines.append(f"{term} {pos}: {body}")
            elif form == 1:
                lines.append(f"{term} – {body}")
            else:
                lines.append(f"{term.upper()}\n{body}\n")
        return "\n".join(lines).rstrip(), (main.name if main else entries[0][0]), facts

    def _doc_definition(self, rng: random.Random, ent: Entity | None = None) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        if ent is None and rng.random() < 0.45:
            term, pos, fld, definition, note = rng.choice(B.GLOSSARY)
            related = [g for g in B.GLOSSARY if g[2] == fld and g[0] != term] or [g for g in B.GLOSSARY if g[0] != term]
            related = rng.sample(related, min(len(related), rng.randint(1, 3)))
            form = rng.randrange(3)
            article = "An" if term[0] in "aeiou" else "A"
            if form == 0:
                text = f"{term}\n{pos}\n1. ({fld}) {cap(definition)}."
                if note:
                    text += f"\n   {note}"
            elif form == 1:
                if pos == "noun" and term in MASS_NOUNS:
                    text = f"{cap(term)}\n\n{cap(term)} is {definition}."
                elif pos == "noun":
                    text = f"{cap(term)}\n\n{article} {term} is {definition}."
                elif ": " in definition:
                    pre, post = definition.split(": ", 1)
                    text = f"{cap(term)}\n\n{cap(term)} ({pre}) means {post}."
                else:
                    text = f"{cap(term)}\n\n{cap(term)} means {definition}."
                if note:
                    text += " " + note
            else:
                text = f"{term.upper()} ({pos}). In {fld}, {definition}."
                if note:
                    text += " " + note
            if rng.random() < 0.8:
                head = rng.choice(("Related terms", "See also", "Compare"))
                text += f"\n\n{head}:\n" + "\n".join(f"- {g[0]}: {g[3]}." for g in related)
            return text, term, facts
        if ent is None:
            ent = self._main(rng, allow_terms=True)
            while ent.kind not in ("term", "substance", "species", "book", "ship", "river", "mountain"):
                ent = self._main(rng, allow_terms=True)
        sents = self.say(rng, ent, self.choose_attrs(rng, ent, rng.randint(2, 5)), facts)
        if ent.kind != "term" and rng.random() < 0.5:
            sents += self.filler(rng, ent, "intro", 1)
        if ent.kind == "term":
            origin = self.by_id[ent.links["origin"]]
            ety = rng.choice(TERM_ORIGIN).format(L=origin.attrs["language"])
            text = f"{ent.name} (noun)\n\n" + " ".join(sents) + f"\n\nEtymology: {ety}."
        elif rng.random() < 0.5:
            text = f"{ent.name}\n{rng.choice(('noun', 'proper noun', 'n.'))}\n" + " ".join(sents)
        else:
            text = f"{ent.name}: " + " ".join(sents)
        return text, ent.name, facts

    def _doc_almanac_table(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        main = self._main(rng)
        kind = main.kind
        n = rng.randint(3, 8)
        rows = [main]
        for _ in range(n * 3):
            if len(rows) >= n:
                break
            e = self.pick(rng, kind)
            if e not in rows:
                rows.append(e)
        attrs_all = [a for a in main.attrs if a not in ("notable_work", "fate", "meaning", "exports")]
        hot = self.hot_attrs(main)
        rng.shuffle(attrs_all)
        cols = list(dict.fromkeys(hot + attrs_all))[: rng.randint(2, 4)]
        if rng.random() < 0.5:
            rows.sort(key=lambda e: e.name)
        header = [{"person": "Name", "species": "Species"}.get(kind, cap(kind))] + [_label(main, a) for a in cols]
        table = []
        for e in rows:
            row = [e.name]
            for a in cols:
                if a in e.attrs:
                    row.append(e.attrs[a])
                    facts.append(e.fact(a))
                else:
                    row.append("—")
            table.append(row)
        form = rng.randrange(3)
        if form == 0:
            lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
            lines += ["| " + " | ".join(r) + " |" for r in table]
        elif form == 1:
            widths = [max(len(r[i]) for r in table + [header]) for i in range(len(header))]
            lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
            lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in table]
        else:
            lines = [",".join(header)] + [",".join(f'"{c}"' if "," in c else c for c in r) for r in table]
        place = ""
        if "country" in main.links and rng.random() < 0.3:
            place = f" of {self.by_id[main.links['country']].name}"
        title = rng.choice(("Table {i}. Selected {k}{p}", "{K}{p}: selected data", "Almanac: {k}{p}", "Reference table: {k}{p}")).format(
            i=rng.randint(1, 40), k=_plural(main), K=cap(_plural(main)), p=place)
        note = rng.choice(("", "", "Figures are the latest available.", "Sources: national statistical offices and published registers.", "A dash indicates that no value is recorded."))
        return f"{title}\n\n" + "\n".join(lines) + (f"\n\n{note}" if note else ""), main.name, facts

    def _doc_news_report(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        ent = self._main(rng)
        kind = ent.kind
        year_attr = next((a for a in ("independence", "founded", "birth_year", "first_ascent_year", "discovery_year",
                                      "described_year", "launched", "published") if a in ent.attrs), None)
        year = rng.randint(1985, 2024)
        base = 0
        if year_attr and rng.random() < 0.6:
            base = int(ent.attrs[year_attr])
            spans = [n for n in (25, 50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 600, 700, 750, 800, 900, 1000)
                     if 1985 <= base + n <= 2024]
            if spans:
                year = base + rng.choice(spans)
            else:
                year_attr = None
        else:
            year_attr = None
        place = self._place_of(ent)
        date = f"{rng.choice(B.MONTHS)} {rng.randint(1, 28)}, {year}"
        dateline = f"{place.name.upper()}, {date} —" if place else f"{date} —"
        official = f"{rng.choice(B.FIRST_F + B.FIRST_M)} {rng.choice(B.SURNAMES)}"
        role = rng.choice(NEWS_ROLES)
        if year_attr:
            anniversary = year - base
            head = rng.choice((f"{cap(ent.display)} marks {_ordinal(anniversary)} anniversary",
                               f"Celebrations as {ent.display} turns {anniversary}",
                               f"{anniversary} years on: {ent.display} remembered"))
            if kind == "person":
                head = rng.choice((f"{_ordinal(anniversary)} anniversary of the birth of {ent.name} celebrated",
                                   f"Exhibition honours {ent.name}, born {anniversary} years ago"))
            lead = (f"{dateline} {rng.choice(NEWS_ANNIVERSARY)} {anniversary} years since "
                    f"{_event_phrase(ent, year_attr)}.")
            facts.append(ent.fact(year_attr))
            quote = rng.choice(NEWS_QUOTES_ANNIV)
        else:
            h, l = rng.choice(NEWS_HOOKS[kind])
            head = cap(h.format(n=ent.display, N=ent.name))
            lead = f"{dateline} {cap(l.format(n=ent.display, N=ent.name, day=rng.choice(B.DAYS)))}"
            quote = rng.choice(NEWS_QUOTES)
        body = self.say(rng, ent, self.choose_attrs(rng, ent, rng.randint(3, 7)), facts, pronoun=True)
        split = rng.randint(1, 2)
        paras = [lead + " " + " ".join(body[:split])]
        paras.append(f"{quote} said {official}, {role}.")
        if body[split:]:
            paras.append(" ".join(body[split:]))
        background = self.filler(rng, ent, rng.choice([s[3] for s in SECTIONS[ent.kind] if s[3]] or [None]), rng.randint(1, 3))
        extra = self.hot_back_sentences(rng, ent, facts)
        rels = tuple(dict.fromkeys((self.by_id[o].kind, a) for o, a in self.back[ent.id]))
        extra += self.say_back(rng, ent, rels, facts, rng.randint(0, 2), pronoun=True)
        if background or extra:
            paras.append(" ".join(_interleave(rng, extra, background)))
        if rng.random() < 0.5:
            paras.append(f"“{rng.choice(NEWS_SECOND_QUOTES)}” added {official.split()[0] if rng.random() < 0.3 else official.split()[-1]}.")
        paras.append(rng.choice(NEWS_CLOSERS))
        return f"{head}\n\n" + "\n\n".join(paras), ent.name, facts

    def _place_of(self, ent: Entity) -> Entity | None:
        for attr in ("headquarters", "birthplace", "capital", "home_port", "setting"):
            if attr in ent.links:
                return self.by_id[ent.links[attr]]
        if ent.kind == "city":
            return ent
        return None

    def _doc_qa_trivia(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        main = self._main(rng)
        users = [_username(rng) for _ in range(4)]
        n = rng.randint(1, 4)
        ents = [main] + [self.pick_fact_entity(rng) for _ in range(n - 1)]
        posts = []
        qa = []
        for e in ents:
            forms = [(k, a) for (k, a) in QUERY_FORMS if k == e.kind and a in e.attrs]
            hot = [x for x in forms if (e.id, x[1]) in self.hot]
            if not forms:
                continue
            kind, attr = (hot[0] if hot and rng.random() < 0.85 else rng.choice(forms))
            q, a = QUERY_FORMS[(kind, attr)]
            if rng.random() < 0.5:
                facts.append(e.fact(attr))
                answer = cap(a.format(s=e.display, v=e.disp[attr]))
            else:
                answer = " ".join(self.say(rng, e, [attr], facts, combos=0.0))
            qa.append((cap(q.format(s=e.display)), answer, e, attr))
        if not qa:
            return self._doc_stub(rng)
        if len(qa) == 1 or rng.random() < 0.5:
            q, a, e, attr = qa[0]
            title = rng.choice(("Quick question: ", "Trivia: ", "Settle an argument: ", "", "Pub quiz question - ")) + q
            posts.append(f"{users[0]} wrote:\n{rng.choice(('Had this in a quiz last night and nobody knew. ', 'My friend and I disagree on this one. ', '', 'Probably an easy one for this forum. '))}{q}")
            more = self.say(rng, e, [a for a in self.choose_attrs(rng, e, 2) if a != attr][:1], facts, combos=0.0) if rng.random() < 0.6 else []
            posts.append(f"{users[1]} wrote:\n{a}{' ' + ' '.join(more) if more else ''}")
            if rng.random() < 0.6:
                posts.append(f"{users[2]} wrote:\n{rng.choice(('Correct.', 'Yes, that is right.', 'Can confirm.', 'That matches what my old atlas says.'))} {a}")
            for q2, a2, _, _ in qa[1:]:
                posts.append(f"{users[3]} wrote:\nRelated one: {q2}\n\n{users[1]} wrote:\n{a2}")
        else:
            title = rng.choice(("Pub quiz answers (general knowledge round)", "Last night's quiz - answers", "Trivia thread: answers"))
            lines = [f"{i + 1}. {q} {a}" for i, (q, a, _, _) in enumerate(qa)]
            posts.append(f"{users[0]} wrote:\nAnswers from last night, as promised:\n" + "\n".join(lines))
            posts.append(f"{users[1]} wrote:\n{rng.choice(('Got all but one!', 'Number 2 caught us out.', 'Thanks for posting these.', 'We were so close on the last one.'))}")
        return f"Thread: {title}\n\n" + "\n\n".join(posts), main.name, facts

    def _doc_timeline(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        main = self._main(rng)
        while main.kind not in ("country", "city", "person", "company"):
            main = self._main(rng)
        events = list(self._events(main))
        for oid, attr in self.back[main.id]:
            events += self._events(self.by_id[oid])
        for attr, target in main.links.items():
            if attr in ("founder", "birthplace", "capital"):
                events += self._events(self.by_id[target])
        if main.kind == "country":
            for cid, attr in self.back[main.id]:
                if attr == "country" and self.by_id[cid].kind == "city":
                    for oid, a2 in self.back[cid]:
                        if a2 in ("birthplace", "headquarters"):
                            events += self._events(self.by_id[oid])
        seen, uniq = set(), []
        for ev in events:
            if ev[1].id + ev[2] not in seen:
                seen.add(ev[1].id + ev[2])
                uniq.append(ev)
        hot = [ev for ev in uniq if (ev[1].id, ev[2]) in self.hot or ev[1] is main]
        rest = [ev for ev in uniq if ev not in hot]
        rng.shuffle(rest)
        if len(hot) + len(rest) < 3:
            return self._doc_fact_sheet(rng)
        chosen = sorted((hot + rest)[: rng.randint(5, 14)], key=lambda ev: (ev[0], ev[1].name))
        sep = rng.choice((" – ", ": ", " — ", "\t"))
        lines = []
        for year, ent, attr in chosen:
            phrase = rng.choice(TIMELINE[(ent.kind, attr)])
            vals = dict(ent.disp)
            vals["s"] = ent.display
            lines.append(f"{year}{sep}{cap(phrase.format_map(vals))}")
            facts.append(ent.fact(attr))
            for extra in ("birthplace", "first_ascent_by", "discovered_by", "founder", "headquarters", "described_by", "builder", "author"):
                if "{" + extra + "}" in phrase:
                    facts.append(ent.fact(extra))
        title = rng.choice(("Timeline of {n}", "{n}: a chronology", "Key dates: {n}", "Chronology of {n}")).format(n=main.name)
        intro = ""
        if rng.random() < 0.6:
            intro = " ".join(self._lead(rng, main, facts) + self.filler(rng, main, "intro", rng.randint(0, 1))) + "\n\n"
        outro = ""
        if rng.random() < 0.3:
            outro = "\n\n" + rng.choice(("Dates before the nineteenth century are approximate.", "Only selected events are listed.",
                                          "Sources differ on some of the earlier dates.", "See the main article for details."))
        return f"{title}\n\n{intro}" + "\n".join(lines) + outro, main.name, facts

    def _events(self, ent: Entity):
        for (kind, attr) in TIMELINE:
            if kind == ent.kind and attr in ent.attrs:
                yield (int(ent.attrs[attr]), ent, attr)

    def _doc_comparison(self, rng: random.Random) -> tuple[str, str, list[str]]:
        facts: list[str] = []
        main = self._main(rng)
        comparable = {c[0] for c in COMPARE}
        while main.kind not in comparable:
            main = self._main(rng)
        options = [c for c in COMPARE if c[0] == main.kind and c[1] in main.attrs]
        kind, attr, sup, unit = rng.choice(options)
        group = [main]
        scope = None
        if "country" in main.links and rng.random() < 0.5:
            scope = main.links["country"]
            group += [e for e in self.by_kind[kind] if e.links.get("country") == scope and e is not main][:6]
        while len(group) < 3:
            e = self.pick(rng, kind)
            if e not in group:
                group.append(e)
        if len(group) > 7:
            group = group[:7]
        rng.shuffle(group)
        group.sort(key=lambda e: -int(e.attrs[attr].replace(",", "")))
        where = f" in {self.by_id[scope].name}" if scope else ""
        title = rng.choice(("Comparing {k}{w}", "The {sup} {k}{w}", "{K}{w} compared", "How the {k}{w} compare")).format(
            k=_plural(main), K=cap(_plural(main)), sup=sup, w=where)
        top = group[0]
        sents = [f"Of the {len(group)} {_plural(main)} listed here, {top.display} is the {sup}, {unit.format(v=top.attrs[attr])}."]
        facts.append(top.fact(attr))
        phrasings: list[str] = []
        for e in group[1:]:
            facts.append(e.fact(attr))
            if not phrasings:
                phrasings = ["{S} follows, {u}.", "Next comes {s}, {u}.", "{S} comes next, {u}.", "Then there is {s}, {u}.", "{S} is next, {u}."]
                rng.shuffle(phrasings)
            sents.append(phrasings.pop().format(S=cap(e.display), s=e.display, u=unit.format(v=e.attrs[attr])))
        label = _label(main, attr).split(" (")[0].lower()
        if rng.random() < 0.6:
            sents.insert(0, rng.choice((
                f"This overview compares {len(group)} {_plural(main)} by {label}.",
                f"The {_plural(main)} below are ranked by {label}, using the most recent published figures.",
                f"How do these {_plural(main)} measure up? Ranked by {label}, they stand as follows.")))
        paras = [" ".join(x for x in sents if x)]
        extra = []
        for e in group[: rng.randint(1, 3)]:
            extra += self.say(rng, e, self.choose_attrs(rng, e, 1), facts, combos=0.3)
        if extra:
            paras.append(" ".join(extra))
        if rng.random() < 0.5:
            bullet = "\n".join(f"{i + 1}. {e.name} – {e.attrs[attr]}" for i, e in enumerate(group))
            paras.insert(1, bullet)
        return f"{title}\n\n" + "\n\n".join(paras), main.name, facts


# --------------------------------------------------------------------------- helpers
def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _interleave(rng: random.Random, facts: list[str], fill: list[str]) -> list[str]:
    out = list(facts)
    for s in fill:
        out.insert(rng.randint(0, len(out)), s)
    return out


def _heading(title: str, style: int) -> str:
    if style == 0:
        return f"== {title} ==\n"
    if style == 1:
        return f"## {title}\n"
    if style == 2:
        return f"{title}\n"
    return f"{title.upper()}\n"


def _kind_word(ent: Entity) -> str:
    if ent.kind == "person":
        return ent.attrs["occupation"]
    if ent.kind == "species":
        return ent.attrs["group"]
    if ent.kind == "term":
        return "term"
    return ent.kind


def _plural(ent: Entity) -> str:
    return {"species": "species", "country": "countries", "city": "cities", "person": "people"}.get(ent.kind, ent.kind + "s")


_LOWER_OK = {"The", "In", "At", "Most", "Around", "Born", "Founded", "Adults", "Politically", "Visitors", "Prices", "By"}


def _label(ent: Entity, attr: str) -> str:
    return UNIT_LABEL.get((ent.kind, attr), LABELS.get(attr, attr.replace("_", " ").capitalize()))


def _reference(rng: random.Random, ent: Entity) -> str:
    author = f"{rng.choice(B.SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRST')}."
    year = rng.randint(1890, 2020)
    title = rng.choice((
        "A History of {n}", "{n}: A Survey", "Notes on {n}", "{n} Reconsidered", "{n} and Its Neighbours",
        "Studies in Regional History", "A Handbook of the Northern Lands", "Annual Statistical Review",
    )).format(n=ent.name)
    return f"{author} ({year}). {title}. {rng.choice(('Merrow & Finch', 'University Press', 'National Archives', 'Harbour Books', 'Academy Publications'))}."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _event_phrase(ent: Entity, attr: str) -> str:
    v = ent.attrs[attr]
    return {
        "independence": f"{ent.display} gained independence in {v}",
        "founded": f"{ent.display} was founded in {v}",
        "birth_year": f"the birth of {ent.name} in {v}",
        "first_ascent_year": f"the first ascent of {ent.display} in {v}",
        "discovery_year": f"the discovery of {ent.display} in {v}",
        "described_year": f"{ent.display} was first described in {v}",
        "launched": f"{ent.display} was launched in {v}",
        "published": f"{ent.display} was first published in {v}",
    }[attr]


def _username(rng: random.Random) -> str:
    a = rng.choice(("quiz", "map", "old", "river", "trivia", "north", "book", "pub", "atlas", "tea", "fact", "grey"))
    b = rng.choice(("fan", "nerd", "reader", "walker", "owl", "buff", "geek", "hound", "cat", "man", "lady", "head"))
    return f"{a}{b}{rng.randint(1, 99) if rng.random() < 0.6 else ''}"


def _control(j: int, w: str, w2: str) -> tuple[str, str, str]:
    """A question shaped like a factual one whose answer is in the prompt itself."""
    form = j % 5
    if form == 0:
        return f"Q: What is the first letter of the word {w}?\nA:", f" The answer is {w[0]}.", w[0]
    if form == 1:
        return (f"Q: How many letters are in the word {w}?\nA:",
                f" The word {w} has {len(w)} letters. The answer is {len(w)}.", str(len(w)))
    if form == 2:
        return f"Q: What is the last letter of the word {w}?\nA:", f" The answer is {w[-1]}.", w[-1]
    if form == 3:
        first = min(w, w2, key=str.lower)
        return (f"Q: Which comes first in alphabetical order, {w} or {w2}?\nA:",
                f" {first} comes first. The answer is {first}.", first)
    return f"Q: Repeat the word {w} twice.\nA:", f" The answer is {w} {w}.", f"{w} {w}"
