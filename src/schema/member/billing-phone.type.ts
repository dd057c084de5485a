import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Debitsuccess `phoneType`; the four that `savePhone` writes share their names with `PhoneType`. */
export enum BillingPhoneType {
  HOME = 'HOME',
  MOBILE = 'MOBILE',
  WORK = 'WORK',
  EMERGENCY = 'EMERGENCY',
  FAX = 'FAX',
}

registerEnumType(BillingPhoneType, {
  name: 'BillingPhoneType',
  description: "A phone number's type at Debitsuccess (`phoneType`); the names it shares with `PhoneType` mean the same type.",
  valuesConfig: {
    HOME: { description: 'Debitsuccess `home`.' },
    MOBILE: { description: 'Debitsuccess `mobile`.' },
    WORK: { description: 'Debitsuccess `work`.' },
    EMERGENCY: { description: 'Debitsuccess `emergency`: an emergency contact, named in `name`.' },
    FAX: { description: 'Debitsuccess `fax` (`savePhone` does not write this type).' },
  },
});

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
