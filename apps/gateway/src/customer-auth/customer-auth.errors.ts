import { DomainError } from '@app/common';

/** Every error of customer sign-in, one stable code each. None tells whether an identifier belongs to a member. */
export const CustomerAuthErrors = {
  identifierRequired: () =>
    new DomainError('REQUEST.VALIDATION_FAILED', 'invalid', 'Give exactly one of email or phone', {}, [
      { field: 'email', rule: 'exactlyOneOf', message: 'give exactly one of email or phone' },
    ]),
  tooManyCodes: () =>
    new DomainError('AUTH.TOO_MANY_CODES', 'rate_limited', 'Too many codes were asked for this identifier; try again later / 验证码请求过于频繁，请稍后再试'),
  invalidCode: () => new DomainError('AUTH.INVALID_CODE', 'unauthenticated', 'The code is wrong, used or expired; ask for a new one / 验证码错误或已失效'),
  signInRefused: () => new DomainError('AUTH.SIGN_IN_REFUSED', 'forbidden', 'This membership cannot sign in / 该会员无法登录'),
  invalidRefreshToken: () => new DomainError('AUTH.INVALID_REFRESH_TOKEN', 'unauthenticated', 'The refresh token is not valid; sign in again'),
  membersUnavailable: () =>
    new DomainError('GATEWAY.SERVICE_UNAVAILABLE', 'unavailable', 'The members service could not be asked; try again later', { service: 'members' }),
};
