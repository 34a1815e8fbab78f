import type { Config } from '../../shared/config/config.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { parseBounce, type BounceInfo } from '../../shared/rules/bounce.ts';
import type { Handler, HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import { readToken } from '../../shared/rules/tokens.ts';
import { readerOf } from '../org/reader.ts';

/**
 * bounces+TOKEN@D, the VERP envelope sender of every copy: the token names
 * the outbox row, so a report is matched to its member and message without
 * trusting what the report says about addresses. A hard bounce marks the
 * copy 'bounced' (a consultation counts that member as unreachable) and adds
 * to the member's bounce score, which halves every BOUNCE_HALF_LIFE_DAYS; at
 * BOUNCE_THRESHOLD delivery is disabled and the member is told on their
 * other addresses (and in their next answer from request@, and the digest).
 * Auto-replies arriving here are recorded as such ("away") and never score.
 * A DMARC or policy rejection refused Tacit's mail, not the address: the copy
 * is 'bounced' (the member is unreachable for that consultation, not silent)
 * but it never scores, and `tacit stats` and `tacit doctor` show it.
 */
export const bouncesHandler: Handler = async (mail, tools) => {
  if (mail.address.kind !== 'bounces') return { outcome: 'not a bounce address' };
  const { tx, ctx } = tools;
  const ids = readToken(ctx.secret, 'bounce', mail.address.token, 1);
  if (!ids) return { outcome: 'bad bounce token' };
  const [copy] = await tx`select id, recipient, member_id, kind from outbox where id = ${ids[0]}`;
  if (!copy) return { outcome: `bounce for unknown copy ${ids[0]}` };

  if (mail.kind === 'auto-reply') {
    await record(tx, mail.deliveryId, copy, { kind: 'unknown' }, 'auto-reply', false);
    return { outcome: `auto-reply to copy ${copy.id} recorded (away, not a bounce)` };
  }
  const info = await parseBounce(mail.raw);
  // Only a delivery report can hurt a member: a person writing to this address proves nothing.
  const kind = mail.kind === 'bounce' ? info.kind : 'unknown';
  if (kind === 'policy') {
    await tx`update outbox set state = 'bounced', last_error = ${`refused by policy: ${info.diagnostic ?? info.status}`} where id = ${copy.id}`;
    await record(tx, mail.deliveryId, copy, info, 'policy', false);
    return { outcome: `policy rejection of copy ${copy.id} (${info.status ?? 'no status'}): Tacit's mail was refused, not scored` };
  }
  if (kind !== 'hard') {
    await record(tx, mail.deliveryId, copy, info, kind, false);
    return { outcome: `${kind} bounce for copy ${copy.id} recorded` };
  }
  await tx`update outbox set state = 'bounced', last_error = ${info.diagnostic ?? info.status ?? 'hard bounce'} where id = ${copy.id}`;
  const score = copy.member_id ? await scoreHardBounce(tx, ctx.config, copy.member_id) : null;
  await record(tx, mail.deliveryId, copy, info, 'hard', !!score?.scored);
  if (score?.justDisabled) await tellDisabled(tools, copy.member_id, copy.recipient);
  return {
    outcome: `hard bounce for copy ${copy.id}${score ? `: score ${score.score.toFixed(2)}${score.justDisabled ? ', delivery disabled' : ''}` : ''}`,
  };
};

async function record(
  tx: Queryable,
  deliveryId: number,
  copy: Record<string, any>,
  info: BounceInfo,
  kind: string,
  scored: boolean,
): Promise<void> {
  await tx`
    insert into delivery_reports (delivery_id, outbox_id, member_id, kind, status, diagnostic, scored)
    values (${deliveryId}, ${copy.id}, ${copy.member_id}, ${kind}, ${info.status ?? null}, ${info.diagnostic ?? null}, ${scored})
    on conflict (delivery_id) do nothing`;
}

/**
 * Adds one hard bounce to the member's decaying score, at most once per
 * BOUNCE_SCORE_GAP_HOURS (a busy list must not disable someone in an hour),
 * and disables delivery when the score reaches the threshold.
 */
export async function scoreHardBounce(
  tx: Queryable,
  config: Config,
  memberId: number,
): Promise<{ score: number; scored: boolean; justDisabled: boolean }> {
  const { bounceHalfLifeDays, bounceScoreGapHours, bounceThreshold } = config.lists;
  const [row] = await tx`
    with old as (
      select id, delivery_disabled_at,
             case when bounce_scored_at is null then 0
                  else bounce_score * power(0.5, greatest(0, extract(epoch from now() - bounce_scored_at)) / 86400 / ${bounceHalfLifeDays}::float8)
             end as decayed,
             bounce_scored_at is null or bounce_scored_at <= now() - make_interval(secs => ${bounceScoreGapHours * 3600}) as may_score
      from members where id = ${memberId} for update
    )
    update members m set
      bounce_score = case when old.may_score then old.decayed + 1 else m.bounce_score end,
      bounce_scored_at = case when old.may_score then now() else m.bounce_scored_at end,
      -- A hair of tolerance: three bounces a minute apart have decayed to 2.99999, and that is three.
      delivery_disabled_at = case when old.may_score and old.decayed + 1 >= ${bounceThreshold} - 0.01
                                  then coalesce(m.delivery_disabled_at, now()) else m.delivery_disabled_at end
    from old where m.id = old.id
    returning m.bounce_score, old.may_score, old.delivery_disabled_at is null and m.delivery_disabled_at is not null as just_disabled`;
  if (!row) return { score: 0, scored: false, justDisabled: false };
  return { score: Number(row.bounce_score), scored: row.may_score as boolean, justDisabled: row.just_disabled as boolean };
}

/** The member's other addresses hear that delivery stopped (the bounced one would not). */
async function tellDisabled({ tx, outbox }: HandlerTools, memberId: number, bouncedAddress: string): Promise<void> {
  const others = await tx`
    select email from member_addresses where member_id = ${memberId} and email <> ${bouncedAddress}
    union select email from members where id = ${memberId} and email <> ${bouncedAddress}`;
  const { lang } = await readerOf(tx, bouncedAddress);
  for (const { email } of others) {
    await outbox.queue({
      kind: 'delivery-disabled',
      recipient: email,
      memberId,
      params: { data: { lang, address: bouncedAddress } },
      dedupeKey: `disabled:${memberId}:${email}:${new Date().toISOString().slice(0, 10)}`,
    });
  }
}
