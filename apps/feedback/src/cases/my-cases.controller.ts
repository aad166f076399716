import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CaseIntakeService } from './case-intake.service';
import { CaseQueryService } from './case-query.service';
import { CaseWorkflowService } from './case-workflow.service';
import { CaseList, CaseView } from './case-view';
import { CasesErrors } from './cases.errors';
import { CustomerCaseDto, CustomerReplyDto } from './dto/case.dto';

/** A customer's own cases: the member id is the token's, never the request's. */
@ApiTags('my cases')
@Controller('v1/me/cases')
export class MyCasesController {
  constructor(
    private readonly intake: CaseIntakeService,
    private readonly workflow: CaseWorkflowService,
    private readonly query: CaseQueryService,
  ) {}

  @Post()
  @RequirePermission('feedback.me.cases')
  @ApiOperation({ summary: 'Open a complaint, consultation or after-sales request (channel app, severity normal until staff assess it)' })
  @ApiCreatedResponse({ type: CaseView })
  async open(@CurrentActor() actor: Actor, @Body() body: CustomerCaseDto): Promise<CaseView> {
    const c = await this.intake.open({
      ...body,
      severity: 'normal',
      channel: 'app',
      storeId: body.storeId ?? null,
      purchaseId: body.purchaseId ?? null,
      memberId: memberOf(actor),
      contact: null,
      attachments: body.attachments ?? [],
      actor,
    });
    return this.query.viewFor(c, actor);
  }

  @Get()
  @RequirePermission('feedback.me.cases')
  @ApiOkResponse({ type: CaseList })
  async list(@CurrentActor() actor: Actor): Promise<CaseList> {
    return { items: await this.query.ofCustomer(memberOf(actor), actor) };
  }

  @Get(':caseId')
  @RequirePermission('feedback.me.cases')
  @ApiOkResponse({ type: CaseView })
  async get(@CurrentActor() actor: Actor, @Param('caseId') caseId: string): Promise<CaseView> {
    return this.query.oneOfCustomer(caseId, memberOf(actor), actor);
  }

  @Post(':caseId/replies')
  @HttpCode(200)
  @RequirePermission('feedback.me.cases')
  @ApiOperation({ summary: 'Reply to a case awaiting me: it goes back to investigating and its deadlines run again' })
  @ApiOkResponse({ type: CaseView })
  async reply(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: CustomerReplyDto): Promise<CaseView> {
    return this.query.viewFor(await this.workflow.customerReply(caseId, memberOf(actor), body.message, actor), actor);
  }
}

function memberOf(actor: Actor): string {
  if (!actor.memberId) throw CasesErrors.notFound();
  return actor.memberId;
}
