import type { Client } from 'soap';
import { createSoapClient } from '../soap-client.js';
import type { KognitivSettings } from '../../config.js';
import { classifySoapFailure } from '../soap-failure.js';
import { buildOnVendorHttp, type VendorHttp } from '../vendor-http.js';
import { soapCall, VendorReturnCodeError, VendorTransportError } from '../vendor-error.js';
import type { VendorTransportOptions } from '../vendor-transport-options.js';
import { soapMessageTemplate, type SoapMessageTemplate } from '../soap-message-template.js';
import { encodeSoapArguments, encodeXmlText, type SoapArguments } from '../xml-text.js';
import {
  KOGNITIV_METHODS,
  KOGNITIV_SERVICES,
  POINT_KINDS,
  wsdlFileOf,
  type AsmxService,
  type KognitivMethod,
  type KognitivMethodKey,
  type KognitivServiceKey,
  type PointKind,
  type RequestFieldOf,
  type ResultOf,
} from './asmx-contract.js';
import { contractDriftOf, type ContractDrift, type WsdlDescription } from './contract-drift.js';
import { decodeFlag, decodeGender, decodeKognitivDate, decodeResult } from './kognitiv-values.js';

/** Kognitiv's settings as configured (`src/config.ts` declares them and their defaults), and how to reach it. */
export type KognitivOptions = KognitivSettings & VendorTransportOptions;

export interface LoyaltyMemberCore {
  /** Kognitiv's internal member id (`MemberId`, `SBInternalMemberId`): not the club's account id. */
  kognitivMemberId: number;
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

/** The prefix of a method's balance elements (`MemberPoints` for `MemberPointsAvailable`, …). */
type PointPrefixOf<K extends KognitivMethodKey> = keyof ResultOf<K> extends infer F ? (F extends `${infer P}Available` ? P : never) : never;

function wsdlLocation(options: KognitivOptions, service: AsmxService): string {
  return options.wsdl === 'remote'
    ? `${options.url}/${service.path}.asmx?WSDL`
    : new URL(`./wsdl/${wsdlFileOf(service)}`, import.meta.url).pathname;
}

/** Balances Kognitiv leaves out are 0 (one that is not a finite number never gets here: `decodeResult` refuses it). */
function pointsFrom<K extends KognitivMethodKey>(answer: ResultOf<K>, prefix: PointPrefixOf<K>): PointBalances {
  const balances = answer as Record<string, number | undefined>;
  return Object.fromEntries(POINT_KINDS.map((kind) => [kind.toLowerCase(), balances[`${prefix}${kind}`] ?? 0])) as PointBalances;
}

/** An answer with ReturnCode 0 that the method's result cannot be made of. */
function malformed(key: KognitivMethodKey, detail: string): VendorTransportError {
  return new VendorTransportError(soapCall('KOGNITIV', KOGNITIV_METHODS[key].method.name), 'MALFORMED_RESPONSE', true, detail);
}

/**
 * Kognitiv Loyalty over SOAP (ASMX): one node-soap client per service, built once. Adds the
 * security token, program id and default location itself (`fromSettings`); answers non-zero ReturnCodes with VendorReturnCodeError and
 * everything that is not an answer with VendorTransportError.
 */
export class KognitivLoyalty {
  /** How the WSDLs read at creation differ from the contract (`contract-drift.ts`); empty when they match. */
  readonly contractDrift: readonly ContractDrift[];
  /** Each method's request message, made once from its client's WSDL (soap-message-template.ts); absent where none could be. */
  private readonly messages = new Map<KognitivMethodKey, SoapMessageTemplate>();

  /** The request fields our settings fill in whichever method has them, unless a call gives its own value. */
  private readonly fromSettings: ReadonlyMap<string, string | number>;

  private constructor(
    private readonly options: KognitivOptions,
    private readonly clients: Record<KognitivServiceKey, Client>,
    private readonly transport: VendorHttp,
  ) {
    // Kognitiv names the token WSSecurityToken in FetchMemberPointBalances and SecurityToken everywhere else.
    this.fromSettings = new Map<string, string | number>([
      ['SecurityToken', options.securityToken],
      ['WSSecurityToken', options.securityToken],
      ['LoyaltyProgramId', options.loyaltyProgramId],
      ['LocationExternalReference', options.defaultLocation],
    ]);
    this.contractDrift = (Object.entries(KOGNITIV_SERVICES) as [KognitivServiceKey, AsmxService][]).flatMap(([key, service]) =>
      contractDriftOf(service, clients[key].describe() as WsdlDescription),
    );
    for (const [key, { serviceKey, method }] of Object.entries(KOGNITIV_METHODS) as [KognitivMethodKey, KognitivMethod][]) {
      const names = method.request.map(([name]) => name);
      const wrap = (fields: Record<string, string>) => (method.parameter ? { [method.parameter]: fields } : fields);
      let template: SoapMessageTemplate | undefined;
      try {
        template = soapMessageTemplate(clients[serviceKey], method.name, names, wrap);
      } catch {
        // A WSDL node-soap cannot write this message from fails the same way on each call, where it is reported.
      }
      if (template) this.messages.set(key, template);
    }
  }

  static async create(options: KognitivOptions): Promise<KognitivLoyalty> {
    const timeout = options.timeoutMs;
    return buildOnVendorHttp({ ...options, allowedOrigin: new URL(options.url).origin }, async (transport) => {
      const entries = await Promise.all(
        (Object.entries(KOGNITIV_SERVICES) as [KognitivServiceKey, AsmxService][]).map(async ([key, service]) => {
          const client = await createSoapClient(wsdlLocation(options, service), `${options.url}/${service.path}.asmx`, transport, {
            wsdl_options: { timeout },
          });
          return [key, client] as const;
        }),
      );
      return new KognitivLoyalty(options, Object.fromEntries(entries) as Record<KognitivServiceKey, Client>, transport);
    });
  }

  close(): void {
    this.transport.close();
  }

  private async call<K extends KognitivMethodKey>(
    key: K,
    values: Partial<Record<RequestFieldOf<K>, string | number>>,
  ): Promise<ResultOf<K>> {
    const { serviceKey, method } = KOGNITIV_METHODS[key];
    const client = this.clients[serviceKey];
    // Every field, in contract order: Kognitiv answers 2 when a parameter is missing, even an optional one.
    const given = values as Record<string, string | number | undefined>;
    const ordered = method.request.map(([name, type]) => given[name] ?? this.fromSettings.get(name) ?? (type === 'string' ? '' : 0));
    const template = this.messages.get(key);
    let args: SoapArguments;
    if (template) {
      // node-soap sends `_xml` as the message as it is: the same bytes its own writing of these values gives.
      args = { _xml: template(ordered.map((value) => (typeof value === 'string' ? encodeXmlText(value) : String(value)))) };
    } else {
      const fields = encodeSoapArguments(Object.fromEntries(method.request.map(([name], index) => [name, ordered[index]])));
      args = method.parameter ? { [method.parameter]: fields } : fields;
    }

    let response: unknown;
    try {
      const invoke = client[`${method.name}Async`] as (args: unknown, options: unknown) => Promise<[unknown]>;
      [response] = await invoke.call(client, args, { timeout: this.options.timeoutMs });
    } catch (error) {
      throw classifySoapFailure('KOGNITIV', method.name, error);
    }

    // Every value is read by the contract before any is used: an answer that breaks it anywhere is not used at all.
    const resultName = `${method.name}Result`;
    const raw = (response as Record<string, unknown> | null)?.[resultName];
    const answer = decodeResult({ vendor: 'KOGNITIV', operation: method.name }, resultName, method.result, raw) as
      (ResultOf<K> & { ReturnCode?: number; ErrorMessage?: string | null }) | undefined;
    const code = answer?.ReturnCode;
    if (!answer || code === undefined) throw malformed(key, `no ${resultName}/ReturnCode in answer`);
    if (code !== 0) {
      throw new VendorReturnCodeError(soapCall('KOGNITIV', method.name), String(code), { vendorMessage: answer.ErrorMessage ?? undefined });
    }
    return answer;
  }

  async fetchLoyaltyMemberCore(accountId: string): Promise<LoyaltyMemberCore> {
    const a = await this.call('fetchLoyaltyMemberCore', { AccountId: accountId });
    if (a.MemberId === undefined) throw malformed('fetchLoyaltyMemberCore', 'no MemberId with ReturnCode 0');
    const birthDate = decodeKognitivDate(a.Birthdate);
    if (birthDate === undefined) {
      throw malformed('fetchLoyaltyMemberCore', `unreadable Birthdate (${String(a.Birthdate?.length)} characters)`);
    }
    return {
      kognitivMemberId: a.MemberId,
      firstName: a.FirstName,
      middleName: a.MiddleName,
      lastName: a.LastName,
      suffix: a.Suffix,
      nickName: a.NickName,
      birthDate,
      gender: decodeGender(a.Gender),
      isEmployee: decodeFlag(a.IsEmployee),
      isSuspended: decodeFlag(a.IsSuspended),
      isLocked: decodeFlag(a.IsLocked),
    };
  }

  /** `kognitivMemberId` is sent as SBInternalMemberId; it is always sent, 0 when not known. */
  async fetchMemberPointBalances(accountId: string, kognitivMemberId = 0): Promise<PointBalances> {
    const a = await this.call('fetchMemberPointBalances', {
      MemberAccountId: accountId,
      SBInternalMemberId: kognitivMemberId,
    });
    return pointsFrom(a, 'MemberPoints');
  }

  async saveAccountPhone(input: {
    kognitivMemberId: number;
    phoneTypeRef: string;
    phoneNumber: string;
    mobileCarrierRef?: string;
    isValid: boolean;
  }): Promise<{ savedPhoneNumber: string }> {
    const a = await this.call('saveAccountPhone', {
      MemberId: input.kognitivMemberId,
      PhoneNumberTypeExternalReference: input.phoneTypeRef,
      PhoneNumber: input.phoneNumber,
      MobileCarrierExternalReference: input.mobileCarrierRef,
      IsValid: input.isValid ? 1 : 0,
    });
    return { savedPhoneNumber: a.SavedPhoneNumber ?? input.phoneNumber };
  }

  async productPromotionEntry(input: { phoneNumber: string; productCode: string; location?: string }): Promise<PromotionEntryResult> {
    const a = await this.call('productPromotionEntry', {
      LocationExternalReference: input.location,
      PhoneNumber: input.phoneNumber,
      ProductCode: input.productCode,
    });
    return {
      message: a.SuccessfulPromotionMessage,
      firstName: a.MemberFirstName,
      lastName: a.MemberLastName,
      programName: a.LoyaltyProgramName,
      points: pointsFrom(a, 'Points'),
    };
  }

  async externalLogin(input: {
    accountId: string;
    password: string;
    location?: string;
  }): Promise<{ firstName: string | null; lastName: string | null }> {
    const a = await this.call('externalLogin', {
      LocationExternalReference: input.location,
      AccountId: input.accountId,
      Password: input.password,
    });
    return { firstName: a.FirstName, lastName: a.LastName };
  }

  async recordInteraction(input: {
    accountId: string;
    interactionTypeRef: string;
    location?: string;
    note?: string;
  }): Promise<{ interactionId: number }> {
    const a = await this.call('recordInteraction', {
      AccountId: input.accountId,
      LocationExternalReference: input.location,
      InteractionTypeExternalReference: input.interactionTypeRef,
      InteractionNote: input.note,
    });
    if (a.InteractionId === undefined || a.InteractionId < 0) {
      throw malformed('recordInteraction', `InteractionId ${String(a.InteractionId)} with ReturnCode 0`);
    }
    return { interactionId: a.InteractionId };
  }
}
