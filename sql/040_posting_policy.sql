-- Who may post to a list without moderation: its members (the default), only
-- its owners and moderators (an announcement list such as all@), or nobody
-- (every post is moderated).
alter table groups
  add column posting text not null default 'members' check (posting in ('members', 'owners', 'moderated'));

alter table list_posts drop constraint list_posts_hold_reason_check;
alter table list_posts add constraint list_posts_hold_reason_check
  check (hold_reason in ('non-member', 'loop', 'policy'));
