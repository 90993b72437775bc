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
    r"grandmother|grandfather|grand-?dad|granddad|grandad|gramps|grandmum|grandmom|grandma|roommate|flatmate|housemate|classmate|coworker|co-worker|colleague|boss|"
    r"teacher|student|neighbou?r|client|patient|buddy|mate|fiance|fiancee|niece|nephew|teammate|stepdad|"
    r"stepfather|stepmom|stepmother|family\s+member|former\s+partner|team\s+lead|baby|newborn|infant|toddler|therapist|doctor|nurse|counsell?or|"
    r"nan|nana|nans|nanna|gran|granny|grandparents?|cat|dog|puppy|kitten)"
)
_DRUGS = (
    r"(?:sleeping\s+pills|painkillers|antidepressants|benzos|opioids|oxy\w*|paracetamol|tylenol|acetaminophen|"
    r"ibuprofen|aspirin|xanax|ambien|insulin|lithium|sertraline|prozac|meds|medication|medicine|tablets|pills|capsules)"
)
SUBJECTS = SubjectSpec(
    third=(
        rf"\b(?:my|our|a|his|her|their|this|that)\s+(?:\w+\s+)?{REL}\b(?!'s)|\b(?:he|she|they|he's|she's|they're|he'd|"
        r"she'd|they'd|he'll|she'll|they'll|they've|him|her|them|his|their|someone|somebody|anyone(?!\s+else)|people|"
        r"the\s+(?:cat|dog|kitten|puppy|hamster|parrot|rabbit)|"
        r"everyone\s+else|the\s+(?:person|guy|girl|man|woman|kid|boy))\b"
    ),
    you=r"\b(?:you|you're|you've|you'd|you'll|your|yourself|ya)\b",
    self_=r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine|anyone\s+else|anybody\s+else)\b",
    thing=(
        r"\b(?:the|this|that|my|our)\s+(?:\w+\s+)?(?:company|business|startup|plant|plants|phone|battery|laptop|"
        r"computer|car|server|project|app|store|shop|restaurant|band|process|program|spreadsheet|exam|exams|homework|assignment|"
        r"deadline|essay|weather|heat|traffic|commute|week|printer|wifi|internet|code|inbox|workout|module|paperwork|email|emails|"
        r"meeting|meetings|semester|shift|landlord's\s+email)\b"
    ),
)

NEGATION = (
    r"(?:\bnot|\bnever|n't|\bno\s+longer|\bnothing\s+like|\bno|\bwithout)\s+(?:(?:really|ever|even|actually|"
    r"currently|honestly|seriously|at\s+all|going\s+to|want\s+to|wanting\s+to|wanted\s+to|meant\s+to|trying\s+to|have|had|having|been|be|"
    r"feel|feeling|think|thinking|plan|planning|to|about|of|any|that|so|am|a|an|the|like|because\s+i|that\s+i|"
    r"i|i'm|intend|intending|considering|considered|consider|thought|wish|wishing|do|doing|will|would|gonna|ready)\s+){0,4}$"
)

# Markers that put a disclosure in the past (unless something says it is back).
PAST = (
    r"\bused\s+to\b|\b(?:years|months|a\s+long\s+time|decades)\s+ago\b|\bwhen\s+i\s+was\s+(?:a\s+|in\s+|younger|"
    r"little|small|\d+|a\s+kid|a\s+teen|a\s+child)|\bas\s+a\s+(?:kid|child|teen|teenager|little\s+girl|little\s+boy)\b|"
    r"\bin\s+(?:high|middle|primary|elementary|secondary|grade)\s+school\b|\bback\s+(?:in|then|when)\b|"
    r"\bat\s+the\s+time\b|\bin\s+the\s+past\b|\bgrowing\s+up\b|(?<!\bmy\s)\blast\s+year\b(?!\s+of\b)|"
    # A count of years is the past, but not an age ("16 years old"), a span up to now ("for four years",
    # "the past two years") or a time ahead ("in two years", "by the time 4 years have passed").
    r"(?<!\bfor\s)(?<!\bin\s)(?<!\bnext\s)(?<!\bpast\s)(?<!\blast\s)(?<!\banother\s)(?<!\bwithin\s)\b(?:a\s+few|several|many|two|"
    r"three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b(?!\s+(?:old|of\s+age|from\s+now|have\s+passed|now|and\s+counting|"
    r"straight|in\s+a\s+row))|\bonce\s+in\s+my\s+life\b|\bhistory\s+of\b"
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
    r"\b(?:movie|film|(?<!n't\s)show|series|episode|season|book|novel|(?<!my\s)story|character|characters|protagonist|narrator|plot|"
    r"scene|video\s+game|game|mission|article|news|headline|report|reported|documentary|podcast|study|studies|"
    r"research|paper|essay|thesis|assignment|homework|class|lecture|course|seminar|textbook|statistics|rates?|"
    r"poem|poetry|poet|song|lyrics|album|play|shakespeare|hamlet|ophelia|juliet|romeo|fiction|anime|manga|comic|"
    r"newspaper|journalist|according\s+to|author|writer|biology|cells?|apoptosis|history|historical|ancient|"
    r"celebrity|actor|actress|singer|villain|hero|detective|killer|murder\s+mystery|mean|meaning|definition|define|term|exam\s+question|meme|memes|"
    r"my\s+major|major(?:ed|ing)\s+in|switch(?:ed|ing)?\s+majors|med\s+school|pre-?med)\b"
)
# Chinese puts a described person after the phrase ("有自杀念头的同学"); English does not need this.
SUBJECT_AFTER = r"(?!)"
# "She asked if I had thoughts of suicide" reports a question; it counts only if the answer was yes.
REPORTED_QUESTION = r"\b(?:asked|asks|asking)\s+(?:me\s+)?(?:if|whether|about)\b|\bscreen(?:ed|ing)\s+(?:me\s+)?for\b"
AFFIRMED = r"\b(?:said|says|told\s+(?:her|him|them))\s+(?:yes|yeah|that\s+i\s+(?:do|did|have|am|was))\b|\badmitted\b"
JOKE = r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|j/k|just\s+kidding|(?<!not\s)(?<!n't\s)(?<!no\s)kidding|(?<!not\s)(?<!n't\s)joking)\b|😂|🤣|😆|😅|😜|🙃"

# Idioms, hyperbole and technical words that contain risk words; they are blanked before the rules run.
MASKS = (
    MaskSpec(
        r"\bdie[ds]?\s+(?:of|from)\s+(?:secondhand\s+|second-hand\s+|pure\s+|sheer\s+|total\s+)?(?:embarrassment|laughter|laughing|boredom|shame|cuteness|happiness|"
        r"curiosity|jealousy|envy|excitement|anticipation|suspense|old\s+age|thirst|hunger)\b"
    ),
    MaskSpec(
        r"\bdie\s+(?:my|her|his|their|your|the|it|them)\s+(?:\w+\s+)?(?:hair|shirt|clothes|jeans|eyebrows|"
        r"beard|fabric|eggs|nails|tips|roots)\b|\bdie\s+it\s+(?:blue|red|pink|purple|black|green|blonde)\b"
    ),
    MaskSpec(r"\bcross\s+my\s+heart\s+and\s+hope\s+to\s+die\b"),
    MaskSpec(
        r"\b(?:would|'d)\s+(?:much\s+|literally\s+|honestly\s+|actually\s+|seriously\s+|genuinely\s+)?rather\s+die\s+than\b"
        r"(?!\s+(?:keep|go\s+on|live|living|feel|feeling|continue|be\s+here|wake\s+up|spend\s+another|face\s+another|exist))"
    ),
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

# Round 6 masks: harmless substances, props, ending a relationship, food threats, a bedtime "goodbye cruel world".
MASKS = (
    *MASKS,
    MaskSpec(
        r"\b(?:lethal|fatal|toxic|deadly)\s+(?:dose|amount|level)\s+of\s+(?:caffeine|coffee|energy\s+drinks?|monsters?|red\s+bull|"
        r"water|salt|sugar|nutmeg|vitamin\s+\w+|chocolate|garlic|grapes|onions?|xylitol|carrots?|bananas?)\b"
    ),
    MaskSpec(r"\b(?:not|isn't|wasn't|no)\s+(?:\w+\s+)?(?:cancer|tumou?r|malignant|serious)\b"),
    MaskSpec(
        r"\b(?:lined\s+up|sorted|organi[sz]ed|laid\s+out)\s+in\s+(?:my|the|a)\s+(?:dosette|pill\s+(?:box|organi[sz]er)|weekly\s+(?:box|organi[sz]er))\b"
    ),
    MaskSpec(
        r"\b(?:live|living)\s+(?:in|at|near|with)\s+(?:this|that|the|my|a)\s+(?:\w+\s+)?(?:city|town|country|flat|house|apartment|place|area|"
        r"dorm|street|neighbou?rhood|village|state)\b|\b(?:live|living)\s+here\s+(?:if|when|with|because|anymore|any\s+more)\b"
    ),
    MaskSpec(
        r"\b(?:beat|beats|beating|thrashed|destroyed)\s+me\s+(?:at|in\s+(?:a|the)\s+(?:game|race|match|round))\b|"
        r"\b(?:punched|hit|kicked|slapped|shoved|pushed)\s+me\s+(?:\w+\s+){0,4}?(?:as\s+a\s+joke|for\s+fun|playfully|jokingly)\b|"
        r"\b(?:hit|hits|smacked|whacked)\s+me\s+with\s+(?:a\s+)?(?:pillows?|cushions?|snowballs?|water\s+balloons?|nerf\s+\w+|balloons?)\b"
    ),
    MaskSpec(r"\b(?:doesn't|does\s+not|won't|will\s+not|didn't|don't)\s+(?:\w+\s+)?(?:crash|go\s+down|hit\s+me|kill\s+me)\b"),
    MaskSpec(
        r"\btied\s+(?:the\s+|a\s+)?rope\s+(?:to|around)\s+(?:the|a|my)\s+(?:boat|tent|swing|dock|roof\s+rack|trailer|kayak|hammock|"
        r"tree\s+for\s+the|fence\s+post|tarp)\b"
    ),
    MaskSpec(r"\bnoose\s+(?:decoration|prop|costume|emoji)s?\b|\b(?:halloween|prop|fake|decorative|toy|cardboard)\s+noose\b"),
    MaskSpec(
        r"\bend\s+(?:it|things)\s*(?:\.{2,}\s*|,\s*)?with\s+(?:my\s+)?(?:boyfriend|girlfriend|bf|gf|partner|husband|wife|fiance|him|her|them|"
        r"\w+)\b(?!\s+(?:pills|a|the|rope|knife|gun))"
    ),
    MaskSpec(
        r"\b(?:kill|murder|strangle|end|destroy)\s+(?:my\s+\w+|him|her|them)\s+if\s+(?:he|she|they)\s+(?:\w+\s+)?(?:eats?|ate|"
        r"finish(?:es)?|drinks?|spoils?|steals?\s+my\s+(?:food|snacks|leftovers|fries|chips|charger|hoodie))\b",
        emit=("joking_threat", "low"),
    ),
    MaskSpec(r"\bgoodbye\s+cruel\s+world\b(?=[^.!?\n]{0,40}\b(?:bed|sleep|nap|work|gym|class|exam|shift|dentist)\b)"),
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
        r"\b(?:a|my|the)\s+(?:goodbye\s+)?(?:note|letter)s?\s+(?:for|to)\s+(?:my\s+(?!(?:old|future|younger|older|past|inner|anxious|\d+\w*)\b)\w+|everyone|everybody)\b|\b(?:wrote|written|writing|left|leaving|finished)\s+(?:goodbye\s+|farewell\s+|last\s+)?(?:letters?|notes?)"
        r"\s+(?:to|for)\s+(?:my\s+(?!(?:old|future|younger|older|past|inner|anxious|\d+\w*)\b)\w+|everyone|everybody|the\s+people\s+i\s+love|each\s+of)",
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
        r"\s+the\s+night\b|\bno\s+turning\s+back\b|\bnobody\s+(?:will|can)\s+stop\s+me\b|\balready\s+(?:did|done)\s+it\b|"
        r"\bi\s+did\s+it\b|\balready\s+(?:took|taken|swallowed)\s+(?:it|them)\b|\b(?:i've|i\s+have)\s+got\s+(?:enough|what\s+i\s+need|"
        r"everything\s+i\s+need)\b",
    ),
    CueSpec(
        "giving_away",
        r"\b(?:wrote|written|made|updated|finished)\s+(?:my|a)\s+will\b(?![^\n]{0,60}\b(?:baby|married|wedding|mortgage|house|solicitor|lawyer|estate\s+planning|kids|adult|grown\s+up|responsible|retire\w*)\b)|\b(?:giving|gave|given|give)\s+away\s+(?:all\s+)?(?:my|of\s+my)\s+(?:\w+\s+)?(?:stuff|things|"
        r"belongings|possessions|cat|dog|pets?|clothes|books|games)\b|\b(?:giving|gave|given|give)\s+(?:all\s+)?(?:of\s+)?"
        r"my\s+(?:\w+\s+)?(?:stuff|things|belongings|possessions|cat|dog|pets?|clothes|books|games)\s+away\b(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|vinted|ebay)\b)",
    ),
    # --- Context-only kinds (`detector._context_escalation`): what an earlier turn establishes... ---
    # means within reach: gathered, counted, kept somewhere, "enough" (with a means word, or by itself)
    CueSpec(
        "ready",
        r"\b(?:saving|saved\s+up|stockpil\w*|hoard\w*|collecting|counted\s+(?:them|the\s+\w+)|bought|still\s+have|"
        r"have\s+(?:the|a\s+(?:full|whole)|all|enough)|(?:a|my)\s+(?:full|whole)\s+(?:bottle|box|pack)|enough\s+(?:pills|"
        r"tablets|meds)|right\s+here|keeps?\s+(?:his|her|their|the|a)|kept\s+(?:his|her|their|the|a)|are\s+in\s+the\s+"
        r"(?:cabinet|drawer|closet|cupboard)|'s\s+in\s+my\s+(?:\w+\s+)?(?:case|bag|pocket|drawer|room)|locked\s+in|"
        r"(?:its|it's|there's|about)\s+(?:about\s+)?\d{2,}\b)",
    ),
    # asking how high a place is or how many pills it takes
    CueSpec(
        "probe",
        r"\bhow\s+(?:high|tall|far\s+(?:down|up)|deep)\s+(?:is|are|the)\b|\bhow\s+many\s+(?:[\w']+\s+){0,4}?(?:pills|tablets|mg)\b|"
        r"\blethal\s+dose\b|\bthinking\s+about\s+(?:the|my|those|his|her)\s+(?:pills|tablets|meds|rope|bridge|gun)\b|\bhow\s+much\s+\w+\s+(?:would|does|to)\s+(?:it\s+)?(?:take|kill)\b",
    ),
    CueSpec(
        "decided",
        r"\bi\s+know\s+(?:exactly\s+)?how\s+(?:i'd|i\s+would|i'll|i'm\s+going\s+to|to)\s+do\s+it\b|\bnot\s+for\s+camping\b|"
        r"\b(?:don't|do\s+not)\s+try\s+to\s+stop\s+me\b|\b(?:don't|do\s+not)\s+tell\s+anyone\b|\bhaven't\s+told\s+anyone\b|\b(?:i've|i\s+have)\s+(?:got\s+)?everything\s+(?:ready|sorted|"
        r"planned)\b|\b(?:i'm|i\s+am)\s+(?:walking|driving|going|heading)\s+there\b|\beverything(?:'s|\s+is)\s+ready\b|\bi've\s+written\s+the\s+(?:letter|note)\b",
    ),
    # nobody around: an opening
    CueSpec(
        "alone",
        r"\b(?:nobody|no\s+one|no-one)(?:'s|\s+will\s+be|\s+is|'ll\s+be)\s+(?:home|here|around|in)\b|\b(?:house|flat|"
        r"apartment|place)(?:'s|\s+is|\s+will\s+be)\s+empty\b|\b(?:parents|mum|mom|dad|everyone|they|folks)(?:\s+are|'re|"
        r"\s+is|'s)\s+(?:away|out|gone|asleep)\b|\bafter\s+(?:everyone|they|he|she)(?:'s|\s+is|\s+are|'re)\s+"
        r"(?:asleep|gone)\b|\bhome\s+alone\b|\b(?:he's|she's|they're)\s+away\s+(?:this|for|till|until)\b",
    ),
    # a place reached or a drop in sight
    CueSpec(
        "here_now",
        r"\b(?:i'm|i\s+am)\s+(?:here|there)\s+now\b|\bup\s+here\b|\bnobody\s+else\s+(?:up\s+)?here\b|\blooking\s+down\b|"
        r"\bone\s+last\s+look\b|\b(?:i'm|i\s+am)\s+(?:on\s+the\s+edge|at\s+the\s+top)\b",
    ),
    # ...and what a later short message can then mean: done, in hand, feeling the drug, passing a message on
    CueSpec(
        "took",
        r"\b(?:took|taken|swallowed)\s+(?:them|it|all|the\s+lot|every|the\s+whole)\b|\b(?:going|getting|everything(?:'s|"
        r"\s+is))\s+(?:blurry|dark|fuzzy|numb)\b|\beverythings\s+going\b|\bi\s+have\s+enough\b|\bcan't\s+keep\s+my\s+eyes\s+open\b|\b(?:it's|"
        r"its)\s+in\s+(?:my\s+hand|the\s+(?:closet|car|bag))\b|\bin\s+my\s+hand\s+now\b|\bready\b",
    ),
    CueSpec(
        "relay",
        r"\btell\s+(?:my\s+)?\w+\s+(?:that\s+)?(?:i\s+love|i'm\s+sorry|sorry)\b|\bsay\s+sorry\s+to\b|\bsorry\s+for\s+"
        r"(?:wasting\s+your\s+time|everything|being\s+a\s+burden)\b|\bbye\b|\bi\s+love\s+you\s+all\b",
    ),
    CueSpec(
        "when",
        r"\b(?:tonight|tomorrow|friday|saturday|sunday|monday|tuesday|wednesday|thursday|this\s+weekend|later)\s+then\b|"
        r"\bthen\s+(?:tonight|tomorrow)\b|\bafter\s+(?:everyone|they|he|she)(?:'s|\s+is|\s+are|'re)?\s+(?:asleep|gone|"
        r"leaves|left)\b|\bit'd\s+be\s+easy\b",
    ),
    CueSpec(
        "closing",
        r"\bclos(?:e|ing)\s+(?:a|the)\s+book\b|\bend\s+my\s+story\b|\b(?:final|last)\s+chapter\b|\bfinished\s+the\s+last\b",
    ),
    # a self-harm habit, a streak of not doing it; then "again", "it's back", "relapsed"
    CueSpec(
        "sh_context",
        r"\b(?:cutting|cut\s+myself|self[-\s]?harm\w*|hurting\s+myself|burning\s+myself|the\s+urges?|relaps\w*|"
        r"\d+\s+(?:days?|weeks?|months?)\s+clean|clean\s+for|stop\s+cutting|still\s+have\s+the\s+(?:blades?|razors?)|"
        r"blade's\s+in)\b",
    ),
    CueSpec(
        "again",
        r"\bagain\b|\bit's\s+back\b|\bnot\s+anymore\.?\s+(?:last\s+night|today|yesterday|this\s+morning)\b|"
        r"\b(?:staring|looking)\s+at\s+the\s+\w+|\b(?:sharpener|compass)\b|\b(?:they're|it's)\s+(?:really\s+)?bad\b|\brelaps\w*|\bslipped\b|\bdid\s+it\b|\bthe\s+urge\b|\bgetting\s+"
        r"(?:louder|worse|stronger)\b|\bon\s+my\s+(?:wrists?|arms?|thighs?|legs?|stomach|hips?)\b|\bjust\s+sitting\s+there\b",
    ),
    # someone violent at home; then he is back, he did it again, an injury
    CueSpec(
        "abuser",
        r"\b(?:came|comes|got|is|gets)\s+home\s+(?:drunk|angry|wasted)\b|\b(?:he|she)(?:'s|\s+is|\s+was)\s+(?:drunk|wasted)\b|"
        r"\bbroke\s+my\s+(?:door|phone|arm|nose|things)\b|\b(?:stepdad|stepfather|he)\s+is\s+home\s+again\b|"
        r"\bi'll\s+get\s+it\s+worse\b|\b(?:he|she)(?:'ll|\s+will|'d|\s+would)\s+kill\s+me\b|\b(?:cleaning|loading|holding)\s+"
        r"his\s+gun\b",
    ),
    CueSpec(
        "abuse_now",
        r"\bhe\s+did\s+it\s+again\b|\bhear\s+(?:him|her)\b|\b(?:he's|she's)\s+(?:home|back|coming)\b|\bcoming\s+up\s+the\s+"
        r"stairs\b|\b(?:lip|nose|eye|face)(?:'s|\s+is)?\s+(?:split|bleeding|swollen|busted)\b|\bsplit\s+lip\b|\bblack\s+eye\b|"
        r"\btook\s+my\s+(?:car\s+)?(?:keys|phone|charger)\b|\block(?:ed)?\s+me\s+in\b|\bbanging\s+on\b|\bkicking\s+the\s+door\b|"
        r"\byelling\b|\bgoing\s+to\s+regret\b|\bthe\s+belt\b|\bit's\s+happening\s+again\b|\bhiding\s+in\b",
    ),
    # a death named; then wanting to be with them, envy of the dead
    CueSpec(
        "bereaved",
        r"\b(?:died|passed\s+(?:away|on|in\s+\w+|last\s+\w+|recently)|funeral|killed\s+in|was\s+killed)\b",
    ),
    CueSpec(
        "join",
        r"\b(?:be|go)\s+(?:with|where|wherever)\s+(?:her|him|she|he)\b|\bwhere(?:ver)?\s+(?:she|he)\s+is\b|\b(?:lucky|jealous|envious)\b|\bi\s+envy\b|"
        r"\bwant\s+what\s+(?:she|he|they)\s+(?:has|have|had|got)\b|\bgot\s+out\s+early\b|\bjoin\s+(?:her|him)\b|\bsee\s+"
        r"(?:her|him)\s+(?:again\s+)?soon\b|\bwish\s+it\s+(?:was|were|had\s+been)\s+me\b",
    ),
    # a brush with death or an illness being tested; then a wish that it were so
    CueSpec(
        "deathish",
        r"\b(?:almost|nearly)\s+(?:died|drowned|got\s+killed)\b|\b(?:didn't|didnt|did\s+not|never)\s+wake\s+up\b|"
        r"\b(?:scan|tests?|biopsy|results?|doctor|doc)\b.{0,60}\b(?:serious|cancer|tumou?r|malignant|terminal)\b|"
        r"\b(?:serious|cancer|tumou?r|malignant|terminal)\b.{0,60}\b(?:scan|tests?|biopsy|results)\b",
    ),
    CueSpec(
        "wish_it",
        r"\b(?:hopes?|hoping)\s+it\s+(?:is|was|does|will)\b(?!\s+(?:not|nothing|fine|ok|okay|good|benign|negative|clear|"
        r"alright|just))|\bwish\s+it\s+(?:was|were|had\s+been)\s+(?:real|true)\b|\b(?:wouldn't|won't)\s+(?:even\s+)?mind\s+"
        r"if\s+it\s+(?:is|was)\b|\bpart\s+of\s+me\s+(?:hopes|wants|wishes)\b",
    ),
    # after thoughts of suicide: "that's what I meant", "every day now", "I mean it"
    CueSpec(
        "affirm",
        r"\b(?:that's|that\s+is|thats)\s+what\s+i\s+(?:mean|meant)\b|\bevery\s+(?:single\s+)?(?:day|night)\b|\b(?:worse|"
        r"louder|stronger)\b|\bmore\s+(?:often|and\s+more)\b|\bagain\b|\bit's\s+back\b|\bthey've\s+been\s+there\b",
    ),
    # a blade picked up: self-harm now (same message)
    CueSpec("blade_in_hand", r"\b(?:picked\s+up|holding|got\s+out)\s+(?:the|a|my)\s+(?:blade|razor)\s+again\b"),
    # a harmless activity that explains heights, jumps and goodbyes (cliff diving, a hike, a move)
    CueSpec(
        "leisure",
        r"\b(?:hik(?:e|ed|ing)|summit|climb(?:ed|ing)|lake|swim\w*|pool|cliff\s+(?:diving|jump\w*)|diving|bungee|"
        r"skydiv\w*|parachut\w*|trampoline|everyone\s+did\s+it|the\s+view|packing|the\s+move|moving\s+(?:out|house|day)|kitchen\s+knife|cooking|dinner|recipe|headache|migraine|a\s+cold|the\s+flu|fever|"
        r"cramps|allerg\w+)\b",
    ),
    CueSpec(
        "euphemism",
        r"\bnot\s+(?:being|be)\s+around\b|\bnot\s+(?:being\s+)?here\s+anymore\b|\bso\s+i'm\s+not\s+around\b|"
        r"\bending\s+(?:your|my)\s+own\s+life\b|\bthink(?:ing)?\s+about\s+doing\s+it\b",
    ),
    CueSpec(
        "mean_it",
        r"\bi\s+(?:actually\s+|really\s+|do\s+|truly\s+)?mean\s+it\b|\bfor\s+real\b|\bwhen\s+i\s+say\s+it\b|\bi(?:'m|\s+am)\s+"
        r"talking\s+about\s+(?:me|myself)\b|\bi\s+mean(?:t)?\s+(?:me|myself)\b",
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
    r"(?:him|her|them|you|someone|somebody|people|everyone|everybody|the\s+(?:people|kids|guy|girl|man|woman|kid|boy|person|teacher|bully)|"
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

_VEHICLE = (
    r"(?:\w+\s+)?(?:car|cars|bus|truck|lorry|train|plane|flight|divider|taxi|van|meteor|asteroid|lightning|tree|drunk\s+driver|"
    r"driver|building|roof|piano|brick|wave|shark|bullet)"
)
_ILLNESS = (
    r"(?:(?:\w+\s+){0,2}?(?:terminal|fatal|incurable|deadly)\s+(?:\w+\s+)?(?:illness|disease|diagnosis|cancer|condition)|"
    r"cancer|a\s+tumou?r|something\s+(?:worse|serious|fatal|terminal|incurable)|"
    r"(?:this|the|my)\s+(?:fever|flu|cough|infection|lump|biopsy|scan|illness|virus|covid|bug)\s+(?:\w+\s+){0,3}?"
    r"(?:turns?\s+into\s+something|comes?\s+back\s+(?:bad|positive|malignant)|is\s+(?:cancer|terminal|serious|"
    r"the\s+end)|takes?\s+me|kills?\s+me|gets?\s+worse))"
)
_FATE = r"(?:something|it|the\s+universe|god|fate|death)"
_FATAL_EVENT = (
    r"\b(?:hits?|hit|hitting|runs?\s+(?:me\s+)?over|ran\s+me\s+over|crash(?:es|ed)?|goes\s+down|went\s+down|go\s+down|"
    r"falls?\s+on|fell\s+on|kills?\s+me|killed\s+me|takes?\s+me\s+(?:out|away)|took\s+me|takes?\s+us\s+down|"
    r"wouldn't\s+stop|won't\s+stop|doesn't\s+stop|didn't\s+stop|does\s+not\s+stop|would\s+not\s+stop|"
    r"crush(?:es|ed)?\s+me|(?:ploughed|plowed|slammed|smashed|drove|crashed|ran)\s+into\s+me|ends?\s+it|ended\s+it|strikes?\s+me|get\s+me|gets\s+me|me\s+out|me\s+away)\b"
)
_WELCOME = (
    r"\b(?:(?:wouldn't|would\s+not|won't|will\s+not|not)\s+(?:even\s+)?(?:be\s+)?(?:that\s+|too\s+|very\s+)?"
    r"(?:mind|mad|upset|care|sad|bothered|complain|fight\s+it|sorry)|(?:i'd|i\s+would|i'll|i\s+will|i'd\s+honestly|"
    r"honestly)\s+(?:\w+\s+)?be\s+(?:fine|relieved|okay|ok|glad|happy|grateful|thankful|at\s+peace)|"
    r"(?:relief|relieved|a\s+blessing|grateful|thankful)|be\s+(?:fine|relieved|okay|ok|glad|happy))\b"
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
        r"do\s+not|will\s+not|wouldn't|didn't)\s+(?:ever\s+)?wake\s+up\b(?!\s+(?:late|early|on\s+time|in\s+time|before|until|till|at\s+\d|with\s+a|to\s+(?:my|the|an?)\s+(?:alarm|phone|kids?|dog|noise)))",
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
        r"\b(?:relapsed|slipped\s+up)\s+(?:and|&)\s+(?:cut|burned|burnt|hurt\s+myself|self[- ]harmed)\b|(?<!power\s)(?<!paper\s)(?<!hair\s)\bcut\s+"
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
        r"(?:don't|won't|never|do\s+not|will\s+not|wouldn't|didn't)\s+(?:ever\s+)?wake\s+up\b(?!\s+(?:late|early|on\s+time|in\s+time|before|until|till|at\s+\d|with\s+a|to\s+(?:my|the|an?)\s+(?:alarm|phone|kids?|dog|noise)))|\bwhat(?:'s|\s+is)\s+(?:even\s+)?"
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
        r"(?:overdose|hang\s+myself|jump(?!\s+(?:on|onto|over|up|in|into\s+the\s+(?:pool|water|lake)|the|a|across|higher|"
        r"rope|start))|drown\s+myself|slit\s+my|cut\s+my\s+wrists?))\b|"
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
        r"(?:kill\s+(?:me|someone|a\s+person|you)|die|damage\s+(?:your|my|the)\s+liver|be\s+(?:fatal|lethal|deadly|enough\s+to\s+die)|overdose|not\s+"
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
        r"(?:note|letter)|goodbye\s+(?:note|letter|letters|notes)|last\s+(?:letter|note|words))\b"
        r"(?!\s+to\s+(?:the\s+|my\s+|a\s+)?(?:\w+\s+){0,2}?(?:version|self|part|side|habit|job|school|city|town)\b)|"
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
        "self_harm", "high", r"\bself[- ]?harm(?:ing|ed|s)?\b(?!\s+(?:posts?|content|datasets?|detection|classifier|research|"
        r"awareness|prevention|resources|hotline|training|polic(?:y|ies)|module|workshop|parts?|scenes?|themes?|warnings?))|\bself[- ]?injur(?:y|e|ing|ed)\b|\bself[- ]?mutilat\w*"
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
    # --- round 5: concept families written for unseen wordings ---
    # A fatal event wished for or welcomed: a vehicle, a crash, a fall, an illness that "takes me".
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b(?:hope|hopes|hoped|hoping|pray|prayed|praying|wish|wished|wishing|want|wanted)\s+(?:that\s+)?"
        rf"(?:{_VEHICLE}|{_ILLNESS}|{_FATE})(?:(?!\b(?:doesn't|don't|didn't|won't|never|not)\s+(?!stop)\w)[^.!?\n]){{0,50}}?{_FATAL_EVENT}|"
        rf"\b(?:hope|hoped|hoping|pray|prayed|praying|wish|wished|wishing)\s+(?:that\s+)?(?:i\s+)?(?:\w+\s+){{0,2}}?"
        rf"(?:get|got|getting|catch|develop|have|had)\s+(?:\w+\s+){{0,2}}?{_ILLNESS}",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\bif\s+(?:a|the|my|some|this|that)\s+{_VEHICLE}[^.!?\n]{{0,40}}?{_FATAL_EVENT}[^.!?\n]{{0,40}}?{_WELCOME}|"
        rf"{_WELCOME}[^.!?\n]{{0,30}}?\bif\s+(?:a|the|my|some|this|that)\s+{_VEHICLE}[^.!?\n]{{0,40}}?{_FATAL_EVENT}|"
        rf"\bif\s+i\s+(?:just\s+|simply\s+)?(?:didn't|did\s+not|don't|never|wouldn't|won't|couldn't)\s+(?:\w+\s+)?"
        rf"(?:wake\s+up|make\s+it|survive|come\s+back)[^.!?\n]{{0,40}}?{_WELCOME}|"
        rf"{_WELCOME}[^.!?\n]{{0,20}}?\bif\s+i\s+(?:just\s+|simply\s+)?(?:didn't|did\s+not|don't|never|wouldn't|won't)\s+"
        r"(?:\w+\s+)?(?:wake\s+up|make\s+it|survive|come\s+back)\b|"
        rf"\b(?:nice|good|better|fine|easier|relief|relieved|okay|ok)\s+if\s+i\s+(?:just\s+|simply\s+)?(?:didn't|did\s+not|"
        r"don't|never|wouldn't|won't)\s+(?:\w+\s+)?(?:wake\s+up|make\s+it|survive|come\s+back)\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b(?:{_ILLNESS}|might\s+be\s+(?:cancer|serious|terminal|fatal)|could\s+be\s+(?:cancer|terminal|fatal))"
        r"[^.!?\n]{0,40}?\b(?:relief|relieved|glad|hoping|hoped|excited|finally)\b",
        subject="self",
        negatable=False,
    ),
    # Sleep, closing the eyes, logging off: and not coming back.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:sleep|fall\s+asleep|go\s+to\s+bed|close\s+my\s+eyes|log\s+off|leave|drift\s+off)\s+(?:and|&)[\s.,]+"
        r"(?:(?:just|simply|then|maybe|really)[\s.,]+){0,2}(?:not|never)\s+(?:come\s+back|return|wake|open\s+them|be\s+back)\b|"
        r"\bclose\s+my\s+eyes\s+(?:and\s+)?(?:\w+\s+){0,2}?(?:hope|hoping|pray|praying|wish)\s+(?:that's|that\s+is|it's|"
        r"this\s+is)\s+(?:it|the\s+end)\b|"
        r"\b(?:log\s+off|logout|log\s+out|disappear|vanish|go\s+to\s+sleep|fall\s+asleep|check\s+out|be\s+gone|stop)"
        r"[\s.,]+(?:(?:like|just|and)[\s.,]+){0,2}(?:permanently|forever|for\s+good|for\s+ever)\b",
    ),
    # Envy of the dead, survivor's wish, wanting to be with someone who died.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:envy\w*|envious\s+of|jealous\s+of|jealous\s+that|lucky|luckier)\b[^.!?\n]{0,40}?\b(?:who|that|they|he|she|"
        r"people|ppl|the\s+dead)\b[^.!?\n]{0,25}?\b(?:die|died|dies|dying|dead|passed|get\s+to\s+(?:die|go|leave|rest)|"
        r"got\s+to\s+(?:die|go|leave|rest)|at\s+peace|gone)\b|"
        r"\b(?:envy|envious\s+of|jealous\s+of)\s+(?:the\s+dead|dead\s+people|(?:my\s+)?(?:late|dead)\s+\w+)\b|"
        r"\b(?:envy\w*|envious\s+of|jealous\s+of)\s+(?:my\s+)?(?:\w+\s+){0,4}?\w+[.!,]+\s+(?:she|he|they)\s+(?:\w+\s+){0,2}?(?:doesn't|don't|"
        r"didn't|won't|got\s+to|gets\s+to|get\s+to)\s+(?:have\s+to\s+)?(?:deal|suffer|leave|rest|feel|go\s+through|"
        r"be\s+here|wake\s+up)\b|"
        r"\b(?:died|dead|passed|at\s+peace|crash|killed)\b[^\n]{0,60}?\b(?:lucky\s+(?:them|him|her|bastards?)|"
        r"(?:lucky|jealous)[.!,]*\s+i\s+want\s+that)\b",
        subject="self",
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:should\s+have|should've|shoulda|could\s+have|could've|wish\s+it\s+had|why\s+(?:couldn't|didn't|wasn't)\s+it)"
        r"\s+(?:it\s+)?(?:have\s+)?been\s+me\b|\b(?:wish|wished)\s+(?:it|that)\s+(?:was|were|had\s+been)\s+me\b|"
        r"\bwish\s+i\s+(?:had\s+)?died\s+(?:instead|too|with|in)\b|\bwhy\s+(?:did\s+)?i\s+surviv\w*",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:want|wanna|wish|wishing|long|longing|need|all\s+i\s+want\s+is|just\s+want)\s+(?:is\s+)?(?:to\s+)?"
        r"(?:be\s+with|join|see|go\s+to|follow|hold)\s+(?:him|her|them|my\s+(?:\w+\s+)?\w+|grandma|grandpa|nan|mom|dad)\s+"
        r"(?:again)?[\s.,]*(?:wherever|in\s+heaven|up\s+there|on\s+the\s+other\s+side|where\s+(?:s?he|they)\s+(?:is|are|went))|"
        r"\b(?:want|wanna|wish|need|just\s+want)\s+(?:is\s+)?(?:to\s+)?go\s+(?:to\s+)?where\s+(?:s?he|they|my\s+\w+)\s+"
        r"(?:is|are|went|has\s+gone)\b|"
        r"\b(?:died|passed|gone|lost|death|funeral|grave|since\s+(?:my|he|she))\b[^\n]{0,80}?\b(?:want|wanna|wish|"
        r"long|need)\s+(?:is\s+)?(?:to\s+)?be\s+with\s+(?:him|her|them|my\s+\w+)\s+again\b|"
        r"\b(?:want|wanna|wish|long|need)\s+(?:is\s+)?(?:to\s+)?be\s+with\s+(?:him|her|them|my\s+\w+)\s+again\b"
        r"[^\n]{0,60}?\b(?:died|passed|gone|wherever|without\s+(?:him|her|them))\b",
    ),
    # Not being here, at all, permanently.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wish|wished|wishing)\s+(?:that\s+)?i\s+(?:just\s+)?(?:wasn't|weren't|was\s+not|were\s+not|didn't|could\s+not|"
        r"couldn't)\s+(?:be\s+)?(?:here|around|alive|exist|existed|born)\b|"
        r"\b(?:not|never)\s+(?:to\s+)?(?:be|being)\s+(?:here|around|alive)\s+(?:at\s+all|permanently|forever|for\s+good)\b|"
        r"\b(?:just\s+)?(?:wasn't|weren't)\s+(?:around|here|alive)\s+(?:anymore|any\s+more)\b",
        negatable=False,
    ),
    # Reckless passivity about dying: not looking when crossing, "if it happens it happens".
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:stopped|stop|don't|do\s+not|no\s+longer|quit)\s+(?:even\s+)?(?:looking|look|checking|check)\s+"
        r"(?:\w+\s+)?(?:both\s+ways|before\s+(?:i\s+)?cross\w*)\b|"
        r"\b(?:go\s+on\s+then|bring\s+it\s+on)[.!,]*\s+(?:take|kill|end)\s+(?:me|us)\b|"
        r"\btake\s+(?:me|us)\s+(?:out|down)\b(?=[^\n]{0,40}\b(?:please|already|pls)\b)",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:'d|would|had)\s+(?:much\s+|honestly\s+|literally\s+|really\s+)?rather\s+(?:be\s+dead|die|not\s+exist|not\s+"
        r"wake\s+up)\s+than\s+(?:keep|go\s+on|live|living|feel|feeling|continue|be\s+here|wake\s+up|spend\s+another|"
        r"face\s+another|another\s+day|exist|deal)\b",
    ),
    # Suicide slang and "it" as suicide.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bsuicide\s+(?:thoughts?|urges?|ideation|feelings?|plans?|brain|mode|thinking)\b|"
        r"\b(?:want|wanna|going|gonna|planning|plan|decided|ready|need)\s+to\s+(?:just\s+)?suicide\b",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bi(?:'m|'ll|'d|\s+am|\s+will)?\s+(?:(?!you\b|you're\b|your\b)\w+\s+){0,3}?kill\s+yourself\b"
        r"(?!\s+(?:if|when|for))",
        subject="self",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:want|wanna|need|going|gonna|ready|urge|about|decided|planning|thinking\s+about)\s+(?:to\s+)?"
        r"(?:just\s+|finally\s+|really\s+)?end\s+it\b(?!\s+(?:with|between|off|all\s+with|for\s+(?:him|her|them)))"
        r"(?![^.!?\n]{0,30}\b(?:relationship|him|her|them|boyfriend|girlfriend|bf|gf|partner|friendship|job|"
        r"contract|lease|game|season|call|chat|meeting|show)\b)|"
        r"\bhow\s+(?:i'd|i\s+would|i'll|i\s+will|i'm\s+going\s+to|i\s+could)\s+do\s+it\b|"
        r"\b(?:go|going|went|gone)\s+through\s+with\s+it\b(?=[^\n]{0,60}\b(?:think|thinking|thought|want|can't|"
        r"constantly|every|again)\b)|"
        r"\b(?:think|thinking|thought)\s+(?:\w+\s+){0,2}?about\s+doing\s+it\s+(?:constantly|all\s+the\s+time|every\s+"
        r"(?:day|night)|a\s+lot|more\s+and\s+more)\b|"
        r"\b(?:yank|yanking|jerk|jerking|swerve|swerving|turn|turning|steer|steering|drive|driving)\s+(?:the\s+)?"
        r"(?:wheel|car)\s+(?:\w+\s+){0,3}?(?:into|off)\s+(?:the\s+|a\s+)?(?:barrier|wall|tree|traffic|oncoming|bridge|"
        r"cliff|truck|river|guardrail|median|pole|lorry)\b",
    ),
    # Self-harm slang, relapse, hitting oneself, making oneself bleed.
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:relaps\w*\s+(?:on|into|with)|clean\s+(?:from|off)|urges?\s+to|want\s+to|wanting\s+to|did|do|doing|"
        r"stop|quit|started|start)\s+sh\b|\bsh\s+(?:urges?|thoughts?|again|relapse|scars?|cuts?|wounds?|marks?|habit|"
        r"is\s+back|free|clean)\b|"
        r"\brelaps\w*\b[^\n]{0,80}?\b(?:blade|razor|cut|cutting|cuts|scars?|bleed\w*|blood|(?:days|weeks|months)\s+clean)\b|"
        r"\b(?:blade|razor|cutting|(?:days|weeks|months)\s+clean)\b[^\n]{0,80}?\brelaps\w*|"
        r"\b(?:make|made|making)\s+myself\s+(?:bleed|bruise)\b|"
        r"\b(?:keep|kept|been|started|can't\s+stop|always|just)\s+(?:\w+\s+)?(?:punching|hitting|banging|slamming|"
        r"smashing)\s+(?:(?:the\s+)?walls?|my\s+(?:own\s+)?(?:head|face|fists?)|myself)\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\bcut\s+(?:\w+\s+)?deeper\s+than\b|\b(?:cut|sliced|slit)\s+(?:way\s+|really\s+|too\s+)?deep\b[^\n]{0,60}?"
        r"\b(?:bleed\w*|blood|stop)\b|"
        r"\b(?:took|swallowed|downed|taken)\s+(?:everything|all|every\s+\w+|whatever)\s+(?:\w+\s+){0,2}?(?:in|from|out\s+of)\s+"
        r"(?:the|my|our)\s+(?:\w+\s+)?(?:cabinet|drawer|cupboard|medicine|bottle|box|stash)\b|"
        r"\b(?:pills?|meds|tablets|they|it)\s+(?:are\s+|is\s+)?(?:kicking\s+in|starting\s+to\s+(?:work|kick\s+in))\b"
        r"(?=[^\n]{0,60}\b(?:scared|sleepy|dizzy|numb|heart|goodbye|bye|afraid|can't|cant|sorry)\b)",
        subject="self",
    ),
    # A means within reach and made ready: tested, loaded, the code known, counted, stockpiled.
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:rope|noose|belt|cord)\b[^\n]{0,60}?\b(?:tested|tied|tie|knot|beam|hook|held|holds|strong\s+enough)\b|"
        r"\b(?:tested|tied)\s+(?:the\s+)?(?:knot|beam|noose|rope)\b|"
        r"\bloaded\s+(?:my|the|his|her|a|dad's|dads|\w+'s)\s+(?:\w+\s+)?(?:gun|pistol|rifle|shotgun|revolver)\b|"
        r"\b(?:gun|pistol|rifle|shotgun|firearm|safe)\b[^\n]{0,80}?\b(?:i\s+know\s+(?:the|his|her|its)\s+(?:code|combination|"
        r"password|pin)|code\s+is\s+(?:my|his|her)|know\s+where\s+(?:he|she|they)\s+keeps?\s+the\s+key)\b|"
        rf"\b(?:buying|bought|getting|got|picked\s+up)\s+(?:\d+|two|three|four|another|more|a\s+few)\s+(?:more\s+)?(?:boxes|packs|"
        rf"packets|bottles)\s+(?:of\s+)?(?:\w+\s+)?{_DRUGS}?[^\n]{{0,60}}?\b(?:that's|thats|it's|now\s+i\s+have|makes)\s+"
        r"(?:\d+|\w+)\s+(?:now|total|in\s+total|boxes|packs)\b|"
        r"\b(?:i've|i\s+have|i)\s+(?:got|have|bought)\s+(?:everything|all\s+(?:the\s+stuff|i\s+need)|the\s+stuff)\s*"
        r"(?:i\s+need|ready|sorted)?[^\n]{0,60}?\b(?:tonight|tomorrow|friday|saturday|sunday|monday|tuesday|wednesday|"
        r"thursday|weekend|decided|when|while)\b|"
        r"\b(?:tonight|tomorrow|friday|saturday|sunday|monday|tuesday|wednesday|thursday|weekend|decided)\b[^\n]{0,80}?"
        r"\b(?:i've|i\s+have|i)\s+(?:got|have)\s+everything\s+i\s+need\b",
        subject="self",
    ),
    # A decision with a day or a time ("friday. i've decided").
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:i(?:'ve|\s+have)?\s+)?(?:decided|made\s+up\s+my\s+mind|my\s+mind\s+is\s+made\s+up)\s*[.!]"
        r"(?=[^\n]{0,80}\b(?:tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|when|"
        r"while|after|done|calm|calmer|peace|everything\s+i\s+need)\b)|"
        r"\b(?:tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)[.!,]+\s+(?:i(?:'ve|\s+have)?\s+)?"
        r"(?:decided|made\s+up\s+my\s+mind)\b|"
        r"\b(?:calmer|more\s+at\s+peace|more\s+peaceful)\s+than\s+i\s+have\s+(?:been\s+)?in\s+(?:months|years|ages|weeks)\b",
        subject="self",
    ),
    # At the edge: how high is high enough; the train that does not stop.
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:what|which|how\s+high\s+a|how\s+many)\s+(?:floor|floors|storey|storeys|story|stories|height|bridge|"
        r"building)\s+(?:\w+\s+){0,6}?(?:jump|high\s+enough|enough|fatal|to\s+die|make\s+sure|survive|kill|works?)\b|"
        r"\b(?:high|tall)\s+enough\s+(?:to\s+(?:die|kill|not\s+survive|be\s+fatal|make\s+sure)|that\s+i\s+wouldn't)\b|"
        r"\b(?:train|express|freight|the\s+\d+:\d+)\b[^\n]{0,30}?\b(?:doesn't|does\s+not|won't|wont)\s+stop\s+here\b|"
        r"\b(?:car|engine)\s+(?:is\s+)?running\b[^\n]{0,40}?\b(?:garage|door\s+(?:is\s+)?(?:shut|closed)|windows?\s+(?:up|"
        r"shut|closed)|hose)\b|\b(?:in|inside)\s+(?:my|the)\s+car\s+in\s+(?:the|a|my)\s+(?:closed\s+)?garage\s+with\s+"
        r"the\s+engine\s+(?:running|on)\b|\brunning\s+(?:the|my)\s+(?:car|engine)\s+in\s+(?:the|a|my)\s+(?:closed\s+)?garage\b",
    ),
    # Harm to others: picturing it, revenge with a weapon at hand.
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:picture|picturing|pictured|imagine|imagining|visuali[sz]e|visuali[sz]ing|fantasi[sz]e|fantasi[sz]ing|"
        r"thoughts\s+(?:of|about)|think\s+about|thinking\s+about|urges?\s+to)\s+(?:\w+\s+){0,2}?"
        rf"{_HARM_VERB}\s+(?:{_TARGET}|the\s+(?:\w+\s+)?(?:kid|boy|girl|guy|man|woman|person|teacher|boss|coworker|"
        r"roommate|neighbou?r))\b",
        concern="others",
    ),
    RuleSpec(
        "harm_to_others",
        "imminent",
        r"\b(?:knife|gun|pistol|bat|weapon|blade|machete|crowbar)\b[^\n]{0,80}?\b(?:waiting\s+(?:outside|for)\s+(?:his|her|"
        r"their|him|them)|where\s+(?:he|she|they)(?:'ll|\s+will|\s+is\s+going\s+to)\s+be|not\s+getting\s+away|"
        r"make\s+(?:him|her|them)\s+pay)\b|"
        r"\b(?:make\s+(?:him|her|them)\s+pay|not\s+getting\s+away\s+with\s+it)\b[^\n]{0,80}?\b(?:knife|gun|pistol|bat|"
        r"weapon|blade|machete)\b",
        concern="others",
    ),
    # Violence, threats and control by someone the person lives with or knows.
    RuleSpec(
        "abuse",
        "high",
        rf"\b{_ABUSER}\s+(?:\w+\s+){{0,2}}?(?:grabs|grabbed|grabbing|squeezes|squeezed|chokes|choked|pins|pinned|holds|held)\s+"
        r"(?:me\s+by\s+)?my\s+(?:throat|neck|hair|wrists?|arms?|face)\b|"
        r"\b(?:has|got|'s\s+got|had)\s+me\s+by\s+(?:the|my)\s+(?:hair|throat|neck)\b|"
        r"\bif\s+i\s+(?:ever\s+)?(?:leave|left|tell|told|report|go\s+to\s+the\s+police|call\s+the\s+police)\b[^.!?\n]{0,40}?"
        r"\b(?:he|she|they)(?:'ll|\s+will|'d|\s+would|\s+is\s+going\s+to)\s+(?:\w+\s+){0,3}?(?:kill|hurt|find|beat|"
        r"take\s+the\s+kids)\b|"
        r"\b(?:post|share|send|leak|release|show)\s+(?:the|my|those|our|these)\s+(?:\w+\s+)?(?:videos?|pics|pictures|photos|"
        r"nudes)\s+(?:to\s+\w+\s+)?(?:if|unless)\s+i\b|"
        r"\block(?:s|ed|ing)?\s+(?:me\s+in|the\s+(?:\w+\s+)?door\s+from\s+(?:the\s+)?outside)\b|"
        r"\b(?:keeps|kept|started)\s+(?:showing\s+up|turning\s+up|waiting)\s+(?:outside|at)\s+my\s+(?:work|house|school|"
        r"apartment|flat|job|place|door)\b|"
        rf"\b{_ABUSER}\s+(?:keeps|kept|has\s+been|started)\s+(?:coming|sneaking|getting)\s+into\s+my\s+(?:room|bed)\b|"
        rf"\b{_ABUSER}\s+(?:\w+\s+){{0,2}}?(?:hits|beats|chokes|punches|kicks|slaps|strangles)\s+my\s+(?:mom|mum|mother|"
        r"sister|brother|little\s+\w+|siblings?|dad|father)\b|"
        r"\b(?:he|she|they)\s+(?:did\s+it|hit\s+me|went\s+off)\s+again\b[^\n]{0,60}?\b(?:my\s+(?:lip|eye|nose|face|arm)|"
        r"bruis\w*|bleeding|black\s+eye)\b",
        concern="abuse",
        subject="self",
    ),
    # God, the Lord, the universe "taking" the person; dying in one's sleep welcomed; the long sleep.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:god|lord|jesus|allah|universe|heaven|death)\b[^.!?\n]{0,30}?\b(?:take|takes|took|call|calls|come\s+for)\s+"
        r"me\b(?!\s+(?:to\s+(?:the|a|church|school|work|see)|out\s+(?:to|for)|for\s+a|back|on\s+a))|"
        r"\bif\s+i\s+(?:just\s+)?(?:die|died|pass|passed|went|go)\b[^.!?\n]{0,50}?(?:" + _WELCOME + r"|easier|more\s+easy|"
        r"(?:don't|wouldn't|won't)\s+(?:need|have)\s+to)|"
        r"\b(?:hope|hoping|wish|pray|praying)\s+(?:that\s+)?(?:\w+\s+){0,2}?(?:my\s+)?heart\s+(?:\w+\s+)?(?:gives?\s+out|stops?)\b|"
        r"\bif\s+(?:the\s+|my\s+)?(?:heart|body|something|death|it)\s+(\w+)(?:\s+out)?,?\s+(?:then\s+)?it\s+\1\b"
        r"(?=[^\n]{0,60}\b(?:welcome|fine|mind|care|ready|tired|done|whatever)\b)|"
        r"\b(?:wish|wished)\s+i\s+(?:just\s+)?(?:hadn't|had\s+not|didn't|never)\s+(?:woken|woke|wake)\s+up\b|"
        r"\b(?:long|big|eternal|endless|forever)\s+sleep\s+(?:sounds|seems|looks|feels)\s+(?:\w+\s+)?(?:nice|good|great|"
        r"peaceful|appealing|tempting|lovely|inviting)\b|"
        r"\b(?:wouldn't\s+mind|want\s+to|wanna|thinking\s+(?:about|of)|ready\s+to|considering)\s+check(?:ing)?\s+out\s+"
        r"(?:early|for\s+good|permanently|of\s+(?:life|this))\b|"
        r"\b(?:wouldn't|would\s+not)\s+be\s+the\s+worst\s+thing\s+if\s+(?:a|i|the|something|it)\b|"
        r"\ba\s+(?:fall|crash|accident|heart\s+attack|stroke|car\s+crash)\s+would\s+(?:\w+\s+)?(?:sort|solve|fix|end)\b|"
        r"\brather\s+be\s+(?:wherever|where)\s+(?:s?he|they|my\s+\w+)\s+(?:is|are)\b|"
        r"\b(?:hospice|dying|died|dead|grave|passed)\b[^\n]{0,160}?\bswap\s+places\s+with\b|"
        r"\b(?:died|dead|passed|gone|grave)\b[^\n]{0,60}?\b(?:she's|he's|they're|she\s+is|he\s+is)\s+the\s+lucky\s+one\b|"
        r"\b(?:insurance|policy)\s+would\s+pay\s+(?:out|off)\b[^.!?\n]{0,50}?\bif\s+i\s+(?:was|were|died|wasn't|weren't)\b|"
        r"\b(?:hope|hoped|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,40}?\b(?:cancer|scan|biopsy|tests?|results?|lump|"
        r"tumou?r|illness|disease|diagnosis|it)\b[^.!?\n]{0,40}?(?<!not\s)(?<!n't\s)\b(?:bad|serious|something\s+(?:bad|"
        r"wrong|serious)|malignant|terminal|decision\s+for\s+me|way\s+out|takes?\s+me|kills?\s+me|finish\s+me)\b|"
        r"\bif\s+i\s+(?:\w+\s+){0,3}?(?:caught|catch|got|get)\s+something\b[^.!?\n]{0,20}?\b(?:took|takes|take)\s+me\b",
        negatable=False,
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:think\w*|consider\w*|tempted|want\w*|wanna)\s+(?:about\s+|of\s+|to\s+)?tak(?:e|ing)\s+the\s+(?:easy|"
        r"coward's|cowards|quick|only)\s+way\s+out\b|"
        r"\bfinish(?:ing)?\s+(?:my\s+(?:own\s+)?life|myself|my\s+existence)\b|"
        r"\btak(?:e|ing)\s+myself\s+out\s+(?:of\s+(?:the\s+)?(?:equation|picture|world|game)|permanently|for\s+good)\b|"
        r"\b(?:ways?|methods?|how)\s+(?:to\s+)?(?:not\s+be\s+(?:here|alive|around)|stop\s+existing|stop\s+being\s+alive)\b|"
        r"\b(?:think|thinking|thought)\s+(?:\w+\s+){0,3}?about\s+(?:ending\s+it|not\s+coming\s+(?:home|back)\s*,?\s*ever)\b"
        r"(?!\s+with)|"
        r"\bwhen\s+(?:she|he|they|my\s+\w+)\s+(?:goes|dies|is\s+gone|passes|die)\s*,?\s+(?:so\s+do\s+i|i\s+go\s+(?:too|with)|"
        r"i'm\s+going\s+too|i'm\s+(?:gone|done)|i\s+follow|so\s+will\s+i)\b",
    ),
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:going\s+to|gonna|i'll|want\s+to|wanna|could)\s+put\s+(?:him|her|them|\w+)\s+in\s+(?:the\s+)?(?:hospital|"
        r"a\s+coma|the\s+ground|a\s+grave|a\s+wheelchair|the\s+morgue)\b|"
        rf"\b(?:run|running|ran)\s+{_TARGET}\s+over\b|"
        r"\b(?:flashes|thoughts|images|pictures|urges?|visions|picture|picturing|imagine|imagining)\s+(?:of|about)?\s*"
        r"(?:\w+\s+){0,2}?(?:shaking|throwing|dropping|drowning|smothering|suffocating|hurting|stabbing|strangling)\s+"
        r"(?:her|him|them|the\s+baby|my\s+baby|my\s+(?:son|daughter|kid|child))\b",
        concern="others",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:said|says|told\s+me|threatened|swore|swears)\s+(?:that\s+)?(?:he|she|they)(?:'d|'ll|\s+would|\s+will)\s+"
        r"(?:\w+\s+){0,2}?(?:kill|hurt|beat)\s+me\s+if\s+i\s+(?:\w+\s+){0,2}?(?:tell|told|leave|left|report|call|go|talk)\b|"
        r"\b(?:makes|made|forces|forced|pressures|pressured)\s+me\s+(?:to\s+)?(?:have\s+sex|sleep\s+with|do\s+sexual)\b|"
        r"\b(?:dad|father|mum|mom|mother|stepdad|stepmom|husband|boyfriend|partner|uncle)\s+(?:hit|hits|beat|beats|whipped|"
        r"whips|belted)\s+me\s+with\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:punch|punching|hit|hitting|bang|banging|slam|slamming)\s+(?:\w+\s+){0,3}?(?:walls?|my\s+(?:own\s+)?(?:head|face))"
        r"[^.!?\n]{0,40}?\bwhen(?:ever)?\s+i\s+(?:get|feel|am|'m)\b|"
        r"\bdid\s+(?:the\s+thing|it)\s+with\s+(?:the|a|my)\s+(?:razor|blade|knife|lighter)\b|\b(?:razor|blade)s?\s+again\b",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:drank|drink|drunk|swallowed|took|taken|downed)\s+(?:the\s+|some\s+|a\s+bottle\s+of\s+|a\s+cup\s+of\s+)?"
        r"(?:pesticide|poison|bleach|antifreeze|weed\s*killer|rat\s+poison|paraquat|insecticide)\b|"
        r"\b(?:bye|goodbye|sorry|forgive\s+me)\b[^\n]{0,30}?\bi\s+(?:just\s+|already\s+)?(?:took|swallowed|downed)\s+"
        r"(?:the|all\s+the|my|them|those|these|all)\b|"
        r"\bi\s+(?:just\s+|already\s+)?(?:took|swallowed|downed)\s+(?:the|all\s+the|my|them|those|these|all)\s+(?:\w+\s+)?"
        rf"(?:{_DRUGS})?[^\n]{{0,40}}?\b(?:bye|goodbye|sorry|tell\s+my|don't\s+tell|too\s+late|it's\s+done)\b",
        subject="self",
    ),
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:gun|pistol|revolver|rifle|shotgun)\b[^\n]{0,40}?\b(?:in\s+my\s+(?:lap|hand|hands|mouth)|next\s+to\s+me|"
        r"on\s+the\s+(?:kitchen\s+)?(?:table|bed|desk)|it's\s+loaded|is\s+loaded|cartridges|ammo|bullets|shells)\b"
        r"(?![^\n]{0,40}\b(?:hunting|range|season|licen[cs]e|clean\w*)\b)|"
        rf"\b(?:putting|put|set|setting|squirrel\w*|hiding|hid)\s+(?:my\s+|some\s+|the\s+)?(?:\w+\s+)?{_DRUGS}\s+aside\b|"
        rf"\b{_DRUGS}\b[^\n]{{0,120}}?\b(?:got\s+what\s+i\s+need|lined\s+up|laid\s+out|counted\s+(?:out|them))\b|"
        r"\bhose\b[^\n]{0,80}?\b(?:garage|exhaust|window)\b|"
        r"\b(?:picked|chosen|chose|found|scouted)\s+(?:out\s+)?(?:the|a|my)\s+(?:exact\s+|perfect\s+)?(?:spot|place|location)\b"
        r"[^\n]{0,60}?\b(?:nobody|no\s+one|noone|won't\s+be\s+found)\b|"
        r"\b(?:i\s+know|i've\s+picked|i've\s+chosen)\s+which\s+(?:bridge|building|cliff|spot|tree|car\s+park|floor)\b",
        subject="self",
    ),
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:made|make)\s+my\s+decision\s*[.!]|"
        r"\bdecided\s+(?:that\s+)?it(?:'ll|\s+will|\s+is\s+going\s+to)\s+be\s+(?:on\s+)?(?:tonight|tomorrow|monday|tuesday|"
        r"wednesday|thursday|friday|saturday|sunday|this\s+weekend|next\s+week)\b|"
        r"\bdecided\s+on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight)\s*[.!]|"
        r"\b(?:going\s+to|gonna|i'll|will)\s+drive\s+(?:the\s+car\s+|my\s+car\s+)?(?:straight\s+|right\s+)?(?:in|into\s+(?:the\s+)?"
        r"(?:water|lake|river|reservoir|sea|canal|quarry))\b",
        subject="self",
    ),
    # Someone finding the body; the last time, known only to the speaker; envy said by the speaker of the dead.
    RuleSpec(
        "preparation",
        "moderate",
        r"\b(?:the\s+one|someone|the\s+person|who(?:ever)?)\s+(?:who|to|that)?\s*finds?\s+me\b|\bfind\s+my\s+body\b|"
        r"\b(?:doesn't|don't|didn't)\s+know\s+(?:it\s+was|it's|this\s+is|that\s+was)\s+the\s+last\s+time\b|"
        r"\b(?:my\s+first\s+(?:thought|feeling|reaction)\s+was|i\s+was\s+(?:just\s+)?like|i\s+(?:keep\s+)?think(?:ing)?)"
        r"[\s.,'\"]*(?:lucky|jealous)\b(?!\s+(?:me|us|you|to\s+(?:have|be|get)))|"
        r"\b(?:she's|he's|they're|she\s+is|he\s+is)\s+the\s+lucky\s+one\b(?=[^\n]{0,60}\b(?:deal|anymore|rest|peace|suffer)\b)|"
        r"\bi\s+know\s+the\s+(?:exact\s+)?spot\b|"
        r"\b(?:swerv\w*|veer\w*|yank\w*|jerk\w*|steer\w*)\s+(?:the\s+wheel\s+|the\s+car\s+)?(?:\w+\s+){0,2}?into\s+(?:the\s+|a\s+)?"
        r"(?:barrier|divider|wall|tree|oncoming|traffic|truck|lorry|median|pole|guardrail|pillar|central\s+reservation)\b"
        r"(?=[^.!?\n]{0,30}\b(?:on\s+purpose|it's\s+getting|getting\s+louder|keeps?\s+happening)\b)",
        subject="self",
        negatable=False,
    ),
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
        r"\b(?:can't|cannot)\s+keep\s+(?:doing|living\s+like)\s+this\b|"
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
    "death": r"\b(?:(?:get|be|got)\s+killed|die|dies|dying|died|death|dead)\b(?!\s+(?:tired|serious|end|set|last|wrong|center|centre|ringer|"
    r"line|battery|heat|silence|giveaway|easy|simple|beat|broke|zone|weight|on|body|metal|star|note|sea|inside|for|of|"
    r"laughing|trying)\b)",
    # Death as relief or welcome: the words alone say it.
    "deathwish": r"\bdeath\s+(?:doesn't|does\s+not|no\s+longer)\s+(?:scare|frighten)|\bdeath\s+(?:feels|seems|sounds|"
    r"looks|would\s+be)\s+(?:like\s+)?(?:a\s+|the\s+)?(?:only\s+)?(?:relief|peace|peaceful|escape|way\s+out|answer|"
    r"rest|release|mercy|gift|better|easier|kinder|nice)|\b(?:welcome|embrace|long\s+for|crave|craving|longing\s+for)\s+"
    r"death\b|\b(?:peace|relief|rest|release)\s+(?:of|in)\s+death\b|\bready\s+to\s+die\b|\bdeserve\s+to\s+die\b|"
    r"\bshould\s+(?:just\s+)?(?:die|be\s+dead)\b|\bshouldn't\s+(?:even\s+)?(?:be\s+alive|exist|still\s+be\s+(?:here|alive))\b|\bmight\s+as\s+well\s+(?:die|be\s+dead)\b",
    # Ending one's own life (C-SSRS active thoughts).
    "active": r"\b(?:kill(?:s|ed|ing)?|end(?:s|ed|ing)?|off(?:ed|ing)?|hang(?:ed|ing)?|shoot(?:ing)?|drown(?:ed|ing)?|"
    r"poison(?:ed|ing)?|gas(?:sed|sing)?)\s+myself\b|\bend(?:s|ed|ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life|"
    r"everything\s+for\s+good|my\s+existence|my\s+suffering\s+for\s+good)\b|\btak(?:e|es|ing)\s+my\s+(?:own\s+)?life\b|"
    r"\bcommit(?:ted|ting)?\s+suicide\b|\bnot\s+survive\s+the\s+(?:night|week|weekend)\b|"
    r"\b(?:delete|deleting|deleted|erase|erasing)\s+myself\b|\bself[-\s]?delet\w*|\b(?:want|wanna|going|gonna|about|ready)\s+"
    r"to\s+rope\b|\bpermanent\s+(?:solution|exit|way\s+out)\b|\bmake\s+it\s+(?:all\s+)?stop\s+(?:for\s+good|forever|"
    r"permanently)\b|\bend\s+(?:the|my|this)\s+pain\s+(?:for\s+good|forever|permanently)\b|\b(?:going\s+to|gonna|might|"
    r"scared\s+i'll|afraid\s+i'll|about\s+to|want\s+to)\s+do\s+something\s+(?:stupid|drastic|permanent)\b",
    # Not existing, not waking up, being gone; the words alone say it.
    "nonexist": r"\b(?:fade\s+out\s+of\s+existence|out\s+of\s+existence|cease\s+to\s+exist|stop(?:ped)?\s+existing|"
    r"(?:didn't|did\s+not|don't|do\s+not|not|never|no\s+longer)\s+(?:to\s+)?exist(?:ed)?|(?:wasn't|was\s+never|were\s+never|"
    r"hadn't\s+been|never\s+been)\s+born|(?:not|never|won't|wouldn't)\s+(?:\w+\s+){0,2}?(?:wake|waking)\s+up(?!\s+(?:early|"
    r"late|on\s+time|in\s+time|before|for|at|until|till|when|with))|(?:won't|never|not)\s+(?:\w+\s+)?open\s+my\s+eyes\s+again|(?:don't|do\s+not)\s+(?:want\s+to\s+)?wake\s+up(?!\s+(?:late|early|on\s+time|in\s+time|before|until|till|at\s+\d))|"
    r"sleep\s+forever(?!\s+(?:on|this|every|in\s+the|after|during|today|tomorrow|until))|eternal\s+sleep|(?:no\s+longer|not)\s+(?:be\s+)?(?:here|alive|around)\s+(?:anymore|any\s+more)|"
    r"(?:don't|do\s+not|no\s+longer)\s+want\s+to\s+(?:be\s+here|be\s+alive|live|exist|go\s+on|keep\s+going|keep\s+living|"
    r"be\s+around|carry\s+on)|(?:can't|cannot|can\s+not)\s+(?:go\s+on|keep\s+going|do\s+this)\s+(?:anymore|any\s+more|"
    r"much\s+longer)|(?:done|finished)\s+with\s+(?:life|living|everything|it\s+all)|tired\s+of\s+(?:living|being\s+alive|"
    r"existing|life)|no\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|go\s+on|going\s+on|be\s+alive|being\s+alive|"
    r"exist|existing|wake\s+up|waking\s+up)|(?:life|living|existing)\s+(?:is|feels)\s+(?:so\s+)?(?:pointless|meaningless|"
    r"not\s+worth))\b",
    # Ambiguous words of being gone: they count only after a wish ("want to disappear").
    "vanish": r"\b(?:disappear(?!\s+(?:from\s+(?:the\s+)?(?:gc|group|chat|class|party|internet|socials?|office)|for\s+(?:a|an|the|"
    r"\d|one|two|some|few)\s+(?:\w+\s+)?(?:days?|weekend|week|weeks|hours?|months?|while|bit)|into\s+(?:my|a|the)\s+(?:room|book|"
    r"game|bed|work|hoodie)))|(?:vanish|be\s+gone)(?!\s+from\s+(?:this|the|my|that)\s+(?:\w+\s+)?(?:group|project|town|city|class|chat|gc|party|office|"
    r"job|country|house|place|team|internet|socials?|meeting|school|uni))|fade\s+(?:out|away)|evaporate|dissolve|rest\s+forever|"
    r"go\s+to\s+sleep\s+and\s+never|(?:all|everything|it\s+all|it|my\s+life|life)\s+to\s+(?:just\s+)?(?:stop|end|be\s+over)|"
    r"(?:everything|it\s+all|my\s+life)\s+(?:would|could)\s+(?:just\s+)?(?:stop|end|be\s+over)|not\s+be\s+here|be\s+(?:erased|deleted)|be\s+nothing)\b",
    # Feeling like a burden; others better off.
    "burden": r"\b(?:(?:better|happier|easier)\s+off\s+without\s+me|(?:better|happier|easier|lighter)\s+without\s+me|"
    r"without\s+me\s+(?:around|here|in\s+the\s+way)|(?:i'm|i\s+am|i've\s+become|i\s+feel\s+like)\s+(?:just\s+|such\s+|"
    r"nothing\s+but\s+)?(?:a|an)\s+(?:\w+\s+)?burden|(?:no\s+one|nobody)\s+would\s+(?:even\s+)?(?:miss|notice|care\s+if)\s+"
    r"(?:me|i)|(?:easier|better)\s+for\s+(?:everyone|everybody|them|my\s+\w+)\s+if\s+i\s+(?:was|were|wasn't|weren't))\b",
    # Final arrangements and farewells.
    "finality": r"\b(?:(?:goodbye|farewell|suicide|last)\s+(?:note|letter|message)s?(?!\s+to\s+(?:the\s+|my\s+|a\s+)?"
    r"(?:\w+\s+){0,2}?(?:version|self|part|side|habit|job|school|city|town)\b)|(?:wrote|written|writing|left|"
    r"leaving|finished)\s+(?:a\s+|my\s+)?(?:last\s+|final\s+)?(?:note|letters?)(?![^.!?\n]{0,40}\b(?:pen\s*pals?|birthday|christmas|"
    r"thank\s+you|santa|council|editor|application|complaint|anniversary|wedding|graduation|bins?|rent|dishes|washing|fridge|milk|parcel|landlord|groceries|shopping|heating|noise|rota|chores|recycling)\b)(?!\s+(?:to|for)\s+(?:my\s+|the\s+|a\s+)?"
    r"(?:future|younger|older|past|inner|anxious|\d+)|\s+of\s+(?:complaint|recommendation|resignation|application)|\s+for\s+"
    r"(?:school|class|work|the\s+(?:landlord|teacher|neighbou?rs?)))|said\s+(?:my\s+)?goodbyes?\s+to\s+(?![^.!?\n]{0,40}\b(?:coworkers|colleagues|last\s+day|leaving\s+do|farewell\s+party|new\s+job|classmates|team|graduation|moving|flight|airport|trip|holiday|old\s+\w+|apartment|flat|house|place|room|home|city|town|car|dorm|school|uni|job)\b)"
    r"(?:everyone|everybody|all|my|the\s+people)|saying\s+(?:my\s+)?goodbyes?(?!\s+to\s+(?:this|the|my|our)\s+(?:\w+\s+)?(?:place|house|flat|apartment|city|town|job|"
    r"office|school|uni|dorm|room|car|team|country|summer|year))|(?:won't|will\s+not|wont|not\s+going\s+to|am\s+not\s+going\s+to)\s+be\s+"
    r"(?:around|here|alive)\s+(?:much\s+longer|for\s+long|anymore|any\s+more|tomorrow|next|by|after|to\s+see|for\s+(?:christmas|"
    r"my\s+birthday|the\s+holidays|new\s+year)|when\s+(?:you|they|he|she)\s+(?:get|wake|come))|"
    r"(?:after|when|once)\s+i(?:'m|\s+am)\s+(?:gone|dead|not\s+here)|giv(?:e|ing|en)\s+away\s+(?:all\s+)?(?:of\s+)?my(?:\s+(?:cat|dog|pets?|kitten|puppy|fish|hamster|bird|rabbit|guinea\s+pig)\b)?(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|salvation\s+army|clothes\s+bank|vinted|ebay|sold|selling|anyone\s+want|free\s+to|pick\s*up|collection|declutter\w*|clear(?:ing)?\s+out|spring\s+clean\w*|moving\s+(?:out|house|abroad)|since|because|as\s+(?:i|we)|now\s+that|upgrad\w*|new\s+one|outgrown|got\s+a\s+new|baby\s+clothes|done\s+having)\b)|"
    r"gave\s+away\s+(?:all\s+)?(?:of\s+)?my(?:\s+(?:cat|dog|pets?|kitten|puppy|fish|hamster|bird|rabbit|guinea\s+pig)\b)?(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|salvation\s+army|clothes\s+bank|vinted|ebay|sold|selling|anyone\s+want|free\s+to|pick\s*up|collection|declutter\w*|clear(?:ing)?\s+out|spring\s+clean\w*|moving\s+(?:out|house|abroad)|since|because|as\s+(?:i|we)|now\s+that|upgrad\w*|new\s+one|outgrown|got\s+a\s+new|baby\s+clothes|done\s+having)\b)|final\s+goodbye|last\s+goodbye|this\s+is\s+(?:goodbye|my\s+last)|"
    r"affairs\s+in\s+order|see\s+you\s+on\s+the\s+other\s+side|last\s+time\s+(?:you'll|anyone\s+will)\s+hear|"
    r"(?:the\s+one|someone|the\s+person)\s+(?:who|to|that)\s+finds?\s+me|(?:no\s+one|nobody|they|someone)\s+(?:will|would|"
    r"won't|'ll)\s+(?:\w+\s+)?find\s+(?:me|my\s+body|it)|find\s+my\s+body|posted\s+(?:a\s+|my\s+)?goodbye|"
    r"(?:scheduled|posted|sent)\s+(?:my\s+|the\s+)?(?:last|final|goodbye)\s+(?:post|message|email|text|video)s?|"
    r"scheduled\s+(?:the\s+|my\s+)?(?:emails?|messages?|texts?|posts?)\s+to\s+(?:my\s+\w+|everyone|go\s+(?:out|up)|send)|"
    r"if\s+you're\s+reading\s+this|(?:note|letter)s?(?:'s|\s+is|\s+are)\s+(?:already\s+)?(?:written|done|ready|finished)|"
    r"(?:wrote|written|writing|finished\s+writing)\s+(?:the\s+)?letters?\s+to\s+(?:each\s+of|my\s+(?:parents|kids|children|"
    r"family|wife|husband|mum|mom|dad|sister|brother|son|daughter))|(?:i'll|i\s+will)\s+be\s+gone\s+(?:by|before|"
    r"tomorrow|soon|tonight)|(?:i'll\s+be|i'm)\s+joining\s+(?:him|her|them|my\s+\w+|\w+)\s+(?:soon|tonight|this|"
    r"tomorrow|on|next)|(?:doesn't|don't|didn't)\s+know\s+(?:it\s+was|it's|this\s+is|that\s+was)\s+the\s+last\s+time|"
    r"this\s+is\s+(?:my\s+)?(?:goodbye|the\s+end)|(?:ready|time)\s+to\s+go\s*[.!,]+\s*(?:goodbye|bye|love\s+you\s+all|i'm\s+sorry|sorry)|(?:wrote|written|finished)\s+(?:the|my|all\s+the)\s+letters\b(?!\s+(?:of|for\s+"
    r"(?:school|class|work|uni)))|(?:the|my)\s+(?:goodbye\s+|last\s+)?note(?:'s|\s+is)\s+(?:on|in|under|by)\s+(?:the|my)|"
    r"by\s+(?:the\s+time|then)\s+[^.!?\n]{0,40}?(?:i'll\s+be\s+gone|it\s+won't\s+matter|i\s+won't\s+be\s+here)|"
    r"(?:sent|posted|wrote)\s+(?:\w+\s+){0,3}?goodbye\s+(?:texts?|messages?|posts?|emails?|on)|"
    r"tell\s+my\s+\w+\s+(?:i'm\s+sorry|i\s+love\s+(?:her|him|them)))\b",
    # Damage to one's own body: a damaging verb with a body part or a blade.
    "selfharm": rf"\b{_BROAD_SH_VERB}\s+(?:\w+\s+){{0,2}}?(?:my|myself|into\s+my|on\s+my)\s*(?:own\s+)?(?:\w+\s+)?"
    rf"(?:{_BODY}|myself)\b|\b{_BROAD_SH_VERB}\s+myself\b|\b(?:used|using|use|with)\s+(?:a\s+|the\s+|my\s+)?{_SH_TOOL}\s+"
    rf"(?:on|against|to\s+cut|to\s+burn)\s+(?:my|myself)\b|\b(?:cuts|scars|burns|bruises|marks)\s+on\s+my\s+{_BODY}\s+"
    r"(?:are|were)\s+(?:from\s+me|self|my\s+own)|\bself[-\s]?(?:harm\w*|injur\w*|mutilat\w*)\b(?!\s+(?:posts?|content|"
    r"datasets?|research|awareness|prevention|parts?|scenes?))|\b(?:fresh|new|more|deeper)\s+(?:cuts|burns|scratches|wounds)\s+"
    rf"(?:on|all\s+over|across)\s+my\s+{_BODY}\b|\bmy\s+{_BODY}\s+(?:is|are)\s+covered\s+in\s+(?:cuts|burns|scratches)\b|"
    r"\bpull(?:ing|ed)?\s+(?:out\s+)?my\s+(?:own\s+)?hair\s+out\b",
    # Means that are rarely named without a purpose, and ordinary places and ways that need a death word.
    "means": rf"\b(?:{_DRUGS}|overdos\w*(?!\s+(?:deaths?|crisis|epidemic|rates?|awareness))|noose|rope|charcoal|carbon\s+monoxide|blades?|razors?|gun|pistol|rifle|"
    r"bullets?|bleach|poison|antifreeze|hang(?:ing)?(?!\s+(?:baskets?|out|around|plants?))|hose|pesticide|helium|weedkiller|herbicide|paraquat|shotgun|"
    r"service\s+weapon|(?:my|whole)\s+prescription)\b",
    "place": r"\b(?:bridge|rooftop|roof|ledge|cliff|train\s+tracks|railway|tracks|train|gas|exhaust|height|heights|"
    r"jump(?:ing|ed)?|floor|storey|story\s+building|knife|knives|stool|river|lake|sea|ocean|traffic|car)\b",
    # Being at a drop or on the tracks now ("on the roof of my dorm", "parked on the top level"): moderate alone,
    # imminent with a time, a dwelling cue ("up here", "looking down"), intent, means or a final arrangement.
    "atplace": r"(?:(?:\b(?:i'm|i\s+am|i've\s+been|been|standing|sitting|sat|stood|parked(?:\s+up)?|waiting|climbed|walked|"
    r"drove|got|just\s+got|currently|still|now|going|heading|headed|walking|driving|back|already)\s+(?:\w+\s+){0,4}?|^|[.!?]\s*)(?:on|at|by|onto|up\s+on|on\s+top\s+of|"
    r"over|near|to|up)\s+(?:the|a|my|this)\s+(?:\w+\s+){0,3}?(?:bridge|overpass|flyover|roof|rooftop|ledge|cliffs?|"
    r"tracks|railway(?:\s+line)?|rail\s+line|platform|top\s+(?:level|floor|deck|storey)|parking\s+(?:garage|structure)|"
    r"car\s+park|multi[-\s]?stor(?:e)?y|balcony|dam|pier|quarry|reservoir|edge|window\s+(?:ledge|sill)|\d+(?:th|st|nd|rd)\s+floor|"
    r"(?:river|lake|sea|canal|beach)\s+(?:now|tonight|alone))\b|"
    r"\b(?:i'm|i\s+am|going\s+to|i'll|about\s+to)\s+(?:\w+\s+){0,2}?walk(?:ing)?\s+into\s+the\s+(?:sea|ocean|river|lake|waves|water)\b"
    r"(?![^.!?\n]{0,40}\b(?:swim\w*|paddl\w*|surf\w*|with\s+(?:the|my)|meme|brb|lol)\b)|"
    r"\b(?:\d+|ten|twenty|thirty|\w+teen)\s+(?:floors|storeys|stories)\s+(?:up|high|down)\b|\bplatform\s+\d+\b|"
    r"\b(?:other|wrong|far)\s+side\s+of\s+the\s+(?:\w+\s+)?(?:railings?|fence|barrier|rail|guardrail)\b|"
    r"\b(?:walking|standing|lying|sitting|laying)\s+(?:along|on|across|between)\s+the\s+(?:train\s+|railway\s+)?tracks\b|"
    r"(?:^|[.!?]\s*)top\s+(?:floor|level|deck|storey)\s+of\s+(?:the|a)\s+(?:\w+\s+){0,2}?(?:car\s+park|parking|multi[-\s]?stor(?:e)?y|"
    r"building|garage|block|tower)|\b(?:i'm|i\s+am|going\s+to|i'll|about\s+to)\s+(?:\w+\s+){0,2}?walk(?:ing)?\s+(?:in|into|out)\b"
    r"(?=[^.!?\n]{0,50}\b(?:keep\s+(?:going|walking)|until\s+i|can't\s+swim|not\s+com))|\bup\s+to\s+my\s+(?:waist|chest|neck)\b)"
    r"(?![^.!?\n]{0,60}\b(?:view|views|nose|sunset|sunrise|fireworks|photos?|pics?|selfie|tourists?|skywalk|picnic|party|"
    r"bbq|fishing|swimming|concert|festival|wedding|ice\s+cream|drinks|beers?|delayed|late\s+again|cancell?ed|"
    r"repair\w*|fix\w*|gutters?|shingles|leak\w*|solar|antenna|bar|birthday|restaurant|cafe|pool|full|parked|level\s+\d|cliff\s+walk|with\s+(?:my\s+)?(?:friends|family|kids|mates|dog|"
    r"sister|brother|mum|mom|dad|partner|wife|husband|bf|gf|girlfriend|boyfriend)|"
    r"jog\w*|run(?:ning)?|commute|ship|captain|trail|meet\w*|waiting\s+for\s+(?:my|a|the)\s+(?:friends?|mates?|bus|ride|uber|"
    r"date|mum|mom|dad|train|sister|brother|bf|gf|boyfriend|girlfriend|taxi|cab))\b)",
    "dwell": r"\b(?:up\s+here|over\s+the\s+edge|looking\s+(?:down|over)|not\s+coming\s+(?:down|back|home)|the\s+water|"
    r"comes\s+through|come\s+through|doesn't\s+stop|so\s+(?:quiet|calm|peaceful|windy|cold|high)|really\s+(?:quiet|calm|"
    r"windy|peaceful|high)|an\s+hour|just\s+wanted\s+to\s+(?:tell|say)|legs\s+over|yellow\s+line|inching|closer\s+to\s+"
    r"the\s+edge|nobody\s+around|no\s+one\s+around|once\s+it\s+gets\s+dark|why\s+i'm\s+(?:typing|telling|writing)|"
    r"\d+(?:th|st|nd|rd)\s+floor|jump|let\s+go|keep\s+(?:walking|going)|can't\s+swim|not\s+getting\s+on|talk\s+me\s+down|"
    r"\d+\s+floors|doesn't\s+stop|comes\s+through\s+here)\b",
    # Weaker final arrangements: two of them, or one with a time, intent, a farewell or a death word, count.
    "arrange": r"\b(?:deleted\s+(?:all\s+)?(?:of\s+)?my\s+(?:\w+\s+)?(?:socials|accounts?|insta|instagram|twitter|facebook|"
    r"tiktok|snap|snapchat|profiles?|social\s+media)|cancell?ed\s+my\s+(?:\w+\s+)?(?:contract|gym|subscriptions?|lease|"
    r"membership|plan)|paid\s+(?:back|off)\s+(?:what\s+i\s+owed|my\s+debts?|everyone)|t(?:ying|ied|ie)\s+up\s+(?:all\s+)?"
    r"(?:the\s+|my\s+)?loose\s+ends|(?:everything|my\s+stuff|my\s+things|it\s+all|everything's|my\s+affairs)\s+(?:is\s+|are\s+|"
    r"feels\s+|'s\s+)?(?:all\s+|so\s+)?(?:sorted|tidy|in\s+order|taken\s+care\s+of|settled)|(?:sent|gave|left|given)\s+"
    r"(?:\w+\s+){0,3}?(?:the\s+|my\s+)?(?:passwords?|pins?|pension\s+details|bank\s+details|insurance\s+papers|"
    r"house\s+deeds)|signed\s+(?:the\s+|my\s+)?(?:house|flat|car)\s+over|(?:rehomed|re-homed)\s+(?:the|my)\s+(?:dog|cat|pets?|puppy|"
    r"kitten|bird|rabbit)|(?:took|taken|gave|given)\s+"
    r"(?:the|my)\s+(?:dog|cat|pets?|puppy|kitten|bird|rabbit)\s+(?:to|away)|(?:gave|giving|given)\s+my\s+(?!(?:\w+\s+)?(?:notes|homework|number|seat|presentation|word|ticket|"
    r"spare|shift|essay|report|slides|lunch|jacket|charger|umbrella|pen)\b)(?:\w+\s+){0,5}?"
    r"(?:to\s+(?:my|a|the|her|his)\s+\w+|away)(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|vinted|ebay)\b)(?![^.!?\n]{0,40}\b(?:when|because|since|as)\s+i\s+(?:bought|got|upgraded|moved|replaced))|(?:cat's|dog's|pet's)\s+(?:food|bowls?)\s+(?:is|are|for)|filled\s+(?:the\s+)?"
    r"(?:cat's|dog's|pet's)\s+bowls?|(?:will's|will\s+is)\s+(?:updated|done|sorted)|(?:updated|finished|filled\s+out|made|wrote|written|writing|drew\s+up|drafted|did)"
    r"\s+(?:\w+\s+){0,4}?wills?\b(?![^\n]{0,60}\b(?:baby|married|wedding|mortgage|house|solicitor|lawyer|estate\s+planning|kids|adult|grown\s+up|responsible|retire\w*)\b)|made\s+(?:my\s+)?peace|said\s+everything\s+i\s+(?:needed|wanted)\s+to\s+say|"
    r"turned\s+my\s+phone\s+off|told\s+(?:her|him|them|everyone)\s+(?:i'm|i\s+was|it's|its|i\s+am|it\s+was|it\s+is)\s+[^.!?\n]{0,30}"
    r"[.!,]\s*(?:it\s+isn't|it's\s+not|i'm\s+not|i\s+wasn't|it\s+wasn't|i'm\s+not)|(?:tomorrow|it|things)\s+will\s+be\s+"
    r"(?:so\s+much\s+)?(?:easier|better)\s+for\s+(?:everyone|everybody|them|you\s+all|my\s+family)|"
    r"deleted\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:insta\w*|twitter|reddit|tiktok|facebook|snap\w*|socials|accounts|everything)|"
    r"wiped\s+(?:my\s+)?(?:phone|laptop|computer|hard\s+drive)|cancell?ed\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:contract|gym|"
    r"subscriptions?|lease|membership)|paid\s+(?:off|back)\s+(?:my|the|all|what|everyone|everything)(?![^\n]{0,60}(?:debt\s+free|!|🎉|finally))|(?:found|finding)\s+"
    r"(?:a\s+)?new\s+homes?\s+for\s+(?:my|both|the|all)|no\s+loose\s+ends|nothing\s+left\s+(?:for\s+me\s+)?to\s+(?:do|sort|"
    r"say|fix|organi[sz]e)|(?:that's|thats)\s+the\s+last\s+thing|won'?t\s+need\s+(?:it|any\s+of\s+(?:it|this|them)|them)\s*"
    r"(?:after|anymore|any\s+more|where|[.!,]|$)|nothing\s+(?:holding|keeping)\s+me\b|(?:they|she|he|no\s+one|nobody)\s+"
    r"can't\s+stop\s+me|pass(?:words?|codes?)\s+(?:are\s+|is\s+)?(?:written|on\s+a|for\s+my|in\s+(?:the|an?))|(?:my\s+)?will(?:'s|\s+is)\s+"
    r"(?:done|signed|on\s+the|in\s+the|ready)|signed\s+my\s+will|paperwork\s+(?:\w+\s+){0,8}?(?:will\s+find|where\s+(?:my\s+)?\w+\s+"
    r"(?:will\s+)?find)|(?:scheduled|queued)\s+(?:an?\s+|the\s+|my\s+)?(?:emails?|messages?|texts?|posts?)|turn(?:ed|ing)?\s+"
    r"(?:my\s+)?phone\s+off|so\s+no\s+one\s+has\s+to|(?:easy|easier)\s+for\s+(?:them|everyone|my\s+\w+)\s+(?:after|afterwards)|"
    r"one\s+last\s+(?:convo|conversation|chat|message|talk)|(?:they|she|he|everyone)\s+thinks?\s+i'm\s+just(?:\s+[^.!?\n]{0,30})?|"
    r"only\s+reason\s+i\s+(?:stayed|stay|am\s+still\s+here|kept\s+going)|(?:i\s+have|only|got)\s+\d+\s+days\s+left|"
    r"giv(?:e|ing|en)\s+(?:all\s+)?(?:of\s+)?my\s+(?:\w+\s+){1,5}?away(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|vinted|ebay)\b)|note\s+(?:she'll|he'll|they'll|she\s+will|he\s+will|"
    r"they\s+will|someone\s+will)\s+find)",
    # Wanting to join someone who died, or envy of the dead: counts when the message names a death (`bereaved`).
    "join": r"\b(?:(?:be|go|get)\s+(?:back\s+)?(?:with|to)\s+(?:him|her|them|you|my\s+(?:mum|mom|mam|mama|dad|papa|wife|husband|"
    r"brother|sister|son|daughter|gran|nan|grandma|grandad|grandpa|baby|best\s+friend|partner|boyfriend|girlfriend))\s+"
    r"(?:again|now|soon|there|where)|(?:be|go|get)\s+(?:to\s+)?where\s+(?:he|she|they|you|my\s+\w+|mum|mom|dad)\s+(?:is|are|"
    r"went|has\s+gone|'s\s+gone)|(?:join|joining|follow|following)\s+(?:him|her|them|my\s+\w+)\b(?!\s+(?:on|for|at|in)\s)|"
    r"(?:jealous|envious)\b(?!\s+of\s+(?:my|your|his|her|their|our)\s)|\benv(?:y|ied)\s+(?:him|her|them|"
    r"the\s+(?:dead|people\s+in)|my\s+(?:dog|cat))|lucky\s+(?:him|her|them|bastard|sod)|"
    r"(?:swap|trade|switch)(?:ped)?\s+(?:places|spots)|(?:wish|wished)\s+(?:we|i)\s+could\s+(?:have\s+)?(?:swap|trade|switch)\w*|"
    r"should(?:'ve|\s+have)\s+(?:been\s+me|gone\s+with\s+(?:him|her|them))|(?:wish|wished)\s+it\s+(?:was|were|had\s+been)\s+me|"
    r"(?:he|she|they)\s+got\s+(?:the\s+better\s+deal|out\s+early|to\s+leave|to\s+rest|off\s+easy)|\bgot\s+the\s+better\s+deal|"
    r"i\s+want\s+what\s+(?:he|she|they)\s+(?:has|have|got)|(?:taken|took|take)\s+me\s+instead|see\s+(?:him|her|them|you)\s+"
    r"(?:again\s+)?(?:soon|on\s+the\s+other\s+side)|(?:sooner|soon)\s+rather\s+than\s+later)",
    "bereaved": r"\b(?:died|dead|passed(?:\s+away|\s+on)?|passing|lost\s+(?:my|him|her)|gone|death|funeral|graves?|graveyard|"
    r"cemetery|obituar\w*|in\s+(?:his|her|their)\s+sleep|killed|rip|dying|cancer|terminal|heaven|better\s+place|at\s+peace|"
    r"the\s+other\s+side|covid|crash(?:es|ed)?|accidents?|go\s+to\s+sleep\s+and\s+not\s+wake|buried|miss\s+(?:you|him|her|my\s+(?:mum|mom|dad|gran|nan|grandma|grandad|wife|husband|brother|sister)))\b",
    # Farewells: they raise a final arrangement or being at a drop.
    "farewell": r"\b(?:good\s*bye|bye|farewell|thank\s+(?:you|u)\s+for\s+(?:everything|trying|listening|all|being)|"
    r"i\s+love\s+you\s+all|thank(?:ing|ed)?\s+(?:her|him|them|everyone)\s+for\s+everything|take\s+care\s+of\s+(?:yourselves|each\s+other)|tell\s+my\s+\w+\s+(?:i'm\s+sorry|i\s+love))\b",
    # Standing at a drop: it raises with a time, a death word or intent.
    "edge": rf"\b{_EDGE}\b",
    # Preparation and intent words: they raise means.
    "intent": r"\b(?:ready|bought|collected|collecting|stockpil\w*|saved\s+up|saving\s+up|hoard\w*|plan(?:ned|ning)?|"
    r"prepar(?:e|ed|ing)|make\s+sure|how\s+(?:many|much|high|far)|best\s+(?:way|height|place|method|spot)|"
    r"enough\s+to|lethal|fatal|painless(?:ly)?|quickest|just\s+(?:took|swallowed|drank)|swallowed|counted|tied|"
    r"set\s+up|picked\s+(?:out|a|the)|chose|chosen|all\s+(?:of\s+)?(?:my|the|these|those)|whole\s+(?:bottle|pack|box)|"
    r"(?:take|swallow|down)\s+(?:them|it|these|those)\s+all|(?:going\s+to|gonna|about\s+to)\s+(?:take|swallow|use|down)|"
    r"bottle\s+of|handful|stash\w*|hidden|hid|tested|loaded|sharpen\w*|lined\s+up|research\w*|looked\s+up|taped?|"
    r"in\s+the\s+(?:trunk|boot)|drink\s+it|found\s+(?:a|the)\s+spot|saved\s+up|(?:got|borrowed|took|found)\s+(?:a|the|my\s+\w+'s|his|her)\s+"
    r"(?:gun|pistol|rifle|shotgun)(?!\s+(?:licen[cs]e|permit|safe|cabinet|course))|with\s+(?:vodka|whiskey|alcohol|wine|gin))\b",
    # Times: they raise means only together with a death word.
    "time": r"\b(?:tonight|today|tomorrow|this\s+(?:weekend|week|evening)|right\s+now|going\s+to|about\s+to|soon|"
    r"waiting\s+for)\b",
    # It is happening now: blood, dizziness, just did it.
    "acute": r"\b(?:just|right\s+now|a\s+minute\s+ago|minutes\s+ago|bleeding|blood|dizzy|faint|passing\s+out|"
    r"won't\s+stop|can't\s+stop|deep)\b",
    # Violence against the person by someone else.
    "abuse": r"(?<!toddler\s)(?<!baby\s)(?<!puppy\s)(?<!kitten\s)(?<!dog\s)(?<!cat\s)(?<!parrot\s)\b(?:hits|hit|beats|beat|punches|punched|kicks|kicked|slaps|slapped|chokes|choked|strangles|strangled|"
    r"shoves|shoved|pushes|pushed|throws\s+(?:things|stuff)\s+at|threw\s+(?:things|stuff|a\s+\w+)\s+at|burns|burned|"
    r"rapes|raped|molests|molested|gropes|groped|hurts|hurt|grabs|grabbed|drags|dragged|locks|locked|pinned|pins|"
    r"threw|throws|bit|bites|spat\s+on|spits\s+on|stomped\s+on|headbutted|whipped|belted)\s+me\b"
    r"(?!\s+with\s+(?:a\s+)?(?:pillow|cushion|ball|snowball|water\s+balloon|sock|nerf|foam))|"
    r"\b(?:put|puts|laid|lays)\s+(?:his|her|their)\s+hands\s+(?:on|around)\s+(?:me|my\s+(?:neck|throat))\b|"
    r"\bhands?\s+(?:around|round|on)\s+my\s+(?:neck|throat)\b|\bhad\s+me\s+(?:pinned\s+)?(?:up\s+)?against\s+the\s+\w+|\b(?:hit|hitting|choking|strangling|punching|kicking|slapping)\s+me\b"
    r"(?!\s+up\b|\s+(?:hard|that|how|again\s+that))",
}
# A wish or a want in front of an ambiguous field word ("I just want to disappear").
WISH = (
    r"\b(?:want|wants|wanted|wanting|wanna|wish|wishes|wished|wishing|hope|hopes|hoping|pray|praying|long|longing|rather|prefer|"
    r"could\s+just|would\s+(?:just\s+)?(?:like|love)|'d\s+(?:like|love)|dream\s+(?:of|about)|nice\s+(?:if|to)|better\s+if|"
    r"if\s+only|ready\s+to|need\s+to|wouldn't\s+mind|would\s+welcome|(?:okay|ok|fine|at\s+peace)\s+with|"
    r"looking\s+forward\s+to|can't\s+wait\s+to|jealous\s+of|envy\w*|lucky\s+to|beg\w*|pleading|let\s+me|fantasi[sz]\w*|daydream\w*)\b"
)
# Circumstances that make body damage or death words ordinary: accidents, sport, cooking, medicine.
BROAD_EXCLUDE = (
    r"\b(?:accident\w*|by\s+mistake|cooking|kitchen|shaving|oven|stove|iron|kettle|slipped|tripped|fell|falling|"
    r"football|soccer|rugby|hockey|boxing|sparring|(?<!cancelled\sthe\s)(?<!cancelled\smy\s)(?<!canceled\smy\s)gym|practice|training|game|match|surgery|operation|nurse|doctor|"
    r"dentist|tattoo|piercing|paper\s+cut|garden\w*|hike|hiking|climbing|camping|bike|cycling|skateboard\w*|"
    r"bug|process|server|code|battery|phone\s+(?:screen|case|charger|died|is\s+dead|broke|update|app|call)|laptop|plant|plants|"
    r"(?<!gave\smy\s)(?<!gave\sthe\s)(?<!rehomed\smy\s)(?<!rehomed\sthe\s)(?<!took\smy\s)(?<!took\sthe\s)(?<!filled\sthe\s)(?<!give\smy\s)"
    r"(?:fish|hamster|dog|cat|pet|bird|goldfish)(?!'s\s+(?:food|bowls?))|"
    r"movie|film|(?<!n't\s)show|book|(?<!my\s)story|character|game|news|history|documentary|embarrass\w*|cringe\w*|mortified|"
    r"views?|sunset|skywalk|canyon|tourists?|(?:therapy|writing|journaling)\s+exercise|"
    r"humiliat\w*|awkward|bored|boring|laugh\w*|funny|hilarious|pun|salad|price|tickets?|slang|ouch|oops|onions?|"
    r"slic(?:e|ed|ing)|chopp\w*|peel\w*|dicing|recipe|headaches?|migraines?|(?<!in\sthe\s)cold|flu|fever|allerg\w*|(?<!saved\sup\smy\s)(?<!saving\sup\smy\s)prescri\w*|"
    r"pharmacy|chemist|pharmacist|cramps|period|vitamins?|refill|vacation|holiday|trip|travel\w*|(?<!just\s)for\s+a\s+(?:while|bit|"
    r"day|week|few|couple)|swing|tent|boat|sailing|moving|luggage|clothesline|laundry|(?<!cancelled\sthe\s)(?<!cancelled\smy\s)gym|crafts?|diy|bbq|barbecue|grill|"
    r"bites|itch\w*|mosquito\w*|rash|eczema|volleyball|basketball|netball|tennis|cricket|baseball|sports?|controller|"
    r"console|gaming|boss\s+fight|camera|golden\s+hour|children's|kids'|baby's|doses|dosage|how\s+many\s+hours|"
    r"\d+\s*(?:yo|year\s+old|month\s+old)|bans?|barriers|restriction|"
    r"cookout|off\s+to|abroad|japan|flight\s+to|new\s+job|retire\w*|graduat\w*|gc|group\s+chat|voice\s+(?:memo|note|"
    r"message)|cabin|organi[sz]e|dosette|pill\s+(?:box|organi[sz]er)|food\s+bank|book\s+club|dataset|classifier|thesis|(?:cut|cutting|trim\w*|dye\w*|shav\w*)\s+(?:my\s+)?(?:own\s+)?(?:hair|fringe|bangs|nails|beard))\b"
)

# --- Families (round 6): compositional rules for concepts, each written as a field of ways to say it. ---
# A fatal illness or event in the wish's own words ("praying for a tumour", "hope the plane goes down").
_FATAL_THING = (
    r"(?:(?:is|it's|be|was|were|get|got|getting|have|having|catch|develop|for|into)\s+(?:a\s+|an\s+|some\s+)?(?:\w+\s+)?"
    r"(?:tumou?r|aneurysm|cancer|stroke|heart\s+attack|terminal\s+\w+|something\s+(?:terminal|worse|serious|fatal)|blood\s+clot|"
    r"meteor|asteroid|lightning\s+strike)|(?:a|an)\s+(?:fatal|massive|sudden|big|quick)\s+(?:heart\s+attack|stroke|aneurysm|car\s+crash|"
    r"accident)|(?:cancer|tumou?r)\s+(?:\w+\s+)?(?:comes?\s+back|returns?|spreads?|wins)|"
    r"(?:heart|body|lungs?|liver)\s+(?:would\s+|will\s+|just\s+)*(?:stops?|stopped|gives?\s+out|gave\s+out|quits?|fails?)|"
    r"(?:plane|flight|bus|train)\s+(?:home\s+|back\s+)?(?:\w+\s+)?(?:goes|went|go|going)\s+down|"
    r"(?:plane|flight|car|bus|train|lorry|truck)\s+(?:(?!(?:doesn't|don't|didn't|won't|wouldn't|never|not)\b)\w+\s+)?(?:crash(?:es|ed)?|swerv\w+|hadn't\s+swerved|hit\s+me|ran\s+me)|"
    r"(?:covid|cancer|it|that|something|the\s+virus|the\s+crash)\s+(?:had\s+|would\s+|could\s+)?(?:take|takes|took|taken)\s+me|"
    r"(?:catch|get|got|develop)\s+something\s+(?:\w+\s+)?(?:and|that|serious|bad|fatal)|"
    r"(?:don't|dont|never|not|wouldn't)\s+(?:\w+\s+)?recover|(?:something|anything)\s+bad\s+happens\s+to\s+me|"
    r"(?:it|this|that|the\s+\w+(?:\s+\w+)?)\s+(?:is|was|turns\s+out\s+(?:to\s+be\s+)?|comes\s+back)\s+(?:\w+\s+)?(?:serious|cancer|"
    r"fatal|terminal|malignant|the\s+end))"
)
_WISHFUL = (
    r"(?:hope|hopes|hoping|hoped|pray|praying|prayed|wish|wishing|wished|wishes|rooting\s+for|fingers\s+crossed|"
    r"(?:it'd|it\s+would|would|wouldn't\s+it)\s+be\s+(?:so\s+)?(?:nice|good|great|easier|a\s+relief)\s+if|(?:i'd|i\s+would|would)\s+"
    r"(?:honestly\s+|happily\s+)?(?:welcome|take))"
)
_ACCEPTING = (
    r"(?:wouldn't|would\s+not|won't|wouldnt)\s+(?:even\s+)?(?:mind|argue|fight\s+it|bother|care|complain|resist|be\s+(?:upset|sad|sorry|"
    r"bothered|mad))|"
    r"(?:be|i'd\s+be|i'll\s+be|i'm)\s+(?:\w+\s+)?(?:fine|alright|ok|okay|at\s+peace|glad|relieved|good)\s+with\s+(?:that|it)|"
    r"(?:be|i'd\s+be|i'll\s+be)\s+(?:\w+\s+)?(?:fine|alright|ok|okay|at\s+peace|glad|relieved)|"
    r"(?:wouldn't|won't|not\s+going\s+to|wouldn't\s+even|don't\s+think\s+i'd)\s+(?:\w+\s+)?(?:fight|treat|get\s+(?:it\s+)?treat\w*)|"
    r"(?:just\s+)?let\s+it\s+(?:happen|take\s+me)|not\s+fight(?:ing)?\s+it|go\s+on\s+then|how\s+easy\s+it\s+would\s+be"
)
_DEADLY_EVENT = (
    r"(?:cancer|tumou?r|something\s+(?:terminal|serious|fatal)|really\s+sick|terminal|hit\s+by|went\s+down|go(?:es)?\s+down|"
    r"crash\w*|swerv\w+|turbulence|called\s+me\s+home|carked\s+it|kicked\s+the\s+bucket|didn't\s+wake\s+up|died|"
    r"heart\s+(?:stopped|gave\s+out)|pop(?:ped)?\s+my\s+clogs)"
)
_BAD_NEWS_WANTED = (
    r"(?:disappointed|gutted|let\s+down|bummed|sad)\b[^\n]{0,40}?\b(?:benign|clear|all\s+clear|nothing\s+serious|not\s+serious|"
    r"not\s+cancer|healthy|negative)|(?:clear|benign|all\s+clear|nothing\s+serious|not\s+cancer)\b[^\n]{0,40}?\b(?:felt\s+|feel\s+|was\s+)?"
    r"(?:\w+\s+){0,2}?(?:disappointed|gutted|let\s+down|bummed)|(?:cancer|serious|tumou?r|heart\s+isn't|heart\s+(?:thing|condition|problem)|terminal|"
    r"scan|biopsy|diagnosis)\b[^\n]{0,60}?\b(?:felt\s*(?:\.+\s*)?glad|first\s+thought\s+was\s+'?good|(?:kind\s+of\s+|kinda\s+)?"
    r"hop(?:ing|es?)\s+it\s+is|part\s+of\s+me\s+was\s+(?:jealous|relieved|glad|happy)|was\s+(?:almost\s+)?(?:jealous|glad)|"
    r"felt\s*(?:\.+\s*)?relieved\s*\?)"
)
_WEAPON = r"(?:knife|bat|hammer|gun|crowbar|machete|axe|baseball\s+bat)"
RULES = (
    *RULES,
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b{_WISHFUL}\b(?:(?!\b(?:not|doesn't|don't|isn't|won't|never|no|nothing)\b)[^.!?\n]){{0,50}}?\b{_FATAL_THING}|"
        rf"\b(?:{_ACCEPTING})\b[^.!?\n]{{0,60}}?\b{_DEADLY_EVENT}|\b{_DEADLY_EVENT}\b[^!?\n]{{0,60}}?\b(?:{_ACCEPTING})\b|"
        rf"\b{_FATAL_THING}[^\n]{{0,80}}?\b(?:wish|hope|hoping)\s+it\s+(?:had|would|did|was|is)\b|"
        r"\blet\s+me\s+(?:just\s+)?get\s+(?:sick|ill)\s+with\s+something|\b(?:never|not)\s+(?:have\s+)?woken\s+up\b|"
        r"\bone[-\s]way\s+(?:\w+\s+)?ticket\b[^\n]{0,60}?\bnot\s+(?:planning\s+(?:on|to)\s+)?com(?:e|ing)\s+back\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b{_BAD_NEWS_WANTED}|\b(?:kill(?:ed|ing)?\s+themselves|suicide|died|killed)\b[^\n]{{0,80}}?\b(?:that|it)\s+should(?:'ve|\s+have)?\s+"
        r"be(?:en)?\s+me\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        # sleeping or lying down for good; being switched off or deleted; going back to nothing
        r"\b(?:go\s+to\s+sleep|sleep|lie\s+down|lay\s+down)\b[^.!?\n]{0,40}?\b(?:and\s+(?:just\s+)?(?:stay\s+asleep|not\s+get\s+up|"
        r"never\s+get\s+up|not\s+wake|never\s+wake)(?!\s+up\s+(?:until|till|til|before|for|at|early|late|in\s+time))|(?:for\s+a\s+)?(?:really\s+)?long\s+time[.,\s]+(?:like\s+)?forever)|"
        r"\bstay\s+asleep\b[^.!?\n]{0,30}?\bforever|\bforever\s+sounds\s+(?:nice|good|peaceful)|"
        r"\b(?:would|could|to|'d)\s+(?:just\s+)?(?:delete|erase|unmake)\s+me\b|\bbutton\s+that\s+(?:\w+\s+)?(?:deleted|erased|ended)\s+me\b|"
        r"\b(?:one\s+way\s+ticket|ticket)\s+out\s+of\s+(?:existence|life|this\s+life)\b|\b(?:go\s+back\s+to|just)\s+being\s+nothing\b|"
        r"\bfad(?:e|ing)\s+(?:out|away)\b[^.!?\n]{0,40}?\b(?:permanently|for\s+good|forever|and\s+(?:not|never)\s+come\s+back)\b|"
        r"\b(?:better|happier|easier)\s+(?:off|life|lives)\b[^.!?\n]{0,40}?\bif\s+i\s+(?:just\s+)?(?:was|were|wasn't|weren't)\s+"
        r"(?:gone|around|in\s+it|here|alive)\b(?!\s+for\s)|\b(?:like\s+to|want\s+to|wanna|wish\s+i\s+could|rather)\s+(?:just\s+)?not\s+be\s+"
        r"(?:anymore|any\s+more|at\s+all)\b|\bbeing\s+dead\s+(?:seems|sounds|feels|looks|would\s+be)\s+(?:\w+\s+){0,3}?(?:easier|better|"
        r"nicer|peaceful|good|nice|relief)\b|\b(?:damn|ugh|dammit|sadly|unfortunately|disappointed|still)[,.]?\s+(?:i\s+)?woke\s+up\s+"
        r"again\b|\bhave\s+to\s+keep\s+waking\s+up\b|\b(?:rather|want\s+to|wanna|wish\s+i\s+was|wish\s+i\s+were)\s+(?:just\s+)?"
        r"(?:be\s+)?(?:in\s+the\s+ground|six\s+feet\s+under|in\s+a\s+(?:coffin|grave|box))\b|"
        r"\b(?:don't|can't|do\s+not)\s+see\s+myself\s+(?:making\s+it|living|being\s+(?:here|around|alive))\s+(?:to|past|until|much)\b|"
        r"\bface\s+of\s+the\s+earth\b[^.!?\n]{0,20}?\bnever\b|\b(?:stop|end)\s+everything[.,\s]+permanently\b|"
        r"\blog(?:ging)?\s+(?:off|out)\s+(?:of|from)\s+(?:life|everything|existence)\b(?!\s+for\s+(?:the|a)\s+(?:night|day|weekend|bit))|"
        r"\b(?:no\s+respawn|too\s+tired\s+to\s+be\s+a\s+person|stop\s+waking\s+up)\b|\bi'm\s+(?:so\s+|just\s+)?done[.,\s]+(?:like\s+)?"
        r"(?:permanently|for\s+good|with\s+everything\s+for\s+good)\b|"
        r"\bwhy\s+am\s+i\s+still\s+alive\b|"
        r"\b(?:wouldn't|would\s+not)\s+mind\s+not\s+(?:existing|being\s+(?:here|alive|around))\b|"
        r"\b(?:not|don't|dont)\s+(?:have\s+to\s+)?be\s+(?:here|alive|around)\s+any\s*more\b",
        negatable=False,
    ),
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:switch|turn|shut|delete|erase|unplug)\w*\s+me\s+(?:off|out|from\s+existence)\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\brope\s+(?:szn|season|time|o'?clock)\b|"
        r"\bsuicide\s+(?:is\s+|looks?\s+|looking\s+|seems\s+|sounds\s+|feels\s+|is\s+starting\s+to\s+look\s+|starting\s+to\s+look\s+)"
        r"(?:\w+\s+){0,2}?(?:good|tempting|appealing|better|like\s+(?:the|an|my)\s+(?:only\s+)?(?:way|option|answer)|the\s+(?:only\s+)?"
        r"(?:answer|way|option))|\bkill\s+yourself\b[^.!?\n]{0,80}?\b(?:myself|i\s+tell\s+me|mirror|starting\s+to\s+(?:listen|believe|"
        r"think)|they're\s+right|they\s+might\s+be\s+right)|\bcheck(?:ing)?\s+out\s+(?:for\s+good|permanently|of\s+(?:life|this\s+life)|"
        r"early)\b|\bcheck(?:ing)?\s+out[.,\s]+permanently\b|\btak(?:e|ing)\s+myself\s+out\b(?!\s+(?:for|to|on|of\s+the)\b)|"
        r"\bend\s+it\s+(?:myself|on\s+(?:my|the\s+same)|tonight|tomorrow|soon|for\s+good|this\s+(?:week|weekend))\b|"
        r"\bremov(?:e|ed|ing)\s+myself\s+from\s+(?:it|the\s+world|this\s+world|existence|the\s+picture|the\s+equation)\b|"
        r"\b(?:doing|do)\s+something\s+(?:to\s+myself|so\s+i'm\s+not\s+around)\b|\b(?:use|using|turn|turning|point|pointing|"
        r"put)\s+(?:it|the\s+gun|my\s+(?:gun|service\s+weapon|weapon|pistol|rifle|shotgun))\s+on\s+myself\b|"
        r"\b(?:think\w*|pictur\w*|imagin\w*|urge|tempt\w*|want\w*|how\s+easy|going\s+to|i'll|gonna)\b[^.!?\n]{0,40}?\b(?:(?:yank|jerk|turn|swerv|"
        r"steer)\w*\s+(?:the\s+)?(?:wheel|car)|driv\w+\s+(?:\w+\s+)?(?:into|off)\s+(?:the\s+|a\s+)?(?:concrete\s+)?(?:barrier|"
        r"divider|wall|tree|bridge|cliff|oncoming|lorry|truck|median|pillar|river))",
    ),
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:punch\w*|hit\w*|bang\w*|smash\w*|slam\w*)\s+(?:the\s+|a\s+)?(?:\w+\s+)?walls?\s+(?:\w+\s+){0,3}?(?:until|till|til|so\s+hard|and)\s+"
        r"(?:my\s+)?(?:knuckles?|hands?|fists?|head)\s+(?:\w+\s+)?(?:split|bleed|bled|broke|bruised|crack\w*|swell\w*)|"
        r"\b(?:punch\w*|bang\w*|hit\w*)\s+(?:\w+\s+){0,6}?(?:on|against)\s+it\s+(?:until|till|til)\s+it\s+(?:really\s+)?(?:hurts|bleeds|bled)|"
        r"\b(?:don't|do\s+not|never)\s+deserve\s+(?:to\s+eat|food|dinner|lunch|breakfast|a\s+meal)\b|"
        r"\bmy\s+(?:\w+\s+)?(?:skin|arms?|legs?|face|scalp|fists?|hands?|knuckles|head|lips?|nails|fingers?|thighs?)\b"
        r"(?:(?!bites?|itch|rash|eczema|mosquito|spots?|pimples?|scabs?)[^.!?\n]){0,40}?\b(?:until|till|til)\s+(?:it|they)\s+"
        r"(?:bled|bleeds?|split|bruised|scarred)\b|"
        r"\b(?:want|wanna|need|urge|itching)\s+to\s+cut\s+(?:so\s+bad(?:ly)?|really\s+bad(?:ly)?|right\s+now|again|tonight)\b|"
        r"\bthen\s+cut(?:\s+(?:again|myself))?\s*(?:[.!,]|$)|"
        r"\b(?:stopped|stop|not)\s+eating\b[^\n]{0,30}?\b(?:on\s+purpose|to\s+punish|as\s+(?:a\s+)?punishment|because\s+i\s+deserve)|"
        r"\bpunish\s+myself\b[^\n]{0,30}?\b(?:not\s+eating|starving|cutting|burning|hitting)\b|"
        r"\bhide\s+(?:the\s+|my\s+)?(?:fresh\s+)?(?:cuts|scars|burns|marks)\s+on\s+my\b|"
        r"\b(?:bang\w*|hit\w*|smash\w*|slam\w*|knock\w*)\s+my\s+head\s+(?:\w+\s+){0,2}?(?:on|against|into)\s+(?:the\s+|a\s+)?"
        r"(?:\w+\s+)?(?:wall|walls|floor|desk|mirror)\b(?![^.!?\n]{0,30}\b(?:accident\w*|getting\s+up|tripped|slipped|fell)\b)|"
        r"\bstarv(?:e|ed|ing)\s+myself\s+(?:\w+\s+){0,3}?(?:as\s+(?:a\s+)?punishment|to\s+punish)|\bpunish(?:ing)?\s+myself\s+"
        r"(?:by|with)\s+(?:cutting|burning|hitting|starving|not\s+eating)|"
        r"\b(?:urges?|craving|itch|need)\s+to\s+(?:cut|burn|self[-\s]?harm)\b(?!\s+(?:the|a|my\s+hair|it|costs?|class|ties|back|down|"
        r"in|off|out|corners|loose))|"
        r"\b(?:arms?|wrists?|skin|thighs?)\b[^.!?\n]{0,40}?\bopen\s+(?:it|them)\s+(?:back\s+)?up\b|\bopen\s+(?:up\s+)?my\s+(?:arms?|"
        r"wrists?|veins?|skin|thighs?)\b|"
        r"\bmy\s+(?:skin|arms?|legs?|thighs?|wrists?|stomach)\b[^.!?\n]{0,60}?\b(?:scrap|pick|scratch|dig|carv|slic|cut)\w*\s+"
        r"(?:\w+\s+){0,3}?with\s+(?:a\s+|the\s+|my\s+)?(?:razor|blade|compass|scissors|needle|lighter|glass)|"
        r"\bdid\s+it\s+(?:again\s+)?(?:last\s+night\s+|today\s+|tonight\s+|this\s+morning\s+)?on\s+my\s+(?:wrists?|thighs?|arms?|"
        r"forearms?|stomach|hips?|legs?)\b|\b(?:again|yeah)[.,]\s+on\s+my\s+(?:wrists?|thighs?|arms?)\b",
    ),
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:think\w*|thought\w*|pictur\w*|imagin\w*|fantasi[sz]\w*|urges?|tempted|want|wanna|keep\s+seeing|plann?\w*|dream\w*)\b"
        r"[^.!?\n]{0,80}?\b(?:run(?:ning)?\s+(?:him|her|them)\s+(?:over|down)|smash(?:ing)?\s+(?:his|her|their)\s+(?:face|head)\s+in|"
        r"tak(?:e|ing)\s+a\s+"
        rf"{_WEAPON}\s+to|put(?:ting)?\s+(?:something|stuff|\w+)\s+in\s+(?:his|her|their)\s+(?:drink|food|coffee|tea)|"
        r"put(?:ting)?\s+(?:him|her|them)\s+in\s+(?:the\s+)?(?:hospital|ground|grave)|(?:shake|shaking|smother\w*|suffocat\w*)\s+"
        r"(?:her|him|them|the\s+baby|my\s+baby)|hurt(?:ing)?\s+(?:him|her|them|my\s+\w+)\s*[.,]?\s*(?:like\s+)?really|"
        r"mak(?:e|ing)\s+(?:him|her|them)\s+(?:pay|suffer|bleed)|wait(?:ing)?\s+(?:for\s+(?:him|her|them|that\s+\w+|\w+'s\s+\w+)\s+"
        r"(?:outside|after|in\s+the)|outside\s+(?:his|her|their)\s+(?:work|house|home|office|school|place)))|"
        rf"\b(?:outside|at)\s+(?:his|her|their)\s+(?:house|place|work|flat|door|office)\s+with\s+(?:a|the|my)\s+{_WEAPON}\b|"
        r"\b(?:he's|she's|they're|he\s+is|she\s+is|they\s+are)\s+(?:going|gonna)\s+to\s+pay\s+for\s+what\b|"
        r"\b(?:could|will|going\s+to|gonna|want\s+to|wanna)\s+(?:really\s+)?(?:kill|hurt|stab|murder|strangle)\s+(?:him|her|them|my\s+\w+)\b"
        r"(?=[^\n]{0,40}\b(?:i\s+mean\s+it|not\s+joking|i'm\s+serious|for\s+real|seriously|not\s+kidding)\b)|"
        r"\b(?:want|wanna|going|gonna|urge)\s+to\s+(?:hit|slap|smack|punch)\s+(?:him|her|them)\b(?!\s+(?:up|back|with\s+(?:a|the)\s+"
        r"(?:pillow|snowball)))|"
        r"\bsnap\s+and\s+(?:really\s+)?(?:hurt|hit|kill|attack)\s+(?:him|her|them|my\s+\w+)\b|"
        rf"\bknow\s+where\s+(?:he|she|they)\s+(?:parks|lives|works|sleeps)\b[^\n]{{0,60}}?\b{_WEAPON}|\b{_WEAPON}\b[^\n]{{0,60}}?\bknow\s+where\s+(?:he|she|they)\s+(?:parks|lives|works|sleeps)\b|"
        rf"\bmake\s+(?:him|her|them|my\s+\w+)\s+pay\b[^\n]{{0,60}}?\b{_WEAPON}|"
        r"\b(?:want|wanna|going\s+to|gonna)\s+(?:to\s+)?(?:really\s+)?hurt\s+(?:my\s+)?(?:manager|supervisor|boss|landlord|ex|stepdad|"
        r"teacher|coach)\b(?!'s)",
        subject="self",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:used|uses|using|took|takes|taking)\s+(?:the|a|his|her|their)\s+(?:belt|cane|stick|wooden\s+spoon|cord|hanger|"
        r"buckle|shoe|slipper)\s+(?:on|to)\s+me\b|\b(?:comes?|coming|came)\s+(?:in|into)\s+my\s+(?:room|bed)\s+(?:at\s+night|when|"
        r"while|after)|\bthrew\s+(?:a|the|her|his)\s+(?!(?:pillow|cushion|sock|ball|towel|paper|napkin|tissue|blanket|teddy)s?\b)\w+\s+at\s+(?:me|my\s+head)\b|\b(?:he|she|they)(?:'ll|\s+will|'s\s+going\s+to|"
        r"\s+is\s+going\s+to|\s+said\s+(?:he|she|they)'d|\s+keeps?\s+(?:screaming|saying|yelling)\s+(?:he's|she's|they're)\s+going\s+to)"
        r"\s+kill\s+me\b(?=[^\n]{0,80}\b(?:knife|gun|leave|leaving|bat|locked|hiding|banging|kicking|outside|screaming|baby|bathroom|door)\b)|"
        r"\b(?:got|has|had|with)\s+(?:a|the|his|her)\s+(?:knife|gun)\s+(?:out\b|and\s+(?:he's|she's|is)\s+(?:banging|coming|screaming))|"
        r"\bif\s+i\s+(?:try\s+to\s+|ever\s+)?leave\s+(?:him\s+|her\s+)?(?:he'll|she'll|he\s+will|she\s+will|they'll)\s+(?:\w+\s+){0,3}?(?:kill|hurt|"
        r"take|make\s+sure|find|never)\b|\bhad\s+me\s+(?:pinned\s+)?(?:against|up\s+against|on)\s+the\s+(?:wall|fridge|door|floor|bed)|"
        r"\bhands?\s+(?:on|around|round)\s+my\s+(?:neck|throat)\b|"
        r"\b(?:touches|touched|touching|gropes|groped|fondles|fondled)\s+me\s+(?:when|while|at\s+night|in\s+my|down\s+there|where)\b|"
        r"\b(?:won't|doesn't|does\s+not|will\s+not)\s+let\s+me\s+(?:leave|go\s+out|see\s+(?:my\s+)?(?:friends|family)|have\s+(?:my\s+)?"
        r"(?:own\s+)?(?:phone|money|keys))\b|"
        r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?(?:he|she|they|my\s+\w+)(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to|\s+might|"
        r"\s+would)\s+(?:actually\s+|really\s+)?(?:kill|hurt|hit|beat)\s+me\b|"
        r"\b(?:drunk|angry|mad|raging|furious)\b[^\n]{0,40}?\b(?:got|has|had|took)\s+(?:his|her|the)\s+(?:belt|knife|gun)\s+(?:out|off)\b|"
        r"\b(?:shoved|hit|hits|beat|beats|punched|kicked|hurt|hurts|strangled|choked)\b[^\n]{0,120}?\bi(?:'m|\s+am)\s+(?:probably\s+)?next\b",
        subject="self",
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:took|taken|swallowed|downed|had|taking|swallowing)\s+(?:like\s+|about\s+|around\s+|over\s+|maybe\s+|nearly\s+|almost\s+)?"
        r"(?:[2-9]\d|\d{3}|twenty|thirty|forty|fifty|a\s+hundred|the\s+whole|my\s+whole|the\s+entire|all\s+of\s+(?:them|my|the)|them\s+all)"
        rf"\b(?<!them\sall)(?<!of\sthem)\s+(?:of\s+)?(?:\w+\s+){{0,3}}?(?:{_DRUGS}|them|prescription|bottle|pack|packet|box|strip)\b|"
        r"\b(?:took|taken|swallowed|downed)\s+(?:them\s+all|all\s+of\s+them)\b|"
        r"\b(?:washing|washed|wash)\s+(?:them|it|the\s+\w+)\s+down\s+with|\b(?:mixed|mixing|swallowed|took|taken|downed)\s+"
        rf"(?:\w+\s+){{0,3}}?{_DRUGS}\s+with\s+(?:\w+\s+){{0,3}}?(?:vodka|whiskey|alcohol|wine|gin|rum|booze|beer)\b|"
        r"\b(?:car|engine)(?:'s|s|\s+is)?\s+(?:\w+\s+)?running\s+in\s+the\s+(?:closed\s+)?garage\b|"
        rf"{_DRUGS}\b[^\n]{{0,30}}?\b(?:like|about|around|over|maybe)\s+(?:[2-9]\d|\d{{3}})\s+of\s+them\b|"
        r"\b(?:pills|tablets|blade|razor|knife|rope|noose|gun)\s+(?:are\s+|is\s+)?(?:right\s+)?in\s+my\s+hands?\b|\bholding\s+(?:the|my|a)\s+"
        r"(?:pills|blade|razor|gun|rope|noose)\b(?!\s+(?:for|wrong|steady))|"
        r"\bnext\s+(?:train|one)\s+(?:that\s+comes\s+)?(?:i'm\s+(?:going|jumping|stepping)|i'll\s+(?:go|jump|step))\b|"
        r"\bin\s+the\s+(?:bath|bathtub|tub)\s+with\s+(?:a|the|my)\s+(?:blade|razor|knife|pills|toaster|hairdryer)\b|"
        r"(?:\b(?:i|i've|i\s+have|just|i\s+just|i'm)\s+|^|[.!?]\s*)(?:took|taken|taking|had|done|did)\s+an?\s+(?:over\s*dose|od)\b|"
        r"\bwent\s+too\s+deep\b|(?<!nose\sis\s)(?<!nose\s)(?<!gums\sare\s)\b(?:bleeding|blood)\b[^.!?\n]{0,30}?\bmore\s+than\s+(?:usual|i\s+meant|i\s+thought)|\bmore\s+than\s+i\s+meant\b|"
        r"\b(?:tied|set\s+up|rigged|hung)\b[^\n]{0,60}?\b(?:sitting|sat|standing)\s+(?:\w+\s+){0,2}?looking\s+at\s+it\b|"
        r"\bholding\s+the\s+(?:razor|blade|knife)\s+now\b[^\n]{0,60}?\bblood\b|"
        r"\b(?:taped|tape)\s+(?:up\s+)?(?:the\s+)?(?:windows|doors?|vents?)\b|"
        r"\b(?:weedkiller|bleach|antifreeze|pesticide|paraquat|poison)\b[^.!?\n]{0,50}?\b(?:drink|drinking|swallow)\s+(?:it|some|the)|"
        r"\b(?:drink|drank|drinking|swallow\w*)\s+(?:the\s+|some\s+|a\s+bottle\s+of\s+)?(?:weedkiller|bleach|antifreeze|pesticide|paraquat)\b|"
        r"\b(?:tied|tested|hung|set\s+up)\s+(?:\w+\s+){0,3}?(?:to|on|from|in)\s+(?:the\s+)?(?:banister|beam|rafters?|ceiling\s+fan|"
        r"hook|wardrobe|loft\s+hatch|stairs?\s+rail)\b|\bknot(?:'s|\s+is)\s+tied\b|"
        r"\b(?:rope|noose|charcoal|hose|gun|shotgun)(?:'s|\s+is|\s+are)?\s+(?:\w+\s+){0,2}?in\s+(?:my|the)\s+(?:car|boot|trunk|"
        r"garage|closet|wardrobe|shed|bag)\b",
        subject="self",
    ),
)
RULES = (
    *RULES,
    # A decision or a date said bare, with no object ("i've decided.", "set a date. the 14th", "saturday is the day.").
    RuleSpec(
        "plan",
        "moderate",
        r"\b(?:i've|i\s+have|i|i'd|already)\s+(?:already\s+)?(?:decided|made\s+up\s+my\s+mind)\s*(?:[.!]|$)|"
        r"\b(?:set|picked|chose|chosen)\s+(?:a|the)\s+(?:date|day)\s*(?:[.!,]|$)|"
        r"\b(?:the|a)\s+time[,\s]+(?:and\s+)?the\s+place\b|\bthat's\s+it[,.]?\s+i\s+already\s+decided\b",
        negatable=False,
    ),
)
RULES = (
    *RULES,
    # Looking up a way, a height or a dose; staging an accident.
    RuleSpec(
        "method",
        "imminent",
        r"\b(?:googled|searched|looked\s+up|researching|researched)\s+(?:how|ways|what|the\s+best|which)\b[^\n]{0,60}?\b(?:drown|overdose|"
        r"hang|die|kill|lethal|fatal|look\s+like\s+an\s+accident)\w*|\bmake\s+it\s+look\s+like\s+an\s+accident\b|"
        r"\b(?:cliff|bridge|building|roof|spot|place|drop|tree|beam)\s+(?:\w+\s+)?(?:high|tall|deep|strong)\s+enough\b(?!\s+(?:for|to)\s)|"
        r"\bfound\s+(?:the|a|my)\s+(?:perfect\s+)?(?:spot|place)\s+(?:at|by|on|in)\s+the\s+(?:quarry|bridge|cliffs?|river|lake|woods|"
        r"tracks|car\s+park|roof)\b|\bhow\s+many\s+(?:i\s+(?:need|would\s+need|'d\s+need)|it\s+(?:takes|would\s+take))\b[^\n]{0,40}?"
        r"\b(?:have|got)\s+enough\b",
    ),
    RuleSpec(
        "plan",
        "moderate",
        r"\bi\s+know\s+(?:exactly\s+)?what\s+i'm\s+going\s+to\s+do\s*(?:[.!]|$)",
        negatable=False,
    ),
)

# --- Families (round 7): widened fields and compositions, each written for the family, not the sentence. ---
# Means: gas and bag methods.
FIELDS["means"] += r"|\b(?:exit|suicide)\s+bags?\b|\b(?:helium|nitrogen)\s+(?:tanks?|canisters?|cylinders?)\b"
# Intent around means: a count of someone's pills, several packs bought in different shops, a moment when the house is
# asleep or empty, "just need to actually do it", the hose fitted to the exhaust.
FIELDS["intent"] += (
    r"|\b(?:[2-9]\d|\d{3}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred)\s+of\s+(?:my|the|his|her|their|"
    r"\w+'s|\w+s)\b|\b(?:two|three|four|five|six|several|a\s+few|\d+)\s+(?:more\s+)?(?:packs|boxes|bottles|strips|packets)\b|"
    r"\b(?:different|other|another)\s+(?:shops?|pharmac\w+|chemists?|stores?)\b|\bso\s+(?:they|she|he|nobody|no\s+one)\s+"
    r"(?:wouldn't|won't|doesn't|don't|didn't)\s+(?:ask|notice|suspect)\b|\b(?:after|once|when|till|until)\s+(?:everyone|"
    r"everybody|they|the\s+house|my\s+\w+|the\s+\w+)(?:'s|\s+is|\s+are|'re)?\s+(?:\w+\s+)?(?:asleep|gone|out|left|go\s+to\s+"
    r"(?:bed|sleep|work))\b|\b(?:need|going|gonna|have|ready|about)\s+to\s+(?:actually\s+|finally\s+|just\s+)?do\s+it\b|"
    r"\bturn\s+the\s+key\b|\b(?:to|on|onto|into|fits)\s+the\s+exhaust\b|\bgarage\s+door\s+(?:is\s+)?(?:shut|closed|down)\b|"
    r"\bread\s+(?:up\s+)?about\b"
)
# Cutting too deep: high with a self word, imminent with blood or dizziness (`acute`).
FIELDS["selfharm"] += (
    r"|\b(?:cut|cuts|sliced|slashed|went|gone|cutting)\s+(?:\w+\s+)?(?:too|so|really|way\s+too|much\s+too)\s+deep(?:er)?\b"
    r"(?!\s+(?:into|in|on)\b)|\bwent\s+deeper\s+than\s+(?:i\s+)?(?:meant|wanted|planned|intended|usual)"
)
# Joining the dead: "go be with mum.", "be with her. wherever she is", envy of a grandparent at peace, waiting for one's turn.
FIELDS["join"] += (
    r"|\b(?:go\s+)?be\s+with\s+(?:her|him|them|mum|mom|mam|mama|dad|papa|nan|nana|gran|grandma|grandad|grandpa|"
    r"my\s+(?:late\s+)?\w+)\s*[.,]?\s*(?:again|wherever|where|$|[.!])|\benv(?:y|ied)\s+my\s+(?:late\s+)?(?:grand\w+|nan|nana|gran|"
    r"granny|mum|mom|dad|father|mother|brother|sister|best\s+friend|friend|wife|husband|son|daughter)\b(?!'s)|"
    r"\b(?:jealous|envious)\s+of\s+my\s+(?:late\s+)?(?:grand\w+|nan|nana|gran|granny|mum|mom|dad|father|mother|brother|sister|"
    r"best\s+friend|wife|husband|son|daughter)\b(?!'s)|\bwaiting\s+(?:for\s+)?my\s+turn\b|\b(?:the\s+)?sooner\s+the\s+better\b"
)
FIELDS["bereaved"] += (
    r"|\bwherever\s+(?:she|he|they)\s+(?:is|are)\b|\bout\s+of\s+it\s+all\b|\bworld\s+(?:she's|he's|they're)\s+not\s+in\b|"
    r"\bworld\s+without\s+(?:her|him|them)\b|\b(?:she|he|my\s+(?:grand\w+|nan|nana|gran|granny|mum|mom|dad))\s+was\s+the\s+only\b|\b(?:it's\s+)?been\s+(?:a|one|two|three|\d+)\s+"
    r"years?\b|\b(?:she's|he's|they're)\s+(?:at\s+peace|in\s+a\s+better\s+place|not\s+here\s+any\s*more)\b|\bsince\s+(?:she|he)\s+"
    r"(?:went|left\s+us|passed)\b"
)
# Not seeing morning, stopping breathing, a heart that stops, sleeping for ages and not coming back: after a wish.
FIELDS["vanish"] += (
    r"|\b(?:(?:don't|do\s+not|never|not|won't)\s+(?:\w+\s+)?see\s+(?:the\s+|another\s+|one\s+more\s+)?(?:morning|tomorrow|sunrise|"
    r"daylight|another\s+day|next\s+(?:year|week|birthday|christmas))|stop\s+breathing|(?:heart|body|lungs)\s+(?:would\s+|to\s+|will\s+)?"
    r"(?:just\s+)?(?:stop|give\s+out|quit|give\s+up)|sleep\s+(?:for\s+)?(?:a\s+)?(?:thousand|million|hundred|\d+)\s+years\b[^.!?\n]{0,20}?"
    r"\b(?:not|never)\s+(?:come\s+back|wake)|(?:close|shut)\s+my\s+eyes\s+and\s+(?:never|not)\s+(?:open|wake)|never\s+open\s+them\s+again)\b"
)
# Done existing; a way out nobody can blame one for.
FIELDS["nonexist"] += (
    r"|\bdone\s+(?:with\s+)?(?:existing|being\s+alive|being\s+a\s+person|being\s+here)\b(?!\s+in\s+this\s+(?:heat|weather|class|job))"
)
FIELDS["deathwish"] += (
    r"|\b(?:finally\s+)?a\s+way\s+out\s+(?:that\s+)?(?:nobody|no\s+one)\s+(?:can|could|would|will)\s+blame\b|"
    r"\b(?:cancer|illness|tumou?r|disease|dying|diagnosis)\b[^.!?\n]{0,40}?\b(?:my|a|the)\s+(?:way\s+out|ticket\s+out|exit)\b"
)
# Masked spellings of "killing myself" ("k*lling", "k1ll").
FIELDS["active"] += r"|\bk[1!*.i]?ll(?:s|ed|ing)?\s+myself\b|\bk[*.]+(?:s|ed|ing)?\s+myself\b"
# Final arrangements: cover stories, "the last thing left", a pet placed, things handed to someone, insurance, a folder left
# where someone will find it, a thank-you that sounds like a last message.
FIELDS["arrange"] += (
    r"|\b(?:they|she|he|everyone|everybody|my\s+\w+)\s+thinks?\s+i'm\s+just\s+[^.!?\n]{0,30}|\btold\s+(?:\w+\s+){0,2}?(?:i'm|i\s+am|"
    r"i\s+was)\s+(?:moving|going\s+away|travell?ing)[^.!?\n]{0,20}[.!,]\s*(?:i'm|i\s+am)\s+not(?:\s+\w+)?|\b(?:this|that)(?:\s+app)?"
    r"(?:'s|\s+is)\s+the\s+last\s+(?:thing|one|app)\b|\bthe\s+last\s+thing\s+left\b|\b(?:one|only)\s+(?:last\s+)?thing\s+left\s+"
    r"(?:to\s+do|now)\b|\bfound\s+(?:the|my)\s+(?:\w+\s+)?a\s+new\s+home\b|\bgave\s+(?:my|her|his)\s+(?:best\s+)?(?:sister|brother|mum|"
    r"mom|dad|friend|mate|cousin|niece|nephew|son|daughter|neighbou?r|roommate|flatmate)\s+my\s+(?:\w+\s+){0,2}?\w+|\breturned\s+"
    r"(?:all\s+)?(?:my\s+|the\s+)?(?:library\s+books|borrowed|everything\s+i\s+borrowed)\b|\b(?:sorted|did|filled\s+out|checked|"
    r"updated|read)\s+(?:\w+\s+){0,2}?life\s+insurance\b(?![^.!?\n]{0,40}\b(?:when\s+we|mortgage|house|baby|married|wedding|new\s+job)\b)|\b(?:pays?|paid)\s+out\s+(?:\w+\s+){0,3}?(?:suicide|years?)\b|\b(?:left|put)\s+"
    r"(?:the\s+|a\s+|my\s+)?(?:folder|envelope|papers|documents|paperwork|letter|note|keys|box)\s+(?:\w+\s+){0,6}?where\s+(?:she|he|"
    r"they|someone|my\s+\w+)(?:'ll|\s+will|\s+can)\s+(?:find|see)\b|\b(?:cat|dog|pets?|kitten|puppy)(?:'s|\s+is|\s+are)\s+(?:at|with)\s+"
    r"(?:my|a|the|her|his)\s+\w+|\b(?:you|this\s+app|talking\s+to\s+you|it)\s+helped\s+(?:me\s+)?more\s+than\s+(?:you(?:'ll)?\s+)?"
    r"(?:ever\s+)?know\b|\bwanted\s+someone\s+to\s+know\b|\bjust\s+wanted\s+to\s+say\s+thank|\bleft\s+(?:her|him|them|my\s+\w+|everyone)\s+(?:a\s+)?(?:note|letter)s?\s+(?:she'll|he'll|they'll|"
    r"she\s+will|he\s+will|they\s+will|to)\s+(?:find|read|open)"
)
FIELDS["farewell"] += r"|\bthanks?\s+(?:you\s+|u\s+)?(?:so\s+much\s+)?for\s+(?:everything|trying|listening|all|being|helping|the\s+help)\b"
# Walking into the sea at a named moment, walking the tracks: at a place now.
FIELDS["atplace"] += (
    r"|\b(?:walking|standing|lying|sitting|laying|waiting)\s+(?:(?:along|on|across|between|by|beside|next\s+to)\s+)?the\s+"
    r"(?:train\s+|railway\s+|rail\s+)?(?:tracks|rails)\b(?![^.!?\n]{0,60}\b(?:photos?|pics?|illegal|shoot|selfie|views?|"
    r"photographer|trespass\w*|fine|ticket|trains?\s+(?:are|were|was|is)\s+(?:late|delayed|cancell?ed))\b)|\b(?:i'm|i\s+am|going\s+to|gonna|i'll|about\s+to|i\s+will)\s+(?:\w+\s+){0,2}?"
    r"walk(?:ing)?\s+(?:out\s+)?into\s+the\s+(?:sea|ocean|river|lake|waves|water|tide)\b(?![^.!?\n]{0,60}\b(?:swim\w*|paddl\w*|surf\w*|"
    r"plunge|dip|with\s+(?:the|my)|mates|friends|meme|brb|lol|holiday|wetsuit)\b)"
)
# "in the cold" is weather, not an illness.

_NEAR_ME = r"(?:right\s+)?(?:next\s+to|beside|in\s+front\s+of|by)\s+me"
_KIN = (
    r"(?:wife|husband|partner|girlfriend|boyfriend|gf|bf|kids?|son|daughter|child|baby|toddler|mum|mom|mother|dad|father|"
    r"fianc[eé]e?|stepson|stepdaughter)"
)
RULES = (
    *RULES,
    # A wished fatal event that finds the person: lightning, a meteor, a bus; a doctor finding something terminal.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        rf"\b{_WISHFUL}\b(?:(?!\b(?:not|doesn't|don't|isn't|won't|never|no|nothing)\b)[^.!?\n]){{0,50}}?\b(?:(?:lightning|"
        r"a\s+meteor|meteor|an\s+asteroid|a\s+bus|a\s+truck|a\s+lorry|a\s+car|a\s+train|a\s+tree|a\s+drunk\s+driver)\s+(?:\w+\s+)?"
        r"(?:finds|hits|takes|strikes|gets|falls\s+on|lands\s+on|crushes|runs\s+me|kills)\s+me|(?:find|finds|found|discovers?|"
        r"diagnos\w*)\s+(?:\w+\s+)?(?:something\s+(?:terminal|fatal|incurable|malignant)|a\s+tumou?r|cancer|something\s+that\s+kills))|"
        r"\bif\s+(?:a\s+|an\s+|some\s+)?(?:meteor|asteroid|lightning|bus|truck|lorry|car|plane|train|tree|drunk\s+driver)\s+(?:\w+\s+)?"
        r"(?:hit|hits|struck|fell\s+on|took|killed|flattened|crushed)\s+(?:me|my\s+(?:room|house|flat|car|bed))\b[^.!?\n]{0,40}?\b"
        r"(?:i'd|i\s+would|i'll)\s+(?:\w+\s+)?(?:say\s+thank|thank|be\s+(?:grateful|thankful|relieved|glad|fine|happy|ok|okay))|"
        r"\b(?:cancer|tumou?r|diagnosis|scan|results?|biopsy|illness)(?:'s|\s+is|\s+came|\s+was)?\b[^\n]{0,60}?\bpart\s+of\s+me\s+"
        r"(?:is|was|felt|feels)[.\s]*(?:\w+\s+)?(?:jealous|relieved|glad|happy|excited)",
        negatable=False,
    ),
    # Suicide as attractive, tempting, a plan.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bsuicide\s+(?:is\s+|'s\s+)?(?:looking|looks|seems|sounds|feels|is\s+starting\s+to\s+look|starting\s+to\s+look|started\s+to\s+"
        r"look)\s+(?:\w+\s+){0,2}?(?:attractive|tempting|appealing|inviting|nice|peaceful|easy|easier|better|good|like\s+(?:a|the)\s+"
        r"(?:plan|option|answer|way\s+out|solution))\b",
    ),
    # Urges to hurt someone badly; hurting a partner or child now and fearing worse; bringing something to school.
    RuleSpec(
        "harm_to_others",
        "high",
        r"\b(?:think\w*|thought\w*|pictur\w*|imagin\w*|fantasi[sz]\w*|daydream\w*|dream\w*|urges?|tempted|want|wanna|keep\s+seeing|"
        r"obsess\w*)\b[^.!?\n]{0,60}?\b(?:(?:really|properly|seriously|badly|physically)\s+hurt(?:ing)?\s+(?:him|her|them|my\s+"
        r"(?:\w+\s+)?\w+|that\s+\w+|the\s+\w+)\b(?!'s|\s+feelings)|run(?:ning)?\s+(?:him|her|them|my\s+(?:\w+\s+){0,2}?\w+|that\s+\w+)\s+"
        r"(?:over|down)\b|stab(?:bing)?\s+(?:him|her|them|my\s+\w+)\b|strangl\w*\s+(?:him|her|them|my\s+\w+)\b|beat(?:ing)?\s+"
        r"(?:him|her|them|my\s+\w+)\s+(?:up|to\s+death|senseless|until))|"
        rf"\bi\s+(?:just\s+)?(?:slapped|hit|punched|shoved|pushed|choked|kicked|beat|strangled|shook|throttled)\s+(?:my\s+)?{_KIN}\b"
        r"(?!\s+(?:with\s+(?:a\s+)?(?:pillow|snowball|ball)|up\b))|"
        r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?i(?:'ll|\s+will|\s+might|'m\s+going\s+to|\s+could)\s+(?:actually\s+|"
        r"really\s+)?(?:do\s+(?:something\s+)?worse|hurt\s+(?:her|him|them|someone|somebody|my\s+\w+|the\s+baby)\b(?!'s|\s+(?:feelings|"
        r"chances|career|pride))|kill\s+(?:her|him|them|someone|somebody)|snap\s+and)|"
        r"\bbring(?:ing)?\s+(?:something|a\s+(?:gun|knife|weapon|blade)|my\s+(?:dad's|mum's|mom's|brother's|uncle's)\s+\w+)\s+(?:to\s+"
        r"(?:school|class|work|college|uni)\s+)?(?:tomorrow|on\s+\w+day|monday|tuesday|wednesday|thursday|friday|next\s+week)\b"
        r"(?![^.!?\n]{0,30}\b(?:bake|cake|cookies|snacks|food|potluck|party|lunch|present|gift|show\s+and\s+tell))[^.!?\n]{0,40}?\b"
        r"(?:be\s+sorry|regret|pay|learn|won't\s+laugh)\b",
        subject="self",
    ),
    # Already taken, with the time since or the drug being felt.
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:already|just)\s+(?:took|swallowed|taken|downed|had)\s+(?:them|them\s+all|all\s+of\s+them|it\s+all|the\s+lot|the\s+whole\s+"
        r"\w+)\b(?!\s+(?:to|for|out|home|back|with|in|off|on|there|up|down|away|along|shopping|outside|inside)\b)(?=[^\n]{0,80}\b(?:ago|"
        r"floaty|dizzy|sleepy|drowsy|numb|woozy|fuzzy|heavy|spinning|blurry|sick|throwing\s+up|vomit\w*|heart\s+(?:is\s+)?(?:racing|"
        r"pounding)|can't\s+(?:feel|see|think|keep)|feel\s+(?:weird|strange|funny|calm|nothing)|kicking\s+in))|"
        r"\b(?:cut|sliced|slashed|went|gone)\s+(?:\w+\s+)?(?:too|so|really|way\s+too)\s+deep\b(?!\s+(?:into|in|on)\b)(?=[^\n]{0,120}\b"
        r"(?:blood|bleed\w*|won't\s+stop|dizzy|lightheaded|light\s+headed|faint|can't\s+stop|soaked|towels?))|"
        r"\b(?:the\s+|my\s+)?cuts?(?:'s|\s+is|\s+are)\s+(?:\w+\s+)?(?:too|really|so|very)\s+deep\b(?=[^\n]{0,80}\b(?:won't\s+stop|"
        r"can't\s+stop|dizzy|lightheaded|faint|soaked|everywhere))|\bdeeper\s+than\s+(?:i\s+)?(?:meant|planned|wanted|usual|intended)\b",
        subject="self",
    ),
    # Means within reach now, with the nerve or the moment named; driving into water or a wall, decided.
    RuleSpec(
        "preparation",
        "imminent",
        rf"\b(?:knife|blade|razor|pills|tablets|rope|noose|gun|bottle)(?:'s|\s+is|\s+are|s\s+are)\s+{_NEAR_ME}\b(?=[^\n]{{0,80}}\b"
        r"(?:shak\w*|just\s+need|nerve|courage|ready|tonight|now|do\s+it|staring|looking\s+at))|"
        r"\b(?:so|then)\s+(?:she|he|they|no\s+one|nobody)\s+(?:can't|cannot|won't\s+be\s+able\s+to)\s+stop\s+me\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "intent",
        "imminent",
        r"\b(?:i'm|i\s+am|i'll|i\s+will|going\s+to|gonna|about\s+to|plan\s+to)\s+(?:just\s+)?(?:drive|driving|steer|steering|swerve|"
        r"swerving)\s+(?:\w+\s+)?(?:into|off)\s+(?:the|a)\s+(?:reservoir|river|lake|sea|quarry|cliff|canal|harbou?r|oncoming\s+traffic|"
        r"bridge|wall|tree|lorry|truck|barrier|pillar)\b(?!\s+(?:district|view|car\s+park|parking|town|road|drive|house|village|"
        r"country|path|trail))",
    ),
)
RULES = (
    *RULES,
    # Self-harm after a streak or said to be deliberate: the kitchen or the stove does not make it an accident.
    RuleSpec(
        "self_harm",
        "high",
        rf"\b(?:relaps\w*|broke\s+my\s+streak|\d+\s+(?:days?|weeks?|months?)(?:\s+clean)?\s+and\s+(?:then\s+)?i)\b[^\n]{{0,60}}?"
        rf"\b{_BROAD_SH_VERB}\s+(?:\w+\s+){{0,2}}?my\s+(?:own\s+)?(?:\w+\s+)?{_BODY}\b|\b{_BROAD_SH_VERB}\s+(?:\w+\s+){{0,2}}?my\s+"
        rf"(?:own\s+)?(?:\w+\s+)?{_BODY}\b[^.!?\n]{{0,60}}?\b(?:on\s+purpose|deliberately|to\s+feel\s+something|to\s+punish\s+myself|"
        r"relaps\w*)\b",
    ),
    # A wish that a danger had ended it, said of war or a dangerous job ("always a chance you'd catch one and it'd all be over").
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bchance\s+(?:that\s+)?(?:i'd|you'd|i\s+would|i\s+might|you\s+might|you\s+would)\s+(?:\w+\s+){0,3}?(?:and\s+)?(?:it'd|"
        r"it\s+would|it\s+could|it\s+might)\s+(?:all\s+)?be\s+over\b|\blife(?:'s|\s+is)\b[^\n]{0,60}?\b(?:hand|give|send|return)\w*\s+"
        r"(?:\w+\s+){0,2}?back\b[^.!?\n]{0,40}?\b(?:if|let\s+me|happily|gladly|tomorrow)\b|\breturn\s+(?:me|my\s+life|this\s+life)\s+"
        r"to\s+sender\b|\b(?:wish|want)\s+(?:i\s+could\s+|to\s+)?(?:return|give\s+back|refund)\s+(?:my\s+)?life\b",
        subject="self",
        negatable=False,
    ),
    # A bag or gas method named.
    RuleSpec("method", "high", r"\b(?:exit|suicide)\s+bags?\b|\b(?:helium|nitrogen)\s+(?:hood|bag)\b"),
)
# Singlish and meme hyperbole: "scold me until i want to die sia", "'i want to die' - me, every time ...".
MASKS = (
    *MASKS,
    MaskSpec(r"\buntil\s+i\s+(?:want|wanna)\s+(?:to\s+)?die\b(?=\s+(?:sia|lah|leh|lor|liao|one|already)\b)"),
    MaskSpec(r"['\"]\s*i\s+(?:want|wanna)\s+(?:to\s+)?die\s*['\"]\s*[-–—:]+\s*me\b"),
)
_CUE_ADD = {
    # After earlier risk, "waiting for my flatmate to leave" and "it arrived" mean "now".
    "when": r"|\bwaiting\s+(?:for|till|until)\s+(?:my\s+\w+|everyone|everybody|them|him|her|the\s+house|the\s+\w+)\s+to\s+(?:leave|"
    r"go|fall\s+asleep|be\s+asleep|go\s+out|go\s+to\s+(?:bed|sleep|work))\b|\b(?:till|until|once)\s+(?:everyone|they|he|she|my\s+\w+)"
    r"\s+(?:leaves|goes\s+out|is\s+asleep|falls\s+asleep|left)\b|\b(?:arrived|came|got\s+delivered|was\s+delivered|turned\s+up)\s+"
    r"(?:today|this\s+morning|just\s+now)\b",
    "means": r"|\b(?:tank|exit\s+bag|hose|charcoal)\b",
    "probe": r"|\b(?:exit|suicide)\s+bags?\b|\bdoesn't\s+hurt\b",
    "join": r"|\bwaiting\s+(?:for\s+)?my\s+turn\b|\bsooner\s+the\s+better\b|\benv(?:y|ied)\s+(?:him|her|them|my)\b",
}
CUES = tuple(CueSpec(c.kind, c.pattern + _CUE_ADD[c.kind]) if c.kind in _CUE_ADD else c for c in CUES)
# --- Round 7, second pass: families found by paraphrasing ---
_CHARITY = (
    r"(?![^.!?\n]{0,40}\b(?:charity|charities|donat\w*|thrift|op\s+shop|goodwill|salvation\s+army|clothes\s+bank|vinted|ebay|"
    r"sold|selling)\b)"
)
# Sleeping and that's the end; no more mornings: after a wish.
FIELDS["vanish"] += (
    r"|\b(?:fall\s+asleep|go\s+to\s+sleep|sleep|close\s+my\s+eyes)\s+and\s+(?:that's|that\s+is|thats)\s+(?:it|the\s+end)\b|"
    r"\bno\s+more\s+(?:me|mornings|waking\s+up|tomorrows)\b"
)
# Thinking of "ending it", with nothing that makes it a relationship, a contract or a job (a phrase rule below).
_ENDING_IT = (
    r"\b(?:think\w*|thought|considering|consider)\s+(?:about|of)\s+ending\s+it\b(?![^.!?\n]{0,40}\b(?:with|him|her|he|she|"
    r"relationship|us|them|contract|lease|subscription|job|marriage|engagement|friendship|things\s+with)\b)|\b(?:want|wanna|going|"
    r"gonna|ready)\s+to\s+end\s+it\s*(?:[.!]|$|\s+(?:tonight|now|today|soon|all))"
)
RULES = (*RULES, RuleSpec("suicidal_thoughts", "high", _ENDING_IT))
# Means made ready: stocked up, enough saved; a rope kept in a bag.
FIELDS["intent"] += (
    r"|\bstock(?:ed|ing)\s+up\b|\b(?:have|got|i've\s+got)\s+enough\s+(?:\w+\s+)?(?:saved|now|to\s+do\s+it|for\s+it)\b|"
    r"\benough\s+(?:now|saved)\b"
)
FIELDS["atplace"] += (
    r"|\b(?:writing|typing|texting|messaging|sending)\s+(?:this|you)\s+(?:\w+\s+)?from\s+(?:the|a|my)\s+(?:\w+\s+){0,2}?(?:bridge|"
    r"roof|rooftop|ledge|cliff|tracks|platform|car\s+park|top\s+floor|balcony)\b(?![^.!?\n]{0,40}\b(?:bar|cafe|restaurant|party|"
    r"view|terrace|garden)\b)"
)
FIELDS["farewell"] += r"|\b(?:i'm\s+)?sorry\s+for\s+everything\b"
FIELDS["arrange"] += (
    # Asking someone else to care for one's own: "please feed my cat", "told her to take care of my plants",
    # "if anything happens, look after my dog"; not caring for them oneself ("able to look after my dad").
    r"|(?:\bplease\s+|\b(?:can|could|will|would)\s+(?:you|u|someone|somebody)\s+|\b(?:told|tell|telling|asked|ask|asking|"
    r"begged|want|wanted|need|needs|remind\w*)\s+(?:\w+\s+){1,8}?to\s+|^\s*|[.!?,;:]\s*)"
    r"(?:look\s+after|take\s+care\s+of|feed|walk|water)\s+my\s+(?:dog|cat|pets?|kids?|children|mum|mom|dad|plants|fish|"
    r"rabbit|bird|boys|girls)\b"
)
RULES = (
    *RULES,
    # Half a bottle or a handful swallowed.
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:took|taken|swallowed|downed|had|necked)\s+(?:half|most|all)\s+(?:of\s+)?(?:the|a|my)\s+(?:bottle|pack|box|packet|strip|"
        r"pills|tablets)\b(?!\s+of\s+(?:wine|vodka|whiskey|beer|rum|gin|water|coke|juice|milk|cider|prosecco))|"
        r"\b(?:took|taken|swallowed|downed|necked)\s+(?:a\s+)?(?:whole\s+)?(?:bunch|handful|fistful|load)\s+of\s+(?:my\s+)?"
        rf"{_DRUGS}\b(?=[^\n]{{0,60}}\b(?:ago|just\s+now|tonight|floaty|dizzy|sleepy|drowsy|numb|woozy|spinning|sick|on\s+purpose))",
        subject="self",
    ),
    # Imagining driving off the road; a rope or noose kept ready in a bag, a locker, a room.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:think\w*|imagin\w*|pictur\w*|tempt\w*|urges?|want\w*)\b[^.!?\n]{0,30}?\bdriv\w+\s+(?:\w+\s+)?off\s+(?:the|a)\s+"
        r"(?:road|motorway|highway|overpass|cliff|bridge|edge|pier)\b",
    ),
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:rope|noose)(?:'s|\s+is|\s+are)?\s+(?:\w+\s+)?in\s+my\s+(?:backpack|bag|locker|room|drawer|"
        r"wardrobe|closet|desk|pocket|car)\b(?![^.!?\n]{0,30}\b(?:camping|climbing|sailing|hike|hiking|shaving|gym)\b)",
        subject="self",
    ),
    # A date set for a weekday, said bare.
    RuleSpec(
        "plan",
        "moderate",
        r"\b(?:set|picked|chose|chosen)\s+(?:a|the)\s+date\s+for\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*(?:[.!,]|$)",
        negatable=False,
    ),
)
# Hyperbole: "going to kill my brother for eating my fries".
MASKS = (
    *MASKS,
    MaskSpec(
        r"\b(?:going\s+to|gonna|will|i'll|i'ma|could|about\s+to)\s+(?:literally\s+|actually\s+)?(?:kill|murder|strangle)\s+"
        r"(?:him|her|them|my\s+\w+|that\s+\w+)\s+for\s+(?:eating|taking|using|stealing|borrowing|finishing|drinking|breaking|losing|"
        r"spoiling|not|being|leaving|forgetting|telling|posting|spilling|hogging|wearing)\b"
    ),
)
# --- Round 7, third pass ---
FIELDS["arrange"] += (
    r"|\b(?:(?:he|she|they|nobody|no\s+one)\s+)?(?:doesn't|don't|didn't|won't)\s+need\s+to\s+know\s+why\b|\b(?:they|she|he)\s+(?:don't|doesn't|didn't|won't)\s+know\s*"
    r"(?:[.!]|$|why|it's|its|this\s+is|what)"
)
FIELDS["farewell"] += r"|\bi'm\s+sorry\s+(?:mum|mom|dad|mam|everyone|guys|all)\b"
FIELDS["finality"] += (
    r"|\bif\s+you\s+(?:don't|do\s+not|never)\s+hear\s+from\s+me\s+(?:again|tomorrow|after\s+(?:today|tonight))\b|"
    r"\bby\s+this\s+time\s+(?:tomorrow|next\s+week)\s+i(?:'ll|\s+will)\s+be\s+(?:gone|dead|free)\b|\bi(?:'ll|\s+will)\s+be\s+gone\s*(?:[.!]|$)"
)
FIELDS["intent"] += r"|\bin\s+the\s+(?:woods|forest)\b|\bon\s+purpose\b"
RULES = (
    *RULES,
    # Looking up a painless way, how long bleeding out takes, the highest drop nearby.
    RuleSpec(
        "method",
        "high",
        r"\b(?:googl\w*|search\w*|looking\s+up|looked\s+up|researching|reading\s+about)\s+(?:\w+\s+){0,2}?(?:painless|quick(?:est)?|"
        r"easiest|fastest|peaceful|surest|sure)\s+(?:ways?|methods?)\b|\bhow\s+long\s+(?:does\s+it|would\s+it|will\s+it|it)\s+takes?\s+"
        r"to\s+(?:bleed\s+out|drown|die|suffocate|hang|od|overdose)\b|\b(?:highest|tallest)\s+(?:bridge|building|cliff|car\s+park|"
        r"multi[-\s]?stor(?:e)?y|roof)\s+(?:near|around|in)\s+(?:me|here|my\s+(?:town|area|city))\b|\bpainless\s+ways?\s+to\s+"
        r"(?:die|go|end\s+it)\b",
    ),
    # Bleeding that the person did to themselves.
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:bleed\w*|blood|cut|cuts|wound|burns?)\b[^\n]{0,60}?\b(?:i\s+)?did\s+(?:it|this|that)\s+(?:to\s+)?myself\b|"
        r"\bdid\s+(?:it|this|that)\s+(?:to\s+)?myself\b[^\n]{0,40}?\b(?:bleed\w*|blood|cut|cuts)\b",
        subject="self",
    ),
    # Threats to break the person's bones or hurt them.
    RuleSpec(
        "abuse_threat",
        "high",
        r"\b(?:he|she|they|my\s+\w+)\s+(?:said|says|threatened|swore|keeps\s+saying)\s+(?:that\s+)?(?:he'll|she'll|they'll|he\s+will|"
        r"she\s+will|they\s+will|he'd|she'd|they'd|to)\s+(?:\w+\s+)?(?:(?:break|smash)\s+my\s+(?:legs?|arms?|face|neck|jaw|nose|teeth|"
        r"fingers|bones|head)|(?:hurt|beat|stab|shoot|burn)\s+me)\b",
        concern="abuse",
        subject="self",
    ),
    # Making someone pay, knowing where they live; pushing someone down the stairs; smashing a face in; burning a house down.
    RuleSpec(
        "harm_to_others",
        "high",
        r"\bmake\s+(?:him|her|them|my\s+\w+)\s+pay\b[^\n]{0,60}?\bknow\s+where\s+(?:he|she|they)\s+(?:lives|works|parks|sleeps|goes)\b|"
        r"\bknow\s+where\s+(?:he|she|they)\s+(?:lives|works)\b[^\n]{0,60}?\bmake\s+(?:him|her|them)\s+pay\b|"
        r"\b(?:think\w*|thought\w*|pictur\w*|imagin\w*|fantasi[sz]\w*|daydream\w*|urges?|tempted|want|wanna|keep\s+seeing)\b"
        r"[^.!?\n]{0,60}?\b(?:push(?:ing)?\s+(?:him|her|them|my\s+\w+)\s+(?:down\s+the\s+stairs|off|in\s+front\s+of|into\s+traffic)|"
        r"smash(?:ing)?\s+(?:his|her|their|my\s+\w+'s|\w+'s)\s+(?:face|head|skull)\s+in|burn(?:ing)?\s+(?:his|her|their)\s+(?:house|"
        r"place|flat|car)\s+down)",
        subject="self",
    ),
    # Passive wishes said as images: the forever sleep, six feet under, going home to god, not being the last one left.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:forever|eternal|permanent)\s+(?:kind\s+of\s+|sort\s+of\s+)?sleep\b|\bnot\s+wake\s+up\s+(?:kind\s+of\s+)?rest\b|"
        r"\b(?:six|6)\s+f(?:ee|oo)t\s+under\s+(?:sounds|seems|looks|feels)\b|\b(?:ready|want|wanna)\s+to\s+(?:go\s+home\s+to|meet|be\s+"
        r"with)\s+(?:jesus|god|the\s+lord|my\s+maker)\b|\b(?:don't|do\s+not)\s+want\s+to\s+be\s+the\s+(?:last|only)\s+one\s+(?:left|"
        r"standing)\b|\b(?:bath|water|under|pool|sea|lake)\b[^\n]{0,60}?\b(?:not|never)\s+(?:coming|come)\s+(?:back\s+)?up\b|"
        r"\b(?:stand|standing|stood|lean|leaning|walk|walking)\s+(?:\w+\s+){0,3}?(?:close\s+to|near|on)\s+the\s+(?:platform\s+)?edge\b"
        r"[^\n]{0,40}?\bon\s+purpose\b|\b(?:turbulence|plane|flight|crash|swerv\w*|skid\w*|brakes)\b[^\n]{0,60}?\b(?:caught\s+myself\s+"
        r"hoping|part\s+of\s+me\s+(?:hoped|wanted|was\s+hoping)|i\s+(?:kind\s+of\s+|kinda\s+)?hoped)\b",
        negatable=False,
    ),
    # How easy it would be, with a drop or a means in view.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:balcony|bridge|ledge|window|edge|tracks|roof|train|pills|knife|traffic|cliff)\b[^\n]{0,60}?\bhow\s+easy\s+(?:it'd|"
        r"it\s+would|it\s+is|it's|it\s+could)\b|\bhow\s+easy\s+(?:it'd|it\s+would|it\s+is|it's)\s+(?:be\s+)?to\s+(?:just\s+)?(?:jump|"
        r"step\s+(?:off|out|in\s+front)|fall|lean\s+(?:over|forward)|let\s+go|swerve|take\s+them\s+all)\b",
    ),
)
RULES = (
    *RULES,
    # "Tonight's the night" with an apology or a goodbye to family.
    RuleSpec(
        "preparation",
        "imminent",
        r"\b(?:tonight|today)(?:'s|s|\s+is)\s+the\s+(?:night|day)\b[^\n]{0,40}?\b(?:i'm\s+sorry|sorry\s+(?:mum|mom|dad|everyone)|"
        r"goodbye|forgive\s+me|love\s+you\s+all)\b|\b(?:i'm\s+sorry|forgive\s+me|goodbye)\b[^\n]{0,40}?\b(?:tonight|today)(?:'s|s|"
        r"\s+is)\s+the\s+(?:night|day)\b",
        negatable=False,
    ),
)
# --- Round 7, fourth pass ---
FIELDS["finality"] += (
    r"|\bsaid\s+(?:all\s+)?my\s+goodbyes\b(?!\s+to\s+(?:the|my|our)\s+(?:\w+\s+)?(?:house|flat|team|office|job|colleagues|coworkers|"
    r"class))"
)
FIELDS["burden"] += r"|\bbetter\s+off\s+with\s+(?:the|my)\s+(?:life\s+)?(?:insurance|inheritance)\b"
FIELDS["vanish"] += r"|\bget\s+hit\s+by\s+(?:a|the)\s+(?:truck|bus|car|train|lorry|tram)\b"
# Hyperbole and jokes with a reveal: "if i hear one more christmas song i'm gonna jump off the roof", "ending it all... my
# subscription", "'i'm going to walk into the sea' - me every time", "i've decided" about a job, "going to kill him" over leftovers.
MASKS = (
    *MASKS,
    MaskSpec(
        r"\bif\s+(?:i\s+)?(?:have\s+to\s+)?(?:hear|see|get|read|do|sit\s+through|answer|receive|write|grade|take|attend|watch)\s+"
        r"(?:\w+\s+){0,2}?(?:one\s+more|another)\s+(?:\w+\s+){0,2}?(?:songs?|emails?|meetings?|questions?|calls?|zooms?|ads?|tiktoks?|"
        r"customers?|group\s+projects?|spreadsheets?|essays?|reels?|memes?|comments?|texts?|notifications?)\b[^.!?\n]{0,60}?"
        r"\b(?:jump|kill\s+myself|die|walk\s+into)\b(?:\s+(?:off|out|into|of)\s+(?:the|a|my)\s+(?:\w+\s+)?(?:roof|window|cliff|bridge|"
        r"balcony|sea|ocean|traffic))?"
    ),
    MaskSpec(
        r"\b(?:going\s+to|gonna|about\s+to)\s+jump\s+(?:off|out)\s+(?:of\s+)?(?:the|a|my)\s+(?:\w+\s+)?(?:roof|window|cliff|bridge|"
        r"balcony)\b(?=[^.!?\n]{0,40}(?:\bevery\s+(?:time|single|family|christmas|reunion|day|week|meeting)\b|\blol\b|\bhaha\w*|\blmao\b|"
        r"🙃|😂|🤣|😭))"
    ),
    MaskSpec(r"['\"]\s*me\s+when\b[^'\"\n]{0,80}['\"]|['\"][^'\"\n]{0,80}['\"]\s*[-–—:]+\s*me\s+(?:every\s*time|when|whenever|after|at|on)\b"),
    MaskSpec(
        r"\bend(?:ing|ed)?\s+it\s+all\b[.\s…]*(?:with\s+)?(?:my|the|this|our)\s+(?:\w+\s+){0,3}?(?:subscriptions?|contract|membership|"
        r"relationship|diet|streak|account|plan|phone\s+plan|lease|gym|netflix|spotify|situationship|group\s+chat)\b"
    ),
    MaskSpec(
        r"\b(?:quit\w*|resign\w*|hand\s+in\s+my\s+notice|break(?:ing)?\s+up|leav(?:e|ing)\s+(?:him|her|my\s+job)|going\s+vegan|"
        r"dropping\s+out)\b[^\n]{0,80}?\bi(?:'ve|\s+have)\s+decided\b|\bi(?:'ve|\s+have)\s+decided\b[^\n]{0,80}?\b(?:quit\w*|"
        r"resign\w*|hand\s+in\s+my\s+notice|break(?:ing)?\s+up\s+with|leav(?:e|ing)\s+(?:him|her|my\s+job)|dropping\s+out)\b"
    ),
    MaskSpec(
        r"\b(?:going\s+to|gonna|will|i'll)\s+(?:literally\s+)?kill\s+(?:him|her|them)\b(?=[.!,\s(]*\(?\s*(?:i'm\s+not|not\s+really|"
        r"jk|kidding|obviously\s+not|i\s+won't))|\b(?:ate|eaten|stole|took|used|finished|drank|broke|borrowed)\s+my\s+\w+"
        r"[^.!?\n]{0,40}?\b(?:going\s+to|gonna|i'll|i'm\s+gonna)\s+(?:literally\s+)?kill\s+(?:him|her|them)\b"
    ),
)
# --- Round 7, fifth pass: passive wishes said sideways, indifference to dying, harm and abuse phrasings ---
FIELDS["vanish"] += (
    r"|\bgo(?:ing)?\s+missing\b(?!\s+(?:for\s+(?:a|the)\s+(?:day|weekend|bit)|from\s+(?:the|my)\s+(?:group|chat|class|office)))|"
    r"\bnever\s+(?:be|being)\s+found\b|\bwalk(?:ing)?\s+into\s+the\s+(?:woods|forest|sea|ocean|desert)\s+and\s+(?:never|not)\b"
)
FIELDS["bereaved"] += r"|\b(?:she|he|they)\s+got\s+to\s+go\b|\bstill\s+stuck\s+here\b"
RULES = (
    *RULES,
    RuleSpec(
        "passive_death_wish",
        "moderate",
        # death that "doesn't sound so bad"; seeing the dead if one dies
        r"\b(?:die|dying|dead|death)\b[^.!?\n]{0,60}?\b(?:doesn't|does\s+not|wouldn't|don't|dont|doesnt)\s+(?:sound|seem|feel)\s+"
        r"(?:so\s+|that\s+|too\s+)?bad\b|\bif\s+i\s+(?:die|died|was\s+dead|were\s+dead)\b[^.!?\n]{0,30}?\b(?:see|be\s+with|join|meet)\s+"
        r"(?:him|her|them|my\s+\w+|grandpa|grandma|grandad|nan|mum|mom|dad)\b|"
        # a driver swerving into me would be easier
        r"\b(?:easier|better|nice|relief|wouldn't\s+mind|hope|hoping|wish)\b[^.!?\n]{0,40}?\b(?:someone|somebody|a\s+car|a\s+truck|"
        r"a\s+lorry|a\s+bus|a\s+drunk\s+driver|a\s+driver)\s+(?:just\s+)?(?:swerved|crashed|ploughed|plowed|drove|ran|slammed|hit)\s+"
        r"(?:into\s+)?me\b|"
        # indifference to living or dying
        r"\b(?:idc|i\s+don't\s+care|don't\s+care|dont\s+care|do\s+not\s+care|couldn't\s+care\s+less)\s+(?:if|whether)\s+i\s+(?:live\s+"
        r"or\s+die|die|don't\s+make\s+it|dont\s+make\s+it|wake\s+up|survive|make\s+it\s+(?:to|past))\b|\b(?:without\s+looking|don't\s+"
        r"look|red\s+lights?)\b[^\n]{0,60}?\bif\s+it\s+happens,?\s+it\s+happens\b|"
        # hoping tonight is the last time
        r"\bhop\w*\s+(?:it's|it\s+is|this\s+is|tonight\s+is)\s+the\s+last\s+time\s+i(?:'ll|\s+will)?\s+(?:have\s+to|ever)\b|"
        r"\b(?:lean|stand|step|stood|leaning|standing)\w*\s+(?:\w+\s+){0,3}?too\s+close\s+to\s+the\s+(?:platform\s+|cliff\s+|roof\s+)?"
        r"edge\b|"
        # others better off; being in the crash instead; the hoped-for surgical risk
        r"\b(?:their|his|her|everyone's|my\s+\w+'s)\s+lives?\s+would\s+be\s+(?:so\s+much\s+)?(?:better|easier)\b[^\n]{0,60}?\b(?:wish|"
        r"want|give\s+them\s+that|without\s+me)\b|\bwish\s+(?:it\s+was|i\s+was|i'd\s+been|i\s+had\s+been)\s+(?:in\s+)?(?:that|the)\s+"
        r"(?:crash|accident|car|plane|fire)\s+instead\b|\bgone\s+like\s+i\s+want\b|\b(?:life|everything|things)\s+would\s+be\s+(?:so\s+"
        r"much\s+)?(?:simpler|easier|better)\s+if\s+i\s+(?:just\s+)?(?:wasn't|weren't|was\s+not|were\s+not)\s+(?:in\s+it|here|around|"
        r"alive)\b|\b(?:risks?|die|death|complications?|surgery|operation|anaesthe\w+|anesthe\w+)\b[^\n]{0,80}?\bhop\w*\s+(?:i'd|"
        r"i\s+would|i)\s+(?:be\s+)?(?:one\s+of\s+them|the\s+(?:one|unlucky\s+one)|unlucky)\b|"
        r"\blife(?:'s|\s+is)\b[^\n]{0,60}?\b(?:cancel|unsubscribe|refund|opt\s+out)\b",
        negatable=False,
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\bend(?:ing|ed|s)?\s+(?:the|my|this)\s+pain\s+(?:for\s+good|forever|permanently)\b|\byeet\w*\s+myself\s+(?:off|out|into)\b|"
        r"\b(?:googl\w*|search\w*|looking\s+up|looked\s+up|research\w*|reading\s+about)\s+(?:\w+\s+){0,2}?ways?\s+to\s+(?:die|kill\s+"
        r"myself|end\s+(?:it|my\s+life)|od|overdose)\b",
    ),
    RuleSpec(
        "abuse",
        "high",
        r"\b(?:he|she|they|my\s+\w+)\s+(?:keeps?|kept|has\s+been|is\s+always|always)\s+touching\s+me\b|\b(?:coach|teacher|uncle|"
        r"stepdad|stepfather|tutor|priest|boss)\s+(?:\w+\s+){0,2}?(?:touches|touched|touching)\s+me\b",
        concern="abuse",
        subject="self",
    ),
    RuleSpec(
        "harm_to_others",
        "high",
        r"\bmake\s+(?:(?:the|those|that|them|him|her|everyone)\b[^.!?\n]{0,40}?)?pay\b[^\n]{0,20}?\breally\s+pay\b|"
        r"\b(?:going\s+to|gonna|will|i'll)\s+(?:seriously|really|badly|properly)\s+(?:hurt|kill|stab|beat)\s+(?:him|her|them|my\s+\w+)\b|"
        r"\b(?:could|might|going\s+to|gonna|will|scared\s+i'll|afraid\s+i'll)\s+snap\s+and\s+(?:\w+\s+)?(?:kill|hurt|stab|attack|hit)\s+"
        r"(?:someone|somebody|people|everyone|him|her|them)\b",
        subject="self",
    ),
)
# --- Round 7, sixth pass: imminent families (set-ups, bath and blade, hotel, tying, finishing it) ---
FIELDS["means"] += r"|\b(?:bag|box|load|bunch)\s+of\s+(?:everything|stuff|pills|meds)\s+from\s+the\s+(?:pharmacy|chemist|drugstore)\b"
FIELDS["intent"] += (
    r"|\bhotel\s+room\b|\bbooked\s+a\s+(?:hotel|room)\b|\bbath(?:'s|\s+is)\s+(?:running|run|full)\b|\brunning\s+(?:a|the)\s+bath\b"
)
FIELDS["nonexist"] += r"|\b(?:don't|do\s+not|dont)\s+want\s+to\s+be\s+(?:saved|found|rescued|stopped|revived)\b"
RULES = (
    *RULES,
    RuleSpec(
        "plan",
        "imminent",
        r"\bi\s+know\s+(?:exactly\s+)?(?:how\s+and\s+when|when\s+and\s+how|where\s+and\s+when|when\s+and\s+where)\b|"
        r"\bi\s+know\s+(?:exactly\s+)?(?:which|what)\s+(?:part\s+of\s+the\s+)?(?:cliff|bridge|spot|building|floor|tree|train|ledge)\b|"
        r"\blooked\s+up\s+how\s+(?:high|tall|deep|far\s+down)\s+(?:the|a|that)\b|"
        r"\b(?:going\s+to|gonna|i'll|i\s+will|ready\s+to|about\s+to)\s+finish\s+it\b(?=[^\n]{0,80}\b(?:thought\s+it\s+through|for\s+good|"
        r"for\s+real|myself|once\s+and\s+for\s+all|no\s+more))",
        negatable=False,
    ),
    RuleSpec(
        "attempt",
        "imminent",
        r"\b(?:tying|tied|tie|knotting|knotted|looping|looped|hooked|hooking)\s+(?:the|a|my)\s+(?:belt|rope|cord|scarf|sheet|cable|"
        r"dressing\s+gown\s+cord|tie|noose)\s+(?:\w+\s+){0,2}?(?:to|on|around|round|from|onto)\s+(?:the\s+|my\s+)?(?:wardrobe|door|"
        r"banister|beam|rafters?|ceiling|hook|pipe|bed\s+frame|bunk|stairs|railing|handle|neck|loft)\b(?![^.!?\n]{0,40}\b(?:swing|"
        r"hammock|tent|boat|dog|clothes\s*line|washing|christmas|decorations?|costume)\b)",
        subject="self",
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:thoughts|ones|urges|ideas)\b[^.!?\n]{0,50}?\babout\s+ending\s+it\b(?!\s+with)",
    ),
)
_CUE_ADD = {
    "ready": r"|\bholding\s+onto\b|\bhang(?:ing)?\s+onto\b|\b(?:\d+|two|three|four|five)\s+(?:bottles|boxes|packs|strips)\b",
    "probe": r"|\bhow\s+long\s+(?:does\s+it|it|would\s+it)\s+takes?\b|\bhow\s+cold\b|\bno\s+(?:barrier|railing|fence|guardrail)\b",
    "decided": r"|\b(?:dog|cat|pets?)\s+will\s+go\s+to\b|\bpaid\s+off\s+(?:the|my)\s+(?:credit\s+card|debts?|loan)\b|"
    r"\bmade\s+sure\s+(?:the|my)\s+(?:dog|cat|kids|pets?)\b",
    "abuse_now": r"|\b(?:he's|she's)\s+(?:locking|locked)\s+(?:the\s+|all\s+the\s+)?doors?\b|\bjust\s+got\s+home\b|\b(?:he's|she's)\s+drunk\b",
    "when": r"|\b(?:tomorrow|tonight)\s+(?:morning|night|evening)\b|\bon\s+the\s+way\s+to\s+work\b|\bi'll\s+just\s+not\s+turn\b",
}
CUES = tuple(CueSpec(c.kind, c.pattern + _CUE_ADD[c.kind]) if c.kind in _CUE_ADD else c for c in CUES)
# Chinese slang replacement turns "ctb"/"sewerslide" into 自杀 even inside English text: read it as "suicide" there.
RULES = (
    *RULES,
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:about|of|abt|wanna|want\s+to|gonna|going\s+to|might|will|to)\s+自杀|自杀\s+(?:again|tonight|rn|right\s+now|looking|looks|"
        r"seems|sounds)\b",
    ),
)

# --- Real-text phrasings (round 8): indirect ways people on forums say they want to die or have tried. ---
_SELF_END = (
    r"(?:kill(?:ed)?\s+myself|kms|end(?:ed)?\s+(?:it\s+all|my\s+(?:own\s+)?life)|commit(?:ted)?\s+suicide|"
    r"take\s+my\s+(?:own\s+)?life|pull\s+the\s+trigger|off\s+myself|unalive\s+myself)"
)
RULES = (
    *RULES,
    # What keeps one alive is named as the only thing: "the cat is the only reason i'm still here".
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bonly\s+(?:reason|thing|one|person)\s+(?:why\s+|that\s+)?(?:i'm|i\s+am|i've|i\s+have|i)\s+(?:still\s+)?"
        r"(?:here|alive|around|breathing|stayed\s+alive)\b(?!\s+(?:at|in|on|for\s+(?:work|the|this)|with\s+(?:this|the)\s+(?:job|company)))|"
        r"\bonly\s+(?:reason|thing|one|person)\s+(?:keeping|that\s+keeps|who\s+keeps|holding)\s+me\s+(?:alive|here\s*(?:[.!?,;]|$)|from\s+(?:killing|ending|doing\s+it))",
        subject="self",
        negatable=False,
    ),
    # "the only reason i haven't done it is my mum": the thought is there, something holds it back.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        rf"\b(?:only\s+)?reasons?\s+(?:why\s+)?(?:i|i've|i\s+have)\s+(?:didn't|did\s+not|don't|do\s+not|haven't|have\s+not|hadn't|"
        rf"never|won't)\s+(?:already\s+|yet\s+)?(?:just\s+)?{_SELF_END}",
        subject="self",
        negatable=False,
    ),
    # Lacking the nerve is not lacking the wish: "too much of a coward to do it", "haven't had the guts to".
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:don't|do\s+not|didn't|did\s+not|haven't|have\s+not|hadn't|never|wish\s+i|if\s+i|if\s+only\s+i|lack)\s+"
        r"(?:\w+\s+)?(?:have|had|got|has)?\s*(?:the\s+)?(?:guts|balls|courage|nerve|strength|bravery)\s+(?:necessary\s+|needed\s+)?"
        rf"to\s+(?:just\s+|actually\s+|finally\s+)?(?:{_SELF_END}|swallow\s+the\s+pills|pick\s+up\s+the\s+gun|use\s+the\s+(?:rope|gun|pills))\b|"
        rf"\btoo\s+(?:much\s+of\s+a\s+|big\s+of\s+a\s+)?(?:coward|cowardly|chicken|scared|afraid|weak|pussy|spineless)\s+to\s+"
        rf"(?:just\s+|actually\s+)?{_SELF_END}\b|\b(?:don't|do\s+not)\s+have\s+what\s+it\s+takes\s+to\s+{_SELF_END}\b",
        subject="self",
        negatable=False,
    ),
    # Regret at having survived, fear of surviving an attempt.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:wish|wished)\s+(?:that\s+)?i\s+(?:hadn't|had\s+not|didn't|did\s+not|never)\s+(?:have\s+)?(?:survived|woken\s+up|woke\s+up|"
        r"been\s+(?:found|saved|revived|resuscitated))\b|\bwish\s+(?:it|that|the\s+(?:attempt|overdose|od|pills))\s+(?:had\s+)?"
        r"(?:worked|killed\s+me|succeeded)\b|\bshould(?:n't|\s+not)\s+have\s+(?:survived|been\s+(?:saved|found|revived))\b",
        subject="self",
        negatable=False,
    ),
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:afraid|scared|terrified|worried|fear)\s+(?:that\s+|of\s+)?(?:i'll|i\s+will|i'd|i\s+would|i\s+might)\s+(?:just\s+)?"
        r"survive(?!\s+(?:the|this|that|these|my|it\s+all|school|work|college|uni|exams?|til|till|until))\b|"
        r"\b(?:afraid|scared|terrified)\s+of\s+surviving\s+(?:it|the\s+attempt)\b",
        subject="self",
        negatable=False,
    ),
    # Wishing one had jumped (not "jumped at the chance").
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:should(?:'ve|\s+have)|wish\s+i\s+(?:had|would\s+have|would've|'d))\s+(?:just\s+)?jumped\b"
        r"(?!\s+(?:at|in|on|into|ship|the\s+gun|higher|further|farther|over|up|to|back|for|ahead|through|aboard|around|across)\b)",
        subject="self",
        negatable=False,
    ),
    # Done with this life; not wanting this life any more.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\bdone\s+with\s+(?:this|my)\s+(?:life|existence)\b(?!\s+(?:of|style|as\s+a)\b)|"
        r"\b(?:don't|do\s+not)\s+want\s+(?:this|my)\s+(?:life|existence)\s+any\s*(?:more|longer)\b",
        negatable=False,
    ),
    # No purpose or reason left to be here.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:no|(?:can't|cannot|don't|do\s+not)\s+see\s+(?:a|any|the)|without\s+a|lost\s+(?:my|any|the))\s+(?:\w+\s+)?"
        r"(?:reason|point|purpose)\s+(?:for\s+me\s+)?(?:to|in|for|of)\s+(?:me\s+)?(?:still\s+)?(?:be(?:ing)?\s+(?:still\s+)?(?:here|alive|"
        r"around)|stay(?:ing)?\s+alive|be(?:ing)?\s+on\s+this\s+(?:earth|planet)|(?<=still\s)(?:here|alive))\b(?!\s+(?:at|in|on|with|for|any\s+longer\s+at)\b)",
        negatable=False,
    ),
    # What one wants most is to end it or be dead.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:all|what|the\s+only\s+thing)\s+i\s+(?:really\s+|truly\s+|honestly\s+)?want\s+(?:right\s+now\s+|now\s+|anymore\s+)?"
        r"is\s+(?:just\s+)?(?:to\s+)?(?:die|be\s+dead|end\s+it(?:\s+all)?(?!\s+with)|end\s+my\s+life|not\s+exist|stop\s+existing|"
        r"kill\s+myself|disappear\s+forever|never\s+wake\s+up|not\s+wake\s+up)\b",
        subject="self",
        negatable=False,
    ),
    # Misspelt or shortened self-descriptions: "i am suicide", "having bad SI again".
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:i'm|i\s+am|im|feeling|feel|felt)\s+(?:so\s+|very\s+|really\s+|pretty\s+|kinda\s+)?suicide\b(?!\s+(?:prevention|hotline|"
        r"line|watch|awareness|survivor|note|rates?))|\b(?:my|have|had|having|get|getting|with|struggl\w+\s+with|dealing\s+with)\s+"
        r"(?:(?:really|so|very|pretty)\s+)?(?:bad\s+|severe\s+|passive\s+|active\s+|constant\s+|chronic\s+)?(?:si|s/i)\b(?!\s*(?:units?|prefix|joint|system))",
        subject="self",
    ),
    # A method named as wanted, without the object: "an effective and painless method", "a painless way out".
    RuleSpec(
        "method",
        "high",
        r"\b(?:painless|quick\s+and\s+painless|effective\s+and\s+painless|painless\s+and\s+(?:quick|effective|reliable)|"
        r"surefire|fool-?proof|guaranteed|lethal)\s+(?:method|methods|way\s+out)(?=\s*(?:[.!?,;:]|$|please|pls|\bthat\s+(?:works|"
        r"is\s+sure)|\bto\s+(?:go|do\s+it|end\s+it|die|kill)\b|\bfor\s+(?:me|suicide|ending)\b))",
        subject="self",
    ),
    # Thinking of what would stop a rescue: "to the point no one could revive me".
    RuleSpec(
        "method",
        "high",
        r"\b(?:no\s+one|nobody|no-one|noone|they|paramedics|doctors)\s+(?:\w+\s+)?(?:can|could|can't|cannot|couldn't|won't|"
        r"wouldn't|will\s+not|would\s+not|will|would)\s+(?:be\s+able\s+to\s+|still\s+)?(?:resuscitate|revive)\s+me\b|"
        r"\btoo\s+late\s+(?:for\s+(?:anyone|them)\s+)?to\s+(?:resuscitate|revive|save)\s+me\b",
        subject="self",
        negatable=False,
    ),
    # Looking at the means and weighing it: "staring at the pills trying to find a reason not to".
    RuleSpec(
        "suicidal_thoughts",
        "high",
        rf"\b(?:reasons?|why)\s+not\s+to\s+(?:just\s+)?(?:{_SELF_END}|take\s+them\s+all)\b",
        subject="self",
    ),
    # Self-harm told as a relapse: "ended up cutting", "it felt so good to cut".
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:end(?:ed)?|wound|winded|wind)\s+up\s+(?:cutting|burning|hurting)(?:\s+(?:myself|again|my\s+(?:arms?|wrists?|legs?|thighs?|"
        r"stomach|skin)))*\s*(?:[.!?,;]|$|\band\b|\bbecause\b)|\b(?:felt|feels|feel)\s+(?:so\s+|really\s+)?(?:good|right|amazing|"
        r"great|nice)\s+to\s+(?:cut|burn\s+myself|hurt\s+myself|bleed)\b(?!\s+(?:the|a|an|some|it|them|back|off|out|down|ties|class|"
        r"my\s+hair|hair|loose|corners))",
        subject="self",
    ),
)
RULES = (
    *RULES,
    # Ending one's misery or suffering (not the idiom "put me out of my misery", blanked or left low elsewhere).
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"(?<!out\sof\s)\bend(?:ing)?\s+(?:my|this)\s+(?:own\s+)?(?:misery|suffering|miserable\s+life|miserable\s+existence)\b"
        r"(?!\s+(?:at|with|over|of\s+(?:a|the|this)\s+(?:job|class|course|commute|week|exam)))",
        subject="self",
    ),
    # A farewell to a forum: "this may be the last time i'll be posting here".
    RuleSpec(
        "farewell",
        "moderate",
        r"\b(?:this|it|today|tonight)\s+(?:will|might|may|could|is\s+going\s+to)\s+(?:well\s+|also\s+)?be\s+(?:my|the)\s+(?:last|final)\s+"
        r"(?:time\s+i(?:'ll|\s+will)?\s+(?:ever\s+)?(?:be\s+)?(?:post|posting|writ(?:e|ing)|talk(?:ing)?\s+to\s+(?:you|anyone))|"
        r"message|post|text|words)\b(?![^.!?\n]{0,40}\b(?:for\s+a\s+while|before|until|till|about|this\s+(?:year|week|month)|"
        r"on\s+(?:this|the)\s+(?:topic|subject|thread)|of\s+the\s+(?:day|year|week)|in\s+this\s+thread)\b)",
    ),
)
RULES = (
    *RULES,
    # The will to live gone, reasons to live running out, worn out by staying alive.
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:no|lost\s+(?:the|my|all|any)|losing\s+(?:the|my|all)|without\s+(?:the|any)|don't\s+have\s+(?:the|any)|"
        r"haven't\s+got\s+(?:the|any))\s+(?:\w+\s+)?will\s+to\s+(?:live|go\s+on|keep\s+going|keep\s+living|be\s+alive)\b|"
        r"\b(?:running|ran)\s+out\s+of\s+reasons\s+to\s+(?:live|stay\s+alive|keep\s+living|be\s+alive|still\s+be\s+here|"
        r"stay(?:\s+here)?\s*(?:[.!?,;]|$))|\b(?:tired|sick|exhausted|worn\s+out)\s+of\s+(?:fighting|trying|struggling)\s+to\s+"
        r"(?:stay\s+alive|keep\s+living|live|keep\s+myself\s+alive|not\s+kill\s+myself)\b",
        negatable=False,
    ),
    # Not trusting oneself with the means.
    RuleSpec(
        "suicidal_thoughts",
        "high",
        r"\b(?:don't|do\s+not|can't|cannot)\s+trust\s+myself\s+(?:\w+\s+){0,2}?(?:around|with|near)\s+(?:the\s+|my\s+|any\s+|an?\s+|"
        rf"sharp\s+)?(?:{_DRUGS}|knives|knife|blades?|razors?|rope|gun|guns|the\s+stairs\s+railing|bridges?|heights|the\s+edge)\b",
        negatable=False,
        subject="self",
    ),
)
RULES = (
    *RULES,
    # Not planning to be around: "not planning to stick around much longer", "don't plan on being here next year".
    RuleSpec(
        "passive_death_wish",
        "moderate",
        r"\b(?:not|don't|do\s+not|no)\s+(?:really\s+)?plan(?:ning)?\s+(?:on|to)\s+(?:stick(?:ing)?\s+around|be(?:ing)?\s+"
        r"(?:here|around|alive))\s+(?:much\s+longer|for\s+(?:much\s+)?(?:longer|long)|any\s*more|next\s+(?:year|month|week|"
        r"summer|christmas)|(?:until|till|by|past|after)\s+(?:my\s+)?(?:\d+|birthday|christmas|new\s+year|next\s+year|"
        r"the\s+end\s+of\s+the\s+(?:year|month)))\b(?![^.!?\n]{0,60}\b(?:mov(?:e|ed|ing)|relocat\w+|transfer\w*|graduat\w+|"
        r"new\s+job|abroad|leaving\s+for|visa|lease|contract|semester|course|school|uni|college)\b)",
        subject="self",
        negatable=False,
    ),
    # A bare urge to cut: "i want to cut again." (not "cut my hair", "cut back", "cut the cake").
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:i|i'm|im)\s+(?:really\s+|just\s+|so\s+|kinda\s+|still\s+|badly\s+)?(?:want|wanna|need|needing|wanting|craving|itching)\s+"
        r"(?:to\s+)?(?:cut|burn\s+myself|bleed)(?:\s+(?:again|so\s+bad|so\s+badly|really\s+bad))*\s*(?:[.!]|$|\brn\b|\bright\s+now\b|"
        r"\btonight\b)",
    ),
)
RULES = (
    *RULES,
    # Self-harm in forum shorthand ("been sh'ing again") and wounds described ("my arms are covered in fresh cuts").
    RuleSpec(
        "self_harm",
        "high",
        r"\b(?:i've\s+been|i've|been|i\s+was|i'm|im|started|keep|kept|still)\s+(?:\w+\s+)?sh(?:'|-)ing\b|"
        r"\bmy\s+(?:arms?|wrists?|legs?|thighs?|stomach|hips?|skin)\s+(?:are|is)\s+(?:\w+\s+)?(?:covered\s+in|full\s+of)\s+"
        r"(?:fresh\s+|new\s+|deep\s+)?(?:cuts|burns)\b(?![^.!?\n]{0,30}\b(?:from|after|because\s+of)\b)",
        subject="self",
    ),
)
