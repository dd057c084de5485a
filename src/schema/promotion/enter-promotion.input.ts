import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A product code entered by a member, identified by phone number.' })
export class EnterPromotionInput {
  @Field({ description: "The member's phone number with its country code, e.g. `+64 21 123 4567`." })
  phoneNumber!: string;

  @Field({ description: 'The product code being entered.' })
  productCode!: string;

  @Field(() => String, { nullable: true, description: 'Kognitiv location external reference; defaults to the configured location.' })
  location?: string | null;
}
