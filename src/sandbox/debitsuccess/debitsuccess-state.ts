import { seedMembers, type SeedBillingAccount, type SeedBillingPhone } from '../seed.js';

export interface StoredPhone extends SeedBillingPhone {
  phoneNumberId: string;
}

/** Billing accounts by the club's account id (Debitsuccess accountExternalId), and customers' phones. */
export class DebitsuccessState {
  readonly accountsByExternalId = new Map<string, SeedBillingAccount[]>();
  private readonly phonesByCustomer = new Map<string, StoredPhone[]>();
  private nextPhoneId = 1;

  constructor() {
    for (const member of seedMembers()) {
      if (member.billingAccounts.length > 0) this.accountsByExternalId.set(member.accountId, member.billingAccounts);
      const customerId = member.billingAccounts[0]?.customerId;
      for (const phone of member.billingPhones) this.addPhone(customerId!, phone);
    }
  }

  accountById(accountId: string): SeedBillingAccount | undefined {
    for (const accounts of this.accountsByExternalId.values()) {
      const found = accounts.find((a) => a.accountId === accountId);
      if (found) return found;
    }
    return undefined;
  }

  phonesOf(customerId: string): StoredPhone[] {
    return this.phonesByCustomer.get(customerId) ?? [];
  }

  /** Adds a number as it is, replacing none: the seed, and tests that need a customer with many numbers. */
  addPhone(customerId: string, phone: Omit<StoredPhone, 'phoneNumberId'>): void {
    this.phonesByCustomer.set(customerId, [...this.phonesOf(customerId), { ...phone, phoneNumberId: String(this.nextPhoneId++) }]);
  }

  /** The number replaces the customer's number of that type, which becomes type Previous. */
  savePhone(customerId: string, phone: Omit<StoredPhone, 'phoneNumberId'>): void {
    const phones = this.phonesOf(customerId).map((p) =>
      p.phoneType === phone.phoneType ? { ...p, phoneType: 'previous' as const, isPrimary: false } : p,
    );
    const demoted = phone.isPrimary ? phones.map((p) => ({ ...p, isPrimary: false })) : phones;
    this.phonesByCustomer.set(customerId, [...demoted, { ...phone, phoneNumberId: String(this.nextPhoneId++) }]);
  }
}
