import { Field, Int, ObjectType } from 'type-graphql';
import { Member } from '../member/member.type.js';

@ObjectType({ description: 'A recorded interaction (Kognitiv `Interaction.asmx RecordInteraction`).' })
export class RecordInteractionPayload {
  @Field(() => Int, { description: 'Kognitiv interaction id.' })
  interactionId!: number;

  @Field(() => Member, { description: 'The member the interaction was recorded for.' })
  member!: Member;
}
