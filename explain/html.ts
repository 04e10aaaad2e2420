/**
 * `explain --html DIR`: one static page. A per-task timeline (one lane per task, one mark per
 * event: steps, prints, yields, cancellations), the story's sentences, and the program's source;
 * clicking a mark selects its sentence and its source line. The data goes in as JSON inside a
 * `<script type="application/json">` (every `<` escaped), and the page builds its markup with
 * textContent only, so nothing the program printed can become markup.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory } from '../reports/make-directory.ts';
import type { Explanation } from './explain.ts';
import { partingSentence } from './explain.ts';
import { isFailure } from '../compare/verdict.ts';

export interface ExplainPageData {
  title: string;
  source: string[];
  sentences: Explanation['story']['sentences'];
  output: Array<{ text: string; time: number; task: string | null; iteration: number; sentence: number }>;
  beside: string | null;
}

export function pageData(explanation: Explanation, title: string): ExplainPageData {
  const beside = explanation.beside;
  return {
    title,
    source: explanation.source.split('\n'),
    sentences: explanation.story.sentences,
    output: explanation.result.trace.map((t, i) => ({ text: t.text, time: t.time, task: t.task, iteration: t.iteration, sentence: explanation.story.printSentences[i] })),
    beside: !beside
      ? null
      : isFailure(beside.run)
        ? `the ${beside.side} side failed: ${beside.run.failure}`
        : beside.parting
          ? partingSentence(beside.parting, beside.side)
          : `${beside.side}: the same output in the same order`,
  };
}

/** The JSON, safe inside a script element. */
function embedded(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export async function writeExplainPage(dir: string, explanation: Explanation, title: string): Promise<string> {
  await makeDirectory(dir);
  const file = join(dir, 'index.html');
  await writeFile(file, explainPage(pageData(explanation, title)));
  return file;
}

export function explainPage(data: ExplainPageData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>explain</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.2em} .grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
#timeline{overflow-x:auto;border:1px solid #ccc;padding:.5em}
.lane{display:flex;align-items:center;gap:2px;min-height:1.8em;white-space:nowrap}
.lane .name{width:9em;font-weight:600;flex:none}
.mark{border:0;border-radius:3px;padding:2px 5px;cursor:pointer;font:12px monospace;background:#dde}
.mark.print{background:#bfe3bf}.mark.yield{background:#eee}.mark.cancel,.mark.shutdown{background:#f3c0c0}
.mark.timer{background:#f6e2a8}.mark.never-awaited{background:#f3c0c0}
ol#story li{margin:.2em 0;padding:.1em .3em}
.selected{outline:2px solid #36c;background:#eef4ff}
pre#source{counter-reset:line;border:1px solid #ccc;padding:.5em}
pre#source span{display:block;counter-increment:line}
pre#source span::before{content:counter(line);display:inline-block;width:3em;color:#999}
#beside{padding:.5em;background:#f7f7f7}
</style></head>
<body>
<h1 id="title"></h1>
<div id="timeline" aria-label="per-task timeline"></div>
<p id="beside"></p>
<div class="grid"><div><h2>The story</h2><ol id="story" start="0"></ol></div>
<div><h2>The program</h2><pre id="source"></pre></div></div>
<script type="application/json" id="data">${embedded(data)}</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
document.getElementById('title').textContent = 'explain ' + data.title;
document.getElementById('beside').textContent = data.beside || '';
const source = document.getElementById('source');
data.source.forEach((text, i) => { const s = document.createElement('span'); s.id = 'line-' + (i + 1); s.textContent = text; source.appendChild(s); });
const story = document.getElementById('story');
for (const s of data.sentences) {
  const li = document.createElement('li');
  li.id = 'sentence-' + s.id;
  li.textContent = 'iteration ' + s.iteration + ': ' + s.text;
  li.addEventListener('click', () => select(s.id));
  story.appendChild(li);
}
const lanes = new Map();
const timeline = document.getElementById('timeline');
function lane(task) {
  const key = task || '(loop)';
  if (!lanes.has(key)) {
    const row = document.createElement('div'); row.className = 'lane';
    const name = document.createElement('span'); name.className = 'name'; name.textContent = key;
    row.appendChild(name); timeline.appendChild(row); lanes.set(key, row);
  }
  return lanes.get(key);
}
for (const s of data.sentences) {
  if (s.kind === 'outcome') continue;
  const b = document.createElement('button');
  b.className = 'mark ' + s.kind; b.dataset.sentence = String(s.id);
  b.textContent = s.kind === 'print' ? data.output[s.print].text.replace(/\\n$/, '') : s.kind;
  b.title = 'iteration ' + s.iteration + ', t=' + s.time;
  b.addEventListener('click', () => select(s.id));
  lane(s.task).appendChild(b);
}
function select(id) {
  document.querySelectorAll('.selected').forEach((e) => e.classList.remove('selected'));
  const s = data.sentences[id];
  const li = document.getElementById('sentence-' + id); li.classList.add('selected'); li.scrollIntoView({block: 'nearest'});
  document.querySelectorAll('[data-sentence="' + id + '"]').forEach((e) => e.classList.add('selected'));
  if (s.line) { const l = document.getElementById('line-' + s.line); if (l) l.classList.add('selected'); }
}
</script>
</body></html>
`;
}
