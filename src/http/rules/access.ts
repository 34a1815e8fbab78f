/**
 * Who may read what on the web record. Pure: the viewer and the list's
 * settings in, a yes or no out. A list's archive is `public`, `members`
 * (its signed-in members) or `off` (nobody); its decisions are `public` or
 * `members`, so a committee's outcomes can be public while its discussion is not.
 */
export type ArchiveVisibility = 'public' | 'members' | 'off';
export type DecisionVisibility = 'public' | 'members';

export interface Viewer {
  memberId: number;
  email: string;
  name: string;
  /** Ids of the groups whose list the viewer is on. */
  groupIds: ReadonlySet<number>;
}

export interface ListAccess {
  id: number;
  archive: ArchiveVisibility;
  decisions: DecisionVisibility;
}

export function isMemberOf(viewer: Viewer | null, groupId: number): boolean {
  return !!viewer && viewer.groupIds.has(groupId);
}

export function canReadArchive(viewer: Viewer | null, list: ListAccess): boolean {
  if (list.archive === 'off') return false;
  return list.archive === 'public' || isMemberOf(viewer, list.id);
}

export function canReadDecisions(viewer: Viewer | null, list: ListAccess): boolean {
  return list.decisions === 'public' || isMemberOf(viewer, list.id);
}

/** An mbox holds whole messages, addresses and all: only for the list's members. */
export function canDownloadMbox(viewer: Viewer | null, list: ListAccess): boolean {
  return list.archive !== 'off' && isMemberOf(viewer, list.id);
}

/** Member addresses are shown only to members of the list the page belongs to. */
export function mayShowAddresses(viewer: Viewer | null, groupId: number): boolean {
  return isMemberOf(viewer, groupId);
}
