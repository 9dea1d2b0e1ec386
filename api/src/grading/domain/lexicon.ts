// Word lists used by the checks. All entries are folded lower case (see text.ts `fold`).

/** A set of the whitespace-separated words of a template string. */
export const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Function words: never evidence of anything on their own. */
export const STOPWORDS = words(`
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves also just still yet never ever
even really now already since ago last well will shall may might must get got getting gets go going
goes went gone make made makes making take takes took taken taking give gives gave given put let see
saw seen seeing know knew think like want wants wanted wanting need needs needed needing ask asks
asked asking help helps helping helped hi hello hey dear thanks thank please sorry ok okay sure yes
one two three four five six seven eight nine ten thing things something anything everything nothing
lot lots bit way right able unable back soon much many every per via etc new whole far around away
along across within without upon onto toward towards instead rather quite pretty bye cheers
kind sort maybe perhaps probably definitely actually basically literally honestly totally down
`);

/**
 * Words that say nothing specific about a customer's problem, by the rubric's list (want, ask, need,
 * help, issue, problem, account, today) and the same spirit: support-process words, time words and
 * words about the handoff itself. Compared by stem.
 */
export const GENERIC_WORDS = words(`
want ask need help issue problem account today request question concern situation matter case trouble
stuff experience time moment second minute hour day week month year tonight tomorrow yesterday morning
afternoon evening work fix sort resolve handle check look update change confirm wait patience hold
happen wrong open chat assistant bot chatbot ai agent human person support team conversation transcript
message info information detail customer reach contact read mention tell say explain describe
share send receive welcome glad happy great good best nice reply respond sure able try attempt
priority top everything anything something nothing hassle inconvenience frustration frustrating frustrated
mess mix-up mixup confusion trouble experience soon shortly asap quickly right now end side details
follow followed following back today detail update updates sorry apology apologies show shows
shown keep keeps say says said seem seems appear appears use using long come find set setting settings
`);

/** Words that, alone after "your", only name a record, not the problem ("your account"). */
export const RECORD_WORDS = words(`
account order number email address plan subscription profile details id ticket device phone card
payment method information info membership code case reference
`);

export const GREETINGS = words(`
hi hello hey heya hiya hullo dear morning afternoon evening good bonjour hola ola hallo ciao salut
namaste greetings welcome yo howdy g'day ahoy aloha hej moin servus salve
`);

export const TITLES = words(`
mr mrs ms miss mx dr doctor prof professor mister madam madame sir dame mme mlle herr frau sr sra
srta
`);

export const NAME_SUFFIXES = words('jr sr ii iii iv phd md esq');

/** Role and team words: "I'm the senior specialist" names a role, not a person. */
export const ROLE_WORDS = words(`
senior junior lead head manager specialist supervisor agent representative rep advisor adviser
engineer technician tech expert consultant officer associate analyst member colleague teammate
human person coordinator admin administrator staff assistant owner director executive concierge
operator handler support team escalation escalations
`);

export const PLACEHOLDER_WORDS = words(`
name agent agentname agent_name agent-name yourname your_name your-name firstname first_name
first-name insert placeholder xxx xx x tbd redacted someone somebody
`);

/** Words that read like a name after "I'm"/"this is" but are not ("I'm sorry", "this is urgent"). */
export const NOT_A_NAME = new Set<string>([
  ...STOPWORDS,
  ...GENERIC_WORDS,
  ...ROLE_WORDS,
  ...PLACEHOLDER_WORDS,
  ...words(`
  sorry glad happy pleased delighted excited afraid sure certain aware able unable ready available
  here back sad concerned worried curious confident responsible positive thrilled grateful thankful
  terribly truly deeply personally currently actually definitely totally absolutely frustrating
  annoying unacceptable important urgent done fixed sorted great good fine correct true wrong possible
  impossible online around always sometimes usually normally also totally completely so very too
  click tap sign log start stop read more info link instructions steps step note details detail
  everyone everybody anyone anybody all both either neither each nobody none own real official new
  old first second last next final only main full free open closed late early busy away gone off on
  in at by with from for to of over under out up down about into onto upon as like than then there
  what which who how why when where whatever really quite pretty rather still yet even just only
  the a an your our my his her their its this that these those one some any no not nor but and or
  taking handling looking checking working going getting sending happy glad welcome thanks thank
  hello hi hey greetings morning afternoon evening night today tomorrow tonight yesterday now
  calling writing reaching following messaging contacting replying responding monday tuesday
  wednesday thursday friday saturday sunday january february march july september october november
  december weekend super extremely awfully incredibly genuinely honestly
  `),
]);

/** Team words that make "<Name> from …" an introduction when no agent name is known. */
export const TEAM_WORDS = words(`
team billing support returns sales tech technical customer customers account accounts security care
service services platform engineering enterprise api memberships membership escalations escalation
department dept desk group squad help helpdesk payments payment shipping delivery logistics orders
order success onboarding operations ops finance refunds trust safety fraud
`);

export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  half: 0.5,
  couple: 2,
  few: 3,
  several: 4,
  another: 1,
};

/** Adverbs that may sit between "I'll"/"I'm" and the verb. */
export const ADVERBS = words(`
just now also quickly personally already currently actively right immediately first then
definitely certainly happily gladly straight manually directly still again actually really properly
carefully urgently the moment next asap today straightaway shortly soon
`);

/** Negators that turn a request or apology into its opposite ("no need to repeat"). */
export const NEGATORS = words(`
no not don't won't never without needn't nothing neither doesn't shouldn't mustn't instead rather
can't cannot didn't isn't aren't wasn't nor
`);
