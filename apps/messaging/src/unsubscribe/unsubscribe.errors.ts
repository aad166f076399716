import { DomainError } from '@app/common';

/** Every error of the unsubscribe feature, one stable code each. */
export const UnsubscribeErrors = {
  invalidLink: () =>
    new DomainError('UNSUBSCRIBE.INVALID_LINK', 'invalid', 'This unsubscribe link is not valid / 此退订链接无效', {}, [
      { field: 'token', rule: 'signedLink', message: 'token must be the one from an unsubscribe link' },
    ]),
  memberGone: () => new DomainError('UNSUBSCRIBE.MEMBER_GONE', 'gone', 'This membership no longer exists / 该会员已不存在'),
};
