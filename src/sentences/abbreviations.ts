// Words that end in a full stop without ending a sentence (lower-cased, without the stop).
// Data, kept apart from the splitting logic.
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt',
  'maj', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'pres', 'hon', 'amb', 'supt', 'insp',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
  'inc', 'corp', 'co', 'ltd', 'plc', 'llc', 'bros', 'dept', 'univ', 'assn', 'est',
  'no', 'nos', 'vol', 'vols', 'pp', 'fig', 'figs', 'approx', 'vs', 'etc', 'al', 'cf', 'ca',
  'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'e.u',
  'ave', 'blvd', 'rd', 'hwy', 'ariz', 'calif', 'colo', 'conn', 'fla', 'ga', 'ill', 'ind', 'kan',
  'ky', 'la', 'mass', 'md', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa',
  'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo',
]);
