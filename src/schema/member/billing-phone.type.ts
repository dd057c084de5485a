import { Field, ID, ObjectType } from 'type-graphql';
import { describedEnum, type EnumValue } from '../shared/described-enum.js';

/** Debitsuccess `phoneType`; the four that `savePhone` writes share their names with `PhoneType`. */
export const BillingPhoneType = describedEnum(
  'BillingPhoneType',
  "A phone number's type at Debitsuccess (`phoneType`); the names it shares with `PhoneType` mean the same type.",
  {
    HOME: 'Debitsuccess `home`.',
    MOBILE: 'Debitsuccess `mobile`.',
    WORK: 'Debitsuccess `work`.',
    EMERGENCY: 'Debitsuccess `emergency`: an emergency contact, named in `name`.',
    FAX: 'Debitsuccess `fax` (`savePhone` does not write this type).',
  },
);
export type BillingPhoneType = EnumValue<typeof BillingPhoneType>;

@ObjectType({
  description:
    'A phone number as Debitsuccess holds it for the customer behind a billing account (REST ' +
    '`GET /customers/{customerId}/phoneNumbers`). Debitsuccess keeps one number per type: `savePhone` replaces it.',
})
export class BillingPhone {
  @Field(() => ID, { description: 'Debitsuccess phone number id (`phoneNumberId`).' })
  id!: string;

  @Field(() => ID, { description: 'The Debitsuccess customer holding the number (`BillingAccount.customerId`).' })
  customerId!: string;

  @Field(() => BillingPhoneType, { description: 'Its type (`phoneType`).' })
  type!: BillingPhoneType;

  @Field(() => String, { nullable: true, description: 'Country calling code as Debitsuccess holds it, e.g. `+64` (`countryCode`).' })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Area (STD) code, e.g. `09` (`areaCode`); `null` when none.' })
  areaCode!: string | null;

  @Field({ description: 'The number as Debitsuccess holds it, without country and area code (`phoneNumber`).' })
  number!: string;

  @Field(() => String, { nullable: true, description: 'Contact name (`phoneName`), e.g. for an emergency contact; `null` when none.' })
  name!: string | null;

  @Field({ description: "The customer's preferred number (`isPrimary`; `savePhone`'s `preferred`)." })
  preferred!: boolean;
}
