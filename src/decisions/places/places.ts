/**
 * Results per place (issue 22): which rows a vote or consultation of a
 * parent list reports beside its total, and in which of them each elector
 * counts. Pure: the I/O gives the places frozen with the electorate, with
 * their members and ballots; this decides the public rows.
 *
 * - The international list's parts are its branches (level `branch`), each
 *   with its chapters (level `chapter`) and a "waiting for a chapter" row for
 *   its members with no chapter yet; members with no branch are in a
 *   "no branch" row. A branch's own list's parts are its chapters, beside a
 *   "waiting for a chapter" row and a row for its members living elsewhere.
 * - Public rows never reveal a ballot: a place with fewer than MIN_BALLOTS
 *   ballots is merged with its small siblings into an "other places" row
 *   (a chapter's into its branch's), and when that row is still too small,
 *   the smallest shown sibling joins it, until it is not or none is left;
 *   then the siblings are not shown at all (the parent row carries them),
 *   since a parent minus its shown rows would give the small ones away.
 * - The places a double majority counts (the branches of an international
 *   vote, the chapters of a branch's) are never merged: the rule counts
 *   each of them, whatever its size.
 *
 * A synthetic row's slug has a "~" (no list slug has one): "fr~waiting",
 * "~none", "fr~other", "~other", "~waiting", "~elsewhere".
 */

export type PlaceLevel = 'branch' | 'chapter';

/** Fewer ballots than this and a place is merged on public artefacts. */
export const MIN_BALLOTS = 5;

/** A public row's place, as the tally sheet's head declares it. */
export interface PlaceDecl {
  place: string;
  level: PlaceLevel;
  name: string;
  /** The row this one is part of (a chapter's branch), or null. */
  parent: string | null;
}

/** A frozen place (a branch or chapter group) by its id. */
export interface PlaceGroup {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
}

/** Electors who share a frozen (branch, chapter), with their ballots. */
export interface PlaceCell {
  branchId: number | null;
  chapterId: number | null;
  members: number;
  ballots: number;
}

export interface PlacePlan {
  /** The public rows, each parent before its children. Empty: no parts. */
  places: PlaceDecl[];
  /** The finest public row of each cell (cellKey), or null when only the total holds it. */
  placeOf: Record<string, string | null>;
}

export const cellKey = (branchId: number | null, chapterId: number | null) => `${branchId ?? '-'}/${chapterId ?? '-'}`;

/** Whether a row is a real place (a branch or chapter), not a row Tacit made up ("waiting", "other places"). */
export const isRealPlace = (slug: string) => !slug.includes('~');

/** The rows a slug counts in: itself and its parents. */
export function pathOf(places: readonly PlaceDecl[], slug: string | null): string[] {
  const byPlace = new Map(places.map((p) => [p.place, p]));
  const path: string[] = [];
  for (let p = slug ? byPlace.get(slug) : undefined; p; p = p.parent ? byPlace.get(p.parent) : undefined) path.push(p.place);
  return path;
}

/** The units a double majority counts: the real places of the top level. */
export function unitPlaces(places: readonly PlaceDecl[]): PlaceDecl[] {
  return places.filter((p) => p.parent === null && isRealPlace(p.place));
}

interface RawRow {
  decl: PlaceDecl;
  members: number;
  ballots: number;
  cells: string[];
  children: RawRow[];
}

/**
 * The public rows of a consultation's parts. `level`: the places of its top
 * rows ('branch' for the international list, 'chapter' for the branch
 * `listGroupId`); `keepUnits`: a double majority's units are never merged.
 */
export function planPlaces(input: {
  level: PlaceLevel;
  listGroupId: number;
  groups: ReadonlyMap<number, PlaceGroup>;
  cells: readonly PlaceCell[];
  keepUnits: boolean;
  minBallots?: number;
}): PlacePlan {
  const min = input.minBallots ?? MIN_BALLOTS;
  const top = input.level === 'branch' ? branchRows(input.groups, input.cells) : chapterRows(input.listGroupId, input.groups, input.cells);
  const placeOf: Record<string, string | null> = {};
  for (const cell of input.cells) placeOf[cellKey(cell.branchId, cell.chapterId)] = null;
  // No part is a real place: a list with nobody placed has no parts to show.
  if (!top.some((r) => isRealPlace(r.decl.place))) return { places: [], placeOf };
  const places: PlaceDecl[] = [];
  const shownTop = mergeSiblings(top, null, input.keepUnits, min);
  for (const row of shownTop) {
    places.push(row.decl);
    for (const cell of row.cells) placeOf[cell] = row.decl.place;
    for (const child of mergeSiblings(row.children, row.decl.place, false, min)) {
      places.push(child.decl);
      for (const cell of child.cells) placeOf[cell] = child.decl.place;
    }
  }
  return { places, placeOf };
}

const byName = (a: RawRow, b: RawRow) => a.decl.place.localeCompare(b.decl.place);

function row(decl: PlaceDecl): RawRow {
  return { decl, members: 0, ballots: 0, cells: [], children: [] };
}

function addCell(r: RawRow, cell: PlaceCell): void {
  r.members += cell.members;
  r.ballots += cell.ballots;
  r.cells.push(cellKey(cell.branchId, cell.chapterId));
}

/** The international list's rows: branches with their chapters and waiting row, then "no branch". */
function branchRows(groups: ReadonlyMap<number, PlaceGroup>, cells: readonly PlaceCell[]): RawRow[] {
  const branches = new Map<string, RawRow>();
  const noBranch = row({ place: '~none', level: 'branch', name: 'no branch', parent: null });
  for (const cell of cells) {
    const branch = cell.branchId === null ? undefined : groups.get(cell.branchId);
    if (!branch) {
      addCell(noBranch, cell);
      continue;
    }
    let b = branches.get(branch.slug);
    if (!b) branches.set(branch.slug, (b = row({ place: branch.slug, level: 'branch', name: branch.name, parent: null })));
    const chapter = cell.chapterId === null ? undefined : groups.get(cell.chapterId);
    // A chapter under another branch (groups moved since) is no chapter of this one: its members wait here.
    const childDecl: PlaceDecl = chapter && chapter.parentId === branch.id
      ? { place: chapter.slug, level: 'chapter', name: chapter.name, parent: branch.slug }
      : { place: `${branch.slug}~waiting`, level: 'chapter', name: 'waiting for a chapter', parent: branch.slug };
    let child = b.children.find((c) => c.decl.place === childDecl.place);
    if (!child) b.children.push((child = row(childDecl)));
    addCell(b, cell);
    addCell(child, cell);
  }
  const rows = [...branches.values()].sort(byName);
  for (const b of rows) b.children.sort(byName);
  return noBranch.members > 0 ? [...rows, noBranch] : rows;
}

/** A branch's own list's rows: its chapters, "waiting for a chapter", and members living elsewhere. */
function chapterRows(branchId: number, groups: ReadonlyMap<number, PlaceGroup>, cells: readonly PlaceCell[]): RawRow[] {
  const chapters = new Map<string, RawRow>();
  const waiting = row({ place: '~waiting', level: 'chapter', name: 'waiting for a chapter', parent: null });
  const elsewhere = row({ place: '~elsewhere', level: 'chapter', name: 'living elsewhere', parent: null });
  for (const cell of cells) {
    const chapter = cell.chapterId === null ? undefined : groups.get(cell.chapterId);
    if (chapter && chapter.parentId === branchId) {
      let c = chapters.get(chapter.slug);
      if (!c) chapters.set(chapter.slug, (c = row({ place: chapter.slug, level: 'chapter', name: chapter.name, parent: null })));
      addCell(c, cell);
    } else addCell(cell.branchId === branchId ? waiting : elsewhere, cell);
  }
  return [...[...chapters.values()].sort(byName), ...[waiting, elsewhere].filter((r) => r.members > 0)];
}

/**
 * Siblings as shown: those with at least `min` ballots (and kept units), and
 * the small ones merged into one "other places" row of their parent; none
 * but the kept units when the merged row cannot reach `min`.
 */
function mergeSiblings(rows: readonly RawRow[], parent: string | null, keepUnits: boolean, min: number): RawRow[] {
  const kept = (r: RawRow) => keepUnits && isRealPlace(r.decl.place);
  const small = rows.filter((r) => !kept(r) && r.ballots < min);
  if (small.length === 0) return [...rows];
  const rest = rows.filter((r) => !kept(r) && r.ballots >= min).sort((a, b) => a.ballots - b.ballots || byName(a, b));
  const sum = () => small.reduce((n, r) => n + r.ballots, 0);
  while (sum() < min && rest.length > 0) small.push(rest.shift()!);
  const merged = new Set(small);
  const shown = rows.filter((r) => !merged.has(r));
  // All merged: the merged row would be the parent (or the total) again, and shows nothing more. Too few even
  // all together beside kept units: they are the total minus those units anyway, so shown as what they are.
  if (shown.length === 0) return [];
  const level = rows[0]!.decl.level;
  const other = row({ place: `${parent ?? ''}~other`, level, name: 'other places', parent });
  for (const r of small) {
    other.members += r.members;
    other.ballots += r.ballots;
    other.cells.push(...r.cells);
  }
  return [...shown, other];
}
