import { seedMembers, type SeedMember } from '../seed.js';

export interface RecordedInteraction {
  id: number;
  accountId: string;
  type: string;
  location: string;
  note: string;
}

/** One sandbox's memory: members (with their phones and points) and the interactions recorded. */
export class KognitivState {
  readonly members: SeedMember[] = seedMembers();
  readonly interactions: RecordedInteraction[] = [];
  private nextInteractionId = 10001;

  byAccountId(accountId: string): SeedMember | undefined {
    return this.members.find((m) => m.accountId === accountId);
  }

  byKognitivMemberId(kognitivMemberId: number): SeedMember | undefined {
    return this.members.find((m) => m.kognitivMemberId === kognitivMemberId);
  }

  /** Kognitiv strips non-digits before looking a phone up. */
  byPhoneDigits(digits: string): SeedMember | undefined {
    return this.members.find((m) => m.phones.some((p) => p.number === digits));
  }

  recordInteraction(interaction: Omit<RecordedInteraction, 'id'>): number {
    const id = this.nextInteractionId++;
    this.interactions.push({ id, ...interaction });
    return id;
  }
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
