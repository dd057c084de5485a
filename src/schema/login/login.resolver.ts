import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { VendorReturnCodeError } from '../../vendors/vendor-error.js';
import { OpenToAnyone } from '../auth/access.js';
import type { RequestContext } from '../context.js';
import { memberError } from '../errors/member-error.js';
import { returnCodeErrorCode } from '../errors/vendor-error-extensions.js';
import { parseMemberIdOrAccountId } from '../member/member-id.js';
import { Costs } from '../shared/field-cost.js';
import { INPUT_LIMITS } from '../shared/input-limits.js';
import { optionalText, requireText } from '../shared/validate.js';
import { LoginInput } from './login.input.js';
import { LoginPayload } from './login.payload.js';

@Resolver()
export class LoginResolver {
  @OpenToAnyone()
  @Costs('login')
  @Mutation(() => LoginPayload, {
    description:
      'Checks member portal credentials with Kognitiv `ExternalLogin` (open to anyone: it is how a member proves who they are). Wrong ' +
      'credentials are INVALID_CREDENTIALS; repeated failures for one account from one caller, or across many accounts from one ' +
      'caller, are LOGIN_THROTTLED without calling Kognitiv.',
  })
  async login(
    @Arg('input', () => LoginInput, { description: 'Club account id and portal password.' }) input: LoginInput,
    @Ctx() { vendors, caller, loginThrottle }: RequestContext,
  ): Promise<LoginPayload> {
    const member = parseMemberIdOrAccountId('input', input);
    const password = requireText('input.password', input.password, INPUT_LIMITS.password);
    const location = optionalText('input.location', input.location, INPUT_LIMITS.location);
    // The slot is taken before Kognitiv is called: a check made first and counted after lets a batch all pass.
    const attempt = await loginThrottle.reserve(caller.address, member.id);
    if ('retryAfterSeconds' in attempt) {
      throw memberError('LOGIN_THROTTLED', { retryAfter: attempt.retryAfterSeconds, retryable: true });
    }
    let names;
    try {
      names = await vendors.kognitiv.externalLogin({ accountId: member.id, password, location });
    } catch (error) {
      // A credential failure is what the error table tells the client is wrong credentials: it keeps its slot.
      if (!(error instanceof VendorReturnCodeError && returnCodeErrorCode(error) === 'INVALID_CREDENTIALS')) await attempt.giveBack();
      throw error;
    }
    await attempt.succeeded();
    return { member, ...names };
  }
}
