import { Injectable } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { AudienceRepository } from '../audience/audience.repository';
import type { AudienceMember } from '../audience/audience.schema';
import { SegmentsEnv } from '../config/segments.env';
import { profileConfig } from './profile-config';
import { evaluateProfile, type MemberStanding, type ProfileConfig, type ProfileState } from './profile-state';
import { ProfilesRepository, type MemberFacts } from './profiles.repository';
import type { MemberProfile, ProfileMove } from './profiles.schema';
import type { RfmCuts } from './rfm';

/** Read-decide-write attempts per member before giving up (the event is then retried). */
const MAX_ATTEMPTS = 5;

export interface Moves {
  segment: number;
  stage: number;
}

export const standingOf = (a: AudienceMember | undefined): MemberStanding => ({
  enrolledAt: a?.enrolledAt ?? null,
  profilingAllowed: !!a && a.analyticsGranted && !a.erased,
});

const sameState = (p: MemberProfile, s: ProfileState) =>
  p.profiled === s.profiled &&
  p.segment === s.segment &&
  p.stage === s.stage &&
  JSON.stringify([p.features, p.scores, p.lastChurnedAt]) === JSON.stringify([s.features, s.scores, s.lastChurnedAt]);

/**
 * Re-places members: features from their facts, scores against the current cut points, segment
 * and stage at the clock's now. Every move is recorded on the profile and announced
 * (`segment.exited` / `segment.entered`, `lifecycle.stage.changed`) in the same compare-and-set
 * write (outbox), so a move is published once whatever redelivery or racing evaluations happen.
 */
@Injectable()
export class ProfileEvaluator {
  private readonly cfg: ProfileConfig;

  constructor(
    private readonly repo: ProfilesRepository,
    private readonly audience: AudienceRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    env: SegmentsEnv,
  ) {
    this.cfg = profileConfig(env);
  }

  get config(): ProfileConfig {
    return this.cfg;
  }

  /**
   * Evaluate these members now; `cuts` defaults to the current cut points. `audienceRows`: the
   * caller has just read these members' audience rows (all of them), so the first attempt does
   * not read them again.
   */
  async evaluate(memberIds: readonly string[], cuts?: RfmCuts | null, audienceRows?: readonly AudienceMember[]): Promise<Moves> {
    const moves: Moves = { segment: 0, stage: 0 };
    let todo = [...new Set(memberIds)];
    let useCuts = cuts;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && todo.length > 0; attempt++) {
      const known = attempt === 0 && audienceRows ? audienceRows : null;
      const [members, facts, profiles, current] = await Promise.all([
        known ?? this.audience.findMany(todo),
        this.repo.factsOf(todo),
        this.repo.findProfiles(todo),
        useCuts === undefined ? this.repo.currentCuts() : useCuts,
      ]);
      useCuts = current;
      const byId = new Map(members.map((m) => [m._id, m]));
      const profileById = new Map(profiles.map((p) => [p._id, p]));
      const lost: string[] = [];
      for (const id of todo) {
        const written = await this.place(id, byId.get(id), facts.get(id) ?? { purchases: [], returns: [] }, profileById.get(id) ?? null, useCuts, moves);
        if (!written) lost.push(id);
      }
      todo = lost; // another evaluation wrote in between: decide again against it
    }
    if (todo.length > 0) throw new Error(`profiles of ${todo.join(', ')} kept changing concurrently; the event will be retried`);
    return moves;
  }

  /** False when another writer changed the profile since it was read. */
  private async place(
    memberId: string,
    member: AudienceMember | undefined,
    facts: MemberFacts,
    profile: MemberProfile | null,
    cuts: RfmCuts | null,
    moves: Moves,
  ): Promise<boolean> {
    if (member?.erased) {
      await this.repo.deleteMember(memberId);
      return true;
    }
    if (!member && !profile && facts.purchases.length === 0) return true; // nothing known about them
    const now = this.clock.now();
    const state = evaluateProfile(facts, standingOf(member), cuts, now, this.cfg);
    if (profile && sameState(profile, state)) return true;
    const { moved, events } = this.movesOf(memberId, profile, state, now);
    moves.segment += moved.filter((m) => m.kind === 'segment').length;
    moves.stage += moved.filter((m) => m.kind === 'stage').length;
    const stageSince = profile && profile.stage === state.stage ? profile.stageSince : now;
    const next = { ...state, stageSince: state.stage ? stageSince : null, evaluatedAt: now };
    if (!profile) return this.repo.insertProfile({ _id: memberId, rev: 0, ...next, moves: moved }, events);
    return this.repo.replaceProfileIfUnchanged(memberId, profile.rev, next, moved, events);
  }

  private movesOf(memberId: string, before: MemberProfile | null, after: ProfileState, now: Date): { moved: ProfileMove[]; events: EventEnvelope[] } {
    const moved: ProfileMove[] = [];
    const events: EventEnvelope[] = [];
    const at = now.toISOString();
    const fromSegment = before?.segment ?? null;
    if (fromSegment !== after.segment) {
      moved.push({ at: now, kind: 'segment', from: fromSegment, to: after.segment });
      if (fromSegment) events.push(this.events.create('segment.exited.v1', { memberId, segment: fromSegment, exitedAt: at }, now));
      if (after.segment) {
        const s = after.scores;
        events.push(
          this.events.create(
            'segment.entered.v1',
            { memberId, segment: after.segment, recency: s?.r ?? null, frequency: s?.f ?? null, monetary: s?.m ?? null, enteredAt: at },
            now,
          ),
        );
      }
    }
    const fromStage = before?.stage ?? null;
    if (fromStage !== after.stage) {
      moved.push({ at: now, kind: 'stage', from: fromStage, to: after.stage });
      if (after.stage) events.push(this.events.create('lifecycle.stage.changed.v1', { memberId, fromStage, toStage: after.stage, changedAt: at }, now));
    }
    return { moved, events };
  }
}
