import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { memberFromId } from '../member/member-id.js';
import { optionalText, requireText } from '../shared/validate.js';
import { LoginInput } from './login.input.js';
import { LoginPayload } from './login.payload.js';

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginPayload, {
    description: 'Checks member portal credentials with Kognitiv `ExternalLogin`. Wrong credentials are INVALID_CREDENTIALS.',
  })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() { vendors }: RequestContext): Promise<LoginPayload> {
    const member = memberFromId('input.accountId', input.accountId);
    const names = await vendors.kognitiv.externalLogin({
      accountId: member.id,
      password: requireText('input.password', input.password),
      location: optionalText('input.location', input.location),
    });
    return { member, ...names };
  }
}
