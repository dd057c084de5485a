import { registerEnumType } from 'type-graphql';

export enum PhoneType {
  HOME = 'HOME',
  MOBILE = 'MOBILE',
  WORK = 'WORK',
  EMERGENCY = 'EMERGENCY',
}

registerEnumType(PhoneType, {
  name: 'PhoneType',
  description: 'Phone type. Kognitiv receives the configured external reference (KOGNITIV_PHONE_TYPES), Debitsuccess its own enum.',
  valuesConfig: {
    HOME: { description: 'Home phone (Debitsuccess `Home`).' },
    MOBILE: { description: 'Mobile phone (Debitsuccess `Mobile`).' },
    WORK: { description: 'Work phone (Debitsuccess `Work`).' },
    EMERGENCY: { description: 'Emergency contact (Debitsuccess `Emergency`); needs `contactName`.' },
  },
});

/** Debitsuccess PhoneNumberType values. */
export const DEBITSUCCESS_PHONE_TYPES = { HOME: 'Home', MOBILE: 'Mobile', WORK: 'Work', EMERGENCY: 'Emergency' } as const satisfies Record<
  PhoneType,
  string
>;
