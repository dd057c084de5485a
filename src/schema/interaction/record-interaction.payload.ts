import { Field, Int, ObjectType } from 'type-graphql';
import { MemberPayload } from '../member/member-payload.type.js';

@ObjectType({ description: 'A recorded interaction (Kognitiv `Interaction.asmx RecordInteraction`).' })
export class RecordInteractionPayload extends MemberPayload {
  @Field(() => Int, { description: 'Kognitiv interaction id.' })
  interactionId!: number;
}
