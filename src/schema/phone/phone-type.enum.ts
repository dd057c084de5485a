import { registerEnumType } from 'type-graphql';
import { PhoneType } from '../../domain/phone-type.js';

// Imported from here by the schema, so that the enum is registered before a type names it.
export { PhoneType };

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
