import { describe, expect, it } from 'vitest';
import { canDownloadMbox, canReadArchive, canReadDecisions, mayShowAddresses, type ListAccess, type Viewer } from '../../../src/http/rules/access.ts';

const member: Viewer = { memberId: 1, email: 'ana@example.org', name: 'Ana', groupIds: new Set([10]) };
const outsider: Viewer = { memberId: 2, email: 'ben@example.org', name: 'Ben', groupIds: new Set([20]) };
const list = (archive: ListAccess['archive'], decisions: ListAccess['decisions']): ListAccess => ({ id: 10, archive, decisions });

describe('web access', () => {
  it.each<[string, Viewer | null, ListAccess, { archive: boolean; decisions: boolean; mbox: boolean; addresses: boolean }]>([
    ['anonymous, public list', null, list('public', 'public'), { archive: true, decisions: true, mbox: false, addresses: false }],
    ['anonymous, members list', null, list('members', 'members'), { archive: false, decisions: false, mbox: false, addresses: false }],
    ['anonymous, members discussion with public decisions', null, list('members', 'public'), { archive: false, decisions: true, mbox: false, addresses: false }],
    ['member of another list', outsider, list('members', 'members'), { archive: false, decisions: false, mbox: false, addresses: false }],
    ['outsider on a public list', outsider, list('public', 'public'), { archive: true, decisions: true, mbox: false, addresses: false }],
    ['member, members list', member, list('members', 'members'), { archive: true, decisions: true, mbox: true, addresses: true }],
    ['member, archive off', member, list('off', 'members'), { archive: false, decisions: true, mbox: false, addresses: true }],
    ['anonymous, archive off, public decisions', null, list('off', 'public'), { archive: false, decisions: true, mbox: false, addresses: false }],
  ])('%s', (_name, viewer, access, expected) => {
    expect({
      archive: canReadArchive(viewer, access),
      decisions: canReadDecisions(viewer, access),
      mbox: canDownloadMbox(viewer, access),
      addresses: mayShowAddresses(viewer, access.id),
    }).toEqual(expected);
  });
});
