import type { Client } from 'soap';
import { createSoapClient } from '../soap-client.js';
import type { KognitivSettings } from '../../config.js';
import { isInt32 } from '../int32.js';
import { classifySoapFailure } from '../soap-failure.js';
import { createVendorHttp, type VendorHttp } from '../vendor-http.js';
import { VendorReturnCodeError, VendorTransportError } from '../vendor-error.js';
import type { VendorTransportOptions } from '../vendor-transport-options.js';
import { encodeSoapArguments } from '../xml-text.js';
import {
  KOGNITIV_SERVICES,
  POINT_KINDS,
  wsdlFileOf,
  type AsmxMethod,
  type AsmxService,
  type KognitivServiceKey,
  type PointKind,
  type RequestFieldOf,
  type ResultFieldOf,
} from './asmx-contract.js';
import { decodeFlag, decodeGender, decodeKognitivDate, decodeText } from './kognitiv-values.js';

/** Kognitiv's settings as configured (`src/config.ts` declares them and their defaults), and how to reach it. */
export type KognitivOptions = KognitivSettings & VendorTransportOptions;

export interface LoyaltyMemberCore {
  memberId: number;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  suffix: string | null;
  nickName: string | null;
  /** ISO `YYYY-MM-DD`. */
  birthDate: string | null;
  gender: 'MALE' | 'FEMALE' | null;
  isEmployee: boolean;
  isSuspended: boolean;
  isLocked: boolean;
}

/** One number per balance kind the contract lists: `earned`, `used`, `deducted`, `expired`, `locked`, `available`. */
export type PointBalances = Record<Lowercase<PointKind>, number>;

export interface PromotionEntryResult {
  message: string | null;
  firstName: string | null;
  lastName: string | null;
  programName: string | null;
  points: PointBalances;
}

/** A method's result as node-soap parsed it: only the contract's element names can be read. */
type Answer<K extends KognitivServiceKey> = Partial<Record<ResultFieldOf<K>, unknown>>;
/** The prefix of a method's balance elements (`MemberPoints` for `MemberPointsAvailable`, …). */
type PointPrefixOf<K extends KognitivServiceKey> = ResultFieldOf<K> extends infer F ? (F extends `${infer P}Available` ? P : never) : never;

interface ServiceClient {
  service: AsmxService;
  client: Client;
}

function wsdlLocation(options: KognitivOptions, service: AsmxService): string {
  return options.wsdl === 'remote'
    ? `${options.url}/${service.path}.asmx?WSDL`
    : new URL(`./wsdl/${wsdlFileOf(service)}`, import.meta.url).pathname;
}

/** Balances Kognitiv leaves out are 0; one that is not a finite number is an answer we cannot use. */
function pointsFrom<K extends KognitivServiceKey>(answer: Answer<K>, prefix: PointPrefixOf<K>, operation: string): PointBalances {
  const read = (kind: PointKind) => {
    const name = `${prefix}${kind}`;
    const value = (answer as Record<string, unknown>)[name];
    if (typeof value !== 'number') return 0;
    if (!Number.isFinite(value)) throw new VendorTransportError('KOGNITIV', operation, 'MALFORMED_RESPONSE', true, `${name} is ${value}`);
    return value;
  };
  return Object.fromEntries(POINT_KINDS.map((kind) => [kind.toLowerCase(), read(kind)])) as PointBalances;
}

/**
 * Kognitiv Loyalty over SOAP (ASMX): one node-soap client per service, built once. Adds the
 * security token and program id itself; answers non-zero ReturnCodes with VendorReturnCodeError and
 * everything that is not an answer with VendorTransportError.
 */
export class KognitivLoyalty {
  private constructor(
    private readonly options: KognitivOptions,
    private readonly clients: Record<KognitivServiceKey, ServiceClient>,
    private readonly transport: VendorHttp,
  ) {}

  static async create(options: KognitivOptions): Promise<KognitivLoyalty> {
    const transport = createVendorHttp({
      agents: options.agents,
      maxSockets: options.maxSockets,
      maxResponseBytes: options.maxResponseBytes,
      allowedOrigin: new URL(options.url).origin,
      propagateTrace: options.propagateTrace,
    });
    const timeout = options.timeoutMs;
    try {
      const entries = await Promise.all(
        (Object.entries(KOGNITIV_SERVICES) as [KognitivServiceKey, AsmxService][]).map(async ([key, service]) => {
          const client = await createSoapClient(wsdlLocation(options, service), `${options.url}/${service.path}.asmx`, transport, {
            wsdl_options: { timeout },
          });
          return [key, { service, client }] as const;
        }),
      );
      return new KognitivLoyalty(options, Object.fromEntries(entries) as Record<KognitivServiceKey, ServiceClient>, transport);
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }

  private async call<K extends KognitivServiceKey>(
    key: K,
    values: Partial<Record<RequestFieldOf<K>, string | number>>,
  ): Promise<Answer<K>> {
    const { service, client } = this.clients[key];
    const method: AsmxMethod = service.methods[0]!;
    // Every field, in contract order: Kognitiv answers 2 when a parameter is missing, even an optional one.
    const given = values as Record<string, string | number | undefined>;
    const fields = encodeSoapArguments(
      Object.fromEntries(method.request.map(([name, type]) => [name, given[name] ?? (type === 'string' ? '' : 0)])),
    );
    const args = method.parameter ? { [method.parameter]: fields } : fields;

    let response: unknown;
    try {
      const invoke = client[`${method.name}Async`] as (args: unknown, options: unknown) => Promise<[unknown]>;
      [response] = await invoke.call(client, args, { timeout: this.options.timeoutMs });
    } catch (error) {
      throw classifySoapFailure('KOGNITIV', method.name, error);
    }

    const answer = (response as Record<string, unknown> | null)?.[`${method.name}Result`] as
      (Answer<K> & { ReturnCode?: unknown; ErrorMessage?: unknown }) | undefined;
    const code = answer?.ReturnCode;
    if (!answer || typeof code !== 'number' || !Number.isInteger(code)) {
      throw new VendorTransportError('KOGNITIV', method.name, 'MALFORMED_RESPONSE', true, `no ${method.name}Result/ReturnCode in answer`);
    }
    if (code !== 0) {
      throw new VendorReturnCodeError('KOGNITIV', method.name, String(code), {
        vendorMessage: decodeText(answer.ErrorMessage) ?? undefined,
      });
    }
    return answer;
  }

  async fetchLoyaltyMemberCore(accountId: string): Promise<LoyaltyMemberCore> {
    const a = await this.call('loyaltyMember', { SecurityToken: this.options.securityToken, AccountId: accountId });
    if (!isInt32(a.MemberId))
      throw new VendorTransportError(
        'KOGNITIV',
        'FetchLoyaltyMemberCore',
        'MALFORMED_RESPONSE',
        true,
        `MemberId ${String(a.MemberId)} is not a 32-bit integer`,
      );
    const birthDate = decodeKognitivDate(a.Birthdate);
    if (birthDate === undefined)
      throw new VendorTransportError(
        'KOGNITIV',
        'FetchLoyaltyMemberCore',
        'MALFORMED_RESPONSE',
        true,
        `unreadable Birthdate ${String(a.Birthdate)}`,
      );
    return {
      memberId: a.MemberId,
      firstName: decodeText(a.FirstName),
      middleName: decodeText(a.MiddleName),
      lastName: decodeText(a.LastName),
      suffix: decodeText(a.Suffix),
      nickName: decodeText(a.NickName),
      birthDate,
      gender: decodeGender(a.Gender),
      isEmployee: decodeFlag(a.IsEmployee),
      isSuspended: decodeFlag(a.IsSuspended),
      isLocked: decodeFlag(a.IsLocked),
    };
  }

  /** `memberId` is Kognitiv's SBInternalMemberId; it is always sent, 0 when not known. */
  async fetchMemberPointBalances(accountId: string, memberId = 0): Promise<PointBalances> {
    const a = await this.call('memberActivity', {
      WSSecurityToken: this.options.securityToken,
      MemberAccountId: accountId,
      SBInternalMemberId: memberId,
    });
    return pointsFrom(a, 'MemberPoints', 'FetchMemberPointBalances');
  }

  async saveAccountPhone(input: {
    memberId: number;
    phoneTypeRef: string;
    phoneNumber: string;
    mobileCarrierRef?: string;
    isValid: boolean;
  }): Promise<{ savedPhoneNumber: string }> {
    const a = await this.call('sync', {
      SecurityToken: this.options.securityToken,
      MemberId: input.memberId,
      PhoneNumberTypeExternalReference: input.phoneTypeRef,
      PhoneNumber: input.phoneNumber,
      MobileCarrierExternalReference: input.mobileCarrierRef ?? '',
      IsValid: input.isValid ? 1 : 0,
    });
    return { savedPhoneNumber: decodeText(a.SavedPhoneNumber) ?? input.phoneNumber };
  }

  async productPromotionEntry(input: { phoneNumber: string; productCode: string; location?: string }): Promise<PromotionEntryResult> {
    const a = await this.call('mobile', {
      SecurityToken: this.options.securityToken,
      LoyaltyProgramId: this.options.loyaltyProgramId,
      LocationExternalReference: input.location ?? this.options.defaultLocation,
      PhoneNumber: input.phoneNumber,
      ProductCode: input.productCode,
    });
    return {
      message: decodeText(a.SuccessfulPromotionMessage),
      firstName: decodeText(a.MemberFirstName),
      lastName: decodeText(a.MemberLastName),
      programName: decodeText(a.LoyaltyProgramName),
      points: pointsFrom(a, 'Points', 'ProductPromotionEntry'),
    };
  }

  async externalLogin(input: {
    accountId: string;
    password: string;
    location?: string;
  }): Promise<{ firstName: string | null; lastName: string | null }> {
    const a = await this.call('portal', {
      SecurityToken: this.options.securityToken,
      LocationExternalReference: input.location ?? this.options.defaultLocation,
      AccountId: input.accountId,
      Password: input.password,
    });
    return { firstName: decodeText(a.FirstName), lastName: decodeText(a.LastName) };
  }

  async recordInteraction(input: {
    accountId: string;
    interactionTypeRef: string;
    location?: string;
    note?: string;
  }): Promise<{ interactionId: number }> {
    const a = await this.call('interaction', {
      SecurityToken: this.options.securityToken,
      AccountId: input.accountId,
      LocationExternalReference: input.location ?? this.options.defaultLocation,
      InteractionTypeExternalReference: input.interactionTypeRef,
      InteractionNote: input.note ?? '',
    });
    if (!isInt32(a.InteractionId) || a.InteractionId < 0) {
      throw new VendorTransportError(
        'KOGNITIV',
        'RecordInteraction',
        'MALFORMED_RESPONSE',
        true,
        `InteractionId ${String(a.InteractionId)} with ReturnCode 0`,
      );
    }
    return { interactionId: a.InteractionId };
  }
}
