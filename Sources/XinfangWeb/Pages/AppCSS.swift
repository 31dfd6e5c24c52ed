/// `/static/app.css`: the one hand-written style sheet, for desktop and phone widths, no framework.
enum AppCSS {
    static let text = #"""
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --paper: #ffffff; --ground: #f4f5f7;
  --accent: #b4232a; --red: #c62828; --yellow: #d49a00; --green: #2e7d32; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; background: var(--ground); color: var(--ink); line-height: 1.6;
  font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; }
a { color: #0b5cad; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem;
  background: var(--accent); color: #fff; padding: .6rem 1rem; }
header.top a { color: #fff; text-decoration: none; }
header.top .brand { font-weight: bold; font-size: 1.15rem; }
header.top nav { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; }
header.top nav a:hover, header.top nav a:focus { text-decoration: underline; }
header.top .who { margin: 0 0 0 auto; font-size: .9rem; opacity: .9; }
form.logout { display: inline; margin: 0; }
form.logout button { background: none; border: 1px solid #fff; color: #fff; padding: .1rem .6rem; font-size: .9rem; margin-top: 0; }
main { max-width: 72rem; margin: 1rem auto; padding: 0 1rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.card.narrow { max-width: 26rem; margin-left: auto; margin-right: auto; }
h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
label { display: block; margin: .75rem 0 .25rem; font-weight: bold; }
input, select, textarea { width: 100%; padding: .5rem; font: inherit; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
button { font: inherit; padding: .5rem 1.25rem; margin-top: 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer;
  white-space: nowrap; }
td form { display: inline-block; margin: 0 .25rem 0 0; } td form button { margin-top: 0; padding: .25rem .9rem; }
.alert { background: #fdecea; border: 1px solid var(--red); color: var(--red); padding: .5rem .75rem; border-radius: 4px; }
.rule { background: #fff8e1; border-left: 4px solid var(--yellow); padding: .25rem .75rem; }
.muted { color: var(--muted); font-size: .9rem; }
table { width: 100%; border-collapse: collapse; background: var(--paper); }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { white-space: nowrap; } td ul { margin: 0; padding-left: 1.1rem; } td a[href^="/cases/"], td.due, .nowrap { white-space: nowrap; }
.light { display: inline-block; width: .9rem; height: .9rem; border-radius: 50%; vertical-align: middle; }
.light.red { background: var(--red); } .light.yellow { background: var(--yellow); } .light.green { background: var(--green); }
td.light { display: table-cell; width: 2.5rem; height: auto; border-radius: 0; text-align: center; font-weight: bold; color: #fff; white-space: nowrap; }
td.light-red { background: var(--red); } td.light-yellow { background: var(--yellow); } td.light-green { background: var(--green); }
ul.counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: .5rem 0; }
ul.counts li { flex: 1 1 8rem; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
ul.counts strong { display: block; font-size: 1.6rem; }
ul.counts .count-yellow { border-color: var(--yellow); } ul.counts .count-red { border-color: var(--red); color: var(--red); }
form.filters { display: flex; flex-wrap: wrap; gap: 0 .75rem; align-items: flex-end; }
form.filters label { flex: 1 1 10rem; }
.table-wrap { overflow-x: auto; }
.error { background: #fdecea; border: 1px solid var(--red); color: var(--red); padding: .5rem .75rem; border-radius: 4px; }
.late { color: var(--red); } .provisional { background: #fff8e1; padding: 0 .3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
section.deadline { border-top: 1px solid var(--line); padding: .5rem 0; }
section.deadline h3 { font-size: 1.05rem; margin: .25rem 0; }
section.deadline-missed h3 { color: var(--red); }
.personal { border: 2px solid var(--accent); border-radius: 6px; padding: .5rem .75rem; margin-top: .75rem; }
.actions a { margin-right: .5rem; } a.button { display: inline-block; background: var(--accent); color: #fff; padding: .35rem 1rem; border-radius: 4px; text-decoration: none; }
label.check { font-weight: normal; } label.check input { width: auto; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0; }
@media (max-width: 40rem) {
  dl.facts { grid-template-columns: 1fr; }
  td.light { display: block; width: auto; }
  header.top .who { margin: 0; width: 100%; }
  main { padding: 0 .5rem; }
  .card { padding: .75rem; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
  td { border: 0; padding: .15rem .25rem; }
}
"""#
}
