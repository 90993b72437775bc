"""English screening rules: phrases and patterns over the normal form of `normalize`.

Each rule is a `RuleSpec`; `rules.py` compiles them and applies the modifiers
(negation, subject, past, fiction/news frames, jokes). Patterns name the
core phrase only ("want to die"); who says it and whether it is denied is
decided from the words before it in the same clause.
"""

from __future__ import annotations

from crisp.safety.rules import CueSpec, MaskSpec, RuleSpec, SubjectSpec

# Relations: "my friend wants to die" is about someone else.
REL = (
    r"(?:best\s+friend|friends?|bf|gf|boyfriend|girlfriend|husband|wife|partner|ex|mom|mum|mother|dad|father|"
    r"parents?|brother|sister|sibling|son|daughter|kids?|child|children|cousin|uncle|aunt|grandma|grandpa|"
    r"grandmother|grandfather|roommate|flatmate|housemate|classmate|coworker|co-worker|colleague|boss|"
    r"teacher|student|neighbou?r|client|patient|buddy|mate|fiance|fiancee|niece|nephew|teammate|stepdad|"
    r"stepfather|stepmom|stepmother|family\s+member|former\s+partner|team\s+lead|baby|newborn|infant|toddler|therapist|doctor|nurse|counsell?or)"
)
_DRUGS = (
    r"(?:sleeping\s+pills|painkillers|antidepressants|benzos|opioids|oxy\w*|paracetamol|tylenol|acetaminophen|"
    r"ibuprofen|aspirin|xanax|ambien|insulin|lithium|sertraline|prozac|meds|medication|medicine|tablets|pills|capsules)"
)
SUBJECTS = SubjectSpec(
    third=(
        rf"\b(?:my|our|a|his|her|their|this|that)\s+(?:\w+\s+)?{REL}\b(?!'s)|\b(?:he|she|they|he's|she's|they're|he'd|"
        r"she'd|they'd|he'll|she'll|they'll|they've|him|her|them|his|their|someone|somebody|anyone|people|"
        r"everyone\s+else|the\s+(?:person|guy|girl|man|woman|kid|boy))\b"
    ),
    you=r"\b(?:you|you're|you've|you'd|you'll|your|yourself|ya)\b",
    self_=r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b",
    thing=(
        r"\b(?:the|this|that|my|our)\s+(?:\w+\s+)?(?:company|business|startup|plant|plants|phone|battery|laptop|"
        r"computer|car|server|project|app|store|shop|restaurant|band|process|program)\b"
    ),
)

NEGATION = (
    r"(?:\bnot|\bnever|n't|\bno\s+longer|\bnothing\s+like|\bno|\bwithout)\s+(?:(?:really|ever|even|actually|"
    r"currently|honestly|seriously|at\s+all|going\s+to|want\s+to|wanting\s+to|wanted\s+to|meant\s+to|trying\s+to|have|had|having|been|be|"
    r"feel|feeling|think|thinking|plan|planning|to|about|of|any|that|so|am|a|an|the|like|because\s+i|that\s+i|"
    r"i|i'm|intend|intending|considering|consider|wish|wishing|do|doing|will|would|gonna|ready)\s+){0,4}$"
)

# Markers that put a disclosure in the past (unless something says it is back).
PAST = (
    r"\bused\s+to\b|\b(?:years|months|a\s+long\s+time|decades)\s+ago\b|\bwhen\s+i\s+was\s+(?:a\s+|in\s+|younger|"
    r"little|small|\d+|a\s+kid|a\s+teen|a\s+child)|\bas\s+a\s+(?:kid|child|teen|teenager|little\s+girl|little\s+boy)\b|"
    r"\bin\s+(?:high|middle|primary|elementary|secondary|grade)\s+school\b|\bback\s+(?:in|then|when)\b|"
    r"\bat\s+the\s+time\b|\bin\s+the\s+past\b|\bgrowing\s+up\b|\blast\s+year\b|\b(?:a\s+few|several|many|two|"
    r"three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b|\bonce\s+in\s+my\s+life\b|\bhistory\s+of\b"
)
RESOLVED = (
    r"\bi(?:'m|\s+am)\s+(?:\w+\s+){0,3}(?:better|okay|ok|fine|safe|good|stable|happy|doing\s+(?:much\s+|a\s+lot\s+)?"
    r"(?:better|well|ok|okay|fine)|in\s+a\s+(?:much\s+)?(?:better|good|great|safe)\s+place)\s+now\b|"
    r"\bgot\s+(?:help|better|through\s+it|past\s+it|over\s+it)\b|\b(?:don't|do\s+not)\s+(?:feel|think)\s+(?:that\s+way|"
    r"like\s+that)\s+any\s*more\b|\bno\s+longer\s+(?:feel|have|think|do)\b|\bhaven't\s+(?:\w+\s+){0,4}(?:in|for|since)\s|"
    r"\bbeen\s+(?:clean|sober|free|safe)\b|\brecovered\b|\bin\s+recovery\b|\btherapy\s+helped\b|\bhelped\s+me\b|"
    r"\bi'm\s+safe\s+now\b|\bmoved\s+out\b"
)
RECURRENCE = (
    r"\bagain\b|\blately\b|\brecently\b|\bthese\s+days\b|\bthis\s+(?:week|month|morning|year|weekend)\b|\btonight\b|"
    r"\btoday\b|\bright\s+now\b|\bat\s+the\s+moment\b|\bcurrently\b|\b(?:coming|came|creeping|crept)\s+back\b|"
    r"\b(?:are|is|they're|it's)\s+back\b|\breturn(?:ed|ing)\b|\bbut\s+now\b|\bnow\s+i\b|\bstill\s+(?:want|wish|feel\s+"
    r"like|have\s+(?:those|these|the|suicidal)|get\s+(?:those|these|the)|cut|cutting|hurt|hurting|hits?|beats?|threatens?|"
    r"think\s+about\s+(?:suicide|killing|dying|death|ending))\b"
)
FRAME = (
    r"\b(?:movie|film|show|series|episode|season|book|novel|story|character|characters|protagonist|narrator|plot|"
    r"scene|video\s+game|game|mission|article|news|headline|report|reported|documentary|podcast|study|studies|"
    r"research|paper|essay|thesis|assignment|homework|class|lecture|course|seminar|textbook|statistics|rates?|"
    r"poem|poetry|poet|song|lyrics|album|play|shakespeare|hamlet|ophelia|juliet|romeo|fiction|anime|manga|comic|"
    r"newspaper|journalist|according\s+to|author|writer|biology|cells?|apoptosis|history|historical|ancient|"
    r"celebrity|actor|actress|singer|villain|hero|detective|killer|murder\s+mystery|mean|meaning|definition|define|term|exam\s+question)\b"
)
# Chinese puts a described person after the phrase ("有自杀念头的同学"); English does not need this.
SUBJECT_AFTER = r"(?!)"
# "She asked if I had thoughts of suicide" reports a question; it counts only if the answer was yes.
REPORTED_QUESTION = r"\b(?:asked|asks|asking)\s+(?:me\s+)?(?:if|whether|about)\b|\bscreen(?:ed|ing)\s+(?:me\s+)?for\b"
AFFIRMED = r"\b(?:said|says|told\s+(?:her|him|them))\s+(?:yes|yeah|that\s+i\s+(?:do|did|have|am|was))\b|\badmitted\b"
JOKE = r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|j/k|just\s+kidding|kidding|joking)\b|😂|🤣|😆|😅|😜|🙃"

# Idioms, hyperbole and technical words that contain risk words; they are blanked before the rules run.
MASKS = (
    MaskSpec(
        r"\bdie[ds]?\s+(?:of|from)\s+(?:embarrassment|laughter|laughing|boredom|shame|cuteness|happiness|"
        r"curiosity|jealousy|envy|excitement|anticipation|suspense|old\s+age|thirst|hunger)\b"
    ),
    MaskSpec(
        r"\bdie\s+(?:my|her|his|their|your|the|it|them)\s+(?:\w+\s+)?(?:hair|shirt|clothes|jeans|eyebrows|"
        r"beard|fabric|eggs|nails|tips|roots)\b|\bdie\s+it\s+(?:blue|red|pink|purple|black|green|blonde)\b"
    ),
    MaskSpec(r"\bcross\s+my\s+heart\s+and\s+hope\s+to\s+die\b"),
    MaskSpec(r"\b(?:would|'d)\s+(?:much\s+)?rather\s+die\s+than\b"),
    MaskSpec(r"\bto\s+die\s+for\b|\bdie\s+on\s+this\s+hill\b|\bdie\s+trying\b"),
    MaskSpec(
        r"\bkill(?:ing)?\s+myself\s+(?:laughing|with\s+laughter|working|studying|at\s+(?:work|the\s+gym)|"
        r"over\s+(?:this|that|it)|trying\s+to)\b"
    ),
    MaskSpec(
        r"\b(?:hurt|hurting|killed)\s+myself\s+laughing\b|\bshot\s+(?:myself|himself|herself|themselves)\s+in\s+the\s+foot\b|"
        r"\bshoot(?:ing)?\s+myself\s+in\s+the\s+foot\b"
    ),
    MaskSpec(r"\bcut(?:ting)?\s+myself\s+(?:a|some|another|off|short|loose|free)\b"),
    MaskSpec(
        r"\b(?:accidentally|accidently|by\s+accident)\s+(?:\w+\s+){0,2}(?:cut|burn|burnt|burned|hurt|hit|bit|"
        r"stabbed|injured)\s+myself\b|\b(?:cut|burn|burnt|burned|hurt|hit|bit|injured)\s+myself\s+(?:shaving|"
        r"cooking|while|on\s+(?:a|the|some|my)|at\s+(?:the|work|practice)|playing|lifting|running|training|"
        r"doing|by\s+accident|accidentally|chopping|with\s+the\s+(?:oven|iron|stove|pan|kettle))\b"
    ),
    MaskSpec(r"\bdrown(?:ing)?\s+myself\s+in\s+(?:work|coffee|tea|homework|books|music|paperwork|tasks)\b"),
    MaskSpec(r"\b(?:is|are|was|were|'s|'re)\s+(?:literally\s+|actually\s+|gonna\s+|going\s+to\s+)?killing\s+me\b"),
    MaskSpec(r"\bbetter\s+off\s+dead'\b|'better\s+off\s+dead"),
    MaskSpec(r"\b(?:be|is)\s+the\s+death\s+of\s+me\b"),
    # "this dress makes me want to die, it's so pretty": delight said as a death wish.
    MaskSpec(
        r"\bwant\s+to\s+die\b(?=[^.!?]{0,30}\b(?:so\s+(?:pretty|cute|good|funny|beautiful|adorable)|cute|adorable|"
        r"gorgeous|hilarious)\b)"
    ),
)

# Cues: not risk alone; they raise risk that is present in the message or the conversation.
CUES = (
    CueSpec(
        "timing",
        r"\btonight(?:'s|\s+is)\s+the\s+night\b|\btoday(?:'s|\s+is)\s+the\s+day\b|\b(?:it's|it\s+is)\s+"
        r"(?:almost\s+|nearly\s+|finally\s+)?time\b|\bno\s+turning\s+back\b|\bthis\s+is\s+it\b|\bmade\s+up\s+my"
        r"\s+mind\b|\bi(?:'ve|\s+have)\s+decided\b|\bgood\s*bye\b|\bfarewell\b|\b(?:won't|will\s+not)\s+(?:be\s+)?"
        r"(?:here|around)\b|\b(?:it'll|it\s+will|soon\s+it\s+will)\s+(?:all\s+)?be\s+over\b|\b(?:going\s+to|about\s+"
        r"to)\s+do\s+it\b|\bdo(?:ing)?\s+it\s+(?:tonight|now|today|this\s+weekend)\b|\blast\s+message\b|\bafter\s+tonight\b|\bi\s+have\s+"
        r"a\s+plan\b|\b(?:picked|set|chose|chosen)\s+(?:a|the)\s+(?:date|day|time|place|spot)\b|\bmy\s+affairs\s+in\s+"
        r"order\b|\bsaid\s+(?:my\s+)?goodbyes?\b|\bnobody\s+(?:will|can)\s+stop\s+me\b|\b(?:tonight|today|tomorrow|"
        r"this\s+weekend|on\s+\w+day)\s+(?:is|will\s+be|'s)\s+(?:the\s+(?:day|night)|when)\b|\bmade\s+(?:my\s+)?peace\b|"
        r"\b(?:i'll|i\s+will|i'm\s+going\s+to|going\s+to|gonna)\s+(?:finally\s+|just\s+)?do\s+it\b",
    ),
    CueSpec(
        "letters",
        r"\b(?:a|my|the)\s+(?:goodbye\s+)?(?:note|letter)s?\s+(?:for|to)\s+(?:my\s+\w+|everyone|everybody)\b|\b(?:wrote|written|writing|left|leaving|finished)\s+(?:goodbye\s+|farewell\s+|last\s+)?(?:letters?|notes?)"
        r"\s+(?:to|for)\s+(?:my\s+\w+|everyone|everybody|the\s+people\s+i\s+love|each\s+of)",
    ),
    # Soft farewells are ordinary on their own and in a message with a wish to die; they count after earlier risk.
    CueSpec(
        "farewell",
        r"\bi(?:'m|\s+am)\s+ready\b|\bready\s+now\b|\bthank(?:s|\s+you)\s+for\s+(?:everything|listening|"
        r"being\s+there|all)\b|\blast\s+(?:time|night|day)\b|\btonight\b|\bsee\s+you\s+(?:on\s+the\s+other\s+side|"
        r"never)\b",
    ),
    CueSpec(
        "means",
        rf"\b(?:pills?|tablets|meds|medication|{_DRUGS}|rope|noose|gun|pistol|firearm|knife|knives|blades?|razors?|"
        r"bridge|roof|rooftop|ledge|balcony|window|train\s+tracks|charcoal|bleach|cliff|bottle|poison)\b",
    ),
    CueSpec("jump", r"\b(?:want|wanna|going|gonna|about|ready|plan(?:ning)?|urge)\s+to\s+jump\b"),
    CueSpec(
        "bleeding",
        r"\b(?:won't|will\s+not|doesn't|can't)\s+stop\s+(?:the\s+)?bleeding\b|\bbleeding\s+(?:a\s+lot|heavily|badly|"
        r"out|everywhere|so\s+much)\b|\b(?:so\s+much|lots\s+of|a\s+lot\s+of)\s+blood\b|\blosing\s+(?:a\s+lot\s+of\s+)?"
        r"blood\b|\bblood\s+everywhere\b",
    ),
    CueSpec(
        "doing_it",
        r"\b(?:going\s+to|gonna|about\s+to)\s+do\s+it\b|\bdo(?:ing)?\s+it\s+(?:tonight|now|today)\b|\btonight(?:'s|\s+is)"
        r"\s+the\s+night\b|\bno\s+turning\s+back\b|\bnobody\s+(?:will|can)\s+stop\s+me\b",
    ),
    CueSpec(
        "giving_away",
        r"\b(?:wrote|written|made|updated|finished)\s+(?:my|a)\s+will\b|\b(?:giving|gave|given|give)\s+away\s+(?:all\s+)?(?:my|of\s+my)\s+(?:\w+\s+)?(?:stuff|things|"
        r"belongings|possessions|cat|dog|pets?|clothes|books|games)\b|\b(?:giving|gave|given|give)\s+(?:all\s+)?(?:of\s+)?"
        r"my\s+(?:\w+\s+)?(?:stuff|things|belongings|possessions|cat|dog|pets?|clothes|books|games)\s+away\b",
    ),
)

_ADV = (
    r"(?:(?:really|just|honestly|seriously|kind\s+of|kinda|sort\s+of|so|very|actually|literally|truly|genuinely|"
    r"sometimes|often|constantly|always|still|even|almost|simply|finally)\s+)*"
)
_I = r"(?:i|i'm|i've|i'd|i'll)"
_WANT = r"(?:want|wants|wanted|wanna|wish|wishes|wished|wishing|long|longing|hope|hoping|need|needs)"
_DEAD_IF = (
    r"(?:was|were|wasn't|weren't|died|was\s+dead|were\s+dead|was\s+gone|were\s+gone|didn't\s+exist|"
    r"wasn't\s+here|weren't\s+here|wasn't\s+around|weren't\s+around|disappeared|just\s+died|killed\s+myself|"
    r"was\s+never\s+born|never\s+existed|vanished)"
)
_TARGET = (
    r"(?:him|her|them|you|someone|somebody|people|everyone|everybody|the\s+(?:people|kids|guy|girl|man|woman)|"
    rf"my\s+(?:\w+\s+)?{REL}|that\s+(?:guy|girl|man|woman|bitch|bastard|person|asshole)|those\s+(?:people|guys|kids))"
)
_HARM_VERB = (
    r"(?:kill|killing|hurt|hurting|stab|stabbing|shoot|shooting|murder|murdering|strangle|strangling|"
    r"poison|poisoning|beat\s+up|beating\s+up|choke|choking|attack|attacking|harm|harming|punch|punching)"
)
_SH_VERB = (
    r"(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|scratch|scratching|starve|starving|carve|carving|"
    r"hit|hitting|punch|punching|bite|biting|mutilate|mutilating|bruise|bruising)"
)
_ABUSER = (
    r"(?:he|she|they|someone|somebody|a\s+(?:guy|man|woman|teacher|coach|relative|stranger)|"
    r"my\s+(?:\w+\s+)?(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|dad|father|mom|mum|mother|stepdad|"
    r"stepfather|stepmom|stepmother|brother|sister|uncle|aunt|grandpa|grandfather|cousin|boss|teacher|coach|"
    r"ex|roommate|parents?|family|fiance|fiancee|landlord))"
)
_METHOD = (
    r"(?:jump(?:ing)?\s+(?:off|from|out\s+of|in\s+front\s+of)\s+(?:a|the|my|this|that)\s+(?:\w+\s+)?(?:bridge|"
    r"roof|building|balcony|cliff|train|window|tower|ledge|overpass|parking\s+garage|car\s+park|floor|subway)|"
    r"overdos(?:e|ing)(?:\s+on\s+\w+)?|hang(?:ing)?\s+myself|shoot(?:ing)?\s+myself|slit(?:ting)?\s+my\s+"
    r"(?:wrists?|throat)|cut(?:ting)?\s+my\s+(?:wrists?|throat)|drown(?:ing)?\s+myself|poison(?:ing)?\s+myself|"
    r"gas(?:sing)?\s+myself|(?:step|jump|throw)(?:ping|ing)?\s+(?:myself\s+)?in\s+front\s+of\s+(?:a|the)\s+(?:\w+\s+)?(?:train|"
    r"bus|car|truck|lorry|subway|tube)|walk(?:ing)?\s+"
    r"into\s+traffic|driv(?:e|ing)\s+(?:my\s+car\s+)?(?:into|off)\s+(?:a|the)\s+(?:wall|tree|cliff|bridge|river|"
    r"oncoming\s+traffic|lake)|driv(?:e|ing)\s+(?:my\s+car\s+)?into\s+oncoming\s+traffic|crash(?:ing)?\s+my\s+car|tak(?:e|ing)\s+all\s+(?:of\s+)?(?:my|the|these|those)\s+"
    r"(?:\w+\s+)?(?:pills|meds|medication|tablets)|tak(?:e|ing)\s+every\s+(?:single\s+)?(?:pill|tablet)|swallow(?:ing)?\s+(?:all|a\s+"
    r"(?:whole\s+)?bottle|the\s+whole)"
    r"|jump(?:ing)?\s+(?:off|from)\s+(?:the\s+)?(?:\w+\s+)?(?:roof|bridge|building|balcony|cliff))"
)

RULES = (
    # --- wish to be dead / not wake up (C-SSRS 1): moderate ---
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b{_WANT}\s+(?:to|i\s+could|i\s+can)\s+{_ADV}(?:die|be\s+dead|not\s+exist|stop\s+existing|cease\s+to\s+"
        r"exist|not\s+be\s+(?:alive|here|around)|go\s+to\s+sleep\s+forever|sleep\s+forever(?!\s+(?:on|this|every|in\s+the|after|during|today|tomorrow|until))|stop\s+living|"
        r"not\s+wake\s+up|never\s+wake\s+up)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b(?:wish|wished|hope|hoped|pray|prayed|praying|hoping|wishing)\s+(?:that\s+)?{_I}\s+(?:was|were|would\s+"
        r"be|could\s+be|'d\s+be|be|am|had\s+been)?\s*(?:dead|gone\s+for\s+good)\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wish|wished|wishing)\s+(?:that\s+)?i\s+(?:had\s+)?(?:never\s+been\s+born|was\s+never\s+born|were\s+"
        r"never\s+born|hadn't\s+been\s+born)\b|\bwish\s+i\s+(?:didn't|did\s+not)\s+exist\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:don't|do\s+not|didn't|never)\s+(?:want|wanna|wish|hope)\s+to\s+wake\s+up\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:hope|wish|pray|praying|hoping|wishing)\s+(?:that\s+)?i\s+(?:just\s+|simply\s+|finally\s+)?(?:don't|won't|never|"
        r"do\s+not|will\s+not|wouldn't|didn't)\s+(?:ever\s+)?wake\s+up\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:sleep|fall\s+asleep|go\s+to\s+sleep|close\s+my\s+eyes)\s+(?:and|&)\s+(?:never|not)\s+wake\s+up\b|"
        r"\bnever\s+wake\s+up\s+again\b|\bnot\s+wake\s+up\s+(?:again|tomorrow|in\s+the\s+morning|ever)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:don't|do\s+not|no\s+longer|never)\s+(?:really\s+)?want\s+to\s+(?:be\s+alive|exist|be\s+here\s+any\s*more|"
        r"be\s+here\s+any\s+longer|be\s+around\s+any\s*more|go\s+on|keep\s+living|carry\s+on|keep\s+going|"
        r"live(?!\s+(?:in|with|at|near|under|there|here|on|by|abroad|alone|together|somewhere|anywhere|far|close|"
        r"off|up|through|out|for|next)\b))",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bnot\s+(?:even\s+)?sure\s+(?:if\s+|that\s+|whether\s+)?i\s+(?:want|wanna)\s+to\s+(?:live|be\s+alive|keep\s+"
        r"living|go\s+on|be\s+here)\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec("passive_death_wish", "moderate", r"\bbetter\s+off\s+dead\b"),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bbetter\s+(?:off\s+)?without\s+me\b|\b(?:happier|easier|better|lighter)\s+(?:for\s+(?:everyone|them|"
        rf"my\s+\w+)\s+)?if\s+i\s+{_DEAD_IF}\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bno\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to|in|of)\s+(?:keep\s+|keeping\s+)?(?:living|live|being\s+"
        r"alive|staying\s+alive|stay\s+alive|existing|going\s+on|go\s+on|keep\s+going|carrying\s+on)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bwhat(?:'s|\s+is)\s+(?:even\s+)?the\s+point\s+(?:of|in)\s+(?:me\s+)?(?:living|being\s+alive|life|existing|"
        r"going\s+on|staying\s+alive|even\s+being\s+here|being\s+here|my\s+life)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bwhy\s+(?:should\s+i|do\s+i\s+even|do\s+i|bother\s+to|even)\s+(?:keep\s+|bother\s+|try\s+to\s+)?(?:living|"
        r"live|stay\s+alive|staying\s+alive|go\s+on|going\s+on|exist)\b|\bwhy\s+am\s+i\s+(?:still\s+)?alive\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:tired|sick|weary|exhausted)\s+of\s+(?:living|being\s+alive|existing|life\s+itself|staying\s+alive)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:life|living|my\s+life|existence|this\s+life)\s+(?:(?:is|feels|seems)\s+(?:so\s+|completely\s+|"
        r"totally\s+|just\s+)?(?:pointless|meaningless|not\s+worth\s+(?:living|it))|(?:isn't|is\s+not|ain't)\s+"
        r"(?:even\s+)?worth\s+(?:living|it))|\bnot\s+worth\s+living\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:don't|do\s+not)\s+care\s+(?:if|whether)\s+i\s+(?:live|die|wake\s+up|survive|make\s+it)\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:nobody|no\s+one|noone|no-one)\s+would\s+(?:even\s+)?(?:care|notice|miss\s+me|be\s+sad|cry|mind)\s+"
        rf"if\s+i\s+{_DEAD_IF}|\bwould\s+(?:anyone|anybody)\s+(?:even\s+)?(?:care|notice|miss\s+me)\s+if\s+i\s+"
        rf"{_DEAD_IF}",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wish|want|wanted|wanna)\s+(?:to|i\s+could)\s+(?:just\s+)?(?:disappear|vanish|fade\s+away)\s+(?:forever|"
        r"for\s+good|permanently|from\s+(?:this|the)\s+(?:world|earth|planet)|and\s+never\s+come\s+back)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:can't|cannot|can\s+not|couldn't)\s+(?:go\s+on|keep\s+going|carry\s+on|keep\s+living|live\s+like\s+this|"
        r"do\s+life|keep\s+doing\s+life)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:want|wanna|wish|need)\s+(?:it\s+all|everything|all\s+of\s+(?:it|this)|my\s+life)\s+to\s+(?:end|stop|"
        r"be\s+over)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:deserve|deserved)\s+to\s+die\b|\b(?:don't|do\s+not)\s+deserve\s+to\s+(?:live|be\s+alive|exist)\b",
    ),
    RuleSpec("passive_death_wish", "moderate", r"\b(?:'d|would|had)\s+rather\s+be\s+dead\b"),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?(?:i(?:\s+get|\s+got|\s+will\s+get|'ll\s+get|'d\s+get)\s+(?:hit|"
        r"run\s+over|killed)|(?:a|the|some)\s+\w+\s+(?:hits|kills|crashes|runs\s+me)|something\s+(?:kills|happens\s+to)"
        r"\s+me|i\s+(?:die|just\s+die|don't\s+survive|get\s+cancer|crash|never\s+come\s+back))\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:death|dying|being\s+dead|not\s+existing)\s+(?:would|will|must|might|could)\s+(?:be|feel)\s+(?:like\s+)?"
        r"(?:a\s+|such\s+a\s+)?(?:relief|peaceful|easier|better|nice|freedom|release)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:think|thinking|thought|thoughts)\s+(?:about|of)\s+(?:death|dying|being\s+dead)\s+(?:a\s+lot|all\s+the\s+"
        r"time|constantly|every\s+day|so\s+much|nonstop|every\s+night)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:i'm|i\s+am)\s+(?:ready|prepared)\s+to\s+die\b|\bdone\s+with\s+(?:life|living|being\s+alive|this\s+world)"
        r"\b|\bgiv(?:e|en|ing)\s+up\s+on\s+(?:life|living)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:won't|will\s+not)\s+(?:be\s+)?(?:here|around|alive)\s+(?:much\s+longer|for\s+long|by\s+(?:morning|"
        r"tomorrow)|after\s+tonight)\b|\bfinal\s+goodbye\b",
    ),
    # --- generalising forms of a wish to be dead (desire + own death, appraisal of death, conditionals) ---
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:want|wanna|wish|wishing|wished|hope|hoping|long|longing|crave|craving|yearn|yearning|pray|praying)\s+"
        r"(?:(?:just|really|honestly|seriously|sometimes|often|secretly|quietly|peacefully|simply|already|finally|"
        r"actually|literally|truly|so|kind\s+of|kinda|sort\s+of|i|that|could|would|can|to|be|was|were|had|been|get|"
        r"go|could\s+just|even|still|almost|more\s+than\s+anything|for\s+once)\s+){0,5}?(?:be\s+)?(?:dead|die|not\s+"
        r"(?:be\s+)?(?:alive|exist|here\s+any\s*more)|stop\s+existing|stop\s+being\s+(?:alive|here)|cease\s+to\s+exist|never\s+wake\s+up|not\s+"
        r"wake\s+up|sleep\s+forever(?!\s+(?:on|this|every|in\s+the|after|during|today|tomorrow|until))|disappear\s+(?:forever|for\s+good|permanently))\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wish|wishes|wished|wishing|hope|hoping|pray|praying)\s+(?:that\s+)?(?:\w+\s+){1,4}?(?:would|will|could|"
        r"might|'d)\s+(?:just\s+|finally\s+)?(?:hit|kill|end|run\s+over|crush|finish)\s+me\b|\b(?:wish|wishes|wished|"
        r"wishing|hope|hoping|pray|praying)\s+(?:that\s+)?(?:\w+\s+){1,4}?(?:would|will|could|might|'d)\s+(?:just\s+|"
        r"finally\s+)?take\s+me(?=\s*(?:[.!?,;]|$|already|now|away\s+from\s+(?:this|it\s+all)))",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:death|dying|being\s+dead|not\s+(?:waking\s+up|being\s+(?:alive|here|around)|existing)|never\s+waking"
        r"\s+up|ceasing\s+to\s+exist|eternal\s+sleep)\s+(?:\w+\s+){0,2}?(?:sounds|seems|looks|feels|would\s+(?:be|"
        r"feel)|will\s+be|must\s+be|might\s+be|is)\s+(?:so\s+|really\s+|kind\s+of\s+|like\s+|more\s+)?(?:a\s+|an\s+"
        r")?(?:nice|good|peaceful|relief|release|escape|appealing|tempting|better|easier|comforting|welcome|mercy|"
        r"blessing|freedom|rest|great|fine|okay|ok|relieving|inviting|attractive)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bif\s+i\s+(?:died|were\s+to\s+die|was\s+dead|were\s+dead|didn't\s+wake\s+up|never\s+woke\s+up|got\s+"
        r"hit\s+by\s+a\s+\w+|disappeared|vanished|was\s+gone|were\s+gone|stopped\s+existing|wasn't\s+(?:here|around|alive)|"
        r"weren't\s+(?:here|around|alive))\b[^.!?]{0,40}?\b(?:fine|okay|ok|relief|better|easier|good|wouldn't\s+mind|"
        r"don't\s+mind|won't\s+mind|wouldn't\s+care|don't\s+care|nobody|no\s+one|no-one|would\s+anyone|who\s+would"
        r"\s+(?:care|notice|miss)|anyone\s+would\s+(?:notice|care|miss))\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:disappointed|upset|sad|angry|annoyed|mad|frustrated|sorry|devastated)\s+(?:that\s+|when\s+|to\s+|"
        r"because\s+)?(?:i\s+)?(?:still\s+)?(?:woke|wake|waking)\s+up\b|\bwhy\s+(?:did|do)\s+i\s+(?:even\s+|still\s+)?"
        r"(?:wake|keep\s+waking)\s+up\b|\bwak(?:e|ing)\s+up\s+(?:is|feels\s+like)\s+(?:a\s+)?(?:disappointment|"
        r"punishment|curse)\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\brather\s+not\s+(?:be\s+(?:here|alive|around)|exist|live|wake\s+up)\b|\b(?:don't|do\s+not)\s+want\s+to"
        r"\s+do\s+(?:this\s+)?(?:life|living)(?:\s+thing)?\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:no|not\s+(?:\w+\s+)?any|any|(?:don't|do\s+not|doesn't|does\s+not|can't|cannot|can\s+not|fail\s+to|struggle\s+to)\s+see"
        r"\s+(?:the|any|a))\s+(?:real\s+)?(?:point|reason|purpose)\s+(?:in|of|to|for)\s+(?:me\s+)?(?:keep(?:ing)?\s+)?"
        r"(?:living|live|being\s+alive|existing|going\s+on|staying\s+alive|stay\s+alive|carrying\s+on|being\s+"
        r"here|waking\s+up|my\s+life)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:fantasi[sz]\w*|dream\w*|think\w*|thought)\s+(?:about|of)\s+(?:not\s+waking\s+up|not\s+being\s+"
        r"(?:alive|here|around)|being\s+dead|my\s+(?:own\s+)?funeral|disappearing\s+forever)\b",
    ),
    RuleSpec(
        "farewell",
        "moderate",
        r"\bgood\s*bye\b[^?]{0,60}?\b(?:sorry\s+for\s+everything|forgive\s+me|love\s+you\s+all|it's\s+not\s+your\s+"
        r"fault|take\s+care\s+of\s+(?:mom|dad|my|yourselves|each\s+other)|won't\s+(?:be\s+)?(?:around|here|see))|"
        r"\b(?:sorry\s+for\s+everything|forgive\s+me)\b[^?]{0,60}?\bgood\s*bye\b|\bgood\s*bye\s+(?:cruel\s+)?world\b",
    ),
    RuleSpec(
        "third_party",
        "low",
        r"\b(?:wish|wishes|wished|hope|hopes)\s+(?:that\s+)?(?:he|she|they)\s+(?:was|were|'d\s+be|could\s+be|would\s+be)"
        r"\s+dead\b",
        subject="third_only",
    ),
    # --- more self-harm and method forms ---
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:relapsed|slipped\s+up)\s+(?:and|&)\s+(?:cut|burned|burnt|hurt\s+myself|self[- ]harmed)\b|\bcut\s+"
        r"(?:myself\s+)?(?:again|last\s+night|yesterday|today|this\s+morning|tonight)\b|\bcut\s+my\s+(?:arms|legs|"
        r"thighs|skin|stomach|wrist)\b",
    ),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:scratch|scratching|scratched|pick|picking|picked|bite|biting|hit|hitting|punch|punching|bang|banging|"
        r"burn|burning|cut|cutting)\s+(?:my\s+(?:\w+\s+)?(?:arms?|legs?|wrists?|skin|thighs?|head|face|hands?|stomach)|"
        r"myself)\s+(?:until|till|so\s+hard|to\s+the\s+point|on\s+purpose|to\s+feel|deliberately)\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:ways?|methods?|means|how)\s+to\s+(?:kill\s+myself|end\s+my\s+(?:own\s+)?life|take\s+my\s+(?:own\s+)?life|"
        r"commit\s+suicide|overdose|hang\s+myself)\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\bhow\s+(?:high|tall)\s+(?:a|the|this|that)\s+(?:bridge|building|roof|balcony|floor|cliff|window|tower|"
        r"parking\s+garage)\s+(?:needs?|has|would\s+have)\s+to\s+be\b|\bhow\s+long\s+(?:does|would|will)\s+it\s+"
        r"take\s+(?:\w+\s+){0,3}?to\s+die\b|\bhow\s+long\s+(?:until|till|before)\s+(?:i|you|someone)\s+(?:die|dies)\b",
    ),
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:pills|tablets|meds|medication|capsules|sleeping\s+pills|painkillers)\s+(?:\w+\s+){0,2}?(?:lined\s+up|"
        r"counted(?:\s+out)?|laid\s+out|set\s+out|in\s+front\s+of\s+me)\b|\b(?:razor|knife|blade|gun|pistol|pills|"
        r"rope|noose|tablets)\b[^.!?]{0,40}?\b(?:going\s+to|gonna|about\s+to|will|'ll)\s+use\s+(?:it|them)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:took|swallowed|downed|taken)\s+(?:everything|all\s+(?:of\s+)?(?:the\s+)?(?:pills|meds|tablets))\s+(?:in|from)"
        r"\s+(?:the|my)\s+(?:medicine\s+)?(?:cabinet|drawer|cupboard|bottle|box)\b|\b(?:took|swallowed)\s+every\s+"
        r"(?:pill|tablet)\b",
    ),
    RuleSpec("attempt_history", "high", r"\bsurvived\s+(?:a|an|my|the)\s+(?:suicide\s+)?attempt\b", subject="self"),
    RuleSpec(
        "hopelessness",
        "low",
        r"\bnothing\s+(?:really\s+)?matters\b|\b(?:can't|cannot|don't)\s+see\s+(?:a|any)\s+future\b|\bno\s+future\s+"
        r"for\s+me\b",
    ),
    # --- more generalising forms (desire for death in other words) ---
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:picture|picturing|pictured|imagine|imagining|imagined|plan|planning|planned|think\s+about|thinking\s+"
        r"about|visuali[sz]e|visuali[sz]ing)\s+my\s+(?:own\s+)?funeral\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:easier|better|simpler|best|nicer|kinder)\s+(?:for\s+(?:everyone|everybody|them|all|my\s+\w+)\s+)?(?:if\s+i\s+"
        r"(?:just\s+)?(?:wasn't|weren't|was\s+not|were\s+not)\s+(?:here|around|alive)|to\s+(?:just\s+)?(?:not\s+be|stop\s+"
        r"being)\s+(?:here|around|alive)|to\s+(?:just\s+)?(?:die|be\s+dead|be\s+gone|not\s+exist|sleep\s+forever))\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:nice|peaceful|a\s+relief|such\s+a\s+relief|easier|better|lovely|good)\s+to\s+(?:just\s+)?(?:not\s+exist|not\s+be"
        r"\s+(?:alive|here|around)|die|be\s+dead|disappear\s+forever|not\s+wake\s+up|stop\s+existing|never\s+wake\s+up)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:be|go)\s+with\s+(?:my\s+)?(?:\w+\s+){0,2}in\s+heaven\b|\bjoin\s+(?:my\s+)?(?:\w+\s+){0,2}(?:in\s+heaven|on\s+the"
        r"\s+other\s+side|in\s+the\s+afterlife)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:pain|suffering|hurting|it|everything)\s+to\s+(?:stop|end)\s+(?:permanently|forever|for\s+good|once\s+and\s+for"
        r"\s+all)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bno\s+way\s+out\s+(?:but|except|other\s+than|besides)\s+(?:death|dying|suicide|to\s+die)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bi\s+should\s+(?:just\s+)?(?:die|be\s+dead|end\s+it|not\s+exist|not\s+be\s+alive)\b|\bhate\s+(?:being\s+alive|"
        r"existing|living|that\s+i(?:'m|\s+am)\s+(?:still\s+)?alive)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:no\s+one|nobody|you|they|everyone|everybody)\s+(?:will|'ll|won't)\s+(?:have\s+to|need\s+to|ever\s+have\s+to)"
        r"\s+(?:deal\s+with|worry\s+about|put\s+up\s+with|see|hear\s+from)\s+me\s+(?:any\s*more|again|after|much\s+longer)\b|"
        r"\b(?:won't|will\s+not)\s+be\s+a\s+burden\s+(?:for\s+)?(?:much\s+longer|any\s*more|after)\b",
    ),
    RuleSpec(
        "farewell",
        "moderate",
        r"\bthis\s+(?:will\s+be|is)\s+my\s+(?:last|final)\s+(?:message|post|text|words)\b|\blast\s+time\s+(?:you'll|you\s+will"
        r"|anyone\s+will)\s+(?:hear|see)\s+(?:from\s+)?me\b",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:can't|cannot|not\s+sure\s+i\s+can|don't\s+know\s+if\s+i\s+can)\s+(?:promise|guarantee|say)\s+(?:that\s+)?i(?:'ll|"
        r"\s+will|\s+can)\s+(?:be|stay|keep\s+myself)\s+safe\b|\b(?:not|don't\s+feel)\s+safe\s+(?:with|from)\s+myself\b|"
        r"\b(?:don't|do\s+not)\s+(?:think|know\s+if)\s+i(?:'ll|\s+will|\s+can)\s+(?:make\s+it|survive|last|get)\s+(?:through|"
        r"past|until|till|to)\s+(?:the\s+night|tonight|tomorrow|morning|the\s+weekend)\b",
        negatable=False,
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:death|dying|suicide|killing\s+myself)\s+is\s+my\s+only\s+(?:way\s+out|option|escape|choice)\b|"
        r"\bplan(?:ning|ned)?\s+(?:my\s+|a\s+|the\s+)?suicide\b",
    ),
    RuleSpec(
        "intent", "imminent", r"\b(?:make\s+sure|ensure)\s+(?:that\s+)?i\s+(?:don't|do\s+not|never|won't)\s+wake\s+up\b"
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:edge|ledge|platform|bridge|roof|rooftop|balcony|window|cliff|tracks)\b[^.!?]{0,60}?\b(?:think|thinking|"
        r"thought|want|wanting|urge|tempted)\s+(?:about\s+|of\s+|to\s+)?(?:jump|jumping|step(?:ping)?\s+off|falling|letting\s+"
        r"go)\b|\b(?:think|thinking|thought|want|wanting|urge|going|gonna|about|ready)\s+(?:about\s+|of\s+|to\s+)(?:jump|"
        r"jumping)\b[^.!?]{0,40}?\b(?:edge|ledge|platform|bridge|roof|rooftop|balcony|window|cliff|tracks)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:took|taken|swallowed)\s+(?:way\s+|much\s+|a\s+lot\s+|far\s+)?(?:more|too\s+many|too\s+much)\s+(?:of\s+)?(?:my\s+|"
        r"the\s+|these\s+)?(?:\w+\s+)?(?:than\s+(?:i\s+should|prescribed|the\s+dose)|pills|meds|tablets|medication)\b",
    ),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:burn|burning|burned|burnt|cut|cutting|scratch|scratching|scratched|punch|punching|punched|slap|slapping|"
        r"slapped|bang|banging|carve|carving|carved|stab|stabbing|bruise|bruising|pinch|pinching)\s+(?:myself|my\s+(?:own\s+)?"
        r"(?:skin|arms?|wrists?|thighs?|legs?|stomach|body))\b(?!\s+(?:on\s+(?:a|the)|by\s+accident|accidentally|while|"
        r"in\s+the\s+(?:kitchen|garden|gym)|at\s+(?:the|work)|playing|cooking|shaving|a\s+(?:slice|piece)|some\s+slack|off))",
    ),
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:bring|bringing|take|taking|carry|carrying)\s+(?:a|my|his|the|dad's|my\s+dad's)\s+(?:knife|gun|weapon|pistol|"
        r"rifle|bomb)\s+to\s+(?:school|work|class|the\s+office|campus)\b",
        concern="others",
    ),
    RuleSpec(
        "abuse_threat",
        "high",
        rf"\b{_ABUSER}\s+(?:said|says|told\s+me|swore|swears|keeps\s+saying)\s+(?:that\s+)?(?:he|she|they)(?:'ll|\s+will|'d|"
        r"\s+would|\s+is\s+going\s+to|'s\s+going\s+to|\s+is\s+gonna)\s+(?:kill|hurt|beat|hit|rape|break)\s+me\b|"
        rf"\b{_ABUSER}\s+(?:\w+\s+){{0,2}}(?:comes?|came|gets?|got|sneaks?|snuck|climbs?)\s+into\s+my\s+(?:room|bed)\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "hopelessness",
        "low",
        r"\b(?:don't|do\s+not|can't)\s+see\s+the\s+point\s+(?:any\s*more|of\s+(?:anything|it\s+all))\b|\bwhat(?:'s|\s+is)\s+the\s+"
        r"point\s+(?:any\s*more|of\s+(?:anything|it\s+all))\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bfeel(?:ing|s)?\s+like\s+(?:dying|i\s+(?:want|wanna)\s+to\s+die|i'd\s+be\s+better\s+off\s+dead|ending\s+it)\b|"
        r"\bhad\s+enough\s+of\s+(?:life|living|being\s+alive|this\s+world|existing)\b|\blet\s+me\s+die\b|\bwaiting\s+(?:to\s+"
        r"die|for\s+death|for\s+the\s+end)\b|\bnothing\s+(?:left\s+)?to\s+live\s+for\b|\bnot\s+(?:\w+\s+)?anything\s+to\s+live"
        r"\s+for\b",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:suicide|killing\s+myself|ending\s+(?:it|my\s+life|it\s+all))\s+(?:\w+\s+){0,2}?(?:cross(?:es|ed|ing)?|enter(?:s|ed)?|"
        r"pop(?:s|ped)?\s+into|(?:is|are|has\s+been)\s+(?:always\s+|often\s+|constantly\s+)?on)\s+my\s+mind\b|"
        r"\b(?:scared|afraid|terrified|frightened)\s+(?:of\s+)?what\s+i\s+(?:might|could|will|'ll|would)\s+do\s+(?:to\s+myself)?|"
        r"\b(?:a\s+)?danger\s+to\s+myself\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        rf"\b(?:is|are|would|will)\s+(?:\d+|ten|twenty|thirty|forty|fifty|a\s+hundred)\s+(?:\w+\s+)?{_DRUGS}\s+(?:be\s+)?enough\b|"
        r"\b(?:what\s+happens|what\s+would\s+happen|will\s+i\s+die|would\s+i\s+die|can\s+you\s+die|could\s+i\s+die|do\s+you\s+die)"
        r"\s+if\s+(?:you|i|someone|a\s+person)\s+(?:take|takes|took|swallow|swallows|drink|drinks|overdose)\b|\bcan\s+you\s+die\s+"
        r"from\s+(?:taking\s+)?(?:too\s+many|too\s+much|an\s+overdose)\b",
    ),
    # --- round 2: more ways of saying it ---
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:exhausted|tired|sick|weary|worn\s+out)\s+(?:by|of|from)\s+(?:existing|being\s+alive|living)\b|\bwant\s+to\s+go\s+"
        r"to\s+heaven\s+(?:now|today|tonight|soon|already)\b|\bheaven\s+(?:has\s+to|must|would|will)\s+be\s+better\s+than\s+"
        r"(?:this|here|living|my\s+life)\b",
    ),
    RuleSpec(
        "plan",
        "imminent",
        r"\b(?:picked|chose|chosen|found|scouted)\s+(?:a|the)\s+(?:spot|place|bridge|building|date|day|time)\s+(?:where|when|"
        r"to)\s+(?:i'm\s+going\s+to|i'll|i\s+will|i'm\s+gonna|to)\s+(?:do\s+it|end\s+it|die|jump|kill\s+myself)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wouldn't|would\s+not|don't|do\s+not|won't|will\s+not)\s+(?:really\s+|even\s+)?mind\s+(?:if\s+i\s+(?:died|were\s+to"
        r"\s+die|didn't\s+wake\s+up|never\s+woke\s+up|got\s+(?:hit|killed|into\s+a\s+(?:fatal|deadly|bad)\s+\w+)|was\s+dead|were"
        r"\s+dead|stopped\s+existing|disappeared\s+forever)|dying|being\s+dead|not\s+waking\s+up|a\s+(?:fatal|deadly)\s+\w+)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:not\s+sure|doubt|wonder(?:ing)?\s+if|question(?:ing)?\s+whether|don't\s+know\s+if)\s+(?:if\s+|that\s+|whether\s+)?"
        r"(?:my\s+)?(?:life|living|being\s+alive|staying\s+alive)\s+is\s+(?:even\s+|still\s+|really\s+)?worth\s+(?:it|living)\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:i'd|i\s+would|i'm|i\s+am)\s+(?:be\s+)?(?:better|better\s+off)\s+(?:gone|not\s+here|not\s+around|not\s+alive|"
        r"not\s+existing)\b|\bbetter\s+off\s+(?:not\s+(?:existing|alive|being\s+(?:alive|here|around))|gone)\b",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:relieved|glad|free|fine|okay|happy|happier|lighter|better)\s+if\s+i\s+(?:was|were)\s+(?:dead|gone|not\s+here|"
        r"not\s+around)\b|\b(?:living|existing|being\s+alive|staying\s+alive)\s+(?:is|feels)\s+(?:just\s+|so\s+|too\s+|really\s+)*"
        r"(?:painful|unbearable|torture|exhausting|pointless|meaningless|a\s+burden|too\s+much)\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:pray|praying|prayed|hope|hoping|wish|wishing)\s+(?:that\s+)?(?:god|the\s+lord|jesus|allah|death|the\s+universe)"
        r"\s+(?:will\s+|would\s+|just\s+)?(?:takes?|calls?)\s+me\b|\b(?:rest|sleep)\s+forever\b(?!\s+(?:on|this|every|in\s+the|"
        r"after|during|today|tomorrow|until))|\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?(?:this|my|the)\s+"
        r"(?:plane|car|bus|train|flight)\s+(?:crashes|goes\s+down)\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bif\s+i\s+(?:vanished|disappeared|died|was\s+gone|were\s+gone)\b[^.!?]{0,40}?\banyone\s+would\s+(?:even\s+)?(?:notice|"
        r"care|miss\s+me)\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:going\s+to|gonna|about\s+to|ready\s+to|decided\s+to|i'll|i\s+will)\s+(?:finally\s+|just\s+)?end\s+it\b(?!\s+"
        r"(?:with|between|off|for|early|here|there|on\s+a))|\buse\s+(?:it|them|the\s+\w+)\s+on\s+myself\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:drank|drunk|swallowed|drinking|took|ingested|ate)\s+(?:some\s+|a\s+(?:bottle|cup|glass|lot)\s+of\s+)?(?:bleach|"
        r"poison|antifreeze|pesticide|weed\s*killer|rat\s+poison|drain\s+cleaner|lye)\b",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:partner|husband|wife|boyfriend|girlfriend|dad|father|mom|mother|stepdad|stepfather|parents?|boss|ex|family|"
        r"someone|somebody|man|guy|person|uncle|brother)\s+(?:who|that)\s+(?:\w+\s+)?(?:hits|beats|abuses|rapes|chokes|"
        r"threatens|slaps|kicks|strangles|molests)\s+me\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec("harm_to_others", "high", rf"\bwant\s+(?:him|her|them|my\s+(?:\w+\s+)?{REL})\s+dead\b", concern="others"),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:cuts|scars|burns|bruises)\s+(?:that\s+)?(?:i\s+(?:made|gave\s+myself)|from\s+(?:cutting|burning)\s+myself)\b",
    ),
    RuleSpec(
        "hopelessness",
        "low",
        r"\b(?:everything|life|it\s+all)\s+(?:feels|seems|is)\s+(?:so\s+|completely\s+|totally\s+)?pointless\b|\bdisappointment\s+"
        r"to\s+(?:everyone|everybody|my\s+\w+)\b|\btired\s+of\s+fighting\b|\b(?:no\s+one|nobody)\s+would\s+(?:even\s+)?(?:miss"
        r"|notice)\s+me\b|\b(?:world|nobody|no\s+one)\s+(?:doesn't|does\s+not)\s+need\s+me\b",
    ),
    # --- round 3 ---
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:sad|upset|disappointed|angry|annoyed|sorry|hate|hate\s+it)\s+(?:that\s+)?i(?:'m|\s+am)\s+still\s+(?:alive|here|"
        r"breathing)\b|\bbetter\s+off\s+with\s+me\s+(?:gone|dead|out\s+of\s+the\s+(?:way|picture))\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wouldn't|would\s+not|don't|do\s+not|won't)\s+(?:really\s+|even\s+)?(?:care|mind)\s+if\s+(?:(?:a|the)\s+\w+\s+(?:hit|"
        r"hits|killed|kills|ran\s+over)\s+me|something\s+(?:happened\s+to|killed)\s+me|i\s+(?:died|got\s+killed|didn't\s+make\s+"
        r"it))\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:hope|hopes|hoping|wish|wishes|wishing|pray|praying)\b[^.!?]{0,40}?\bi(?:'d|\s+would|'ll|\s+will)?\s+(?:just\s+)?"
        r"(?:don't|won't|never|do\s+not|will\s+not|wouldn't|didn't)\s+(?:ever\s+)?wake\s+up\b|\bwhat(?:'s|\s+is)\s+(?:even\s+)?"
        r"the\s+(?:use|sense)\s+(?:of|in)\s+(?:me\s+)?(?:living|staying\s+alive|being\s+alive|going\s+on|existing|being\s+here)"
        r"\b",
        negatable=False,
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:took|swallowed|taken|downed|overdosed\s+on|ate)\s+(?:a\s+(?:whole\s+|full\s+|entire\s+)?(?:bottle|pack|packet|box|"
        r"strip)\s+of|half\s+a\s+(?:bottle|pack)\s+of|every|all\s+the|a\s+handful\s+of)\s+(?:[\w']+\s+){0,4}?"
        rf"(?:{_DRUGS}|pill)\b|\b(?:in|inside)\s+(?:the|my|a)\s+(?:closed\s+|shut\s+)?(?:garage|car)\s+with\s+the\s+(?:engine|"
        r"motor|car)\s+(?:running|on)\b|\bengine\s+running\s+in\s+(?:the|a|my)\s+(?:closed\s+|shut\s+)?garage\b",
    ),
    RuleSpec(
        "attempt_history",
        "high",
        r"\bhospitali[sz]ed\s+(?:after|for)\s+(?:a|an|my)\s+(?:suicide\s+)?(?:attempt|overdose)\b|\bafter\s+(?:a|an|my)\s+"
        r"suicide\s+attempt\b|\bafter\s+an\s+attempt\b",
        subject="self",
    ),
    RuleSpec("hopelessness", "low", r"\bnothing\s+(?:i\s+do\s+)?(?:really\s+)?matters\b"),
    # --- active thoughts (C-SSRS 2): high ---
    RuleSpec("suicidal_thoughts", "high", r"\bsuicidal\b"),
    RuleSpec(
        "suicidal_thoughts", "high", r"\b(?:kill|killing|kills|killed|off|offing|offed)\s+myself\b", subject="self"
    ),
    RuleSpec(
        "suicidal_thoughts", "high", r"\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b(?!\s+back)", subject="self"
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bend(?:ing)?\s+(?:it\s+all|everything|things)\b(?!\s+(?:with|between|off|on\s+a|up|well|early|here|there))",
    ),
    RuleSpec("suicidal_thoughts", "high", r"\b(?:commit|committing|attempt|attempting)\s+suicide\b"),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:think|thinking|thought|thoughts|fantasi[sz]e|fantasi[sz]ing|dream|dreaming|obsessing)\s+(?:about|of)\s+"
        r"(?:suicide|killing\s+myself|ending\s+(?:my\s+life|it\s+all|things)|taking\s+my\s+(?:own\s+)?life|not\s+being"
        r"\s+alive)\b",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bsuicide\s+(?:is|has\s+been|keeps|kept)\s+(?:\w+\s+)?(?:on|in|crossing|popping\s+into|coming\s+into)\s+my\s+"
        r"(?:mind|head|thoughts)\b",
        subject="self",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:considering|contemplating|considered|contemplated|consider|contemplate)\s+(?:suicide|killing\s+myself|"
        r"ending\s+my\s+life)\b",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:suicide|death|dying|killing\s+myself)\s+(?:is|seems\s+like|feels\s+like|looks\s+like)\s+(?:the\s+)?"
        r"(?:only|best|right|easiest)\s+(?:option|answer|way\s+out|solution|choice|escape)\b",
    ),
    RuleSpec("suicidal_thoughts", "high", r"\b(?:want|wanna|need)\s+to\s+end\s+(?:my\s+existence|existing|living)\b"),
    RuleSpec(
        "attempt_history",
        "high",
        r"\b(?:attempted|tried)\s+(?:suicide|to\s+(?:kill|end)\s+(?:myself|my\s+life)|to\s+take\s+my\s+(?:own\s+)?life|to\s+"
        r"(?:overdose|hang\s+myself|jump|drown\s+myself|slit\s+my|cut\s+my\s+wrists?))\b|"
        r"\bmy\s+(?:\w+\s+)?suicide\s+attempts?\b|\bi\s+(?:have\s+|had\s+)?overdosed\b",
        subject="self",
    ),
    RuleSpec("suicidal_thoughts", "high", r"\bi\s+(?:want|need)\s+out\s+of\s+(?:this\s+)?life\b", subject="self"),
    # --- method, intent, plan, preparation, attempt (C-SSRS 3-6): imminent ---
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:going\s+to|about\s+to|ready\s+to|decided\s+to|i'll|i\s+will|i\s+shall|plan(?:ning)?\s+(?:to|on)|"
        r"intend(?:ing)?\s+to|made\s+up\s+my\s+mind\s+to|determined\s+to|i'm\s+finally\s+going\s+to)\s+"
        rf"{_ADV}(?:kill(?:ing)?\s+myself|end(?:ing)?\s+(?:my\s+life|it\s+all|it\s+tonight|it\s+today|everything\s+"
        r"tonight|things\s+(?:tonight|today|now|soon|this\s+\w+))|tak(?:e|ing)\s+my\s+(?:own\s+)?life|commit(?:ting)?\s+suicide|die\s+tonight|do\s+it\s+tonight|"
        rf"{_METHOD})",
    ),
    RuleSpec(
        "intent",
        "imminent",
        r"\bi(?:'m|\s+am)\s+(?:\w+\s+)?(?:ending|killing)\s+(?:my\s+life|myself|it\s+all|things)\s+(?:on|this|tonight|"
        r"tomorrow|today|next|before|after|at|when)\b",
        subject="self",
    ),
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:want|wanna|wish)\s+to\s+die\s+(?:tonight|today|right\s+now|now)\b|\b(?:end|ending|take|taking|kill|killing)"
        r"\s+(?:my\s+(?:own\s+)?life|myself|it\s+all|things)\s+(?:tonight|today|right\s+now|this\s+(?:evening|weekend)|"
        r"tomorrow)\b",
    ),
    RuleSpec(
        "plan",
        "imminent",
        r"\b(?:have|got|made|making|came\s+up\s+with|worked\s+out|had)\s+(?:a|the|my)\s+plan\s+(?:to|for|of\s+how|"
        r"on\s+how)\s+(?:how\s+to\s+)?(?:kill|end|die|take|suicide|do\s+it|commit)\b|\bplan(?:ned|ning)?\s+(?:my|a|"
        r"the)\s+(?:suicide|death)\b",
    ),
    RuleSpec(
        "plan",
        "imminent",
        r"\b(?:know|figured\s+out|decided|worked\s+out|picked|chosen|chose)\s+(?:exactly\s+)?(?:how|when|where)\s+"
        r"(?:i'm\s+going\s+to|i'll|i\s+will|i\s+would|i'd|to|i\s+want\s+to|i'm\s+gonna)\s+(?:do\s+it|kill\s+myself|"
        r"end\s+it|end\s+my\s+life|die)\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:think|thinking|thought|considering|consider|fantasi[sz]ing|imagining|imagine|research(?:ing)?|looking"
        r"\s+up|googl(?:e|ing)|search(?:ing)?|plan(?:ning)?|want|wanna|wanted|going|gonna|tempted|urge|about|"
        rf"keep)\s+(?:about\s+|of\s+|up\s+|into\s+|to\s+|on\s+)?(?:how\s+to\s+)?{_ADV}{_METHOD}",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\bhang(?:ing)?\s+myself\b|\bslit(?:ting)?\s+my\s+(?:wrists?|throat)\b|\bshoot(?:ing)?\s+myself\b|"
        r"\bnoose\b",
        subject="self",
    ),
    RuleSpec("method", "imminent", r"\boverdos(?:e|ing)\s+on\s+(?:my|the|these|those|all|his|her)\b"),
    RuleSpec(
        "method",
        "imminent",
        r"\bhow\s+(?:many|much)\s+(?:\w+\s+){0,4}?(?:would|will|does|do|should|to|is|it|until)\s+(?:\w+\s+){0,4}?"
        r"(?:kill\s+(?:me|someone|a\s+person|you)|die|be\s+(?:fatal|lethal|deadly|enough\s+to\s+die)|overdose|not\s+"
        r"wake\s+up|stop\s+my\s+heart|too\s+many)\b",
    ),
    RuleSpec("method", "imminent", r"\b(?:lethal|fatal|deadly)\s+(?:dose|amount|dosage|quantity|overdose)\b"),
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:painless|quick(?:est)?|easiest|fastest|surest|best|most\s+effective|least\s+painful|peaceful|"
        r"reliable)\s+(?:way|ways|method|methods|means)\s+(?:to|of|for)\s+(?:die|dying|kill(?:ing)?\s+myself|"
        r"end(?:ing)?\s+(?:my|one's)\s+life|suicide|commit(?:ting)?\s+suicide|end\s+it)\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\bhow\s+(?:to|do\s+i|can\s+i|could\s+i|would\s+i|should\s+i)\s+(?:kill\s+myself|end\s+my\s+life|commit\s+"
        r"suicide|die\s+(?:painlessly|quickly|peacefully|in\s+my\s+sleep)|tie\s+a\s+noose|overdose)\b",
    ),
    RuleSpec(
        "method",
        "imminent",
        r"\bhow\s+(?:high|tall|far|deep)\s+(?:\w+\s+){0,5}?(?:to\s+die|be\s+fatal|fatal|kill\s+(?:me|you|someone|"
        r"a\s+person)|to\s+not\s+survive)\b",
    ),
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:sav(?:e|ed|ing)|stockpil(?:e|ed|ing)|hoard(?:ed|ing)?|collect(?:ed|ing)|stash(?:ed|ing)?|"
        r"stor(?:ed|ing)|keeping)\s+(?:up\s+)?(?:my\s+|some\s+|all\s+(?:my\s+|of\s+my\s+)?|a\s+lot\s+of\s+|enough\s+|"
        rf"extra\s+)?(?:\w+\s+)?(?:{_DRUGS}|prescriptions)\b",
    ),
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:wrote|written|writing|write|left|leaving|finished|drafted|drafting)\s+(?:my|a|the)\s+(?:suicide\s+"
        r"(?:note|letter)|goodbye\s+(?:note|letter|letters|notes)|last\s+(?:letter|note|words))\b|"
        r"\bsuicide\s+(?:note|letter)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:just\s+|already\s+)?(?:took|swallowed|taken|downed|overdosed\s+on)\s+(?:all|a\s+whole|the\s+whole|an?\s+"
        r"entire|the\s+entire|\d{2,}|twenty|thirty|forty|fifty|a\s+bunch\s+of|a\s+lot\s+of|a\s+handful\s+of|way\s+too"
        r"\s+many|too\s+many|all\s+of)\s+(?:\w+\s+){0,3}?(?:bottle|pack|box|"
        rf"{_DRUGS})\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:cut|slit|sliced)\s+(?:my\s+(?:wrists?|throat)|too\s+deep|(?:really\s+|very\s+)?deep)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:standing|sitting|climbing|climbed|i'm|i\s+am)\s+(?:up\s+)?(?:on|onto|over)\s+(?:the|a|my)\s+(?:ledge|"
        r"railing|edge\s+of\s+(?:the|a|my)\s+(?:roof|bridge|building|cliff|balcony))\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:the\s+)?(?:rope|noose)\s+is\s+(?:ready|around|tied|up|hanging)\b|\b(?:have|got|holding|hold)\s+"
        r"(?:the|a|my)\s+(?:gun|pills|knife|blade|rope|razor)\s+(?:in\s+my\s+hand|right\s+here|ready|next\s+to\s+me|"
        r"with\s+me|in\s+front\s+of\s+me|loaded)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\bby\s+the\s+time\s+(?:you|anyone|someone|they|somebody)\s+(?:read|see|find|get)s?\s+this\b",
        subject="self",
    ),
    # --- self-harm: high ---
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:want|wanna|urge|urges|need|going|gonna|tempted|thinking\s+about|think\s+about|thoughts\s+(?:of|about)|feel\s+like|felt\s+like|"
        r"started|start|keep|kept|been|can't\s+stop|cannot\s+stop|couldn't\s+stop|relapsed\s+and|about)\s+(?:to\s+)?"
        rf"(?:\w+\s+)?{_SH_VERB}\s+myself\b",
    ),
    RuleSpec(
        "self_harm",
        "high",
        rf"\b{_SH_VERB}\s+myself\s+(?:again|on\s+purpose|deliberately|intentionally|to\s+(?:feel|cope|calm|punish|make)"
        r"|when(?:ever)?|every|until|till|with\s+(?:a|the|my)\s+(?:knife|blade|razor|lighter|cigarette|scissors|"
        r"compass|glass)|as\s+(?:a\s+)?punishment)\b",
        subject="self",
    ),
    RuleSpec("self_harm", "high", r"\bused\s+to\s+(?:cut|self[- ]?harm|burn\s+myself|hurt\s+myself|harm\s+myself)\b"),
    RuleSpec(
        "self_harm", "high", r"\bself[- ]?harm(?:ing|ed|s)?\b|\bself[- ]?injur(?:y|e|ing|ed)\b|\bself[- ]?mutilat\w*"
    ),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:started|been|keep|kept|back\s+to|can't\s+stop|relapsed\s+(?:into|and\s+started))\s+cutting\b(?!\s+"
        r"(?:my\s+hair|hair|class|classes|corners|carbs|sugar|back|down|costs|ties|out|it\s+close|the|vegetables|"
        r"onions|paper|wood|coupons|people\s+off))|\bcutting\s+again\b",
    ),
    # --- harm to others: high ---
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:want|wanna|going|gonna|plan(?:ning)?|thinking\s+about|think\s+about|thought\s+(?:about|of)|"
        r"fantasi[sz]e\s+about|fantasi[sz]ing\s+about|might|could\s+really|afraid\s+i'll|scared\s+i'll|urge|urges|tempted|about|will|i'll|ready|decided|can't\s+stop\s+thinking\s+about|"
        r"keep\s+thinking\s+about|imagine|imagining|dream\s+about|thoughts\s+(?:about|of))\s+(?:to\s+)?(?:really\s+)?(?:\w+\s+(?:and|&)\s+)?"
        rf"{_HARM_VERB}\s+{_TARGET}\b(?!\s*'?s?\s+feelings)",
        concern="others",
    ),
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:shoot|shooting|bomb|bombing|attack|attacking)\s+up\s+(?:the|my|a)\s+(?:school|office|workplace|class|"
        r"church|mall)\b|\b(?:take|taking)\s+(?:them|him|her|everyone)\s+(?:down\s+)?with\s+me\b",
        concern="others",
    ),
    # --- violence or abuse against the person: high ---
    RuleSpec(
        "abuse",
        "high",
        rf"\b{_ABUSER}\s+(?:\w+\s+){{0,2}}?(?:hits|hit|beats|beat|punches|punched|slaps|slapped|kicks|kicked|chokes|"
        r"choked|strangles|strangled|abuses|abused|rapes|raped|molests|molested|assaults|assaulted|burns|burned|"
        r"shoves|shoved|throws\s+things\s+at|locks|locked|touches|touched|grabs|grabbed|forced\s+himself\s+on|"
        r"forced\s+herself\s+on)\s+me\b(?!\s+up)",
        concern="abuse",
        subject="self",
        negatable=True,
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:i'm|i\s+am|i've\s+been|i\s+have\s+been|i\s+was|i\s+got|getting|being)\s+(?:\w+\s+)?(?:abused|raped|"
        r"molested|sexually\s+assaulted|assaulted|strangled|choked|trafficked|groomed|stalked|beaten\s+up|beaten\s+by|"
        r"hit\s+by\s+(?:my|him|her|them)|threatened\s+by\s+(?:my|him|her|them))\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\bthreat(?:en|ens|ened|ening)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:kill|hurt|beat|hit|stab|shoot|rape)\s+me\b|"
        r"\bthreat(?:en|ens|ened|ening)\s+me\s+with\s+(?:a|his|her|their)\s+(?:knife|gun|weapon)\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:afraid|scared|terrified|worried|fear)\s+(?:that\s+)?(?:he|she|they|my\s+\w+)\s+(?:will|'ll|is\s+going"
        r"\s+to|might|would|'s\s+going\s+to|is\s+gonna|'s\s+gonna)\s+(?:kill|hurt|beat|hit|rape)\s+me\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:not|don't|do\s+not|never)\s+(?:feel\s+)?safe\s+(?:at\s+home|in\s+my\s+(?:own\s+)?(?:home|house|room)|"
        r"around\s+(?:him|her|my\s+\w+)|with\s+(?:him|her|my\s+\w+))\b",
        concern="abuse",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:raped|molested|sexually\s+assaulted|drugged|spiked)\s+me\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec("abuse", "high", r"\b(?:domestic\s+(?:violence|abuse)|sexual\s+(?:assault|abuse))\b", concern="abuse"),
    # --- lower-level signals: low ---
    RuleSpec(
        "hopelessness",
        "low",
        r"\bhopeless(?:ness)?\b|\bno\s+(?:hope|future|way\s+out)\b|\bnothing\s+(?:will\s+ever|is\s+ever\s+going\s+to|"
        r"ever)\s+(?:get|gets|change|changes)\s+better\b|\b(?:never|won't\s+ever)\s+get\s+better\b|"
        r"\bnothing\s+(?:is\s+)?(?:ever\s+)?going\s+to\s+get\s+better\b",
    ),
    RuleSpec(
        "hopelessness",
        "low",
        r"\b(?:i'm|i\s+am|i\s+feel\s+like|feel\s+like)\s+(?:just\s+|such\s+)?(?:a|an)\s+(?:\w+\s+)?(?:burden|waste\s+of\s+"
        r"(?:space|air|oxygen|life))\b|\bburden\s+(?:to|on|for)\s+(?:everyone|my\s+\w+|others|people|them)\b",
    ),
    RuleSpec(
        "hopelessness",
        "low",
        r"\bcan't\s+(?:take|handle|do|bear|stand)\s+(?:it|this|any\s+of\s+this)\s+(?:any\s*more|any\s+longer)\b|"
        r"\b(?:just\s+)?want\s+to\s+give\s+up\b|\bgiv(?:e|ing)\s+up\s+on\s+(?:everything|myself)\b|"
        r"\b(?:empty|numb|dead)\s+inside\b|\bfeel\s+(?:so\s+|completely\s+)?trapped\b|\b(?:tired|sick)\s+of\s+"
        r"(?:life|my\s+life|this\s+life)\b|\bno\s+one\s+(?:cares|would\s+care)\s+(?:about|if)\s+(?:me|i)\b",
    ),
    RuleSpec(
        "morbid_thoughts",
        "low",
        r"\b(?:think|thinking|thought|thoughts)\s+(?:a\s+lot\s+)?(?:about|of)\s+(?:death|dying|my\s+own\s+death)\b",
    ),
    # --- someone else at risk, or a loss to suicide: low (only when the subject is someone else) ---
    RuleSpec(
        "third_party",
        "low",
        r"\b(?:kill(?:ed|s|ing)?|hurt(?:s|ing)?|harm(?:s|ed|ing)?|cut(?:s|ting)?|hang(?:s|ed|ing)?|shot|"
        r"shoot(?:s|ing)?|starv(?:e|es|ing))\s+(?:himself|herself|themselves|themself)\b|\b(?:took|take|takes|"
        r"taking|ended|end|ends|ending)\s+(?:his|her|their)\s+(?:own\s+)?life\b(?!\s+(?:savings|back|seriously|into|in\s+(?:his|her|their)\s+hands))|\b(?:died|dies)\s+by\s+suicide\b|"
        r"\bcommitted\s+suicide\b|\bsuicide\s+attempts?\b|\b(?:wants?|wanting|wanted)\s+to\s+die\b|\bsuicide\b",
        subject="third_only",
    ),
)

# --- The broad net (see `rules.broad_net`): lexical fields, not phrases. ---
# Each field is a family of words; `rules.broad_net` decides from the words around a hit (who, negation,
# frame, past) whether it counts, and `rules.BROAD_COMBINATIONS` how fields combine into a level.
_BODY = (
    r"(?:skin|arms?|forearms?|wrists?|thighs?|legs?|stomach|belly|hands?|body|chest|hips?|ankles?|wrist|veins?|"
    r"shoulders?|knuckles?|flesh|neck|throat)"
)
_EDGE = (
    r"(?:standing|sitting|stood|sat|climbed|up|out)\s+(?:on|onto|over|at|to)\s+(?:the\s+)?(?:edge\s+of\s+(?:the\s+)?)?(?:bridge|"
    r"ledge|roof|rooftop|railing|edge|cliff|balcony|tracks|top\s+floor)|other\s+side\s+of\s+the\s+(?:railing|fence|barrier)"
)
_SH_TOOL = r"(?:blades?|razors?|razor\s+blades?|knife|knives|scissors|glass|lighter|cigarettes?|compass|needle|pins?)"
_BROAD_SH_VERB = (
    r"(?:cut|cuts|cutting|slash(?:ed|es|ing)?|slit(?:s|ting)?|burn(?:s|ed|t|ing)?|scratch(?:ed|es|ing)?|"
    r"carv(?:e|ed|es|ing)|punch(?:ed|es|ing)?|bang(?:ed|s|ing)?|bruis(?:e|ed|es|ing)|stab(?:bed|s|bing)?|"
    r"scrap(?:e|ed|es|ing)|gouge[ds]?|gouging|bit|bite|bites|biting|hit|hits|hitting|smash(?:ed|es|ing)?|"
    r"pierc(?:e|ed|ing)|sliced?|slicing)"
)
FIELDS: dict[str, str] = {
    # Dying, death, being dead: counts only after a wish ("I hope I get sick and die"), like "vanish".
    "death": r"\b(?:die|dies|dying|died|death|dead)\b(?!\s+(?:tired|serious|end|set|last|wrong|center|centre|ringer|"
    r"line|battery|heat|silence|giveaway|easy|simple|beat|broke|zone|weight|on|body|metal|star|note|sea|inside|for|of|"
    r"laughing|trying)\b)",
    # Death as relief or welcome: the words alone say it.
    "deathwish": r"\bdeath\s+(?:doesn't|does\s+not|no\s+longer)\s+(?:scare|frighten)|\bdeath\s+(?:feels|seems|sounds|"
    r"looks|would\s+be)\s+(?:like\s+)?(?:a\s+|the\s+)?(?:only\s+)?(?:relief|peace|peaceful|escape|way\s+out|answer|"
    r"rest|release|mercy|gift|better|easier|kinder|nice)|\b(?:welcome|embrace|long\s+for|crave|craving|longing\s+for)\s+"
    r"death\b|\b(?:peace|relief|rest|release)\s+(?:of|in)\s+death\b|\bready\s+to\s+die\b|\bdeserve\s+to\s+die\b|"
    r"\bshould\s+(?:just\s+)?(?:die|be\s+dead)\b|\bmight\s+as\s+well\s+(?:die|be\s+dead)\b",
    # Ending one's own life (C-SSRS active thoughts).
    "active": r"\b(?:kill(?:s|ed|ing)?|end(?:s|ed|ing)?|off(?:ed|ing)?|hang(?:ed|ing)?|shoot(?:ing)?|drown(?:ed|ing)?|"
    r"poison(?:ed|ing)?|gas(?:sed|sing)?)\s+myself\b|\bend(?:s|ed|ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life|"
    r"everything\s+for\s+good|my\s+existence|my\s+suffering\s+for\s+good)\b|\btak(?:e|es|ing)\s+my\s+(?:own\s+)?life\b|"
    r"\bcommit(?:ted|ting)?\s+suicide\b|\bnot\s+survive\s+the\s+(?:night|week|weekend)\b",
    # Not existing, not waking up, being gone; the words alone say it.
    "nonexist": r"\b(?:fade\s+out\s+of\s+existence|out\s+of\s+existence|cease\s+to\s+exist|stop(?:ped)?\s+existing|"
    r"(?:didn't|did\s+not|don't|do\s+not|not|never|no\s+longer)\s+(?:to\s+)?exist(?:ed)?|(?:wasn't|was\s+never|were\s+never|"
    r"hadn't\s+been|never\s+been)\s+born|(?:not|never|won't|wouldn't)\s+(?:\w+\s+){0,2}?(?:wake|waking)\s+up(?!\s+(?:early|"
    r"late|on\s+time|in\s+time|before|for|at|until|till|when|with))|(?:won't|never|not)\s+(?:\w+\s+)?open\s+my\s+eyes\s+again|(?:don't|do\s+not)\s+(?:want\s+to\s+)?wake\s+up|"
    r"sleep\s+forever(?!\s+(?:on|this|every|in\s+the|after|during|today|tomorrow|until))|eternal\s+sleep|(?:no\s+longer|not)\s+(?:be\s+)?(?:here|alive|around)\s+(?:anymore|any\s+more)|"
    r"(?:don't|do\s+not|no\s+longer)\s+want\s+to\s+(?:be\s+here|be\s+alive|live|exist|go\s+on|keep\s+going|keep\s+living|"
    r"be\s+around|carry\s+on)|(?:can't|cannot|can\s+not)\s+(?:go\s+on|keep\s+going|do\s+this)\s+(?:anymore|any\s+more|"
    r"much\s+longer)|(?:done|finished)\s+with\s+(?:life|living|everything|it\s+all)|tired\s+of\s+(?:living|being\s+alive|"
    r"existing|life)|no\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|go\s+on|going\s+on|be\s+alive|being\s+alive|"
    r"exist|existing|wake\s+up|waking\s+up)|(?:life|living|existing)\s+(?:is|feels)\s+(?:so\s+)?(?:pointless|meaningless|"
    r"not\s+worth))\b",
    # Ambiguous words of being gone: they count only after a wish ("want to disappear").
    "vanish": r"\b(?:disappear|vanish|fade\s+(?:out|away)|be\s+gone|evaporate|dissolve|rest\s+forever|"
    r"go\s+to\s+sleep\s+and\s+never|(?:all|everything|it\s+all)\s+to\s+(?:just\s+)?(?:stop|end)|not\s+be\s+here|be\s+(?:erased|deleted)|be\s+nothing)\b",
    # Feeling like a burden; others better off.
    "burden": r"\b(?:(?:better|happier|easier)\s+off\s+without\s+me|(?:better|happier|easier|lighter)\s+without\s+me|"
    r"without\s+me\s+(?:around|here|in\s+the\s+way)|(?:i'm|i\s+am|i've\s+become|i\s+feel\s+like)\s+(?:just\s+|such\s+|"
    r"nothing\s+but\s+)?(?:a|an)\s+(?:\w+\s+)?burden|(?:no\s+one|nobody)\s+would\s+(?:even\s+)?(?:miss|notice|care\s+if)\s+"
    r"(?:me|i)|(?:easier|better)\s+for\s+(?:everyone|everybody|them|my\s+\w+)\s+if\s+i\s+(?:was|were|wasn't|weren't))\b",
    # Final arrangements and farewells.
    "finality": r"\b(?:(?:goodbye|farewell|suicide|last)\s+(?:note|letter|message)s?|(?:wrote|written|writing|left|"
    r"leaving|finished)\s+(?:a\s+|my\s+)?(?:last\s+|final\s+)?(?:note|letters?)|said\s+(?:my\s+)?goodbyes?\s+to\s+"
    r"(?:everyone|everybody|all|my|the\s+people)|saying\s+(?:my\s+)?goodbyes?|(?:won't|will\s+not|wont)\s+be\s+"
    r"(?:around|here|alive)\s+(?:much\s+longer|for\s+long|anymore|any\s+more|tomorrow|next|by|after|to\s+see)|"
    r"(?:after|when|once)\s+i(?:'m|\s+am)\s+(?:gone|dead|not\s+here)|giv(?:e|ing|en)\s+away\s+(?:all\s+)?(?:of\s+)?my|"
    r"gave\s+away\s+(?:all\s+)?(?:of\s+)?my|final\s+goodbye|last\s+goodbye|this\s+is\s+(?:goodbye|my\s+last)|"
    r"affairs\s+in\s+order|see\s+you\s+on\s+the\s+other\s+side|last\s+time\s+(?:you'll|anyone\s+will)\s+hear)\b",
    # Damage to one's own body: a damaging verb with a body part or a blade.
    "selfharm": rf"\b{_BROAD_SH_VERB}\s+(?:\w+\s+){{0,2}}?(?:my|myself|into\s+my|on\s+my)\s*(?:own\s+)?(?:\w+\s+)?"
    rf"(?:{_BODY}|myself)\b|\b{_BROAD_SH_VERB}\s+myself\b|\b(?:used|using|use|with)\s+(?:a\s+|the\s+|my\s+)?{_SH_TOOL}\s+"
    rf"(?:on|against|to\s+cut|to\s+burn)\s+(?:my|myself)\b|\b(?:cuts|scars|burns|bruises|marks)\s+on\s+my\s+{_BODY}\s+"
    r"(?:are|were)\s+(?:from\s+me|self|my\s+own)|\bself[-\s]?(?:harm\w*|injur\w*|mutilat\w*)\b",
    # Means that are rarely named without a purpose, and ordinary places and ways that need a death word.
    "means": rf"\b(?:{_DRUGS}|overdos\w*|noose|rope|charcoal|carbon\s+monoxide|blades?|razors?|gun|pistol|rifle|"
    r"bullets?|bleach|poison|antifreeze|hang(?:ing)?)\b",
    "place": r"\b(?:bridge|rooftop|roof|ledge|cliff|train\s+tracks|railway|tracks|train|gas|exhaust|height|heights|"
    r"jump(?:ing|ed)?|floor|storey|story\s+building|knife|knives|stool|river|lake|sea|ocean|traffic|car)\b",
    # Standing at a drop: it raises with a time, a death word or intent.
    "edge": rf"\b{_EDGE}\b",
    # Preparation and intent words: they raise means.
    "intent": r"\b(?:ready|bought|collected|collecting|stockpil\w*|saved\s+up|saving\s+up|hoard\w*|plan(?:ned|ning)?|"
    r"prepar(?:e|ed|ing)|make\s+sure|how\s+(?:many|much|high|far)|best\s+(?:way|height|place|method|spot)|"
    r"enough\s+to|lethal|fatal|painless(?:ly)?|quickest|just\s+(?:took|swallowed|drank)|swallowed|counted|tied|"
    r"set\s+up|picked\s+(?:out|a|the)|chose|chosen|all\s+(?:of\s+)?(?:my|the|these|those)|whole\s+(?:bottle|pack|box)|"
    r"(?:take|swallow|down)\s+(?:them|it|these|those)\s+all|(?:going\s+to|gonna|about\s+to)\s+(?:take|swallow|use|down)|"
    r"bottle\s+of|handful)\b",
    # Times: they raise means only together with a death word.
    "time": r"\b(?:tonight|tomorrow|this\s+(?:weekend|week|evening)|right\s+now|going\s+to|about\s+to|soon|"
    r"waiting\s+for)\b",
    # It is happening now: blood, dizziness, just did it.
    "acute": r"\b(?:just|right\s+now|a\s+minute\s+ago|minutes\s+ago|bleeding|blood|dizzy|faint|passing\s+out|"
    r"won't\s+stop|can't\s+stop|deep)\b",
    # Violence against the person by someone else.
    "abuse": r"\b(?:hits|hit|beats|beat|punches|punched|kicks|kicked|slaps|slapped|chokes|choked|strangles|strangled|"
    r"shoves|shoved|pushes|pushed|throws\s+(?:things|stuff)\s+at|threw\s+(?:things|stuff|a\s+\w+)\s+at|burns|burned|"
    r"rapes|raped|molests|molested|gropes|groped|hurts|hurt|grabs|grabbed|drags|dragged|locks|locked)\s+me\b"
    r"(?!\s+up\b|\s+(?:hard|that|how|again\s+that))",
}
# A wish or a want in front of an ambiguous field word ("I just want to disappear").
WISH = (
    r"\b(?:want|wants|wanted|wanting|wanna|wish|wishes|wished|wishing|hope|hopes|hoping|pray|praying|long|longing|rather|prefer|"
    r"could\s+just|would\s+(?:just\s+)?(?:like|love)|'d\s+(?:like|love)|dream\s+(?:of|about)|nice\s+(?:if|to)|better\s+if|"
    r"if\s+only|ready\s+to|need\s+to)\b"
)
# Circumstances that make body damage or death words ordinary: accidents, sport, cooking, medicine.
BROAD_EXCLUDE = (
    r"\b(?:accident\w*|by\s+mistake|cooking|kitchen|shaving|oven|stove|iron|kettle|slipped|tripped|fell|falling|"
    r"football|soccer|rugby|hockey|boxing|sparring|gym|practice|training|game|match|surgery|operation|nurse|doctor|"
    r"dentist|tattoo|piercing|paper\s+cut|garden\w*|hike|hiking|climbing|camping|bike|cycling|skateboard\w*|"
    r"bug|process|server|code|battery|phone|laptop|plant|plants|fish|hamster|dog|cat|pet|bird|goldfish|"
    r"movie|film|show|book|story|character|game|news|history|documentary|embarrass\w*|cringe\w*|mortified|"
    r"humiliat\w*|awkward|bored|boring|laugh\w*|funny|hilarious|pun|salad|price|tickets?|slang|ouch|oops|onions?|"
    r"slic(?:e|ed|ing)|chopp\w*|peel\w*|dicing|recipe|headaches?|migraines?|cold|flu|fever|allerg\w*|prescri\w*|"
    r"pharmacy|chemist|pharmacist|cramps|period|vitamins?|refill|vacation|holiday|trip|travel\w*|for\s+a\s+(?:while|bit|"
    r"day|week|few|couple)|swing|tent|boat|sailing|moving|luggage|clothesline|laundry|gym|crafts?|diy)\b"
)
