// English function words: they carry no evidence that two sentences say the same thing.
// Data kept apart from the alignment logic that uses it.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can could did didn't do does doesn't doing don't down during each few for from
further had has hasn't have haven't having he he'd he'll he's her here hers herself him himself his how i
i'd i'll i'm i've if in into is isn't it it's its itself just let's may me might more most much must my
myself no nor not now of off on once only or other ought our ours ourselves out over own same says said say
she she'd she'll she's should so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those though through to too under until up upon us
very was wasn't we we'd we'll we're we've were weren't what what's when where which while who whom whose why
will with within without won't would wouldn't yet you your yours yourself yourselves told tell added according
including however would could also new one two per cent percent mr ms mrs`.split(/\s+/),
);
