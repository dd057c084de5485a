import type { WireType, WireValue } from '../wire-values.js';

/**
 * The Kognitiv wire contract as data: services, methods, element names and types, as the vendor's
 * method pages and sample packets give them. The bundled WSDLs are generated from it, the sandbox
 * reads requests and writes answers with it, and the datasource encodes requests and decodes answers
 * by it: the names it sends and reads are typed by `RequestFieldOf` / `ResultFieldOf`, so a name
 * that is not in this table does not compile. Every element occurs at most once (the WSDLs say maxOccurs="1"),
 * and the datasource refuses an answer that repeats one.
 */
export type XsdType = WireType;
export type Field = readonly [name: string, type: XsdType];

export interface AsmxMethod {
  name: string;
  /** Wrapper element of the request fields, or `null` when the method takes them flat. */
  parameter: string | null;
  requestType: string;
  request: readonly Field[];
  resultType: string;
  result: readonly Field[];
}

export interface AsmxService {
  /** `Services/Sync` → `<KOGNITIV_URL>/Services/Sync.asmx`. */
  path: string;
  serviceName: string;
  namespace: string;
  /** True where the namespace is not published and ours is a guess. */
  namespaceIsGuess: boolean;
  methods: readonly AsmxMethod[];
}

const SERVICES_NS = 'https://app.smartbutton.com/Services/';
const SECURITY_TOKEN = ['SecurityToken', 'string'] as const satisfies Field;
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
    methods: [
      {
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
      },
    ],
  },
  mobile: {
    path: 'Services/Mobile',
    serviceName: 'Mobile',
    namespace: SERVICES_NS,
    namespaceIsGuess: false,
    methods: [
      {
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
      },
    ],
  },
  portal: {
    path: 'Services/Portal',
    serviceName: 'Portal',
    namespace: SERVICES_NS,
    namespaceIsGuess: false,
    methods: [
      {
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
      },
    ],
  },
  interaction: {
    path: 'Services/Interaction',
    serviceName: 'Interaction',
    namespace: SERVICES_NS,
    namespaceIsGuess: true,
    methods: [
      {
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
      },
    ],
  },
  loyaltyMember: {
    path: 'Services/LoyaltyMember',
    serviceName: 'LoyaltyMember',
    namespace: 'https://app.smartbutton.com/Services/LoyaltyMember',
    namespaceIsGuess: false,
    methods: [
      {
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
      },
    ],
  },
  memberActivity: {
    path: 'WS/MemberActivity',
    serviceName: 'MemberActivity',
    namespace: 'LoyaltyPlatformWS',
    namespaceIsGuess: false,
    methods: [
      {
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
      },
    ],
  },
} as const satisfies Record<string, AsmxService>;

export type KognitivServiceKey = keyof typeof KOGNITIV_SERVICES;
type MethodOf<K extends KognitivServiceKey> = (typeof KOGNITIV_SERVICES)[K]['methods'][0];
/** The request element names of a service's method, as the table spells them. */
export type RequestFieldOf<K extends KognitivServiceKey> = MethodOf<K>['request'][number][0];
/** The result element names of a service's method, as the table spells them. */
export type ResultFieldOf<K extends KognitivServiceKey> = MethodOf<K>['result'][number][0];
/** A method's result as read by its contract (`decodeResult`): each element's text or number, by name. */
export type ResultOf<K extends KognitivServiceKey> = {
  [F in MethodOf<K>['result'][number] as F[0]]: WireValue<F[1]>;
};

/** ASMX's SOAPAction: the namespace and the method name, joined by exactly one slash. */
export function soapActionOf(service: AsmxService, method: AsmxMethod): string {
  return `${service.namespace.replace(/\/$/, '')}/${method.name}`;
}

export function wsdlFileOf(service: AsmxService): string {
  return `${service.serviceName}.asmx.wsdl`;
}
