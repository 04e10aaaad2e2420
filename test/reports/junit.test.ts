import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJunitXml, writeJunitReport } from '../../reports/index.ts';
import { FIXTURE_NAMES, loadFixture, withRoot, withoutDurations } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reports-junit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ParsedCase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  const root = parser.parse(xml).testsuites;
  const suite = root.testsuite[0];
  return { root, suite, cases: (suite.testcase ?? []) as ParsedCase[] };
}

describe('writeJunitReport', () => {
  for (const name of FIXTURE_NAMES) {
    it(`writes JUnit XML: ${name}`, async () => {
      const report = withoutDurations(await loadFixture(name));
      const file = join(dir, name, 'junit.xml');
      await writeJunitReport(report, file);
      const xml = await readFile(file, 'utf8');
      expect(xml).toBe(buildJunitXml(report));
      expect(withRoot(xml, dir)).toMatchSnapshot();
    });
  }

  it('has one suite and one failing case per bucket, with title, counts, program, traces and replay', async () => {
    const report = await loadFixture('three-buckets');
    const { root, suite, cases } = parse(buildJunitXml(report));
    expect(root.testsuite).toHaveLength(1);
    expect(suite['@_name']).toBe('asyncio-conformance native');
    expect(suite['@_tests']).toBe('3');
    expect(suite['@_failures']).toBe('3');
    expect(suite['@_time']).toBe('8.312');
    expect(cases.map((testCase) => testCase['@_name'])).toEqual(['eager-start', 'no-shutdown-cancellation', 'sleep-zero-no-yield']);
    const eager = cases[0].failure!;
    expect(eager['@_message']).toBe('Eager start: 41 of 500 programs differ (seed 42, target native)');
    expect(eager['#text']).toContain("  7 |     c = child()");
    expect(eager['#text']).toContain('CPython trace (outcome: ok):\n>   0  "main\\n"  t=0.000003   <- first difference\n    1  "child\\n"  t=0.000003');
    expect(eager['#text']).toContain('native trace (outcome: ok):\n>   0  "child\\n"');
    expect(eager['#text'].endsWith('Replay: npx asyncio-conformance replay --target native --seed 42 --path 17:4:0')).toBe(true);
    const properties = Object.fromEntries(suite.properties.property.map((p: Record<string, string>) => [p['@_name'], p['@_value']]));
    expect(properties).toMatchObject({ seed: '42', clock: 'realistic', runs: '500', differences: '73', 'outcomes.portCrash': 'Port crash: 2' });
  });

  it('has one passing case when all programs agree', async () => {
    const { suite, cases } = parse(buildJunitXml(await loadFixture('all-agree')));
    expect(suite['@_name']).toBe('asyncio-conformance port');
    expect(suite['@_failures']).toBe('0');
    expect(cases).toHaveLength(1);
    expect(cases[0]['@_name']).toBe('all programs agree');
    expect(cases[0].failure).toBeUndefined();
  });

  it('escapes hostile text: markup, two CDATA terminators, control characters', async () => {
    const report = await loadFixture('hostile');
    const xml = buildJunitXml(report);
    const { cases } = parse(xml);
    expect(cases).toHaveLength(1);
    const failure = cases[0].failure!;
    expect(failure['@_message']).toBe('<script>alert(1)</script>: 1 of 10 programs differ (seed 7, target port)');
    const body = failure['#text'];
    // The description has `]]>` twice: both survive, and the XML stayed well-formed (parse checked it).
    expect(body.startsWith(report.buckets[0].description)).toBe(true);
    expect(body).toContain('    print("]]> <!-- & caf\u00e9 \u2603")');
    expect(body).toContain('"]]> <!-- & caf\u00e9 \u2603\\u0001"');
    expect(body).toContain('port trace (outcome: exception RuntimeError: <img src=x onerror=alert(3)>)');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
