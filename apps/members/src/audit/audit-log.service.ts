import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, isTimeIdCursor, ValidationFailedError } from '@app/common';
import { AccessAuditRepository } from '../privacy/access-audit.repository';
import type { AuditLogPage, AuditLogQuery } from './dto/audit-log.dto';

/** The auditor's view of the personal-data access log that every unmasked read writes. */
@Injectable()
export class AuditLogService {
  constructor(private readonly log: AccessAuditRepository) {}

  async search(query: AuditLogQuery): Promise<AuditLogPage> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new ValidationFailedError([{ field: 'to', rule: 'isAfterFrom', message: 'to must be later than from' }]);
    const after = query.cursor ? decodeCursor(query.cursor, isTimeIdCursor) : undefined;
    const limit = query.limit ?? 50;
    const rows = await this.log.search(
      { memberId: query.memberId, actorId: query.actorId, from, to, before: after ? { at: new Date(after[0]), id: after[1] } : undefined },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r._id,
        memberId: r.memberId,
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        fields: r.fields,
        reason: r.reason,
        at: new Date(r.at).toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.at).toISOString(), last._id]) : null,
    };
  }
}
