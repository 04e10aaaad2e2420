/*
 * The report page. Reads the CheckReport from <script id="report-data"> and draws it with
 * DOM calls only: every string from the data goes through textContent or an attribute,
 * never through innerHTML (the one exception is highlight.js output, which escapes its
 * input). Plain browser JavaScript, no build step: writeHtmlReport inlines this file.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var numberFormat = new Intl.NumberFormat('en-US');
  var OUTCOMES = [
    ['same', 'Same'],
    ['differs', 'Differs'],
    ['oracleCrash', 'Oracle crash'],
    ['portCrash', 'Port crash'],
    ['timeout', 'Timeout'],
    ['generatorBug', 'Generator bug'],
  ];

  var report = JSON.parse(document.getElementById('report-data').textContent);
  var other = report.target === 'port' ? 'TypeScript port' : report.target === 'native' ? 'native JS promises' : report.target;
  var app = document.getElementById('app');
  app.textContent = '';

  app.append(header(), verdict(), summary());
  /** Each counterexample section's builder (example): run once, when it first opens. */
  var builders = new WeakMap();
  if (report.buckets.length > 0) {
    var sections = new Map();
    var filter = { current: null };
    var bucketList = buckets(sections, filter);
    app.append(bucketList.element);
    var examples = el('section', { class: 'examples', 'aria-label': 'Counterexamples' });
    report.buckets.forEach(function (bucket, index) {
      var section = example(bucket, index);
      sections.set(bucket.name, section);
      examples.append(section);
    });
    app.append(examples);
  }
  app.append(el('footer', {}, 'Written by ' + report.tool.name + ' ' + report.tool.version + '. Works offline; the data is in the report-data element of this file.'));

  // ------------------------------------------------------------------ sections

  function header() {
    return el('header', { class: 'page-header' },
      el('h1', {}, 'asyncio conformance'),
      el('p', { class: 'subtitle' }, 'CPython ' + report.python.version + ' (' + report.python.implementation + ') against ' + other),
      el('p', { class: 'command' }, el('code', {}, report.command)));
  }

  function verdict() {
    if (report.differences === 0) {
      return el('div', { class: 'verdict verdict-ok', role: 'status' },
        el('span', { class: 'verdict-mark', 'aria-hidden': 'true' }, '\u2713'),
        el('span', {}, 'All ' + numberFormat.format(report.runs) + ' programs agree with CPython'));
    }
    var kinds = report.buckets.length;
    return el('div', { class: 'verdict verdict-bad', role: 'status' },
      el('span', { class: 'verdict-mark', 'aria-hidden': 'true' }, '\u2260'),
      el('span', {}, numberFormat.format(report.differences) + ' of ' + numberFormat.format(report.runs) +
        ' programs differ from CPython, in ' + kinds + (kinds === 1 ? ' kind' : ' kinds')));
  }

  function summary() {
    var stats = [
      ['Runs', numberFormat.format(report.runs)],
      ['Differences', numberFormat.format(report.differences)],
      ['Seed', String(report.seed)],
      ['Target', report.target],
      ['Clock', report.clock],
      ['Python', report.python.version],
      ['Duration', formatDuration(report.durationMs)],
      ['Programs/s', numberFormat.format(Math.round(report.programsPerSecond))],
    ];
    if (report.shard) stats.push(['Shard', report.shard.index + ' of ' + report.shard.count]);
    var grid = el('dl', { class: 'stats' });
    stats.forEach(function (stat) {
      grid.append(el('div', { class: 'stat' }, el('dt', {}, stat[0]), el('dd', {}, stat[1])));
    });

    var total = OUTCOMES.reduce(function (sum, o) { return sum + (report.outcomes[o[0]] || 0); }, 0);
    var rows = OUTCOMES.map(function (o) {
      var count = report.outcomes[o[0]] || 0;
      return el('tr', { class: 'outcome-' + o[0] + (count > 0 ? '' : ' zero') },
        el('th', { scope: 'row' }, o[1]),
        el('td', { class: 'num' }, numberFormat.format(count)),
        el('td', { class: 'bar-cell' }, bar(total ? count / total : 0, 'outcome-bar-' + o[0])));
    });
    var outcomes = el('table', { class: 'outcomes' },
      el('caption', {}, 'Outcomes'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kind'), el('th', { scope: 'col', class: 'num' }, 'Programs'), el('th', { scope: 'col' }, 'Share'))),
      el('tbody', {}, rows));

    return el('section', { class: 'summary', 'aria-label': 'Summary' },
      el('div', { class: 'summary-main' }, grid,
        el('p', { class: 'meta' }, 'Started ' + report.startedAt + ' \u00b7 Python at ' + report.python.executable)),
      outcomes);
  }

  function buckets(sections, filter) {
    var select = el('select', { id: 'bucket-filter', 'aria-label': 'Show counterexamples of' },
      el('option', { value: '' }, 'All kinds'));
    var cards = new Map();
    var list = el('ul', { class: 'buckets' });
    report.buckets.forEach(function (bucket) {
      select.append(el('option', { value: bucket.name }, bucket.title + ' (' + bucket.count + ')'));
      var card = el('button', { type: 'button', class: 'bucket', 'aria-pressed': 'false', 'data-bucket': bucket.name },
        el('span', { class: 'bucket-title' }, bucket.title),
        el('code', { class: 'bucket-name' }, bucket.name),
        el('span', { class: 'bucket-count' }, numberFormat.format(bucket.count)),
        bar(report.differences ? bucket.count / report.differences : 0, 'bucket-bar'));
      card.addEventListener('click', function () { show(filter.current === bucket.name ? null : bucket.name); });
      cards.set(bucket.name, card);
      list.append(el('li', {}, card));
    });
    select.addEventListener('change', function () { show(select.value || null); });

    function show(name) {
      filter.current = name;
      select.value = name || '';
      cards.forEach(function (card, key) { card.setAttribute('aria-pressed', String(key === name)); });
      sections.forEach(function (section, key) {
        section.hidden = name !== null && key !== name;
        if (key === name) openExample(section);
      });
    }

    return {
      element: el('section', { class: 'bucket-section', 'aria-label': 'Kinds of difference' },
        el('div', { class: 'section-head' },
          el('h2', {}, 'Kinds of difference'),
          el('label', { class: 'filter' }, 'Show ', select)),
        list),
    };
  }

  /**
   * A counterexample's section. Only its summary is built at load: its programs (highlighted),
   * traces and timeline are built when it first opens (a click on the summary, the bucket
   * filter), so a report with 1,000 differences opens as fast as one with a few.
   */
  function example(bucket, index) {
    var ex = bucket.example;
    var details = el('details', { class: 'example', id: 'example-' + index, 'data-bucket': bucket.name });
    var summary = el('summary', {},
      el('span', { class: 'example-title' }, bucket.title),
      el('code', { class: 'bucket-name' }, bucket.name),
      el('span', { class: 'example-meta' }, plural(bucket.count, 'program') + ' \u00b7 smallest: ' + ex.id + ', ' +
        ex.size + ' statements (shrunk from ' + ex.originalSize + ' in ' + ex.shrinkSteps + ' steps)'));
    details.append(summary);
    var built = false;
    function build() {
      if (built) return;
      built = true;
      details.append(
        el('p', { class: 'description' }, bucket.description),
        replay(ex.replay),
        el('h3', {}, 'The program'),
        programs(ex),
        el('h3', {}, 'What each side printed'),
        traces(ex),
        el('h3', {}, 'Timeline'),
        timelines(ex));
    }
    builders.set(details, build);
    // On the click itself, before the browser opens it: its content is there when it shows.
    summary.addEventListener('click', build);
    details.addEventListener('toggle', function () { if (details.open) build(); });
    if (index === 0) openExample(details);
    return details;
  }

  /** Opens a counterexample's section, built first. */
  function openExample(details) {
    builders.get(details)();
    details.open = true;
  }

  function replay(command) {
    var button = el('button', { type: 'button', class: 'copy' }, 'Copy');
    button.addEventListener('click', function () { copyText(command, button); });
    return el('div', { class: 'replay' }, el('span', { class: 'replay-label' }, 'Replay'), el('code', { class: 'replay-command' }, command), button);
  }

  // ------------------------------------------------------------------ side-by-side programs

  function programs(ex) {
    var py = highlightLines(ex.python, 'python');
    var ts = highlightLines(ex.typescript, 'typescript');
    var rows = alignLines(py.length, ts.length, ex.lineMap || []);
    var body = el('tbody', {});
    rows.forEach(function (row) {
      var mapped = row[0] !== null && row[1] !== null && row.mapped;
      body.append(el('tr', { class: mapped ? 'mapped' : '' },
        lineNumber(row[0]), codeCell(py, row[0], 'python'),
        lineNumber(row[1]), codeCell(ts, row[1], 'typescript')));
    });
    return el('div', { class: 'code-scroll' }, el('table', { class: 'code-pair hljs' },
      el('colgroup', {}, el('col', { class: 'ln' }), el('col', { class: 'src' }), el('col', { class: 'ln' }), el('col', { class: 'src' })),
      el('thead', {}, el('tr', {},
        el('th', { colspan: '2', scope: 'colgroup' }, 'Python \u2014 as CPython ran it'),
        el('th', { colspan: '2', scope: 'colgroup' }, 'TypeScript \u2014 as the ' + other + ' ran it'))),
      body));
  }

  function lineNumber(line) {
    return el('td', { class: 'ln' }, line === null ? '' : String(line));
  }

  function codeCell(lines, line, language) {
    var cell = el('td', { class: 'src language-' + language + (line === null ? ' pad' : ''), 'data-line': line === null ? '' : String(line) });
    if (line !== null) cell.innerHTML = lines[line - 1]; // highlight.js output: its input is escaped
    return cell;
  }

  /**
   * Rows of [pythonLine, typescriptLine] (1-based, null = blank padding) such that every
   * usable lineMap pair sits on one row. Pairs are taken in Python order; one that would
   * cross an earlier pair is skipped. Between two pairs, the unmapped lines of each side are
   * listed top-aligned and the shorter side is padded.
   */
  function alignLines(pyCount, tsCount, lineMap) {
    var anchors = lineMap
      .filter(function (m) { return m.python >= 1 && m.python <= pyCount && m.typescript >= 1 && m.typescript <= tsCount; })
      .sort(function (a, b) { return a.python - b.python || a.typescript - b.typescript; });
    var rows = [];
    var p = 1;
    var t = 1;
    anchors.forEach(function (anchor) {
      if (anchor.python < p || anchor.typescript < t) return;
      while (p < anchor.python || t < anchor.typescript) {
        rows.push([p < anchor.python ? p++ : null, t < anchor.typescript ? t++ : null]);
      }
      var row = [p++, t++];
      row.mapped = true;
      rows.push(row);
    });
    while (p <= pyCount || t <= tsCount) rows.push([p <= pyCount ? p++ : null, t <= tsCount ? t++ : null]);
    return rows;
  }

  /** highlight.js over the whole text (so strings and comments spanning lines stay right), split into lines with balanced spans. */
  function highlightLines(code, language) {
    var text = code.replace(/\n$/, '');
    var html;
    if (window.hljs && window.hljs.getLanguage(language)) {
      html = window.hljs.highlight(text, { language: language, ignoreIllegals: true }).value;
    } else {
      var scratch = document.createElement('div');
      scratch.textContent = text;
      html = scratch.innerHTML;
    }
    var open = [];
    return html.split('\n').map(function (raw) {
      var prefix = open.join('');
      var tags = raw.match(/<span[^>]*>|<\/span>/g) || [];
      tags.forEach(function (tag) { if (tag === '</span>') open.pop(); else open.push(tag); });
      return prefix + raw + new Array(open.length + 1).join('</span>');
    });
  }

  // ------------------------------------------------------------------ traces

  function traces(ex) {
    var expected = entries(ex.expectedTrace, ex.expected);
    var actual = entries(ex.actualTrace, ex.actual);
    var count = Math.max(expected.length, actual.length);
    var body = el('tbody', {});
    for (var i = 0; i < count; i++) {
      var first = i === ex.divergence;
      var row = el('tr', { class: first ? 'first-diff' : i > ex.divergence ? 'after-diff' : 'agree', 'data-index': String(i) },
        el('td', { class: 'num index' }, String(i)),
        traceCells(expected[i], actual[i]),
        traceCells(actual[i], expected[i]),
        el('td', { class: 'marker' }, first ? el('span', { class: 'first-diff-label' }, 'first difference') : ''));
      body.append(row);
    }
    if (count === 0) body.append(el('tr', {}, el('td', { colspan: '8', class: 'empty' }, 'Neither side printed anything.')));
    var sameOutcome = describeOutcome(ex.expectedOutcome) === describeOutcome(ex.actualOutcome);
    var outcomeRow = el('tr', { class: 'outcome-row' + (sameOutcome ? '' : ' outcome-differs') + (ex.divergence === count ? ' first-diff' : '') },
      el('th', { scope: 'row' }, 'end'),
      el('td', { colspan: '3' }, describeOutcome(ex.expectedOutcome)),
      el('td', { colspan: '3' }, describeOutcome(ex.actualOutcome)),
      el('td', { class: 'marker' }, ex.divergence === count && !sameOutcome ? el('span', { class: 'first-diff-label' }, 'first difference') : ''));
    return el('div', { class: 'trace-scroll' }, el('table', { class: 'trace' },
      el('thead', {},
        el('tr', {}, el('th', {}, ''), el('th', { colspan: '3', scope: 'colgroup' }, 'CPython'), el('th', { colspan: '3', scope: 'colgroup' }, other), el('th', {}, '')),
        el('tr', { class: 'sub' }, el('th', { scope: 'col' }, '#'),
          el('th', { scope: 'col' }, 'printed'), el('th', { scope: 'col', class: 'num' }, 'time'), el('th', { scope: 'col' }, 'task \u00b7 iter'),
          el('th', { scope: 'col' }, 'printed'), el('th', { scope: 'col', class: 'num' }, 'time'), el('th', { scope: 'col' }, 'task \u00b7 iter'),
          el('th', {}, ''))),
      body,
      el('tfoot', {}, outcomeRow)));
  }

  /** Full entries when the report has them, else the [text, time] pairs. */
  function entries(full, pairs) {
    if (full && full.length === pairs.length) return full;
    return pairs.map(function (pair) { return { text: pair[0], time: pair[1], task: null, iteration: null }; });
  }

  function traceCells(entry, counterpart) {
    if (!entry) return [el('td', { class: 'missing', colspan: '3' }, '\u2014 nothing \u2014')];
    var textDiffers = !counterpart || counterpart.text !== entry.text;
    var timeDiffers = !counterpart || counterpart.time !== entry.time;
    return [
      el('td', { class: 'text' + (textDiffers ? ' differs' : '') }, printed(entry.text)),
      el('td', { class: 'time num' + (timeDiffers ? ' differs' : ''), title: 'virtual time ' + entry.time + ' s' }, formatTime(entry.time)),
      el('td', { class: 'task' }, (entry.task === null ? '(no task)' : entry.task) + (entry.iteration === null ? '' : ' \u00b7 ' + entry.iteration)),
    ];
  }

  /** Newlines, tabs and other control characters as visible symbols (U+2400 control pictures). */
  function visible(text) {
    return text.replace(/\n/g, '\u23ce').replace(/\t/g, '\u21e5').replace(/[\u0000-\u001f\u007f]/g, function (c) {
      return String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0));
    });
  }

  /** What print wrote, with its final newline implied and anything else invisible made visible. */
  function printed(text) {
    var ends = /\n$/.test(text);
    var body = visible(ends ? text.slice(0, -1) : text);
    var code = el('code', {}, body === '' ? '\u00a0' : body);
    if (body === '') code.classList.add('empty-line');
    return ends ? code : [code, el('span', { class: 'badge', title: 'print(..., end=...) without a newline' }, 'no \u23ce')];
  }

  // ------------------------------------------------------------------ timeline

  /**
   * Two SVGs, CPython above the other side, same lanes (one per task) and same x scale
   * (loop iteration), so a reader sees which task ran when on each side.
   */
  function timelines(ex) {
    var expected = entries(ex.expectedTrace, ex.expected);
    var actual = entries(ex.actualTrace, ex.actual);
    var lanes = [];
    expected.concat(actual).forEach(function (entry) {
      var lane = laneName(entry);
      if (lanes.indexOf(lane) < 0) lanes.push(lane);
    });
    // '(no task)' first, then Task-1, Task-2, ... Task-10 in natural order.
    lanes.sort(function (a, b) {
      if (a === '(no task)' || b === '(no task)') return a === '(no task)' ? -1 : b === '(no task)' ? 1 : 0;
      return a.localeCompare(b, 'en', { numeric: true });
    });
    if (lanes.length === 0) return el('p', { class: 'empty' }, 'Nothing was printed, so there is nothing to plot.');
    var maxIteration = Math.max.apply(null, expected.concat(actual).map(function (e) { return e.iteration || 0; }).concat([1]));
    var scale = {
      lanes: lanes,
      maxIteration: maxIteration,
      cell: Math.max(16, Math.min(140, Math.floor(960 / (maxIteration + 1)))),
      label: 96,
    };
    var top = timeline('CPython ' + report.python.version, expected, ex.divergence, scale, 'expected');
    var bottom = timeline(other, actual, ex.divergence, scale, 'actual');
    scrollTogether(top.querySelector('.svg-scroll'), bottom.querySelector('.svg-scroll'));
    return el('div', { class: 'timelines' }, top, bottom,
      el('p', { class: 'legend' },
        legendDot('agree'), 'before the first difference ',
        legendDot('first'), 'first difference ',
        legendDot('after'), 'after it \u00b7 x: loop iteration, hover a dot for what it printed and its virtual time'));
  }

  function laneName(entry) {
    return entry.task === null || entry.task === undefined ? '(no task)' : entry.task;
  }

  function timeline(title, trace, divergence, scale, side) {
    var laneHeight = 34;
    var top = 14;
    var width = scale.label + (scale.maxIteration + 1) * scale.cell + 16;
    var height = top + scale.lanes.length * laneHeight + 40;
    var svg = svgEl('svg', { class: 'timeline timeline-' + side, width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Timeline of ' + title });
    var xOf = function (iteration) { return scale.label + iteration * scale.cell; };
    var yOf = function (lane) { return top + lane * laneHeight + laneHeight / 2; };

    // Alternating iteration bands make "same iteration" easy to read across lanes.
    for (var it = 0; it <= scale.maxIteration; it++) {
      if (it % 2 === 1) svg.append(svgEl('rect', { class: 'band', x: xOf(it), y: top, width: scale.cell, height: scale.lanes.length * laneHeight }));
    }
    scale.lanes.forEach(function (lane, index) {
      svg.append(
        svgEl('line', { class: 'lane', x1: scale.label, x2: width - 8, y1: yOf(index), y2: yOf(index) }),
        svgText({ class: 'lane-label', x: scale.label - 8, y: yOf(index) + 4, 'text-anchor': 'end' }, lane));
    });

    // Axis: iteration ticks spaced at least 36px apart, and the virtual time of the first
    // event of an iteration under it where there is room.
    var axisY = top + scale.lanes.length * laneHeight + 4;
    var step = Math.max(1, Math.ceil(36 / scale.cell));
    for (var tick = 0; tick <= scale.maxIteration; tick += step) {
      svg.append(svgText({ class: 'tick', x: xOf(tick) + scale.cell / 2, y: axisY + 10, 'text-anchor': 'middle' }, String(tick)));
    }
    svg.append(svgText({ class: 'axis-title', x: scale.label - 8, y: axisY + 10, 'text-anchor': 'end' }, 'iteration'));
    svg.append(svgText({ class: 'axis-title', x: scale.label - 8, y: axisY + 24, 'text-anchor': 'end' }, 'time (s)'));
    var lastTimeEnd = scale.label - 4; // right of the axis titles
    trace.forEach(function (entry) {
      if (entry.iteration === null) return;
      var x = xOf(entry.iteration) + scale.cell / 2;
      var text = shortTime(entry.time);
      var halfWidth = (text.length * 6.4) / 2 + 4; // 10.5px monospace
      if (x - halfWidth < lastTimeEnd) return;
      lastTimeEnd = x + halfWidth;
      svg.append(svgText({ class: 'time-label', x: x, y: axisY + 24, 'text-anchor': 'middle' }, text));
    });

    // Events: several in one iteration of one task share its cell, in print order.
    var perCell = new Map();
    trace.forEach(function (entry, index) {
      var key = laneName(entry) + '@' + (entry.iteration || 0);
      if (!perCell.has(key)) perCell.set(key, []);
      perCell.get(key).push(index);
    });
    trace.forEach(function (entry, index) {
      var lane = scale.lanes.indexOf(laneName(entry));
      var cellEvents = perCell.get(laneName(entry) + '@' + (entry.iteration || 0));
      var slot = cellEvents.indexOf(index);
      var x = xOf(entry.iteration || 0) + (scale.cell * (slot + 1)) / (cellEvents.length + 1);
      var y = yOf(lane);
      var state = index < divergence ? 'agree' : index === divergence ? 'first' : 'after';
      var mark = svgEl('circle', { class: 'event event-' + state, cx: x, cy: y, r: state === 'first' ? 6.5 : 5, 'data-index': String(index) });
      mark.append(svgEl('title', {}, '#' + index + ' ' + JSON.stringify(entry.text) + '\n' + laneName(entry) +
        (entry.iteration === null ? '' : ', iteration ' + entry.iteration) + ', t = ' + entry.time + ' s'));
      var group = svgEl('g', { class: 'event-group' });
      group.append(mark);
      // A label above the dot when it fits between its neighbours (11px monospace: ~6.6px a character).
      var room = Math.floor((scale.cell / (cellEvents.length + 1) - 6) / 6.6);
      if (room >= 3) {
        var label = visible(entry.text.replace(/\n$/, ''));
        if (label.length > room) label = label.slice(0, room - 1) + '\u2026';
        group.append(svgText({ class: 'event-label event-label-' + state, x: x, y: y - 10, 'text-anchor': 'middle' }, label));
      }
      svg.append(group);
    });

    return el('figure', { class: 'timeline-figure' }, el('figcaption', {}, title), el('div', { class: 'svg-scroll' }, svg));
  }

  /** Same scale, same scroll position: a reader compares one iteration on both sides. */
  function scrollTogether(a, b) {
    [[a, b], [b, a]].forEach(function (pair) {
      pair[0].addEventListener('scroll', function () {
        if (pair[1].scrollLeft !== pair[0].scrollLeft) pair[1].scrollLeft = pair[0].scrollLeft;
      });
    });
  }

  function legendDot(state) {
    var svg = svgEl('svg', { width: 14, height: 14, viewBox: '0 0 14 14', class: 'legend-dot', 'aria-hidden': 'true' });
    svg.append(svgEl('circle', { class: 'event event-' + state, cx: 7, cy: 7, r: 5 }));
    return svg;
  }

  // ------------------------------------------------------------------ helpers

  function describeOutcome(outcome) {
    switch (outcome.kind) {
      case 'ok': return 'ok';
      case 'exception': return 'exception ' + outcome.type + (outcome.message ? ': ' + outcome.message : '');
      case 'deadlock': return 'deadlock';
      case 'budget': return 'budget exhausted (' + outcome.limit + ')';
      default: return JSON.stringify(outcome);
    }
  }

  /** Python's repr of a float and JS's String agree for these; a run of digits shows a bit-level difference. */
  function formatTime(time) {
    return String(time);
  }

  function plural(count, noun) {
    return numberFormat.format(count) + ' ' + noun + (count === 1 ? '' : 's');
  }

  /** Seven significant digits: enough to see the 1e-6 clock quantum, short enough for an axis. */
  function shortTime(time) {
    return String(Number(time.toPrecision(7)));
  }

  function formatDuration(ms) {
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 120000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }

  function bar(fraction, className) {
    var outer = el('span', { class: 'bar ' + className, 'aria-hidden': 'true' });
    var inner = el('span', { class: 'bar-fill' });
    inner.style.width = Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + '%';
    outer.append(inner);
    return outer;
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    };
    var fallback = function () {
      var area = el('textarea', { class: 'offscreen', readonly: '' });
      area.value = text;
      document.body.append(area);
      area.select();
      try { document.execCommand('copy'); } catch (error) { /* nothing more to try */ }
      area.remove();
      done();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  /** `el('p', {class: 'x'}, 'text', child, [more])`: strings become text nodes, never markup. */
  function el(tag, attributes) {
    var node = document.createElement(tag);
    setAttributes(node, attributes);
    appendChildren(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }

  function svgEl(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    setAttributes(node, attributes);
    appendChildren(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }

  function svgText(attributes, text) {
    return svgEl('text', attributes, text);
  }

  function setAttributes(node, attributes) {
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, String(attributes[name])); });
  }

  function appendChildren(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === '') return;
      if (Array.isArray(child)) appendChildren(node, child);
      else node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    });
  }
})();
