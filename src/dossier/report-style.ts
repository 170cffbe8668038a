// The report's one stylesheet, inline so the page needs nothing from the network. The page's
// Content-Security-Policy allows exactly this stylesheet (by hash) and nothing else.
// Colours of the claim statuses: a matching version is green, a changed one warm, a conflict red.
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #5b636e; --line: #d8dde3; --panel: #f5f7f9;
  --accent: #0b5cad; --ok: #d9f2dd; --ok-fg: #17642a; --same: #e4f0fb; --same-fg: #0b4f8a; --trim: #fff1c2; --trim-fg: #7a5600;
  --alter: #ffdcc2; --alter-fg: #8a3a00; --conflict: #ffd1d1; --conflict-fg: #9b1111; --drift: #ecdcff; --drift-fg: #5a2a91;
  --absent: #eef0f2; --absent-fg: #8b939c; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #14171a; --fg: #e6e9ec; --muted: #a1a9b3; --line: #323840; --panel: #1c2024; --accent: #6cb0ff;
    --ok: #1d3b24; --ok-fg: #9be3ab; --same: #1a3048; --same-fg: #a9d2ff; --trim: #3d3414; --trim-fg: #f2d27a;
    --alter: #45291a; --alter-fg: #ffbf93; --conflict: #4a1c1c; --conflict-fg: #ffb1b1; --drift: #35264b; --drift-fg: #d6b9ff;
    --absent: #23282d; --absent-fg: #7c858f; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.4rem; margin: 0 0 .25rem; line-height: 1.3; }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible, .cite:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.muted { color: var(--muted); }
.meta { color: var(--muted); margin: 0 0 1rem; }
.meta span + span::before { content: " · "; }
nav ol { padding-left: 1.25rem; }
section.story { border-top: 3px solid var(--line); margin-top: 2.5rem; padding-top: 1.5rem; }
.brief { font-size: 1.08rem; padding-left: 1.25rem; }
.brief li { margin: .35rem 0; position: relative; }
.cite { display: inline-block; font-size: .78em; vertical-align: super; line-height: 1; margin-left: .1em;
  text-decoration: none; padding: .05em .25em; border-radius: .25em; background: var(--same); color: var(--same-fg); }
.cite .tip { display: none; position: absolute; z-index: 5; left: 0; top: 100%; max-width: 40rem; padding: .6rem .75rem;
  background: var(--panel); color: var(--fg); border: 1px solid var(--line); border-radius: .4rem; box-shadow: 0 4px 16px #0003;
  font-size: .9rem; line-height: 1.45; white-space: normal; text-align: left; }
.cite:hover .tip, .cite:focus .tip { display: block; }
.tip b { display: block; margin-bottom: .25rem; }
.badge { display: inline-block; font-size: .78rem; font-weight: 600; padding: .1rem .45rem; border-radius: 1rem;
  background: var(--absent); color: var(--fg); white-space: nowrap; }
.sev-high { background: var(--conflict); color: var(--conflict-fg); }
.sev-medium { background: var(--alter); color: var(--alter-fg); }
.sev-low { background: var(--absent); color: var(--fg); }
.contested { background: var(--trim); color: var(--trim-fg); }
.findings { list-style: none; padding: 0; }
.findings li { margin: .4rem 0; padding: .5rem .75rem; background: var(--panel); border-radius: .4rem; }
.articles { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); }
.article { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; background: var(--panel); overflow-wrap: anywhere; }
.article h4 { margin: .1rem 0 .3rem; font-size: 1rem; }
.article p { margin: .3rem 0; }
.num { display: inline-block; min-width: 1.6em; text-align: center; font-weight: 700; border-radius: .3em;
  background: var(--fg); color: var(--bg); margin-right: .35em; }
.role-original { background: var(--same); color: var(--same-fg); }
.role-copy { background: var(--conflict); color: var(--conflict-fg); }
.role-rewrite { background: var(--alter); color: var(--alter-fg); }
.role-summary { background: var(--trim); color: var(--trim-fg); }
.role-independent { background: var(--ok); color: var(--ok-fg); }
details { margin: .35rem 0; }
summary { cursor: pointer; color: var(--accent); }
blockquote { margin: .4rem 0; padding: .3rem .75rem; border-left: 3px solid var(--line); white-space: pre-wrap; }
.body { white-space: pre-wrap; max-height: 28rem; overflow: auto; padding: .5rem .75rem; background: var(--bg); border-radius: .3rem; }
.removed { color: var(--muted); text-decoration: line-through; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--line); border-radius: .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { padding: .4rem .55rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--panel); white-space: nowrap; }
.matrix td.cell { text-align: center; white-space: nowrap; font-size: .82rem; font-weight: 600; }
.matrix th.claim { min-width: 16rem; max-width: 30rem; font-weight: normal; position: sticky; left: 0; z-index: 1; background: var(--bg); }
.st-original { background: var(--same); color: var(--same-fg); }
.st-verbatim, .st-agrees, .st-stated { background: var(--ok); color: var(--ok-fg); }
.st-paraphrased, .st-approximate { background: var(--ok); color: var(--ok-fg); font-style: italic; }
.st-trimmed { background: var(--trim); color: var(--trim-fg); }
.st-altered { background: var(--alter); color: var(--alter-fg); }
.st-conflicting { background: var(--conflict); color: var(--conflict-fg); }
.st-drifted { background: var(--drift); color: var(--drift-fg); }
.st-absent { background: var(--absent); color: var(--absent-fg); font-weight: normal; }
.legend { display: flex; flex-wrap: wrap; gap: .35rem; margin: .5rem 0; padding: 0; list-style: none; }
.legend li { padding: .1rem .5rem; border-radius: .3rem; font-size: .82rem; }
.versions { list-style: none; padding: 0; }
.versions li { margin: .5rem 0; }
.diff del { background: var(--conflict); color: var(--conflict-fg); }
.diff ins { background: var(--ok); color: var(--ok-fg); text-decoration: none; }
.diff del, .diff ins { padding: 0 .15em; border-radius: .2em; }
.diff .was { font-size: .8em; color: var(--muted); }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: .75rem .75rem 3rem; }
  h1 { font-size: 1.35rem; }
  h2 { font-size: 1.2rem; }
  .matrix th.claim { min-width: 9.5rem; max-width: 12rem; font-size: .82rem; }
}
@media print {
  .cite .tip { display: none !important; }
  details { display: block; }
  .body { max-height: none; }
}
`;
