"""The words that tell people, organisations, places and speech apart in news prose: titles, person and
organisation nouns, speech verbs, and small predicates over them. General English news usage only.
"""

from __future__ import annotations

from spacy.tokens import Token

HONORIFICS = {
    "mr": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "mx": None,
    "dr": None,
    "prof": None,
    "professor": None,
    "sir": "male",
    "dame": "female",
    "lord": "male",
    "lady": "female",
    "rev": None,
}
# Capitalised before a name they are a title, not part of the name ("Councillor Beatrix Hollenbeck").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "chancellor", "senator", "sen", "governor", "gov", "mayor",
    "councillor", "councilor", "alderman", "judge", "justice", "general", "gen", "colonel", "col", "captain",
    "capt", "lieutenant", "lt", "sergeant", "sgt", "ambassador", "secretary", "chairman", "chairwoman",
    "director", "chief", "ceo", "deputy", "commissioner", "inspector", "detective", "king", "queen", "prince",
    "princess", "pope", "bishop", "archbishop", "rabbi", "imam", "coach", "dean", "speaker", "representative",
    "rep", "mp", "mep", "premier", "sheriff", "constable", "officer", "superintendent", "president-elect",
    "councilman", "councilwoman", "congressman", "congresswoman", "assemblyman", "assemblywoman",
    "alderwoman", "senator-elect", "mayor-elect", "governor-elect",
}  # fmt: skip
PERSON_NOUNS = {
    "adviser", "advisor", "analyst", "author", "editor", "writer", "reporter", "correspondent", "fellow",
    "researcher", "scientist", "professor", "lecturer", "teacher", "student", "programmer", "developer",
    "engineer", "designer", "consultant", "founder", "co-founder", "cofounder", "owner", "co-owner",
    "entrepreneur", "investor", "executive", "director", "manager", "chairman", "chairwoman", "chair",
    "president", "minister", "secretary", "official", "officer", "lawyer", "attorney", "judge", "doctor",
    "physician", "nurse", "surgeon", "farmer", "worker", "employee", "resident", "organiser", "organizer",
    "leader", "member", "lawmaker", "senator", "mayor", "councillor", "councilor", "governor", "diplomat",
    "ambassador", "general", "commander", "soldier", "expert", "specialist", "scholar", "actor", "actress",
    "player", "coach", "captain", "driver", "pilot", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister", "grandmother", "grandfather", "widow", "widower", "pensioner", "retiree",
    "veteran", "volunteer", "priest", "pastor", "imam", "rabbi", "bishop", "chief", "head", "deputy",
    "partner", "colleague", "friend", "neighbour", "neighbor", "citizen", "refugee", "migrant", "emigre",
    "graduate", "advocate", "representative", "negotiator", "strategist", "pollster", "commentator",
    "blogger", "photographer", "chef", "banker", "trader", "broker", "accountant", "architect", "planner",
    "inspector", "detective", "prosecutor", "defendant", "witness", "victim", "survivor", "patient",
    "parent", "candidate", "ceo", "cfo", "cto", "coo", "boss", "tycoon", "billionaire", "millionaire",
    "spokesperson", "campaigner", "campaigners", "protester", "critic", "supporter", "observer", "historian",
    "user", "customer", "shopkeeper", "landlord", "tenant", "mp", "mep", "staffer", "aide", "assistant",
    "intern", "principal", "headteacher", "master", "headmaster", "headmistress", "curator", "producer",
    "director-general", "secretary-general",
    "trustee", "treasurer", "auditor", "mediator", "coordinator", "administrator", "clerk",
    "rector", "chancellor", "premier", "commissioner", "superintendent", "sheriff", "constable",
    "councilman", "councilwoman", "congressman", "congresswoman", "assemblyman", "assemblywoman", "gp",
}  # fmt: skip
# Words that make a capitalised phrase an organisation or a publication, never a person's name.
ORG_WORDS = {
    "council", "ministry", "department", "times", "post", "courier", "herald", "journal", "gazette",
    "tribune", "news", "telegraph", "chronicle", "observer", "express", "bank", "group", "inc", "ltd",
    "llc", "corp", "company", "agency", "institute", "university", "college", "school", "center", "centre",
    "committee", "party", "association", "foundation", "fund", "union", "guild", "authority", "board",
    "court", "commission", "office", "press", "capital", "partners", "holdings", "technologies", "systems",
    "hospital", "clinic", "airport", "station", "city", "county", "region", "republic", "kingdom", "states",
    "army", "navy", "police", "service", "services", "network", "media", "energy", "airlines", "forum",
    "society", "club", "team", "museum", "library", "markets", "federation", "organisation", "organization",
    "alliance", "coalition", "movement", "campaign", "project", "program", "programme", "initiative",
    "ltd.", "inc.", "plc", "ag", "gmbh", "sa", "bv", "trust", "corporation", "industries", "labs",
    "studios", "ventures", "academy", "marine", "shipping", "ferries", "airways", "railways", "motors",
    "foods", "pharmaceuticals", "insurance", "consulting", "solutions", "software", "mining", "oil", "gas",
}  # fmt: skip
# Words that make a capitalised phrase a place, unless the model calls it a person (Linda Park, Ann Hall).
PLACE_WORDS = {
    "park", "street", "road", "avenue", "square", "bay", "river", "valley", "church", "port", "harbour",
    "harbor", "hall", "island", "islands", "isles", "mountains", "lake", "sea", "ocean", "coast", "cross",
    "bridge", "tower", "house", "palace", "cathedral", "hill", "hills", "heights", "beach", "falls",
}  # fmt: skip
# A common noun for an organisation: before a name it makes the name an organisation's ("the ferry
# operator Northsound Marine"); as a speech verb's subject it refers to the organisation last named.
ORG_NOUNS = {
    "company", "firm", "operator", "startup", "start-up", "group", "maker", "retailer", "carrier", "airline",
    "bank", "lender", "insurer", "broadcaster", "publisher", "manufacturer", "supplier", "chain", "brand",
    "platform", "website", "newspaper", "magazine", "agency", "charity", "ministry", "department",
    "government", "council", "authority", "organisation", "organization", "union", "party", "association",
    "business", "conglomerate", "outlet", "network", "regulator", "consultancy", "utility", "subsidiary",
    "watchdog", "institute", "university", "hospital", "club", "team", "school", "body", "committee",
    "commission", "board", "airport", "embassy", "court", "police", "army", "office", "administration",
}  # fmt: skip
# Before a single-word name these make it a place or a medium ("moved to Kiev", "wrote on Twitter").
PLACE_PREPOSITIONS = {"in", "at", "near", "from", "to", "into", "across", "outside", "via", "on", "towards"}
PLACE_PREPOSITIONS |= {"for"}
NAME_PARTICLES = {
    "bin",
    "ibn",
    "al",
    "el",
    "de",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "du",
}
NAME_PARTICLES |= {"dos", "das", "la", "le", "ter", "ten", "y"}
# After a surname, these end a name: "Walter J. Brandt III", "Robert K. Hale Jr." (the surname is before).
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Months and weekdays: a single one of these is a date, never a person ("in November, the mayor …").
DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# Common English short forms of given names: "Bob Hale" is the "Robert K. Hale Jr." named before.
NICKNAMES = {
    "bob": "robert", "bobby": "robert", "rob": "robert", "robbie": "robert", "bill": "william",
    "billy": "william", "will": "william", "liam": "william", "jim": "james", "jimmy": "james",
    "jamie": "james", "mike": "michael", "mick": "michael", "tom": "thomas", "tommy": "thomas",
    "dick": "richard", "rick": "richard", "rich": "richard", "dave": "david", "joe": "joseph",
    "tony": "anthony", "ed": "edward", "ted": "edward", "eddie": "edward", "dan": "daniel",
    "danny": "daniel", "matt": "matthew", "nick": "nicholas", "steve": "stephen", "jack": "john",
    "johnny": "john", "andy": "andrew", "ben": "benjamin", "charlie": "charles", "chuck": "charles",
    "fred": "frederick", "greg": "gregory", "harry": "henry", "hank": "henry", "jeff": "jeffrey",
    "jon": "jonathan", "larry": "lawrence", "pete": "peter", "phil": "philip", "ron": "ronald",
    "tim": "timothy", "walt": "walter", "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "cathy": "catherine",
    "sue": "susan", "peggy": "margaret", "maggie": "margaret", "meg": "margaret", "jenny": "jennifer",
    "becky": "rebecca", "debbie": "deborah", "patty": "patricia", "vicky": "victoria", "abby": "abigail",
}  # fmt: skip
GENDERED_NOUNS = {
    "man": "male", "woman": "female", "businessman": "male", "businesswoman": "female",
    "spokesman": "male", "spokeswoman": "female", "chairwoman": "female", "actress": "female",
    "mother": "female", "father": "male", "wife": "female", "husband": "male", "son": "male",
    "daughter": "female", "brother": "male", "sister": "female", "grandmother": "female",
    "grandfather": "male", "widow": "female", "widower": "male", "king": "male", "queen": "female",
    "boy": "male", "girl": "female", "congressman": "male", "congresswoman": "female",
}  # fmt: skip
POSSESSIVE_GENDER = {"his": "male", "her": "female", "himself": "male", "herself": "female"}
PRONOUN_GENDER = {"he": "male", "she": "female", "they": None}
SPEECH_LEMMAS = {
    "say", "tell", "add", "warn", "explain", "note", "argue", "write", "insist", "recall", "ask", "reply",
    "answer", "respond", "claim", "state", "declare", "announce", "comment", "remark", "observe",
    "suggest", "acknowledge", "admit", "concede", "confirm", "deny", "complain", "predict", "estimate",
    "stress", "emphasise", "emphasize", "conclude", "joke", "quip", "shout", "whisper", "tweet",
    "post", "call", "describe", "urge", "vow", "promise", "plead", "caution", "counter", "retort",
    "maintain", "contend", "assert", "recount", "testify", "muse", "exclaim", "murmur", "mutter", "agree",
    "reiterate", "elaborate", "lament", "boast", "scoff", "sigh", "laugh", "cry", "yell", "scream",
}  # fmt: skip
# Inflected forms taken as speech verbs even when the tagger calls them something else.
SPEECH_FORMS = {"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "warned", "asked"}
SPEECH_FORMS |= {"replied", "explained", "noted", "argued", "insisted", "recalled", "according"}
# Verbs of a relative clause that says what someone does: "X, who chairs the association,".
ROLE_VERBS = {"chair", "lead", "run", "head", "represent", "found", "co-found", "own", "manage", "direct"}
ROLE_VERBS |= {"coach", "teach", "edit", "advise", "oversee", "coordinate", "organise", "organize"}
# Speech verbs only when they take nothing but a subject: "“…,” he continued", not "would continue “…”".
INTRANSITIVE_SPEECH_LEMMAS = {"continue"}
_BARE_VERB_DEPS = {"nsubj", "nsubjpass", "punct", "advmod", "aux", "npadvmod", "cc"}
ADDITIVE_LEMMAS = {"add", "continue", "conclude", "elaborate", "reiterate"}
# Verbs that report speech even without a clause after them ("Anton told The Moscow Times"); the other
# speech verbs report speech only with one ("claimed that …", not "claimed a landslide victory").
REPORTING_LEMMAS = {"say", "tell", "add", "write", "explain", "insist", "argue", "warn", "note", "recall"}
REPORTING_LEMMAS |= {"reply", "answer", "respond", "acknowledge", "admit", "confirm", "deny", "stress"}
REPORTING_LEMMAS |= {"conclude", "reiterate", "according", "put", "continue", "predict", "estimate"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
POSSESSIVE = {"’s", "'s", "’", "'"}  # a possessive ending, as the tokenizer splits it off
DETERMINERS = {"a", "an", "the"}


def bare(word: str) -> str:
    """A word's lowercase form without a final full stop ("Dr." → "dr")."""
    return word.lower().rstrip(".")


def is_person_noun(token: Token) -> bool:
    """A noun naming a kind of person: "journalist", "co-founder", "spokeswoman", "trawlerman"."""
    word, lemma = token.lower_, token.lemma_.lower()
    if word in PERSON_NOUNS or lemma in PERSON_NOUNS or word in GENDERED_NOUNS:
        return True
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    person_suffix = word.endswith(("man", "woman", "person")) and len(word) > 6
    return person_suffix or (word.endswith(("ist", "ian")) and len(word) > 6 and not word.endswith("list"))


def is_speech_verb(token: Token) -> bool:
    """said, told, added, warned, wrote, "according (to)"…; "continued" only without an object."""
    if token.lower_ == "according":
        return token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False
    if token.lower_ in SPEECH_FORMS:
        return token.pos_ in ("VERB", "AUX", "NOUN", "PROPN") or token.dep_ == "ROOT"
    lemma = token.lemma_.lower()
    if lemma == "put":  # "as she put it"
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)
    if lemma in INTRANSITIVE_SPEECH_LEMMAS:
        return token.pos_ == "VERB" and not any(c.dep_ not in _BARE_VERB_DEPS for c in token.children)
    return token.pos_ == "VERB" and lemma in SPEECH_LEMMAS


def is_title(word: str) -> bool:
    return bare(word) in TITLE_WORDS or bare(word) in HONORIFICS
