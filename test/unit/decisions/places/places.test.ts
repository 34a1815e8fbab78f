/**
 * Results per place (issue 22), the rows: which public rows a parent list's
 * count reports, where each elector counts, and how a small place is merged
 * so that no row reveals a ballot.
 */
import { describe, expect, it } from 'vitest';
import { cellKey, pathOf, planPlaces, unitPlaces, type PlaceCell, type PlaceGroup } from '../../../../src/decisions/places/places.ts';

// all (1) > fr (10) > fr-paris (11), fr-lyon (12); gb (20) > gb-london (21); de (30) with no chapter.
const GROUPS = new Map<number, PlaceGroup>(
  [
    { id: 10, slug: 'fr', name: 'France', parentId: 1 },
    { id: 11, slug: 'fr-paris', name: 'Paris', parentId: 10 },
    { id: 12, slug: 'fr-lyon', name: 'Lyon', parentId: 10 },
    { id: 20, slug: 'gb', name: 'United Kingdom', parentId: 1 },
    { id: 21, slug: 'gb-london', name: 'London', parentId: 20 },
    { id: 30, slug: 'de', name: 'Germany', parentId: 1 },
  ].map((g) => [g.id, g]),
);
const cell = (branchId: number | null, chapterId: number | null, members: number, ballots: number): PlaceCell => ({ branchId, chapterId, members, ballots });
const rows = (plan: ReturnType<typeof planPlaces>) => plan.places.map((p) => `${p.parent ?? ''}/${p.place}`);

describe('the rows of an international vote', () => {
  const cells = [
    cell(10, 11, 20, 10),
    cell(10, 12, 12, 6),
    cell(10, null, 9, 5), // French members with no chapter yet
    cell(20, 21, 15, 8),
    cell(20, null, 8, 5),
    cell(30, null, 10, 7),
    cell(null, null, 9, 6), // no branch for their country
  ];
  const plan = planPlaces({ level: 'branch', listGroupId: 1, groups: GROUPS, cells, keepUnits: false });

  it('reports each branch with its chapters and its "waiting for a chapter" row, then "no branch"', () => {
    expect(rows(plan)).toEqual([
      '/de', 'de/de~waiting',
      '/fr', 'fr/fr-lyon', 'fr/fr-paris', 'fr/fr~waiting',
      '/gb', 'gb/gb-london', 'gb/gb~waiting',
      '/~none',
    ]);
    expect(plan.places.find((p) => p.place === 'fr~waiting')).toMatchObject({ level: 'chapter', name: 'waiting for a chapter' });
    expect(plan.places.find((p) => p.place === '~none')).toMatchObject({ level: 'branch', name: 'no branch' });
  });

  it('puts each elector in their finest row, which counts in its parents', () => {
    expect(plan.placeOf[cellKey(10, 11)]).toBe('fr-paris');
    expect(plan.placeOf[cellKey(10, null)]).toBe('fr~waiting');
    expect(plan.placeOf[cellKey(null, null)]).toBe('~none');
    expect(pathOf(plan.places, 'fr-paris')).toEqual(['fr-paris', 'fr']);
    expect(pathOf(plan.places, null)).toEqual([]);
  });

  it('a double majority counts the real branches only', () => {
    expect(unitPlaces(plan.places).map((p) => p.place)).toEqual(['de', 'fr', 'gb']);
  });
});

describe('a place with fewer than 5 ballots', () => {
  it('is merged with its small siblings into its branch\'s "other places"', () => {
    const plan = planPlaces({
      level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: false,
      cells: [cell(10, 11, 20, 10), cell(10, 12, 6, 3), cell(10, null, 5, 2), cell(20, 21, 10, 9)],
    });
    expect(rows(plan)).toEqual(['/fr', 'fr/fr-paris', 'fr/fr~other', '/gb', 'gb/gb-london']);
    expect(plan.placeOf[cellKey(10, 12)]).toBe('fr~other');
    expect(plan.placeOf[cellKey(10, null)]).toBe('fr~other');
  });

  it('takes the smallest shown sibling with it when together they are still too few', () => {
    const plan = planPlaces({
      level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: false,
      cells: [cell(10, 11, 20, 10), cell(10, 12, 9, 6), cell(10, null, 5, 2), cell(20, 21, 10, 9)],
    });
    // fr~waiting alone (2) would be France minus Paris minus Lyon: Lyon (6) joins it.
    expect(rows(plan)).toEqual(['/fr', 'fr/fr-paris', 'fr/fr~other', '/gb', 'gb/gb-london']);
    expect(plan.placeOf[cellKey(10, 12)]).toBe('fr~other');
  });

  it('leaves no child row when every child would be merged (the row would be its branch again)', () => {
    const plan = planPlaces({
      level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: false,
      cells: [cell(10, 11, 4, 2), cell(10, null, 3, 1), cell(20, 21, 10, 9), cell(20, null, 3, 3), cell(30, null, 6, 5)],
    });
    // France (3) is too small; Germany (5), the smallest shown, joins it; their chapters go with them.
    expect(rows(plan)).toEqual(['/gb', '/~other']);
    // gb: waiting (3) needs London (9) to reach 5, and that is every chapter row: only the branch shows them.
    expect(plan.placeOf[cellKey(20, null)]).toBe('gb');
    expect(plan.placeOf[cellKey(10, 11)]).toBe('~other');
    expect(plan.placeOf[cellKey(30, null)]).toBe('~other');
  });

  it('leaves no row at all when every place would be merged', () => {
    const plan = planPlaces({ level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: false, cells: [cell(10, 11, 4, 2), cell(20, 21, 4, 2)] });
    expect(plan.places).toEqual([]);
  });

  it('stays apart when it is a unit of a double majority (its rule counts it), and its chapters still merge', () => {
    const plan = planPlaces({
      level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: true,
      cells: [cell(10, 11, 4, 2), cell(10, null, 3, 1), cell(20, 21, 10, 9), cell(30, null, 6, 5), cell(null, null, 2, 1)],
    });
    expect(rows(plan)).toEqual(['/de', 'de/de~waiting', '/fr', '/gb', 'gb/gb-london', '/~other']);
    expect(plan.placeOf[cellKey(10, 11)]).toBe('fr');
  });
});

describe("the rows of a branch's own vote", () => {
  it('are its chapters, its members waiting for one, and those living elsewhere', () => {
    const plan = planPlaces({
      level: 'chapter', listGroupId: 10, groups: GROUPS, keepUnits: false,
      cells: [cell(10, 11, 20, 10), cell(10, 12, 12, 6), cell(10, null, 9, 5), cell(20, 21, 8, 5)],
    });
    expect(rows(plan)).toEqual(['/fr-lyon', '/fr-paris', '/~waiting', '/~elsewhere']);
    expect(plan.places.every((p) => p.level === 'chapter')).toBe(true);
    expect(unitPlaces(plan.places).map((p) => p.place)).toEqual(['fr-lyon', 'fr-paris']);
  });

  it('has no parts when nobody is in a place', () => {
    expect(planPlaces({ level: 'chapter', listGroupId: 10, groups: GROUPS, keepUnits: false, cells: [cell(10, null, 9, 5)] }).places).toEqual([]);
    expect(planPlaces({ level: 'branch', listGroupId: 1, groups: GROUPS, keepUnits: false, cells: [cell(null, null, 9, 5)] }).places).toEqual([]);
  });
});

describe('a consultation per place (a proposal)', () => {
  it('counts each row with its method, and quotes no objection in a row (only the total does)', async () => {
    const { createPartsCount } = await import('../../../../src/decisions/places/partsCount.ts');
    const { lazyConsensus } = await import('../../../../src/decisions/methods/lazyConsensus/lazyConsensus.ts');
    const settings = { options: [], block: null };
    const places = [
      { place: 'fr', level: 'branch' as const, name: 'France', parent: null },
      { place: 'fr-paris', level: 'chapter' as const, name: 'Paris', parent: 'fr' },
    ];
    const parts = createPartsCount(lazyConsensus, settings, places);
    for (let i = 0; i < 5; i++) parts.add('fr-paris', { ballot: { stance: 'agree' } });
    parts.add('fr-paris', { ballot: { stance: 'object', reason: 'Only Anna in Paris would say this' } });
    parts.add('fr', { bucket: 'silent' });
    const [fr, paris] = parts.result() as { place: string; electorate: number; cast: number; result: { counts: unknown; objections: unknown[]; verdict: string } }[];
    expect([fr!.place, fr!.electorate, fr!.cast]).toEqual(['fr', 7, 6]);
    expect([paris!.place, paris!.electorate, paris!.cast]).toEqual(['fr-paris', 6, 6]);
    expect(paris!.result.counts).toEqual({ agree: 5, object: 1, abstain: 0 });
    expect(paris!.result.verdict).toBe('blocked');
    expect(paris!.result.objections).toEqual([]);
    expect(JSON.stringify(fr)).not.toContain('Anna');
  });
});
