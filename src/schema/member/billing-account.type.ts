import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A Debitsuccess direct-debit billing account (REST `GET /accounts?accountExternalId=`). Amounts in the account currency.',
})
export class BillingAccount {
  @Field(() => ID, { description: 'Debitsuccess account id.' })
  accountId!: string;

  @Field(() => ID, { description: 'Debitsuccess customer id.' })
  customerId!: string;

  @Field(() => Int, { description: 'Overdue status: 0 none, up to 3 most severe.' })
  overdueStatus!: number;

  @Field(() => Float, { description: 'Overdue payment amount (`overdueAmountPayment`).' })
  overdueAmount!: number;

  @Field(() => Float, { description: 'Overdue fees (`overdueAmountFee`).' })
  overdueFees!: number;

  @Field({ description: 'Billing is suspended.' })
  suspended!: boolean;

  @Field({ description: 'Payments are stopped.' })
  paymentStopped!: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Next billing date (ISO `YYYY-MM-DD`), `null` when none is scheduled.' })
  nextBillingDate!: string | null;

  @Field({ description: 'The account has a close date.' })
  closed!: boolean;
}
