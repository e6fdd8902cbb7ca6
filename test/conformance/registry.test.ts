import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../conformance/properties/index.ts';
import { requirements, AREAS, areaOf } from '../../conformance/requirements/index.ts';
import { parseRequirementHeadings, replaceRequirementBlock } from '../../conformance/spec/render.ts';

const specPath = new URL('../../docs/spec.md', import.meta.url);

describe('the requirement registry', () => {
  it('holds at least 50 requirements, every area represented, ids unique and AREA-NNN', () => {
    expect(requirements.length).toBeGreaterThanOrEqual(50);
    for (const area of AREAS) expect(requirements.some((entry) => areaOf(entry.id) === area), area).toBe(true);
    const ids = requirements.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z]+-\d{3}$/);
  });

  it('gives every requirement a level, a title, a rule with its keyword, a rationale and a source', () => {
    for (const entry of requirements) {
      expect(['MUST', 'SHOULD'], entry.id).toContain(entry.level);
      expect(entry.title.length, entry.id).toBeGreaterThan(5);
      expect(entry.rule, entry.id).toMatch(entry.level === 'MUST' ? /MUST/ : /SHOULD/);
      expect(entry.rationale.length, entry.id).toBeGreaterThan(20);
      expect(entry.source.length, entry.id).toBeGreaterThan(5);
    }
  });
});

describe('requirements and checks', () => {
  it('every requirement is judged by at least one check', () => {
    const judged = new Set(allChecks.map((check) => check.requirement));
    const unjudged = requirements.filter((entry) => !judged.has(entry.id)).map((entry) => entry.id);
    expect(unjudged, 'requirements with no property').toEqual([]);
  });

  it('every check judges a requirement of the registry', () => {
    const known = new Set(requirements.map((entry) => entry.id));
    const orphans = allChecks.filter((check) => !known.has(check.requirement)).map((check) => `${check.requirement}: ${check.title}`);
    expect(orphans, 'properties with no requirement').toEqual([]);
  });

  it('check titles are unique within a requirement and do not repeat the id', () => {
    const seen = new Set<string>();
    for (const check of allChecks) {
      const key = `${check.requirement} ${check.title}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(check.title).not.toMatch(/^\[/);
    }
  });
});

describe('docs/spec.md', () => {
  const document = readFileSync(specPath, 'utf8');

  it('agrees with the registry (run `npm run spec` after editing the registry)', () => {
    expect(replaceRequirementBlock(document, requirements)).toBe(document);
  });

  it('names every requirement once, with the registry level and title, and nothing else', () => {
    const headings = parseRequirementHeadings(document);
    expect(headings.map((heading) => `${heading.id} ${heading.level} ${heading.title}`)).toEqual(
      requirements.map((entry) => `${entry.id} ${entry.level} ${entry.title}`),
    );
  });

  it('mentions in its prose only requirement ids that exist', () => {
    const known = new Set<string>(requirements.map((entry) => entry.id));
    const mentioned = [...document.matchAll(/\b(SSE|CHUNK|HDR|STREAM|GEN|CLOSE|WIRE|BROWSER)-\d{3}\b/g)].map((match) => match[0]);
    expect(mentioned.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('citations', () => {
  const document = readFileSync(specPath, 'utf8');
  const sections = new Set([...document.matchAll(/^#{2,3} (\d+[a-z]?(?:\.\d+)?)\.? /gm)].map((match) => match[1]!));

  it('every "spec §N" a requirement cites is a section of docs/spec.md', () => {
    const cited = requirements.flatMap((entry) =>
      [...`${entry.source} ${entry.rationale} ${entry.rule}`.matchAll(/spec §(\d+[a-z]?(?:\.\d+)?)(?:(?:, | and |–)§(\d+[a-z]?(?:\.\d+)?))?/g)].flatMap((match) =>
        [match[1], match[2]].filter((section): section is string => section !== undefined).map((section) => `${entry.id} §${section}`),
      ),
    );
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((citation) => !sections.has(citation.split('§')[1]!))).toEqual([]);
  });

  it('the project cites its own spec, never a document outside the repository', () => {
    const roots = ['conformance', 'reference', 'reports', 'load', 'docs', 'README.md'];
    const offenders: string[] = [];
    const visit = (path: string): void => {
      const url = new URL(`../../${path}`, import.meta.url);
      if (statSync(url).isDirectory()) {
        for (const entry of readdirSync(url)) if (entry !== 'node_modules' && entry !== 'out') visit(`${path}/${entry}`);
        return;
      }
      if (!/\.(ts|mjs|md|json|yaml|html)$/.test(path)) return;
      readFileSync(url, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/\bDESIGN(\.md)? §|DESIGN\.md|shared\/seed|\.\.\/shared\/|\/work\//.test(line)) offenders.push(`${path}:${index + 1}: ${line.trim()}`);
        });
    };
    for (const root of roots) visit(root);
    expect(offenders).toEqual([]);
  });
});
