import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ValidationFailedError } from './domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain error kind to its status and keeps the stable code', () => {
    const p = toProblem(new DomainError('POINTS.INSUFFICIENT_BALANCE', 'unprocessable', 'Not enough points', { available: 3 }), 'c-1', '/v1/x');
    expect(p).toMatchObject({
      status: 422,
      code: 'POINTS.INSUFFICIENT_BALANCE',
      detail: 'Not enough points',
      correlationId: 'c-1',
      instance: '/v1/x',
      details: { available: 3 },
    });
  });

  it('lists field violations of a validation error', () => {
    const p = toProblem(new ValidationFailedError([{ field: 'lines[0].quantity', rule: 'min', message: 'quantity must not be less than 1' }]), 'c-2');
    expect(p.status).toBe(400);
    expect(p.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(p.errors).toEqual([{ field: 'lines[0].quantity', rule: 'min', message: 'quantity must not be less than 1' }]);
  });

  it.each([
    ['conflict', 409],
    ['forbidden', 403],
    ['not_found', 404],
    ['rate_limited', 429],
    ['unavailable', 503],
  ] as const)('kind %s is status %i', (kind, status) => {
    expect(toProblem(new DomainError('X.Y', kind, 'm'), undefined).status).toBe(status);
  });

  it('keeps the status of Nest HTTP exceptions (routing 404, 400)', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), 'c').status).toBe(404);
    expect(toProblem(new BadRequestException('bad'), 'c')).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
  });

  it('maps body-parser failures to 400 / 413', () => {
    expect(toProblem(new BadRequestException("Expected ',' or '}' after property value in JSON at position 11"), 'c')).toMatchObject({
      status: 400,
      code: 'REQUEST.MALFORMED_BODY',
    });
    expect(toProblem(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' }), 'c')).toMatchObject({
      status: 400,
      code: 'REQUEST.MALFORMED_BODY',
    });
    expect(toProblem(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' }), 'c')).toMatchObject({
      status: 413,
      code: 'REQUEST.TOO_LARGE',
    });
  });

  it('hides the internals of unknown errors behind a bare 500', () => {
    const p = toProblem(new Error('connection string mongodb://secret@host failed'), 'c-3');
    expect(p).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'Internal error', correlationId: 'c-3' });
    expect(JSON.stringify(p)).not.toContain('secret');
  });
});
