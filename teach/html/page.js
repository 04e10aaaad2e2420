// Draws check-doc's page from the JSON in #doc-data. Every text from the document goes in
// through textContent, never as markup: a tutorial's program cannot inject anything.
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('doc-data').textContent);
  var app = document.getElementById('app');
  app.textContent = '';
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var labels = { holds: 'holds', 'does-not-hold': 'does not hold', 'does-not-parse': 'does not parse', 'cannot-check': 'cannot be checked', 'no-claim': 'ran; no claim' };
  app.appendChild(el('h1', '', 'check-doc: ' + report.file));
  var c = report.counts;
  app.appendChild(el('p', 'summary', report.blocks.length + ' programs on CPython ' + report.python.version + ': ' + c.holds + ' claims hold, ' + c['does-not-hold'] + ' do not, ' + c['does-not-parse'] + ' do not parse, ' + c['cannot-check'] + ' cannot be checked, ' + c['no-claim'] + ' make no claim.'));
  report.blocks.forEach(function (block) {
    var box = el('section', 'block ' + block.verdict);
    var head = el('div');
    head.appendChild(el('span', 'verdict', labels[block.verdict]));
    head.appendChild(document.createTextNode(' \u2014 ' + block.location + (block.reason ? ': ' + block.reason : '')));
    box.appendChild(head);
    if (block.timingSensitive) box.appendChild(el('div', 'note', block.verdict === 'holds' ? 'Holds only by timing luck: the order changes on a loaded machine.' : 'Timing-sensitive: the order changes on a loaded machine.'));
    (block.versions || []).forEach(function (v) { box.appendChild(el('div', 'note', v.oracle + ' (' + v.version + ') prints: ' + v.real.join(' | '))); });
    if (block.firstDifference) {
      var d = block.firstDifference;
      box.appendChild(el('div', 'difference', 'First difference, line ' + d.line + ': claimed ' + JSON.stringify(d.claimed === undefined ? null : d.claimed) + ', CPython printed ' + JSON.stringify(d.real === undefined ? null : d.real)));
    }
    if (block.why) box.appendChild(el('div', 'why', 'Why: ' + block.why));
    if (block.claim || block.real) {
      var cols = el('div', 'columns');
      var claimed = el('div');
      claimed.appendChild(el('div', '', block.claim ? 'Claimed (' + block.claim.location + ')' : 'No claim'));
      claimed.appendChild(el('pre', 'claimed', block.claim ? block.claim.lines.join('\n') : ''));
      var real = el('div');
      real.appendChild(el('div', '', 'CPython prints'));
      real.appendChild(el('pre', 'real', (block.real || []).join('\n')));
      cols.appendChild(claimed);
      cols.appendChild(real);
      box.appendChild(cols);
    }
    var details = el('details');
    details.appendChild(el('summary', '', 'Program as checked' + (block.borrowedFrom.length ? ' (with definitions from ' + block.borrowedFrom.join(', ') + ')' : '')));
    details.appendChild(el('pre', 'program', block.source));
    box.appendChild(details);
    app.appendChild(box);
  });
})();
