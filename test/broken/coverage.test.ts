/**
 * The proof of strength covers the registry (spec §2a): every requirement
 * has at least one deliberately broken adapter in `adapters/` whose `breaks`
 * names it — a requirement added without one fails here — and every adapter
 * declares what it breaks in the form the broken-adapter tests read:
 * `breaks` a requirement of the registry, `alsoBreaks` other requirements,
 * each with its reason. Hostile adapters (about the runner, not one
 * requirement) are left aside. No conformance run: the runs are in
 * `broken-adapters*.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { findRequirement, requirements } from '../../conformance/requirements/index.ts';
import { IMPRECISE_CHECKS } from './imprecise-checks.ts';
import { brokenAdapterFiles } from './suite.ts';

const adapters = await brokenAdapterFiles();
const targeted = adapters.filter((entry) => entry.hostile === undefined);

describe('the broken adapters cover the registry', () => {
  it('every requirement has a broken adapter that breaks it', () => {
    const broken = new Set(targeted.map((entry) => entry.breaks));
    const uncovered = requirements.filter((entry) => !broken.has(entry.id)).map((entry) => `${entry.id} (${entry.title})`);
    expect(uncovered, 'requirements without a broken adapter in test/broken/adapters/ (see test/broken/README.md, "Adding one")').toEqual([]);
  });

  it('every adapter breaks one requirement of the registry (or is hostile, naming what it affects)', () => {
    const wrong = adapters.filter((entry) =>
      entry.hostile === undefined ? entry.breaks === undefined || findRequirement(entry.breaks) === undefined : entry.affects.length === 0 || entry.affects.some((id) => !findRequirement(id)),
    );
    expect(wrong.map((entry) => `${entry.file}: breaks ${String(entry.breaks)}`)).toEqual([]);
  });

  it('every alsoBreaks entry names another requirement of the registry and says why (20 characters at least)', () => {
    const problems = targeted.flatMap((entry) => [
      ...entry.declarationProblems.map((problem) => `${entry.file}: ${problem}`),
      ...entry.alsoBreaks.flatMap(({ id, why }) => [
        ...(findRequirement(id) === undefined ? [`${entry.file}: alsoBreaks names ${id}, which is not in the registry`] : []),
        ...(id === entry.breaks ? [`${entry.file}: alsoBreaks names ${id}, the requirement it breaks`] : []),
        ...(why.trim().length < 20 ? [`${entry.file}: alsoBreaks["${id}"] gives no reason ("${why}")`] : []),
      ]),
    ]);
    expect(problems).toEqual([]);
  });

  it('every known check precision bug names an adapter, a requirement it does not declare, and why', () => {
    const files = new Map(targeted.map((entry) => [entry.file, entry]));
    const problems = IMPRECISE_CHECKS.flatMap(({ adapter, requirement, why }) => {
      const entry = files.get(adapter);
      if (entry === undefined) return [`${adapter}: no such broken adapter`];
      return [
        ...(findRequirement(requirement) === undefined ? [`${adapter}: ${requirement} is not in the registry`] : []),
        ...(requirement === entry.breaks || entry.alsoBreaks.some((also) => also.id === requirement) ? [`${adapter}: ${requirement} is declared by the adapter itself`] : []),
        ...(why.trim().length < 20 ? [`${adapter}: ${requirement} gives no reason`] : []),
      ];
    });
    expect(problems).toEqual([]);
    const keys = IMPRECISE_CHECKS.map(({ adapter, requirement }) => `${adapter} ${requirement}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index), 'listed twice').toEqual([]);
  });
});
