import type { WireType, WireValue } from '../wire-values.js';

/**
 * The Kognitiv wire contract as data: services, their methods, element names and types and the return codes each
 * method documents, as the vendor's method pages and sample packets give them. The bundled WSDLs are generated from
 * it, the sandbox reads requests and writes answers with it, and the datasource encodes requests and decodes answers
 * by it: the names it sends and reads are typed by `RequestFieldOf` / `ResultFieldOf`, so a name that is not in this
 * table does not compile. A service holds any number of methods, keyed by the datasource method that calls each (and
 * `VENDOR_OPERATIONS` keys it the same way). Every element occurs at most once (the WSDLs say maxOccurs="1"), and the
 * datasource refuses an answer that repeats one.
 */
export type XsdType = WireType;
export type Field = readonly [name: string, type: XsdType];

export interface AsmxMethod {
  /** The vendor's method name: the SOAPAction's last part, and the operation in logs and errors. */
  name: string;
  /** Wrapper element of the request fields, or `null` when the method takes them flat. */
  parameter: string | null;
  requestType: string;
  request: readonly Field[];
  resultType: string;
  result: readonly Field[];
  /** The non-zero ReturnCodes the method documents: the sandbox answers only these, and the tests provoke each. */
  returnCodes: readonly number[];
}

export interface AsmxService {
  /** `Services/Sync` → `<KOGNITIV_URL>/Services/Sync.asmx`. */
  path: string;
  serviceName: string;
  namespace: string;
  /** True where the namespace is not published and ours is a guess. */
  namespaceIsGuess: boolean;
  methods: Readonly<Record<string, AsmxMethod>>;
}

const SERVICES_NS = 'https://app.smartbutton.com/Services/';
const SECURITY_TOKEN = ['SecurityToken', 'string'] as const satisfies Field;
/**
 * The token codes every method can answer (Web_Service_Return_Codes). 102/104/105, and 2 ("all parameters must be
 * sent"), come from that general page rather than each method's own.
 */
const TOKEN_CODES = [100, 101, 102, 104, 105] as const;
/** The balances Kognitiv answers, each as `<prefix><kind>` (e.g. `MemberPointsAvailable`). */
export const POINT_KINDS = ['Earned', 'Used', 'Deducted', 'Expired', 'Locked', 'Available'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
const POINTS = <P extends string>(prefix: P) =>
  POINT_KINDS.map((kind) => [`${prefix}${kind}`, 'double'] as const) as unknown as readonly (readonly [`${P}${PointKind}`, 'double'])[];

export const KOGNITIV_SERVICES = {
  sync: {
    path: 'Services/Sync',
    serviceName: 'Sync',
    namespace: SERVICES_NS,
    namespaceIsGuess: true,
    methods: {
      saveAccountPhone: {
        name: 'SaveAccountPhone',
        parameter: 'preqSaveAccountPhone',
        requestType: 'reqSaveAccountPhone',
        request: [
          SECURITY_TOKEN,
          ['MemberId', 'int'],
          ['PhoneNumberTypeExternalReference', 'string'],
          ['PhoneNumber', 'string'],
          ['MobileCarrierExternalReference', 'string'],
          ['IsValid', 'int'],
        ],
        resultType: 'respSaveAccountPhone',
        result: [
          ['ReturnCode', 'int'],
          ['SavedPhoneNumber', 'string'],
        ],
        returnCodes: [1, 2, ...TOKEN_CODES, 308, 311, 315, 316],
      },
    },
  },
  mobile: {
    path: 'Services/Mobile',
    serviceName: 'Mobile',
    namespace: SERVICES_NS,
    namespaceIsGuess: false,
    methods: {
      productPromotionEntry: {
        name: 'ProductPromotionEntry',
        // The method page says preqProductPromotionEntry; the vendor's sample packet (generated from the code) says this.
        parameter: 'lreqProductPromotionEntry',
        requestType: 'reqProductPromotionEntry',
        request: [
          SECURITY_TOKEN,
          ['LoyaltyProgramId', 'int'],
          ['LocationExternalReference', 'string'],
          ['PhoneNumber', 'string'],
          ['ProductCode', 'string'],
        ],
        resultType: 'respProductPromotionEntry',
        result: [
          ['ReturnCode', 'int'],
          ['ErrorMessage', 'string'],
          ['SuccessfulPromotionMessage', 'string'],
          ['MemberFirstName', 'string'],
          ['MemberLastName', 'string'],
          ['LoyaltyProgramName', 'string'],
          ...POINTS('Points'),
        ],
        returnCodes: [1, 2, ...TOKEN_CODES, 302, 303, 305, 1000, 1001, 1002],
      },
    },
  },
  portal: {
    path: 'Services/Portal',
    serviceName: 'Portal',
    namespace: SERVICES_NS,
    namespaceIsGuess: false,
    methods: {
      externalLogin: {
        name: 'ExternalLogin',
        parameter: null,
        requestType: 'ExternalLogin',
        request: [SECURITY_TOKEN, ['LocationExternalReference', 'string'], ['AccountId', 'string'], ['Password', 'string']],
        resultType: 'respExternalLogin',
        result: [
          ['ReturnCode', 'int'],
          ['FirstName', 'string'],
          ['LastName', 'string'],
        ],
        returnCodes: [1, 2, ...TOKEN_CODES, 602, 603, 605, 606],
      },
    },
  },
  interaction: {
    path: 'Services/Interaction',
    serviceName: 'Interaction',
    namespace: SERVICES_NS,
    namespaceIsGuess: true,
    methods: {
      recordInteraction: {
        name: 'RecordInteraction',
        parameter: 'preqRecordInteraction',
        requestType: 'reqRecordInteraction',
        request: [
          SECURITY_TOKEN,
          ['AccountId', 'string'],
          ['LocationExternalReference', 'string'],
          ['InteractionTypeExternalReference', 'string'],
          ['InteractionNote', 'string'],
        ],
        resultType: 'respRecordInteraction',
        result: [
          ['ReturnCode', 'int'],
          ['InteractionId', 'int'],
        ],
        returnCodes: [1, 2, ...TOKEN_CODES, 300, 301, 503, 1200],
      },
    },
  },
  loyaltyMember: {
    path: 'Services/LoyaltyMember',
    serviceName: 'LoyaltyMember',
    namespace: 'https://app.smartbutton.com/Services/LoyaltyMember',
    namespaceIsGuess: false,
    methods: {
      fetchLoyaltyMemberCore: {
        name: 'FetchLoyaltyMemberCore',
        parameter: 'preqFetchLoyaltyMemberCore',
        requestType: 'reqFetchLoyaltyMemberCore',
        request: [SECURITY_TOKEN, ['AccountId', 'string']],
        resultType: 'respFetchLoyaltyMemberCore',
        result: [
          ['ReturnCode', 'int'],
          ['MemberId', 'int'],
          ['FirstName', 'string'],
          ['MiddleName', 'string'],
          ['LastName', 'string'],
          ['Suffix', 'string'],
          ['NickName', 'string'],
          ['Birthdate', 'string'],
          ['Gender', 'string'],
          ['IsEmployee', 'int'],
          ['IsSuspended', 'int'],
          ['IsLocked', 'int'],
        ],
        returnCodes: [1, 2, ...TOKEN_CODES, 300, 312],
      },
    },
  },
  memberActivity: {
    path: 'WS/MemberActivity',
    serviceName: 'MemberActivity',
    namespace: 'LoyaltyPlatformWS',
    namespaceIsGuess: false,
    methods: {
      fetchMemberPointBalances: {
        name: 'FetchMemberPointBalances',
        parameter: null,
        requestType: 'FetchMemberPointBalances',
        request: [
          ['WSSecurityToken', 'string'],
          ['MemberAccountId', 'string'],
          ['SBInternalMemberId', 'int'],
        ],
        resultType: 'MemberPointBalances',
        result: [['ReturnCode', 'int'], ...POINTS('MemberPoints')],
        // Its method page lists none: 300 and 311 are an assumption from its inputs.
        returnCodes: [1, 2, ...TOKEN_CODES, 300, 311],
      },
    },
  },
} as const satisfies Record<string, AsmxService>;

type Services = typeof KOGNITIV_SERVICES;
export type KognitivServiceKey = keyof Services;
type MethodsOf<S extends KognitivServiceKey> = Services[S]['methods'];
/** Every method of every service, by its key (`saveAccountPhone`, …). */
export type KognitivMethodKey = { [S in KognitivServiceKey]: keyof MethodsOf<S> & string }[KognitivServiceKey];
type MethodOf<M extends KognitivMethodKey> = {
  [S in KognitivServiceKey]: M extends keyof MethodsOf<S> ? MethodsOf<S>[M] : never;
}[KognitivServiceKey];
/** The request element names of a method, as the table spells them. */
export type RequestFieldOf<M extends KognitivMethodKey> = MethodOf<M>['request'][number][0];
/** The result element names of a method, as the table spells them. */
export type ResultFieldOf<M extends KognitivMethodKey> = MethodOf<M>['result'][number][0];
/** A method's result as read by its contract (`decodeResult`): each element's text or number, by name. */
export type ResultOf<M extends KognitivMethodKey> = {
  [F in MethodOf<M>['result'][number] as F[0]]: WireValue<F[1]>;
};

export interface KognitivMethod {
  serviceKey: KognitivServiceKey;
  service: AsmxService;
  method: AsmxMethod;
}

/** Each method with the service it belongs to, by method key: how a caller reaches a method without knowing its service. */
export const KOGNITIV_METHODS = Object.fromEntries(
  (Object.entries(KOGNITIV_SERVICES) as [KognitivServiceKey, AsmxService][]).flatMap(([serviceKey, service]) =>
    Object.entries(service.methods).map(([key, method]) => [key, { serviceKey, service, method }]),
  ),
) as Record<KognitivMethodKey, KognitivMethod>;

/** ASMX's SOAPAction: the namespace and the method name, joined by exactly one slash. */
export function soapActionOf(service: AsmxService, method: AsmxMethod): string {
  return `${service.namespace.replace(/\/$/, '')}/${method.name}`;
}

export function wsdlFileOf(service: AsmxService): string {
  return `${service.serviceName}.asmx.wsdl`;
}

/**
 * The service as breakers, logs and metrics name it: its path below `Services/` (`Sync.asmx`), or the whole path for
 * the one service elsewhere (`WS/MemberActivity.asmx`).
 */
export function serviceLabelOf(service: AsmxService): string {
  return `${service.path.replace(/^Services\//, '')}.asmx`;
}
