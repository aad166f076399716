import { buildUrl, toApiError } from './client';

describe('console API client', () => {
  it('fills path parameters encoded and drops empty query values', () => {
    expect(buildUrl('/v1/members/{memberId}/points/history', { memberId: 'm 1/2' }, { limit: 20, cursor: undefined, q: '' })).toBe('/v1/members/m%201%2F2/points/history?limit=20');
  });

  it('refuses a path parameter that was not given', () => {
    expect(() => buildUrl('/v1/members/{memberId}', {})).toThrow('missing path parameter memberId');
  });

  it('reads a problem+json body into a readable error with its fields and trace id', () => {
    const e = toApiError(400, {
      code: 'REQUEST.VALIDATION_FAILED',
      detail: 'The request is invalid',
      correlationId: 'c-1',
      errors: [{ field: 'points', rule: 'isInt', message: 'points must be an integer' }, 'noise'],
    });
    expect(e).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'The request is invalid', correlationId: 'c-1', fields: [{ field: 'points', rule: 'isInt' }] });
  });

  it('still says something readable when the answer is not problem+json', () => {
    expect(toApiError(502, undefined, 'c-2')).toMatchObject({ code: 'HTTP.502', detail: 'HTTP 502', correlationId: 'c-2', fields: [] });
  });
});
